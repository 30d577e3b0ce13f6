"""Run-together rows the template's equations leave open are decided by the constraints the report
and its batch offer (extract/flow.py): a figure the narrative states for the row's field, and
last year's report of the same body (历年累计 = last year's 历年累计 + this year's). Each such split
is disclosed (X112, naming the constraint), and the check comparing with that very constraint
holds by construction: "recovered", not "passed". Nothing decides a row → X104, as before."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from auditor import audit
from auditor.extract import SplitFigure
from auditor.extract.flow import equation_key
from auditor.run import Options, check_files, stream_files

# A made-up county's pre-2019 统计表 as a text rendering prints it: label, unit, then this year's
# figure and the cumulative one (历年累计) with nothing between them, as in the real corpus.
TABLE = ("指标名称计量单位{year}年度历年累计主动公开信息数条{active}其中：1.网站公开条{website}"
         "2.政府公报公开条00受理依申请公开信息总数条00其中：1.当面申请数条002.传真申请数条00"
         "3.网上申请数条00对申请的答复数条00行政复议数件00行政诉讼数件00")


def report(year: int, active: str, narrative: str = "", website: str = "0 0") -> str:
    return f"""某某县{year}年政府信息公开工作年度报告

一、概述
{year}年，某某县认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作稳步推进。

二、主动公开政府信息情况
{narrative or "全县政府信息均通过县政府门户网站发布。"}

三、依申请公开情况
{year}年全县未收到政府信息公开申请。

附件：某某县{year}年政府信息公开情况统计表
{TABLE.format(year=year, active=active, website=website)}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def doubts(result, code):
    return [d for d in result.extraction.doubts if d.code == code]


def statuses(result, rule_id):
    return {o.status for o in result.result.outcomes if o.rule.id == rule_id}


# --- the narrative's own figures -----------------------------------------------------------


def test_the_narrative_figure_decides_the_split(tmp_path):
    """"361047520" cuts as 36|1047520 or 3610|47520 (this year ≤ cumulative); the text says 3610条."""
    result = audit(write(tmp_path, "a.txt", report(2015, "361047520", "2015年全县主动公开政府信息3610条。")))
    fields = result.extraction.fields
    assert (fields["active.total"].cell.text, fields["cumulative.active.total"].cell.text) == ("3610", "47520")
    assert isinstance(fields["active.total"], SplitFigure)
    [note] = doubts(result, "split-by-constraint")
    assert note.params["cells"] == "3610|47520" and note.params["text"] == "361047520"
    assert "主动公开政府信息3610条" in note.params["reason_zh"] and "3610条" in note.params["reason_en"]
    [finding] = [f for f in result.findings if f.rule.id == "X112"]
    assert finding.doubt == "extraction"
    assert "正文所述“2015年全县主动公开政府信息3610条”" in finding.message("zh")
    assert "3610|47520" in finding.message("en") and "the text's" in finding.message("en")
    # N101 compares the table's 主动公开 with the very figure that chose it: no evidence.
    assert statuses(result, "N101") == {"recovered"}
    assert "主动公开信息数" not in {d.params["label"] for d in doubts(result, "ambiguous-split")}


def test_a_second_place_stating_the_same_figure_is_recovered_too(tmp_path):
    text = "2015年全县主动公开政府信息3610条。县政府门户网站累计发布各类信息，全年主动公开政府信息共3610条。"
    result = audit(write(tmp_path, "a.txt", report(2015, "361047520", text)))
    n101 = [o for o in result.result.outcomes if o.rule.id == "N101"]
    assert len(n101) == 2 and {o.status for o in n101} == {"recovered"}
    assert len(result.extraction.fields["active.total"].constraints) == 2


def test_a_figure_the_text_states_for_another_field_does_not_decide(tmp_path):
    """3610 as the website's count (N108), not the total's: the total's row stays open."""
    text = "通过县政府门户网站公开政府信息3610条。"
    result = audit(write(tmp_path, "a.txt", report(2015, "361047520", text)))
    assert "active.total" not in result.extraction.fields
    assert "主动公开信息数" in {d.params["label"] for d in doubts(result, "ambiguous-split")}


def test_two_narrative_figures_matching_two_readings_stay_ambiguous(tmp_path):
    """The text states 3610条 and, elsewhere, 36条: each agrees with one reading; neither is taken."""
    text = "2015年全县主动公开政府信息3610条。\n\n县政府办公室本级主动公开政府信息36条。"
    result = audit(write(tmp_path, "a.txt", report(2015, "361047520", text)))
    assert "active.total" not in result.extraction.fields
    assert "主动公开信息数" in {d.params["label"] for d in doubts(result, "ambiguous-split")}
    assert not doubts(result, "split-by-constraint")
    assert statuses(result, "N101") == {"not_assessable"}
    assert "X104" in {f.rule.id for f in result.findings}


def test_an_approximate_figure_decides_nothing(tmp_path):
    result = audit(write(tmp_path, "a.txt", report(2015, "361047520", "全年主动公开政府信息3610余条。")))
    assert "active.total" not in result.extraction.fields


def test_without_narrative_or_prior_the_row_stays_x104(tmp_path):
    result = audit(write(tmp_path, "a.txt", report(2015, "361047520")))
    fields = result.extraction.fields
    assert "active.total" not in fields and "cumulative.active.total" not in fields
    [doubt] = [d for d in doubts(result, "ambiguous-split") if d.params["label"] == "主动公开信息数"]
    assert doubt.text == "361047520"
    assert not doubts(result, "split-by-constraint")
    assert "X104" in {f.rule.id for f in result.findings}


# --- last year's report in the same run ----------------------------------------------------


@pytest.fixture()
def years(tmp_path):
    """2013 with its cells apart (cumulative 43910); 2014 and 2015 run together, with no figure in
    their text. 2014 "287046780": 28|7046780 or 2870|46780, and 43910 + 2870 = 46780. 2015
    "361050390": 36|1050390 or 3610|50390, and 46780 + 3610 = 50390 (once 2014 is read)."""
    return [write(tmp_path, "2013.txt", report(2013, "2150 43910", website="2150 43910")),
            write(tmp_path, "2014.txt", report(2014, "287046780")),
            write(tmp_path, "2015.txt", report(2015, "361050390"))]


def test_last_years_cumulative_decides_the_split(years):
    run = check_files(years[:2], Options())
    later = next(r for r in run.reports if r.extraction.year == 2014)
    fields = later.extraction.fields
    assert (fields["active.total"].cell.text, fields["cumulative.active.total"].cell.text) == ("2870", "46780")
    chain = equation_key(["cumulative.active.total"], ["prev:cumulative.active.total", "active.total"])
    assert chain in fields["active.total"].constraints
    [note] = [d for d in doubts(later, "split-by-constraint") if d.params["label"] == "主动公开信息数"]
    assert note.params["cells"] == "2870|46780"
    assert "上一年报告（2013年）" in note.params["reason_zh"] and "43910" in note.params["reason_zh"]
    assert "last year's report (2013)" in note.params["reason_en"]
    # Y103 states that very chain: it holds because the split was chosen so.
    y103 = {o.subject: o.status for o in later.result.outcomes if o.rule.id == "Y103"}
    assert y103["cumulative.active.total"] == "recovered"


def test_a_chain_of_years_is_settled_in_year_order(years):
    """2015's prior is 2014 as 2014's own prior settled it."""
    run = check_files(list(reversed(years)), Options(), jobs=2)
    by_year = {r.extraction.year: r.extraction.fields for r in run.reports}
    assert by_year[2015]["active.total"].quantity.value == Decimal(3610)
    assert by_year[2015]["cumulative.active.total"].quantity.value == Decimal(50390)


def test_without_last_year_the_row_stays_x104(years):
    run = check_files(years[1:2], Options())
    [alone] = run.reports
    assert "active.total" not in alone.extraction.fields
    assert "X104" in {f.rule.id for f in alone.findings}


def test_only_a_report_with_an_open_row_and_its_year_before_is_audited_again(years, tmp_path, monkeypatch):
    import auditor.run as run_module

    again: list[str] = []
    original = run_module.audit_file

    def counting(path, options, prior=None):
        again.append(Path(path).name)
        return original(path, options, prior)

    monkeypatch.setattr(run_module, "audit_file", counting)  # the second pass's; the batch's is bound before
    other = write(tmp_path, "other.txt", report(2016, "361050390").replace("某某县", "另一县"))
    check_files([years[0], years[1], other], Options())
    assert again == ["2014.txt"]  # not 2013 (nothing open), nor another body's 2016 (no year before)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_streamed_run_settles_splits_too(years, jobs):
    """--format jsonl: 2014 and 2015 are written once settled by the year before, as in a batch;
    every report still gets exactly one line."""
    lines: list[str] = []
    stream_files(list(reversed(years)), Options(), jobs, lines.append)
    reports = [json.loads(line) for line in lines if json.loads(line)["type"] == "report"]
    assert sorted(Path(r["path"]).name for r in reports) == ["2013.txt", "2014.txt", "2015.txt"]
    for report in reports:
        rules = {f["rule"] for f in report["findings"]}
        assert "X104" not in rules
        assert ("X112" in rules) == (Path(report["path"]).name != "2013.txt")


# --- another form of the same report in the same run ------------------------------------------


def test_another_form_of_the_report_decides_the_split(tmp_path):
    """The .txt of a report runs a row together; its other form (here a second copy with the cells
    apart) reads it, and the batch reads the .txt as that form does, and says so."""
    (tmp_path / "docx").mkdir()
    (tmp_path / "txt").mkdir()
    apart = write(tmp_path / "docx", "2013.txt", report(2013, "2150 43910"))
    together = write(tmp_path / "txt", "2013.txt", report(2013, "215043910"))
    run = check_files([together, apart], Options())
    read = next(r for r in run.reports if r.path == str(together))
    fields = read.extraction.fields
    assert (fields["active.total"].cell.text, fields["cumulative.active.total"].cell.text) == ("2150", "43910")
    [note] = [d for d in doubts(read, "split-by-constraint") if d.params["label"] == "主动公开信息数"]
    assert str(apart) in note.params["reason_zh"] and "另一版本" in note.params["reason_zh"]
    assert "another form of this report" in note.params["reason_en"]
    assert "X104" not in {f.rule.id for f in read.findings}


def test_a_form_that_reads_the_row_differently_decides_nothing(tmp_path):
    """A twin whose cells are no reading of the run-together digits leaves the row open."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", "2013.txt", report(2013, "2151 43910"))
    together = write(tmp_path / "b", "2013.txt", report(2013, "215043910"))
    run = check_files([together, tmp_path / "a" / "2013.txt"], Options())
    read = next(r for r in run.reports if r.path == str(together))
    assert "active.total" not in read.extraction.fields
    assert "X104" in {f.rule.id for f in read.findings}
