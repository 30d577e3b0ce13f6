"""Tests for auditor.load: decoding, plain-text/Markdown parsing and input errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.load import load
from auditor.load.encoding import decode
from auditor.load.text import load_text
from auditor.model.document import Table, TextBlock
from auditor.model.errors import AuditorError, InputError

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-xishan-2018.txt"

REPORT = (
    "一、总体情况\n"
    "2018年，本机关主动公开政府信息28条，其中规范性文件20件。\n"
    "二、依申请公开情况\n"
    "全年收到申请3件，均已按时答复。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def cell_at(doc, line: int, text: str):
    """The table cell on source line `line` whose text is `text`."""
    cells = (c for t in doc.tables for r in t.rows for c in r)
    return next(c for c in cells if c.location.line == line and c.text == text)


def assert_points_at(doc, cell) -> None:
    loc = cell.location
    line = doc.source_line(loc.line)
    assert line[loc.column - 1 : loc.column - 1 + len(cell.text)] == cell.text


# ---- the seed report ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return load(str(SEED))


def test_seed_basics(seed):
    assert seed.path == str(SEED)
    assert seed.format == "text"
    assert seed.encoding == "utf-8"
    assert len(seed.lines) == 117
    assert all("\n" not in line for line in seed.lines)


def test_seed_has_one_table_of_66_rows_and_3_columns(seed):
    assert len(seed.tables) == 1
    table = seed.tables[0]
    assert table.number == 1
    pipe_lines = [n for n, line in enumerate(seed.lines, 1) if "|" in line]
    assert len(table.rows) == len(pipe_lines) == 66
    assert table.line == 52 == pipe_lines[0]
    assert all(len(row) == 3 for row in table.rows)
    assert [c.text for c in table.rows[0]] == ["统 计 指 标", "单位", "统计数"]


def test_seed_cell_28_location(seed):
    line = seed.lines[53]
    assert line.startswith("(一)主动公开政府信息数")
    cell = cell_at(seed, 54, "28")
    assert cell is seed.tables[0].rows[2][2]
    loc = cell.location
    assert (loc.line, loc.column) == (54, line.index("28") + 1) == (54, 20)
    assert (loc.table, loc.row, loc.col) == (1, 3, 3)
    assert_points_at(seed, cell)


def test_seed_section_row_has_two_empty_cells(seed):
    row = seed.tables[0].rows[1]
    assert [c.text for c in row] == ["一、主动公开情况", "", ""]
    assert all(c.location.line == 53 for c in row)
    assert [c.location.col for c in row] == [1, 2, 3]


def test_seed_every_cell_points_at_its_text(seed):
    for row in seed.tables[0].rows:
        for cell in row:
            assert_points_at(seed, cell)


def test_seed_titles_and_headings(seed):
    by_line = {b.line: b for b in seed.text_blocks}
    assert by_line[1].kind == "paragraph"
    assert by_line[1].text == "西山区政务服务管理局2018年度政府信息公开年度报告"
    assert by_line[2].kind == by_line[3].kind == "paragraph"
    for n, text in [(5, "一、总体公开情况说明"), (7, "(一)强化组织领导"), (42, "十二、推进公开工作存在的问题与不足")]:
        assert (by_line[n].kind, by_line[n].text) == ("heading", text)
    # Numbered but long: a sentence, not a heading.
    assert by_line[16].kind == "paragraph"
    # Text before the table comes before it, in source order.
    assert isinstance(seed.blocks[-1], Table)
    assert [b.line for b in seed.blocks] == sorted(b.line for b in seed.blocks)


def test_seed_locate_in_paragraph(seed):
    block = next(b for b in seed.text_blocks if b.line == 4)
    offset = block.text.index("西山区")
    loc = block.locate(offset)
    assert (loc.line, loc.column) == (4, seed.lines[3].index("西山区") + 1)
    assert seed.source_line(loc.line)[loc.column - 1 :].startswith("西山区")


# ---- encodings ------------------------------------------------------------------------------


def test_utf8_bom(tmp_path):
    doc = load(write(tmp_path, "r.txt", codecs.BOM_UTF8 + REPORT.encode("utf-8")))
    assert doc.encoding == "utf-8-sig"
    assert doc.lines[0] == "一、总体情况"
    assert doc.blocks[0].text == "一、总体情况"


def test_gb18030(tmp_path):
    doc = load(write(tmp_path, "r.txt", REPORT.encode("gb18030")))
    assert doc.encoding == "gb18030"
    assert doc.lines == REPORT.splitlines()


def test_gb18030_short_snippet(tmp_path):
    # The detector calls short GB text cp949; it must still be read as GB18030.
    doc = load(write(tmp_path, "r.txt", "（一）主动公开".encode("gb18030")))
    assert (doc.encoding, doc.lines) == ("gb18030", ["（一）主动公开"])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    doc = load(write(tmp_path, "r.txt", bom + REPORT.encode(codec)))
    assert doc.encoding == "utf-16"
    assert doc.lines == REPORT.splitlines()
    assert not doc.lines[0].startswith("\ufeff")


def test_crlf_and_cr(tmp_path):
    doc = load(write(tmp_path, "r.txt", REPORT.replace("\n", "\r\n").encode("utf-8")))
    assert doc.lines == REPORT.splitlines()
    assert all("\r" not in b.text for b in doc.text_blocks)
    text, _ = decode("a\rb\r\nc".encode(), "x.txt")
    assert text == "a\nb\nc"


def test_decode_prefers_utf8_over_detection():
    assert decode("政府信息".encode("utf-8"), "x") == ("政府信息", "utf-8")


# ---- tables -----------------------------------------------------------------------------------


def test_markdown_table_with_leading_pipes_and_separator():
    text = "# 统计\n\n| 指标 | 单位 | 数量 |\n|---|:--:|---:|\n| 主动公开 | 条 | 28 |\n| 依申请 || 3 |\n"
    doc = load_text("r.md", text, "markdown")
    assert doc.blocks[0] == TextBlock("heading", "统计", doc.blocks[0].segments)
    assert doc.blocks[0].segments[0].column == 3
    (table,) = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["指标", "单位", "数量"],
        ["主动公开", "条", "28"],
        ["依申请", "", "3"],
    ]
    assert [r[0].location.line for r in table.rows] == [3, 5, 6]
    assert [r[0].location.row for r in table.rows] == [1, 2, 3]
    for row in table.rows:
        for cell in row:
            assert_points_at(doc, cell)


def test_short_rows_are_padded():
    doc = load_text("r.txt", "a | b | c |\n甲 | 1 |\n", "text")
    (table,) = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [["a", "b", "c"], ["甲", "1", ""]]
    padded = table.rows[1][2].location
    assert (padded.line, padded.column, padded.col) == (2, len("甲 | 1 |") + 1, 3)


def test_tab_separated_table():
    text = "说明文字\n指标\t单位\t数量\n主动公开\t条\t28\n依申请公开\t件\t3\n后记\n"
    doc = load_text("r.txt", text, "text")
    assert [type(b).__name__ for b in doc.blocks] == ["TextBlock", "Table", "TextBlock"]
    (table,) = doc.tables
    assert [[c.text for c in r] for r in table.rows][1] == ["主动公开", "条", "28"]
    cell = table.rows[1][2]
    assert (cell.location.line, cell.location.column) == (3, len("主动公开\t条\t") + 1)


def test_tab_indented_prose_is_not_a_table():
    doc = load_text("r.txt", "\t第一段正文。\n\t第二段正文。\n", "text")
    assert not doc.tables
    assert [b.text for b in doc.text_blocks] == ["第一段正文。", "第二段正文。"]
    assert doc.text_blocks[0].segments[0].column == 2


def test_space_aligned_table():
    text = "　　指标　　　　2017年  2018年\n　　主动公开  　20    28\n　　依申请公开　　5     3\n"
    doc = load_text("r.txt", text, "text")
    (table,) = doc.tables
    assert [[c.text for c in r] for r in table.rows] == [
        ["指标", "2017年", "2018年"],
        ["主动公开", "20", "28"],
        ["依申请公开", "5", "3"],
    ]
    for row in table.rows:
        for cell in row:
            assert_points_at(doc, cell)
    assert table.rows[1][0].location.column == 3


def test_single_ideographic_space_does_not_split():
    doc = load_text("r.txt", "统　计　指　标  2018\n合　计  28\n", "text")
    assert [r[0].text for r in doc.tables[0].rows] == ["统　计　指　标", "合　计"]


def test_long_prose_with_double_space_stays_paragraph():
    long_line = "2018年，本机关认真贯彻落实政府信息公开条例，" * 9 + "全年公开信息  28条。"
    assert len(long_line) >= 200
    text = long_line + "\n" + long_line + "\n"
    doc = load_text("r.txt", text, "text")
    assert not doc.tables
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


def test_space_aligned_rows_need_a_digit():
    # A header row without numbers is not part of a space-aligned table (only pipes/tabs keep it).
    doc = load_text("r.txt", "指标  单位\n主动公开  28\n依申请  3\n", "text")
    assert doc.blocks[0].text == "指标  单位"
    assert [r[1].text for r in doc.tables[0].rows] == ["28", "3"]


def test_short_prose_without_digits_is_not_a_table():
    doc = load_text("r.txt", "我局认真  落实\n做好  宣传工作\n", "text")
    assert not doc.tables


def test_single_table_line_is_text():
    doc = load_text("r.txt", "前言\n指标 | 数量 |\n后记\n", "text")
    assert not doc.tables
    assert len(doc.text_blocks) == 3


def test_tables_are_numbered_in_order():
    text = "a | 1 |\nb | 2 |\n\n正文\n\nc\t3\nd\t4\n"
    doc = load_text("r.txt", text, "text")
    assert [t.number for t in doc.tables] == [1, 2]
    assert doc.tables[1].rows[0][0].location.table == 2


# ---- headings and paragraphs --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("一、总体情况", "heading"),
        ("十二、存在的问题", "heading"),
        ("（一）主动公开", "heading"),
        ("(二)依申请公开", "heading"),
        ("　　（三）收费情况", "heading"),
        ("一、本机关全年主动公开信息。", "paragraph"),  # ends a sentence
        ("一、" + "政府信息公开" * 7, "paragraph"),  # too long
        ("一是完善制度", "paragraph"),
    ],
)
def test_chinese_section_headings(line, kind):
    (block,) = load_text("r.txt", line + "\n", "text").blocks
    assert block.kind == kind
    assert block.text == line.strip()
    assert block.locate(0).column == len(line) - len(line.lstrip()) + 1


def test_text_format_one_paragraph_per_line():
    doc = load_text("r.txt", "第一段。\n第二段。\n\n第三段。", "text")
    assert [(b.text, b.line) for b in doc.text_blocks] == [("第一段。", 1), ("第二段。", 2), ("第三段。", 4)]


def test_markdown_paragraph_joining_and_locate():
    text = "## 一、概述\n\n本机关2018年\n  主动公开信息28条，\nsee the table\n  below.\n\n新段落\n"
    doc = load_text("r.md", text, "markdown")
    heading, para, last = doc.blocks
    assert (heading.kind, heading.text) == ("heading", "一、概述")
    assert para.text == "本机关2018年主动公开信息28条， see the table below."
    assert [s.line for s in para.segments] == [3, 4, 5, 6]
    # Each character maps back to where it stands in the file.
    joins = {s.offset - 1 for s in para.segments if para.text[s.offset - 1 : s.offset] == " "}
    for offset, ch in enumerate(para.text):
        if offset not in joins:  # a joining space stands for the line break
            loc = para.locate(offset)
            assert doc.source_line(loc.line)[loc.column - 1] == ch
    loc = para.locate(para.text.index("主动"))
    assert (loc.line, loc.column) == (4, 3)
    assert (last.text, last.line) == ("新段落", 8)


def test_markdown_list_items_are_separate_paragraphs():
    doc = load_text("r.md", "- 第一项\n- 第二项\n", "markdown")
    assert [b.text for b in doc.text_blocks] == ["- 第一项", "- 第二项"]


def test_markdown_atx_closing_hashes():
    (block,) = load_text("r.md", "### 二、情况 ###\n", "markdown").blocks
    assert (block.kind, block.text) == ("heading", "二、情况")


# ---- errors -----------------------------------------------------------------------------------


def assert_input_error(path: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        load(path)
    assert isinstance(info.value, AuditorError)
    assert str(info.value).startswith(path)
    assert info.value.path == path
    assert reason in info.value.reason


def test_missing_file(tmp_path):
    assert_input_error(str(tmp_path / "nope.txt"), "no such file")


def test_directory(tmp_path):
    (tmp_path / "dir.md").mkdir()
    assert_input_error(str(tmp_path / "dir.md"), "is a directory")


EMPTY_FILES = [b"", b"  \n\r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]


@pytest.mark.parametrize("data", EMPTY_FILES)
def test_empty_file(tmp_path, data):
    assert_input_error(write(tmp_path, "r.txt", data), "the file is empty")


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "正文\x00".encode()],
)
def test_binary_file(tmp_path, data):
    assert_input_error(write(tmp_path, "r.txt", data), "not a text file (binary data)")


def test_unsupported_suffix(tmp_path):
    path = write(tmp_path, "r.xyz", b"hello")
    with pytest.raises(InputError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: unsupported file type '.xyz' (supported: .txt, .md")
    assert message.endswith(")") and ".html" in message


def test_suffix_is_case_insensitive_and_path_is_kept(tmp_path):
    path = tmp_path / "R.MD"
    path.write_bytes(REPORT.encode())
    doc = load(path)
    assert doc.path == str(path)
    assert doc.format == "markdown"


def test_input_is_not_modified(tmp_path):
    data = codecs.BOM_UTF8 + REPORT.replace("\n", "\r\n").encode()
    path = write(tmp_path, "r.txt", data)
    load(path)
    assert Path(path).read_bytes() == data


# ---- property: pipe tables round-trip -------------------------------------------------------------

CELL_TEXT = st.text(st.sampled_from("政府信息公开条件数合计一二三0123456789"), max_size=6)
GRID = st.integers(2, 5).flatmap(
    lambda width: st.lists(st.lists(CELL_TEXT, min_size=width, max_size=width), min_size=2, max_size=6)
)


@settings(max_examples=200, deadline=None)
@given(
    grid=GRID,
    leading_pipe=st.booleans(),
    pad=st.sampled_from(["", " ", "  ", "\u3000"]),
)
def test_pipe_rows_round_trip(grid, leading_pipe, pad):
    # Without a leading pipe an empty first cell is indistinguishable from one.
    assume(leading_pipe or all(row[0] for row in grid))
    # A row of dashes alone would be a Markdown separator; the alphabet has none.
    lead = "| " if leading_pipe else ""
    lines = [lead + " | ".join(pad + c + pad for c in row) + " |" for row in grid]
    doc = load_text("r.txt", "\n".join(lines) + "\n", "text")
    (table,) = doc.tables
    assert [[c.text for c in r] for r in table.rows] == grid
    for r, row in enumerate(table.rows, 1):
        for k, cell in enumerate(row, 1):
            assert (cell.location.line, cell.location.row, cell.location.col) == (r, r, k)
            assert_points_at(doc, cell)


# ---- rows in other renderings (issue 11) ---------------------------------------------------------


def test_a_label_over_its_figures_is_one_row():
    doc = load_text("r.txt", "（三）不予公开\n1.属于国家秘密\n0 0 0 0 0 0 0\n规章\n1  0  12\n", "text")
    (table,) = doc.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["（三）不予公开", "1.属于国家秘密", *["0"] * 7], ["规章", "1", "0", "12", "", "", "", "", ""]]
    assert [(c.location.line, c.location.column) for c in table.rows[0][:3]] == [(1, 1), (2, 1), (3, 1)]
    assert_points_at(doc, table.rows[1][3])


def test_a_line_of_figures_alone_is_a_table():
    doc = load_text("r.txt", "四、政府信息公开行政复议、行政诉讼情况\n\n1 0 0 0 1 2 0 0 1 3 0 0 0 0 0\n", "text")
    assert [len(r) for t in doc.tables for r in t.rows] == [15]
    assert doc.blocks[0].text == "四、政府信息公开行政复议、行政诉讼情况"


def test_a_sentence_over_figures_is_not_a_label():
    doc = load_text("r.txt", "全年办理情况如下。\n行政许可\n", "text")
    assert not doc.tables
    doc = load_text("r.txt", "全年办理情况如下。\n20 2\n", "text")
    assert doc.blocks[0].text == "全年办理情况如下。"
    assert [[c.text for c in r] for r in doc.tables[0].rows] == [["20", "2"]]


def test_a_figure_with_its_unit_is_a_figure():
    doc = load_text("r.txt", "政府集中采购\n135  75394432.52元\n", "text")
    assert [c.text for c in doc.tables[0].rows[0]] == ["政府集中采购", "135", "75394432.52元"]
