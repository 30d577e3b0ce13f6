"""GitHub Actions: workflow commands that annotate the files of a run, and a job summary.

One `::error` / `::warning` / `::notice` line per finding (error, warning, info), most severe
first, with `file`, `line`, `col` and `title` ("RULE name"). GitHub shows at most 10 annotations
of each level per step and drops the rest silently; so at most 10 of each are emitted, and when
any are left out a last `::notice::` says how many and where to see them all (that notice takes
the tenth notice place; GitHub also keeps at most 50 annotations per job, across its steps).
`step_summary` is the Markdown the CLI appends to `$GITHUB_STEP_SUMMARY`.
"""

from __future__ import annotations

from collections.abc import Sequence

import re

from auditor.library import Library
from auditor.library.schema import SEVERITY_ORDER
from auditor.model.findings import Finding
from auditor.model.report import Report, Unaudited
from auditor.model.words import word
from auditor.render.markdown import report_sections, unaudited_section
from auditor.render.places import place_file, places_said, relative_path

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
MAX_PER_LEVEL = 10  # annotations GitHub shows per level and step

_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = {**_DATA, ":": "%3A", ",": "%2C"}
_UNESCAPE = {v: k for k, v in _PROPERTY.items()}


def render_github(reports: list[Report], library: Library, lang: str, unaudited: Sequence[Unaudited] = ()) -> str:
    findings = sorted(((f, r) for r in reports for f in r.findings),
                      key=lambda item: -SEVERITY_ORDER[item[0].severity])  # stable: file order kept
    total = {level: sum(1 for f, _ in findings if f.severity == level) for level in COMMAND}
    caps = {level: MAX_PER_LEVEL for level in COMMAND}
    if any(total[level] > MAX_PER_LEVEL for level in COMMAND):
        caps["info"] = MAX_PER_LEVEL - 1  # keep a notice place for the note below
    lines, shown = [], {level: 0 for level in COMMAND}
    for finding, report in findings:
        if shown[finding.severity] < caps[finding.severity]:
            shown[finding.severity] += 1
            lines.append(annotation(finding, report, lang))
    hidden = {level: total[level] - shown[level] for level in COMMAND}
    if sum(hidden.values()):
        note = word("github.more", lang, count=sum(hidden.values()), errors=hidden["error"],
                    warnings=hidden["warning"], infos=hidden["info"], limit=MAX_PER_LEVEL)
        lines.append(f"::notice title={escape_property('auditor')}::{escape_data(note)}")
    lines += [f"::error file={escape_property(relative_path(u.path))},title={escape_property('auditor')}::"
              f"{escape_data(u.reason)}" for u in unaudited]
    return "".join(line + "\n" for line in lines)


def annotation(finding: Finding, report: Report, lang: str) -> str:
    first = finding.places[0] if finding.places else None
    properties = [("file", relative_path(place_file(first, report) if first else report.path))]
    if first:
        loc = first.location
        if loc.line >= 1:
            properties.append(("line", str(loc.line)))
            if loc.column >= 1:
                properties.append(("col", str(loc.column)))
    properties.append(("title", f"{finding.rule.id} {finding.rule.name}"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    said = places_said(finding, report, lang)
    message = finding.message(lang) + (f"\n{said}" if said else "")
    return f"::{COMMAND[finding.severity]} {props}::{escape_data(message)}"


def step_summary(reports: list[Report], lang: str, unaudited: Sequence[Unaudited] = ()) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: the files not audited, then per report its counts and a
    table of all findings."""
    return "\n".join([f"## {word('github.summary_title', lang)}", "", *unaudited_section(unaudited, lang, level=3),
                      *report_sections(reports, lang, level=3)]) + "\n"


def escape_data(text: str) -> str:
    """The message of a workflow command (as @actions/core escapes it)."""
    return "".join(_DATA.get(c, c) for c in text)


def escape_property(text: str) -> str:
    """A property value of a workflow command (file, title): also `:` and `,`."""
    return "".join(_PROPERTY.get(c, c) for c in text)


def unescape_data(text: str) -> str:
    """What the runner reads back from `escape_data` (for tests)."""
    return re.sub("%(?:25|0D|0A)", lambda m: _UNESCAPE[m.group()], text)


def unescape_property(text: str) -> str:
    """What the runner reads back from `escape_property` (for tests)."""
    return re.sub("%(?:25|0D|0A|3A|2C)", lambda m: _UNESCAPE[m.group()], text)
