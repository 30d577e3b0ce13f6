"""SARIF 2.1.0: findings for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer, …).

One run. `tool.driver.rules` lists every rule of the library (not only those that fired, so a
code-scanning service can tell a rule that found nothing from one that did not run), and any
other rule a finding comes from (a report's own rule folder); each result points to its rule by
`ruleId` and `ruleIndex`. Results are the shown findings, most severe first, then the hidden ones
(an `auditor-disable` directive, a baseline, a reviewer's 非问题 with the note as justification) with
`suppressions`, as SARIF keeps them.

Paths under the working directory are relative URIs against `%SRCROOT%` (the working
directory, given in `originalUriBaseIds`); others are absolute `file:` URIs. Columns count
characters (`columnKind` "unicodeCodePoints"). `partialFingerprints["auditor/v1"]` is
the finding's fingerprint, which does not change when unrelated lines move.

The path helpers at the end are shared by the other CI formats (GitHub, GitLab, JUnit, Markdown).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from auditor.library import Library
from auditor.library.schema import Rule
from auditor.model.document import Document
from auditor.model.findings import Finding, Place
from auditor.model.report import Report, Unaudited
from auditor.model.words import word
from auditor.render.places import describe_place, place_file, relative_path
from auditor.render.summary import severity_counts
from auditor.version import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "auditor/v1"
PLAIN = ("text", "markdown")  # formats whose source lines are the text itself (a region can span the figure)

# A hidden finding stays in the log, marked as SARIF marks it (the justification in English, the
# language of the log's own keys, whatever the language of the messages).
SUPPRESSION = {
    "suppressed": {"kind": "inSource", "justification": word("sarif.suppressed", "en")},
    "baseline": {"kind": "external", "justification": word("sarif.baseline", "en")},
}


def render_sarif(reports: list[Report], library: Library, lang: str, unaudited: Sequence[Unaudited] = ()) -> str:
    return json.dumps(sarif_data(reports, library, lang, unaudited), ensure_ascii=False, indent=2) + "\n"


def sarif_data(reports: list[Report], library: Library, lang: str,
               unaudited: Sequence[Unaudited] = ()) -> dict[str, Any]:
    rules = list(library.rules)
    known = {rule.id for rule in rules}
    for report in reports:  # a rule of a report's own rule folder, not in the library given
        for finding in report.result.findings:
            if finding.rule.id not in known:
                known.add(finding.rule.id)
                rules.append(finding.rule)
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    files = _Artifacts(reports)
    results: list[dict[str, Any]] = []
    for report in reports:
        hidden = [f for f in report.result.findings if f.hidden]  # kept, marked as suppressed
        results += [_result(f, report, files, rule_index, lang) for f in [*report.findings, *hidden]]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "auditor", "version": __version__,
                            "rules": [_rule(r, lang) for r in rules]}},
        "originalUriBaseIds": {SRCROOT: {"uri": _cwd_uri()}},
        "artifacts": files.items,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"reports": len(reports), "unaudited": len(unaudited), **severity_counts(reports)},
    }
    if unaudited:  # the files not audited: the run did not do all it was asked
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": [
            {"level": "error", "message": {"text": u.reason}, "descriptor": {"id": u.kind},
             "locations": [{"physicalLocation": {"artifactLocation": files.location(u.path)}}]}
            for u in unaudited]}]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class _Artifacts:
    """The run's files: each audited report (with its template, year and counts) and any other
    file a place stands in, once each however often it is named."""

    def __init__(self, reports: list[Report]) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        self.documents = {r.path: r.document for r in reports}
        for report in reports:
            artifact = self.items[self.location(report.path)["index"]]
            artifact.setdefault("properties", {"template": report.extraction.template,
                                               "year": report.extraction.year, "stats": report.stats()})

    def location(self, path: str) -> dict[str, Any]:
        """An artifactLocation of `path`, with its index in the run's artifacts."""
        location = artifact_location(path)
        if location["uri"] not in self._index:
            self._index[location["uri"]] = len(self.items)
            self.items.append({"location": location})
        return {**location, "index": self._index[location["uri"]]}


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



def _result(finding: Finding, report: Report, files: _Artifacts, rule_index: dict[str, int],
            lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule.id, "ruleIndex": rule_index[finding.rule.id]}
    result["level"] = LEVEL[finding.severity]
    result["message"] = {"text": finding.message(lang)}
    places = finding.places
    if places:
        result["locations"] = [_location(places[0], report, files, lang)]
        if len(places) > 1:
            result["relatedLocations"] = [_location(p, report, files, lang, i)
                                          for i, p in enumerate(places[1:], start=1)]
    else:  # a doubt about the whole file (no table found, an ambiguous template)
        result["locations"] = [{"physicalLocation": {"artifactLocation": files.location(report.path)}}]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.hidden == "dismissed":  # a reviewer's: accepted, the note as its justification
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": finding.note or word("sarif.dismissed", "en")}]
    elif finding.hidden:
        result["suppressions"] = [SUPPRESSION.get(finding.hidden, {"kind": "external"})]
    fixes = _fixes(finding, report, files, lang)
    if fixes:
        result["fixes"] = fixes
    result["properties"] = {"expected": finding.expected, "actual": finding.actual, "doubt": finding.doubt,
                            **({"decision": finding.decision, "note": finding.note} if finding.decision else {})}
    return result


def _fixes(finding: Finding, report: Report, files: _Artifacts, lang: str) -> list[dict[str, Any]]:
    """The suggested correction's alternatives, each replacing one figure; only where the figure's
    region in the file is exact (plain text), so an editor applying it changes that figure alone."""
    if finding.suggestion is None:
        return []
    fixes = []
    for fix in finding.suggestion.fixes:
        place = finding.places[fix.place]
        path = place_file(place, report)
        region = _region(place, files.documents.get(path))
        if "endColumn" not in region:
            return []
        deleted = {k: region[k] for k in ("startLine", "startColumn", "endColumn")}
        change = {"artifactLocation": files.location(path),
                  "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": fix.text}}]}
        said = f"{describe_place(place, lang)} → {fix.text}"
        fixes.append({"description": {"text": said}, "artifactChanges": [change]})
    return fixes


def _location(place: Place, report: Report, files: _Artifacts, lang: str,
              location_id: int | None = None) -> dict[str, Any]:
    path = place_file(place, report)
    physical: dict[str, Any] = {"artifactLocation": files.location(path)}
    region = _region(place, files.documents.get(path))
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


def _region(place: Place, document: Document | None) -> dict[str, Any]:
    loc = place.location
    if loc.line < 1:
        return {}
    region: dict[str, Any] = {"startLine": loc.line}
    if loc.column >= 1:
        region["startColumn"] = loc.column
        source = document.source_line(loc.line) if document and document.format in PLAIN else ""
        start = loc.column - 1
        if place.text and source[start:start + len(place.text)] == place.text:
            region["endColumn"] = loc.column + len(place.text)  # exclusive, as SARIF counts
    if place.text:
        region["snippet"] = {"text": place.text}
    return region


def artifact_location(path: str) -> dict[str, Any]:
    """A SARIF artifactLocation: a percent-encoded URI relative to %SRCROOT% for a file under the
    working directory, an absolute `file:` URI for any other."""
    relative = relative_path(path)
    if not PurePath(relative).is_absolute() and not relative.startswith("../") and relative != "..":
        return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}  # bytes: any file name
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _cwd_uri() -> str:
    return Path.cwd().as_uri().rstrip("/") + "/"  # a base URI ends with a slash
