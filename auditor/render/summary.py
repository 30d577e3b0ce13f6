"""Counts shared by every output format."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.library.schema import SEVERITY_ORDER
from auditor.model.report import Report


def severity_counts(reports: Iterable[Report]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for report in reports:
        for finding in report.findings:
            counts[finding.severity + "s"] += 1
    return counts


def fails(reports: Iterable[Report], fail_on: str) -> bool:
    """Is there a finding at or above `fail_on` (error | warning | info | never)?"""
    if fail_on == "never":
        return False
    threshold = SEVERITY_ORDER[fail_on]
    return any(SEVERITY_ORDER[f.severity] >= threshold for r in reports for f in r.findings)
