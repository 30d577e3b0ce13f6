"""The document's blocks in reading order: text lines gathered into headings and paragraphs (a
paragraph may run on to the next page), and the tables, each grid made a Table whose merged
cells' copies point at the cell they copy with `span_of`."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from auditor.load.pdf.grids import Grid
from auditor.load.pdf.pages import Page
from auditor.load.pdf.patterns import STOPS
from auditor.load.pdf.words import Line, joint

# Shared with the text and HTML loaders, so that all of them read headings alike.
from auditor.load.text import HEADING_MAX, SECTION, SENTENCE_END
from auditor.model.document import Cell, Location, Segment, Table, TextBlock


def build_blocks(pages: list[Page]) -> list[TextBlock | Table]:
    """The blocks of the document `pages` hold (their tables joined across page breaks)."""
    return _Blocks(pages).build()


@dataclass
class _PdfTextBlock(TextBlock):
    """A paragraph may run on to the next page: the page of each character follows from its line."""

    first_lines: list[int] = field(default_factory=list, repr=False, compare=False)

    def locate(self, offset: int) -> Location:
        location = super().locate(offset)
        page = bisect.bisect_right(self.first_lines, location.line)
        return replace(location, page=page or None)


class _Blocks:
    """Text lines gathered into headings and paragraphs, and tables, in page order."""

    def __init__(self, pages: list[Page]):
        self.pages = pages
        self.first_lines = [page.first_line for page in pages]
        text = [i for p in pages for i in p.items if isinstance(i, Line)]
        grids = [i for p in pages for i in p.items if isinstance(i, Grid)]
        # The text block's sides: no line starts left of the margin; most full lines reach near
        # the right one (ragged when not justified, so a high share rather than the furthest).
        # Tables span the text block too, which matters in a short report.
        self.left = min([line.x0 for line in text] + [g.xs[0] for g in grids], default=0.0)
        ends = sorted(line.x1 for line in text)
        self.right = max([ends[int(0.9 * (len(ends) - 1))] if ends else 0.0, *(g.xs[-1] for g in grids)])
        gaps = [b.top - a.bottom for a, b in zip(text, text[1:]) if a.page == b.page and b.top > a.bottom]
        self.gap = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
        self.blocks: list[TextBlock | Table] = []
        self.pending: list[Line] = []

    def build(self) -> list[TextBlock | Table]:
        for page in self.pages:
            for item in page.items:
                if isinstance(item, Grid):
                    self.flush()
                    self.blocks.append(_table(item, sum(isinstance(b, Table) for b in self.blocks) + 1))
                else:
                    if self.pending and self._breaks(self.pending[-1], item):
                        self.flush()
                    self.pending.append(item)
        self.flush()
        return self.blocks

    def _breaks(self, before: Line, line: Line) -> bool:
        """Whether a paragraph ends between `before` and `line`."""
        size = before.height
        if STOPS.search(before.text) or self._heading_like(before) or self._heading_like(line):
            return True
        if line.x0 - self.left >= 1.5 * size or before.x1 < self.right - 3 * size:
            return True  # the next line is indented, or this one stops short: a new paragraph
        return line.page == before.page and line.top - before.bottom > max(1.8 * self.gap, self.gap + 0.5 * size)

    def _heading_like(self, line: Line) -> bool:
        return _is_heading(line.text) and line.x1 < self.right - 3 * line.height

    def flush(self) -> None:
        lines, self.pending = self.pending, []
        if not lines:
            return
        text, segments = "", []
        for line in lines:
            for i, word in enumerate(line.words):
                if text:
                    text += joint(line.words[i - 1] if i else None, word, text[-1])
                segments.append(Segment(len(text), word.line, word.column))
                text += word.text
        kind = "heading" if _is_heading(text) else "paragraph"
        self.blocks.append(_PdfTextBlock(kind, text, segments, page=lines[0].page, first_lines=self.first_lines))


def _is_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX and bool(SECTION.match(text)) and not SENTENCE_END.search(text)


def _table(grid: Grid, number: int) -> Table:
    """The Table of `grid`: each slot a Cell; a merged cell's copies point at it with `span_of`."""
    boxes = [[slot.resolve() for slot in row] for row in grid.rows]
    origin: dict[int, tuple[int, int]] = {}
    texts: dict[int, str] = {}
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            origin.setdefault(id(box), (r, c))
            if id(box) not in texts:
                texts[id(box)] = box.text
    rows = []
    for r, row in enumerate(boxes):
        cells = []
        for c, box in enumerate(row):
            line, column, page = box.place()
            r0, c0 = origin[id(box)]
            span = None if (r0, c0) == (r, c) else Location(line, column, page, number, r0 + 1, c0 + 1)
            cells.append(Cell(texts[id(box)], Location(line, column, page, number, r + 1, c + 1), span_of=span))
        rows.append(cells)
    return Table(rows=rows, number=number, page=grid.page)
