"""A loaded Document as plain pieces, and the ways a publishing pipeline writes them out.

A merged cell is written once, as a converter writes it: its copies (the loader's expansion of
rowspan/colspan) become None here and empty cells in every rendering.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from auditor.model.document import Cell, Document, Table

Row = tuple[str | None, ...]  # None: the copy of a merged cell

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACES = re.compile(r"[ \u3000]{2,}")
GAP = "   "  # between the columns of layout text: two spaces or more part cells (pdftotext -layout)


@dataclass(frozen=True)
class Text:
    kind: str  # "heading" or "paragraph"
    text: str


@dataclass(frozen=True)
class Grid:
    rows: tuple[Row, ...]

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


Piece = Text | Grid


def pieces(document: Document) -> list[Piece]:
    return [_grid(block) if isinstance(block, Table) else Text(block.kind, block.text) for block in document.blocks]


def _grid(table: Table) -> Grid:
    width = max((len(row) for row in table.rows), default=0)
    return Grid(tuple(tuple(_cell_text(cell) for cell in row) + ("",) * (width - len(row)) for row in table.rows))


def _cell_text(cell: Cell) -> str | None:
    if cell.span_of is not None:
        return None
    # A cell's own line breaks (a wrapped label) are not part of its text; a pipe would end it.
    return "".join(part.strip() for part in cell.text.splitlines()).replace("|", "｜")


def text_of(cell: str | None) -> str:
    return cell or ""


def is_number(cell: str | None) -> bool:
    return bool(cell) and _NUMBER.fullmatch(unicodedata.normalize("NFKC", cell)) is not None


def first_value(row: Row) -> int | None:
    """The index of the row's first number, None for a header row."""
    return next((i for i, cell in enumerate(row) if is_number(cell)), None)


def naming_label(row: Row) -> int | None:
    """The index of the label that names a data row: the last text left of its first number."""
    end = first_value(row)
    if end is None:
        return None
    return next((i for i in range(end - 1, -1, -1) if row[i]), None)


def data_rows(grid: Grid) -> list[int]:
    return [i for i, row in enumerate(grid.rows) if first_value(row) is not None]


# ---- Markdown -----------------------------------------------------------------------------


def markdown(document: Iterable[Piece], table=None) -> str:
    """Headings as '## …', paragraphs, and each grid written by `table` (pipe tables by default)."""
    table = table or pipe_table
    return "\n\n".join(_markdown_piece(piece, table) for piece in document) + "\n"


def _markdown_piece(piece: Piece, table) -> str:
    if isinstance(piece, Grid):
        return table(piece)
    return f"## {piece.text}" if piece.kind == "heading" else piece.text


def pipe_table(grid: Grid, header: Sequence[str] | None = None) -> str:
    """A Markdown pipe table: `header` (else the first row), the delimiter row, the rows."""
    rows = [list(header)] if header is not None else []
    rows += [[text_of(c) for c in row] for row in grid.rows]
    lines = [_pipe_line(row) for row in rows]
    lines.insert(1, "|" + " --- |" * len(rows[0]))
    return "\n".join(lines)


def _pipe_line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def generic_header(width: int) -> list[str]:
    return [f"列{k}" for k in range(1, width + 1)]


# ---- aligned layout text ------------------------------------------------------------------


def layout(document: Iterable[Piece]) -> str:
    """As `pdftotext -layout` writes a page: each table row on one line, its cells padded to the
    column's width (a CJK character is two columns wide) and parted by spaces; text as lines."""
    lines: list[str] = []
    for piece in document:
        if isinstance(piece, Grid):
            lines += _layout_grid(piece)
        else:
            lines.append(_SPACES.sub(" ", piece.text))
        lines.append("")
    return "\n".join(lines)


def _layout_grid(grid: Grid) -> list[str]:
    widths = _column_widths(grid)
    starts = [sum(widths[:c]) + len(GAP) * c for c in range(grid.width)]
    lines = []
    for row in grid.rows:
        line = ""
        for start, cell in zip(starts, row):
            if cell:
                line = _pad(line, start) + cell
        lines.append(line)
    return lines


def _column_widths(grid: Grid) -> list[int]:
    """Each column as wide as its widest cell; a merged cell (its copies to its right) may use
    the columns it spans, and widens the last of them if it needs more."""
    widths = [0] * grid.width
    spans = []
    for row in grid.rows:
        for c, cell in enumerate(row):
            span = _span(row, c)
            if cell and span == 1:
                widths[c] = max(widths[c], display_width(cell))
            elif cell:
                spans.append((c, span, display_width(cell)))
    for c, span, need in spans:
        have = sum(widths[c:c + span]) + len(GAP) * (span - 1)
        widths[c + span - 1] += max(0, need - have)
    return widths


def _span(row: Row, c: int) -> int:
    end = c + 1
    while end < len(row) and row[end] is None:
        end += 1
    return end - c


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ---- a row's label and numbers on lines of their own -------------------------------------


def two_lines(document: Iterable[Piece]) -> str:
    """As plain text extraction of a PDF reads a table: a data row's labels on one line, its
    numbers on the next, parted by single spaces; a header row's cells on one line."""
    lines: list[str] = []
    for piece in document:
        if isinstance(piece, Grid):
            for row in piece.rows:
                lines += _row_lines(row)
        else:
            lines.append(piece.text)
        lines.append("")
    return "\n".join(lines)


def _row_lines(row: Row) -> list[str]:
    start = first_value(row)
    if start is None:
        return [" ".join(c for c in row if c)]
    labels = " ".join(c for c in row[:start] if c)
    numbers = " ".join(c for c in row[start:] if c)
    return [labels, numbers] if labels else [numbers]


def loses_positions(grid: Grid) -> bool:
    """A blank cell between a row's numbers: with the cells parted by single spaces, no reader
    can tell which column the numbers after it belong to (blanks after the last number are harmless)."""
    for row in grid.rows:
        numbers = [i for i, cell in enumerate(row) if is_number(cell)]
        if numbers and any(row[i] == "" for i in range(numbers[0], numbers[-1])):
            return True
    return False


# ---- editing the pieces -------------------------------------------------------------------


def map_cells(document: Iterable[Piece], change) -> list[Piece]:
    """The pieces with `change(cell)` applied to every cell text of every grid (None stays None)."""
    return [Grid(tuple(tuple(c if c is None else change(c) for c in row) for row in piece.rows))
            if isinstance(piece, Grid) else piece for piece in document]


FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH_DIGITS)
