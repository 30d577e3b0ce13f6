"""Places as the compiler finds them (issue 14, item 2): a cell by its table's number, row label
and column heading, a figure in the text by its heading and a quote that Word's Ctrl+F finds, the
same in every format; and plain output when piped (item 3)."""

from __future__ import annotations

import json
import re
from html import escape as html_escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from auditor import audit
from auditor.check.context import QUOTE_AFTER, QUOTE_BEFORE, quote_around
from auditor.cli import app
from auditor.library import load_library
from auditor.render.console import MAX_PLACES
from auditor.render.github import unescape_data
from auditor.render.gitlab import render_gitlab
from auditor.render.html_report import render_html
from auditor.render.junit import render_junit
from auditor.render.markdown import render_markdown
from auditor.render.places import describe_place
from auditor.render.sarif import render_sarif
from corpus import REAL

SEED = "fixtures/seed-xishan-2018.txt"
# One report of each form and format: pre-2019 text, 2019 PDF, 2021 DOCX and HTML, 2023 PDF.
REPORTS = [SEED, REAL / "pingtan-2020.pdf", REAL / "pingtan-2020.docx", REAL / "pingtan-county-2012.html",
           REAL / "huaian-hongze-2023.pdf"]


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def audited(library):
    return {str(path): audit(path, library) for path in REPORTS}


def _places(report):
    return [(finding, place) for finding in report.findings for place in finding.places]


@pytest.mark.parametrize("path", [str(p) for p in REPORTS])
def test_a_cell_is_named_by_table_row_and_column(audited, path):
    report = audited[path]
    cells = [p for _, p in _places(report) if p.role == "table" and p.field]
    assert cells, "the report has findings on cells"
    for place in cells:
        said = describe_place(place, "zh")
        if report.extraction.template == "pre2019":
            assert said.startswith(("统计表", "第")), said
        else:
            assert re.search(r"表[二三四]", said), said
            assert f"“{place.column}”列" in said and place.column, said  # every grid cell has its column
        assert said.endswith(f"「{place.text}」")
        assert (place.location.page is not None) == said.startswith("第")  # the page, for a PDF only
        assert "." not in said.split("「")[0].replace(place.label, "")  # no internal field id


@pytest.mark.parametrize("path", [str(p) for p in REPORTS])
def test_a_figure_in_the_text_has_a_quote_that_search_finds(audited, path):
    report = audited[path]
    blocks = [b.text for b in report.document.text_blocks]
    figures = [p for _, p in _places(report) if p.role == "narrative"]
    for place in figures:
        assert place.text in place.quote
        assert not re.search(r"\s", place.quote.replace(place.text, ""))  # Ctrl+F stops at no space
        assert any(place.quote in text for text in blocks), place.quote
        said = describe_place(place, "zh")
        assert f"“{place.quote}”" in said and place.section and f"“{place.section[:10]}" in said


@pytest.mark.parametrize("render", ["markdown", "html", "junit", "sarif", "gitlab"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_says_each_place_the_same_way(audited, library, render, lang):
    reports = list(audited.values())
    out = {"markdown": lambda: render_markdown(reports, library, lang),
           "html": lambda: render_html(reports, library, lang),
           "junit": lambda: render_junit(reports, library, lang),
           "sarif": lambda: json.dumps(json.loads(render_sarif(reports, library, lang)), ensure_ascii=False),
           "gitlab": lambda: json.dumps(json.loads(render_gitlab(reports, library, lang)), ensure_ascii=False)}
    text = out[render]()
    shown = MAX_PLACES if render == "markdown" else None  # Markdown's table cell lists the first few
    for report in reports:
        for place in [p for finding in report.findings for p in finding.places[:shown]]:
            said = describe_place(place, lang)
            if render == "html":
                said = html_escape(said)
            if render in ("sarif", "gitlab"):
                said = json.dumps(said, ensure_ascii=False)[1:-1]
            assert said in text.replace("\\|", "|"), said


def test_github_annotation_lists_the_places(audited, library):
    from auditor.render.github import annotation

    report = audited[SEED]
    for finding in report.findings:
        message = unescape_data(annotation(finding, report, "zh").split("::", 2)[2])
        assert all(describe_place(p, "zh") in message for p in finding.places)


@given(st.text(alphabet="主动公开信息 \n。，,条0123456789", min_size=1, max_size=40), st.data())
def test_quote_is_the_figure_and_its_neighbours_as_written(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = quote_around(text, start, end)
    assert len(quote) <= (end - start) + QUOTE_BEFORE + QUOTE_AFTER
    assert any(_quoted_within_sentence(text, lo, start, end, quote)
               for lo in range(max(0, end - len(quote)), start + 1))


def _quoted_within_sentence(text: str, lo: int, start: int, end: int, quote: str) -> bool:
    if not text.startswith(quote, lo):
        return False
    before, after = text[lo:start], text[end:lo + len(quote)]
    return not re.search(r"[\s。；！？;!?]", before + after[:-1]) and not after[-1:].isspace()


# --- plain output when piped (item 3) ---------------------------------------------------------


def test_piped_output_has_no_trailing_spaces_and_wraps_nothing(tmp_path):
    deep = tmp_path / ("很长的文件夹名称" * 6) / "另一层文件夹" / "西山区2018年政府信息公开工作年度报告.txt"
    deep.parent.mkdir(parents=True)
    deep.write_bytes(Path(SEED).read_bytes())
    result = CliRunner().invoke(app, ["check", str(deep), SEED])
    lines = result.output.splitlines()
    assert not [line for line in lines if line != line.rstrip()]
    assert any(str(deep) in line for line in lines)  # the path whole, on one line
    for finding in audit(SEED).findings:  # each message on one line
        assert any(finding.message("zh") in line for line in lines)


def test_piped_rules_list_keeps_titles_whole(library):
    result = CliRunner().invoke(app, ["rules"])
    lines = result.output.splitlines()
    for rule in library.rules:
        assert any(rule.id in line and rule.title.zh in line for line in lines), rule.id
    assert not [line for line in lines if line != line.rstrip()]


def test_terminal_at_80_columns_keeps_each_place_and_its_figure_on_one_line(library):
    from rich.console import Console

    from auditor.render.console import render_console

    report = audit(SEED, library)
    console = Console(width=80, record=True, force_terminal=True, color_system=None)
    render_console([report], console, "zh")
    lines = console.export_text().splitlines()
    for _, place in _places(report):
        said = describe_place(place, "zh")
        assert any(said in line for line in lines), said
