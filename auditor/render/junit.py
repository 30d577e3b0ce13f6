"""JUnit XML: the checks as test cases, for CI systems that show test reports.

`<testsuites>` holds one `<testsuite name=PATH>` per report, and each suite one `<testcase>` per
check outcome, passed ones included: classname the rule id, name the rule id and the check's
subject (a field, or "line:column" of a stated figure), with " #2", " #3" … added when two
checks of a suite would share a name. A failed check has a `<failure message=… type=SEVERITY>`
whose body repeats the message, the expected and actual values and each place as
"path:line:column text"; a check that could not be assessed has `<skipped message=REASON/>`,
and so does a failed check whose finding is hidden (suppressed by a directive, in the baseline, or
dismissed by a reviewer, with the note),
and a recovered one (it held on run-together digits split by its own equation: no evidence, so
not a passing test).

Findings without a check (extraction doubts: the tool could not read something with confidence;
notes such as an unused directive) have no outcome; each becomes a test case too, named by its
rule and first place: a `<failure>` when it is a warning or an error, and a passing test case
whose `<system-out>` holds the same text when it is info (a note, as the Rich report shows it,
that must not fail a test run); `<skipped>` when it is hidden.

So per suite, in the terms of the JSON output's `stats`: tests = checks + findings without a
check, failures = failed + those findings above info that are shown, skipped = not_assessable +
recovered + suppressed + baselined + dismissed, errors = 0; `<testsuites>` holds the totals.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence

from auditor.library import Library
from auditor.model.findings import Finding, Outcome
from auditor.model.report import Report, Unaudited
from auditor.model.words import has, word
from auditor.render.places import describe_place, place_file, relative_path

# Characters XML 1.0 cannot hold at all (control characters a PDF's text layer may bring).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(reports: list[Report], library: Library, lang: str, unaudited: Sequence[Unaudited] = ()) -> str:
    root = ET.Element("testsuites", name="auditor")
    totals: Counter[str] = Counter()
    for suite in [*(_suite(report, lang) for report in reports), *(_unaudited(u, lang) for u in unaudited)]:
        root.append(suite)
        for key in ("tests", "failures", "errors", "skipped"):
            totals[key] += int(suite.get(key, "0"))
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _unaudited(file: Unaudited, lang: str) -> ET.Element:
    """A file not audited: a suite of one errored case, so that CI counts it."""
    suite = ET.Element("testsuite", name=_xml(file.path), tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", name=_xml(file.path), classname="auditor")
    ET.SubElement(case, "error", message=_xml(file.reason), type=file.kind).text = _xml(
        f"{word(f'unaudited.kinds.{file.kind}', lang)}: {file.reason}")
    return suite


def _suite(report: Report, lang: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_xml(report.path))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("template", report.extraction.template), ("year", report.extraction.year)):
        ET.SubElement(properties, "property", name=name, value="" if value is None else str(value))
    names: Counter[str] = Counter()
    for outcome in report.result.outcomes:
        case = _case(suite, outcome.rule.id, outcome.subject, names)
        if _hidden(outcome):
            ET.SubElement(case, "skipped", message=_hidden_reason(outcome.finding, lang))
        elif outcome.status == "failed":
            finding = outcome.finding
            message = finding.message(lang) if finding else outcome.rule.title.get(lang)
            severity = finding.severity if finding else outcome.rule.severity
            failure = ET.SubElement(case, "failure", message=_xml(message), type=severity)
            failure.text = _xml(_body(finding, report, lang) if finding else message)
        elif outcome.status == "not_assessable":
            ET.SubElement(case, "skipped", message=_xml(outcome.reason or word("report.not_assessable", lang)))
        elif outcome.status == "recovered":
            ET.SubElement(case, "skipped", message=word("report.recovered_reason", lang))
    for doubt in report.result.doubts:
        first = doubt.places[0].location if doubt.places else None
        case = _case(suite, doubt.rule.id, f"{first.line}:{first.column}" if first else "", names)
        if doubt.hidden:
            ET.SubElement(case, "skipped", message=_hidden_reason(doubt, lang))
        elif doubt.severity == "info":
            ET.SubElement(case, "system-out").text = _xml(_body(doubt, report, lang))
        else:
            failure = ET.SubElement(case, "failure", message=_xml(doubt.message(lang)), type=doubt.severity)
            failure.text = _xml(_body(doubt, report, lang))
    cases = suite.findall("testcase")  # the counts, from what the suite holds (checked against stats)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", "0")
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    return suite


def _hidden(outcome: Outcome) -> bool:
    """A check whose finding is not shown: suppressed by a directive, in the baseline, or dismissed."""
    return outcome.status == "suppressed" or bool(outcome.finding and outcome.finding.hidden)


def _hidden_reason(finding: Finding | None, lang: str) -> str:
    reason = finding.hidden if finding and finding.hidden else ""
    said = word(f"hidden.{reason}" if reason and has(f"hidden.{reason}") else "hidden.other", lang)
    return _xml(f"{said}: {finding.note}") if reason == "dismissed" and finding.note else said


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


def _body(finding: Finding, report: Report, lang: str) -> str:
    lines = [finding.message(lang)]
    if finding.doubt == "extraction":
        lines.append(word("report.extraction", lang))
    if finding.expected or finding.actual:
        colon = word("punct.colon", lang)
        lines += [f"{word('report.expected', lang)}{colon}{finding.expected}",
                  f"{word('report.actual', lang)}{colon}{finding.actual}"]
    for place in finding.places:
        loc = place.location  # file:line:column for the CI's links, then where the compiler finds it
        at = f"{relative_path(place_file(place, report))}:{loc.line}:{loc.column}"
        lines.append(f"{at} {describe_place(place, lang)}")
    return "\n".join(lines)


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
