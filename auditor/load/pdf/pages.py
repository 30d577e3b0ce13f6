"""One page, as pdfium read it (source.py): its words and text lines, its ruled tables (else its
borderless ones), without its page number, and a one-column frame at its foot that may be the
first row of a table going on over the page. What is left, text lines and tables, top to bottom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from auditor.load.pdf.borderless import aligned_grids
from auditor.load.pdf.grids import Grid, fill, place_blanks
from auditor.load.pdf.rulings import ruled_grids
from auditor.load.pdf.source import PageData
from auditor.load.pdf.tolerances import PAGE_BOTTOM, SNAP
from auditor.load.pdf.words import Line, group_lines, page_words

_PAGE_NUMBER = re.compile(r"[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+")

Item = Union[Line, Grid]


@dataclass
class Page:
    """A page as read: its number, height, and its text lines and tables."""

    number: int
    height: float
    first_line: int  # the number its first line has (or would have) in Document.lines
    items: list[Item]  # text lines and tables, top to bottom


def read_page(page: PageData, number: int, lines_out: list[str]) -> Page:
    """Read `page`; its text lines are appended to `lines_out` (Document.lines)."""
    first_line = len(lines_out) + 1
    words = page_words(page.chars, number)
    lines = group_lines(words, number, first_line - 1)
    lines_out.extend(" ".join(w.text for w in line.words) for line in lines)
    ruled = ruled_grids(page, words)
    grids = [g for g in ruled if len(g.xs) > 2]  # one column: a frame around text, not a table
    text_lines = _text_lines(lines, fill(grids, words))
    grids = [g for g in grids if any(box.words for row in g.rows for box in row)]
    if not grids:
        grids, text_lines = aligned_grids(text_lines, lines)
    text_lines = [line for line in text_lines if not _is_page_number(line, page.height)]
    frame = _last_frame([g for g in ruled if len(g.xs) == 2], text_lines, page.height)
    if frame is not None:  # maybe the first row of a table that goes on over the page
        text_lines = text_lines[:len(text_lines) - len(frame.frame_lines or [])]
        grids.append(frame)
    for grid in grids:
        place_blanks(grid, lines)
    items: list[Item] = [*text_lines, *grids]
    items.sort(key=lambda item: item.top)
    return Page(number, page.height, first_line, items)


def _last_frame(frames: list[Grid], text_lines: list[Line], height: float) -> Grid | None:
    """A one-column frame at the foot of the page with the last lines of text in it, filled with
    their words; `frame_lines` keeps the lines, should no table on the next page continue it."""
    if not frames:
        return None
    frame = max(frames, key=lambda g: g.bottom)
    inside = [line for line in text_lines if line.top >= frame.top - SNAP]
    if frame.bottom < PAGE_BOTTOM * height or not inside or any(line.bottom > frame.bottom + SNAP for line in inside):
        return None
    frame.frame_lines = inside
    fill([frame], [w for line in inside for w in line.words])
    return frame


def _is_page_number(line: Line, height: float) -> bool:
    near_edge = line.top > 0.85 * height or line.bottom < 0.15 * height
    return near_edge and bool(_PAGE_NUMBER.fullmatch(" ".join(w.text for w in line.words)))


def _text_lines(lines: list[Line], inside: set[int]) -> list[Line]:
    """The lines of running text: each page line without the words that stand in a table."""
    result = []
    for line in lines:
        words = [w for w in line.words if id(w) not in inside]
        if words:
            result.append(Line(words, line.number, line.page))
    return result
