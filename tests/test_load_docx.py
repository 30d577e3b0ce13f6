"""Tests for auditor.load.docx: Word .docx reports (fixtures, edge cases and the real Pingtan files)."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from corpus import SHAPES
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from auditor import audit
from auditor.cli import app
from auditor.library import load_library
from auditor.load import load
from auditor.load.docx import load_bytes
from auditor.model.document import Document, Location, Table, TextBlock
from auditor.model.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "docx"

FOOTER = ("网站标识码", "版权所有", "主办", "ICP备", "附件下载", "扫一扫")
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def fixture(name: str) -> Document:
    return load(str(FIXTURES / name))


def grid(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def shapes(doc: Document) -> list[tuple[int, int]]:
    return [(len(t.rows), len(t.rows[0])) for t in doc.tables]


def outline(doc: Document) -> list:
    """The blocks as plain values: (kind, text) for text, the text grid for a table."""
    return [(b.kind, b.text) if isinstance(b, TextBlock) else grid(b) for b in doc.blocks]


def source_char(doc: Document, loc: Location) -> str:
    return doc.lines[loc.line - 1][loc.column - 1]


def assert_positions(doc: Document) -> None:
    """Every character of every block, and the first character of every cell, is the
    character its location names in `document.lines` (a space may stand for a tab or break)."""
    for b in doc.text_blocks:
        for i, ch in enumerate(b.text):
            assert source_char(doc, b.locate(i)) == ch or ch == " ", (b.text, i)
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert 1 <= cell.location.line <= len(doc.lines)
                if cell.text:
                    assert source_char(doc, cell.location) == cell.text[0], cell
                if cell.span_of:
                    assert (cell.span_of.line, cell.span_of.column) == (cell.location.line, cell.location.column)


def save(tmp_path: Path, document, name: str = "x.docx") -> str:
    path = tmp_path / name
    document.save(str(path))
    return str(path)


def body_docx(tmp_path: Path, *xml: str, name: str = "x.docx") -> str:
    """A .docx whose body is the given WordprocessingML elements (w: prefix declared)."""
    document = docx.Document()
    body = document.element.body
    for element in list(body):
        if not element.tag.endswith("sectPr"):
            body.remove(element)
    for i, part in enumerate(xml):
        body.insert(i, parse_xml(part.replace(">", f" {nsdecls('w')}>", 1)))
    return save(tmp_path, document, name)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# ---- merged cells ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merged():
    return fixture("merged-cells.docx")


def test_merged_cells_grid(merged):
    assert merged.format == "docx" and merged.encoding is None
    assert shapes(merged) == [(14, 4), (28, 10), (4, 15)]
    assert [t.number for t in merged.tables] == [1, 2, 3]
    t3 = grid(merged.tables[1])
    assert t3[0] == [NOTE] * 3 + ["申请人情况"] * 7
    assert t3[1] == [NOTE] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    assert t3[2] == [NOTE] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t3[3] == ["一、本年新收政府信息公开申请数量"] * 3 + ["40", "3", "0", "0", "1", "0", "44"]
    assert [row[0] for row in t3[5:27]] == ["三、本年度办理结果"] * 22
    assert [row[1] for row in t3[7:15]] == ["（三）不予公开"] * 8
    assert t3[6][1] == t3[6][2] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert t3[26][:3] == ["三、本年度办理结果", "（七）总计", "（七）总计"]
    assert t3[27] == ["四、结转下年度继续办理"] * 3 + ["2", "0", "0", "0", "0", "0", "2"]
    t4 = grid(merged.tables[2])
    assert t4[1][:6] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"]
    assert t4[2][:5] == t4[1][:5]  # vMerge down the two header rows
    assert t4[3] == ["1", "0", "0", "0", "1", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"]


def test_merged_copies_point_at_the_merged_cell(merged):
    t3 = merged.tables[1]
    origin = t3.rows[5][0]  # 三、本年度办理结果, merged down 22 rows
    assert origin.span_of is None and (origin.location.row, origin.location.col) == (6, 1)
    for r in range(6, 27):
        copy = t3.rows[r][0]
        assert copy.span_of == Location(origin.location.line, origin.location.column, table=2, row=6, col=1)
        assert (copy.location.table, copy.location.row, copy.location.col) == (2, r + 1, 1)
        assert copy.location.line == origin.location.line
    wide = t3.rows[0][3:]  # 申请人情况, gridSpan 7
    assert wide[0].span_of is None and all(c.span_of and c.span_of.col == 4 for c in wide[1:])
    note = t3.rows[2][2]  # the 3×3 merged note: gridSpan and vMerge together
    assert (note.span_of.row, note.span_of.col) == (1, 1)
    assert all(c.span_of is None for c in t3.rows[3][3:])  # values are cells of their own
    assert_positions(merged)


def test_merged_report_audits_cleanly(merged):
    report = audit(FIXTURES / "merged-cells.docx")
    assert report.extraction.template == "new2021" and report.extraction.year == 2021
    fields = report.extraction.fields
    assert fields["t3.new.total"].cell.text == "44" and fields["t3.new.total"].cell.location.table == 2
    assert not [f for f in report.findings if f.severity == "error"]


def test_title_from_core_properties(merged):
    assert merged.title == "测试县人民政府2021年政府信息公开工作年度报告"
    assert merged.blocks[0].text == merged.title  # a plain paragraph: the report's own first line
    assert [b.text for b in merged.text_blocks if b.kind == "heading"][0] == "一、总体情况"


# ---- split runs and hidden text ------------------------------------------------------------


@pytest.fixture(scope="module")
def split():
    return fixture("split-runs.docx")


def test_split_runs_join(split):
    sentence = split.text_blocks[0]
    assert sentence.text == "全年共收到政府信息公开申请12件。"
    i = sentence.text.index("12")
    assert (sentence.locate(i).column, sentence.locate(i + 1).column) == (14, 15)
    assert grid(split.tables[0]) == [["予以公开", "10"], ["不予公开", ""], ["本年新制作数量", "7"]]


def test_text_in_insertions_fields_links_and_content_controls(split):
    # <w:ins> read, <w:del> skipped, simple and complex field results read (not their codes),
    # hyperlink and smart-tag text read; a tab and a <w:br> inside Chinese read as nothing,
    # a <w:br> between Latin words as a space.
    assert split.text_blocks[1].text == "答复申请人共3件详见门户网站第5页。换行 Open Data"
    assert "九十九" not in split.text_blocks[1].text and "PAGE" not in split.text_blocks[1].text
    assert (split.text_blocks[2].kind, split.text_blocks[2].text) == ("heading", "（一）内容控件中的标题")
    assert split.blocks[-1].text == "表后的段落。"  # reading order: the paragraph after the table
    assert split.title == "（一）内容控件中的标题"  # no core title: the first heading
    assert_positions(split)


def test_blank_cell_is_blank_and_points_at_its_paragraph(split):
    blank = split.tables[0].rows[1][1]
    assert blank.text == "" and blank.span_of is None
    assert split.lines[blank.location.line - 1] == "" and blank.location.column == 1
    value = split.tables[0].rows[0][1]
    assert split.lines[value.location.line - 1] == "10" and value.location.column == 1


def _runs_docx(pieces: list[str]) -> bytes:
    document = docx.Document()
    p = document.add_paragraph()
    for i, piece in enumerate(pieces):
        run = p.add_run(piece)
        run.bold, run.italic = i % 2 == 1, i % 3 == 2
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="全年收到申请件。，12 3Ab\t", min_size=1, max_size=16), st.data())
def test_text_split_over_runs_reads_as_one_run(text, data):
    cuts = sorted(data.draw(st.sets(st.integers(1, len(text)), max_size=4)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)]) if b > a]
    whole, split = (load_bytes("x.docx", _runs_docx(p), "docx") for p in ([text], pieces))
    assert outline(split) == outline(whole)
    assert_positions(split)


# ---- nested tables -------------------------------------------------------------------------


def test_nested_table_is_read_as_the_report(merged):
    nested = fixture("nested-table.docx")
    assert shapes(nested) == [(14, 4), (28, 10), (4, 15)]
    first, *rest = outline(nested)
    assert first == ("heading", "测试县人民政府2021年政府信息公开工作年度报告")  # Heading 1
    assert rest == outline(merged)[1:]
    assert nested.title == "测试县人民政府2021年政府信息公开工作年度报告"
    assert_positions(nested)
    report = audit(FIXTURES / "nested-table.docx")
    assert report.extraction.template == "new2021"


def test_one_column_table_is_a_frame(tmp_path):
    document = docx.Document()
    frame = document.add_table(rows=2, cols=1)
    frame.cell(0, 0).text = "一、总体情况"
    frame.cell(1, 0).text = "本年共收到申请3件。"
    doc = load(save(tmp_path, document))
    assert doc.tables == [] and outline(doc) == [("heading", "一、总体情况"), ("paragraph", "本年共收到申请3件。")]


# ---- table edge cases ------------------------------------------------------------------------


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p></w:tc>"


def test_grid_before_after_and_short_rows(tmp_path):
    rows = [
        "<w:tr>" + _tc("a") + _tc("b") + _tc("c") + "</w:tr>",
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>" + _tc("x") + "</w:tr>",
        "<w:tr>" + _tc("1") + "</w:tr>",  # short row: padded
    ]
    path = body_docx(tmp_path, "<w:tbl>" + "".join(rows) + "</w:tbl>")
    doc = load(path)
    assert grid(doc.tables[0]) == [["a", "b", "c"], ["", "x", ""], ["1", "", ""]]
    pad = doc.tables[0].rows[1][0]
    assert pad.span_of is None and doc.lines[pad.location.line - 1] == "x"  # the row's paragraph
    assert_positions(doc)


def test_vmerge_without_restart_and_rows_in_content_controls(tmp_path):
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    rows = [
        "<w:tr>" + _tc("", cont) + _tc("h") + "</w:tr>",  # "continue" with nothing above: its own cell
        "<w:sdt><w:sdtContent><w:tr>" + _tc("L", restart) + _tc(" 5 ") + "</w:tr></w:sdtContent></w:sdt>",
        "<w:tr>" + _tc("", cont) + _tc("6") + "</w:tr>",
    ]
    doc = load(body_docx(tmp_path, "<w:tbl>" + "".join(rows) + "</w:tbl>"))
    table = doc.tables[0]
    assert grid(table) == [["", "h"], ["L", "5"], ["L", "6"]]
    assert table.rows[0][0].span_of is None and table.rows[2][0].span_of.row == 2
    assert table.rows[1][1].location.column == 2  # the first non-space character
    assert_positions(doc)


def test_wrapped_cell_text_and_latin_words(tmp_path):
    cell = ("<w:tc><w:p><w:r><w:t>Annual</w:t></w:r></w:p><w:p><w:r><w:t>report</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:p><w:r><w:t>1</w:t><w:br/><w:t>2</w:t></w:r></w:p></w:tc>")
    doc = load(body_docx(tmp_path, f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>"))
    assert grid(doc.tables[0]) == [["Annual report", "12"]]


def test_heading_styles_and_empty_paragraphs(tmp_path):
    document = docx.Document()
    document.add_heading("平潭综合实验区2021年度政府信息公开工作年度报告", level=1)
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_paragraph("（二）依申请公开方面")
    document.add_paragraph("（二）依申请公开方面。我区高度重视依申请公开工作的办理。")
    doc = load(save(tmp_path, document))
    assert [(b.kind, b.text) for b in doc.text_blocks] == [
        ("heading", "平潭综合实验区2021年度政府信息公开工作年度报告"),
        ("heading", "（二）依申请公开方面"),
        ("paragraph", "（二）依申请公开方面。我区高度重视依申请公开工作的办理。"),
    ]
    assert [b.line for b in doc.text_blocks] == [1, 4, 5]  # paragraph numbers, empty ones counted


def test_site_shell_is_left_out(tmp_path):
    document = docx.Document()
    for text in ("首页 政务公开 互动交流", "当前位置：", "首页", "某县2021年政府信息公开工作年度报告",
                 "来源：某县人民政府 时间：2022-01-20 16:34", "微信 微博 QQ空间", "相关链接：",
                 "某县2021年政府信息公开工作年度报告", "本报告根据《条例》编制，全文包括总体情况等六部分。",
                 "一、总体情况", "本年共收到申请3件。", "附件下载", "网站标识码：3590000001 闽ICP备09032658号",
                 "为确保最佳浏览效果，建议您使用以下浏览器版本：IE浏览器9.0版本及以上。"):
        document.add_paragraph(text)
    doc = load(save(tmp_path, document))
    assert [b.text for b in doc.blocks] == ["某县2021年政府信息公开工作年度报告",
                                           "本报告根据《条例》编制，全文包括总体情况等六部分。",
                                           "一、总体情况", "本年共收到申请3件。"]


def test_report_without_sections_keeps_a_date_line(tmp_path):
    document = docx.Document()
    for text in ("某局2013年信息公开年度报告", "本局2013年主动公开信息12条，未收到依申请公开。", "时间：2014年1月"):
        document.add_paragraph(text)
    doc = load(save(tmp_path, document))
    assert len(doc.blocks) == 3  # a closing date line is not a breadcrumb


# ---- refusals ------------------------------------------------------------------------------


def refusal(path: str) -> str:
    with pytest.raises(InputError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message[len(path) + 2 :]


def test_an_old_doc_renamed_docx_is_recognised(tmp_path):
    # by its OLE signature (.doc files themselves: tests/test_load_doc.py)
    renamed = write(tmp_path, "r.docx", (FIXTURES / "old.doc").read_bytes())
    assert refusal(renamed) == "an old binary Word (.doc) file named .docx: rename it .doc, or save it as .docx " \
                               "in Word or WPS"


def test_encrypted_docx_is_refused():
    assert refusal(str(FIXTURES / "encrypted.docx")) == "the .docx is password-protected: remove the password and try again"


@pytest.mark.parametrize("data, reason", [
    (b"", "the file is empty"),
    ("平潭综合实验区2021年度政府信息公开工作年度报告\n".encode(), "not a valid .docx file (not a zip archive)"),
    (b"PK\x03\x04 truncated", "not a valid .docx file (not a zip archive)"),
])
def test_not_a_docx(tmp_path, data, reason):
    assert refusal(write(tmp_path, "r.docx", data)) == reason


def test_zip_that_is_not_a_word_document(tmp_path):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as z:
        z.writestr("hello.txt", "hi")
    assert refusal(write(tmp_path, "a.docx", raw.getvalue())).startswith("not a valid .docx file (")
    sheet = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO((FIXTURES / "split-runs.docx").read_bytes())) as src, \
            zipfile.ZipFile(sheet, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main", b"spreadsheetml.sheet.main")
            dst.writestr(info.filename, data)
    assert refusal(write(tmp_path, "b.docx", sheet.getvalue())) == "not a valid .docx file (not a Word document)"


@pytest.mark.parametrize("name", ["old.doc", "encrypted.docx"])
def test_cli_prints_one_line(name):
    result = CliRunner().invoke(app, ["check", str(FIXTURES / name)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor：错误：") and "Traceback" not in result.output


def test_importing_the_loaders_does_not_import_python_docx():
    code = "import sys, auditor.load; print('docx' in sys.modules, 'auditor.load.docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


# ---- the real files ------------------------------------------------------------------------





@pytest.fixture(scope="module")
def library():
    return load_library([])


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_real_docx(real, slug):
    start = time.perf_counter()
    doc = load(str(real / f"{slug}.docx"))
    assert time.perf_counter() - start < 1.0
    assert doc.format == "docx" and doc.encoding is None
    assert shapes(doc) == SHAPES[slug]
    assert [t.number for t in doc.tables] == list(range(1, len(SHAPES[slug]) + 1))
    for table in doc.tables:
        assert {len(row) for row in table.rows} == {len(table.rows[0])}
    texts = [b.text for b in doc.text_blocks]
    assert not [t for t in texts if "当前位置" in t or any(w in t for w in FOOTER)]
    assert doc.title and slug[-4:] in doc.title
    assert_positions(doc)


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_real_docx_reads_as_its_html_page(real, slug):
    """The converted .docx gives the HTML page's blocks: same texts, kinds and grids."""
    assert outline(load(str(real / f"{slug}.docx"))) == outline(load(str(real / f"{slug}.html")))


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_real_docx_and_html_give_the_same_findings(real, library, slug):
    html, word = (audit(real / f"{slug}.{ext}", library=library) for ext in ("html", "docx"))
    assert word.extraction.template == html.extraction.template is not None
    assert word.extraction.year == html.extraction.year
    found = [{(f.rule.id, f.expected, f.actual) for f in r.findings} for r in (html, word)]
    assert found[0] == found[1]
    values = [{f: fig.cell.text for f, fig in r.extraction.fields.items()} for r in (html, word)]
    assert values[0] == values[1]
    if html.extraction.template != "pre2019":  # tables 三 and 四 were read, not only matched
        assert any(f.startswith("t3.") for f in values[1]) and any(f.startswith("t4.") for f in values[1])
    assert word.stats() == html.stats()
