"""Regressions of the contract "no crash, no hang, no traceback": inputs that crashed the audit.

Each input is the seed report (or a rule example) with one change. The contract is all that is
asserted: the audit returns a Report or raises AuditorError, in time (tests/fuzz/harness.py);
what it finds in such a report is for the rules' own tests.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from fuzz import render
from fuzz.harness import check_contract
from fuzz.seeds import FIXTURES

SEED = (FIXTURES / "seed-xishan-2018.txt").read_text(encoding="utf-8")
NEW_2021 = (FIXTURES / "rules" / "S101" / "fail.md").read_text(encoding="utf-8")  # the 2021 template

# In the seed report: "以区政府门户网站为平台，主动公开信息135条", and a narrative breakdown
# "共对辖区的工程类、政府采购项目备案共173个，其中工程类126个、政府采购47个".
PUBLISHED = "主动公开信息135条"
PARTS = "其中工程类126个、政府采购47个"
assert PUBLISHED in SEED and PARTS in SEED


def audits_or_refuses(text: str, suffix: str = ".txt") -> None:
    check_contract(text.encode("utf-8"), suffix)


@pytest.mark.parametrize("numeral", ["零十一", "百十五", "八亿五", "十十", "万七"])
def test_unusual_chinese_numeral_in_a_narrative_figure(numeral):
    """cn2an raised KeyError (零十一, 百十五, 八亿五) or ValueError (十十, 万七) out of parse_chinese."""
    audits_or_refuses(SEED.replace(PUBLISHED, f"主动公开信息{numeral}条"))


@pytest.mark.parametrize("numeral", ["零十一", "百十五", "八亿五", "十十", "万七"])
def test_unusual_chinese_numeral_as_a_part_and_in_a_table(numeral):
    """The same numerals as a part of a breakdown and as a table cell."""
    text = SEED.replace(PARTS, f"其中工程类{numeral}个、政府采购47个").replace("| 条 | 135 |", f"| 条 | {numeral} |")
    audits_or_refuses(text)


@pytest.mark.parametrize("ruled", [False, True], ids=["no-rulings", "ruled"])
@pytest.mark.parametrize("report", ["seed", "new2021", "new2021-joined"])
def test_pdf_with_a_text_layer(report, ruled):
    """A PDF whose tables are words aligned in columns, with no ruling lines (and the same
    report ruled, for comparison)."""
    text = {"seed": SEED, "new2021": NEW_2021, "new2021-joined": "".join(NEW_2021.splitlines())}[report]
    check_contract(render.to_pdf(text, ruled=ruled), ".pdf")


@pytest.mark.parametrize("size", [5, 20])
def test_pdf_with_a_text_layer_at_odd_sizes(size):
    check_contract(render.to_pdf(NEW_2021, ruled=False, size=size), ".pdf")


def test_share_stated_with_30_decimals():
    """A share that does not reproduce, stated to 30 places: _show_ratio's quantize needed 34
    digits (InvalidOperation at auditor/check/arithmetic.py)."""
    share = "72." + "8" * 30
    audits_or_refuses(SEED.replace(PARTS, f"{PARTS}，工程类占{share}%"))


def test_share_stated_with_30_decimals_that_reproduces():
    with localcontext() as ctx:
        ctx.prec = 40
        share = str((Decimal(47) * 100 / Decimal(173)).quantize(Decimal("1e-30")))
    audits_or_refuses(SEED.replace(PARTS, f"{PARTS}，政府采购占{share}%"))


@pytest.mark.parametrize("with_share", [False, True], ids=["breakdown", "breakdown-and-share"])
def test_huge_part(with_share):
    """A part of 30 digits: the breakdown's sum, and a share of it (InvalidOperation in
    _show_ratio before)."""
    huge = "1" * 30
    share = "，占72.8%" if with_share else ""
    audits_or_refuses(SEED.replace(PARTS, f"其中工程类{huge}个{share}、政府采购47个"))


def test_huge_total():
    audits_or_refuses(SEED.replace("共173个", "共" + "9" * 30 + "个"))


def test_table_cell_1_dot_dot_2_in_a_markdown_table():
    audits_or_refuses(NEW_2021.replace("| 行政许可 | 2293 |", "| 行政许可 | 1..2 |"), ".md")


def test_table_cell_1_dot_dot_2_in_the_seed_table():
    audits_or_refuses(SEED.replace("| 条 | 135 |", "| 条 | 1..2 |"))


def test_table_cell_1_dot_dot_2_in_a_table_written_as_running_text():
    """A converted page puts the table on one line: '…行政许可1..2 第二十条…'. The flow reader
    gave the cell to Decimal() (InvalidOperation at auditor/extract/flow.py)."""
    joined = "".join(line.strip("| ").replace(" | ", "") for line in NEW_2021.splitlines())
    assert "行政许可2293" in joined
    audits_or_refuses(joined.replace("行政许可2293", "行政许可1..2"))


def test_table_cell_1_dot_dot_2_in_a_real_converted_page(real):
    text = (real / "pingtan-2021.txt").read_text(encoding="utf-8")
    assert "行政许可2293" in text
    audits_or_refuses(text.replace("行政许可2293", "行政许可1..2"))



@pytest.mark.parametrize("media_box", [b"", b"/MediaBox [0 0 595]", b"/MediaBox (abc)", b"/MediaBox [0 0 0 0]",
                                       b"/MediaBox [0 0 1e400 842]"],
                         ids=["missing", "three-numbers", "a-string", "empty", "huge"])
def test_pdf_page_with_a_broken_media_box(media_box):
    """Found by scripts/fuzz (a bit flipped in /MediaBox): pdfplumber's Page raised TypeError
    ('NoneType' object is not iterable) out of auditor/load/pdf (load_bytes)."""
    data = render.to_pdf("一、概述\n2021年，主动公开政府信息12条。")
    assert b"/MediaBox [0 0 595 842]" in data
    check_contract(data.replace(b"/MediaBox [0 0 595 842]", media_box), ".pdf")


@pytest.mark.parametrize("shape", ["lines", "one-sentence"])
def test_many_shares_take_linear_time(shape):
    """Found by probing long inputs: each share scanned every figure of the report to find its
    part and wholes (auditor/check/arithmetic.py, check_share: _part_of, _wholes): 2000 lines of
    '共100条，其中1条占1%，2条占2%。' took 10 s, 3000 shares in one sentence over 30 s."""
    if shape == "lines":
        text = "\n".join(["共100条，其中1条占1%，2条占2%。"] * 3000)
    else:
        text = "共100条，其中" + "，".join(["1条占1%"] * 3000) + "。"
    audits_or_refuses(text)


def _wide_row_table(kind: str, rows: int = 150, width: int = 20_000) -> tuple[bytes, str]:
    """A statistics table of `rows` ordinary rows and one row of `width` cells."""
    if kind == "html":
        body = "<tr><td>1.政府网站公开政府信息数</td><td>条</td><td>135</td></tr>" * rows
        return f"<html><body><table>{body}<tr>{'<td>1</td>' * width}</tr></table></body></html>\n".encode(), ".html"
    if kind == "tabs":
        text = "统计指标\t单位\t统计数\n" + "1.政府网站公开政府信息数\t条\t135\n" * rows + "\t1" * width + "\n"
        return text.encode(), ".txt"
    text = ("| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n" + "| 1.政府网站公开政府信息数 | 条 | 135 |\n" * rows
            + "|" + " 1 |" * width + "\n")
    return text.encode(), ".md"


@pytest.mark.parametrize("kind", ["markdown", "tabs", "html"])
def test_one_very_wide_row_does_not_pad_the_table_for_ever(kind):
    """Found by scripts/fuzz (a table row repeated within its line): short rows are padded to
    the widest, 151 × 20,000 = 3 million cells from a 100 KB file, with no MAX_TABLE_CELLS check
    in the text loader (auditor/load/text.py, _table) nor after padding in the HTML loader
    (auditor/load/html.py, _table): 10–15 s, then as long again to match templates. DOCX checks
    width × rows already."""
    check_contract(*_wide_row_table(kind))
