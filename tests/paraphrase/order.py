"""Word order: 申请75件 ↔ 75件申请, 政府信息1913条 ↔ 1913条政府信息 (the nouns in words.toml)."""

from __future__ import annotations

from paraphrase.quantity import quantity_word
from paraphrase.sentence import CLAUSE_MARKS, WORDS, Paraphrase, Sentence, rewrite, word_after, word_before

_NOUNS: list[str] = WORDS["order"]["nouns"]


def _swap(sentence: Sentence) -> str:
    text, edits = sentence.text, []
    for claim in sentence.claims:
        if claim.figure is None:
            continue
        start, end = claim.figure
        quantity = quantity_word(text, claim)
        before = quantity[0] if quantity and quantity[1] == start else start
        noun = word_before(text, before, _NOUNS)
        if noun and end == claim.region[1]:  # 申请(共)75件 → (共)75件申请
            edits += [(before - len(noun), before, ""), (end, end, noun)]
            continue
        noun = word_after(text, end, _NOUNS)
        if noun and (end + len(noun) == len(text) or text[end + len(noun)] in CLAUSE_MARKS):
            edits += [(start, start, noun), (end, end + len(noun), "")]  # 75件申请， → 申请75件，
    if not edits:
        return rewrite(text, [])
    return _apply_moves(text, edits)


def _apply_moves(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Deletions and insertions at distinct places, applied from the end (rewrite would drop an
    insertion at a deletion's end as overlapping)."""
    for start, end, new in sorted(set(edits), key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


PARAPHRASES = [Paraphrase("word-order", "swap", "申请N件 ↔ N件申请", _swap)]
