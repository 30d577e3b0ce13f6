"""Tables that lost their cells: text renderings of HTML tables where a row reads
"一、本年新收政府信息公开申请数量640020470" — the label, then the cells run together.

A row is read from the text after its label. When its digits run together, every way of cutting
them into the row's cells is tried; the split is recovered only when exactly one satisfies the
template's equations (its `[[split]]` entries, never the check rules), and the report says that it
was recovered. Otherwise the row is not assessable, with an extraction doubt. A split is never
guessed. A cell of a recovered split is a SplitFigure that names the equations that decided the
cut: a check stating one of them on such cells holds by construction ("recovered", see
`recovered`), one stating another is evidence as any other.

Where the equations leave a row open, two more constraints may decide it (`Constraints`), each
named in the note X112 and recorded on the cells as an equation of its own: last year's report
of the same body (the cross-year chains, such as 历年累计 = last year's 历年累计 + this year's), and
then the figures the narrative states for the row's fields (a row "518092744" the text says
5180条 of splits as 5180 | 92744, when no other split has a figure the text states).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from auditor.extract.narrative import CLAUSE_END
from auditor.extract.stated import stated_figures, stated_ref
from auditor.extract.tables import TableMatch, read_cell
from auditor.library import CUMULATIVE, Library, Template
from auditor.library.schema import PREVIOUS, CrossYearRule, NarrativeRule, TableDef
from auditor.model.document import Cell, TextBlock
from auditor.model.extraction import Doubt, Extraction, NarrativeFigure, TableFigure
from auditor.model.numbers import ALL_UNITS
from auditor.model.words import LANGS, word

MAX_CELL_DIGITS = 7  # no count in these tables runs past millions
MAX_READINGS = 64  # a row with more possible splits than this is left unread
MAX_COMBINATIONS = 4096  # readings of the open rows of one equation tried together
_NOTE = re.compile(r"\s*[（(][^）)]{0,60}[）)]")  # （区分处理的，只计这一情形，不计其他情形）
_RUN = re.compile(r"[\s\d.,，\-－]*")
_UNITS = "人次|万元|条|件|个|次|篇|人|元|项"
TABLE_TITLE = "统计表"
_NUMBERING = re.compile(r"[1-9１-９][.、．]$")  # the next row's "2." (rows are numbered 1 to 8), full width too

Equation = tuple[list[str], list[str]]  # Σ left = Σ right, as the template's [[split]] states it
EquationKey = frozenset[frozenset[str]]  # the same equation whichever side is written first


TWIN = "twin:"  # marks a cell of the report's other form in a constraint's key


def equation_key(left: list[str], right: list[str]) -> EquationKey:
    """One equation however it is written: total = parts, parts = total, left = right."""
    return frozenset((frozenset(left), frozenset(right)))


@dataclass
class SplitFigure(TableFigure):
    """A cell cut out of run-together digits, with the template's equations that decided the cut
    (each ruled out another cutting of the row's digits), and the constraints beyond the template
    that did, each written as an equation: a figure the narrative states (field = "text@12:207",
    see stated.stated_ref) or a chain from last year's report (as its cross-year rule states it,
    "prev:" terms last year's)."""

    equations: frozenset[EquationKey] = frozenset()
    constraints: frozenset[EquationKey] = frozenset()


def recovered(figures: Mapping[str, TableFigure], left: list[str], right: list[str]) -> bool:
    """Does Σ left = Σ right hold by construction? So when it reads cells of recovered splits and
    every one of them was cut by this very equation (the same total and parts) or constraint (the
    same stated figure, the same chain from last year): then its holding says nothing about the
    report. A check of another equation on such cells is evidence. Terms that are no field of
    this report (a stated figure, last year's) are not cells, and are not asked. So too when a
    total it reads was derived from its parts by this very equation (a blank total line)."""
    key = equation_key(left, right)
    terms = [figure for f in {*left, *right} if (figure := figures.get(f)) is not None]
    if any(figure.derived_from == key for figure in terms):
        return True
    cut = [figure for figure in terms if isinstance(figure, SplitFigure)]
    return bool(cut) and all(key in figure.equations or key in figure.constraints for figure in cut)


@dataclass(frozen=True)
class Prior:
    """Last year's report of the same body, as far as a split needs it: its year, template and
    the counts it states (not a figure it assumed, such as a blank read as 0); and `twin`, the
    counts another form of this very report states (its .docx where this is the .txt), with
    `twin_path`, the file they come from."""

    year: int
    template: str | None
    values: Mapping[str, Decimal]
    twin: Mapping[str, Decimal] = field(default_factory=dict)
    twin_path: str = ""

    @classmethod
    def of(cls, extraction: Extraction) -> Prior | None:
        if extraction.year is None:
            return None
        return cls(extraction.year, extraction.template, stated_counts(extraction))

    def with_twin(self, twin: Extraction, path: str) -> Prior:
        return dataclasses.replace(self, twin=stated_counts(twin), twin_path=path)


def stated_counts(extraction: Extraction) -> dict[str, Decimal]:
    return {f: figure.quantity.value for f, figure in extraction.fields.items()
            if figure.quantity and figure.quantity.is_exact_count and not figure.assumption}


@dataclass(frozen=True)
class Constraints:
    """What beyond the template's equations may decide a split: the figures the narrative states
    (found by the library's narrative rules) and last year's report of the same body."""

    library: Library
    prior: Prior | None = None


@dataclass(frozen=True)
class Statement:
    """A figure the narrative states for one field."""

    field: str
    value: Decimal
    ref: str  # the figure as an equation's term, "text@12:207"
    said: str  # the words that state it: "2013年主动公开政府信息1853条"


@dataclass
class FlowRow:
    fields: list[str | None]  # the row's cells in the statutory column order (None: a column not read)
    label: Cell
    run: str  # the text after the label: digits, spaces, maybe a decimal point
    block: TextBlock
    start: int  # offset of `run` in block.text
    unit: str = ""  # a unit written between label and figures (主动公开信息数 条 739)
    ascending: bool = False  # this year's figure, then the cumulative one, which cannot be smaller
    digits: str = ""  # the digits of `run`, when its cells are cut from them (not given by the spaces)
    own: list[tuple[int, list[int], list[int]]] = field(default_factory=list)  # equations within the row
    narrowed: set[int] = field(default_factory=set)  # equations between rows that ruled out a reading
    statements: list[Statement] = field(default_factory=list)  # the narrative's figures that chose the reading
    twin: str = ""  # the other form of the report whose cells chose the reading


Pending = list[tuple[FlowRow, list[list[tuple[str, int]]]]]


def flow_figures(blocks: list[TextBlock], template: Template, match: TableMatch,
                 constraints: Constraints | None = None) -> None:
    """Fields of `template` read from running text, for rows its tables did not give; rows the
    template's equations leave open decided, where they can be, by `constraints`."""
    prior = constraints.prior if constraints else None
    chains = _chains(template, constraints.library, prior) if constraints and prior else []
    equations = [*template.equations, *chains]  # the template's first: row.own numbers them so
    pending: Pending = []
    for block in blocks:
        for row in [*_rows_in(block, template), *_field_rows_in(block, template)]:
            if not any(f in match.figures for f in row.fields if f):
                pending.append((row, _candidates(row, template.equations)))
    known = {f: figure.quantity.value for f, figure in match.figures.items() if figure.quantity}
    if prior and chains:
        known |= {PREVIOUS + f: value for f, value in prior.values.items()}
    _propagate(pending, equations, known)
    if constraints and any(len(candidates) > 1 for _, candidates in pending):
        _by_narrative(pending, _statements(blocks, template, constraints.library))
    if prior and prior.twin:
        _by_twin(pending, prior)
    chained = set(range(len(template.equations), len(equations)))
    units = template.units
    noted = []
    for row, candidates in pending:
        if len(candidates) != 1:
            match.doubts.append(Doubt("ambiguous-split", {"label": row.label.text, "text": row.run.strip()},
                                      row.label.location, row.run.strip()))
            continue
        cells = candidates[0]
        decided = frozenset(equation_key(*equations[i]) for i in (_deciding(row) | row.narrowed) - chained)
        beyond = frozenset(equation_key(*equations[i]) for i in row.narrowed & chained) | \
            frozenset(equation_key([s.field], [s.ref]) for s in row.statements) | \
            frozenset(equation_key([f], [TWIN + f]) for f in row.fields if f and row.twin)
        if beyond:
            used = [equations[i] for i in sorted(row.narrowed & chained)]
            match.doubts.append(_constraint_note(row, cells, used, template, prior))
        elif len(cells) > 1 and not re.search(r"\s", row.run.strip()):
            noted.append((row, cells))
        for field_id, (text, offset) in zip(row.fields, cells):
            if field_id:
                cell = Cell(text, row.block.locate(row.start + offset))
                figure = read_cell(field_id, row.label, cell, row.unit or units.get(field_id, ""), match.doubts)
                if decided or beyond:
                    figure = SplitFigure(**{f.name: getattr(figure, f.name) for f in dataclasses.fields(figure)},
                                         equations=decided, constraints=beyond)
                match.figures[field_id] = figure
    if noted:
        match.doubts.append(_recovered_note(noted))


# --- constraints beyond the template ---------------------------------------------------


def _chains(template: Template, library: Library, prior: Prior) -> list[Equation]:
    """The cross-year equations with last year's side known: those of the library's cross-year
    rules at error level, which hold between any two correct reports (历年累计; 上年结转 = last
    year's 结转下年度). A warning (现行有效, which reviews and expiry also change) decides no split."""
    chains = []
    for rule in library.rules:
        if not isinstance(rule, CrossYearRule) or rule.severity != "error" or \
                (rule.templates and not {template.id, prior.template} <= set(rule.templates)):
            continue
        for left, right in rule.sides():
            if all(f.removeprefix(PREVIOUS) in prior.values if f.startswith(PREVIOUS) else f in template.fields
                   for f in (*left, *right)):
                chains.append((left, right))
    return chains


def _statements(blocks: list[TextBlock], template: Template, library: Library) -> dict[str, list[Statement]]:
    """Each exact count the narrative states for one field, by the library's narrative rules that
    name one field of the template. A rule summing several fields, or whose words may count another
    scope (`alternatives`: 收到申请 may be 新收 + 上年结转), does not say what one cell holds."""
    found: dict[str, dict[str, Statement]] = {}
    for rule in library.rules:
        if not isinstance(rule, NarrativeRule) or rule.alternatives or \
                (rule.templates and template.id not in rule.templates):
            continue
        fields = [f for f in rule.fields if f in template.fields]
        fields = fields[:1] if rule.any_of else fields
        if len(fields) != 1:
            continue
        for figure in stated_figures(rule, blocks):
            quantity = figure.quantity
            if quantity.bound == "exact" and quantity.is_exact_count:
                ref = stated_ref(figure)
                found.setdefault(fields[0], {})[ref] = Statement(fields[0], quantity.value, ref, _said(figure))
    return {f: list(by_ref.values()) for f, by_ref in found.items()}


def _by_narrative(pending: Pending, statements: dict[str, list[Statement]]) -> None:
    """An open row whose one reading, and no other, has a cell the narrative states is read so."""
    for row, candidates in pending:
        if len(candidates) < 2:
            continue
        agreeing = [_agreeing(row, cells, statements) for cells in candidates]
        chosen = [number for number, found in enumerate(agreeing) if found]
        if len(chosen) == 1:
            candidates[:] = [candidates[chosen[0]]]
            row.statements = agreeing[chosen[0]]


def _by_twin(pending: Pending, prior: Prior) -> None:
    """An open row whose one reading, and no other, gives every cell as the report's other form
    gives it (the .docx of the same report where this is its .txt) is read so."""
    for row, candidates in pending:
        fields = [f for f in row.fields if f]
        if len(candidates) < 2 or not fields or not all(f in prior.twin for f in fields):
            continue
        chosen = [cells for cells in candidates if _values(row, cells) == {f: prior.twin[f] for f in fields}]
        if len(chosen) == 1:
            candidates[:] = chosen
            row.twin = prior.twin_path


def _agreeing(row: FlowRow, cells: list[tuple[str, int]], statements: dict[str, list[Statement]]) -> list[Statement]:
    return [s for f, value in _values(row, cells).items() for s in statements.get(f, ()) if s.value == value]


QUOTE_REACH = 24  # characters of the clause before a stated figure that a note quotes


def _said(figure: NarrativeFigure) -> str:
    """The words that state the figure: its clause, up to QUOTE_REACH characters before it ("…"
    where the clause starts further back)."""
    text = figure.block.text
    reach = max(0, figure.start - QUOTE_REACH)
    marks = [text.rfind(mark, reach, figure.start) for mark in CLAUSE_END]
    begin = max([reach, *(m + 1 for m in marks if m >= 0)])
    cut = begin == reach and begin > 0 and text[begin - 1] not in CLAUSE_END
    return ("…" if cut else "") + text[begin:figure.end].strip()


def _constraint_note(row: FlowRow, cells: list[tuple[str, int]], chains: list[Equation], template: Template,
                     prior: Prior | None) -> Doubt:
    """X112: the row's split, and the constraints that decided it, in each language: the stated
    figures, and last year's figures the `chains` took."""
    params = {"label": row.label.text, "text": row.run.strip(), "cells": "|".join(t for t, _ in cells)}
    last_years = [t.removeprefix(PREVIOUS) for left, right in chains for t in (*left, *right) if t.startswith(PREVIOUS)]
    for lang in LANGS:
        reasons = [word("split.narrative", lang, said=s.said) for s in row.statements]
        if row.twin:
            reasons.append(word("split.twin", lang, path=row.twin))
        if prior:
            reasons += [word("split.prior", lang, year=prior.year, title=_title(template, f, lang),
                             value=prior.values[f]) for f in last_years]
        params[f"reason_{lang}"] = word("punct.comma", lang).join(dict.fromkeys(reasons))
    return Doubt("split-by-constraint", params, row.label.location, row.run.strip())


def _title(template: Template, field_id: str, lang: str) -> str:
    return template.fields[field_id].title.get(lang) if field_id in template.fields else field_id


def _recovered_note(recovered: list[tuple[FlowRow, list[tuple[str, int]]]]) -> Doubt:
    """One note for all rows read by their only split: "行 a|b|c；行 …"."""
    listing = "；".join(f"{row.label.text} {row.run.strip()} → {'|'.join(t for t, _ in cells)}"
                       for row, cells in recovered)
    first = recovered[0][0]
    return Doubt("recovered-split", {"count": str(len(recovered)), "cells": listing, "label": first.label.text,
                                     "text": first.run.strip()}, first.label.location, first.run.strip())


def _propagate(pending: list[tuple[FlowRow, list[list[tuple[str, int]]]]],
               equations: list[Equation], known: dict[str, Decimal]) -> None:
    """Narrow rows with several possible splits by the equations between rows (a column's sum
    down the table): a reading survives only if some readings of the other open rows in the same
    equation satisfy it. Repeated until nothing changes; rows left with one reading are read. Each
    row keeps which equations ruled out one of its readings."""
    for row, candidates in pending:
        if len(candidates) == 1:
            known.update(_values(row, candidates[0]))
    changed = True
    while changed:
        changed = False
        for number, (left, right) in enumerate(equations):
            fields = {*left, *right}
            open_rows = [(row, c) for row, c in pending if len(c) > 1 and fields.intersection(row.fields)]
            if not open_rows or math.prod(len(c) for _, c in open_rows) > MAX_COMBINATIONS:
                continue
            supported: list[set[int]] = [set() for _ in open_rows]
            for combo in itertools.product(*(range(len(c)) for _, c in open_rows)):
                values = dict(known)
                for (row, candidates), pick in zip(open_rows, combo):
                    values.update(_values(row, candidates[pick]))
                if not all(f in values for f in fields) or \
                        sum(values[f] for f in left) == sum(values[f] for f in right):
                    for keep, pick in zip(supported, combo):
                        keep.add(pick)
            for (row, candidates), keep in zip(open_rows, supported):
                if len(keep) < len(candidates):
                    candidates[:] = [candidates[i] for i in sorted(keep)]
                    row.narrowed.add(number)
                    changed = True
                    if len(candidates) == 1:
                        known.update(_values(row, candidates[0]))


def _values(row: FlowRow, cells: list[tuple[str, int]]) -> dict[str, Decimal]:
    """The row's cells that are numbers; one that is not ("1..2") is left out: its cell reads as
    unreadable, and it takes no part in the equations."""
    values = {}
    for field_id, (text, _) in zip(row.fields, cells):
        if field_id:
            try:
                values[field_id] = Decimal(text.replace(",", "").replace("，", ""))
            except InvalidOperation:
                continue
    return values


def _rows_in(block: TextBlock, template: Template) -> Iterator[FlowRow]:
    """Each grid row whose label stands in `block` followed by figures, in the table's order."""
    text = block.text
    for table in template.tables:
        if not table.rows:
            yield from _positional_row(block, table)
            continue
        # Rows only after the table's own header ("申请人情况", "信息内容"): the narrative names
        # rows too ("办理行政许可2300件"), and table 四's header ends in 总计.
        anchors = [text.find(word) for word in table.header_labels if word in text]
        if table.header_labels and not anchors:
            continue
        position = min(anchors, default=0)
        for row in table.rows:
            found = _find_label(text, row.labels, position)
            if found is None:
                continue
            start, end = found
            end += _NOTE.match(text, end).end() - end if _NOTE.match(text, end) else 0
            run = _read_run(text, end)
            if not re.search(r"\d", run) or _followed_by_unit(text, end + len(run)):
                continue
            position = end + len(run)
            columns = [c.id for c in table.columns if not row.columns or c.id in row.columns]
            label = Cell(text[start:end], block.locate(start))
            yield FlowRow([f"{table.id}.{row.id}.{c}" for c in columns], label, run, block, end)


def _field_rows_in(block: TextBlock, template: Template) -> Iterator[FlowRow]:
    """Rows of a single-value form ("主动公开信息数 条 739 4359"): label, unit, this year's figure
    and, where the form has the column, the cumulative one (历年累计), which is not read. Only
    after the table's title, where there is one: the narrative also says "当面申请数18条"."""
    text = block.text
    begin = max(0, text.rfind(TABLE_TITLE))
    columns = 2 if any(text.find(h, begin) >= 0 for h in template.info.cumulative_headers) else 1
    for field_id, start, end in _label_hits(text, begin, template):
        unit = re.compile(rf"\s*({_UNITS})?\s*").match(text, end)
        if not text[unit.end():unit.end() + 1].isdigit():
            continue
        run = _read_run(text, unit.end())
        cell = Cell(text[start:end], block.locate(start))
        fields = [field_id, CUMULATIVE + field_id] if columns > 1 else [field_id]
        yield FlowRow(fields, cell, run, block, unit.end(), unit.group(1) or "", ascending=columns > 1)


def _label_hits(text: str, begin: int, template: Template) -> list[tuple[str, int, int]]:
    """(field, start, end) of each label in the text, the longest where labels overlap
    ("信函、传真申请数" holds "传真申请数"), each field once; labels several fields share are skipped."""
    labels, region = template.single_labels, text[begin:]
    hits = sorted(((m.start(), m.end(), labels[label]) for label in labels if label in region
                   for m in re.finditer(re.escape(label), region)), key=lambda h: (h[0], -h[1]))
    chosen, reach, seen = [], -1, set()
    for start, end, field_id in hits:
        if start >= reach and field_id not in seen:
            chosen.append((field_id, begin + start, begin + end))
            reach, seen = end, seen | {field_id}
    return chosen


def _followed_by_unit(text: str, end: int) -> bool:
    """"行政许可2300件" is a sentence: cells of a table carry no unit after them."""
    return any(text.startswith(unit, end) for unit in ALL_UNITS)


def _find_label(text: str, labels: list[str], position: int) -> tuple[int, int] | None:
    """The first of `labels` after `position` that is followed by figures (or a bracketed note)."""
    best = None
    for label in labels:
        start = text.find(label, position)
        while start >= 0 and (best is None or start < best[0]):
            end = start + len(label)
            after = text[end:end + 1]
            if after and (after.isdigit() or after in " （("):
                best = (start, end)
                break
            start = text.find(label, end + (not label))  # the next one not overlapping, as re.finditer
    return best


def _read_run(text: str, end: int) -> str:
    """The figures after a label, without the next row's numbering that follows them:
    "…0000000" + "2.其他…" reads "00000002." and "739 4359" + "2、政府公报…" reads "739 4359 2"."""
    run = _RUN.match(text, end).group(0)
    stripped = run.rstrip()
    if _NUMBERING.search(stripped):
        return stripped[:-2]
    if text[end + len(run):end + len(run) + 1] == "、" and stripped[-1:] in "123456789１２３４５６７８９":
        return stripped[:-1]
    return run


def _positional_row(block: TextBlock, table: TableDef) -> Iterator[FlowRow]:
    """Table 四: the unlabelled row of figures after the last of its header words."""
    text = block.text
    header_words = _header_words((*table.header_labels, *(l for c in table.columns for l in c.labels)))
    for header in table.header_labels:
        for anchor in re.finditer(re.escape(header), text):
            end = header_words.match(text, anchor.end()).end()
            run = _RUN.match(text, end).group(0)
            if len(re.sub(r"\D", "", run)) >= len(table.columns):
                label = Cell(table.title.zh, block.locate(anchor.start()))
                yield FlowRow([f"{table.id}.{c.id}" for c in table.columns], label, run, block, end)
                return


@functools.lru_cache(maxsize=64)
def _header_words(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A run of a table's header words and blanks (built once per table, not once per block)."""
    return re.compile("(?:" + "|".join(re.escape(label) for label in labels) + r"|\s)*")


# --- splitting ---------------------------------------------------------------------------


def _candidates(row: FlowRow, equations: list[Equation]) -> list[list[tuple[str, int]]]:
    """(text, offset in run) per cell for every reading of the row: by the spaces when they give one
    token a cell, else each cutting of the digits that satisfies the row's own equations."""
    tokens = [(m.group(0), m.start()) for m in re.finditer(r"-?[\d.,，]+", row.run)]
    if len(tokens) == len(row.fields):
        return [tokens]
    if any("." in t or "-" in t for t, _ in tokens):
        return []  # decimals and signs do not run together safely
    digits = [(c, i) for i, c in enumerate(row.run) if c.isdigit()]
    row.digits = "".join(c for c, _ in digits)
    position = {f: i for i, f in enumerate(row.fields) if f}
    row.own = [(number, [position[f] for f in left], [position[f] for f in right])
               for number, (left, right) in enumerate(equations) if all(f in position for f in (*left, *right))]
    readings = []
    own = tuple((tuple(l), tuple(r)) for _, l, r in row.own)
    for cutting in _cached_cuttings(row.digits, len(row.fields), own, MAX_READINGS):
        if row.ascending and int(cutting[0]) > int(cutting[-1]):
            continue
        cells, at = [], 0
        for piece in cutting:
            cells.append((piece, digits[at][1]))
            at += len(piece)
        readings.append(cells)
    return readings if len(readings) < MAX_READINGS else []


@functools.lru_cache(maxsize=4096)  # reports repeat rows (and three templates read each): cut each once
def _cached_cuttings(text: str, count: int, equations: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...],
                     limit: int) -> tuple[list[str], ...]:
    return tuple(_cuttings(text, count, [(list(l), list(r)) for l, r in equations], limit=limit))


def _deciding(row: FlowRow) -> set[int]:
    """The row's own equations that decided its cut: each rules out some cutting of its digits.
    One that every cutting satisfies ("0000000" has one cutting) decided nothing. Past
    MAX_COMBINATIONS cuttings, those not yet seen to rule one out are counted as deciding."""
    if not row.own:
        return set()
    own = tuple((number, tuple(left), tuple(right)) for number, left, right in row.own)
    return set(_decided(row.digits, len(row.fields), own, row.ascending))


@functools.lru_cache(maxsize=4096)
def _decided(digits: str, count: int, own: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...],
             ascending: bool) -> frozenset[int]:
    undecided = {number: (list(left), list(right)) for number, left, right in own}
    tried = 0
    for cutting in _cuttings(digits, count, [], limit=MAX_COMBINATIONS):
        tried += 1
        if ascending and int(cutting[0]) > int(cutting[-1]):
            continue
        for number, equation in list(undecided.items()):
            if not _consistent(cutting, [equation]):
                del undecided[number]
        if not undecided:
            break
    kept = set(undecided) if tried < MAX_COMBINATIONS else set()
    return frozenset(number for number, _, _ in own) - kept


def _cuttings(text: str, count: int, equations: list[tuple[list[int], list[int]]], limit: int) -> Iterator[list[str]]:
    """Ways to cut `text` into `count` numbers without leading zeros that satisfy `equations`;
    an equation is checked as soon as its cells are all cut, which keeps the search small."""
    found = 0

    def cut(rest: str, done: list[str]) -> Iterator[list[str]]:
        nonlocal found
        if found >= limit:
            return
        if len(done) == count:
            if not rest:
                found += 1
                yield done
            return
        left = count - len(done)
        if len(rest) < left or len(rest) > left * MAX_CELL_DIGITS:
            return
        for size in range(1, min(MAX_CELL_DIGITS, len(rest) - left + 1) + 1):
            piece = rest[:size]
            if len(piece) > 1 and piece[0] in "0０":  # full-width digits as written
                break
            candidate = done + [piece]
            if _consistent(candidate, equations):
                yield from cut(rest[size:], candidate)

    yield from cut(text, [])


def _consistent(cells: list[str], equations: list[tuple[list[int], list[int]]]) -> bool:
    known = len(cells)
    for left, right in equations:
        if all(i < known for i in (*left, *right)):
            if sum(Decimal(cells[i]) for i in left) != sum(Decimal(cells[i]) for i in right):
                return False
    return True
