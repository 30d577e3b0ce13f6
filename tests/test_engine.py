"""The check engine on small reports: intervals, and inputs that are missing or not numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import audit

TABLE_HEAD = "| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n"
BASE_ROWS = {
    "（一）主动公开政府信息数": ("条", "30"),
    "1.政府网站公开政府信息数": ("条", "30"),
    "（一）收到申请数": ("件", "{received}"),
    "1.当面申请数": ("件", "{in_person}"),
    "2.传真申请数": ("件", "0"),
    "3.网络申请数": ("件", "2"),
    "4.信函申请数": ("件", "0"),
    "七、依申请公开信息收取的费用": ("万元", "0"),
}


def report(tmp_path, *, received="3", in_person="1", extra_rows="", text="本年度政府信息公开工作总体平稳。"):
    rows = "".join(f"| {label} | {unit} | {value.format(received=received, in_person=in_person)} |\n"
                   for label, (unit, value) in BASE_ROWS.items())
    path = tmp_path / "report.md"
    path.write_text(f"# 某县2017年政府信息公开工作年度报告\n\n{text}\n\n{TABLE_HEAD}{rows}{extra_rows}",
                    encoding="utf-8")
    return audit(path)


def outcomes(result, rule_id):
    return [o for o in result.result.outcomes if o.rule.id == rule_id]


def test_sum_passes_and_fails(tmp_path):
    assert [o.status for o in outcomes(report(tmp_path), "P101")] == ["passed"]
    failing = report(tmp_path, received="4")
    [outcome] = outcomes(failing, "P101")
    assert outcome.status == "failed"
    assert outcome.finding.expected == "3件" and outcome.finding.actual == "4件"


@pytest.mark.parametrize("cell, state", [("", "blank"), ("/", "dash"), ("—", "dash"), ("无", "word")])
def test_blank_dash_and_words_are_not_zero(tmp_path, cell, state):
    result = report(tmp_path, in_person=cell)
    [outcome] = outcomes(result, "P101")
    assert outcome.status == "not_assessable"
    assert f"cell is {state}" in outcome.reason
    assert result.extraction.fields["request.in_person"].state == state
    assert not [f for f in result.findings if f.rule.id == "P101"]


def test_absent_row_is_not_zero(tmp_path):
    result = report(tmp_path)
    [outcome] = outcomes(result, "P107")  # the table has no 行政复议 rows at all
    assert outcome.status == "not_assessable" and "no such row" in outcome.reason


def test_unreadable_cell_is_an_extraction_doubt(tmp_path):
    result = report(tmp_path, in_person="1 2")
    [doubt] = [f for f in result.findings if f.rule.id == "X101"]
    assert doubt.doubt == "extraction" and doubt.severity == "warning"
    assert doubt.places[0].text == "1 2"
    assert outcomes(result, "P101")[0].status == "not_assessable"


def test_stats_count_each_status(tmp_path):
    stats = report(tmp_path, in_person="").stats()
    assert stats["checks"] == stats["passed"] + stats["failed"] + stats["not_assessable"]
    assert stats["not_assessable"] >= 1


def test_narrative_approximation_is_a_bound(tmp_path):
    # 共收到申请3余件 is "at least 3": consistent with 3, never an equality failure
    ok = report(tmp_path, text="全年共收到政府信息公开申请3余件。")
    assert [o.status for o in outcomes(ok, "N102")] == ["passed"]
    bad = report(tmp_path, text="全年共收到政府信息公开申请5余件。")
    assert [o.status for o in outcomes(bad, "N102")] == ["failed"]


def test_money_compares_as_intervals(tmp_path):
    # 0.5 万元 in the table and 5000元 in the text are the same amount
    rule_dir = tmp_path / "rules"
    rule_dir.mkdir()
    (rule_dir / "fees.toml").write_text(
        '[[rule]]\nid = "T001"\nname = "fees-stated"\nkind = "narrative"\nseverity = "error"\n'
        'templates = ["pre2019"]\nfields = ["fees.total"]\nphrases = ["收取…费用{N:元|万元}"]\n'
        'title = { zh = "费用", en = "fees" }\nmessage = { zh = "{stated}", en = "{stated}" }\n'
        'doc = { zh = "费用", en = "fees" }\n', encoding="utf-8")
    path = tmp_path / "fees.md"
    rows = "".join(f"| {label} | {unit} | {value.format(received=3, in_person=1)} |\n"
                   for label, (unit, value) in BASE_ROWS.items()).replace("| 万元 | 0 |", "| 万元 | 0.5 |")
    for stated, status in (("5000元", "passed"), ("5049元", "passed"), ("6000元", "failed")):
        path.write_text(f"# 某县2017年报告\n\n依申请收取信息公开费用{stated}。\n\n{TABLE_HEAD}{rows}", encoding="utf-8")
        result = audit(path, rules=[rule_dir])
        assert [o.status for o in outcomes(result, "T001")] == [status], stated


def test_blank_total_beside_nonzero_parts_is_reported(tmp_path):
    # a 总计 left blank while its parts are not zero is a report error, not a missing input
    [outcome] = outcomes(report(tmp_path, received=""), "P101")
    assert outcome.status == "failed"
    assert outcome.finding.expected == "3件"
    assert "空白" in outcome.finding.message("zh") and "blank" in outcome.finding.message("en")



def test_labels_with_one_typo_still_match(tmp_path):
    # "行政法复议" for 行政复议 (table 四's header), a doubled character in a row label
    text = (Path(__file__).parent.parent / "fixtures" / "rules" / "N212" / "pass.md").read_text(encoding="utf-8")
    text = text.replace("| 行政复议 | | | | | 行政诉讼 |", "| 行政法复议 | | | | | 行政诉讼 |")
    text = text.replace("2.重复申请 |", "2.重复申申请 |")
    path = tmp_path / "typo.md"
    path.write_text(text, encoding="utf-8")
    fields = audit(path).extraction.fields
    assert fields["t4.review.total"].cell.text == "3"
    assert fields["t3.declined_repeat.total"].state == "value"


def test_near_matches_only_one_edit_in_long_labels():
    from auditor.extract.grid import near

    assert near("行政法复议", ["行政复议", "行政诉讼"]) == "行政复议"
    assert near("复议", ["行政复议"]) is None  # short labels must match exactly
    assert near("行政复议结果", ["行政诉讼结果维持"]) is None
