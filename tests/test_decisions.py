"""Reviewer decisions (auditor.policy.decisions, `auditor check --decisions FILE`): the file the
HTML page exports, read back; fingerprints that survive moved lines; a dismissed finding in every
format; bad files as one line, exit 2. The page's own side is in test_html_report.py."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from auditor import audit
from auditor.cli import app
from auditor.library import load_library
from auditor.model.errors import InputError
from auditor.policy.decisions import Decision, apply_decisions, read_decisions
from auditor.render.json import render_json
from auditor.render.junit import render_junit
from auditor.render.markdown import render_markdown
from auditor.render.sarif import render_sarif

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"
SCHEMA = json.loads((ROOT / "auditor" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def library():
    return load_library()


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def decisions_file(path: Path, *entries: dict) -> Path:
    path.write_text(json.dumps({"tool": "auditor", "kind": "decisions", "version": 1, "run": "x",
                                "decisions": list(entries)}, ensure_ascii=False), encoding="utf-8")
    return path


def entry(finding, decision: str = "dismissed", note: str = "", path: str = SEED.name) -> dict:
    return {"path": path, "rule": finding.rule.id, "fingerprint": finding.fingerprint, "decision": decision,
            "note": note, "message": finding.message("zh")}


# ---- the file -------------------------------------------------------------------------------


def test_a_file_reads_back_as_its_decisions(tmp_path):
    file = decisions_file(tmp_path / "d.json",
                          {"path": "a/2023.docx", "rule": "N101", "fingerprint": "fd1c93ac2bb9cc83",
                           "decision": "dismissed", "note": "口径不同", "message": "…", "later": 1},
                          {"path": "b.txt", "fingerprint": "0123456789abcdef", "decision": "confirmed"})
    assert read_decisions(file) == (Decision("a/2023.docx", "N101", "fd1c93ac2bb9cc83", "dismissed", "口径不同"),
                                    Decision("b.txt", "", "0123456789abcdef", "confirmed", ""))


GOOD = {"path": "a.txt", "fingerprint": "0123456789abcdef", "decision": "dismissed"}
BAD_FILES = [
    (b"", "第 1 行 JSON 格式有误", "invalid JSON at line 1"),
    (b'{"kind": "decisions",\n "decisions": [', "第 2 行 JSON 格式有误", "invalid JSON at line 2"),
    (b"\xff\xfe{}", "不是 UTF-8 文本", "not UTF-8 text"),
    (b"[]", "应为审核页面导出的 JSON", "expected the JSON the review page exports"),
    (json.dumps({"tool": "auditor", "findings": []}).encode(), "应为审核页面导出的 JSON", "with \"kind\": \"decisions\""),
    (json.dumps({"kind": "decisions", "version": 2, "decisions": []}).encode(), "不支持版本 2", "version 2 is not supported"),
    (json.dumps({"kind": "decisions", "decisions": [GOOD, "x"]}).encode(), "第 2 条决定应为 JSON 对象",
     "decision 2 should be a JSON object"),
    (json.dumps({"kind": "decisions", "decisions": [{**GOOD, "decision": "maybe"}]}).encode(),
     "第 1 条决定的 decision：应为 confirmed（确认）或 dismissed（非问题）", "decision 1, decision: should be confirmed or dismissed"),
    (json.dumps({"kind": "decisions", "decisions": [{**GOOD, "fingerprint": "12"}]}).encode(),
     "第 1 条决定的 fingerprint：应为问题的指纹", "decision 1, fingerprint: should be the finding's fingerprint"),
    (json.dumps({"kind": "decisions", "decisions": [{"fingerprint": "0123456789abcdef", "decision": "dismissed"}]}).encode(),
     "第 1 条决定的 path：缺少必需的键", "decision 1, path: required key is missing"),
    (json.dumps({"kind": "decisions", "decisions": [{**GOOD, "note": 3}]}).encode(),
     "第 1 条决定的 note：应为文本", "decision 1, note:"),
    (b"[" * 100_000, "JSON 格式有误", "invalid JSON"),
]


@pytest.mark.parametrize("body, zh, en", BAD_FILES)
def test_a_bad_file_is_one_line_naming_it_and_why(tmp_path, body, zh, en):
    file = tmp_path / "决定.json"
    file.write_bytes(body)
    for lang, opening, reason in (("zh", f"auditor：错误：{file}：不是审核决定文件（", zh),
                                  ("en", f"auditor: error: {file}: not a decisions file (", en)):
        result = run("check", "--lang", lang, "--decisions", file, SEED)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        [line] = result.output.strip().splitlines()
        assert line.startswith(opening) and reason in line, line


def test_a_missing_or_folder_decisions_file_is_one_line(tmp_path):
    for target, reason in ((tmp_path / "none.json", "文件不存在"), (tmp_path, "这是文件夹，不是文件")):
        result = run("check", "--decisions", target, SEED)
        assert result.exit_code == 2 and result.output.strip().splitlines() == [f"auditor：错误：{target}：{reason}"]


@settings(max_examples=150, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["kind", "decisions", "version", "path", "fingerprint", "decision", "note"]),
                        inner, max_size=5), max_leaves=20))
def test_any_json_is_decisions_or_an_input_error(tmp_path_factory, value):
    file = tmp_path_factory.mktemp("d") / "d.json"
    file.write_text(json.dumps({"kind": "decisions", "decisions": [value]} if isinstance(value, dict) else value))
    try:
        decisions = read_decisions(file)
    except InputError as error:
        assert str(file) in error.message("zh") and "不是审核决定文件" in error.message("zh")
    else:
        assert all(d.decision in ("confirmed", "dismissed") and len(d.fingerprint) == 16 for d in decisions)


# ---- fingerprints and matching --------------------------------------------------------------


def moved_copy(tmp_path: Path) -> Path:
    """The seed with unrelated lines added above and between its parts: every line number moves."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    for at in (40, 20, 5, 0):
        lines[at:at] = ["\n", "（此处为新增的说明文字，与统计无关。）\n", "\n"]
    moved = tmp_path / "moved" / SEED.name
    moved.parent.mkdir()
    moved.write_text("".join(lines), encoding="utf-8")
    return moved


def test_fingerprints_survive_moved_lines(tmp_path, library):
    before, after = audit(SEED, library), audit(moved_copy(tmp_path), library)
    lines = lambda report: [p.location.line for f in report.findings for p in f.places]  # noqa: E731
    assert all(a > b for a, b in zip(lines(after), lines(before)))
    assert [f.fingerprint for f in after.findings] == [f.fingerprint for f in before.findings]


def test_a_decision_stays_matched_when_unrelated_text_moves(tmp_path, library):
    n101 = next(f for f in audit(SEED, library).findings if f.rule.id == "N101")
    moved = audit(moved_copy(tmp_path), library)  # another folder, same file name
    stale = apply_decisions((Decision(str(SEED), "N101", n101.fingerprint, "dismissed", "口径不同"),), [moved])
    assert stale == []
    [dismissed] = moved.dismissed
    assert dismissed.rule.id == "N101" and dismissed.note == "口径不同"
    assert "N101" not in {f.rule.id for f in moved.findings} and moved.stats()["dismissed"] == 1


def test_a_decision_about_a_changed_finding_is_stale(tmp_path, library):
    n101 = next(f for f in audit(SEED, library).findings if f.rule.id == "N101")
    changed = tmp_path / SEED.name
    changed.write_text(SEED.read_text(encoding="utf-8").replace("主动公开信息135条", "主动公开信息136条"), encoding="utf-8")
    report = audit(changed, library)
    decision = Decision(SEED.name, "N101", n101.fingerprint, "dismissed")
    assert apply_decisions((decision,), [report]) == [decision]
    assert not report.dismissed and "N101" in {f.rule.id for f in report.findings}
    other = Decision("another.txt", "N101", n101.fingerprint, "dismissed")  # not a report of the run: not stale
    assert apply_decisions((other,), [report]) == []


def test_applying_twice_changes_nothing(library):
    report = audit(SEED, library)
    decisions = tuple(Decision(SEED.name, f.rule.id, f.fingerprint, "dismissed", "x") for f in report.findings[:2])
    apply_decisions(decisions, [report])
    once = (report.stats(), [f.fingerprint for f in report.dismissed])
    apply_decisions(decisions, [report])
    assert (report.stats(), [f.fingerprint for f in report.dismissed]) == once and once[0]["dismissed"] == 2


# ---- the command line and the formats ---------------------------------------------------------


def test_dismissing_every_error_changes_the_exit_code(tmp_path, library):
    errors = [f for f in audit(SEED, library).findings if f.severity == "error"]
    some = decisions_file(tmp_path / "some.json", entry(errors[0], note="口径不同"))
    every = decisions_file(tmp_path / "every.json", *(entry(f, note="已核实") for f in errors))
    assert run("check", "--decisions", some, SEED).exit_code == 1
    result = run("check", "--decisions", every, SEED)
    assert result.exit_code == 0, result.output
    assert "1 份报告：0 个错误，5 个警告，0 个提示" in result.output
    assert "审核确认非问题（不计入）" in result.output and result.output.count("审核备注：已核实") == 4
    assert run("check", "--decisions", every, "--fail-on", "warning", SEED).exit_code == 1


def test_a_confirmed_finding_stays_and_shows_its_note(tmp_path, library):
    n101 = next(f for f in audit(SEED, library).findings if f.rule.id == "N101")
    file = decisions_file(tmp_path / "d.json", entry(n101, "confirmed", "请编制人员修改正文"))
    result = run("check", "--lang", "en", "--decisions", file, SEED)
    assert result.exit_code == 1 and "confirmed by a reviewer: 请编制人员修改正文" in result.output
    assert "4 error(s)" in result.output
    data = json.loads(run("check", "--format", "json", "--decisions", file, SEED).output)
    [found] = [f for f in data["reports"][0]["findings"] if f["rule"] == "N101"]
    assert (found["decision"], found["note"]) == ("confirmed", "请编制人员修改正文")


def test_stale_decisions_are_counted_on_stderr(tmp_path, library):
    n101 = next(f for f in audit(SEED, library).findings if f.rule.id == "N101")
    file = decisions_file(tmp_path / "d.json", entry(n101), {**entry(n101), "fingerprint": "0123456789abcdef"})
    result = CliRunner().invoke(app, ["check", "--decisions", str(file), str(SEED)])
    assert "auditor：--decisions 中有 1 条决定对应的问题已不再出现，已忽略" in result.output
    assert "3 个错误" in result.output


def test_the_json_lists_dismissed_findings_with_their_notes(tmp_path, library):
    n101 = next(f for f in audit(SEED, library).findings if f.rule.id == "N101")
    file = decisions_file(tmp_path / "d.json", entry(n101, note="口径不同"))
    for fmt in ("json", "jsonl"):
        result = run("check", "--format", fmt, "--decisions", file, SEED)
        assert result.exit_code == 1
        report = json.loads(result.output.splitlines()[0]) if fmt == "jsonl" else json.loads(result.output)
        if fmt == "json":
            jsonschema.validate(report, SCHEMA)
            assert report["summary"]["errors"] == 3 and report["summary"]["dismissed"] == 1
            report = report["reports"][0]
        [dismissed] = report["dismissed"]
        assert (dismissed["rule"], dismissed["decision"], dismissed["note"]) == ("N101", "dismissed", "口径不同")
        assert dismissed["fingerprint"] == n101.fingerprint and report["stats"]["dismissed"] == 1
        assert "N101" not in {f["rule"] for f in report["findings"]}


def test_other_formats_treat_a_dismissed_finding_as_a_suppressed_one(library):
    report = audit(SEED, library)
    n101 = next(f for f in report.findings if f.rule.id == "N101")
    apply_decisions((Decision(SEED.name, "N101", n101.fingerprint, "dismissed", "口径不同"),), [report])
    results = json.loads(render_sarif([report], library, "en"))["runs"][0]["results"]
    [kept] = [r for r in results if "suppressions" in r]
    assert kept["ruleId"] == "N101" and kept["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "口径不同"}]
    assert "审核确认非问题: 口径不同" in render_junit([report], library, "zh")
    markdown = render_markdown([report], library, "zh")
    assert "非问题 1" in markdown and "**审核确认非问题（不计入）**" in markdown and "审核备注：口径不同" in markdown
    from auditor.render.github import render_github
    from auditor.render.gitlab import render_gitlab

    assert "N101" not in render_github([report], library, "zh")
    assert "N101" not in render_gitlab([report], library, "zh")
    assert json.loads(render_json([report], lang="zh"))["summary"]["errors"] == 3


def test_a_report_with_an_undecodable_name_keeps_its_decisions(tmp_path, library):
    """The page writes such a name with U+FFFD (as every output does); the decision still matches."""
    import os
    import shutil

    path = tmp_path / os.fsdecode(b"r\xff-2018.txt")
    shutil.copy(SEED, path)
    report = audit(path, library)
    n101 = next(f for f in report.findings if f.rule.id == "N101")
    assert apply_decisions((Decision("r\ufffd-2018.txt", "N101", n101.fingerprint, "dismissed"),), [report]) == []
    assert [f.rule.id for f in report.dismissed] == ["N101"]
