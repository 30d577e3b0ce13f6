"""Finding where a place of a finding stands in a report's document: a cell of a statistics table
(a merged cell's copy stands for the cell shown), or a figure in a text block, found from the
place's line and column."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from auditor.model.document import TextBlock
from auditor.model.findings import Place
from auditor.model.report import Report
from auditor.render.html_report.grid import Layout, cell_spot, plan_layout


@dataclass(frozen=True)
class InCell:
    """A place that stands in a table cell (the one shown, for a merged cell's copy)."""

    table: int
    row: int
    col: int


@dataclass(frozen=True)
class InText:
    """A place that stands in a text block, from offset `start` to `end`."""

    block: int  # index in the document's blocks
    start: int
    end: int


# One line of a text block: (block index, offset, column of that offset, offset where it ends).
_Segment = tuple[int, int, int, int]


class Locator:
    """Where the places of findings stand in one report's document."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.blocks = report.document.blocks
        self.tables = {t.number: t for t in report.document.tables}
        self.layouts: dict[int, Layout] = {number: plan_layout(t) for number, t in self.tables.items()}
        self.cells = {(t.number, *cell_spot(c, i, j)) for t in self.tables.values()
                      for i, row in enumerate(t.rows) for j, c in enumerate(row)}
        self._segments: dict[tuple[int | None, int], list[_Segment]] | None = None

    def find(self, place: Place) -> InCell | InText | None:
        """Where `place` stands, or None where it is not found."""
        loc = place.location
        if loc.table is not None and loc.row is not None and loc.col is not None:
            return self._in_cell(loc.table, loc.row, loc.col)
        return self._in_text(place)

    def _in_cell(self, number: int, row: int, col: int) -> InCell | None:
        table = self.tables.get(number)
        if table is None:
            return None
        row, col = self.layouts[table.number].shown_at.get((row, col), (row, col))
        if (table.number, row, col) not in self.cells:
            return None
        return InCell(table.number, row, col)

    def _in_text(self, place: Place) -> InText | None:
        """The text block and offsets of a place given by line and column (the inverse of
        TextBlock.locate); a block whose text there is the place's own is preferred."""
        loc = place.location
        found = None
        for index, start, column, end in self._segments_on(loc.page, loc.line):
            offset = start + loc.column - column
            if not start <= offset < max(end, start + 1):
                continue
            block = self.blocks[index]
            assert isinstance(block, TextBlock)
            got = block.locate(offset)
            if (got.line, got.column, got.page) != (loc.line, loc.column, loc.page):
                continue
            candidate = InText(index, *self._figure_span(block, offset, place))
            if block.text.startswith(place.text, offset):
                return candidate
            found = found or candidate
        return found

    def _segments_on(self, page: int | None, line: int) -> list[_Segment]:
        """The segments of text blocks on a line of a page (from an index built once)."""
        if self._segments is None:
            self._segments = defaultdict(list)
            for index, block in enumerate(self.blocks):
                if not isinstance(block, TextBlock):
                    continue
                segments = block.segments
                for s, seg in enumerate(segments):
                    end = segments[s + 1].offset if s + 1 < len(segments) else len(block.text)
                    self._segments[(block.page, seg.line)].append((index, seg.offset, seg.column, end))
        return self._segments.get((page, line), [])

    def _figure_span(self, block: TextBlock, start: int, place: Place) -> tuple[int, int]:
        """Where the place's figure stands in the block: at `start`, or (a place that points at
        the start of its row label) the figure's first occurrence after it, or the label."""
        text = place.text
        if text and block.text.startswith(text, start):
            return start, start + len(text)
        for figure in self.report.extraction.narrative:
            if figure.block is block and figure.start == start:
                return start, figure.end
        after = block.text.find(text, start) if text else -1
        if after >= 0:
            return after, after + len(text)
        if place.context and block.text.startswith(place.context, start):
            return start, start + len(place.context)
        return start, min(len(block.text), start + max(len(text), 1))
