"""Tables in the renderings reports reach reviewers in (issue 11): Markdown from conversion tools with
one little table per row and generic or missing headers, a label on one line and its figures on the
next, wrapped labels, table 四's fifteen figures on one line, numbers split by tags or line breaks,
tables split in two. Each rendering of one report must read the same fields as the well-formed one,
and the template must be detected; rows read without confirming headers carry one note per table.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

import pytest
from corpus import REAL

from auditor.extract import extract, match_template
from auditor.library import load_library
from auditor.load import load
from auditor.load.html import load_html
from auditor.load.text import load_text

COLUMNS = ("natural", "commercial", "research", "social", "legal", "other_org", "total")
BY_POSITION = "columns-by-position"

# Table 二, block by block: (block title, [(row id, label)]); each row's columns are the template's
# that the report has (2021: 本年制发件数 …; 2019: 本年新制作数量 …).
T2 = [
    ("第二十条第（一）项", [("rules", "规章"), ("normative", "行政规范性文件")]),
    ("第二十条第（五）项", [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
    ("第二十条第（六）项", [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
    ("第二十条第（八）项", [("fees", "行政事业性收费")]),
    ("第二十条第（九）项", [("procurement", "政府集中采购")]),
]
T2_COLUMNS = {"rules": ("issued", "repealed", "in_force"), "normative": ("issued", "repealed", "in_force"),
              "licensing": ("decisions",), "penalty": ("decisions",), "enforcement": ("decisions",),
              "fees": ("amount",)}
RESULTS = "三、本年度办理结果"
# Table 三: (row id, block label or "", section label or "", the row's own label), as the form prints them.
T3 = [
    ("new", "", "", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "", "", "二、上年结转政府信息公开申请数量"),
    ("disclosed", RESULTS, "", "（一）予以公开"),
    ("partly_disclosed", RESULTS, "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    *[(f"refused_{r}", RESULTS, "（三）不予公开", f"{n}.{label}") for n, (r, label) in enumerate([
        ("secret", "属于国家秘密"), ("law", "其他法律行政法规禁止公开"), ("safety", "危及“三安全一稳定”"),
        ("third_party", "保护第三方合法权益"), ("internal", "属于三类内部事务信息"), ("process", "属于四类过程性信息"),
        ("enforcement", "属于行政执法案卷"), ("query", "属于行政查询事项")], 1)],
    *[(f"unable_{r}", RESULTS, "（四）无法提供", f"{n}.{label}") for n, (r, label) in enumerate([
        ("not_held", "本机关不掌握相关政府信息"), ("create", "没有现成信息需要另行制作"),
        ("unclear", "补正后申请内容仍不明确")], 1)],
    *[(f"declined_{r}", RESULTS, "（五）不予处理", f"{n}.{label}") for n, (r, label) in enumerate([
        ("petition", "信访举报投诉类申请"), ("repeat", "重复申请"), ("publication", "要求提供公开出版物"),
        ("vexatious", "无正当理由大量反复申请"), ("confirm", "要求行政机关确认或重新出具已获取信息")], 1)],
    ("other_no_amend", RESULTS, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", RESULTS, "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", RESULTS, "（六）其他处理", "3.其他"),
    ("other_handling", RESULTS, "", "（六）其他处理"),  # the 2019 form's single row
    ("handled_total", RESULTS, "", "（七）总计"),
    ("carried_forward", "", "", "四、结转下年度继续办理"),
]
T4_COLUMNS = [f"{block}.{c}" for block in ("review", "direct", "after_review")
              for c in ("upheld", "corrected", "other", "pending", "total")]
OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

# A made-up report whose figures agree: {field: cell text}.
MADE_UP = {
    **dict(zip([f"t2.rules.{c}" for c in T2_COLUMNS["rules"]], ["1", "0", "12"])),
    **dict(zip([f"t2.normative.{c}" for c in T2_COLUMNS["normative"]], ["8", "2", "57"])),
    "t2.licensing.decisions": "340", "t2.penalty.decisions": "95", "t2.enforcement.decisions": "7",
    "t2.fees.amount": "12.5",
    **{f"t3.{row}.{c}": "0" for row, *_ in T3 if row != "other_handling" for c in COLUMNS},
    **{f"t3.{row}.{c}": v for row, values in [
        ("new", "20 2 0 0 1 0 23"), ("carried_over", "1 0 0 0 0 0 1"), ("disclosed", "10 1 0 0 0 0 11"),
        ("partly_disclosed", "3 0 0 0 0 0 3"), ("refused_third_party", "1 0 0 0 0 0 1"),
        ("unable_not_held", "4 1 0 0 1 0 6"), ("declined_repeat", "1 0 0 0 0 0 1"), ("other_other", "1 0 0 0 0 0 1"),
        ("handled_total", "20 2 0 0 1 0 23"), ("carried_forward", "1 0 0 0 0 0 1")]
       for c, v in zip(COLUMNS, values.split())},
    **dict(zip([f"t4.{c}" for c in T4_COLUMNS], list("100012001300000"))),
}

TITLE = "某某区2021年度政府信息公开工作年度报告"
HEADINGS = {"t2": "二、主动公开政府信息情况", "t3": "三、收到和处理政府信息公开申请情况",
            "t4": "四、政府信息公开行政复议、行政诉讼情况"}


@pytest.fixture(scope="module")
def library():
    return load_library()


# ---- the report as grids: header rows, then data rows of label cells and figures -----------------

@functools.cache
def table_two(template: str):
    return next(t for t in load_library().templates[template].tables if t.id == "t2")


def grids(values: dict[str, str], template: str = "new2021") -> dict[str, list[tuple[list[str], list[str]]]]:
    """Each table as (label cells, figures) rows; a header row has no figures. Rows whose fields
    the report lacks are left out."""
    t2_def = table_two(template)
    heads = {c.id: c.labels[0] for c in t2_def.columns}
    columns = {r.id: [c for c in r.columns if f"t2.{r.id}.{c}" in values] for r in t2_def.rows}
    t2: list[tuple[list[str], list[str]]] = []
    for title, rows in T2:
        present = [(r, label) for r, label in rows if columns.get(r)]
        if present:
            t2 += [([title], []), (["信息内容", *(heads[c] for c in columns[present[0][0]])], [])]
            t2 += [([label], [values[f"t2.{r}.{c}"] for c in columns[r]]) for r, label in present]
    t3 = [(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"], []),
          (["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""], [])]
    t3 += [([block, section, label], [values[f"t3.{row}.{c}"] for c in COLUMNS])
           for row, block, section, label in T3 if f"t3.{row}.total" in values]
    t4 = [(["行政复议"] * 5 + ["行政诉讼"] * 10, []),
          (OUTCOMES + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5, []),
          (OUTCOMES * 3, []),
          ([], [values[f"t4.{c}"] for c in T4_COLUMNS])]
    return {"t2": t2, "t3": t3, "t4": t4}


def data_rows(grid):
    return [(labels, figures) for labels, figures in grid if figures]


def pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def framed(body: dict[str, str], fmt: str) -> str:
    """The report around its tables: title, headings and a sentence of narrative."""
    lines = [("# " if fmt == "markdown" else "") + TITLE, "", "一、总体情况", "", "本年度主动公开政府信息若干条。", ""]
    for table, text in body.items():
        lines += [HEADINGS[table], "", text, ""]
    return "\n".join(lines)


# ---- the renderings ------------------------------------------------------------------------------

def markdown_tables(values: dict[str, str], template: str = "new2021") -> str:
    """Well formed: one Markdown table per statutory table, with its header rows."""
    body = {}
    for name, grid in grids(values, template).items():
        rows = [[*labels, *figures] for labels, figures in grid]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        body[name] = "\n".join([pipe(rows[0]), pipe(["---"] * width), *map(pipe, rows[1:])])
    return framed(body, "markdown")


GENERIC = {"列": lambda n: f"列{n}", "Column": lambda n: f"Column {n}", "number": str, "missing": lambda n: ""}


def markdown_per_row(values: dict[str, str], header: str, template: str = "new2021") -> str:
    """(a) Each row its own little table under generic or missing headers; header rows lost."""
    body = {}
    for name, grid in grids(values, template).items():
        parts = []
        for labels, figures in data_rows(grid):
            cells = [label for label in labels if label] + figures
            parts.append("\n".join([pipe([GENERIC[header](n) for n in range(1, len(cells) + 1)]),
                                    pipe(["---"] * len(cells)), pipe(cells)]))
        body[name] = "\n\n".join(parts)
    return framed(body, "markdown")


def label_over_figures(values: dict[str, str], sep: str, wrap: int = 0, template: str = "new2021",
                       inline: str | None = None) -> str:
    """(b) A label on one line and its figures on the next; (c) with `wrap`, labels longer than that
    wrapped over two lines. A block label stands on a line of its own where the block begins, or
    with `inline` before the label of its first row, joined by `inline` ('三、本年度办理结果 （一）予以公开');
    table 四's headers are lines of words, its figures one line of fifteen with no label (d)."""
    body = {}
    for name, grid in grids(values, template).items():
        lines, section, results = [], "", ""
        if name == "t4":
            lines += [" ".join(dict.fromkeys(labels)) for labels, figures in grid if not figures]
        for labels, figures in data_rows(grid):
            *blocks, label = labels or [""]
            if inline is not None and name == "t3":
                opens = [b for b, seen in ((blocks[0], results), (blocks[1], section)) if b and b != seen]
                results, section = blocks[0], blocks[1]
                label = inline.join([*opens, label])
            elif name == "t3" and blocks[1] and blocks[1] != section:
                lines.append(blocks[1])
            section = blocks[1] if name == "t3" else ""
            if label:
                half = (len(label) + 1) // 2
                lines += [label[:half], label[half:]] if wrap and len(label) > wrap else [label]
            lines.append(sep.join(figures))
        body[name] = "\n".join(lines)
    return framed(body, "text")


def aligned(values: dict[str, str], page_break_after: str = "", template: str = "new2021") -> str:
    """As `pdftotext -layout` prints: label and figures on one line in aligned columns, header lines
    of words above; (f) a page break with its footer inside table 三, after row `page_break_after`."""
    body = {}
    for name, grid in grids(values, template).items():
        lines = []
        for labels, figures in grid:
            if not figures:
                lines.append("    ".join(dict.fromkeys(c for c in labels if c)))
                continue
            label = next((c for c in reversed(labels) if c), "")
            lines.append(f"{label:<40}" + "".join(f"  {f:>6}" for f in figures))
            if page_break_after and label == page_break_after:
                lines += ["", "                         — 2 —", "\f"]
        body[name] = "\n".join(lines)
    return framed(body, "text")


def html_page(values: dict[str, str], split_at: str = "", wrap_numbers: bool = False, template: str = "new2021") -> str:
    """An HTML page: figures written in two <span>s (e), or with a source line break inside them;
    (f) table 三 continued after row `split_at` in a second <table> with no header and one label
    column fewer."""
    def cell(text: str) -> str:
        if len(text) > 1 and text.isdigit():
            text = f"{text[0]}\n{text[1:]}" if wrap_numbers else f"<span>{text[0]}</span><span>{text[1:]}</span>"
        else:
            text = html.escape(text)
        return f"<td>{text}</td>"

    parts = [f"<html><head><title>{TITLE}</title></head><body><div class='content'>",
             f"<p>{TITLE}</p><p>一、总体情况</p><p>本年度主动公开政府信息若干条。</p>"]
    for name, grid in grids(values, template).items():
        rows, split = [], None
        for labels, figures in grid:
            drop = 1 if split is not None else 0
            rows.append("<tr>" + "".join(cell(c) for c in [*labels[drop:], *figures]) + "</tr>")
            if split_at and labels and labels[-1] == split_at:
                split = len(rows)
        tables = [rows[:split], rows[split:]] if split else [rows]
        parts.append(f"<p>{HEADINGS[name]}</p>" + "<p>（续表）</p>".join(f"<table>{''.join(t)}</table>" for t in tables))
    return "".join(parts) + "</div></body></html>"


RENDERINGS = {
    "markdown-per-row-列": lambda v, t: ("markdown", markdown_per_row(v, "列", t)),
    "markdown-per-row-Column": lambda v, t: ("markdown", markdown_per_row(v, "Column", t)),
    "markdown-per-row-numbers": lambda v, t: ("markdown", markdown_per_row(v, "number", t)),
    "markdown-per-row-no-header": lambda v, t: ("markdown", markdown_per_row(v, "missing", t)),
    "label-over-figures-spaces": lambda v, t: ("text", label_over_figures(v, "  ", template=t)),
    "label-over-figures-one-space": lambda v, t: ("markdown", label_over_figures(v, " ", template=t)),
    "label-over-figures-tabs": lambda v, t: ("text", label_over_figures(v, "\t", template=t)),
    "wrapped-labels": lambda v, t: ("text", label_over_figures(v, "  ", wrap=12, template=t)),
    "block-and-row-label-on-one-line": lambda v, t: ("text", label_over_figures(v, "  ", template=t, inline=" ")),
    "block-and-row-label-run-together": lambda v, t: ("text", label_over_figures(v, " ", template=t, inline="")),
    "aligned-split-by-a-page": lambda v, t: ("text", aligned(v, "2.其他法律行政法规禁止公开", t)),
    "html-split-spans": lambda v, t: ("html", html_page(v, split_at="3.补正后申请内容仍不明确", template=t)),
    "html-numbers-across-lines": lambda v, t: ("html", html_page(v, wrap_numbers=True, template=t)),
}
# The renderings whose tables keep headers that name their columns: nothing is read by position.
HEADED = {"html-numbers-across-lines"}


def read(fmt: str, text: str, library):
    document = load_html("r.html", text) if fmt == "html" else load_text(f"r.{fmt}", text, fmt)
    return extract(document, library)


def match_2021(fmt: str, text: str, library):
    """The 2021 template's reading of a fragment too small to detect a template from."""
    return match_template(load_text(f"r.{fmt}", text, fmt), library.templates["new2021"])


def cells(extraction) -> dict[str, str]:
    return {f: figure.cell.text for f, figure in extraction.fields.items() if figure.state == "value"}


def by_position(extraction):
    return [d for d in extraction.doubts if d.code == BY_POSITION]


# ---- made-up report -------------------------------------------------------------------------------


def test_the_well_formed_rendering_reads_every_cell_by_its_headers(library):
    extraction = read("markdown", markdown_tables(MADE_UP), library)
    assert extraction.template == "new2021"
    assert cells(extraction) == MADE_UP
    assert not by_position(extraction)


@pytest.mark.parametrize("style", sorted(RENDERINGS))
def test_each_rendering_reads_the_same_cells(library, style):
    extraction = read(*RENDERINGS[style](MADE_UP, "new2021"), library)
    assert extraction.template == "new2021"
    assert cells(extraction) == MADE_UP


@pytest.mark.parametrize("style", sorted(RENDERINGS))
def test_rows_read_by_position_say_so_once_per_table(library, style):
    doubts = by_position(read(*RENDERINGS[style](MADE_UP, "new2021"), library))
    assert len(doubts) == len({d.params["label"] for d in doubts})  # never one per row
    assert len(doubts) <= 3
    if style in HEADED:
        assert not doubts
    else:
        assert doubts and all(d.location is not None for d in doubts)


def test_the_note_counts_the_rows_and_names_the_first(library):
    doubts = by_position(read(*RENDERINGS["markdown-per-row-列"](MADE_UP, "new2021"), library))
    t2, t3, t4 = doubts
    assert (t2.params, t3.params["count"], t3.params["label"]) == (
        {"count": "6", "label": "规章"}, "25", "一、本年新收政府信息公开申请数量")
    assert t4.params == {"count": "1", "label": "政府信息公开行政复议、行政诉讼情况"}


def test_headers_win_over_the_statutory_order(library):
    """Columns in another order under headers that name them are read by the headers."""
    header = ["项目", "总计", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    row = ["一、本年新收政府信息公开申请数量", "23", "20", "2", "0", "0", "1", "0"]
    text = "\n".join([pipe(header), pipe(["---"] * 8), pipe(row)])
    match = match_2021("markdown", text, library)
    assert match.figures["t3.new.total"].cell.text == "23"
    assert match.figures["t3.new.natural"].cell.text == "20"
    assert not by_position(match)


def test_a_row_with_another_number_of_figures_is_not_read_by_position(library):
    text = "\n".join([pipe(["列1", "列2"]), "|---|---|", pipe(["一、本年新收政府信息公开申请数量", "20", "2", "23"])])
    match = match_2021("markdown", text, library)
    assert not any(f.startswith("t3.new.") for f in match.figures)
    assert not by_position(match)


def test_prose_is_never_read_by_position(library):
    text = ("本年度新收政府信息公开申请数量20件，上年结转1件，予以公开10件。\n"
            "我们认为本年新收政府信息公开申请数量 20 2 0 0 1 0 23 件这一组数字需要说明。\n"
            "全年办理情况如下。\n20 2 0 0 1 0 23\n")
    match = match_2021("text", text, library)
    assert not by_position(match)
    assert not any(f.startswith(("t3.", "t4.")) for f in match.figures)


def test_a_column_numbering_row_is_not_table_four(library):
    text = "\n".join([pipe([str(n) for n in range(1, 16)]), pipe(["---"] * 15)])
    assert not any(f.startswith("t4.") for f in match_2021("markdown", text, library).figures)


def test_blank_cells_stay_blank_when_read_by_position(library):
    text = "\n".join([pipe(["列1", "列2", "列3", "列4", "列5", "列6", "列7", "列8"]), pipe(["---"] * 8),
                      pipe(["（一）予以公开", "10", "", "", "", "", "", "11"])])
    fields = match_2021("markdown", text, library).figures
    assert fields["t3.disclosed.natural"].cell.text == "10"
    assert [fields[f"t3.disclosed.{c}"].state for c in COLUMNS[1:6]] == ["blank"] * 5
    assert fields["t3.disclosed.total"].cell.text == "11"


def test_a_blank_row_whose_label_also_names_a_column_is_no_header(library):
    """'| 3.其他 | | … |' (no other case, zeros left blank): 其他 names a row and a column; in the
    label cell it is the row's, so the rows below it are still read by the headers above."""
    header = ["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    rows = [["3.其他", "", "", "", "", "", "", ""], ["（七）总计", "20", "2", "", "", "1", "", "23"],
            ["四、结转下年度继续办理", "1", "", "", "", "", "", "1"]]
    text = "\n".join([pipe(header), pipe(["---"] * 8), *map(pipe, rows)])
    fields = match_2021("markdown", text, library).figures
    assert fields["t3.handled_total.total"].cell.text == "23"
    assert fields["t3.carried_forward.natural"].cell.text == "1"
    assert fields["t3.other_other.natural"].state == "blank"


def generic(count: int) -> list[str]:
    return [pipe([f"列{n}" for n in range(1, count + 1)]), pipe(["---"] * count)]


def test_rows_above_the_first_header_of_a_table_are_read_by_position(library):
    """Table 二 whose first block header a converter replaced (列1…列4), the later ones kept."""
    rows = [["规章", "0", "0", "0"], ["行政规范性文件", "12", "3", "150"], ["信息内容", "本年处理决定数量", "", ""],
            ["行政许可", "2293", "", ""]]
    fields = match_2021("markdown", "\n".join([*generic(4), *map(pipe, rows)]), library).figures
    assert [fields[f"t2.normative.{c}"].cell.text for c in ("issued", "repealed", "in_force")] == ["12", "3", "150"]
    assert fields["t2.licensing.decisions"].cell.text == "2293"


T3_UNDER_GENERIC = [  # labels in one to three cells, and an 11th grid column a merged header left empty
    ["一、本年新收政府信息公开申请数量", "", "", "64", "0", "", "0", "2", "0", "4", "70"],
    ["三、本年度办理结果", "（一）予以公开", "", "27", "0", "", "0", "2", "0", "1", "30"],
    ["", "（三）不予公开", "1.属于国家秘密", "0", "0", "", "0", "0", "0", "0", "0"],
    ["", "", "2.其他法律行政法规禁止公开", "1", "0", "", "0", "0", "0", "0", "1"],
]


def test_labels_over_several_cells_and_a_column_blank_everywhere_are_no_figures(library):
    fields = match_2021("markdown", "\n".join([*generic(11), *map(pipe, T3_UNDER_GENERIC)]), library).figures
    assert [fields[f"t3.new.{c}"].cell.text for c in COLUMNS] == ["64", "0", "0", "2", "0", "4", "70"]
    assert [fields[f"t3.refused_law.{c}"].cell.text for c in COLUMNS] == ["1", "0", "0", "0", "0", "0", "1"]
    assert fields["t3.disclosed.total"].cell.text == "30"


def test_a_column_of_blank_zeros_is_kept_where_the_row_has_the_statutory_count(library):
    """Zeros left blank: 科研机构 blank in every row is a column of the form, not a leftover."""
    rows = [["一、本年新收政府信息公开申请数量", "64", "", "", "2", "", "4", "70"],
            ["二、上年结转政府信息公开申请数量", "1", "", "", "", "", "", "1"]]
    fields = match_2021("markdown", "\n".join([*generic(8), *map(pipe, rows)]), library).figures
    assert [fields[f"t3.new.{c}"].cell.text for c in COLUMNS] == ["64", "", "", "2", "", "4", "70"]


def test_a_header_over_several_one_row_tables_is_one_header(library):
    """Table 三 one table per row, its two header rows too: 自然人 … 总计 in one, 商业企业 … in the next."""
    heads = [["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
             ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    rows = [["一、本年新收政府信息公开申请数量", "20", "2", "0", "0", "1", "0", "23"],
            ["二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"]]
    text = "\n\n".join("\n".join([*generic(8), pipe(row)]) for row in [*heads, *rows])
    match = match_2021("markdown", text, library)
    assert [match.figures[f"t3.new.{c}"].cell.text for c in COLUMNS] == rows[0][1:]
    assert [match.figures[f"t3.carried_over.{c}"].cell.text for c in COLUMNS] == rows[1][1:]
    assert not by_position(match)  # read by the header


def test_a_label_wrapped_onto_a_row_of_its_own_is_joined(library):
    """'| 1.信访举 | 2 | … |' then '| 报投诉类申请 | | … |': the row above, by the joined label; the
    next row, named in full and left blank (zeros not typed), is read as its own."""
    header = ["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    rows = [["（五）不予处理", "", "", "", "", "", "", ""], ["1.信访举", "2", "0", "0", "0", "0", "0", "2"],
            ["报投诉类申请", "", "", "", "", "", "", ""], ["2.重复申请", "", "", "", "", "", "", ""]]
    fields = match_2021("markdown", "\n".join([pipe(header), pipe(["---"] * 8), *map(pipe, rows)]), library).figures
    assert [fields[f"t3.declined_petition.{c}"].cell.text for c in COLUMNS] == rows[1][1:]
    assert fields["t3.declined_petition.total"].label.text == "1.信访举报投诉类申请"
    assert fields["t3.declined_repeat.total"].state == "blank"


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
RUN_TOGETHER = ("申请人情况自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他"
                "一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000"
                "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”0000000")


@pytest.mark.parametrize("numbering", ["1.", "1、"])
def test_run_together_rows_in_full_width_digits_cut_as_in_ascii(library, numbering):
    """Text pasted from a page set in full-width digits ('６４００２０４７０', the next row's '２.'):
    the same cells, written as the page wrote them."""
    text = RUN_TOGETHER.replace(".", numbering[1])
    ascii_cells, wide_cells = ({f: figure.cell.text for f, figure in match_2021("text", t, library).figures.items()}
                               for t in (text, text.translate(FULL_WIDTH)))
    assert len(ascii_cells) == 35
    assert {f: c.translate(FULL_WIDTH) for f, c in ascii_cells.items()} == wide_cells


# ---- renderings of real reports ---------------------------------------------------------------------

REAL_PAGES = {"pingtan-2021.html": "new2021", "pingtan-2022.html": "new2021", "pingtan-2024.html": "new2021",
              "pingtan-2019.html": "new2019", "pingtan-2020.html": "new2019"}


def real_values(name: str, library) -> tuple[str, dict[str, str]]:
    """A real page's template and the cells it reads as figures (a blank cell cannot be written
    in every rendering: it is left out of both sides)."""
    extraction = extract(load(REAL / name), library)
    return extraction.template, cells(extraction)


@pytest.mark.parametrize("style", sorted(RENDERINGS))
@pytest.mark.parametrize("name", sorted(REAL_PAGES))
def test_real_reports_read_the_same_in_each_rendering(library, name, style):
    template, values = real_values(name, library)
    extraction = read(*RENDERINGS[style](values, template), library)
    assert extraction.template == template == REAL_PAGES[name]
    assert cells(extraction) == values


# ---- the pre-2019 统计表 -----------------------------------------------------------------------------

CUMULATIVE_ROWS = [("（一）主动公开政府信息数", "条", "412", "5210"), ("其中：主动公开规范性文件数", "件", "6", "73"),
                   ("制发规范性文件总数", "件", "6", "80"), ("（一）收到申请数", "件", "14", "96"),
                   ("1.当面申请数", "件", "5", "40"), ("2.传真申请数", "件", "0", "3")]


@pytest.mark.parametrize("style", ["one table per row", "continued without its header"])
def test_the_pre_2019_cumulative_column_carries_to_the_tables_below_its_header(library, style):
    """The 统计表's header (本年度 | 历年累计) in the first table only: the rows below it, each in a
    table of its own or in a second table, keep both columns."""
    rows = [pipe(list(r)) for r in CUMULATIVE_ROWS]
    head = [pipe(["统计指标", "单位", "本年度", "历年累计"]), pipe(["---"] * 4)]
    if style == "one table per row":
        parts = ["\n".join(head), *("\n".join([*generic(4), row]) for row in rows)]
    else:
        parts = ["\n".join([*head, *rows[:3]]), "\n".join([*generic(4), *rows[3:]])]
    text = "# 某某县人民政府2016年政府信息公开工作年度报告\n\n" + "\n\n".join(parts) + "\n"
    extraction = extract(load_text("r.md", text, "markdown"), library)
    assert extraction.template == "pre2019"
    fields = extraction.fields
    assert [fields["cumulative." + f].cell.text for f in ("request.received", "request.in_person", "request.fax")] == \
        ["96", "40", "3"]
    assert fields["request.in_person"].cell.text == "5"


@pytest.mark.parametrize("header", sorted(GENERIC))
def test_the_pre_2019_table_row_by_row_under_generic_headers(library, header):
    """Single-value rows (label, unit, figure) keep their figures when each is its own table."""
    document = load(Path(__file__).resolve().parent.parent / "fixtures" / "seed-xishan-2018.txt")
    expected = cells(extract(document, library))
    parts = []
    for row in document.tables[0].rows:
        texts = [c.text for c in row]
        if any(t[:1].isdigit() for t in texts[1:]):
            parts.append("\n".join([pipe([GENERIC[header](n) for n in range(1, len(texts) + 1)]),
                                    pipe(["---"] * len(texts)), pipe(texts)]))
    extraction = read("markdown", framed({}, "markdown").replace(TITLE, "某某区2018年度政府信息公开工作年度报告")
                      + "\n\n".join(parts), library)
    assert extraction.template == "pre2019"
    assert cells(extraction) == expected


@pytest.mark.parametrize("header", ["统计指标 单位 本年度 历年累计", "指标名称 计量单位 2016年度 历年累计", ""])
@pytest.mark.parametrize("separator", [" ", "  ", "\t"])
def test_the_pre_2019_table_as_label_and_unit_lines_over_their_figures(library, header, separator):
    """Plain text of the 统计表 (PDF text, a pasted page): each row's label and unit on a line, its
    two figures on the next, under the column heads on one single-spaced line or none. Both columns
    are read, the second as 历年累计 in the statutory order, and a note says no header confirmed it."""
    lines = [header] if header else []
    for label, unit, this_year, cumulative in CUMULATIVE_ROWS:
        lines += [f"{label} {unit}", f"{this_year}{separator}{cumulative}"]
    text = "某某县人民政府2016年政府信息公开工作年度报告\n\n六、政府信息公开情况统计表\n\n" + "\n".join(lines) + "\n"
    extraction = extract(load_text("r.txt", text, "text"), library)
    assert extraction.template == "pre2019"
    fields = extraction.fields
    assert [fields[f].cell.text for f in ("active.total", "request.received", "request.fax")] == ["412", "14", "0"]
    assert [fields["cumulative." + f].cell.text for f in ("active.total", "request.received", "request.fax")] == \
        ["5210", "96", "3"]
    assert fields["active.total"].quantity.unit == "条"
    assert len(by_position(extraction)) == 1
