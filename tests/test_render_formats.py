"""The CI and review formats: SARIF, JUnit XML, GitHub workflow commands, GitLab Code Quality, Markdown.

Structure tests (schema, counts, escaping, caps, uniqueness) and a byte-for-byte snapshot of each
format on the example report; review and update snapshots with `pytest --snapshot-update`."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import fields, replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from auditor import __version__, audit
from auditor.library import Library, load_library
from auditor.library.schema import Text
from auditor.model.document import Location
from auditor.model.findings import CheckResult, Finding, Place
from auditor.model.report import Report
from auditor.render.github import (
    MAX_PER_LEVEL,
    annotation,
    escape_data,
    escape_property,
    render_github,
    step_summary,
    unescape_data,
    unescape_property,
)
from auditor.render.gitlab import render_gitlab
from auditor.render.json import render_json
from auditor.render.junit import render_junit
from auditor.render.markdown import escape, render_markdown
from auditor.render.places import describe_place
from auditor.render.sarif import render_sarif

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SEED = "fixtures/seed-xishan-2018.txt"
# A mix: report errors, a warning, an info failure, extraction doubts with and without a place,
# two findings of one rule, and reports with no finding at all.
MIXED = [SEED, "fixtures/rules/N101/fail.md", "fixtures/rules/S101/fail.md", "fixtures/rules/X104/fail.md",
         "fixtures/rules/P111/fail.md", "fixtures/html/gbk.html", "fixtures/html/split-table.html",
         "fixtures/html/layout-table.html", "fixtures/html/blank-cells.html"]
TRICKY = ["", "%", "%25", "a:b,c", "100%\r\n::error::x", "\r\r\n\n", "%0A%0D%3A%2C", "％：，中文", "::", "%%25%"]


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the working directory


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def reports(library):
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        return {path: audit(path, library=library) for path in MIXED}
    finally:
        os.chdir(cwd)


@pytest.fixture()
def seed(reports):
    return reports[SEED]


@pytest.fixture()
def mixed(reports):
    return [reports[p] for p in MIXED]


def finding(library, rule="X101", severity=None, line=1, column=1, page=None, text="1", params=None,
            template=None) -> Finding:
    place = Place(Location(line, column, page), text, "上下文", "table", field=None, label="行")
    return Finding(library.rule(rule), params if params is not None else {"text": text, "label": "行"},
                   expected="", actual=text, places=[place], doubt="extraction", severity=severity or "",
                   message_template=template)


def with_doubts(report: Report, doubts: list[Finding], path: str | None = None) -> Report:
    return Report(path or report.path, report.extraction, CheckResult(list(report.result.outcomes), doubts))


# --- SARIF -----------------------------------------------------------------------------


def sarif(reports, library, lang="zh") -> dict:
    data = json.loads(render_sarif(reports, library, lang))
    errors = sorted(Draft4Validator(SCHEMA).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_seed_is_valid(seed, library, lang):
    data = sarif([seed], library, lang)
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = data["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f.rule.id for f in seed.findings]
    assert [r["message"]["text"] for r in results] == [f.message(lang) for f in seed.findings]
    first = results[0]
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": SEED, "uriBaseId": "%SRCROOT%", "index": 0}
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 12
    assert first["locations"][0]["physicalLocation"]["region"]["startColumn"] == 207
    assert first["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 54
    assert first["relatedLocations"][0]["message"]["text"]
    assert first["properties"] == {"expected": "28条", "actual": "135条", "doubt": "report"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"


def test_sarif_regions_span_the_figure(seed, library):
    for result in sarif([seed], library)["runs"][0]["results"]:
        for location in result["locations"] + result.get("relatedLocations", []):
            region = location["physicalLocation"]["region"]
            line = seed.document.source_line(region["startLine"])
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]


def test_sarif_no_findings_is_valid(reports, library):
    clean = reports["fixtures/html/layout-table.html"]
    assert not clean.findings
    run = sarif([clean], library)["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == len(library.rules)
    assert run["artifacts"][0]["properties"]["stats"] == clean.stats()
    assert sarif([], library)["runs"][0]["results"] == []


def test_sarif_several_reports_are_valid(mixed, library):
    run = sarif(mixed, library)["runs"][0]
    assert len(run["results"]) == sum(len(r.findings) for r in mixed)
    assert [a["location"]["uri"] for a in run["artifacts"]] == [r.path for r in mixed]
    for result in run["results"]:
        for location in result["locations"]:
            artifact = location["physicalLocation"]["artifactLocation"]
            assert run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
    no_place = [r for r in run["results"] if r["ruleId"] == "X102"]
    assert no_place and "region" not in no_place[0]["locations"][0]["physicalLocation"]
    assert run["properties"]["errors"] == sum(1 for r in run["results"] if r["level"] == "error")
    # the same file twice is one artifact
    assert len(sarif([mixed[0], mixed[0]], library)["runs"][0]["artifacts"]) == 1


def test_sarif_rules_cover_the_library(seed, library):
    run = sarif([seed], library, "en")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in library.rules]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(rules, library.rules):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.title.en
        assert descriptor["fullDescription"]["text"] == descriptor["help"]["text"] == rule.doc.en
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
        assert descriptor["properties"] == {"kind": rule.kind, "templates": list(rule.templates)}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_fingerprints(mixed, library):
    results = sarif(mixed, library)["runs"][0]["results"]
    expected = [f.fingerprint for r in mixed for f in r.findings]
    assert [r["partialFingerprints"]["auditor/v1"] for r in results] == expected


def test_sarif_paths_are_percent_encoded_uris(seed, library, tmp_path, monkeypatch):
    folder = tmp_path / "年报 2018"
    folder.mkdir()
    shutil.copy(ROOT / SEED, folder / "西山#1 报告.txt")
    monkeypatch.chdir(tmp_path)
    inside = audit("年报 2018/西山#1 报告.txt", library=library)
    run = sarif([inside], library)["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uriBaseId"] == "%SRCROOT%"
    assert artifact["uri"].isascii() and " " not in artifact["uri"] and "#" not in artifact["uri"]
    assert unquote(artifact["uri"]) == "年报 2018/西山#1 报告.txt"
    # a file outside the working directory: an absolute file URI, without a base
    monkeypatch.chdir(folder)
    outside = audit(str(ROOT / SEED), library=library)
    monkeypatch.chdir(tmp_path / "年报 2018")
    artifact = sarif([outside], library)["runs"][0]["artifacts"][0]["location"]
    assert artifact == {"uri": (ROOT / SEED).as_uri()}


def test_sarif_page_of_a_pdf_place(seed, library):
    doubt = finding(library, page=3, line=7, column=2)
    run = sarif([with_doubts(seed, [doubt])], library)["runs"][0]
    (result,) = [r for r in run["results"] if r["ruleId"] == "X101"]
    location = result["locations"][0]
    assert location["properties"]["page"] == 3
    assert location["physicalLocation"]["region"]["startLine"] == 7
    assert result["level"] == "warning" and result["properties"]["doubt"] == "extraction"


# --- JUnit -----------------------------------------------------------------------------


def junit(reports, library, lang="zh") -> ET.Element:
    text = render_junit(reports, library, lang)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_counts_match_the_json(mixed, library):
    root = junit(mixed, library)
    data = json.loads(render_json(mixed, lang="zh"))
    suites = root.findall("testsuite")
    assert len(suites) == len(data["reports"])
    for suite, report, json_report in zip(suites, mixed, data["reports"]):
        junit_matches_json(suite, report, json_report)
    for key in ("tests", "failures", "errors", "skipped"):
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)


def junit_matches_json(suite: ET.Element, report: Report, json_report: dict) -> None:
    """The suite's counts in the JSON's terms: checks, failed, not assessable, hidden findings."""
    stats, findings = json_report["stats"], json_report["findings"]
    unchecked = report.result.doubts  # findings without a check: extraction doubts, notes
    shown_notes = [d for d in unchecked if not d.hidden and d.severity == "info"]
    assert suite.get("name") == json_report["path"]
    assert int(suite.get("tests")) == stats["checks"] + len(unchecked) == len(suite.findall("testcase"))
    assert int(suite.get("failures")) == stats["failed"] + sum(
        1 for d in unchecked if not d.hidden and d.severity != "info")
    assert int(suite.get("failures")) == len(suite.findall("testcase/failure")) == len(findings) - len(shown_notes)
    assert int(suite.get("skipped")) == stats["not_assessable"] + stats["recovered"] + stats.get(
        "suppressed", 0) + stats.get("baselined", 0) == len(suite.findall("testcase/skipped"))
    assert suite.get("errors") == "0"
    assert len(suite.findall("testcase/system-out")) == len(shown_notes)
    notes = {d.message("zh") for d in shown_notes}
    assert sorted(f.get("message") for f in suite.findall("testcase/failure")) == sorted(
        f["message"] for f in findings if f["message"] not in notes)


def test_junit_failure_body(seed, library):
    root = junit([seed], library)
    failure = root.find("testsuite/testcase[@name='N101 12:207']/failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.text.splitlines() == [
        seed.findings[0].message("zh"), "应为：28条", "实际：135条",
        f"{SEED}:12:207 “二、主动公开政府信息情况”下“为平台,主动公开信息135条。”",
        f"{SEED}:54:20 统计表“(一)主动公开政府信息数”行「28」"]


def test_junit_skipped_has_the_reason(reports, library):
    blank = reports["fixtures/html/blank-cells.html"]
    root = junit([blank], library, "en")
    reasons = [s.get("message") for s in root.findall("testsuite/testcase/skipped")]
    expected = [o.reason or "not assessable" for o in blank.result.outcomes if o.status == "not_assessable"]
    assert reasons == expected and all(reasons)


def test_junit_names_are_unique(mixed, library):
    for suite in junit(mixed, library).findall("testsuite"):
        names = [case.get("name") for case in suite.findall("testcase")]
        assert len(names) == len(set(names))
        for case in suite.findall("testcase"):
            assert case.get("name").split()[0] == case.get("classname")


def test_junit_disambiguates_a_shared_subject(seed, library):
    outcome = seed.result.outcomes[0]
    twice = [outcome, replace(outcome), replace(outcome, subject=outcome.subject + " #2"), *seed.result.outcomes[1:]]
    doubled = Report(seed.path, seed.extraction, CheckResult(twice, [finding(library), finding(library)]))
    suite = junit([doubled], library).find("testsuite")
    names = [case.get("name") for case in suite.findall("testcase")]
    assert len(names) == len(set(names)) == len(twice) + 2
    assert names[:3] == ["A101 14:234", "A101 14:234 #2", "A101 14:234 #2 #2"]
    assert names[-2:] == ["X101 1:1", "X101 1:1 #2"]


def test_junit_info_doubt_passes_with_output(reports, library):
    report = reports["fixtures/rules/X104/fail.md"]
    suite = junit([report], library).find("testsuite")
    info = suite.find("testcase[@classname='X103']")
    assert info.find("failure") is None and info.find("system-out").text.startswith(
        report.result.doubts[1].message("zh"))
    assert suite.find("testcase[@classname='X104']/failure").get("type") == "warning"


def test_junit_survives_characters_xml_cannot_hold(seed, library):
    doubt = finding(library, text="1\x0c2\x00<&>\"]]>")
    root = junit([with_doubts(seed, [doubt])], library)
    failure = root.find("testsuite/testcase[@classname='X101']/failure")
    assert "\ufffd" in failure.get("message") and "<&>\"]]>" in failure.text


def suppressed_copy(tmp_path, monkeypatch, library) -> Report:
    """The seed with directives: N101 suppressed on its line, P106 in the whole file, and one that
    suppresses nothing (an X107 note)."""
    lines = (ROOT / SEED).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[11:11] = ["auditor-disable-next-line N101\n"]
    lines += ["\n", "auditor-disable-file P106\n", "auditor-disable-next-line S101\n", "\n"]
    (tmp_path / "seed.txt").write_text("".join(lines), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return audit("seed.txt", library=library)


def test_hidden_findings(tmp_path, monkeypatch, library):
    report = suppressed_copy(tmp_path, monkeypatch, library)
    stats = report.stats()
    assert stats["suppressed"] == 4 and stats["failed"] == 5  # P110 and the text rules' four
    hidden = [f for f in report.result.findings if f.hidden]
    # JUnit: hidden checks are skipped, the counts still those of the JSON
    suite = junit([report], library).find("testsuite")
    junit_matches_json(suite, report, json.loads(render_json([report], lang="zh"))["reports"][0])
    assert suite.find("testcase[@name='N101 13:207']/skipped").get("message") == "已由文件中的指令屏蔽"
    assert suite.find("testcase[@classname='X107']/system-out") is not None
    # SARIF: kept, with their suppression
    results = sarif([report], library)["runs"][0]["results"]
    assert len(results) == len(report.findings) + len(hidden)
    marked = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in marked] == [f.rule.id for f in hidden]
    assert all(r["suppressions"] == [{"kind": "inSource", "justification": "auditor-disable directive"}]
               for r in marked)
    # the others show only what is shown
    assert len(render_github([report], library, "zh").splitlines()) == len(report.findings) == 6
    assert len(json.loads(render_gitlab([report], library, "zh"))) == 6
    text = render_markdown([report], library, "en")
    assert "suppressed 4" in text and "N101" not in text and "P106" not in text


def test_baselined_findings(seed, library, tmp_path):
    from auditor.policy.baseline import apply_baseline, read_baseline, write_baseline

    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, [seed])
    fresh = audit(SEED, library=library)
    apply_baseline(baseline, read_baseline(baseline), [fresh])
    assert not fresh.findings and fresh.stats()["baselined"] == 9
    suite = junit([fresh], library, "en").find("testsuite")
    junit_matches_json(suite, fresh, json.loads(render_json([fresh], lang="en"))["reports"][0])
    assert {s.get("message") for s in suite.findall("testcase/skipped")} == {"known from the baseline"}
    results = sarif([fresh], library)["runs"][0]["results"]
    assert [r["suppressions"][0]["kind"] for r in results] == ["external"] * 9
    assert render_github([fresh], library, "zh") == ""
    assert json.loads(render_gitlab([fresh], library, "zh")) == []


def test_sarif_lists_rules_outside_the_library(seed, library):
    partial = Library(templates=library.templates, rules=library.rules[:3])
    run = sarif([seed], partial)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids[:3] == [r.id for r in library.rules[:3]] and {"N101", "P106", "P110"} <= set(ids)
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


@pytest.mark.skipif("path" not in {f.name for f in fields(Place)}, reason="places name no other file")
def test_a_place_in_another_report(reports, library):
    """A cross-year finding names last year's file too: each format points to the right file."""
    current, previous = reports["fixtures/rules/N101/fail.md"], reports[SEED]
    here = Place(Location(5, 3), "7", "上年结转", "table", field="t3.carried_over.total")
    there = Place(Location(54, 20), "28", "(一)主动公开政府信息数", "table", field="active.total",
                  path=previous.path)
    cross = Finding(library.rule("P101"), {}, expected="28", actual="7", places=[there, here])
    report = with_doubts(current, [cross])
    run = sarif([report, previous], library)["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == [current.path, SEED]
    (result,) = [r for r in run["results"] if r["properties"]["actual"] == "7"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1
    assert result["locations"][0]["physicalLocation"]["region"]["endColumn"] == 22  # checked in its own file
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["index"] == 0
    failure = junit([report], library).find("testsuite/testcase[@classname='P101']/failure").text
    assert f"{SEED}:54:20 “(一)主动公开政府信息数”行「28」" in failure  # a place of no known table
    assert f"{current.path}:5:3 “上年结转”行「7」" in failure
    assert f"::error file={SEED},line=54," in render_github([report], library, "zh")
    issue = [i for i in json.loads(render_gitlab([report], library, "zh")) if i["check_name"] == "P101"]
    assert issue[0]["location"] == {"path": SEED, "lines": {"begin": 54}}
    assert f"{escape(SEED)} “(一)主动公开政府信息数”行「28」" in render_markdown([report], library, "zh")


# --- GitHub ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", TRICKY)
def test_github_escape_data(text):
    escaped = escape_data(text)
    assert "\r" not in escaped and "\n" not in escaped
    assert unescape_data(escaped) == text


def test_github_escape_examples():
    assert escape_data("100%\r\nnext: a,b") == "100%25%0D%0Anext: a,b"
    assert escape_property("100%\r\nnext: a,b") == "100%25%0D%0Anext%3A a%2Cb"
    assert escape_data("%0A") == "%250A" and unescape_data("%250A") == "%0A"
    assert escape_property("::") == "%3A%3A"


@pytest.mark.parametrize("text", TRICKY)
def test_github_escape_property(text):
    escaped = escape_property(text)
    assert not set(escaped) & set("\r\n:,")
    assert unescape_property(escaped) == text


@given(st.text(alphabet=st.one_of(st.sampled_from(list("%:,\r\n0ADC235")), st.characters())))
def test_github_escaping_round_trips(text):
    assert unescape_data(escape_data(text)) == text
    assert unescape_property(escape_property(text)) == text
    assert "\n" not in escape_data(text) and not set(escape_property(text)) & set("\r\n:,")


def test_github_annotation_is_one_escaped_line(seed, library):
    template = Text(zh="第一行\r\n100% 完成: a,b {text}", en="line one\r\n100% done: a,b {text}")
    tricky = finding(library, line=3, column=4, text="x", template=template)
    report = with_doubts(seed, [tricky], path="dir,1/a:b.txt")
    line = annotation(tricky, report, "en")
    assert line == ("::warning file=dir%2C1/a%3Ab.txt,line=3,col=4,title=X101 unreadable-cell::"
                    'line one%0D%0A100%25 done: a,b x%0Awhere: row “行”: "x"')


def test_github_seed(seed, library):
    lines = render_github([seed], library, "zh").splitlines()
    assert len(lines) == len(seed.findings)
    assert lines[0].startswith(f"::error file={SEED},line=12,col=207,title=N101 proactive-total-stated::")
    assert lines[-1].startswith("::warning ")
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 4 + ["::warning"] * 5


def test_github_most_severe_first_across_reports(mixed, library):
    lines = render_github(mixed, library, "en").splitlines()
    order = {"::error": 0, "::warning": 1, "::notice": 2}
    ranks = [order[line.split(" ", 1)[0]] for line in lines]
    assert ranks == sorted(ranks)
    no_place = [line for line in lines if "X102" in line]
    assert no_place == ["::notice file=fixtures/html/gbk.html,title=X102 no-template::"
                        + escape_data(mixed[5].findings[0].message("en"))]


def test_github_caps_each_level(seed, library):
    many = ([finding(library, severity="error", line=i) for i in range(1, 26)]
            + [finding(library, severity="warning", line=i) for i in range(1, 4)]
            + [finding(library, severity="info", line=i) for i in range(1, 13)])
    lines = render_github([Report("r.txt", seed.extraction, CheckResult([], many))], library, "en").splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds.count("::error") == MAX_PER_LEVEL
    assert kinds.count("::warning") == 3
    assert kinds.count("::notice") == MAX_PER_LEVEL  # nine findings and the note
    assert lines[-1].startswith("::notice title=auditor::18 more finding(s)")
    assert "15 error(s), 0 warning(s), 3 info" in lines[-1] and "job summary" in lines[-1]
    assert [int(re.search(r"line=(\d+)", x).group(1)) for x in lines if x.startswith("::error")] == list(range(1, 11))


def test_github_no_note_within_the_caps(seed, library):
    ten = [finding(library, severity=level, line=i) for level in ("error", "warning", "info") for i in range(1, 11)]
    lines = render_github([Report("r.txt", seed.extraction, CheckResult([], ten))], library, "zh").splitlines()
    assert len(lines) == 30 and not any("title=auditor" in line for line in lines)
    eleven = ten + [finding(library, severity="warning", line=11)]
    lines = render_github([Report("r.txt", seed.extraction, CheckResult([], eleven))], library, "zh").splitlines()
    assert len(lines) == 30 and lines[-1].startswith("::notice title=auditor::另有 2 个发现")


def test_github_step_summary(mixed):
    text = step_summary(mixed, "en")
    assert text.startswith("## auditor results\n")
    assert text.count("\n### ") == len(mixed)
    rows = [line for line in text.splitlines()
            if line.startswith("| ") and not line.startswith(("| severity", "| ---"))]
    assert len(rows) == sum(len(r.findings) for r in mixed)
    assert text.rstrip().endswith("info**")


# --- GitLab ----------------------------------------------------------------------------


def test_gitlab_fields(mixed, library):
    issues = json.loads(render_gitlab(mixed, library, "en"))
    findings = [(r, f) for r in mixed for f in r.findings]
    assert len(issues) == len(findings)
    severity = {"error": "major", "warning": "minor", "info": "info"}
    for issue, (report, f) in zip(issues, findings):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["description"].startswith(f.message("en")) and issue["check_name"] == f.rule.id
        assert all(describe_place(p, "en") in issue["description"] for p in f.places)
        assert issue["severity"] == severity[f.severity]
        assert issue["location"]["path"] == report.path
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin == (f.places[0].location.line if f.places else 1)
        assert re.fullmatch(r"[0-9a-f]{16}", issue["fingerprint"])


def test_gitlab_fingerprints_are_unique_and_stable(mixed, library):
    twice = mixed + mixed  # every finding twice
    issues = json.loads(render_gitlab(twice, library, "zh"))
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(fingerprints) == len(set(fingerprints))
    first = [f.fingerprint for r in mixed for f in r.findings]
    assert fingerprints[:len(first)] == first
    assert json.loads(render_gitlab(twice, library, "zh")) == issues


def test_gitlab_paths_are_posix_and_relative(seed, library):
    issue = json.loads(render_gitlab([Report(str(ROOT / SEED), seed.extraction, seed.result)], library, "zh"))[0]
    assert issue["location"]["path"] == SEED


# --- Markdown --------------------------------------------------------------------------


def test_markdown_escapes_report_text(seed, library):
    template = Text(zh="a|b *c* _d_ <b>x</b> [l](u) `e`\n第二行 {text}", en="x {text}")
    tricky = finding(library, text="1|2", template=template)
    text = render_markdown([with_doubts(seed, [tricky])], library, "zh")
    (row,) = [line for line in text.splitlines() if "X101" in line]
    assert len(re.findall(r"(?<!\\)\|", row)) == 5  # four cells
    assert "<b>" not in row and r"\<b\>" in row and r"\*c\*" in row and "第二行" in row
    assert escape("a\\b") == "a\\\\b"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_structure(mixed, library, lang):
    text = render_markdown(mixed, library, lang)
    lines = text.splitlines()
    assert lines[0].startswith("# ")
    assert [line[3:] for line in lines if line.startswith("## ")] == [escape(r.path) for r in mixed]
    assert text.count("| --- | --- | --- | --- |") == sum(1 for r in mixed if r.findings)
    clean = {"zh": "未发现问题", "en": "no findings"}[lang]  # or "未发现问题，但有 N 项检查无法评估…"
    assert sum(line.startswith(clean) for line in lines) == sum(1 for r in mixed if not r.findings)
    assert lines[-1].startswith("**") and lines[-1].endswith("**")


# --- snapshots -------------------------------------------------------------------------


def _stable(text: str) -> str:
    return (text.replace(f'"version": "{__version__}"', '"version": "VERSION"')
            .replace(ROOT.as_uri() + "/", "file:///CWD/"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_snapshot(seed, library, snapshot, lang):
    # Only the rules the seed's findings come from, so that a new rule elsewhere in the library
    # does not change this snapshot (test_sarif_rules_cover_the_library checks the full list).
    fired = {f.rule.id for f in seed.findings}
    some = Library(templates=library.templates, rules=[r for r in library.rules if r.id in fired])
    assert _stable(render_sarif([seed], some, lang)) == snapshot


def test_junit_snapshot(seed, library, snapshot):
    assert render_junit([seed], library, "zh") == snapshot


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_github_snapshot(seed, library, snapshot, lang):
    assert render_github([seed], library, lang) + "\n" + step_summary([seed], lang) == snapshot


def test_gitlab_snapshot(seed, library, snapshot):
    assert render_gitlab([seed], library, "zh") == snapshot


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_snapshot(seed, library, snapshot, lang):
    assert render_markdown([seed], library, lang) == snapshot


# --- headlines (issue 14, item 4) ---------------------------------------------------------


def _console_text(reports: list[Report], lang: str) -> str:
    from rich.console import Console

    from auditor.render.console import render_console

    console = Console(record=True, width=400, color_system=None)
    render_console(reports, console, lang)
    return console.export_text()


def test_a_baselined_report_says_what_it_hides_and_its_outcomes_add_up(seed, library, tmp_path):
    from auditor.policy.baseline import apply_baseline, read_baseline, write_baseline

    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, [seed])
    fresh = audit(SEED, library=library)
    apply_baseline(baseline, read_baseline(baseline), [fresh])
    text = _console_text([fresh], "zh")
    assert "未发现问题" in text and "另有 9 个问题未显示（基线已知 9 个）" in text
    header = re.search(r"检查 (\d+)：(.*)", text)
    counts = [int(n) for n in re.findall(r"(\d+)", header.group(2))]
    assert sum(counts) == int(header.group(1))
    assert "9 more finding(s) not shown (9 in the baseline)" in render_markdown([fresh], library, "en")


def _unassessed(report: Report, states: list[tuple[str, ...]]) -> Report:
    """The report with its findings gone and one not-assessable outcome per entry of `states`."""
    from auditor.model.findings import Outcome

    passed = [replace(o, status="passed", finding=None) for o in report.result.outcomes]
    lacking = [Outcome(o.rule, "not_assessable", missing=m) for o, m in zip(passed, states)]
    return Report(report.path, report.extraction, CheckResult(lacking + passed[len(states):]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_report_with_many_checks_not_assessable_is_not_called_clean(seed, library, lang):
    from auditor.render.summary import verdict

    lacking = _unassessed(seed, [("blank",)] * 12 + [("no_row",)] * 6 + [("blank", "dash")] * 2)
    (line,) = verdict(lacking, lang)
    if lang == "zh":
        assert line == "未发现问题，但有 20 项检查无法评估（单元格空白 14 项，表中缺少所需的行 6 项）"
    else:
        assert line == "no findings, but 20 check(s) could not be assessed (blank cells: 14, a row the check needs is missing: 6)"
    assert line in _console_text([lacking], lang)
    assert line in render_markdown([lacking], library, lang)


def test_a_few_checks_not_assessable_leave_the_report_clean(seed):
    from auditor.render.summary import verdict

    assert verdict(_unassessed(seed, [("blank",)] * 2), "zh") == ["未发现问题"]
