"""Figures stated in the narrative: every number with a unit, with its sentence and place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.document import TextBlock
from auditor.extract.model import NarrativeFigure
from auditor.numbers import quantity_from_match, quantity_pattern

SENTENCE_END = "。！？；;!?"
_SENTENCE = re.compile(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]?")
# 一次性, 一体化, 第119次: a numeral that is part of a word or an ordinal, not a figure.
_NOT_AFTER = re.compile(r"^[性化体]")
_ORDINAL_BEFORE = "第"


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence or clause ending in 。！？；."""
    for match in _SENTENCE.finditer(text):
        if match.group(0).strip():
            yield match.start(), match.end()


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    for start, end in sentences(text):
        if start <= offset < end:
            return start, end
    return 0, len(text)


def figures_in(block: TextBlock) -> list[NarrativeFigure]:
    """Each figure with a unit in `block`, leaving out ordinals, parts of words and book titles."""
    text = block.text
    found = []
    for match in quantity_pattern().finditer(text):
        if not match["unit"] or not _is_figure(text, match):
            continue
        try:
            quantity = quantity_from_match(match)
        except (ValueError, ArithmeticError):
            continue
        start, end = sentence_at(text, match.start())
        found.append(NarrativeFigure(quantity, block, match.start(), match.end(), text[start:end]))
    return found


def _is_figure(text: str, match: re.Match[str]) -> bool:
    start, end = match.start("number"), match.end()
    before = text[:start].rstrip(" \u3000")[-1:]  # 第 3 次 is an ordinal too
    if before == _ORDINAL_BEFORE or (text[start - 1:start].isascii() and text[start - 1:start].isalnum()):
        return False
    if _NOT_AFTER.match(text[end:end + 1]):
        return False
    return not _inside_title(text, start)


def _inside_title(text: str, offset: int) -> bool:
    """Inside 《…》: 《…10条措施的意见》 names a document, it states no figure."""
    return text.rfind("《", 0, offset) > text.rfind("》", 0, offset)
