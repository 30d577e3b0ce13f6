"""Match grid tables (rows × columns, as tables 二, 三 and 四 of the 2019 and 2021 formats).

Columns are found from header rows (cells naming columns, no numbers), rows from the label
cells left of the first value column; a block label (（三）不予公开) tells shared row labels
apart. A table continued in a second <table> without its header keeps the first one's columns.

Conversion tools lose headers or replace them with generic ones (列1 列2, Column 1). In a table
whose rows name no columns, a row whose label names a statutory row and that carries exactly the
statutory number of cells is read in the statutory column order, with one note per table
definition saying the headers did not confirm it. Headers, where a table has them, always win.
Plain-text renderings may write a block's label and its first row's label as one label
('三、本年度办理结果 （一）予以公开'): split at the inner numbering, the two name block and row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from auditor.extract.labels import normalize
from auditor.extract.tables import TableMatch, by_position_doubt, generic_header, is_value, read_cell
from auditor.library.schema import AxisDef, TableDef
from auditor.model.document import Cell, Table


@dataclass
class _Index:
    """A table definition's labels, normalised once."""

    table: TableDef
    columns: dict[str, list[str]]  # label → column ids
    rows: dict[str, list[AxisDef]]
    sections: dict[str, str]
    header_words: set[str]

    @classmethod
    def of(cls, table: TableDef) -> _Index:
        columns: dict[str, list[str]] = {}
        for column in table.columns:
            for label in column.labels:
                columns.setdefault(normalize(label), []).append(column.id)
        rows: dict[str, list[AxisDef]] = {}
        for row in table.rows:
            for label in row.labels:
                rows.setdefault(normalize(label), []).append(row)
        sections = {normalize(label): s.id for s in table.sections for label in s.labels}
        return cls(table, columns, rows, sections, {normalize(h) for h in table.header_labels})


def match_grids(tables: list[Table], defs: list[TableDef], result: TableMatch) -> None:
    indexes = [_Index.of(table_def) for table_def in defs]
    known = {label for index in indexes for label in [*index.columns, *index.header_words]}
    headed = {table.number for table in tables if _names_columns(table, known)}
    for index in indexes:
        if index.table.rows:
            _match_rows(tables, index, result)
        else:
            _match_positional(tables, index, result, headed)


def _names_columns(table: Table, known: set[str]) -> bool:
    """Does a row of `table` name its columns? A row without figures holding two or more of the
    template's column labels (a lone 总计 or 其他 may be a blank data row's label)."""
    for row in table.rows:
        if not any(is_value(c.text) for c in row) and len({_key(c) for c in row} & known) >= 2:
            return True
    return False


def _match_rows(tables: list[Table], index: _Index, result: TableMatch) -> None:
    carried: dict[str, int] = {}
    carried_width = -1
    open_header: dict[int, str] = {}  # the header rows a table ended with: the next may continue them
    section: str | None = None  # carried too: a table split in two, or one per row
    by_position: list[Cell] = []  # the label of each row read in the statutory column order
    for table in tables:
        width = max((len(r) for r in table.rows), default=0)
        layout = _Layout.of(table)
        # A header written over several one-row tables (自然人 … 总计 in one, 商业企业 … in the next)
        columns: dict[int, str] = dict(open_header) if width == carried_width else {}
        in_header = bool(columns)
        wrapped: tuple[list[Cell], list[Cell]] | None = None  # a row whose label may go on below
        for row in table.rows:
            if generic_header(row):
                continue  # a converter's 列1 列2 names nothing, nor ends a header
            header = _header_columns(row, index)
            if header is not None:
                columns = ({} if not in_header else columns) | header
                in_header = True
                continue
            in_header = False
            by_id = _first_index(columns) or (carried if width == carried_width else {})
            if by_id:
                labels, values = [c for c in row[:min(by_id.values())] if c.text], []
            else:  # no header above it in this table (none, or one a converter made up: 列1 列2)
                labels, values = _labels_and_values(row)
            section = next((index.sections[k] for k in map(_key, labels) if k in index.sections), section)
            row_def = _choose_row(index, labels, section)
            if row_def is None and labels and (split := _split_numbered(labels[-1])):
                inner = next((index.sections[k] for k in map(_key, split[:1]) if k in index.sections), section)
                if chosen := _choose_row(index, [*labels[:-1], *split], inner):
                    labels, section, row_def = [*labels[:-1], *split], inner, chosen
            if row_def is None and (joined := _unwrapped(index, wrapped, row, labels, section)):
                row, labels, row_def = joined
                values = _labels_and_values(row)[1]
            wrapped = (row, labels) if row_def is None and labels and _has_figures(row) else None
            if row_def is None:
                continue
            if by_id:
                if not any(f"{index.table.id}.{row_def.id}.{c}" in result.figures for c in by_id):
                    _read_row(index, row_def, row, labels[-1], by_id, result)
            elif any(_read_by_position(index, row_def, labels[-1], cells, result)
                     for cells in (values, *layout.values(row))):
                by_position.append(labels[-1])
        if columns:
            carried, carried_width = _first_index(columns), width
        open_header = columns if in_header else {}
    if by_position:
        result.doubts.append(by_position_doubt(len(by_position), by_position[0]))


# A numbering inside a label, after its start: （一）, (2), 1., 1、 or 一、 (not 1.5).
_INNER_NUMBER = re.compile(r"(?<=\S)[\s\u3000]*(?=[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d)|[一二三四五六七八九十]+、)")


def _split_numbered(label: Cell) -> list[Cell] | None:
    """'三、本年度办理结果 （一）予以公开' as the block's label and the row's, at the last inner numbering."""
    found = list(_INNER_NUMBER.finditer(label.text))
    if not found:
        return None
    cut = found[-1]
    head, tail = label.text[:cut.start()].strip(), label.text[cut.end():]
    if not head or not tail:
        return None
    moved = replace(label.location, column=label.location.column + cut.end())
    return [Cell(head, label.location), Cell(tail, moved)]


def _unwrapped(index: _Index, wrapped: tuple[list[Cell], list[Cell]] | None, row: list[Cell], labels: list[Cell],
               section: str | None) -> tuple[list[Cell], list[Cell], AxisDef] | None:
    """A label wrapped onto a row of its own ('| 1.信访举 | 0 | … |' then '| 报投诉类申请 | | … |'):
    the row with figures above, its label joined with this one's, when together they name a row."""
    if wrapped is None or not labels or _has_figures(row):
        return None
    above, above_labels = wrapped
    joined = [*above_labels[:-1], Cell(above_labels[-1].text + labels[-1].text, above_labels[-1].location)]
    row_def = _choose_row(index, joined, section)
    return (above, joined, row_def) if row_def else None


def _has_figures(row: list[Cell]) -> bool:
    return any(c.text and is_value(c.text) for c in row)


def _labels_and_values(row: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """The label cells of a row read without column headers (up to its last cell that is text,
    not a figure) and the cells after them, without the copies a merged cell left."""
    last = max((i for i, c in enumerate(row) if c.text and not is_value(c.text)), default=-1)
    return [c for c in row[:last + 1] if c.text], [c for c in row[last + 1:] if c.span_of is None]


@dataclass(frozen=True)
class _Layout:
    """Where a table without headers holds its figures, from all its rows: right of every label
    cell of its rows with figures (labels fill one to three cells: 三、本年度办理结果 | （三）不予公开 |
    1.属于国家秘密, a row with fewer leaves the others blank), and in no grid column blank in every
    row but a made-up header (列6: one that came with a merged header cell)."""

    first_value: int
    empty: frozenset[int]

    @classmethod
    def of(cls, table: Table) -> _Layout:
        width = max((len(r) for r in table.rows), default=0)
        with_figures = [r for r in table.rows if any(c.text and is_value(c.text) for c in r)]
        first = 1 + max((i for r in with_figures for i, c in enumerate(r) if c.text and not is_value(c.text)),
                        default=-1)
        filled = {i for row in table.rows if not generic_header(row) for i, c in enumerate(row) if c.text}
        return cls(first, frozenset(range(width)) - filled if filled else frozenset())

    def values(self, row: list[Cell]) -> list[list[Cell]]:
        """The row's cells from the first value column: as they stand, then without the empty columns."""
        cells = [(i, c) for i, c in enumerate(row) if i >= self.first_value and c.span_of is None]
        return [[c for _, c in cells], [c for i, c in cells if i not in self.empty]]


def _read_by_position(index: _Index, row_def: AxisDef, label: Cell, values: list[Cell],
                      result: TableMatch) -> bool:
    """Read `values` in the row's statutory column order when there are exactly as many up to
    the last that is written (blank cells after it may pad a short row: they do not say how many
    columns it has); False when not read."""
    columns = row_def.columns or [c.id for c in index.table.columns]
    end = len(values)
    while end and not values[end - 1].text:
        end -= 1
    values = values[:end]
    fields = [f"{index.table.id}.{row_def.id}.{c}" for c in columns]
    if len(values) != len(columns) or any(f in result.figures for f in fields):
        return False
    units = {c.id: c.unit or "" for c in index.table.columns}
    for field_id, column_id, cell in zip(fields, columns, values):
        result.figures[field_id] = read_cell(field_id, label, cell, units[column_id], result.doubts)
    return True


def _key(cell: Cell) -> str:
    return normalize(cell.text)


def _header_columns(row: list[Cell], index: _Index) -> dict[int, str] | None:
    """{grid index: column id} when the row is a header row: no figures, cells naming columns,
    and nothing else right of the first of them ("项目" or a note may head the label column)."""
    found: dict[int, str] = {}
    for position, cell in enumerate(row):
        key = _key(cell)
        if is_value(cell.text):
            return None
        if not key or key in index.header_words:
            continue
        ids = index.columns.get(key)
        if ids is not None:
            found[position] = ids[0]
        elif found:
            return None
    distinct = set(found.values())
    if len(distinct) >= 2:
        return found
    # One column named: a header only right of the label cell ('| 3.其他 | | … |', a data row left
    # blank, names a row with a word that also names a column).
    lone = bool(distinct) and min(found) > 0 and len([c for c in row if c.text]) <= 2 + len(found)
    return found if lone else None


def _first_index(columns: dict[int, str]) -> dict[str, int]:
    """Column id → the first grid index it covers (a colspan copy repeats the same value)."""
    first: dict[str, int] = {}
    for position in sorted(columns):
        first.setdefault(columns[position], position)
    return first


def _choose_row(index: _Index, labels: list[Cell], section: str | None) -> AxisDef | None:
    """The row the most specific (rightmost) label names, or a label wrapped over it and the
    cell before; in its block when labels are shared."""
    keys = [_key(c) for c in labels]
    for at in range(len(keys) - 1, -1, -1):
        candidates = _rows_named(index, keys[at])
        if not candidates and at:
            candidates = _rows_named(index, keys[at - 1] + keys[at])
        if not candidates:
            continue
        for wanted in (section, None):
            chosen = [r for r in candidates if r.section == wanted]
            if chosen:
                return chosen[0]
        return candidates[0] if len(candidates) == 1 else None
    return None


def _rows_named(index: _Index, key: str) -> list[AxisDef]:
    """The rows a label names: exactly, as a typo, or cut short inside its bracketed note
    ("（二）部分公开（区分处理的，只计这" where a page or a line ended)."""
    found = index.rows.get(key) or index.rows.get(near(key, index.rows) or "")
    if not found and "(" in key and ")" not in key.rsplit("(", 1)[1]:
        found = index.rows.get(_key_before_note(key))
    return found or []


def _key_before_note(key: str) -> str:
    return normalize(key.rsplit("(", 1)[0])


def near(key: str, known: Iterable[str]) -> str | None:
    """The one known label `key` is a typo of — one character added, dropped or changed in a
    label of five or more ("其他法律行政止公开", "行政法复议") — or None."""
    if len(key) < 5:
        return None
    found = [label for label in known if abs(len(label) - len(key)) <= 1 and _one_edit(key, label)]
    return found[0] if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[start + (len(a) == len(b)):] == b[start + 1:]


def _read_row(index: _Index, row_def: AxisDef, row: list[Cell], label: Cell,
              by_id: dict[str, int], result: TableMatch) -> None:
    units = {c.id: c.unit or "" for c in index.table.columns}
    for column_id, position in by_id.items():
        if row_def.columns and column_id not in row_def.columns or position >= len(row):
            continue
        field_id = f"{index.table.id}.{row_def.id}.{column_id}"
        result.figures[field_id] = read_cell(field_id, label, row[position], units[column_id], result.doubts)


def _match_positional(tables: list[Table], index: _Index, result: TableMatch, headed: set[int]) -> None:
    """Table 四: one data row of as many cells as the definition has columns, under its headers
    (or, where none holds a figure, its last row left wholly blank: no review, no suit, zeros not
    typed); else, with a note, such a row where no table is headed as table 四 (its headers lost,
    or printed apart from its figures)."""
    count = len(index.table.columns)
    for table in tables:
        if not any(_key(c) in index.header_words or near(_key(c), index.header_words)
                   for row in table.rows for c in row):
            continue
        for row in table.rows:
            cells = row[-count:]
            if len(cells) == count and all(is_value(c.text) or not c.text for c in cells) \
                    and any(is_value(c.text) for c in cells):
                _read_positional(index, cells, None, result)
                return
        last = table.rows[-1][-count:] if len(table.rows) > 1 else []
        if len(last) == count and not any(c.text for c in last):
            _read_positional(index, last, None, result)
            return
    for table in tables:
        if table.number in headed:
            continue
        for row in table.rows:
            labels, cells = _labels_and_values(row)
            if len(cells) == count and any(c.text for c in cells) and not _numbering(cells):
                _read_positional(index, cells, labels[-1] if labels else None, result)
                result.doubts.append(by_position_doubt(1, Cell(index.table.title.zh, cells[0].location)))
                return


def _read_positional(index: _Index, cells: list[Cell], label: Cell | None, result: TableMatch) -> None:
    """The row's cells in the column order; an unlabelled row's cells stand as their own labels."""
    for column, cell in zip(index.table.columns, cells):
        field_id = f"{index.table.id}.{column.id}"
        own = cell if cell.text else Cell(column.title.zh, cell.location)  # a blank cell: its column's name
        result.figures.setdefault(field_id, read_cell(field_id, label or own, cell, column.unit or "",
                                                      result.doubts))


def _numbering(cells: list[Cell]) -> bool:
    """1 2 3 … n: a row numbering the columns (a converter's generic header), not figures."""
    return [c.text for c in cells] == [str(n) for n in range(1, len(cells) + 1)]
