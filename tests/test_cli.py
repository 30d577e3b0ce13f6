"""The command line as users and CI pipelines meet it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.library import load_library

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"
SCHEMA = json.loads((ROOT / "auditor" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("auditor：错误：")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]


def test_check_seed_exits_1_with_errors():
    result = run("check", SEED)
    assert result.exit_code == 1
    assert "N101" in result.output and "P106" in result.output
    assert "1 份报告：4 个错误，5 个警告，0 个提示" in result.output


def test_english_messages():
    result = run("check", "--lang", "en", SEED)
    assert "1 report(s): 4 error(s), 5 warning(s), 0 info" in result.output
    assert "the text states 135条 published proactively" in result.output


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_threshold(fail_on, code):
    assert run("check", "--fail-on", fail_on, SEED).exit_code == code


def test_fail_on_warning_counts_warnings(tmp_path):
    # only a warning (P110): exit 0 by default, 1 with --fail-on warning
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("主动公开信息135条", "主动公开信息28条")
    for row, old, new in (("2.政府网站公开政府信息数 | 条 | ", "135", "28"), ("4.政务微信公开政府信息数 | 条 | ", "37", "20"),
                          ("5.其他方式公开政府信息数 | 条 | ", "140", "20")):
        text = text.replace(row + old, row + new)
    text = text.replace("共发布信息37期", "共发布信息20期")
    report = tmp_path / "warn-only.txt"
    report.write_text(text, encoding="utf-8")
    assert run("check", report).exit_code == 0
    assert run("check", "--fail-on", "warning", report).exit_code == 1


def test_json_matches_contract():
    result = run("check", "--format", "json", SEED)
    assert result.exit_code == 1
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    [report] = data["reports"]
    assert report["template"] == "pre2019" and report["year"] == 2018
    assert data["summary"] == {"reports": 1, "unaudited": 0, "errors": 4, "warnings": 5, "infos": 0, "dismissed": 0}
    first = report["findings"][0]
    assert first["rule"] == "N101"
    assert [(loc["line"], loc["role"], loc["text"], loc["page"]) for loc in first["locations"]] == [
        (12, "narrative", "135条", None), (54, "table", "28", None)]


def test_fingerprint_stable_when_unrelated_lines_move(tmp_path):
    moved = tmp_path / "moved.txt"
    lines = SEED.read_text(encoding="utf-8").splitlines()
    moved.write_text("\n".join(lines[:5] + ["新增的一段说明文字。", ""] + lines[5:]), encoding="utf-8")
    before = json.loads(run("check", "--format", "json", SEED).output)["reports"][0]["findings"]
    after = json.loads(run("check", "--format", "json", moved).output)["reports"][0]["findings"]
    assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]
    assert [f["locations"][0]["line"] + 2 for f in before] == [f["locations"][0]["line"] for f in after]
    assert len({f["fingerprint"] for f in before}) == len(before)


def test_missing_file():
    one_line_error(run("check", "no-such-report.txt"), "no-such-report.txt：文件不存在")


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    one_line_error(run("check", empty), "empty.txt", "empty")


def test_binary_file(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    one_line_error(run("check", binary), "scan.txt", "binary")


def test_unsupported_suffix(tmp_path):
    other = tmp_path / "report.xyz"
    other.write_text("x", encoding="utf-8")
    one_line_error(run("check", other), "report.xyz", "unsupported")


def test_rule_file_with_unknown_key(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text(
        '[[rule]]\nid = "U001"\nname = "mine"\nkind = "sum"\nseverity = "error"\n'
        'total = "request.received"\nparts = ["request.online"]\n'
        'title = { zh = "甲", en = "a" }\nmessage = { zh = "甲", en = "a" }\ndoc = { zh = "甲", en = "a" }\n'
        'colour = "red"\n', encoding="utf-8")
    one_line_error(run("check", "--rules", rules, SEED), "mine.toml:11", "colour", "未知的键")


def test_user_rules_are_added(tmp_path):
    rules = tmp_path / "team.toml"
    rules.write_text(
        '[[rule]]\nid = "T001"\nname = "team-staff-limit"\nkind = "bound"\nseverity = "warning"\n'
        'templates = ["pre2019"]\ntotal = "organisation.staff"\nparts = ["meetings.trainees"]\n'
        'title = { zh = "培训人数", en = "trainees" }\n'
        'message = { zh = "{part_label}{part}多于{total_label}{total}", en = "{part} > {total}" }\n'
        'doc = { zh = "团队自定义规则。", en = "A team rule." }\n', encoding="utf-8")
    result = run("check", "--format", "json", "--rules", rules, SEED)
    rules_hit = [f["rule"] for f in json.loads(result.output)["reports"][0]["findings"]]
    assert "T001" in rules_hit  # 接受培训人员数 4 > 从事人员数 2


def test_one_bad_file_does_not_hide_the_others(tmp_path):
    result = run("check", "--format", "json", SEED, tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert "missing.txt：文件不存在" in result.stderr
    assert json.loads(result.stdout)["summary"]["reports"] == 1


def test_never_writes_to_its_input(tmp_path):
    copy = tmp_path / "seed.txt"
    shutil.copy(SEED, copy)
    before = copy.read_bytes(), copy.stat().st_mtime_ns
    run("check", copy)
    run("extract", copy)
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.txt"]


@pytest.mark.parametrize("rule_id", [r.id for r in load_library().rules])
def test_explain_every_rule(rule_id):
    for lang in ("zh", "en"):
        result = run("explain", rule_id, "--lang", lang)
        assert result.exit_code == 0, result.output
        rule = load_library().rule(rule_id)
        assert rule_id in result.output
        assert rule.title.get(lang)[:8] in result.output


def test_explain_by_name_and_unknown_rule():
    assert "P101" in run("explain", "request-channels-sum").output
    one_line_error(run("explain", "Z999"), "Z999")


def test_rules_lists_every_rule():
    result = run("rules", "--format", "json")
    listed = json.loads(result.output)
    assert [r["id"] for r in listed] == [r.id for r in load_library().rules]
    assert {"id", "name", "severity", "kind", "title"} <= set(listed[0])


def test_extract_json_has_fields_and_narrative_with_places():
    result = run("extract", SEED)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["template"] == "pre2019" and data["year"] == 2018 and data["encoding"] == "utf-8"
    fields = {f["field"]: f for f in data["fields"]}
    assert fields["active.total"]["value"] == "28" and fields["active.total"]["unit"] == "条"
    assert fields["active.total"]["location"] == {"line": 54, "column": 20, "table": 1, "row": 3, "col": 3}
    assert fields["fees.total"]["unit"] == "万元" and fields["fees.total"]["value"] == "0"
    assert len(fields) == 58  # every row with a value; the 8 others are the header and section rows
    stated = {(n["text"], n["location"]["line"]) for n in data["narrative"]}
    assert {("135条", 12), ("两篇", 27), ("37期", 37), ("1629323.82万元", 14)} <= stated


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("auditor ")


def test_rules_reference_in_docs_is_current():
    generated = run("rules", "--format", "markdown").output
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generated, \
        "docs/rules.md is stale: run `auditor rules --format markdown > docs/rules.md`"


def test_forced_template_that_does_not_fit_is_an_error_naming_the_right_one():
    # the seed is a pre-2019 report; forcing the 2021 template reads none of its fields
    result = run("check", "--template", "new2021", "--format", "json", SEED)
    assert result.exit_code == 1
    [report] = json.loads(result.output)["reports"]
    [unfit] = [f for f in report["findings"] if f["rule"] == "X113"]
    assert "2019年以前" in unfit["message"]
    assert run("check", "--template", "pre2019", SEED).exit_code == 1  # the fitting one: its own findings
    assert "X113" not in run("check", "--template", "pre2019", SEED).output
