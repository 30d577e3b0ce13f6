"""Match grid tables (rows × columns, as tables 二, 三 and 四 of the 2019 and 2021 formats).

Columns are found from header rows (cells naming columns, no numbers), rows from the label
cells left of the first value column; a block label (（三）不予公开) tells shared row labels
apart. A table continued in a second <table> without its header keeps the first one's columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from auditor.extract.labels import normalize
from auditor.extract.tables import TableMatch, is_value, read_cell
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
    def of(cls, table: TableDef) -> "_Index":
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
    for table_def in defs:
        index = _Index.of(table_def)
        if table_def.rows:
            _match_rows(tables, index, result)
        else:
            _match_positional(tables, index, result)


def _match_rows(tables: list[Table], index: _Index, result: TableMatch) -> None:
    carried: dict[str, int] = {}
    carried_width = -1
    for table in tables:
        width = max((len(r) for r in table.rows), default=0)
        columns: dict[int, str] = {}
        section: str | None = None
        in_header = False
        for row in table.rows:
            header = _header_columns(row, index)
            if header is not None:
                columns = ({} if not in_header else columns) | header
                in_header = True
                continue
            in_header = False
            by_id = _first_index(columns) or (carried if width == carried_width else {})
            if not by_id:
                continue
            labels = [c for c in row[:min(by_id.values())] if c.text]
            section = next((index.sections[k] for k in map(_key, labels) if k in index.sections), section)
            row_def = _choose_row(index, labels, section)
            if row_def is None or any(f"{index.table.id}.{row_def.id}.{c}" in result.figures for c in by_id):
                continue
            _read_row(index, row_def, row, labels[-1], by_id, result)
        if columns:
            carried, carried_width = _first_index(columns), width


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
    return found if len(distinct) >= 2 or (distinct and len([c for c in row if c.text]) <= 2 + len(found)) else None


def _first_index(columns: dict[int, str]) -> dict[str, int]:
    """Column id → the first grid index it covers (a colspan copy repeats the same value)."""
    first: dict[str, int] = {}
    for position in sorted(columns):
        first.setdefault(columns[position], position)
    return first


def _choose_row(index: _Index, labels: list[Cell], section: str | None) -> AxisDef | None:
    """The row the most specific (rightmost) label names; in its block when labels are shared."""
    for cell in reversed(labels):
        candidates = index.rows.get(_key(cell)) or index.rows.get(near(_key(cell), index.rows), [])
        if not candidates:
            continue
        for wanted in (section, None):
            chosen = [r for r in candidates if r.section == wanted]
            if chosen:
                return chosen[0]
        return candidates[0] if len(candidates) == 1 else None
    return None


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


def _match_positional(tables: list[Table], index: _Index, result: TableMatch) -> None:
    """Table 四: one data row of as many cells as the definition has columns, under its headers."""
    count = len(index.table.columns)
    for table in tables:
        if not any(_key(c) in index.header_words or near(_key(c), index.header_words)
                   for row in table.rows for c in row):
            continue
        for row in table.rows:
            cells = row[-count:]
            if len(cells) == count and all(is_value(c.text) or not c.text for c in cells) \
                    and any(is_value(c.text) for c in cells):
                for column, cell in zip(index.table.columns, cells):
                    field_id = f"{index.table.id}.{column.id}"
                    result.figures.setdefault(field_id, read_cell(field_id, cell, cell, column.unit or "",
                                                                  result.doubts))
                return
