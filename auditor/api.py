"""The library API: audit a report file and get its figures, checks and findings.

    from auditor import audit
    report = audit("report.txt")
    for finding in report.findings:
        print(finding.rule.id, finding.message("en"))
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from auditor.check import run_checks
from auditor.extract import Prior, extract
from auditor.library import Library, load_library
from auditor.load import load
from auditor.model.document import Document
from auditor.model.report import Report
from auditor.policy.config import DEFAULTS, Config
from auditor.policy.severity import finding_policy, unused_directives


def audit(path: str | os.PathLike[str], library: Library | None = None, rules: Iterable[str | Path] = (),
          template: str | None = None, config: Config | None = None, prior: Prior | None = None) -> Report:
    """Load, extract and check one report. Raises AuditorError on input it cannot read.

    `config` (see auditor.policy.config; `find_config(path)` finds a file's own) selects rules, sets
    severities and adds rule folders; without it every rule runs at its own severity. `prior`
    (`Prior.of(last_report.extraction)`), the same body's report of the year before, may decide
    run-together digits the report's own figures leave open."""
    config = config or DEFAULTS
    library = library or load_library([*rules, *config.rule_folders()])
    return audit_document(load(path), library, template or config.template, config, prior)


def audit_document(document: Document, library: Library, template: str | None = None,
                   config: Config | None = None, prior: Prior | None = None) -> Report:
    config = config or DEFAULTS
    extraction = extract(document, library, template, blank=config.blank or "auto", prior=prior)
    policy, directives = finding_policy(document, config)
    result = run_checks(extraction, library, config.rule_filter(Path(document.path)), policy)
    result.doubts.extend(unused_directives(document, config, library, policy, directives))
    return Report(document.path, extraction, result)


def audit_data(path: str | os.PathLike[str], lang: str = "zh", discover_config: bool = True) -> dict:
    """Audit one report and return plain data (the report's entry of the JSON output, see
    docs/json-format.md): safe to call in worker processes or on a cluster, and to send anywhere.
    Errors the user can act on raise AuditorError, as `audit` does."""
    from auditor.policy.config import find_config
    from auditor.render.json import report_data_one

    config = find_config(Path(path)) if discover_config else DEFAULTS
    return report_data_one(audit(path, config=config), lang)
