"""JUnit XML: the checks as test cases, for CI systems that show test reports.

`<testsuites>` holds one `<testsuite name=PATH>` per report, and each suite one `<testcase>` per
check outcome, passed ones included: classname the rule id, name the rule id and the check's
subject (a field, or "line:column" of a stated figure), with " #2", " #3" … added when two
checks of a suite would share a name. A failed check has a `<failure message=… type=SEVERITY>`
whose body repeats the message, the expected and actual values and each place as
"path:line:column text"; a check that could not be assessed has `<skipped message=REASON/>`.

Extraction doubts (the tool could not read something with confidence) are not checks and have no
outcome; each becomes a test case too, named by its rule and first place: a `<failure>` when it
is a warning or an error, and a passing test case whose `<system-out>` holds the same text when
it is info (a note, as the Rich report shows it, that must not fail a test run).

So per suite: tests = stats.checks + doubts, failures = stats.failed + doubts above info,
skipped = stats.not_assessable, errors = 0; `<testsuites>` holds the totals.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from auditor.api import Report
from auditor.check.model import Finding
from auditor.library import Library
from auditor.render.console import WORDS
from auditor.render.sarif import relative_path

# Characters XML 1.0 cannot hold at all (control characters a PDF's text layer may bring).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(reports: list[Report], library: Library, lang: str) -> str:
    root = ET.Element("testsuites", name="auditor")
    totals: Counter[str] = Counter()
    for report in reports:
        suite = _suite(report, lang)
        root.append(suite)
        for key in ("tests", "failures", "errors", "skipped"):
            totals[key] += int(suite.get(key, "0"))
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report: Report, lang: str) -> ET.Element:
    stats = report.stats()
    doubts = report.result.doubts
    failing_doubts = sum(1 for d in doubts if d.severity != "info")
    suite = ET.Element("testsuite", name=_xml(report.path), tests=str(stats["checks"] + len(doubts)),
                       failures=str(stats["failed"] + failing_doubts), errors="0", skipped=str(stats["not_assessable"]))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("template", report.extraction.template), ("year", report.extraction.year)):
        ET.SubElement(properties, "property", name=name, value="" if value is None else str(value))
    names: Counter[str] = Counter()
    path = relative_path(report.path)
    for outcome in report.result.outcomes:
        case = _case(suite, outcome.rule.id, outcome.subject, names)
        if outcome.status == "failed":
            finding = outcome.finding
            message = finding.message(lang) if finding else outcome.rule.title.get(lang)
            severity = finding.severity if finding else outcome.rule.severity
            failure = ET.SubElement(case, "failure", message=_xml(message), type=severity)
            failure.text = _xml(_body(finding, path, lang) if finding else message)
        elif outcome.status == "not_assessable":
            ET.SubElement(case, "skipped", message=_xml(outcome.reason or WORDS[lang]["not_assessable"]))
    for doubt in doubts:
        first = doubt.places[0].location if doubt.places else None
        case = _case(suite, doubt.rule.id, f"{first.line}:{first.column}" if first else "", names)
        if doubt.severity == "info":
            ET.SubElement(case, "system-out").text = _xml(_body(doubt, path, lang))
        else:
            failure = ET.SubElement(case, "failure", message=_xml(doubt.message(lang)), type=doubt.severity)
            failure.text = _xml(_body(doubt, path, lang))
    return suite


def _case(suite: ET.Element, rule_id: str, subject: str, names: Counter[str]) -> ET.Element:
    name = f"{rule_id} {subject}" if subject else rule_id
    names[name] += 1
    if names[name] > 1:
        unique = f"{name} #{names[name]}"
        while unique in names:  # a subject that itself ends in " #2"
            names[name] += 1
            unique = f"{name} #{names[name]}"
        names[unique] += 1
        name = unique
    return ET.SubElement(suite, "testcase", classname=rule_id, name=_xml(name))


def _body(finding: Finding, path: str, lang: str) -> str:
    words = WORDS[lang]
    lines = [finding.message(lang)]
    if finding.doubt == "extraction":
        lines.append(words["extraction"])
    if finding.expected or finding.actual:
        colon = "：" if lang == "zh" else ": "
        lines += [f"{words['expected']}{colon}{finding.expected}", f"{words['actual']}{colon}{finding.actual}"]
    for place in finding.places:
        loc = place.location
        page = f" (p.{loc.page})" if loc.page is not None else ""
        lines.append(f"{path}:{loc.line}:{loc.column}{page} {place.text}")
    return "\n".join(lines)


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
