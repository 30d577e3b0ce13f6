"""Hybrid templates: each statistics table's generation is decided from its own structure, and the
rules of that generation check it; the rest of the report is checked as its main template."""

from __future__ import annotations

import pytest

from auditor import audit
from auditor.library import load_library

T2_2019 = """## 二、主动公开政府信息情况

| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 12 | 12 | 150 |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政许可 | 186 | 4 | 2293 |
| 其他对外管理服务事项 | 35 | 0 | 410 |
| 行政处罚 | 1560 | -12 | 1282 |
| 行政强制 | 38 | 0 | 42 |
| 信息内容 | 上一年项目数量 | 本年增/减 | |
| 行政事业性收费 | 12 | -1 | |
| 信息内容 | 采购项目数量 | 采购总金额 | |
| 政府集中采购 | 126 | 35620000 | |
"""

T2_2021 = """## 二、主动公开政府信息情况

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 12 | 3 | 150 |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 2293 | | |
| 行政处罚 | 1282 | | |
| 行政强制 | 42 | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 24.5 | | |
"""

T3_HEAD = """## 三、收到和处理政府信息公开申请情况

| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
|---|---|---|---|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | 64 | 4 | 0 | 0 | 1 | 1 | 70 |
| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 三、本年度办理结果 | | | | | | | |
| （一）予以公开 | 30 | 2 | 0 | 0 | 0 | 0 | 32 |
| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
| （三）不予公开 | | | | | | | |
| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 4.保护第三方合法权益 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| （四）无法提供 | | | | | | | |
| 1.本机关不掌握相关政府信息 | 20 | 1 | 0 | 0 | 1 | 0 | 22 |
| 2.没有现成信息需要另行制作 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| （五）不予处理 | | | | | | | |
| 1.信访举报投诉类申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""

# （六）其他处理: one row in 2019, three in 2021; `{total}` is the 总计 cell of its last row.
T3_OTHER_2019 = "| （六）其他处理 | 2 | 0 | 0 | 0 | 0 | 1 | {total} |\n"
T3_OTHER_2021 = """| （六）其他处理 | | | | | | | |
| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 3.其他 | 0 | 0 | 0 | 0 | 0 | 1 | {total} |
"""

T3_TAIL = """| （七）总计 | 65 | 4 | 0 | 0 | 1 | 1 | 71 |
| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
"""

T4 = """## 四、政府信息公开行政复议、行政诉讼情况

| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |
| 3 | 0 | 0 | 0 | 3 | 8 | 0 | 0 | 0 | 8 | 2 | 0 | 0 | 0 | 2 |
"""

TABLE_2 = {"new2019": T2_2019, "new2021": T2_2021}
OTHER_HANDLING = {"new2019": (T3_OTHER_2019, 3), "new2021": (T3_OTHER_2021, 1)}  # and the right total


def report(tmp_path, t2: str, t3: str, wrong_other: bool = False, text: str = "", rules=()):
    """A report whose table 二 follows `t2` and table 三 `t3` (template ids); with `wrong_other`, the
    总计 of the last （六）其他处理 row is one more than its applicants' sum."""
    rows, right = OTHER_HANDLING[t3]
    body = "\n".join([
        "# 某某区人民政府2023年政府信息公开工作年度报告",
        "## 一、总体情况",
        text or "本年度政府信息公开工作总体平稳。",
        TABLE_2[t2],
        T3_HEAD + rows.format(total=right + wrong_other) + T3_TAIL,
        T4,
        "## 五、存在的主要问题及改进情况",
        "解读形式较为单一。",
    ])
    path = tmp_path / "report.md"
    path.write_text(body, encoding="utf-8")
    return audit(path, rules=rules)


def codes(result) -> list[str]:
    return [d.code for d in result.extraction.doubts]


def errors(result) -> set[tuple[str, str]]:
    return {(f.rule.id, f.actual) for f in result.findings if f.severity == "error"}


# (table 二, table 三) → the main template; table 四 (alike in both) follows the main one.
COMBINATIONS = [
    ("new2021", "new2019", "new2019"),
    ("new2019", "new2021", "new2021"),
    ("new2021", "new2021", "new2021"),
    ("new2019", "new2019", "new2019"),
]


@pytest.mark.parametrize("t2, t3, main", COMBINATIONS)
def test_each_table_follows_its_own_generation(tmp_path, t2, t3, main):
    result = report(tmp_path, t2, t3)
    assert result.extraction.template == main
    assert result.extraction.table_generations == {"t2": t2, "t3": t3, "t4": main}
    assert "no-template" not in codes(result) and "ambiguous-template" not in codes(result)
    assert errors(result) == set()


@pytest.mark.parametrize("t2, t3, main", COMBINATIONS)
def test_one_note_per_table_of_another_generation(tmp_path, t2, t3, main):
    result = report(tmp_path, t2, t3)
    notes = [f for f in result.findings if f.rule.id == "X111"]
    if t2 == t3:
        assert notes == []
        return
    [note] = notes  # table 二 is the one of another generation: table 三 decides the main template
    title = {t: template.info.title for t, template in load_library().templates.items()}
    assert note.severity == "info" and note.doubt == "extraction"
    assert note.message("en") == (f"table 二 ('information published proactively') follows '{title[t2].en}'; "
                                  f"the other tables follow '{title[main].en}'")
    assert note.message("zh") == f"表二“主动公开政府信息情况”按“{title[t2].zh}”读取，其余各表按“{title[main].zh}”读取"
    assert note.places[0].location.line == next(  # placed at table 二's first cell read
        f.location.line for f in result.extraction.fields.values() if f.field.startswith("t2."))


def test_hybrid_reads_a_table_by_its_own_definition(tmp_path):
    result = report(tmp_path, "new2021", "new2019")
    fields = result.extraction.fields
    assert fields["t2.normative.issued"].quantity.value == 12  # a 2021 column, in a report of 2019
    assert fields["t3.other_handling.total"].quantity.value == 3  # the 2019 single row
    assert "t3.other_other.total" not in fields


def failed(result, rule_id: str) -> list[str]:
    """The field each failed instance of the rule is about (its first table place)."""
    return [o.finding.places[0].field for o in result.result.outcomes if o.rule.id == rule_id and o.status == "failed"]


def test_a_wrong_single_row_other_handling_is_found_by_the_2019_rows(tmp_path):
    result = report(tmp_path, "new2021", "new2019", wrong_other=True)
    assert failed(result, "S103") == ["t3.other_handling.total"]  # 总计 4 ≠ 2 + 1
    assert failed(result, "S102") == ["t3.handled_total.total"]  # the outcomes add up to 72, not 71


def test_a_wrong_three_row_other_handling_is_found_by_the_2021_rows(tmp_path):
    result = report(tmp_path, "new2019", "new2021", wrong_other=True)
    assert failed(result, "S103") == ["t3.other_other.total"]
    assert failed(result, "S102") == ["t3.handled_total.total"]
    # the 2019 single row is no row of this table 三: its instance is skipped, not "not assessable"
    assert not [o for o in result.result.outcomes if o.rule.id == "S103" and o.status == "not_assessable"]


@pytest.mark.parametrize("stated, error", [("12", False), ("13", True)])
def test_a_2021_table_two_is_checked_by_its_own_fields(tmp_path, stated, error):
    text = f"本年度制发行政规范性文件{stated}件。"
    result = report(tmp_path, "new2021", "new2019", text=text)
    found = {rule for rule, _ in errors(result)}
    assert ("N217" in found) == error
    statuses = {o.status for o in result.result.outcomes if o.rule.id == "N217"}
    assert statuses == {"failed" if error else "passed"}


RULES = """
[[rule]]
id = "Z901"
name = "only-2021-table-two"
kind = "bound"
severity = "error"
templates = ["new2021"]
total = "t2.normative.in_force"
parts = ["t2.normative.issued"]
title = { zh = "制发不超过现行有效", en = "issued within in force" }
message = { zh = "{part}超过{total}", en = "{part} exceeds {total}" }
doc = { zh = "测试。", en = "A test." }

[[rule]]
id = "Z902"
name = "only-2019-table-three"
kind = "bound"
severity = "error"
templates = ["new2019"]
total = "t3.handled_total.total"
parts = ["t3.other_handling.total"]
title = { zh = "其他处理不超过总计", en = "other handling within the total" }
message = { zh = "{part}超过{total}", en = "{part} exceeds {total}" }
doc = { zh = "测试。", en = "A test." }

[[rule]]
id = "Z903"
name = "only-2019-both-tables"
kind = "bound"
severity = "error"
templates = ["new2019"]
total = "t3.handled_total.total"
parts = ["t2.licensing.decisions"]
title = { zh = "测试", en = "a test" }
message = { zh = "{part}超过{total}", en = "{part} exceeds {total}" }
doc = { zh = "测试。", en = "A test." }
"""


@pytest.mark.parametrize("t2, t3, ran", [
    ("new2021", "new2019", {"Z901", "Z902"}),  # Z903 reads a 2021 table 二
    ("new2019", "new2021", set()),  # Z901 reads a 2019 table 二, Z902 a 2021 table 三
    ("new2021", "new2021", {"Z901"}),
    ("new2019", "new2019", {"Z902", "Z903"}),
])
def test_a_rule_runs_where_every_table_it_reads_follows_its_template(tmp_path, t2, t3, ran):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "own.toml").write_text(RULES, encoding="utf-8")
    result = report(tmp_path, t2, t3, rules=[folder])
    assert {o.rule.id for o in result.result.outcomes if o.rule.id.startswith("Z")} == ran


def test_a_forced_template_reads_every_table_by_its_definition(tmp_path):
    path = tmp_path / "report.md"
    report(tmp_path, "new2021", "new2019")
    forced = audit(path, template="new2021")
    assert forced.extraction.table_generations == {"t2": "new2021", "t3": "new2021", "t4": "new2021"}
    assert "hybrid-template" not in codes(forced)


def test_tables_nothing_tells_apart_stay_ambiguous(tmp_path):
    """Without table 二 and （六）, the 2019 and 2021 tables 三 are alike: the template cannot be decided."""
    path = tmp_path / "report.md"
    path.write_text("# 某某区2023年政府信息公开工作年度报告\n\n" + T3_HEAD + T3_TAIL + "\n" + T4, encoding="utf-8")
    result = audit(path)
    assert result.extraction.template in ("new2019", "new2021")
    assert "ambiguous-template" in codes(result) and "hybrid-template" not in codes(result)


# The real reports: the hybrid ones (淮安洪泽) read table 二 as 2021 and the rest as 2019; the others
# follow one generation throughout. test_corpus.py keeps their templates and findings.
CORPUS = {
    "huaian-hongze-2023.pdf": {"t2": "new2021", "t3": "new2019", "t4": "new2019"},
    "huaian-hongze-2024.pdf": {"t2": "new2021", "t3": "new2019", "t4": "new2019"},
    "huaian-2024.pdf": {"t2": "new2021", "t3": "new2021", "t4": "new2021"},
    "pingtan-2020.html": {"t2": "new2019", "t3": "new2019", "t4": "new2019"},
    "pingtan-2020.txt": {"t2": "new2019", "t3": "new2019", "t4": "new2019"},  # a text rendering
    "pingtan-2022.html": {"t2": "new2021", "t3": "new2021", "t4": "new2021"},
    "pingtan-2013.html": {},  # the pre-2019 统计表 has no grid tables
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_generations(real, name):
    result = audit(real / name)
    assert result.extraction.table_generations == CORPUS[name]
    assert ("hybrid-template" in codes(result)) == (len(set(CORPUS[name].values())) > 1)


def _hybrid_year(folder, year: int, in_force: int):
    """A 2021 table 二 (行政规范性文件: 12 issued, 3 repealed, `in_force`) with the 2019 table 三."""
    body = "\n".join([f"# 某某区人民政府{year}年政府信息公开工作年度报告", "## 一、总体情况", "本年度工作总体平稳。",
                      T2_2021.replace("| 12 | 3 | 150 |", f"| 12 | 3 | {in_force} |"),
                      T3_HEAD + T3_OTHER_2019.format(total=3) + T3_TAIL, T4])
    path = folder / f"{year}.md"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("before, found", [(141, False), (100, True)])
def test_the_in_force_chain_runs_between_hybrid_reports(tmp_path, before, found):
    """Y102 (a 2021 rule) reads only table 二: it runs where both years' tables 二 follow 2021, in
    reports whose main template is 2019 (141 + 12 − 3 = 150 chains; 100 does not)."""
    from auditor.run import Options, check_files

    run = check_files([_hybrid_year(tmp_path, 2022, before), _hybrid_year(tmp_path, 2023, 150)], Options())
    later = next(r for r in run.reports if r.extraction.year == 2023)
    assert later.extraction.template == "new2019"
    statuses = {o.subject: o.status for o in later.result.outcomes if o.rule.id == "Y102"}
    assert statuses["t2.normative.in_force+t2.normative.repealed"] == ("failed" if found else "passed")


def test_the_json_report_names_each_tables_generation(tmp_path):
    import json

    from typer.testing import CliRunner

    from auditor.cli import app

    report(tmp_path, "new2021", "new2019")
    shown = CliRunner().invoke(app, ["check", str(tmp_path / "report.md"), "--format", "json", "--jobs", "1"])
    [data] = json.loads(shown.stdout)["reports"]
    assert data["table_generations"] == {"t2": "new2021", "t3": "new2019", "t4": "new2019"}
