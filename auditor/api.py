"""The library API: audit a report file and get its figures, checks and findings.

    from auditor import audit
    report = audit("report.txt")
    for finding in report.findings:
        print(finding.rule.id, finding.message("en"))
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from auditor.check import CheckResult, Finding, run_checks
from auditor.document import Document
from auditor.extract import Extraction, extract
from auditor.library import Library, load_library
from auditor.library.schema import SEVERITY_ORDER
from auditor.load import load


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
        """Findings, most severe first, then in the order of the file."""
        return sorted(self.result.findings, key=_finding_order)

    def stats(self) -> dict[str, int]:
        return {
            "figures": self.extraction.figure_count,
            "checks": len(self.result.outcomes),
            "passed": self.result.count("passed"),
            "failed": self.result.count("failed"),
            "not_assessable": self.result.count("not_assessable"),
        }


def _finding_order(finding: Finding) -> tuple[int, int, int, str]:
    first = finding.places[0].location if finding.places else None
    return (-SEVERITY_ORDER[finding.severity], first.line if first else 0, first.column if first else 0,
            finding.rule.id)


def audit(path: str | os.PathLike[str], library: Library | None = None, rules: Iterable[str | Path] = (),
          template: str | None = None) -> Report:
    """Load, extract and check one report. Raises AuditorError on input it cannot read."""
    library = library or load_library(rules)
    document = load(path)
    return audit_document(document, library, template)


def audit_document(document: Document, library: Library, template: str | None = None) -> Report:
    extraction = extract(document, library, template)
    return Report(document.path, extraction, run_checks(extraction, library))
