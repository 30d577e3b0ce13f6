"""Chinese numerals: a small count written in words (2件 → 两件, 12条 → 十二条, 35件 → 三十五件), as
reports write them; larger figures stay in digits."""

from __future__ import annotations

import re

from paraphrase.sentence import WORDS, Paraphrase, Sentence, rewrite

LARGEST: int = WORDS["numerals"]["largest"]
_DIGITS = "零一二三四五六七八九"
_ARABIC = re.compile(r"[0-9]+(?![0-9,，.．])")  # a whole number, not 1 of 1,650


def in_words(number: int) -> str:
    """1 → 一, 2 → 两 (before a counter), 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1 ≤ number ≤ 99)."""
    if not 1 <= number <= 99:
        raise ValueError(number)
    if number == 2:
        return "两"
    tens, ones = divmod(number, 10)
    return ("" if tens < 2 else _DIGITS[tens]) + ("十" if tens else "") + (_DIGITS[ones] if ones else "")


def _small_counts(sentence: Sentence) -> str:
    edits = []
    for (start, end), quantity in sentence.figures():
        digits = _ARABIC.match(sentence.text, start)
        if quantity.is_exact_count and digits and 1 <= int(digits.group()) <= LARGEST:
            edits.append((start, digits.end(), in_words(int(digits.group()))))
    return rewrite(sentence.text, edits)


PARAPHRASES = [Paraphrase("chinese-numeral", "small-counts", f"1…{LARGEST} in words", _small_counts)]
