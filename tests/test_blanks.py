"""Blank cells read as each table's own evidence says (issue 11, habits 1 and 2): zeros left blank,
and a whole total column left blank."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.api import audit
from auditor.cli import app
from auditor.policy.config import Config

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "fixtures" / "rules"
CLEAN_2021 = RULES / "S101" / "pass.md"  # a 2021-format report whose tables balance, every zero typed


def _cells(line: str, change) -> str:
    if not line.startswith("|") or line.startswith("|---"):
        return line
    return "|".join(change(cell) for cell in line.split("|"))


def blank_zeros(text: str) -> str:
    """Every table cell that says 0 left blank, as compilers who type only non-zero cells do."""
    return "\n".join(_cells(line, lambda c: " " if c.strip() == "0" else c) for line in text.splitlines()) + "\n"


def blank_column(text: str, header_word: str, column: int) -> str:
    """One column of the table under the header holding `header_word` emptied (its header kept)."""
    out, inside = [], False
    for line in text.splitlines():
        if header_word in line:
            inside = True
        elif inside and line.startswith("|") and not line.startswith("|---"):
            cells = line.split("|")
            cells[column] = " "
            line = "|".join(cells)
        elif not line.startswith("|"):
            inside = False
        out.append(line)
    return "\n".join(out) + "\n"


def write(tmp_path: Path, text: str, name: str = "report.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def report_findings(report) -> set[tuple[str, str]]:
    """(rule, subject) of the findings about the report itself: extraction notes left out."""
    return {(f.rule.id, f.actual) for f in report.findings if f.doubt == "report"}


def codes(report) -> list[str]:
    return [d.code for d in report.extraction.doubts]


# --- zeros left blank -----------------------------------------------------------------------


def test_a_table_of_blank_zeros_is_read_as_the_table_with_its_zeros(tmp_path):
    typed = audit(CLEAN_2021)
    blanked = audit(write(tmp_path, blank_zeros(CLEAN_2021.read_text(encoding="utf-8"))))
    values = {f: fig.quantity.value for f, fig in typed.extraction.fields.items() if fig.quantity}
    assert {f: fig.quantity.value for f, fig in blanked.extraction.fields.items() if fig.quantity} == values
    assert blanked.stats()["not_assessable"] == typed.stats()["not_assessable"] == 0
    assert report_findings(blanked) == report_findings(typed) == set()


def test_the_reading_is_disclosed_per_table_with_its_count(tmp_path):
    blanked = audit(write(tmp_path, blank_zeros(CLEAN_2021.read_text(encoding="utf-8"))))
    notes = [d for d in blanked.extraction.doubts if d.code == "blank-as-zero"]
    assumed = [f for f in blanked.extraction.fields.values() if f.assumption == "blank_zero"]
    assert sum(int(n.params["count"]) for n in notes) == len(assumed) == blanked.extraction.assumptions["blank_zero"]
    assert len({n.params["table_zh"] for n in notes}) == len(notes)  # one note per table
    assert all(f.state == "blank" and f.quantity.value == 0 for f in assumed)  # still said to be blank


def test_assumed_zeros_are_not_counted_as_stated_figures(tmp_path):
    typed = audit(CLEAN_2021)
    blanked = audit(write(tmp_path, blank_zeros(CLEAN_2021.read_text(encoding="utf-8"))))
    assert blanked.stats()["figures"] == typed.stats()["figures"] - blanked.extraction.assumptions["blank_zero"]


def test_blanks_that_balance_are_read_as_0_even_where_the_table_types_other_zeros(tmp_path):
    text = CLEAN_2021.read_text(encoding="utf-8")
    # Only the 属于国家秘密 row is left blank; the rest of table 三 keeps its typed zeros.
    text = re.sub(r"^\| 1\.属于国家秘密 .*$", "| 1.属于国家秘密 | | | | | | | |", text, flags=re.MULTILINE)
    report = audit(write(tmp_path, text))
    [note] = [d for d in report.extraction.doubts if d.code == "blank-as-zero"]
    assert note.params["count"] == "7" and note.params["reason_code"] == "balance"
    assert report_findings(report) == set()


def test_blanks_that_do_not_balance_stay_unknown_where_the_table_types_its_zeros(tmp_path):
    text = CLEAN_2021.read_text(encoding="utf-8")
    # 保护第三方合法权益 (2) left blank: as 0 the 总计 row would not balance, and zeros are typed.
    text = re.sub(r"^\| 4\.保护第三方合法权益 .*$", "| 4.保护第三方合法权益 | | | | | | | |", text, flags=re.MULTILINE)
    report = audit(write(tmp_path, text))
    assert "blank-as-zero" not in codes(report)
    assert report.extraction.fields["t3.refused_third_party.natural"].quantity is None
    assert report.stats()["not_assessable"] > 0
    assert report_findings(report) == set()  # an unknown cell is no error


def test_a_table_that_never_types_0_reads_its_blanks_as_0_and_a_hidden_value_is_still_found(tmp_path):
    text = blank_zeros(CLEAN_2021.read_text(encoding="utf-8"))
    # The compiler also left out a non-zero cell: 予以公开 by businesses (2). The 总计 column says 32.
    text = re.sub(r"^\| （一）予以公开 \| 30 \| 2 \|", "| （一）予以公开 | 30 |   |", text, flags=re.MULTILINE)
    report = audit(write(tmp_path, text))
    [note] = [d for d in report.extraction.doubts if d.code == "blank-as-zero" and "申请" in d.params["table_zh"]]
    assert note.params["reason_code"] == "no_zero"
    failed = [f for f in report.findings if f.doubt == "report" and f.severity == "error"]
    assert failed and all("blank_zero" in f.assumptions for f in failed)
    assert all("空白单元格按0读取" in f.message("zh") for f in failed)
    assert all("blank cells read as 0" in f.message("en") for f in failed)


def test_a_table_left_wholly_blank_says_nothing_of_its_blanks(tmp_path):
    text = CLEAN_2021.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| 结果维持"))
    lines[start + 1] = "|" + " |" * 15  # table 四's data row, all blank
    report = audit(write(tmp_path, "\n".join(lines) + "\n"))
    table_four = [fig for k, fig in report.extraction.fields.items() if k.startswith("t4.")]
    assert all(fig.quantity is None and fig.assumption is None for fig in table_four)
    assert report.stats()["not_assessable"] > 0


# --- the setting ----------------------------------------------------------------------------


@pytest.fixture
def blanked(tmp_path) -> Path:
    return write(tmp_path, blank_zeros(CLEAN_2021.read_text(encoding="utf-8")))


def test_blank_unknown_keeps_every_blank_unknown(blanked):
    report = audit(blanked, config=Config(blank="unknown"))
    assert report.extraction.assumptions == {"blank_zero": 0, "derived": 0}
    assert report.stats()["not_assessable"] > 0


def test_blank_zero_reads_every_blank_as_0_even_against_the_evidence(tmp_path):
    text = CLEAN_2021.read_text(encoding="utf-8")
    text = re.sub(r"^\| 4\.保护第三方合法权益 .*$", "| 4.保护第三方合法权益 | | | | | | | |", text, flags=re.MULTILINE)
    report = audit(write(tmp_path, text), config=Config(blank="zero"))
    assert report.extraction.fields["t3.refused_third_party.natural"].quantity.value == 0
    assert any(f.severity == "error" and "blank_zero" in f.assumptions for f in report.findings)


def test_the_setting_comes_from_the_configuration_file_and_the_command_line_overrides_it(blanked):
    (blanked.parent / "auditor.toml").write_text('blank = "unknown"\n', encoding="utf-8")
    runner = CliRunner()
    from_file = runner.invoke(app, ["check", str(blanked), "--format", "json", "--jobs", "1"])
    assert '"blank_zero": 0' in from_file.stdout
    overridden = runner.invoke(app, ["check", str(blanked), "--format", "json", "--jobs", "1", "--blank", "auto"])
    assert '"blank_zero": 0' not in overridden.stdout and '"blank_zero": ' in overridden.stdout


def test_the_header_and_extract_say_what_was_assumed(blanked):
    runner = CliRunner()
    shown = runner.invoke(app, ["check", str(blanked), "--jobs", "1"])
    assert re.search(r"假设：空白单元格按0读取 \d+ 个", shown.stdout)
    extracted = runner.invoke(app, ["extract", str(blanked)])
    assert '"assumption": "blank_zero"' in extracted.stdout
    assert '"blank_zero": ' in extracted.stdout


def test_a_bad_blank_setting_is_an_error_naming_the_file_and_key(tmp_path):
    (tmp_path / "auditor.toml").write_text('blank = "maybe"\n', encoding="utf-8")
    report = write(tmp_path, CLEAN_2021.read_text(encoding="utf-8"))
    result = CliRunner().invoke(app, ["check", str(report), "--jobs", "1"])
    assert result.exit_code == 2
    assert "auditor.toml" in result.stderr and "blank" in result.stderr


# --- a whole total column left blank ----------------------------------------------------------


TOTAL = -2  # the last cell of a pipe row: "| … | 70 |".split("|")[-2]


def test_a_blank_total_column_is_derived_and_reported_once(tmp_path):
    text = blank_column(CLEAN_2021.read_text(encoding="utf-8"), "勾稽", TOTAL)
    report = audit(write(tmp_path, text))
    [line] = [f for f in report.findings if f.rule.id == "X110"]
    assert line.severity == "warning" and line.doubt == "report"
    derived = {k: f.quantity.value for k, f in report.extraction.fields.items() if f.assumption == "derived"}
    typed = audit(CLEAN_2021).extraction.fields
    assert derived and all(typed[k].quantity.value == v for k, v in derived.items())
    assert not [f for f in report.findings if f.severity == "error"]  # no sum error per row
    assert report.stats()["recovered"] >= len(derived)  # the sums the derivation makes true prove nothing


def test_the_narrative_is_compared_with_the_derived_totals(tmp_path):
    text = blank_column(CLEAN_2021.read_text(encoding="utf-8"), "勾稽", TOTAL)
    text = text.replace("予以公开和部分公开的申请共38件", "予以公开和部分公开的申请共40件")
    report = audit(write(tmp_path, text))
    wrong = [f for f in report.findings if f.severity == "error"]
    assert wrong and all("derived" in f.assumptions for f in wrong)
    assert "总计由各分项推算" in wrong[0].message("zh")


def test_one_blank_total_among_filled_ones_is_still_a_sum_error(tmp_path):
    text = CLEAN_2021.read_text(encoding="utf-8")
    text = text.replace("| （一）予以公开 | 30 | 2 | 0 | 0 | 0 | 0 | 32 |", "| （一）予以公开 | 30 | 2 | 0 | 0 | 0 | 0 | |")
    report = audit(write(tmp_path, text))
    assert "X110" not in {f.rule.id for f in report.findings}
    assert any(f.severity == "error" for f in report.findings)


def test_a_blank_total_column_and_blank_zeros_together(tmp_path):
    text = blank_zeros(blank_column(CLEAN_2021.read_text(encoding="utf-8"), "勾稽", TOTAL))
    report = audit(write(tmp_path, text))
    typed = audit(CLEAN_2021).extraction.fields
    values = {k: f.quantity.value for k, f in report.extraction.fields.items() if f.quantity is not None}
    assert values == {k: f.quantity.value for k, f in typed.items() if f.quantity is not None}
    assert {f.rule.id for f in report.findings if f.severity != "info"} == {"X110"}


# --- metamorphic: every rule's example report, its zeros blanked ---------------------------------


EXAMPLES = sorted(p for p in RULES.glob("*/*.md") if "| 0 |" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_blanking_every_zero_keeps_the_findings_about_the_report(example, tmp_path):
    """A compiler who leaves every zero blank leaves no explicit 0 anywhere: each table's blanks
    are read as 0, so every finding about the report is the same as with the zeros typed."""
    typed = audit(example)
    if any(f.state == "blank" for f in typed.extraction.fields.values()):
        pytest.skip("the example's own blanks mean something of their own")
    blanked = audit(write(tmp_path, blank_zeros(example.read_text(encoding="utf-8")), example.name))
    assert report_findings(blanked) == report_findings(typed)


def test_a_cumulative_column_never_filled_stays_unknown(tmp_path):
    """A pre-2019 form whose 历年累计 column is left wholly blank: the body does not keep the
    running total, which is not a column of zeros (last year's cumulative plus this year's)."""
    lines = ["# 某某县人民政府2016年政府信息公开工作年度报告", "", "| 统计指标 | 单位 | 本年度 | 历年累计 |", "|---|---|---|---|"]
    rows = [("（一）主动公开政府信息数", "条", "412"), ("其中：主动公开规范性文件数", "件", "6"),
            ("制发规范性文件总数", "件", "6"), ("（一）收到申请数", "件", "14"), ("1.当面申请数", "件", "5"),
            ("2.传真申请数", "件", "0"), ("3.网络申请数", "件", "7"), ("4.信函申请数", "件", "2")]
    lines += [f"| {label} | {unit} | {value} | |" for label, unit, value in rows]
    report = audit(write(tmp_path, "\n".join(lines) + "\n"))
    cumulative = [f for k, f in report.extraction.fields.items() if k.startswith("cumulative.")]
    assert cumulative and all(f.quantity is None for f in cumulative)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_every_human_format_says_what_was_assumed(blanked, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    CliRunner().invoke(app, ["check", str(blanked), "--format", fmt, "--output", str(out), "--jobs", "1"])
    assert re.search(r"假设：空白单元格按0读取 \d+ 个", out.read_text(encoding="utf-8"))


def test_one_blank_total_over_figures_in_a_table_of_blank_zeros_is_a_0_not_a_derived_total(tmp_path):
    """Table 四 with its zeros blanked and 结果维持 5 beside a 总计 that was 0: the blank totals of the
    empty blocks are zeros, so the one over 5 is no blank column to derive; read as 0, it fails."""
    text = CLEAN_2021.read_text(encoding="utf-8").replace(
        "| 3 | 0 | 0 | 0 | 3 | 8 | 0 | 0 | 0 | 8 | 2 | 0 | 0 | 0 | 2 |",
        "| 5 | | | | | | | | | | | | | | |")
    text = text.replace("行政复议案件3件，行政诉讼案件10件。行政复议均获维持，行政诉讼全部被驳回。", "")
    report = audit(write(tmp_path, text))
    assert "X110" not in {f.rule.id for f in report.findings}
    assert report.extraction.fields["t4.review.total"].assumption == "blank_zero"
    assert any(f.severity == "error" and "t4.review.total" in {p.field for p in f.places} for f in report.findings)


def test_blank_totals_of_two_blocks_of_table_four_are_zeros_not_a_blank_total_line(tmp_path):
    """Table 四 of blank zeros with figures in two blocks beside totals that were 0 (复议 10 and 1,
    复议后起诉 5): its totals are single cells beside their own parts, not a line of totals left
    out, so they read as 0 and both sums fail."""
    text = CLEAN_2021.read_text(encoding="utf-8").replace(
        "| 3 | 0 | 0 | 0 | 3 | 8 | 0 | 0 | 0 | 8 | 2 | 0 | 0 | 0 | 2 |",
        "| 10 | 1 | | | | | | | | | 5 | | | | |")
    text = text.replace("行政复议案件3件，行政诉讼案件10件。行政复议均获维持，行政诉讼全部被驳回。", "")
    report = audit(write(tmp_path, blank_zeros(text)))
    assert "X110" not in {f.rule.id for f in report.findings}
    fields = report.extraction.fields
    assert all(fields[f"t4.{block}.total"].assumption == "blank_zero" for block in ("review", "after_review"))
    failed = {p.field for f in report.findings if f.severity == "error" for p in f.places}
    assert {"t4.review.total", "t4.after_review.total"} <= failed


NO_CASES = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"


def _no_reviews_or_suits(text: str) -> str:
    """The report with table 四 all zeros, and the sentence that counted its cases gone."""
    text = text.replace("| 3 | 0 | 0 | 0 | 3 | 8 | 0 | 0 | 0 | 8 | 2 | 0 | 0 | 0 | 2 |", NO_CASES)
    return text.replace("行政复议案件3件，行政诉讼案件10件。行政复议均获维持，行政诉讼全部被驳回。", "")


def test_a_table_left_wholly_blank_beside_tables_that_never_type_0_is_all_zeros(tmp_path):
    """No review, no suit, and a compiler who types no 0 anywhere: table 四's blank row is zeros,
    disclosed as such, and the report audits as with its zeros typed."""
    typed = audit(write(tmp_path, _no_reviews_or_suits(CLEAN_2021.read_text(encoding="utf-8")), "typed.md"))
    report = audit(write(tmp_path, blank_zeros(_no_reviews_or_suits(CLEAN_2021.read_text(encoding="utf-8")))))
    table_four = [fig for k, fig in report.extraction.fields.items() if k.startswith("t4.")]
    assert len(table_four) == 15 and all(f.quantity.value == 0 and f.assumption == "blank_zero" for f in table_four)
    [note] = [d for d in report.extraction.doubts if d.code == "blank-as-zero" and "复议" in d.params["table_zh"]]
    assert (note.params["reason_code"], note.params["count"]) == ("habit", "15")
    assert report_findings(report) == report_findings(typed)


def test_a_wholly_blank_table_stays_unknown_where_another_table_types_a_0(tmp_path):
    text = blank_zeros(_no_reviews_or_suits(CLEAN_2021.read_text(encoding="utf-8")))
    report = audit(write(tmp_path, text.replace("| 规章 | |", "| 规章 | 0 |", 1)))  # one 0 typed, in table 二
    assert all(fig.quantity is None for k, fig in report.extraction.fields.items() if k.startswith("t4."))
