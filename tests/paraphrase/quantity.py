"""Quantity words: 共, 共计 or 合计 before a total (or before its verb: 共收到…), one for another, or
one added where the total follows what it counts (申请75件 → 申请共计75件). Parts of a list keep
theirs: no body writes 共 before each part."""

from __future__ import annotations

import functools

from paraphrase.sentence import WORDS, Claim, Paraphrase, Sentence, rewrite, word_before

_WORDS: list[str] = WORDS["quantity"]["words"]
_KNOWN = _WORDS + WORDS["quantity"]["others"]


def quantity_word(text: str, claim: Claim) -> tuple[int, int] | None:
    """The span of the quantity word of `claim`'s figure: right before it, or before its phrase."""
    assert claim.figure is not None
    for end in (claim.figure[0], claim.region[0]):
        word = word_before(text, end, _KNOWN)
        if word:
            return end - len(word), end
    return None


def _to(word: str, sentence: Sentence) -> str:
    edits = []
    for claim in sentence.heads():
        span = quantity_word(sentence.text, claim)
        if span is None:
            if claim.figure[1] == claim.region[1]:  # the figure follows its subject: 申请75件
                edits.append((claim.figure[0], claim.figure[0], word))
        elif sentence.text[span[0]:span[1]] != word:
            edits.append((*span, word))
    return rewrite(sentence.text, edits)


PARAPHRASES = [Paraphrase("quantity-word", name, f"→{word}", functools.partial(_to, word))
               for word, name in zip(_WORDS, WORDS["quantity"]["ids"])]
