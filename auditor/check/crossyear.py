"""Rules across years: a body's report of year y against its report of year y − 1.

二、上年结转 (y) must equal 四、结转下年度 (y − 1), column by column; 现行有效件数 should chain from
last year's through this year's 制发 and 废止. A finding is attached to the later report and names
both files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from auditor.check import applies
from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.extract import recovered
from auditor.library import Library
from auditor.check.yearchange import year_change_outcomes
from auditor.library.schema import PREVIOUS, CrossYearRule, YearChangeRule
from auditor.model.findings import Outcome
from auditor.model.report import Report
from auditor.model.words import word
from auditor.policy.config import Config


def consecutive(reports: list[Report]) -> list[tuple[Report, Report]]:
    """(previous, current) for every report whose body has a report of the year before, in order
    of body, then year. A report published in several forms (.docx, .html, .pdf, .txt) is one
    report: every form of year y is paired with the same form of year y − 1, the one that states
    the most table figures (then the first by path), so that every form gets the same verdict."""
    return [(previous, current) for previous, current, _ in related(reports) if previous]


def related(reports: list[Report]) -> list[tuple[Report | None, Report, list[Report]]]:
    """(last year's report or None, report, the report's other forms) for every report with a
    body and year, in order of body, then year."""
    found = []
    for _, years in sorted(forms_by_body_and_year(reports).items()):
        for year in sorted(years):
            previous = fullest(years[year - 1]) if year - 1 in years else None
            found += [(previous, form, [f for f in years[year] if f is not form]) for form in years[year]]
    return found


def forms_by_body_and_year(reports: list[Report]) -> dict[str, dict[int, list[Report]]]:
    """body → year → the reports (forms) of that body and year; reports without both are left out."""
    grouped: dict[str, dict[int, list[Report]]] = {}
    for report in reports:
        body, year = report.extraction.body, report.extraction.year
        if body and year:
            grouped.setdefault(body, {}).setdefault(year, []).append(report)
    return grouped


def fullest(forms: list[Report]) -> Report:
    """The form whose tables were read most completely (a PDF may lose cells a .docx keeps)."""
    return min(forms, key=lambda r: (-r.extraction.stated_cells, r.path))


def check_cross_year(reports: list[Report], library: Library, configs: dict[str, Config]) -> None:
    rules = [r for r in library.rules if isinstance(r, CrossYearRule)]
    for previous, current in consecutive(reports):
        config = configs.get(current.path, Config())
        for rule in rules:
            if not config.enabled(rule.id, Path(current.path)):
                continue
            if not (applies(rule, previous.extraction) and applies(rule, current.extraction)):
                continue  # each table it reads, in both years, follows one of its templates (hybrids too)
            current.result.outcomes.extend(cross_year_outcomes(rule, library, previous, current))


def cross_year_outcomes(rule: CrossYearRule, library: Library, previous: Report, current: Report) -> list[Outcome]:
    """One outcome per instance of `rule` between two consecutive reports of one body."""
    if isinstance(rule, YearChangeRule):  # a change the narrative states against last year
        return year_change_outcomes(rule, library, previous, current)
    now, before = Context(current.extraction, library), Context(previous.extraction, library)
    outcomes = []
    for left, right in rule.sides():
        fields = [*left, *right]
        if not all(_ctx(f, now, before).defined([_bare(f)]) for f in fields):
            continue
        missing = [o for f in fields if (o := _ctx(f, now, before).not_assessable(rule, [_bare(f)]))]
        if missing:
            reason = "; ".join(o.reason for o in missing)
            lacked = tuple(state for o in missing for state in o.missing)
            outcomes.append(Outcome(rule, "not_assessable", reason=reason, missing=lacked).about("+".join(left)))
            continue
        if iv.overlaps(_total(left, now, before), _total(right, now, before)):
            # "recovered" when this chain chose the cells out of run-together digits (extract.flow)
            held = "recovered" if recovered(current.extraction.fields, left, right) else "passed"
            outcomes.append(Outcome(rule, held).about("+".join(left)))
            continue
        outcomes.append(_finding(rule, now, before, previous, left, right).about("+".join(left)))
    return outcomes


def _finding(rule: CrossYearRule, now: Context, before: Context, previous: Report,
             left: list[str], right: list[str]) -> Outcome:
    params = {"previous": previous.path}
    for side, fields in (("left", left), ("right", right)):
        quantities = [_ctx(f, now, before).quantity(_bare(f)) for f in fields]
        params[side] = iv.show(iv.point(quantities), quantities[0].unit) + (quantities[0].unit or "")
        for lang in ("zh", "en"):
            params[f"{side}_label_{lang}"] = " + ".join(
                (word("crossyear.previous", lang) if f.startswith(PREVIOUS) else "") + _ctx(f, now, before).title(_bare(f), lang)
                for f in fields)
    outcome = now.fail(rule, params, expected=params["right"], actual=params["left"],
                       fields=[f for f in (*left, *right) if not f.startswith(PREVIOUS)])
    assert outcome.finding is not None
    outcome.finding.places += [replace(before.table_place(_bare(f)), path=previous.path)
                               for f in (*left, *right) if f.startswith(PREVIOUS)]
    return outcome


def _total(side: list[str], now: Context, before: Context) -> iv.Interval:
    return iv.total(_ctx(f, now, before).quantity(_bare(f)) for f in side)


def _bare(field: str) -> str:
    return field.removeprefix(PREVIOUS)


def _ctx(field: str, now: Context, before: Context) -> Context:
    return before if field.startswith(PREVIOUS) else now
