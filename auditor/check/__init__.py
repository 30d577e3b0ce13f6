"""Check: run the library's declarative rules over an extraction."""

from __future__ import annotations

from collections.abc import Callable

from auditor.check.arithmetic import check_breakdown
from auditor.check.context import Context
from auditor.check.narrative import check_narrative
from auditor.check.rates import check_rate
from auditor.check.shares import check_share
from auditor.check.tables import check_bound, check_equal, check_integer, check_sum
from auditor.check.wording import check_paired_marks, check_repeated_word, check_residue
from auditor.extract.generations import template_of
from auditor.library import Library
from auditor.library.schema import ExtractionRule, Rule
from auditor.model.extraction import Extraction
from auditor.model.findings import CheckResult, Finding, FindingPolicy, Outcome, Place

__all__ = ["run_checks", "CheckResult", "Finding", "Outcome", "Place"]

CHECKERS: dict[str, Callable[[Rule, Context], list[Outcome]]] = {  # type: ignore[dict-item]
    "sum": check_sum,
    "bound": check_bound,
    "equal": check_equal,
    "narrative": check_narrative,
    "breakdown": check_breakdown,
    "share": check_share,
    "integer": check_integer,
    "rate": check_rate,
    "repeated_word": check_repeated_word,
    "paired_marks": check_paired_marks,
    "residue": check_residue,
}


def applies(rule: Rule, extraction: Extraction) -> bool:
    """A rule runs for the templates it names. Where a report's tables follow different generations,
    every table the rule reads must follow one of them: a 2019 rule on a 2019 table 三 runs in a
    report otherwise of 2021, and a 2021 rule on table 二 does not run on a 2019 table 二."""
    if not rule.templates:
        return True
    followed = {template_of(extraction, f) for f in rule.field_refs()} or {extraction.template}
    return followed <= set(rule.templates)


def run_checks(extraction: Extraction, library: Library,
               enabled: Callable[[str], bool] = lambda rule_id: True,
               policy: FindingPolicy | None = None) -> CheckResult:
    """Every enabled rule that applies to the report's template, and its extraction doubts;
    each finding made under `policy` (severities, suppressions)."""
    ctx = Context(extraction, library, policy=policy or FindingPolicy())
    result = CheckResult()
    for rule in library.rules:
        if rule.kind in CHECKERS and enabled(rule.id) and applies(rule, extraction):  # cross-year: see crossyear
            result.outcomes.extend(CHECKERS[rule.kind](rule, ctx))
    result.doubts.extend(f for f in _doubt_findings(ctx) if enabled(f.rule.id))
    return result


def _doubt_findings(ctx: Context) -> list[Finding]:
    """Extraction doubts, worded by the extraction rule that documents each code."""
    rules = {r.code: r for r in ctx.library.rules if isinstance(r, ExtractionRule)}
    findings = []
    for doubt in ctx.extraction.doubts:
        rule = rules.get(doubt.code)
        if rule is None:
            continue
        places = [Place(doubt.location, doubt.text, doubt.params.get("label", ""), "table")] if doubt.location else []
        findings.append(ctx.finding(rule, doubt.params, "", doubt.text, places,
                                    doubt="report" if rule.defect else "extraction"))
    return findings
