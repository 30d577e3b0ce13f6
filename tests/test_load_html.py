"""Tests for auditor.load.html: HTML report pages (fixtures and the real Pingtan pages)."""

from __future__ import annotations

import codecs
import html
import re
import time
from pathlib import Path

import pytest
from corpus import SHAPES
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.load import load
from auditor.load.encoding import BINARY, EMPTY, decode_html
from auditor.load.html import load_html
from auditor.model.document import Document, Location, Table, TextBlock
from auditor.model.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "html"

FOOTER = ("网站标识码", "版权所有", "主办", "ICP备")


def fixture(name: str) -> Document:
    return load(str(FIXTURES / name))


def grid(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def block(doc: Document, start: str) -> TextBlock:
    return next(b for b in doc.text_blocks if b.text.startswith(start))


def source_char(doc: Document, loc: Location) -> str:
    return doc.lines[loc.line - 1][loc.column - 1]


def where(doc: Document, text: str, offset: int = 0) -> Location:
    """The location of character `offset` of `text`, which some narrative block contains."""
    b = next(b for b in doc.text_blocks if text in b.text)
    return b.locate(b.text.index(text) + offset)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def assert_positions(doc: Document) -> None:
    """Every character of every block, and every cell, points at itself in the source
    (an entity points at its `&`; a space read from whitespace or a <br> points at that, or
    at the next character when it stands for a line break)."""
    for b in doc.text_blocks:
        for i, ch in enumerate(b.text):
            src = source_char(doc, b.locate(i))
            assert src == ch or src == "&" or ch == " ", (b.text, i)
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                at = doc.lines[cell.location.line - 1][cell.location.column - 1 :]
                assert at.startswith(cell.text[:1] or "<") or at.startswith("&"), cell


# ---- rowspan / colspan ------------------------------------------------------------------


@pytest.fixture(scope="module")
def spans():
    return fixture("rowspan-colspan.html")


def test_spans_grid(spans):
    assert spans.format == "html" and spans.encoding == "utf-8"
    (table,) = spans.tables
    assert table.number == 1
    g = grid(table)
    assert (len(g), {len(r) for r in g}) == (13, {10})
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert g[0] == [note] * 3 + ["申请人情况"] * 7
    assert g[1] == [note] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    assert g[2] == [note] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert g[3] == ["一、本年新收政府信息公开申请数量"] * 3 + ["12", "3", "0", "0", "1", "0", "16"]
    assert [r[0] for r in g[5:12]] == ["三、本年度办理结果"] * 7
    assert g[6][1:3] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] * 2  # wrapped label joined
    assert g[7][1:3] == ["（三）不予公开", "1.属于国家秘密"]
    assert g[8][1:3] == ["（三）不予公开", "2.其他法律行政法规禁止公开"]
    assert g[12][:4] == ["四、结转下年度继续办理"] * 3 + ["1"]


def test_spans_copies_point_at_the_merged_cell(spans):
    rows = spans.tables[0].rows
    origin = rows[0][3]
    assert origin.span_of is None
    assert origin.location == Location(16, 20, table=1, row=1, col=4)
    copy = rows[0][9]
    assert copy.text == "申请人情况" and copy.span_of == origin.location
    assert (copy.location.line, copy.location.column, copy.location.row, copy.location.col) == (16, 20, 1, 10)
    below = rows[2][3]  # 自然人 has rowspan=2
    assert below.span_of == Location(19, 20, table=1, row=2, col=4)
    result = rows[11][0]  # 三、本年度办理结果 spans rows 6-12
    assert result.span_of == Location(39, 20, table=1, row=6, col=1)
    written = sum(line.count("<td") for line in spans.lines)
    assert sum(c.span_of is None for r in rows for c in r) == written == 93


def test_spans_locations(spans):
    cell = spans.tables[0].rows[3][3]
    assert (cell.text, cell.location.line, cell.location.column) == ("12", 32, 5)
    assert source_char(spans, cell.location) == "1"
    loc = where(spans, "引起的行政复议", 5)
    assert (loc.line, loc.column) == (77, 22)
    assert source_char(spans, loc) == "复"
    assert_positions(spans)


def test_spans_narrative_around_the_table(spans):
    texts = [b.text if isinstance(b, TextBlock) else "<table>" for b in spans.blocks]
    assert texts == [
        "某县人民政府2021年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "<table>",
        "四、政府信息公开行政复议、行政诉讼情况",
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
    ]
    assert [b.kind for b in spans.text_blocks] == ["paragraph", "heading", "heading", "paragraph"]


# ---- blank cells ------------------------------------------------------------------------


def test_blank_cells_are_blank_not_zero():
    doc = fixture("blank-cells.html")
    (table,) = doc.tables
    g = grid(table)
    assert (len(g), len(g[0])) == (10, 3)
    assert [r[2] for r in g] == ["统计数", "", "156", "0", "", "/", "—", "无", "", "0"]
    assert g[1][1] == "" and g[4][1] == "" and g[9][1] == ""  # &nbsp;, <td></td>, &#160;&#12288;
    # A blank cell points at its <td>; a written one at its first character.
    blank = table.rows[1][1].location
    assert (blank.line, blank.column) == (12, 22)
    assert doc.lines[blank.line - 1][blank.column - 1 :].startswith("<td>&nbsp;</td>")
    zero = table.rows[9][2].location  # "<td> 0 </td>"
    assert (zero.line, zero.column) == (21, 50) and source_char(doc, zero) == "0"
    assert_positions(doc)


# ---- encodings --------------------------------------------------------------------------


def test_gbk_page():
    doc = fixture("gbk.html")
    assert doc.encoding == "gb18030"  # declared gb2312, read as its superset
    assert all("\r" not in line for line in doc.lines)
    loc = where(doc, "王堃")  # 堃 is in GBK but not in GB2312
    assert (loc.line, loc.column) == (20, 22) and source_char(doc, loc) == "王"
    assert grid(doc.tables[0])[1] == ["（一）主动公开政府信息数", "条", "42"]
    assert doc.text_blocks[0].text == "某乡人民政府2016年政府信息公开工作年度报告"
    assert_positions(doc)


META = '<html><head><meta http-equiv="Content-Type" content="text/html; charset={}"></head><body><p>{}</p></body></html>'


@pytest.mark.parametrize(
    "charset, codec, expected",
    [
        ("gb2312", "gbk", "gb18030"),
        ("GBK", "gbk", "gb18030"),
        ("utf-8", "utf-8", "utf-8"),
        ("big5", "big5", "big5"),
        ("gb2312", "utf-8", "utf-8"),  # re-saved as UTF-8, the old <meta> left in place
        ("iso-8859-1", "utf-8", "utf-8"),  # a template's Western default does not decide
    ],
)
def test_meta_charset(charset, codec, expected):
    text = "本年度收到12件，主動公開" if codec == "big5" else "本年度共收到政府信息公开申请12件，已全部办结。"
    data = META.format(charset, text).encode(codec)
    decoded, encoding = decode_html(data, "x.html")
    assert encoding == expected
    assert text in decoded


def test_meta_charset_attribute_and_bom(tmp_path):
    text = "主动公开政府信息156条。"
    page = f'<meta charset="gbk"><p>{text}</p>'.encode("gbk")
    assert load(write(tmp_path, "a.html", page)).text_blocks[0].text == text
    bom = codecs.BOM_UTF8 + f'<meta charset="gbk"><p>{text}</p>'.encode("utf-8")  # the BOM wins
    doc = load(write(tmp_path, "b.htm", bom))
    assert doc.encoding == "utf-8-sig" and doc.text_blocks[0].text == text


def test_undeclared_gbk_is_detected(tmp_path):
    page = ("<p>" + "本年度共收到政府信息公开申请12件，已全部按时办结。" * 5 + "</p>").encode("gbk")
    doc = load(write(tmp_path, "c.html", page))
    assert doc.encoding == "gb18030"
    assert doc.text_blocks[0].text.startswith("本年度共收到")


def test_empty_and_binary_pages(tmp_path):
    for data in (b"", b"  \r\n"):
        with pytest.raises(InputError) as e:
            load(write(tmp_path, "empty.html", data))
        assert e.value.reason == EMPTY
    with pytest.raises(InputError) as e:
        load(write(tmp_path, "bin.html", b"PK\x03\x04\x00\x00<html>"))
    assert e.value.reason == BINARY


# ---- numbers split by tags, <br> ----------------------------------------------------------


@pytest.fixture(scope="module")
def split():
    return fixture("split-number.html")


def test_split_numbers_join(split):
    texts = [b.text for b in split.text_blocks]
    assert "（一）依申请公开。全年共收到申请12件，均已按时答复。" in texts
    assert "（二）平台建设。整合关停政务新媒体2个，新开设政务微信公众号1个。" in texts
    # The two digits of 12 come from two <span>s: each points at its own place.
    one, two = where(split, "12件"), where(split, "12件", 1)
    assert (one.line, one.column, two.line, two.column) == (8, 80, 8, 94)
    assert source_char(split, one) == "1" and source_char(split, two) == "2"
    assert grid(split.tables[0])[2] == ["行政规范性文件", "26", "1", "135"]
    cell = split.tables[0].rows[2][1]
    assert (cell.location.line, cell.location.column) == (19, 41) and source_char(split, cell.location) == "2"
    assert_positions(split)


def test_br_joins_or_splits(split):
    texts = [b.text for b in split.text_blocks]
    assert "全年主动公开政府信息2645条；其中1月公开312条。" in texts  # one <br>: nothing
    assert "（三）监督保障。组织检查4次。" in texts  # <br><br>: a new paragraph
    assert "开展培训2次。" in texts  # a <br> after 。: a new paragraph
    assert "发布解读材料15篇，其中图解 3 篇。" in texts  # &nbsp; is a space; <br> + newline nothing
    five = where(split, "15篇", 1)  # written &#x35;: points at the &
    assert (five.line, five.column) == (13, 22) and split.lines[12][21:28] == "&#x35;篇"
    headings = [b.text for b in split.text_blocks if b.kind == "heading"]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "（一）规章"]  # <br> before a number


# ---- a table split in two, chrome ---------------------------------------------------------


def test_split_table():
    doc = fixture("split-table.html")
    first, second = doc.tables
    assert (first.number, second.number) == (1, 2)
    assert (len(first.rows), len(first.rows[0]), len(second.rows), len(second.rows[0])) == (8, 10, 4, 10)
    g = grid(second)
    assert g[0] == ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", "2", "1", "0", "0", "0", "0", "3"]
    assert g[1][:3] == ["三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"]
    assert g[3][:4] == ["四、结转下年度继续办理"] * 3 + ["1"]
    assert second.rows[2][0].span_of == second.rows[0][0].location
    texts = [b.text for b in doc.text_blocks]
    assert texts == [
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "本年度无因政府信息公开引起的行政复议、行政诉讼。",
    ]
    assert_positions(doc)


def test_layout_table_and_chrome():
    doc = fixture("layout-table.html")
    (table,) = doc.tables  # the layout tables are not tables; the 1-cell breadcrumb box neither
    assert table.number == 1
    assert grid(table)[2] == ["（一）主动公开政府信息数", "条", "87"]
    texts = [b.text for b in doc.text_blocks]
    assert texts[0] == "某县教育局2018年政府信息公开工作年度报告"
    assert texts[-2:] == ["某县教育局", "2019年1月25日"]
    assert "六、存在的主要问题及改进情况" in texts
    chrome = ("网站首页", "信息公开指南", "位置", *FOOTER)
    assert not [t for t in texts if any(word in t for word in chrome)]
    assert [b.kind for b in doc.text_blocks].count("heading") == 6
    assert_positions(doc)


# ---- the parser on odd markup -------------------------------------------------------------


@pytest.mark.parametrize(
    "page, expected",
    [
        ("<p>一<p>二<div>三</div>四", ["一", "二", "三", "四"]),  # <p> closed by <p> and <div>
        ("<ul><li>甲<li>乙</ul>", ["甲", "乙"]),
        ("<div><p>a<div>b</p>c</div></div>", ["a", "b", "c"]),  # a stray </p> is an empty paragraph
        ("<p>x &amp y &unknown; z&lt;</p>", ["x & y &unknown; z<"]),
        ("<p>a &# b</p><p>c</p>", ["a &# b", "c"]),  # HTMLParser would stop at the bare &#
        ("<p>编号&#x b</p>\n<p>下一段</p>", ["编号&#x b", "下一段"]),
        ("<head><title>标题</title></head><p>正文</p>", ["正文"]),
        ("<p>正文<script>document.write('<p>脚本</p>')</script><style>p{}</style></p>", ["正文"]),
        ("<p>2021年\n1月</p><p>申请\n人</p><p>ABC<br>DEF</p>", ["2021年 1月", "申请人", "ABC DEF"]),
        ("<p>共<o:p></o:p>收到<st1:chsdate>12</st1:chsdate>件</p>", ["共收到12件"]),
        ("<span>" * 3000 + "深", ["深"]),  # deep nesting is capped, not a RecursionError
    ],
)
def test_odd_markup(page, expected):
    doc = load_html("x.html", page)
    assert [b.text for b in doc.text_blocks] == expected
    assert_positions(doc)


def test_table_edge_cases():
    page = (
        "<table><tr><td>a</td><td colspan=0>b</td></tr><tr><td rowspan=9>c</td></tr>"
        "<td>stray</td><td>cells</td></table>"
    )
    doc = load_html("x.html", page)
    # colspan=0 is 1; a rowspan past the last row is cut there; cells outside a <tr> make a
    # row; short rows are padded with blank cells that point at their <tr>.
    assert grid(doc.tables[0]) == [["a", "b", ""], ["c", "", ""], ["c", "stray", "cells"]]
    pad = doc.tables[0].rows[1][2].location
    assert doc.lines[0][pad.column - 1 :].startswith("<tr><td rowspan=9>")


TOKENS = [
    "<p>", "</p>", "<div>", "</div>", "<div class=nav>", "<span>", "</span>", "<br>", "<table>", "</table>",
    "<tr>", "</tr>", "<td>", "</td>", "<td rowspan=2>", "<th colspan=3>", "<tbody>", "<li>", "<o:p>", "</o:p>",
    "<script>", "</script>", "<!-- 注释 -->", "&nbsp;", "&#12290;", "&#", "&", "<", ">", "文字", "12", "一、",
    "。", " ", "\n", "\u3000",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_any_tag_soup_loads(tokens):
    doc = load_html("x.html", "".join(tokens))
    for table in doc.tables:
        assert len({len(row) for row in table.rows}) == 1
    assert_positions(doc)


def test_title():
    assert fixture("gbk.html").title == "某乡人民政府2016年政府信息公开工作年度报告"
    assert load_html("x.html", "<p>无标题</p>").title is None


# ---- random grids round-trip --------------------------------------------------------------

TEXTS = ["", "0", "12", "自然人", "申请人情况", "（一）予以公开", "—", "/"]


@st.composite
def tiled_grids(draw):
    """A rows x cols grid tiled by rectangles (merged cells), each with a text."""
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(2, 5))
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    rects = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) in owner:
                continue
            free = 1
            while c + free < cols and (r, c + free) not in owner:
                free += 1
            rs, cs = draw(st.integers(1, rows - r)), draw(st.integers(1, free))
            rects.append((r, c, rs, cs, draw(st.sampled_from(TEXTS))))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner[rr, cc] = (r, c)
    return rows, cols, rects, owner


@settings(max_examples=150, deadline=None)
@given(tiled_grids())
def test_random_grids_round_trip(case):
    rows, cols, rects, owner = case
    lines = ["<p>统计表</p>", "<table border=1>"]
    for r in range(rows):
        tds = [f'<td rowspan="{rs}" colspan="{cs}">{html.escape(t)}</td>' for rr, _, rs, cs, t in rects if rr == r]
        lines.append("<tr>" + "".join(tds) + "</tr>")
    lines.append("</table>")
    doc = load_html("x.html", "\n".join(lines))
    (table,) = doc.tables
    text = {(r, c): t for r, c, _, _, t in rects}
    assert grid(table) == [[text[owner[r, c]] for c in range(cols)] for r in range(rows)]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            r0, c0 = owner[r, c]
            assert (cell.location.row, cell.location.col) == (r + 1, c + 1)
            origin = table.rows[r0][c0].location
            assert cell.span_of == (None if (r0, c0) == (r, c) else origin)
    assert_positions(doc)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="申请件数公开政府信息0123456789", min_size=1, max_size=30), st.data())
def test_text_split_by_tags_joins(text, data):
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=6)))
    pieces = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)]) if text[i:j]]
    joins = st.sampled_from(["</span><span>", "<br>", "</font><font>", "<o:p></o:p>"])
    tags = data.draw(st.lists(joins, min_size=len(pieces), max_size=len(pieces)))
    page = "<p><span>" + "".join(p + t for p, t in zip(pieces, tags)) + "</span></p>"
    doc = load_html("x.html", page)
    assert [b.text for b in doc.text_blocks] == [text]
    assert_positions(doc)


# ---- the real pages -----------------------------------------------------------------------





def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_real_page(real, slug):
    start = time.perf_counter()
    doc = load(str(real / f"{slug}.html"))
    assert time.perf_counter() - start < 1.0
    assert doc.format == "html" and doc.encoding == "utf-8"
    assert [(len(t.rows), len(t.rows[0])) for t in doc.tables] == SHAPES[slug]
    assert [t.number for t in doc.tables] == list(range(1, len(SHAPES[slug]) + 1))
    for table in doc.tables:
        assert {len(row) for row in table.rows} == {len(table.rows[0])}
    texts = [b.text for b in doc.text_blocks]
    assert not [t for t in texts if "当前位置" in t or any(w in t for w in FOOTER)]
    assert_positions(doc)


@pytest.mark.parametrize("slug", sorted(SHAPES))
def test_real_page_text_matches_the_archived_text(real, slug):
    """Narrative and cells, in order, are the article body of the archiver's page.txt."""
    doc = load(str(real / f"{slug}.html"))
    parts = []
    for b in doc.blocks:
        if isinstance(b, Table):
            parts += [c.text for row in b.rows for c in row if c.span_of is None]
        else:
            parts.append(b.text)
    mine = _squeeze("".join(parts))
    body = _squeeze((real / f"{slug}.txt").read_text(encoding="utf-8").split("=" * 20 + " 正文 " + "=" * 20, 1)[1])
    body = body.removesuffix("附件下载")
    assert body.endswith(mine)
    lead = body[: len(body) - len(mine)]
    assert lead == "" or lead.startswith("当前位置")  # the page chrome before the article


def test_real_2021_reads_in_order(real):
    doc = load(str(real / "pingtan-2021.html"))
    first = doc.blocks[0]
    assert isinstance(first, TextBlock)
    assert first.text.startswith("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）")
    headings = [b.text for b in doc.text_blocks if b.kind == "heading"]
    assert headings[0] == "一、总体情况" and headings[-1] == "六、其他需要报告的事项"
    assert doc.text_blocks[-1].text == "2021年，无收取信息处理费情况。"
    table3 = grid(doc.tables[1])
    assert table3[0][3] == "申请人情况" and table3[3][3:] == ["64", "0", "0", "0", "2", "0", "4", "70"]
    assert table3[6][1] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


@pytest.mark.parametrize("slug", ["pingtan-2019", "pingtan-2020", "pingtan-2022", "pingtan-2023", "pingtan-2024"])
def test_real_reports_end_with_section_six(real, slug):
    doc = load(str(real / f"{slug}.html"))
    headings = [b.text for b in doc.text_blocks if b.kind == "heading"]
    assert headings[-1] == "六、其他需要报告的事项"
    assert doc.text_blocks[-1].text.endswith(("无收取信息处理费情况。", "无其他需要报告的事项"))


def test_a_source_line_break_inside_a_number_joins():
    doc = load_html("r.html", "<table><tr><td>行政\n许可</td><td>22\n93</td><td><span>1</span><span>23</span></td>"
                              "<td>1 23</td></tr></table>")
    assert [c.text for c in doc.tables[0].rows[0]] == ["行政许可", "2293", "123", "1 23"]  # a space stays
    assert (doc.tables[0].rows[0][1].location.line, doc.tables[0].rows[0][1].location.column) == (2, 12)
