"""Synonym swaps: 受理↔收到↔接收, 办结↔答复↔办理完毕, 政府信息公开申请↔依申请公开申请 (words.toml),
inside the words a rule reads, where another body writes the other word. A group may hold only in
some templates: the pre-2019 统计表 counts 办结 and 答复 in rows of their own."""

from __future__ import annotations

import functools

from paraphrase.sentence import WORDS, Paraphrase, Sentence, rewrite


def _swap(old: str, new: str, sentence: Sentence) -> str:
    edits = []
    for claim in sentence.claims:
        start, end = claim.region
        at = sentence.text.find(old, start, end)
        while at >= 0:
            edits.append((at, at + len(old), new))
            at = sentence.text.find(old, at + len(old), end)
    return rewrite(sentence.text, edits)


PARAPHRASES = [Paraphrase("synonym", f"{group['id']}-{i}{j}", f"{old}→{new}", functools.partial(_swap, old, new),
                          tuple(group.get("templates", ())))
               for group in WORDS["synonyms"]
               for i, old in enumerate(group["words"]) for j, new in enumerate(group["words"]) if i != j]
