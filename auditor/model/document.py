"""The loaded document: what every loader produces and every later stage reads.

A document is a list of blocks (headings, paragraphs, tables). Every piece of text keeps
where it stood in the source file, so a finding can point a person to the exact place.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass(frozen=True)
class Location:
    """A place in the source file. `line` and `column` are 1-based; `page` is None for text."""

    line: int
    column: int
    page: int | None = None
    table: int | None = None  # 1-based table number within the document
    row: int | None = None  # 1-based row within the table
    col: int | None = None  # 1-based column within the table


@dataclass(frozen=True)
class Segment:
    """Where the text of a block from `offset` on came from (up to the next segment)."""

    offset: int
    line: int
    column: int


@dataclass
class TextBlock:
    """A heading or paragraph: its text and how offsets in it map back to the file."""

    kind: Literal["heading", "paragraph"]
    text: str
    segments: list[Segment]
    page: int | None = None

    def locate(self, offset: int) -> Location:
        """The file location of character `offset` of this block's text."""
        seg = self.segments[max(bisect.bisect_right(self._starts(), offset) - 1, 0)]
        return Location(line=seg.line, column=seg.column + (offset - seg.offset), page=self.page)

    def _starts(self) -> list[int]:
        """The segments' offsets, listed once (a long HTML paragraph has thousands of segments
        and a figure in it is located several times), again only if `segments` changed length."""
        cached = self.__dict__.get("_segment_starts")
        if cached is None or len(cached) != len(self.segments):
            cached = self.__dict__["_segment_starts"] = [s.offset for s in self.segments]
        return cached

    @property
    def line(self) -> int:
        return self.segments[0].line if self.segments else 0


@dataclass
class Cell:
    text: str  # as written in the file (whitespace at the ends trimmed)
    location: Location
    # For a copy made by expanding a merged (rowspan/colspan) cell: where the merged cell
    # itself is. None for a cell as written.
    span_of: Location | None = None


@dataclass
class Table:
    rows: list[list[Cell]]
    number: int  # 1-based, in document order
    page: int | None = None

    @property
    def line(self) -> int:
        return self.rows[0][0].location.line if self.rows and self.rows[0] else 0


Block = Union[TextBlock, Table]


@dataclass
class Document:
    path: str
    format: str  # "text", "markdown", ...
    encoding: str | None
    blocks: list[Block] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the decoded source lines, for quoting
    title: str | None = None  # the file's own title where the format has one (HTML <title>)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def text_blocks(self) -> list[TextBlock]:
        return [b for b in self.blocks if isinstance(b, TextBlock)]

    def source_line(self, line: int) -> str:
        """The source line `line` (1-based) as decoded, or '' when out of range."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


# The sentence kept with a figure: whole up to CONTEXT_MAX characters (real reports' longest run
# to about 1,000), else CONTEXT_WINDOW characters either side of the figure, cut with "…".
CONTEXT_MAX = 2000
CONTEXT_WINDOW = 100
ELLIPSIS = "…"


def window(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> str:
    """text[start:end] with CONTEXT_WINDOW characters either side of it inside text[lo:hi],
    and "…" on a side where more of text[lo:hi] was left out."""
    hi = len(text) if hi is None else hi
    left, right = max(lo, start - CONTEXT_WINDOW), min(hi, end + CONTEXT_WINDOW)
    return (ELLIPSIS if left > lo else "") + text[left:right] + (ELLIPSIS if right < hi else "")
