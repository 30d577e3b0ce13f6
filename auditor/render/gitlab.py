"""GitLab Code Quality: a JSON list of issues for the `codequality` report artifact.

Each finding is one issue: `description` (the message), `check_name` (the rule id),
`fingerprint`, `severity` and `location` {`path` relative to the working directory with `/`,
`lines.begin`}. Severities map as error → "major", warning → "minor", info → "info" (GitLab's
scale is info, minor, major, critical, blocker; a report's inconsistency breaks nothing, so
"critical" and "blocker" are not used). A finding without a place (a doubt about the whole file)
is placed on line 1.

The fingerprint is the finding's own (stable when unrelated lines move, see docs/json-format.md).
It leaves out the path, and GitLab needs it unique in the artifact: when two findings share one
(the same figures and rule in two files, or one file given twice), the second gets a fingerprint
derived from the first and its ordinal (16 hex digits too), so it also stays the same from one
run to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

import hashlib
import json
from typing import Any

from auditor.library import Library
from auditor.model.findings import Finding
from auditor.model.report import Report, Unaudited
from auditor.render.places import place_file, places_said, relative_path

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render_gitlab(reports: list[Report], library: Library, lang: str, unaudited: Sequence[Unaudited] = ()) -> str:
    return json.dumps(gitlab_data(reports, lang, unaudited), ensure_ascii=False, indent=2) + "\n"


def gitlab_data(reports: list[Report], lang: str, unaudited: Sequence[Unaudited] = ()) -> list[dict[str, Any]]:
    issues, seen = [], set()
    for file in unaudited:  # a file not audited is a blocker: nothing of it was checked
        path = relative_path(file.path)
        issues.append({"description": file.reason, "check_name": f"auditor-{file.kind}", "severity": "blocker",
                       "fingerprint": _unique(hashlib.sha256(f"unaudited:{path}".encode()).hexdigest()[:16], seen),
                       "location": {"path": path, "lines": {"begin": 1}}})
    for report in reports:
        for finding in report.findings:
            first = finding.places[0] if finding.places else None
            path = relative_path(place_file(first, report) if first else report.path)
            issues.append(_issue(finding, report, path, _unique(finding.fingerprint, seen), lang))
    return issues


def _issue(finding: Finding, report: Report, path: str, fingerprint: str, lang: str) -> dict[str, Any]:
    first = finding.places[0].location if finding.places else None
    said = places_said(finding, report, lang)
    return {
        "description": finding.message(lang) + ((f"（{said}）" if lang == "zh" else f" ({said})") if said else ""),
        "check_name": finding.rule.id,
        "fingerprint": fingerprint,
        "severity": SEVERITY[finding.severity],
        "location": {"path": path, "lines": {"begin": first.line if first and first.line >= 1 else 1}},
    }


def _unique(fingerprint: str, seen: set[str]) -> str:
    candidate, n = fingerprint, 1
    while candidate in seen:
        n += 1
        candidate = hashlib.sha256(f"{fingerprint}#{n}".encode()).hexdigest()[:16]
    seen.add(candidate)
    return candidate
