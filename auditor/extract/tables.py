"""Match statistics-table rows to a template's fields, by label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from auditor.extract.labels import normalize, squeeze
from auditor.library import CUMULATIVE, Template
from auditor.model.document import Cell, Table
from auditor.model.extraction import CellState, Doubt, TableFigure
from auditor.model.numbers import ALL_UNITS, Quantity, parse_quantity, with_unit

DASHES = {"/", "／", "-", "－", "—", "——", "–", "―", "\\"}
WORDS = {"无", "没有", "不适用"}
_YEAR_HEADER = re.compile(r"^(?:19|20)\d{2}年度?$")


@dataclass
class Columns:
    label: int = 0
    unit: int | None = None
    value: int | None = None
    cumulative: int | None = None  # 历年累计
    header_row: int | None = None


@dataclass
class TableMatch:
    template: Template
    figures: dict[str, TableFigure] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.figures)


def match_tables(tables: list[Table], template: Template) -> TableMatch:
    """Every field of `template` found in any of `tables` (the first occurrence wins)."""
    result = TableMatch(template)
    if not template.single_fields:
        return result
    index = _label_index(template)
    sections = {normalize(label): s.id for s in template.sections for label in s.labels}
    section: str | None = None  # carried into the next table: a table split in two, or one per row
    headed, headed_width = Columns(), -1  # so are the columns of the last table with a header
    by_position: list[Cell] = []  # labels of the rows whose 历年累计 no header confirmed
    for table in tables:
        columns = find_columns(table, template)
        width = max((len(r) for r in table.rows), default=0)
        if columns.header_row is not None:
            headed, headed_width = columns, width
        elif headed.value is not None and width == headed_width:
            columns = replace(headed, header_row=None)  # its continuation, or its next one-row table
        for number, row in enumerate(table.rows):
            if number == columns.header_row or not row:
                continue
            label_cell = _label_cell(row, columns)
            if label_cell is None:
                continue
            key = normalize(label_cell.text)
            section = sections.get(key, section)
            field_id = _choose(index.get(key, []), section, result.figures)
            if field_id is None or columns.value is None or columns.value >= len(row):
                continue
            unit = row[columns.unit].text if columns.unit is not None and columns.unit < len(row) else ""
            result.figures[field_id] = read_cell(field_id, label_cell, row[columns.value], unit, result.doubts)
            if columns.cumulative is not None and columns.cumulative < len(row):
                twin = CUMULATIVE + field_id
                result.figures[twin] = read_cell(twin, label_cell, row[columns.cumulative], unit, result.doubts)
                if columns.header_row is None and headed.cumulative is None:
                    by_position.append(label_cell)
    if by_position:
        result.doubts.append(by_position_doubt(len(by_position), by_position[0]))
    return result


def by_position_doubt(count: int, label: Cell) -> Doubt:
    """A note that `count` rows were read in the statutory column order, no header confirming it."""
    return Doubt("columns-by-position", {"count": str(count), "label": label.text}, label.location, "")


def _label_index(template: Template) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for field_def in template.single_fields:  # grid cells are matched by extract/grid.py
        for label in field_def.labels:
            index.setdefault(normalize(label), []).append(field_def.id)
    return index


def _choose(candidates: list[str], section: str | None, taken: dict[str, TableFigure]) -> str | None:
    """Among fields sharing a label, the one in the current section (被依法纠错数 under 复议 or 诉讼)."""
    free = [c for c in candidates if c not in taken]
    in_section = [c for c in free if c.split(".", 1)[0] == section]
    if in_section:
        return in_section[0]
    return free[0] if len(free) == 1 and len(candidates) == 1 else None


def _label_cell(row: list[Cell], columns: Columns) -> Cell | None:
    if columns.label < len(row) and row[columns.label].text:
        return row[columns.label]
    return next((c for c in row if c.text), None)


def find_columns(table: Table, template: Template) -> Columns:
    """Which column holds labels, units and this year's values: from the header row, or by content."""
    value_heads = [squeeze(h) for h in template.info.value_headers]
    unit_heads = [squeeze(h) for h in template.info.unit_headers]
    cumulative_heads = [squeeze(h) for h in template.info.cumulative_headers]
    for number, row in enumerate(table.rows[:3]):
        heads = [squeeze(c.text) for c in row]
        units = [i for i, h in enumerate(heads) if h in unit_heads]
        values = [i for i, h in enumerate(heads)
                  if (h in value_heads or _YEAR_HEADER.match(h)) and h not in cumulative_heads]
        cumulative = [i for i, h in enumerate(heads) if h in cumulative_heads]
        if values:
            return Columns(label=0, unit=units[0] if units else None, value=values[0], header_row=number,
                           cumulative=cumulative[0] if cumulative else None)
    return _columns_by_content(table, bool(cumulative_heads))


_GENERIC_HEAD = re.compile(r"(?:列|column|col|第)?\s*\d+\s*列?", re.IGNORECASE)


def generic_header(row: list[Cell]) -> bool:
    """A header a conversion tool made up (列1 列2, Column 1, 1 2 3) or left empty: it says
    nothing of what the columns hold."""
    return all(not c.text or _GENERIC_HEAD.fullmatch(c.text) for c in row)


def _columns_by_content(table: Table, cumulative_form: bool) -> Columns:
    """Without a header: the unit column holds units, the value column figures; in a form with a
    历年累计 column, a second column of figures after it is that one, in the statutory order
    (read by position: `match_tables` notes it)."""
    width = max((len(r) for r in table.rows), default=0)
    rows = [r for r in table.rows if not generic_header(r)]
    unit_col = value_col = cumulative_col = None
    for col in range(1, width):
        cells = [r[col].text for r in rows if col < len(r) and r[col].text]
        if not cells:
            continue
        if unit_col is None and sum(c in ALL_UNITS for c in cells) > len(cells) / 2:
            unit_col = col
        elif sum(is_value(c) for c in cells) > len(cells) / 2:
            if value_col is None:
                value_col = col
            elif cumulative_form and cumulative_col is None:
                cumulative_col = col
    return Columns(label=0, unit=unit_col, value=value_col, cumulative=cumulative_col)


def is_value(text: str) -> bool:
    """A number, or a mark that stands where a number would (/, —, 无)."""
    text = text.strip()
    if text in DASHES or text in WORDS:
        return True
    try:
        parse_quantity(text)
    except ValueError:
        return False
    return True


def read_cell(field_id: str, label: Cell, cell: Cell, unit: str, doubts: list[Doubt]) -> TableFigure:
    """A cell's state and value. Blank, '/' and 无 are kept apart from 0; a unit column applies."""
    text = cell.text.strip()
    state: CellState
    quantity: Quantity | None = None
    if not text:
        state = "blank"
    elif text in DASHES:
        state = "dash"
    elif text in WORDS:
        state = "word"
    else:
        try:
            quantity = with_unit(parse_quantity(text), unit.strip())
            state = "value"
        except ValueError:
            state = "unreadable"
            doubts.append(Doubt("unreadable-cell", {"text": text, "label": label.text}, cell.location, text))
    return TableFigure(field=field_id, label=label, cell=cell, state=state, quantity=quantity)
