"""Baselines: adopt the tool on old reports and see only what is new.

`auditor check --write-baseline FILE` records the current findings by fingerprint (built from the
figures' text and context, never from line numbers, so unrelated edits do not disturb it);
`--baseline FILE` hides those findings and lists baseline entries that no longer occur.
Paths are stored relative to the baseline file, so the baseline travels with the repository.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from auditor.model.errors import InputError, Said
from auditor.model.files import read_regular
from auditor.model.findings import Finding
from auditor.model.report import Report

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    fingerprint: str
    message: str = ""


def write_baseline(file: Path, reports: list[Report]) -> int:
    """Write every shown finding to `file`; the number written."""
    entries = [Entry(_relative(report.path, file), f.rule.id, f.fingerprint, f.message("en"))
               for report in reports for f in report.findings]
    data = {"tool": "auditor", "version": FORMAT_VERSION, "findings": [entry.__dict__ for entry in entries]}
    file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def read_baseline(file: Path) -> list[Entry]:
    if not file.exists():
        raise InputError(str(file), Said("input.baseline_missing"))
    try:
        data = json.loads(read_regular(str(file)).decode("utf-8"))
        return [Entry(**item) for item in data["findings"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(file), Said("input.baseline_invalid", detail=type(exc).__name__)) from None


def apply_baseline(file: Path, entries: list[Entry], reports: list[Report]) -> list[Entry]:
    """Hide the findings the baseline knows; return its entries that no longer occur."""
    known = {(e.path, e.fingerprint) for e in entries}
    seen = set()
    for report in reports:
        path = _relative(report.path, file)
        for finding in report.findings:
            key = (path, finding.fingerprint)
            if key in known:
                hide(report, finding, "baseline")
                seen.add(key)
    audited = {_relative(report.path, file) for report in reports}
    return [e for e in entries if e.path in audited and (e.path, e.fingerprint) not in seen]


def hide(report: Report, finding: Finding, reason: str) -> None:
    """Hide a finding of `report` for `reason` (not shown, not counted); its check is suppressed."""
    finding.hidden = reason
    for outcome in report.result.outcomes:
        if outcome.finding is finding:
            outcome.status = "suppressed"


def _relative(report: str, baseline: Path) -> str:
    return Path(os.path.relpath(Path(report).resolve(), baseline.resolve().parent)).as_posix()
