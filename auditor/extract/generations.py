"""Which generation each statistics table follows, decided from the table's own structure.

Some bodies mix the formats: the 2021 table 二 with the 2019 table 三 (a single-row （六）其他处理),
and other combinations. Templates of one family name a table alike (t2, t3, t4), so every template's
definition of a table is matched, and the table follows the definition whose own rows and columns
(those the other definitions of that table lack) the report shows. A table nothing tells apart
(table 四 is the same in 2019 and 2021) follows the report's main template: the one most of the
decided tables' fields follow. Its fields are then read by that definition, so the rules of its
generation check it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from auditor.extract.tables import TableMatch
from auditor.library import Template
from auditor.library.schema import SplitDef, TableDef, Text
from auditor.model.extraction import Doubt, Extraction


@dataclass
class Choice:
    """A main template, and the template each table follows where it is another."""

    match: TableMatch  # the main template's own reading of the report
    foreign: dict[str, Template]  # table id → the template whose definition the table follows
    weight: int  # fields of the decided tables that follow the main template
    score: int  # fields the tables give, each table read by the definition it follows

    @property
    def template(self) -> Template:
        return self.match.template


def decide_tables(matches: list[TableMatch]) -> dict[str, str]:
    """Table id → id of the template whose definition the report's table follows, for the tables
    whose own rows or columns tell one definition from the others (none for a tie)."""
    decided = {}
    for table_id, candidates in _definitions(matches).items():
        evidence = {match.template.id: _evidence(table, [t for _, t in candidates if t is not table], match)
                    for match, table in candidates}
        best = max(evidence.values())
        winners = [template_id for template_id, count in evidence.items() if count == best]
        if best and len(winners) == 1:
            decided[table_id] = winners[0]
    return decided


def choices(matches: list[TableMatch], decided: dict[str, str]) -> list[Choice]:
    """Each template as the main one, best first: by the decided tables' fields that follow it,
    then by the fields read in all (a tie of both is an ambiguous template)."""
    by_id = {m.template.id: m for m in matches}

    def fields_in(template_id: str, table_ids: set[str]) -> int:
        return sum(1 for f in by_id[template_id].figures if _table_of(f) in table_ids)

    made = []
    for match in matches:
        own = match.template.id
        foreign = {table_id: by_id[template_id].template for table_id, template_id in decided.items()
                   if template_id != own and table_id in _table_ids(match.template)}
        weight = fields_in(own, {t for t, template_id in decided.items() if template_id == own})
        score = match.score - fields_in(own, set(foreign)) + \
            sum(fields_in(template.id, {table_id}) for table_id, template in foreign.items())
        made.append(Choice(match, foreign, weight, score))
    return sorted(made, key=lambda c: (-c.weight, -c.score))


def mixed_template(main: Template, foreign: dict[str, Template]) -> Template:
    """`main` with each foreign table's definition, fields and equations in place of its own."""
    tables = [_table(foreign[t.id], t.id) if t.id in foreign else t for t in main.tables]
    fields = {f: d for f, d in main.fields.items() if _table_of(f) not in foreign}
    splits = [s for s in main.splits if not _split_tables(s) & set(foreign)]
    for table_id, template in foreign.items():
        fields |= {f: d for f, d in template.fields.items() if _table_of(f) == table_id}
        splits += [s for s in template.splits if _split_tables(s) == {table_id}]
    return Template(main.info, main.sections, fields, tables, splits)


def hybrid_notes(match: TableMatch, foreign: dict[str, Template]) -> list[Doubt]:
    """One note per table that follows another generation than the rest of the report, placed at its first cell."""
    notes = []
    for table_id, template in foreign.items():
        first = next((f for f in match.figures.values() if _table_of(f.field) == table_id), None)
        params = {**_bilingual("table", _table(template, table_id).name()),
                  **_bilingual("generation", template.info.title), **_bilingual("label", match.template.info.title)}
        notes.append(Doubt("hybrid-template", params, first.location if first else None))
    return notes


def table_generations(match: TableMatch, templates: Iterable[Template]) -> dict[str, str]:
    """Table id → id of the template whose definition read it, for each table that gave fields."""
    owner = {id(table): template.id for template in templates for table in template.tables}
    read = {_table_of(f) for f in match.figures}
    return {t.id: owner.get(id(t), match.template.id) for t in match.template.tables if t.id in read}


def template_of(extraction: Extraction, field: str) -> str | None:
    """The id of the template whose definition of the field's table the report follows."""
    return extraction.table_generations.get(_table_of(field), extraction.template)


def _definitions(matches: list[TableMatch]) -> dict[str, list[tuple[TableMatch, TableDef]]]:
    """Table id → each template's definition of it, where two or more templates define it."""
    found: dict[str, list[tuple[TableMatch, TableDef]]] = {}
    for match in matches:
        for table in match.template.tables:
            found.setdefault(table.id, []).append((match, table))
    return {table_id: defs for table_id, defs in found.items() if len(defs) > 1}


def _evidence(table: TableDef, others: list[TableDef], match: TableMatch) -> int:
    """How many of the definition's own rows and columns the report shows: a row by any figure read
    in it, a column only by one read under its header (a text rendering's run-together cells are
    cut in the definition's column order, which says nothing of the report's headers)."""
    own_rows = {r.id for r in table.rows} - {r.id for t in others for r in t.rows}
    own_columns = {c.id for c in table.columns} - {c.id for t in others for c in t.columns}
    axes = _axes(table)
    rows = {axes[f][0] for f in match.figures if f in axes}
    columns = {axes[f][1] for f, figure in match.figures.items() if f in axes and figure.location.table is not None}
    return len(own_rows & rows) + len(own_columns & columns)


def _axes(table: TableDef) -> dict[str, tuple[str | None, str]]:
    """Field id → (row id, column id) of each cell the definition has."""
    if not table.rows:
        return {f"{table.id}.{c.id}": (None, c.id) for c in table.columns}
    return {f"{table.id}.{r.id}.{c.id}": (r.id, c.id)
            for r in table.rows for c in table.columns if not r.columns or c.id in r.columns}


def _table_of(field: str) -> str:
    return field.split(".", 1)[0]


def _table_ids(template: Template) -> list[str]:
    return [t.id for t in template.tables]


def _table(template: Template, table_id: str) -> TableDef:
    return next(t for t in template.tables if t.id == table_id)


def _split_tables(split: SplitDef) -> set[str]:
    return {_table_of(f) for left, right in split.sides() for f in (*left, *right)}


def _bilingual(name: str, text: Text) -> dict[str, str]:
    return {f"{name}_zh": text.zh, f"{name}_en": text.en}
