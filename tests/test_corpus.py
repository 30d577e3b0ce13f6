"""The real published reports in fixtures/corpus: text renderings, HTML pages, Word and PDF.

A gold list, checked by reading each report: the template generation (SOURCES.md), and every
error-level finding the report deserves, by rule and the figure the text or table states.
Anything else at error level would be a false alarm on figures that agree.
"""

from __future__ import annotations

import time

import pytest
from corpus import REAL

from auditor import audit

CORPUS = REAL

# file → (template, {(rule, figure as stated)} of the error-level findings)
GOLD = {
    # pre-2019 统计表
    "pingtan-county-2011.txt": ("pre2019", set()),
    # 主动公开的政府信息，县直2475条、各乡镇1503条 (= 3978, the 制作、获取 total) vs 主动公开2026条 stated before
    "pingtan-county-2012.txt": ("pre2019", {("A104", "2026条")}),  # 网站公开 runs together ambiguously here
    "pingtan-county-2012.html": ("pre2019", {("N108", "2026条"), ("A104", "2026条")}),  # 在…网站主动公开的2026条 vs 网站公开 1795
    # 网上申请数3条，信函申请数4条 in the text; the table has 网上 4, 信函 0 (and 电子邮件 3)
    "pingtan-county-2013.txt": ("pre2019", {("N111", "3条"), ("N112", "4条")}),
    "pingtan-2012.txt": ("pre2019", {
        ("N101", "1913条"),  # 主动公开政府信息1913条 vs 统计表 739
        ("N108", "1913条"),  # 在…网站主动公开的1913条 vs 网站公开 739
        ("N108", "3636条"),  # 通过门户网站公开政府信息3636条 vs 739
        ("A103", "8.05%"),  # 145 / 1913 = 7.58%
        ("A101", "1913条"),  # 其中，区直、县直1397条，占73%。各乡镇534条，占27%: 1931 > 1913
    }),
    "pingtan-2013.txt": ("pre2019", {("N101", "4970条"), ("N103", "1份")}),  # vs 72804; 复议 1 vs 0
    "pingtan-2013.html": ("pre2019", {("N101", "4970条"), ("N103", "1份")}),
    "pingtan-2014.txt": ("pre2019", {("A104", "2543条")}),  # the 主要类别 of 主动公开 add up to 2641 > 2543 stated before
    "pingtan-2017.txt": ("pre2019", set()),
    "pingtan-2017.html": ("pre2019", set()),
    # a department report with no 统计表; 受理审批事项117件，办结171件，办结率100%: 171 > 117 in one sentence
    "pingtan-dishui-2013.txt": (None, {("R102", "171件")}),
    # 2019 transitional format
    # 共公布政府信息2599条(其中机构职能类25条，…，其他应主动公开政府信息856条): the categories, the rest
    # included, add up to 2533
    "pingtan-2019.txt": ("new2019", {("A102", "2599条")}),
    "pingtan-2019.html": ("new2019", {("A102", "2599条")}),
    "pingtan-2020.txt": ("new2019", {("A101", "2602条"), ("S102", "20件"), ("S102", "21件")}),
    "pingtan-2020.html": ("new2019", {("A101", "2602条"), ("S102", "20件"), ("S102", "21件")}),
    # 2021 format
    "pingtan-2021.txt": ("new2021", set()),
    "pingtan-2021.html": ("new2021", set()),
    "pingtan-2022.txt": ("new2021", set()),
    "pingtan-2022.html": ("new2021", set()),
    "pingtan-2023.txt": ("new2021", set()),  # 现行有效 runs together ambiguously here
    # 现行有效规范性文件393件 vs 470 = 393 + 本年度制发的77件 of the same sentence: a scope warning
    "pingtan-2023.html": ("new2021", set()),
    "pingtan-2024.txt": ("new2021", set()),
    "pingtan-2024.html": ("new2021", set()),
    # real PDFs made with WPS
    "huaian-2024.pdf": ("new2021", set()),
    # table 三 of 2019 with table 二 of 2021; table 四 prints 总计 0 beside 10 + 1 (复议) and 5 (复议后起诉)
    "huaian-hongze-2023.pdf": ("new2019", {("S104", "0件")}),
    # 区政府办代表区政府受理申请17件 vs the whole 区's 95: a narrower scope, a scope warning
    "huaian-hongze-2024.pdf": ("new2019", set()),
}
# The DOCX and PDF conversions of the HTML pages say what the pages say.
for _name in [n for n in GOLD if n.endswith(".html")]:
    for _suffix in (".docx", ".pdf"):
        GOLD[_name.replace(".html", _suffix)] = GOLD[_name]


# The text rules' findings (T…, warnings): each a real defect of the published report, found in every
# rendering of it; 5 in all. Anything else would be a false alarm.
TEXT_FINDINGS = {
    **{f"pingtan-2021{suffix}": {("T101", "审核审核")} for suffix in (".txt", ".html", ".docx", ".pdf")},  # 二是规范审核审核发布机制
    "pingtan-county-2013.txt": {("T304", "期限自至")},  # 本报告所列数据的统计期限自至。
}


def test_gold_list_covers_every_report():
    present = {p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".html", ".docx", ".pdf")}
    assert present == set(GOLD)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_template_and_error_findings(name):
    template, errors = GOLD[name]
    report = audit(CORPUS / name)
    assert report.extraction.template == template
    found = {(f.rule.id, f.actual if f.places[0].role == "table" else f.places[0].text)
             for f in report.findings if f.severity == "error"}
    assert found == errors
    assert report.extraction.year is not None
    text = {(f.rule.id, f.places[0].text) for f in report.findings if f.rule.id.startswith("T")}
    assert text == TEXT_FINDINGS.get(name, set())


@pytest.mark.parametrize("name", ["pingtan-2021.html", "pingtan-2022.html", "pingtan-2023.html", "pingtan-2024.html",
                                  "pingtan-2019.html", "pingtan-2020.html"])
def test_html_tables_three_and_four_read_completely(name):
    fields = audit(CORPUS / name).extraction.fields
    t3 = [f for f in fields if f.startswith("t3.")]
    t4 = [f for f in fields if f.startswith("t4.")]
    assert len(t3) == (25 if "2019" not in name and "2020" not in name else 23) * 7
    assert len(t4) == 15
    assert all(fields[f].state == "value" for f in t3 + t4)


def test_pingtan_2021_cells_as_the_page_shows():
    fields = audit(CORPUS / "pingtan-2021.html").extraction.fields
    shown = {"t3.new.natural": "64", "t3.new.social": "2", "t3.new.other_org": "4", "t3.new.total": "70",
             "t3.disclosed.natural": "27", "t3.unable_not_held.total": "25", "t3.other_other.total": "1",
             "t3.handled_total.total": "69", "t3.carried_forward.total": "1", "t2.normative.in_force": "665",
             "t4.review.other": "2", "t4.review.total": "3", "t4.direct.upheld": "12", "t2.fees.amount": "24252.311082"}
    assert {f: fields[f].cell.text for f in shown} == shown


def test_run_together_rows_recovered_only_when_unique():
    report = audit(CORPUS / "pingtan-2021.txt")
    fields = report.extraction.fields
    assert [fields[f"t3.new.{c}"].cell.text for c in
            ("natural", "commercial", "research", "social", "legal", "other_org", "total")] == \
        ["64", "0", "0", "2", "0", "4", "70"]
    assert fields["t3.disclosed.natural"].cell.text == "27"  # 270020130 has two row splits; column sums decide
    notes = {d.code for d in report.extraction.doubts}
    assert {"recovered-split", "ambiguous-split"} <= notes
    assert "t2.normative.issued" not in fields  # 693665 has several splits and no equation: not guessed


def test_html_audit_well_under_a_second():
    start = time.perf_counter()
    audit(CORPUS / "pingtan-2021.html")
    assert time.perf_counter() - start < 1.0
