"""Building blocks shared by the loaders of marked-up formats (HTML, DOCX): how pieces of text
join, and how a block's characters map back to their places in the file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from auditor.load.text import HEADING_MAX, SECTION, SENTENCE_END, is_cjk
from auditor.model.document import Segment

# A character of the source with its line and column; None for a break (<br>, a cell's line end).
Char = tuple[Optional[str], int, int]
IGNORED = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}  # zero-width, soft hyphen
def compose(items: Iterable[Char]) -> tuple[str, list[tuple[int, int]]]:
    """The text of `items`, whitespace collapsed and trimmed, and where each character is.

    A whitespace run between two CJK characters reads as nothing: Chinese has no spaces, and a
    line break in the source is not one. A `None` break (an HTML <br>, a cell's line or a Word
    paragraph end inside a cell) reads as nothing too — it wraps labels and numbers:
    "本年新<br>制作数量" — except between two Latin letters.
    """
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    spaced = False  # whitespace since the last character
    space = brk = None  # where that whitespace, or a <br>, is
    for ch, line, col in items:
        if ch is None:
            brk = brk or (line, col)
        elif ch in IGNORED:
            continue
        elif ch.isspace():
            spaced = True
            # Lines are quoted without their "\n": a space read from one points further on.
            space = space or ((line, col) if ch != "\n" else None)
        else:
            if chars and (spaced or brk):
                sep = separator(chars[-1], ch, brk is not None)
                if sep:
                    chars.append(sep)
                    where.append(space or brk or (line, col))
            spaced, space, brk = False, None, None
            chars.append(ch)
            where.append((line, col))
    return "".join(chars), where


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
