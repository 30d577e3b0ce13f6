"""Counts and headlines shared by every output format."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from auditor.library.schema import SEVERITY_ORDER
from auditor.model.findings import Finding
from auditor.model.report import Report
from auditor.model.words import word

# Not assessable in this share of a report's checks or more, a report without findings is not
# called clean: its headline says how many could not be assessed, and why.
UNASSESSED_SHARE = 0.1
_REASONS = ("no_row", "blank", "dash", "word", "unreadable")
HIDDEN = ("suppressed", "baselined", "dismissed")  # the stats of findings not counted


def severity_counts(reports: Iterable[Report]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for report in reports:
        for finding in report.findings:
            counts[finding.severity + "s"] += 1
    return counts


def dismissed_count(reports: Iterable[Report]) -> int:
    """Findings a reviewer dismissed (非问题): not counted among the severities, said apart."""
    return sum(len(report.dismissed) for report in reports)


def fails(reports: Iterable[Report], fail_on: str) -> bool:
    """Is there a finding at or above `fail_on` (error | warning | info | never)?"""
    if fail_on == "never":
        return False
    threshold = SEVERITY_ORDER[fail_on]
    return any(SEVERITY_ORDER[f.severity] >= threshold for r in reports for f in r.findings)


def verdict(report: Report, lang: str) -> list[str]:
    """The report's headline lines: 未发现问题 only when (nearly) every check could be assessed;
    else how many could not and why; the findings not shown (suppressed, baselined); and those
    a reviewer dismissed."""
    stats, lines = report.stats(), []
    unassessed = stats["not_assessable"]
    reasons = _unassessed_reasons(report, lang)
    if not report.findings:
        partial = unassessed and unassessed >= UNASSESSED_SHARE * stats["checks"]
        lines.append(word("verdict.partial", lang, count=unassessed, reasons=reasons) if partial
                     else word("verdict.clean", lang))
    elif unassessed >= UNASSESSED_SHARE * stats["checks"] and unassessed:
        lines.append(word("verdict.unassessed", lang, count=unassessed, reasons=reasons))
    hidden = [word(f"verdict.{key}", lang, count=stats[key]) for key in ("suppressed", "baselined") if stats[key]]
    if hidden:
        which = word("punct.comma", lang).join(hidden)
        lines.append(word("verdict.hidden", lang, count=stats["suppressed"] + stats["baselined"], which=which))
    if stats["dismissed"]:  # not counted, but listed apart
        lines.append(word("verdict.dismissed", lang, count=stats["dismissed"]))
    return lines


def review_note(finding: Finding, lang: str) -> str:
    """A reviewer's decision on a finding as every format says it after the message ("" when none)."""
    if finding.decision is None:
        return ""
    key = "review.note" if finding.decision == "dismissed" else "review.confirmed_note"
    return word(key, lang, note=finding.note or word("review.no_note", lang))


def _unassessed_reasons(report: Report, lang: str) -> str:
    """The two commonest reasons checks could not be assessed, with how many checks each stopped."""
    counts = Counter(state if state in _REASONS else "other"
                     for outcome in report.result.outcomes if outcome.status == "not_assessable"
                     for state in (set(outcome.missing) or {"other"}))
    shown = [word("verdict.reason", lang, reason=word(f"verdict.{state}", lang), count=count)
             for state, count in counts.most_common(2)]
    return word("punct.comma", lang).join(shown)
