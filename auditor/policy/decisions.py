"""Reviewer decisions: what a reviewer decided about each finding on the HTML page.

The page (`--format html`) lets a reviewer mark a finding 确认 (confirmed) or 非问题 (dismissed)
with a note, and exports the decisions as a JSON file; `auditor check --decisions FILE` reads it
back. A dismissed finding is hidden as a baselined one is (not counted, not failing the run) but
still listed as dismissed, with the note; a confirmed one stays as it is, with its note.

    {"tool": "auditor", "kind": "decisions", "version": 1, "run": "…",
     "decisions": [{"path": "2023.docx", "rule": "N101", "fingerprint": "fd1c93ac2bb9cc83",
                    "decision": "dismissed", "note": "…", "message": "…"}]}

A decision names its finding by the report's file name (not its folder: the file is downloaded
anywhere and the report may move) and the finding's fingerprint, which never reads line numbers,
so a decision stays matched when unrelated text moves. A decision that matches nothing is stale:
ignored, and counted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor.model.errors import InputError, Said, validation_reason
from auditor.model.files import read_regular
from auditor.model.report import Report
from auditor.policy.baseline import hide

FORMAT_VERSION = 1
CHOICES = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Decision:
    path: str  # the report as the page named it; matched by its file name
    rule: str
    fingerprint: str
    decision: str  # one of CHOICES
    note: str = ""


def read_decisions(file: Path) -> tuple[Decision, ...]:
    """The decisions in `file`; InputError (naming the file and why) when it is not one."""
    data = read_regular(str(file))
    try:
        parsed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _invalid(file, Said("input.decisions_encoding")) from None
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise _invalid(file, Said("input.decisions_json", line=getattr(exc, "lineno", 1))) from None
    return _validated(file, parsed)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)  # "message" and later keys: for people
    path: str
    rule: str = ""
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$")
    decision: Literal["confirmed", "dismissed"]
    note: str = ""


def _validated(file: Path, parsed: object) -> tuple[Decision, ...]:
    if not isinstance(parsed, dict) or parsed.get("kind") != "decisions" or not isinstance(parsed.get("decisions"), list):
        raise _invalid(file, Said("input.decisions_shape"))
    if parsed.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise _invalid(file, Said("input.decisions_version", version=parsed["version"], known=FORMAT_VERSION))
    decisions = []
    for number, entry in enumerate(parsed["decisions"], 1):
        if not isinstance(entry, dict):
            raise _invalid(file, Said("input.decisions_object", number=number))
        try:
            decisions.append(Decision(**_Entry.model_validate(entry).model_dump()))
        except ValidationError as exc:
            error = exc.errors()[0]
            key = ".".join(str(part) for part in error["loc"])
            raise _invalid(file, Said("input.decisions_entry", number=number, name=key, reason=_reason(key, error))) from None
    return tuple(decisions)


def _reason(key: str, error: dict) -> str:
    if error["type"] != "missing" and key in ("fingerprint", "decision"):
        return Said(f"input.decisions_{'choice' if key == 'decision' else key}")
    return validation_reason(error)


def _invalid(file: Path, detail: Said) -> InputError:
    return InputError(str(file), Said("input.decisions_invalid", detail=detail))


def apply_decisions(decisions: tuple[Decision, ...], reports: list[Report]) -> list[Decision]:
    """Mark each finding a decision names; hide the dismissed ones. Again on the same reports it
    changes nothing. Return the decisions about these reports that match no finding (stale)."""
    if not decisions:
        return []
    by_key = {(file_name(d.path), d.fingerprint): d for d in decisions}  # a later decision wins
    matched = set()
    for report in reports:
        name = file_name(report.path)
        for finding in report.result.findings:
            key = (name, finding.fingerprint)
            decision = by_key.get(key)
            if decision is None:
                continue
            matched.add(key)
            if finding.hidden not in (None, "dismissed"):  # suppressed or baselined: stays so
                continue
            finding.decision, finding.note = decision.decision, decision.note
            if decision.decision == "dismissed":
                hide(report, finding, "dismissed")
    names = {file_name(r.path) for r in reports}
    return [d for key, d in by_key.items() if key[0] in names and key not in matched]


def file_name(path: str) -> str:
    """The last part of a path, whichever system wrote it; a byte no encoding decodes as U+FFFD,
    as the page (and every output) writes it."""
    return re.sub("[\ud800-\udfff]", "\ufffd", re.split(r"[\\/]", path)[-1])
