"""The renderings of a report a real publishing pipeline produces, each a pure function
Document → Rendering(text, format, expectation). `plain` is the baseline every other is
compared with: the same document as Markdown pipe tables, so a difference comes from the variant.

A variant that does not apply to a document (no table to split, no zero to blank) raises
NotApplicable with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from auditor.model.document import Document
from metamorphic.sheet import (
    Grid,
    Piece,
    Text,
    data_rows,
    first_value,
    full_width,
    generic_header,
    is_number,
    layout,
    loses_positions,
    map_cells,
    markdown,
    naming_label,
    pieces,
    pipe_table,
    two_lines,
)

# The extraction notes (checks/extraction.toml) a variant may make the tool add.
BY_POSITION = "columns-by-position"  # X108
BLANK_AS_ZERO = "blank-as-zero"  # X109

OPTIONAL_COLUMN = "累计"  # 历年累计, beside 本年度 in some provinces' 统计表
WRAP_AFTER = 8  # labels longer than this are wrapped over two lines (a narrow label column)
_ZERO = re.compile(r"0+(?:\.0+)?")


@dataclass(frozen=True)
class Expectation:
    """How the audit of a variant may differ from the baseline's: nothing, unless said here."""

    notes: frozenset[str] = frozenset()  # extraction notes (codes) it may add
    required: frozenset[str] = frozenset()  # of those, one must be added: the tool says what it did
    # (table, column), 1-based, of a column the variant emptied: the findings placed there may
    # change, and at least one new one must say so.
    column: tuple[int, int] | None = None
    derived_total: bool = False  # that column is table 三's 总计: each total reads as the sum of its row
    # The report's own blanks may read as 0: among blanked zeros they cannot be told apart.
    blank_reads_as_zero: bool = False


@dataclass(frozen=True)
class Rendering:
    text: str
    format: str  # "markdown" or "text"
    expectation: Expectation = field(default_factory=Expectation)

    @property
    def suffix(self) -> str:
        return ".md" if self.format == "markdown" else ".txt"


class NotApplicable(Exception):
    """The variant would write the document exactly as the baseline does, or cannot write it."""


def plain(document: Document) -> Rendering:
    return Rendering(markdown(pieces(document)), "markdown")


def row_tables(document: Document) -> Rendering:
    """Each table row its own mini-table under generic headers 列1…列N (the header rows too)."""
    def per_row(grid: Grid) -> str:
        return "\n\n".join(pipe_table(Grid((row,)), generic_header(grid.width)) for row in grid.rows)
    return Rendering(markdown(_with_grids(document), per_row), "markdown", Expectation(notes=frozenset({BY_POSITION})))


def row_tables_headless(document: Document) -> Rendering:
    """Each table row its own mini-table, the row itself on the header line: no header at all."""
    def per_row(grid: Grid) -> str:
        return "\n\n".join(pipe_table(Grid((row,))) for row in grid.rows)
    return Rendering(markdown(_with_grids(document), per_row), "markdown", Expectation(notes=frozenset({BY_POSITION})))


def generic_headers(document: Document) -> Rendering:
    """The header rows above a table's first data row replaced by one generic header 列1…列N,
    where every data row has a label of its own (table 四's unlabelled row keeps its headers:
    nothing else names its cells)."""
    document_pieces = pieces(document)
    replaced = [g for g in _grids(document_pieces) if _relabelable(g)]
    if not replaced:
        raise NotApplicable("no table with header rows, labelled data rows and only statutory columns")

    def write(grid: Grid) -> str:
        if grid not in replaced:
            return pipe_table(grid)
        body = Grid(grid.rows[data_rows(grid)[0]:])
        return pipe_table(body, generic_header(grid.width))

    # A row of three or more numbers can be placed only by its header or by statutory order.
    wide = any(sum(map(is_number, row)) >= 3 for g in replaced for row in g.rows)
    expectation = Expectation(notes=frozenset({BY_POSITION}), required=frozenset({BY_POSITION}) if wide else frozenset())
    return Rendering(markdown(document_pieces, write), "markdown", expectation)


def _relabelable(grid: Grid) -> bool:
    """Its data rows all have labels, and no header names an optional column: the 历年累计 some
    provinces add to the 统计表 cannot be told from 本年度 by position."""
    rows = data_rows(grid)
    header = [c for row in grid.rows[:rows[0]] for c in row if c] if rows else []
    return (bool(header) and all(naming_label(grid.rows[i]) is not None for i in rows)
            and not any(OPTIONAL_COLUMN in c for c in header))


def layout_text(document: Document) -> Rendering:
    """Tables as `pdftotext -layout` writes them: aligned columns of space-parted cells."""
    return Rendering(layout(_with_grids(document)), "text", Expectation(notes=frozenset({BY_POSITION})))


def label_then_numbers(document: Document) -> Rendering:
    """Each data row's labels on one line and its numbers on the next (plain PDF text)."""
    document_pieces = _with_grids(document)
    if any(loses_positions(g) for g in _grids(document_pieces)):
        raise NotApplicable("a blank cell among a row's numbers: written with single spaces, no reader could "
                            "tell which column the numbers after it belong to")
    return Rendering(two_lines(document_pieces), "text", Expectation(notes=frozenset({BY_POSITION})))


def wrapped_labels(document: Document) -> Rendering:
    """Each data row's label longer than WRAP_AFTER characters wrapped: its first half beside the
    numbers, the rest on a row of its own below, as a narrow label column prints it."""
    document_pieces = _with_grids(document)
    wrapped = [_wrap_labels(p) if isinstance(p, Grid) else p for p in document_pieces]
    if wrapped == document_pieces:
        raise NotApplicable(f"no row label longer than {WRAP_AFTER} characters")
    return Rendering(markdown(wrapped), "markdown")


def _wrap_labels(grid: Grid) -> Grid:
    rows = []
    for row in grid.rows:
        at = naming_label(row)
        label = row[at] if at is not None else None
        if label is None or len(label) <= WRAP_AFTER:
            rows.append(row)
            continue
        half = len(label) // 2
        rows.append(row[:at] + (label[:half],) + row[at + 1:])
        rows.append(("",) * at + (label[half:],) + ("",) * (len(row) - at - 1))
    return Grid(tuple(rows))


def full_width_digits(document: Document) -> Rendering:
    """Every digit of the text and the tables written full width (０-９), as some editors do."""
    document_pieces = [Text(p.kind, full_width(p.text)) if isinstance(p, Text) else p
                       for p in map_cells(pieces(document), full_width)]
    return Rendering(markdown(document_pieces), "markdown")


def split_table(document: Document) -> Rendering:
    """The longest table split in two at its middle data row, the second part without the header
    (a page break)."""
    document_pieces = pieces(document)
    grids = [g for g in _grids(document_pieces) if len(data_rows(g)) >= 2]
    if not grids:
        raise NotApplicable("no table with two data rows")
    longest = max(grids, key=lambda g: len(data_rows(g)))
    rows = data_rows(longest)
    middle = rows[len(rows) // 2]
    at = document_pieces.index(longest)
    halves = [Grid(longest.rows[:middle]), Grid(longest.rows[middle:])]
    return Rendering(markdown(document_pieces[:at] + halves + document_pieces[at + 1:]), "markdown")


def zeros_blanked(document: Document) -> Rendering:
    """Every 0 of the tables left blank, as compilers who type only the non-zero cells do. The
    table then has no explicit 0: the tool reads its blanks as 0 and says so (X109)."""
    document_pieces = _with_grids(document)
    blanked = map_cells(document_pieces, lambda c: "" if _ZERO.fullmatch(unicodedata.normalize("NFKC", c)) else c)
    if blanked == document_pieces:
        raise NotApplicable("no 0 in the tables")
    notes = frozenset({BLANK_AS_ZERO})
    return Rendering(markdown(blanked), "markdown", Expectation(notes=notes, required=notes, blank_reads_as_zero=True))


def blank_total_column(document: Document) -> Rendering:
    """Table 三's 总计 column left blank in every data row."""
    document_pieces = _with_grids(document)
    for number, grid in enumerate(_grids(document_pieces), 1):
        column = _total_column(grid)
        if column is None:
            continue
        rows = tuple(row[:column] + ("",) + row[column + 1:] if first_value(row) is not None else row
                     for row in grid.rows)
        at = document_pieces.index(grid)
        blanked = document_pieces[:at] + [Grid(rows)] + document_pieces[at + 1:]
        expectation = Expectation(notes=frozenset({BLANK_AS_ZERO}), column=(number, column + 1), derived_total=True)
        return Rendering(markdown(blanked), "markdown", expectation)
    raise NotApplicable("no table 三 (applicants by 自然人 … 总计)")


def _total_column(grid: Grid) -> int | None:
    """The index of the 总计 column of a table whose header names 自然人 (table 三)."""
    rows = data_rows(grid)
    header = grid.rows[:rows[0]] if rows else ()
    if not any(c == "自然人" for row in header for c in row):
        return None
    return next((i for row in header for i, c in enumerate(row) if c == "总计"), None)


def _grids(document_pieces: list[Piece]) -> list[Grid]:
    return [p for p in document_pieces if isinstance(p, Grid)]


def _with_grids(document: Document) -> list[Piece]:
    document_pieces = pieces(document)
    if not _grids(document_pieces):
        raise NotApplicable("the document has no table (its rows, if any, run together in the text)")
    return document_pieces


Variant = Callable[[Document], Rendering]
VARIANTS: dict[str, Variant] = {
    "row-tables": row_tables,
    "row-tables-headless": row_tables_headless,
    "generic-headers": generic_headers,
    "layout-text": layout_text,
    "label-then-numbers": label_then_numbers,
    "wrapped-labels": wrapped_labels,
    "full-width-digits": full_width_digits,
    "split-table": split_table,
    "zeros-blanked": zeros_blanked,
    "blank-total-column": blank_total_column,
}
