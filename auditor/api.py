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
from auditor.config import Config
from auditor.document import Document
from auditor.extract import Extraction, extract
from auditor.library import Library, load_library
from auditor.library.schema import SEVERITY_ORDER
from auditor.load import load
from auditor.policy import apply_policy


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
        """Findings shown (not suppressed, not in the baseline): most severe first, then in file order."""
        return sorted((f for f in self.result.findings if not f.hidden), key=_finding_order)

    def hidden(self, reason: str) -> list[Finding]:
        return [f for f in self.result.findings if f.hidden == reason]

    def stats(self) -> dict[str, int]:
        return {
            "figures": self.extraction.figure_count,
            "checks": len(self.result.outcomes),
            "passed": self.result.count("passed"),
            "failed": sum(1 for o in self.result.outcomes if o.status == "failed" and o.finding
                          and not o.finding.hidden),
            "not_assessable": self.result.count("not_assessable"),
            "suppressed": len(self.hidden("suppressed")),
            "baselined": len(self.hidden("baseline")),
        }


def _finding_order(finding: Finding) -> tuple[int, int, int, str]:
    first = finding.places[0].location if finding.places else None
    return (-SEVERITY_ORDER[finding.severity], first.line if first else 0, first.column if first else 0,
            finding.rule.id)


def audit(path: str | os.PathLike[str], library: Library | None = None, rules: Iterable[str | Path] = (),
          template: str | None = None, config: Config | None = None) -> Report:
    """Load, extract and check one report. Raises AuditorError on input it cannot read.

    `config` (see auditor.config; `find_config(path)` finds a file's own) selects rules, sets
    severities and adds rule folders; without it every rule runs at its own severity."""
    config = config or Config()
    library = library or load_library([*rules, *config.rule_folders()])
    return audit_document(load(path), library, template or config.template, config)


def audit_document(document: Document, library: Library, template: str | None = None,
                   config: Config | None = None) -> Report:
    config = config or Config()
    extraction = extract(document, library, template)
    result = run_checks(extraction, library, lambda rule_id: config.enabled(rule_id, Path(document.path)))
    apply_policy(result, document, config, library)
    return Report(document.path, extraction, result)


def audit_data(path: str | os.PathLike[str], lang: str = "zh", discover_config: bool = True) -> dict:
    """Audit one report and return plain data (the report's entry of the JSON output, see
    docs/json-format.md): safe to call in worker processes or on a cluster, and to send anywhere.
    Errors the user can act on raise AuditorError, as `audit` does."""
    from auditor.config import find_config
    from auditor.render.json import report_data_one

    config = find_config(Path(path)) if discover_config else Config()
    return report_data_one(audit(path, config=config), lang)
