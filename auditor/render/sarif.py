"""SARIF 2.1.0: findings for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer, …).

One run. `tool.driver.rules` lists every rule of the library (not only those that fired), so a
viewer can show a rule's documentation; each result points to its rule by `ruleId` and
`ruleIndex`. Paths under the working directory are relative URIs against `%SRCROOT%` (the
working directory, given in `originalUriBaseIds`); others are absolute `file:` URIs. Columns
count characters (`columnKind` "unicodeCodePoints"). `partialFingerprints["auditor/v1"]` is
the finding's fingerprint, which does not change when unrelated lines move.

The path helpers at the end are shared by the other CI formats (GitHub, GitLab, JUnit, Markdown).
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from auditor import __version__
from auditor.api import Report
from auditor.check.model import Finding, Place
from auditor.library import Library
from auditor.library.schema import Rule
from auditor.render.summary import severity_counts

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "auditor/v1"
PLAIN = ("text", "markdown")  # formats whose source lines are the text itself (a region can span the figure)

ROLE = {"zh": {"narrative": "正文", "table": "表格"}, "en": {"narrative": "text", "table": "table"}}


def render_sarif(reports: list[Report], library: Library, lang: str) -> str:
    return json.dumps(sarif_data(reports, library, lang), ensure_ascii=False, indent=2) + "\n"


def sarif_data(reports: list[Report], library: Library, lang: str) -> dict[str, Any]:
    rule_index = {rule.id: i for i, rule in enumerate(library.rules)}
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for report in reports:
        location = artifact_location(report.path)
        uri = location["uri"]
        if uri not in artifact_index:  # the same file given twice is one artifact
            artifact_index[uri] = len(artifacts)
            artifacts.append(_artifact(report, location))
        location = {**location, "index": artifact_index[uri]}
        results += [_result(f, report, location, rule_index, lang) for f in report.findings]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "auditor", "version": __version__,
                            "rules": [_rule(r, lang) for r in library.rules]}},
        "originalUriBaseIds": {SRCROOT: {"uri": _cwd_uri()}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"reports": len(reports), **severity_counts(reports)},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(rule: Rule, lang: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title.get(lang)},
        "fullDescription": {"text": rule.doc.get(lang)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "help": {"text": rule.doc.get(lang)},
        "properties": {"kind": rule.kind, "templates": list(rule.templates)},
    }


def _artifact(report: Report, location: dict[str, Any]) -> dict[str, Any]:
    return {
        "location": location,
        "properties": {"template": report.extraction.template, "year": report.extraction.year,
                       "stats": report.stats()},
    }


def _result(finding: Finding, report: Report, artifact: dict[str, Any], rule_index: dict[str, int],
            lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule.id}
    if finding.rule.id in rule_index:  # a finding of a rule outside the library given: id only
        result["ruleIndex"] = rule_index[finding.rule.id]
    result["level"] = LEVEL[finding.severity]
    result["message"] = {"text": finding.message(lang)}
    places = finding.places
    if places:
        result["locations"] = [_location(places[0], report, artifact, lang)]
        if len(places) > 1:
            result["relatedLocations"] = [_location(p, report, artifact, lang, i)
                                          for i, p in enumerate(places[1:], start=1)]
    else:  # a doubt about the whole file (no table found, an ambiguous template)
        result["locations"] = [{"physicalLocation": {"artifactLocation": artifact}}]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    result["properties"] = {"expected": finding.expected, "actual": finding.actual, "doubt": finding.doubt}
    return result


def _location(place: Place, report: Report, artifact: dict[str, Any], lang: str,
              location_id: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact}
    region = _region(place, report)
    if region:
        physical["region"] = region
    location: dict[str, Any] = {}
    if location_id is not None:
        location["id"] = location_id
    location["physicalLocation"] = physical
    location["message"] = {"text": describe_place(place, lang)}
    loc = place.location
    extra = {"page": loc.page, "table": loc.table, "row": loc.row, "col": loc.col}
    location["properties"] = {"role": place.role, "field": place.field,
                              **{k: v for k, v in extra.items() if v is not None}}
    return location


def _region(place: Place, report: Report) -> dict[str, Any]:
    loc = place.location
    if loc.line < 1:
        return {}
    region: dict[str, Any] = {"startLine": loc.line}
    if loc.column >= 1:
        region["startColumn"] = loc.column
        source = report.document.source_line(loc.line) if report.document.format in PLAIN else ""
        start = loc.column - 1
        if place.text and source[start:start + len(place.text)] == place.text:
            region["endColumn"] = loc.column + len(place.text)  # exclusive, as SARIF counts
    if place.text:
        region["snippet"] = {"text": place.text}
    return region


# --- shared by the CI formats --------------------------------------------------------------


def describe_place(place: Place, lang: str) -> str:
    """A place in a few words: its role, its field (or the row it stands in) and the figure."""
    words = [ROLE[lang][place.role]]
    if place.field:
        words.append(place.field)
    elif place.role == "table" and place.context:
        words.append(place.context)
    quoted = f"「{place.text}」" if lang == "zh" else f'"{place.text}"'
    return " ".join(words) + (quoted if lang == "zh" else " " + quoted)


def relative_path(path: str) -> str:
    """The report's path relative to the working directory, with `/` separators (absolute when
    it is on another drive)."""
    absolute = os.path.abspath(path)
    try:
        return PurePath(os.path.relpath(absolute)).as_posix()
    except ValueError:  # Windows: another drive
        return PurePath(absolute).as_posix()


def artifact_location(path: str) -> dict[str, Any]:
    """A SARIF artifactLocation: a percent-encoded URI relative to %SRCROOT% for a file under the
    working directory, an absolute `file:` URI for any other."""
    relative = relative_path(path)
    if not PurePath(relative).is_absolute() and not relative.startswith("../") and relative != "..":
        return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _cwd_uri() -> str:
    return Path.cwd().as_uri().rstrip("/") + "/"  # a base URI ends with a slash
