"""Building blocks shared by the loaders of marked-up formats (HTML, DOCX): how pieces of text
join, and how a block's characters map back to their places in the file."""

from __future__ import annotations

from auditor.document import Segment
from auditor.load.text import HEADING_MAX, SECTION, SENTENCE_END, is_cjk


def separator(before: str, after: str, brk: bool) -> str:
    """What stands between two pieces joined across whitespace (brk=False) or a line break:
    nothing between CJK characters (Chinese text wraps anywhere), a space between words."""
    if brk:
        return " " if before.isascii() and after.isascii() and before.isalpha() and after.isalpha() else ""
    return "" if is_cjk(before) and is_cjk(after) else " "


def segments(where: list[tuple[int, int]]) -> list[Segment]:
    """One Segment per run of characters that stand side by side on one line of the source."""
    return [Segment(i, line, col) for i, (line, col) in enumerate(where)
            if not i or where[i - 1] != (line, col - 1)]


def is_heading(text: str) -> bool:
    """A short numbered line without a sentence end: 一、总体情况, （二）主动公开."""
    return len(text) <= HEADING_MAX and bool(SECTION.match(text)) and not SENTENCE_END.search(text)
