"""Punctuation as other pipelines write it: ； for ， after a figure (and back), half-width marks,
full-width digits, thousands separators."""

from __future__ import annotations

import functools
import re

from paraphrase.sentence import Paraphrase, Sentence, rewrite

_SWAP = {"，": "；", "；": "，"}
_HALF = str.maketrans("，；：（）", ",;:()")
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_ARABIC = re.compile(r"[0-9]{4,}")


def _semicolon(sentence: Sentence) -> str:
    """The mark right after what a rule reads of a total, ， as ； or ； as ，."""
    text = sentence.text
    ends = {claim.region[1] for claim in sentence.heads()}
    return rewrite(text, [(end, end + 1, _SWAP[text[end]]) for end in ends if end < len(text) and text[end] in _SWAP])


def _translated(table: dict[int, str], sentence: Sentence) -> str:
    text = sentence.text.translate(table)
    return rewrite(sentence.text, [(0, len(text), text)] if text != sentence.text else [])


def _thousands(separator: str, sentence: Sentence) -> str:
    """1913条 → 1,913条 (figures of four digits or more)."""
    edits = []
    for (start, _), quantity in sentence.figures():
        digits = _ARABIC.match(sentence.text, start)
        if digits and quantity.is_exact_count:
            edits.append((start, digits.end(), f"{int(digits.group()):,}".replace(",", separator)))
    return rewrite(sentence.text, edits)


PARAPHRASES = [
    Paraphrase("semicolon", "swap", "， ↔ ； after the figure", _semicolon),
    Paraphrase("half-width-marks", "all", "，；：（） → ,;:()", functools.partial(_translated, _HALF)),
    Paraphrase("full-width-digits", "all", "0-9 → ０-９", functools.partial(_translated, _FULL_DIGITS)),
    Paraphrase("thousands-separator", "ascii", "1913 → 1,913", functools.partial(_thousands, ",")),
    Paraphrase("thousands-separator", "full-width", "1913 → 1，913", functools.partial(_thousands, "，")),
]
