"""A clause between a total's subject and its figure: 收到政府信息公开申请，经统计，共75件 (parts of
a list are left alone)."""

from __future__ import annotations

from paraphrase.quantity import quantity_word
from paraphrase.sentence import WORDS, Paraphrase, Sentence, rewrite

CLAUSE: str = WORDS["clause"]["text"]


def _insert(sentence: Sentence) -> str:
    edits = []
    for claim in sentence.heads():
        if claim.figure[1] != claim.region[1]:  # type: ignore[index]
            continue  # the figure stands before what it counts
        quantity = quantity_word(sentence.text, claim)
        at = quantity[0] if quantity and quantity[1] == claim.figure[0] else claim.figure[0]
        while at > claim.region[0] and sentence.text[at - 1] in " \u3000":
            at -= 1  # before the space a body leaves ahead of the figure: '信息，经统计，2543条'
        if at > claim.region[0]:
            edits.append((at, at, CLAUSE))
    return rewrite(sentence.text, edits)


PARAPHRASES = [Paraphrase("inserted-clause", "jingtongji", CLAUSE, _insert)]
