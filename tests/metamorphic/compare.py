"""What of an audit must survive a re-rendering, and how a variant's audit differs from the baseline's.

A finding is compared as its rule and its places: a table place by its field and the value the
report's extraction gives it, any other by its text (width folded, so １２ is 12). Lines, columns
and wording are left out: a rendering moves them.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from auditor.library import Library
from auditor.model.findings import Finding
from auditor.model.report import Report
from metamorphic.variants import Expectation

Signature = tuple[str, tuple[tuple[str, str], ...]]  # rule id, places
TOTAL = "total"  # table 三's 总计 column, in the templates' field ids (t3.<row>.total)


@dataclass(frozen=True)
class Seen:
    """One finding: what is compared, and what an expectation asks about it."""

    signature: Signature
    code: str | None  # the extraction note's code; None for a report finding
    cells: frozenset[tuple[int | None, int | None]]  # (table, column) of its places


@dataclass
class Summary:
    template: str | None
    fields: dict[str, str]  # field → its value, or its state when it has none (blank, dash …)
    findings: list[Seen]


def summary(report: Report) -> Summary:
    fields = {name: _value(figure.quantity.value) if figure.quantity else figure.state
              for name, figure in report.extraction.fields.items()}
    return Summary(report.extraction.template, fields, [_seen(f, fields) for f in report.findings])


def _value(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _seen(finding: Finding, fields: dict[str, str]) -> Seen:
    places = tuple(sorted((p.field, fields.get(p.field, "?")) if p.field else (p.role, _fold(p.text))
                          for p in finding.places))
    code = getattr(finding.rule, "code", None) if finding.rule.kind == "extraction" else None
    cells = frozenset((p.location.table, p.location.col) for p in finding.places)
    return Seen((finding.rule.id, places), code, cells)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def differences(baseline: Summary, variant: Summary, expectation: Expectation, library: Library) -> list[str]:
    """Every way `variant` differs from `baseline` beyond what `expectation` allows, in words."""
    problems = []
    if variant.template != baseline.template:
        problems.append(f"template {variant.template} instead of {baseline.template}")
    expected = expected_fields(baseline, expectation, library)
    for name in sorted(set(expected) | set(variant.fields)):
        if name in expected and expected[name] is None:
            continue  # a derived total whose parts are not all numbers: no claim
        want, got = expected.get(name, "(not read)"), variant.fields.get(name, "(not read)")
        if want != got and not (expectation.blank_reads_as_zero and (want, got) == ("blank", "0")):
            problems.append(f"field {name}: {got} instead of {want}")
    return problems + _finding_differences(baseline.findings, variant.findings, expectation)


def expected_fields(baseline: Summary, expectation: Expectation, library: Library) -> dict[str, str | None]:
    """The baseline's fields, with table 三's totals as the sums of their rows where the variant
    blanked the total column (None where a part is not a number)."""
    fields: dict[str, str | None] = dict(baseline.fields)
    if not expectation.derived_total or baseline.template is None:
        return fields
    table = next(t for t in library.templates[baseline.template].tables if t.id == "t3")
    parts = [c.id for c in table.columns if c.id != TOTAL]
    for row in table.rows:
        total = f"t3.{row.id}.{TOTAL}"
        if total in fields:
            values = [baseline.fields.get(f"t3.{row.id}.{part}", "") for part in parts]
            fields[total] = _value(sum(map(Decimal, values))) if all(map(_is_decimal, values)) else None
    return fields


def _is_decimal(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _finding_differences(baseline: list[Seen], variant: list[Seen], expectation: Expectation) -> list[str]:
    column = expectation.column
    before = Counter(s.signature for s in baseline if column not in s.cells)
    after = Counter(s.signature for s in variant if column not in s.cells)
    problems = [f"finding lost: {signature}" for signature in sorted((before - after).elements())]
    codes = {s.signature: s.code for s in variant}
    added = list((after - before).elements())
    problems += [f"finding added: {signature}" for signature in added if codes[signature] not in expectation.notes]
    # In the blanked column findings may change (a total the tool derives checks nothing), but
    # one at least must be new: the tool has to say that the column is blank.
    in_column = {s.signature for s in baseline if column in s.cells}
    new_in_column = [s.signature for s in variant if column in s.cells and s.signature not in in_column]
    if column and not new_in_column:
        problems.append(f"no new finding names the blank column (table, column) {column}")
    if expectation.required and not any(codes[s] in expectation.required for s in added + new_in_column):
        problems.append(f"no note {' or '.join(sorted(expectation.required))} says what the tool did")
    return problems
