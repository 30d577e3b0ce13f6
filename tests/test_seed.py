"""The seed report (a real 2018 report, pre-2019 form): what it gets wrong is found, what agrees is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import audit

SEED = Path(__file__).parent.parent / "fixtures" / "seed-xishan-2018.txt"


@pytest.fixture(scope="module")
def report():
    return audit(SEED)


def findings(report, rule_id):
    return [f for f in report.findings if f.rule.id == rule_id]


def passed(report, rule_id):
    return [o for o in report.result.outcomes if o.rule.id == rule_id and o.status == "passed"]


def test_template_and_year(report):
    assert report.extraction.template == "pre2019"
    assert report.extraction.year == 2018


def test_narrative_135_contradicts_table_28(report):
    [finding] = findings(report, "N101")
    assert finding.severity == "error"
    narrative, table = finding.places
    assert (narrative.role, narrative.text, narrative.location.line) == ("narrative", "135条", 12)
    assert "以区政府门户网站为平台,主动公开信息135条" in narrative.context
    assert (table.role, table.text, table.location.line, table.field) == ("table", "28", 54, "active.total")
    assert "135" in finding.message("zh") and "28" in finding.message("zh")


def test_channels_exceeding_the_total_are_reported(report):
    exceeding = {f.places[0].field: f.places[0].text for f in findings(report, "P106")}
    assert exceeding == {"active.channel.website": "135", "active.channel.wechat": "37",
                         "active.channel.other": "140"}
    assert all(f.severity == "error" for f in findings(report, "P106"))


def test_normative_documents_are_at_most_a_warning(report):
    [finding] = findings(report, "P110")
    assert finding.severity == "warning"
    assert {p.text for p in finding.places} == {"20", "8"}


def test_nothing_else_is_reported(report):
    assert sorted(f.rule.id for f in report.findings) == ["N101", "P106", "P106", "P106", "P110",
                                                              "T101", "T201", "T202", "T203"]  # test_wording


@pytest.mark.parametrize("rule_id, count", [
    ("A101", 3),  # 173 = 126 + 47; 944 = 763 + 181; 16 = 8 + 8 (not more than the total)
    ("N106", 1),  # 微信 37 期 vs 37
    ("N105", 1),  # 两篇 vs 2
    ("N102", 1),  # 未收到…申请 vs 0
    ("N103", 1),  # 未收到…行政复议 vs 0
    ("N104", 1),  # 未收到…行政诉讼 vs 0
    ("P109", 1),  # 从事人员 2 = 0 + 2
])
def test_figures_that_agree_are_checked_and_pass(report, rule_id, count):
    assert len(passed(report, rule_id)) == count
    assert not findings(report, rule_id)


def test_breakdown_totals_found(report):
    from auditor.check.arithmetic import breakdowns
    from auditor.check.context import Context
    from auditor.library import load_library

    found = {(b.total.quantity.text, tuple(p.quantity.text for p in b.parts), b.complete)
             for b in breakdowns(Context(report.extraction, load_library()))}
    assert found == {
        ("173个", ("126个", "47个"), False),  # no shares, no 其余: the lists may be partial
        ("944件", ("763件", "181件"), False),
        ("16个", ("8个", "8个"), False),  # "；作为配合落实单位…共9个" starts a total of its own
    }


def test_saving_rates_and_money_total_are_not_reported(report):
    # 节约率 5.33% and 8.08% (savings / (turnover + savings)) and 1629323.82 = 1613497.6 + 15826.22
    texts = {p.text for f in report.findings for p in f.places}
    assert not texts & {"5.33%", "8.08%", "1629323.82万元"}
