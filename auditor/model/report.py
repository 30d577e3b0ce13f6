"""One audited report: its extraction and its checks, as every renderer and the cross-year rules see it."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.library.schema import SEVERITY_ORDER
from auditor.model.document import Document
from auditor.model.extraction import Extraction
from auditor.model.findings import CheckResult, Finding


@dataclass
class Report:
    """One audited report."""

    path: str
    extraction: Extraction
    result: CheckResult

    @property
    def document(self) -> Document:
        return self.extraction.document

    @property
    def findings(self) -> list[Finding]:
        """Findings shown (not suppressed, not in the baseline, not dismissed by a reviewer): most
        severe first, then in file order."""
        return sorted((f for f in self.result.findings if not f.hidden), key=_finding_order)

    def hidden(self, reason: str) -> list[Finding]:
        return [f for f in self.result.findings if f.hidden == reason]

    @property
    def dismissed(self) -> list[Finding]:
        """Findings a reviewer marked 非问题 (not a problem), in the order of `findings`."""
        return sorted(self.hidden("dismissed"), key=_finding_order)

    def stats(self) -> dict[str, int]:
        return {
            "figures": self.extraction.figure_count,
            "checks": len(self.result.outcomes),
            "passed": self.result.count("passed"),
            "recovered": self.result.count("recovered"),
            "failed": sum(1 for o in self.result.outcomes if o.status == "failed" and o.finding
                          and not o.finding.hidden),
            "not_assessable": self.result.count("not_assessable"),
            "suppressed": len(self.hidden("suppressed")),
            "baselined": len(self.hidden("baseline")),
            "dismissed": len(self.hidden("dismissed")),
        }


@dataclass(frozen=True)
class Unaudited:
    """A file of the run that could not be audited: every output names it, so that nobody reading
    the results takes a missing report for a clean one."""

    path: str
    reason: str  # in the run's language
    kind: str  # "unreadable" (bad input), "timeout", "internal" (a bug in auditor, or a worker that died)


def _finding_order(finding: Finding) -> tuple[int, int, int, str]:
    first = finding.places[0].location if finding.places else None
    return (-SEVERITY_ORDER[finding.severity], first.line if first else 0, first.column if first else 0,
            finding.rule.id)
