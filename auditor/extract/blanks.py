"""Blank cells, read as the table's own evidence says.

A blank is not 0. But many compilers type only the non-zero cells, and a whole table's checks
then come out "not assessable". So the policy "auto" decides per statutory table (表二, 表三, 表四,
the pre-2019 统计表) whether its blanks are zeros:

- its blanks sit where its filled cells already balance: every equation of the form that reads
  one of its blanks holds with the blanks as 0 (and at least one such equation can be tried); or
- the table has no explicit 0 at all, while it has figures and blanks: a compiler who never
  types a 0 leaves one wherever a zero must stand.

Read so, a blank keeps its state ("blank") and gets the quantity 0 with the assumption
"blank_zero"; the report says how many, per table, and every finding built on one says so. A
check that fails under that reading is still a finding: a blank that hides a non-zero value is
itself a defect of the table. "zero" reads every blank as 0, "unknown" none.

Before that, a whole line of totals left blank (every total of one [[split]] entry of the form,
such as the 总计 column of 表三, blank while its parts are filled) is derived from its parts: the
totals are disclosed values ("derived"), and the blank line is reported once, as a defect of its
own, instead of a failed sum per row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from auditor.extract.flow import equation_key
from auditor.extract.tables import TableMatch
from auditor.library import CUMULATIVE, Template
from auditor.library.schema import SplitDef
from auditor.model.extraction import Doubt, TableFigure
from auditor.model.numbers import Quantity
from auditor.model.words import LANGS

BlankPolicy = Literal["auto", "zero", "unknown"]
BLANK_POLICIES: tuple[str, ...] = ("auto", "zero", "unknown")
FORM = "form"  # the pre-2019 统计表: one table of single-value rows
CUMULATIVE_COLUMN = "form.cumulative"  # its 历年累计 column

Equation = tuple[list[str], list[str]]


def read_blanks(match: TableMatch, template: Template, policy: BlankPolicy) -> None:
    """Derive blank total lines, then read blanks as 0 where `policy` and each table's evidence say so."""
    if policy == "unknown":
        return
    figures = match.figures
    lines = [line for split in template.splits if (line := _blank_total_line(split, figures, template))]
    derived = {total for line in lines for total, _ in line}
    by_table = _blanks_by_table(figures, template, exclude=derived)
    reasons = {table: "zero" if policy == "zero" else _evidence(table, blanks, figures, template)
               for table, blanks in by_table.items()}
    for table in _wholly_blank(by_table, reasons, figures, template):
        reasons[table] = "habit"
    for table, blanks in by_table.items():
        if reason := reasons[table]:
            for field_id in blanks:
                figures[field_id] = _as_zero(figures[field_id], template)
            match.doubts.append(_disclosure(table, blanks, reason, figures, template))
    for line in lines:
        made = [_derive(total, parts, figures) for total, parts in line]
        if any(made):
            match.doubts.append(_blank_line_doubt([t for (t, _), ok in zip(line, made) if ok], figures, template))


# --- which table a field belongs to ------------------------------------------------------


def table_of(field_id: str, template: Template) -> str:
    """The statutory table a field is a cell of: a grid table's id, or the single-value form (its
    历年累计 column apart: a body that never fills it leaves it wholly blank, which says nothing)."""
    if field_id.startswith(CUMULATIVE):
        return CUMULATIVE_COLUMN
    grid = field_id.split(".", 1)[0]
    return grid if any(t.id == grid for t in template.tables) else FORM


def _blanks_by_table(figures: dict[str, TableFigure], template: Template, exclude: set[str]) -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    for field_id, figure in figures.items():
        if figure.state == "blank" and figure.quantity is None and field_id not in exclude:
            tables.setdefault(table_of(field_id, template), []).append(field_id)
    return tables


# --- the table's own evidence ------------------------------------------------------------


def _evidence(table: str, blanks: list[str], figures: dict[str, TableFigure], template: Template) -> str | None:
    """Why this table's blanks are zeros ("balance" or "no_zero"), or None when nothing says so."""
    cells = [f for f in figures.values() if table_of(f.field, template) == table]
    values = [f for f in cells if f.quantity is not None]
    if not values:
        return None  # a table left wholly blank says nothing of what its blanks mean
    blank_set = set(blanks)
    tried = [eq for eq in template.equations if blank_set.intersection((*eq[0], *eq[1]))
             and _readable(eq, figures, blank_set)]
    if tried and all(_holds(eq, figures, blank_set) for eq in tried):
        return "balance"
    if not any(f.quantity is not None and f.quantity.value == 0 for f in cells):
        return "no_zero"
    return None


def _wholly_blank(by_table: dict[str, list[str]], reasons: dict[str, str | None], figures: dict[str, TableFigure],
                  template: Template) -> list[str]:
    """The grid tables left wholly blank in a report whose compiler leaves zeros blank: no table
    types a 0, and every other table with blanks reads them as 0 (a table left blank alone says
    nothing; beside tables that never type a 0, it is one with no case to count)."""
    grids = {t.id for t in template.tables}
    empty = [t for t, reason in reasons.items() if reason is None and t in grids
             and all(figures[f].state == "blank" for f in figures if table_of(f, template) == t)]
    others = [reason for t, reason in reasons.items() if t not in empty]
    if not empty or not others or not all(others) or any(_is_zero(f) for f in figures.values()):
        return []
    return empty


def _is_zero(figure: TableFigure) -> bool:
    return figure.quantity is not None and figure.quantity.value == 0 and figure.assumption is None


def _readable(equation: Equation, figures: dict[str, TableFigure], blanks: set[str]) -> bool:
    return all(f in blanks or (f in figures and figures[f].quantity is not None) for f in (*equation[0], *equation[1]))


def _holds(equation: Equation, figures: dict[str, TableFigure], blanks: set[str]) -> bool:
    def total(side: Iterable[str]) -> Decimal:
        return sum((Decimal(0) if f in blanks else _value(figures[f]) for f in side), Decimal(0))
    return total(equation[0]) == total(equation[1])


def _value(figure: TableFigure) -> Decimal:
    assert figure.quantity is not None
    return figure.quantity.value


def _as_zero(figure: TableFigure, template: Template) -> TableFigure:
    unit = template.units.get(figure.field.removeprefix(CUMULATIVE)) or None
    return dataclasses.replace(figure, quantity=Quantity(Decimal(0), 0, unit, text="0"), assumption="blank_zero")


def _disclosure(table: str, blanks: list[str], reason: str, figures: dict[str, TableFigure],
                template: Template) -> Doubt:
    first = min((figures[f] for f in blanks), key=lambda f: (f.location.line, f.location.column))
    params = {"count": str(len(blanks)), "label": first.label.text, "reason_code": reason}
    for lang in LANGS:
        params[f"table_{lang}"] = table_title(table, template, lang)
        params[f"reason_{lang}"] = _REASONS[reason][lang]
    return Doubt("blank-as-zero", params, first.location, "")


_REASONS = {
    "balance": {"zh": "以0计时表内各行、列等式均成立", "en": "the table's row and column equations hold with them as 0"},
    "no_zero": {"zh": "全表没有一个明确填写的0，空白处应为0", "en": "the table has no explicit 0 at all, so its blanks stand "
                                                             "where zeros must"},
    "habit": {"zh": "全表空白，而报告其他各表均不填0", "en": "the table is wholly blank while the report's other tables "
                                                       "never type a 0"},
    "zero": {"zh": "按设置 blank = \"zero\"", "en": "as the setting blank = \"zero\" says"},
}


def table_title(table: str, template: Template, lang: str) -> str:
    grid = next((t for t in template.tables if t.id == table), None)
    if grid is not None:
        return grid.name().zh if lang == "zh" else grid.name().en
    if table == CUMULATIVE_COLUMN:
        return "统计表的“历年累计”列" if lang == "zh" else "the cumulative column of the statistics table"
    return "统计表" if lang == "zh" else "the statistics table"


# --- blank lines of totals ---------------------------------------------------------------


def _blank_total_line(split: SplitDef, figures: dict[str, TableFigure],
                      template: Template) -> list[tuple[str, list[str]]]:
    """The (total, parts) of a [[split]] entry whose totals the report has and left all blank,
    while at least two of them stand over non-zero parts; [] otherwise. One blank total over
    non-zero parts is no line: in a table of blank zeros it may be a 0, and is a sum error either way.
    Nor are the totals of a table of one row (表四): each is a single cell beside its own parts."""
    if split.total is None or _one_row(split.total, template):
        return []
    line = [(left[0], right) for left, right in split.sides() if left[0] in figures]
    if any(figures[t].state != "blank" for t, _ in line):
        return []
    over_figures = sum(any(_nonzero(figures.get(p)) for p in parts) for _, parts in line)
    return line if over_figures >= 2 else []


def _one_row(field_id: str, template: Template) -> bool:
    grid = next((t for t in template.tables if t.id == field_id.split(".", 1)[0]), None)
    return grid is not None and not grid.rows


def _nonzero(figure: TableFigure | None) -> bool:
    return figure is not None and figure.quantity is not None and figure.quantity.value != 0


def _derive(total: str, parts: list[str], figures: dict[str, TableFigure]) -> bool:
    """The blank total as the sum of its parts, when every part is a figure; True if derived."""
    if not all(p in figures and figures[p].quantity is not None for p in parts):
        return False
    quantities = [figures[p].quantity for p in parts]
    value = sum((q.value for q in quantities if q), Decimal(0))
    unit = next((q.unit for q in quantities if q and q.unit), None)
    exponent = max((q.exponent for q in quantities if q), default=0)
    figures[total] = dataclasses.replace(figures[total], quantity=Quantity(value, exponent, unit, text=f"{value:f}"),
                                         assumption="derived", derived_from=equation_key([total], parts))
    return True


def _blank_line_doubt(totals: list[str], figures: dict[str, TableFigure], template: Template) -> Doubt:
    first = figures[totals[0]]
    params = {"count": str(len(totals)), "label": first.label.text}
    for lang in LANGS:
        params[f"table_{lang}"] = table_title(table_of(totals[0], template), template, lang)
    return Doubt("blank-total-line", params, first.location, "")
