"""Tests for auditor.model.numbers: how reports write numbers, units and approximations.

See ../shared/reference/report-formats.md §7: Arabic numbers with , or ，, full-width digits,
Chinese numerals (两篇, 十二, 一千三百), units 万 / 亿 / 万元, and approximations that state bounds.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import audit
from auditor.check import intervals as iv
from auditor.extract.narrative import figures_in
from auditor.model.document import Location, Segment, TextBlock
from auditor.model.numbers import (
    ALL_UNITS,
    CN_NUMERAL_CHARS,
    MAX_DIGITS,
    MONEY_UNITS,
    parse_arabic,
    parse_chinese,
    parse_number,
    parse_quantity,
    quantity_from_match,
    quantity_pattern,
    with_unit,
)
from auditor.model.report import Report

D = Decimal

# ---------------------------------------------------------------------------------------------
# Bare numbers


@pytest.mark.parametrize(
    ("text", "value", "exponent"),
    [
        ("0", D(0), 0),
        ("135", D(135), 0),
        ("1,234", D(1234), 0),
        ("1，234", D(1234), 0),
        ("1,629,323", D(1629323), 0),
        ("1，629，323", D(1629323), 0),
        ("1,629,323.82", D("1629323.82"), -2),
        ("5.33", D("5.33"), -2),
        ("1.50", D("1.50"), -2),  # a trailing zero is stated precision
        ("0.00", D(0), -2),
        ("１２３", D(123), 0),
        ("５．３３", D("5.33"), -2),
        ("１，２３４．５", D("1234.5"), -1),
        ("2万", D(20000), 4),
        ("1.5亿", D(150000000), 7),
        ("2.5万", D(25000), 3),
        ("12,345万", D(123450000), 4),
        ("２万", D(20000), 4),
    ],
)
def test_parse_arabic_numbers(text: str, value: Decimal, exponent: int) -> None:
    assert parse_number(text) == (value, exponent)


def test_arabic_precision_is_kept_not_normalised() -> None:
    # '1.50' and '1.5' are equal values stated at different precisions.
    assert parse_arabic("1.50")[1] == -2
    assert parse_arabic("1.5")[1] == -1
    assert str(parse_number("1.50")[0]) == "1.50"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两", 2),
        ("零", 0),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("一千三百", 1300),
        ("两千", 2000),
        ("两万", 20000),
        ("二十万零五", 200005),
        ("二〇一八", 2018),
        ("二零一九", 2019),
    ],
)
def test_parse_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese(text) == (D(value), 0)
    assert parse_number(text) == (D(value), 0)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("百十五", 115),  # 一百一十五 as people say it
        ("一百十五", 115),
        ("零十一", 11),  # a leading 零 is filler
        ("八亿五", 850_000_000),  # X亿Y: Y千万 (8.5亿)
        ("万七", 17_000),  # X万Y: Y千, 一 left out
        ("一万五", 15_000),
        ("一千五", 1_500),
        ("一百五", 150),
        ("一千零五", 1_005),  # 零 says the digit is not abbreviated
        ("一万五百", 10_500),  # a 零 left out
        ("一十五", 15),
        ("两百", 200),
        ("一万亿", 10**12),
        ("三万五千亿", 35 * 10**11),
        ("一亿亿", 10**16),
        ("一亿零一亿", 100_000_001 * 10**8),  # N亿 for any N
        ("二〇一八", 2018),
        ("一九九八", 1998),
        ("八亿五万", 800_050_000),
        ("一千〇五", 1_005),
        ("〇", 0),
        ("壹佰贰拾叁", 123),  # financial forms
        ("贰万零伍佰", 20_500),
    ],
)
def test_parse_chinese_colloquial_and_unusual_numerals(text: str, value: int) -> None:
    assert parse_chinese(text) == (D(value), 0)


def test_a_cell_in_financial_numerals() -> None:
    q = parse_quantity("贰佰万元")
    assert (q.value, q.dimension, q.text) == (D(2_000_000), "money", "贰佰万元")


@pytest.mark.parametrize(
    "text",
    ["十十", "百百", "三百四千", "三五十", "五六", "十五六", "一两", "一千五万", "一万五亿", "一亿五亿", "万万", "亿万", "千万",
     "百万", "万", "亿", "百", "千", "零万", "两两", "一零五十", "一" * (MAX_DIGITS + 1), "九" + "亿" * 6],
)
def test_parse_chinese_rejects_what_is_not_one_number(text: str) -> None:
    # 三五十 is "thirty to fifty", 五六 "five or six", 千万 "by all means", 亿万 "countless": no one number.
    with pytest.raises(ValueError):
        parse_chinese(text)


@pytest.mark.parametrize("text", ["abc", "", "1.2.3", "1..2", "1,23", "1e5", "NaN", "Infinity", "万", "2018年", "-5"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text", ["abc", "", "1.2.3", "1..2", "1..2条", "一x", "条", "5条条", "2018年", "约", "十十条"])
def test_parse_quantity_rejects_non_figures(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(text)


@pytest.mark.parametrize("text", ["abc", "", "一x", "12"])
def test_parse_chinese_rejects_non_chinese(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese(text)


@pytest.mark.parametrize("text", ["1..2", "1.2.3", "1e5", "NaN", "", "1 2"])
def test_parse_arabic_raises_value_error_only(text: str) -> None:
    # Decimal('1..2') raises InvalidOperation, which callers catching ValueError would miss.
    with pytest.raises(ValueError):
        parse_arabic(text)


def test_a_figure_of_more_than_max_digits_is_not_a_figure() -> None:
    assert parse_arabic("9" * MAX_DIGITS)[0] == D("9" * MAX_DIGITS)
    with pytest.raises(ValueError):
        parse_arabic("9" * (MAX_DIGITS + 1))
    with pytest.raises(ValueError):
        parse_quantity("0." + "0" * MAX_DIGITS + "1%")


def test_figures_beyond_28_digits_are_not_rounded() -> None:
    huge = parse_quantity("99999999999999999999999999999999条")
    assert huge.value == D("99999999999999999999999999999999")
    assert iv.total([huge, parse_quantity("47条")]) == (D("100000000000000000000000000000046"),) * 2
    share = parse_quantity("33.333333333333333333333333333333%")
    assert share.interval() == (D("33.3333333333333333333333333333325"), D("33.3333333333333333333333333333335"))
    assert parse_quantity("-" + "9" * 32 + "亿元").value == D("-" + "9" * 32 + "0" * 8)
    assert parse_quantity("9" * 32 + "亿").value == D("9" * 32 + "0" * 8)


# ---------------------------------------------------------------------------------------------
# Units


@pytest.mark.parametrize(
    ("text", "value", "unit", "dimension"),
    [
        ("28条", D(28), "条", "count"),
        ("3件", D(3), "件", "count"),
        ("5个", D(5), "个", "count"),
        ("4次", D(4), "次", "count"),
        ("两篇", D(2), "篇", "count"),
        ("37期", D(37), "期", "count"),
        ("12人", D(12), "人", "count"),
        ("12人次", D(12), "人次", "count"),
        ("十二家", D(12), "家", "count"),
        ("１２３条", D(123), "条", "count"),
        ("100元", D(100), "元", "money"),
        ("5.33%", D("5.33"), "%", "percent"),
        ("5.33％", D("5.33"), "%", "percent"),  # full-width % is the same unit
        ("3个百分点", D(3), "个百分点", "points"),
        ("0.5个百分点", D("0.5"), "个百分点", "points"),
    ],
)
def test_units(text: str, value: Decimal, unit: str, dimension: str) -> None:
    q = parse_quantity(text)
    assert (q.value, q.unit, q.dimension, q.bound) == (value, unit, dimension, "exact")
    assert q.text == text


@pytest.mark.parametrize(("text", "unit"), [("28 条", "条"), ("28\u3000条", "条"), ("5.33 %", "%"), ("180余 条", "条")])
def test_a_space_before_the_unit(text: str, unit: str) -> None:
    # PDF text often puts a space between a number and its unit.
    q = parse_quantity(text)
    assert q.unit == unit
    assert q.value == parse_quantity(text.replace(" ", "").replace("\u3000", "")).value


def test_person_times_is_not_read_as_persons() -> None:
    assert parse_quantity("2000人次").unit == "人次"
    assert parse_quantity("近2万人次").unit == "人次"
    assert parse_quantity("2000人").unit == "人"


def test_percentage_points_are_not_read_as_a_count_of_items() -> None:
    q = parse_quantity("2.5个百分点")
    assert q.unit == "个百分点" and q.dimension == "points"


@pytest.mark.parametrize(
    ("text", "value", "exponent"),
    [
        ("1629323.82万元", D(16293238200), 2),
        ("1,629,323.82万元", D(16293238200), 2),
        ("0.5万元", D(5000), 3),
        ("2万元", D(20000), 4),
        ("1.5亿元", D(150000000), 7),
        ("2亿元", D(200000000), 8),
        ("100元", D(100), 0),
        ("12.50元", D("12.50"), -2),
        ("五万元", D(50000), 0),  # Chinese numeral with 万, then 元
    ],
)
def test_money_is_converted_to_yuan(text: str, value: Decimal, exponent: int) -> None:
    q = parse_quantity(text)
    assert q.dimension == "money"
    assert (q.value, q.exponent) == (value, exponent)


def test_money_in_wan_and_yuan_compare_equal() -> None:
    assert parse_quantity("1629323.82万元").value == parse_quantity("16293238200元").value


# ---------------------------------------------------------------------------------------------
# Approximations and intervals


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("180余条", D(180), "at_least"),
        ("2000多人", D(2000), "at_least"),
        ("100以上", D(100), "at_least"),
        ("超过100件", D(100), "at_least"),
        ("逾100件", D(100), "at_least"),
        ("2万余人", D(20000), "at_least"),
        ("近2万", D(20000), "at_most"),
        ("将近5万人次", D(50000), "at_most"),
        ("接近300件", D(300), "at_most"),
        ("不到100", D(100), "at_most"),
        ("不足10件", D(10), "at_most"),
        ("12条以下", D(12), "at_most"),
        ("约300", D(300), "about"),
        ("大约300条", D(300), "about"),
        ("300左右", D(300), "about"),
        ("300条左右", D(300), "about"),
        ("300", D(300), "exact"),
    ],
)
def test_approximations_set_the_bound(text: str, value: Decimal, bound: str) -> None:
    q = parse_quantity(text)
    assert (q.value, q.bound) == (value, bound)


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("28条", (D(28), D(28))),  # an exact count is a point
        ("一千三百条", (D(1300), D(1300))),  # counts in words are exact too
        ("0件", (D(0), D(0))),
        ("5.33%", (D("5.325"), D("5.335"))),
        ("1.50%", (D("1.495"), D("1.505"))),
        ("1.5%", (D("1.45"), D("1.55"))),
        ("2万", (D(15000), D(25000))),
        ("1629323.82万元", (D(16293238150), D(16293238250))),
        ("180余条", (D(180), None)),  # at least: no upper bound
        ("100以上", (D(100), None)),
        ("近2万", (None, D(20000))),  # at most: no lower bound
        ("不到100", (None, D(100))),
    ],
)
def test_intervals(text: str, interval: tuple[Decimal | None, Decimal | None]) -> None:
    assert parse_quantity(text).interval() == interval


@pytest.mark.parametrize("text", ["约300", "300左右", "大约5.33%"])
def test_about_is_a_two_sided_range_around_the_value(text: str) -> None:
    q = parse_quantity(text)
    lo, hi = q.interval()
    assert lo is not None and hi is not None
    assert lo < q.value < hi


# ---------------------------------------------------------------------------------------------
# with_unit: a bare table cell takes the unit of its 单位 column


def test_with_unit_adds_a_count_unit() -> None:
    q = with_unit(parse_quantity("28"), "条")
    assert (q.value, q.unit, q.bound) == (D(28), "条", "exact")


def test_with_unit_rescales_money() -> None:
    q = with_unit(parse_quantity("0.5"), "万元")
    assert (q.value, q.exponent, q.dimension) == (D(5000), 3, "money")
    q = with_unit(parse_quantity("1,629,323.82"), "万元")
    assert (q.value, q.exponent) == (D(16293238200), 2)


def test_with_unit_keeps_the_bound() -> None:
    q = with_unit(parse_quantity("180余"), "条")
    assert (q.value, q.unit, q.bound) == (D(180), "条", "at_least")
    q = with_unit(parse_quantity("100以上"), "条")
    assert (q.value, q.unit, q.bound) == (D(100), "条", "at_least")


@pytest.mark.parametrize(
    ("text", "yuan"), [("100以上", D(1_000_000)), ("300左右", D(3_000_000)), ("10以下", D(100_000))]
)
def test_with_unit_rescales_money_when_a_bound_word_follows(text: str, yuan: Decimal) -> None:
    q = with_unit(parse_quantity(text), "万元")
    assert q.dimension == "money"
    assert q.value == yuan, f"with_unit({text!r}, '万元'): a money Quantity is in 元, got {q.value}"
    assert q.unit == "万元"


def test_with_unit_displays_the_figure_with_its_unit() -> None:
    # Findings quote a table figure with the unit its 单位 column gave it.
    assert with_unit(parse_quantity("28"), "条").display == "28条"
    assert with_unit(parse_quantity("0.5"), "万元").display == "0.5万元"
    assert with_unit(parse_quantity("5.33"), "％").unit == "%"
    assert parse_quantity("28条").display == "28条"
    assert parse_quantity("5.33％").display == "5.33％"


def test_with_unit_leaves_a_stated_unit_alone() -> None:
    q = parse_quantity("28条")
    assert with_unit(q, "件") == q


def test_with_unit_ignores_unknown_units() -> None:
    q = parse_quantity("28")
    assert with_unit(q, "米") == q
    assert with_unit(q, "") == q


def test_quantity_pattern_finds_figures_in_running_text() -> None:
    found = [m.group(0) for m in quantity_pattern().finditer("主动公开信息180余条，访问量近2万人次，占5.33%。")]
    assert found == ["180余条", "近2万人次", "5.33%"]


# ---------------------------------------------------------------------------------------------
# Properties

FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@st.composite
def decimals_as_written(draw) -> tuple[str, Decimal]:
    whole = draw(st.integers(0, 10**13))
    places = draw(st.integers(0, 4))
    frac = draw(st.integers(0, 10**places - 1)) if places else 0
    digits = f"{whole}.{frac:0{places}d}" if places else str(whole)
    sep = draw(st.sampled_from([",", "，"]))
    text = f"{whole:,}".replace(",", sep) + (f".{frac:0{places}d}" if places else "")
    if draw(st.booleans()):
        text = text.translate(FULLWIDTH)
    return text, Decimal(digits)


@given(decimals_as_written())
def test_property_arabic_round_trip(case: tuple[str, Decimal]) -> None:
    text, expected = case
    value, exponent = parse_number(text)
    assert value == expected
    assert exponent == expected.as_tuple().exponent


CN_DIGIT = "零一二三四五六七八九"


def render(n: int, liang: bool = False, one_ten: bool = False, zero: str = "零", first: bool = True) -> str:
    """n in standard Chinese numerals, independently of the parser: 亿 and 万 split the number
    (亿亿 beyond 10^16), one 零 (or 〇) stands for a run of internal zeros, 两 (if `liang`) for a 2
    before 百千万亿, and a leading 1 before 十 is left out unless `one_ten` (十五 / 一十五)."""
    if n == 0:
        return zero
    for size, unit in ((8, "亿"), (4, "万")):
        if n >= 10**size:
            high, low = divmod(n, 10**size)
            text = ("两" if liang and high == 2 else render(high, liang, one_ten, zero, first)) + unit
            if low:  # 一亿零五, 一万零五百: a 零 where the digit after the unit is missing
                text += (zero if low < 10 ** (size - 1) else "") + render(low, liang, one_ten, zero, False)
            return text
    text, gap = "", False
    for power, unit in ((3, "千"), (2, "百"), (1, "十"), (0, "")):
        digit = n // 10**power % 10
        if not digit:
            gap = bool(text)
            continue
        if gap:
            text += zero
        gap = False
        if power == 1 and digit == 1 and first and not text and not one_ten:
            text += "十"
        else:
            text += ("两" if liang and digit == 2 and power >= 2 else CN_DIGIT[digit]) + unit
    return text


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "零"), (10, "十"), (15, "十五"), (105, "一百零五"), (110, "一百一十"), (1005, "一千零五"),
     (10010, "一万零一十"), (150000, "十五万"), (100000005, "一亿零五"), (100500000, "一亿零五十万"),
     (110000000, "一亿一千万"), (10**12, "一万亿"), (10**16, "一亿亿"), (2222, "二千二百二十二")],
)
def test_render_is_the_standard_form(n: int, text: str) -> None:
    assert render(n) == text


def test_render_variants() -> None:
    assert render(2222, liang=True) == "两千两百二十二"
    assert render(20000, liang=True) == "两万"
    assert render(15, one_ten=True) == "一十五"
    assert render(1005, zero="〇") == "一千〇五"


# Any number up to 10^20 (亿亿 and N亿 with N ≥ 1亿), and numbers with runs of zeros (零).
NUMBERS = st.one_of(
    st.integers(0, 10**12),
    st.integers(0, 10**20),
    st.lists(st.sampled_from("0001259"), min_size=1, max_size=21).map(lambda digits: int("".join(digits))),
)


@settings(deadline=None)
@given(NUMBERS, st.booleans(), st.booleans(), st.sampled_from(["零", "〇"]))
def test_property_chinese_round_trip(n: int, liang: bool, one_ten: bool, zero: str) -> None:
    text = render(n, liang, one_ten, zero)
    assert parse_chinese(text) == (D(n), 0), text


BEFORE = ["", "将近", "接近", "不到", "不足", "大约", "超过", "近", "约", "逾"]
AFTER1 = ["", "余", "多"]
AFTER2 = ["", "以上", "以下", "左右"]


@st.composite
def figure_texts(draw) -> str:
    """'<number><unit>' as reports write it, with any approximation words around it."""
    unit = draw(st.sampled_from(ALL_UNITS))
    if draw(st.booleans()):
        # Chinese numerals; before 万元/亿元 only a number under 一万 makes sense (三千万元, not 零亿元).
        top = 9_999 if unit in ("万元", "亿元") else 99_999_999
        number = render(draw(st.integers(1 if top == 9_999 else 0, top)), draw(st.booleans()))
    else:
        number, _ = draw(decimals_as_written())
        number += draw(st.sampled_from(["", "", "万", "亿"]))
    before, after1, after2 = draw(st.sampled_from(BEFORE)), draw(st.sampled_from(AFTER1)), draw(st.sampled_from(AFTER2))
    return before + number + after1 + unit + after2


@settings(deadline=None)
@given(figure_texts())
def test_property_interval_contains_value(text: str) -> None:
    q = parse_quantity(text)
    lo, hi = q.interval()
    assert lo is None or lo <= q.value
    assert hi is None or q.value <= hi
    assert lo is None or hi is None or lo <= hi
    # Only a one-sided bound leaves a side open.
    assert (lo is None) == (q.bound == "at_most")
    assert (hi is None) == (q.bound == "at_least")


# Filler that contains no numeral, unit, approximation word, 第, 《》, 性/化/体 or sentence end.
FILLER = st.text(alphabet="政府信息公开工作报告年度本机关主动网站平台答复申请受理办结", max_size=12)


@given(
    FILLER,
    st.integers(0, 10**9),
    st.sampled_from([None, ",", "，"]),
    st.booleans(),
    st.sampled_from(ALL_UNITS),
    FILLER,
    st.sampled_from(["", "。", "；"]),
)
def test_property_figures_in_finds_embedded_figure(
    before: str, n: int, sep: str | None, fullwidth: bool, unit: str, after: str, end: str
) -> None:
    number = f"{n:,}".replace(",", sep) if sep else str(n)
    if fullwidth:
        number = number.translate(FULLWIDTH)
    figure = number + unit
    text = before + figure + after + end
    block = TextBlock("paragraph", text, [Segment(offset=0, line=1, column=1)])

    found = figures_in(block)

    assert len(found) == 1, [f.quantity for f in found]
    fig = found[0]
    assert (fig.start, fig.end) == (len(before), len(before) + len(figure))
    assert text[fig.start:fig.end] == figure
    assert fig.quantity.value == n * MONEY_UNITS.get(unit, D(1))
    assert fig.quantity.unit == ("%" if unit == "％" else unit)
    assert fig.quantity.bound == "exact"
    assert fig.sentence == text
    assert fig.location == Location(line=1, column=len(before) + 1)



# ---------------------------------------------------------------------------------------------
# Totality: any text is read as a number or is "not a number" (ValueError), nothing else

NUMERAL_TEXT = st.text(alphabet=CN_NUMERAL_CHARS + "壹贰叁肆伍陆柒捌玖拾佰仟萬億兩", max_size=16)
FIGURE_TEXT = st.text(alphabet=CN_NUMERAL_CHARS + "0123456789０９.,，．-+ 余多约近超过以上下左右占条件人次万元亿%％个百分点，。", max_size=30)
ANY_TEXT = st.one_of(NUMERAL_TEXT, FIGURE_TEXT, st.text(max_size=30))


@settings(deadline=None)
@given(ANY_TEXT)
def test_property_parse_chinese_is_total(text: str) -> None:
    try:
        value, exponent = parse_chinese(text)
    except ValueError:
        return
    assert exponent == 0 and value >= 0 and value == value.to_integral() and value < 10**MAX_DIGITS


@settings(deadline=None)
@given(ANY_TEXT)
def test_property_parse_number_and_quantity_are_total(text: str) -> None:
    for parse in (parse_number, parse_quantity):
        try:
            parse(text)
        except ValueError:
            pass


@settings(deadline=None)
@given(ANY_TEXT)
def test_property_scanning_running_text_is_total(text: str) -> None:
    for match in quantity_pattern().finditer(text):
        try:
            quantity = quantity_from_match(match)
        except ValueError:
            continue
        quantity.interval()
    figures_in(TextBlock("paragraph", text, [Segment(offset=0, line=1, column=1)]))


# ---------------------------------------------------------------------------------------------
# Regressions: inputs that used to crash the pipeline (cn2an's KeyError, decimal.InvalidOperation)

SEED = Path(__file__).parent.parent / "fixtures" / "seed-xishan-2018.txt"
SEED_SENTENCE = "办件944件,其中窗口办理763件,网上申办181件"
SEED_BREAKDOWN = "共173个,其中工程类126个、政府采购47个"
SEED_CELL = "主动公开规范性文件数 | 件 | 20 |"


def test_unusual_numerals_in_a_sentence() -> None:
    text = "全年办件零十一件，其中窗口办理百十五件、网上申办八亿五件，另有十十件、万七件。"
    block = TextBlock("paragraph", text, [Segment(offset=0, line=1, column=1)])
    assert [(f.quantity.text, f.quantity.value) for f in figures_in(block)] == [
        ("零十一件", 11), ("百十五件", 115), ("八亿五件", 850_000_000), ("万七件", 17_000)]  # 十十 is no number


def _audit_seed(tmp_path: Path, old: str, new: str) -> Report:
    seed = SEED.read_text(encoding="utf-8")
    assert old in seed
    path = tmp_path / "report.txt"
    path.write_text(seed.replace(old, new), encoding="utf-8")
    report = audit(path)
    assert isinstance(report, Report)
    return report


def _statuses(report: Report, rule_id: str) -> list[str]:
    return [o.status for o in report.result.outcomes if o.rule.id == rule_id]


def test_report_with_unusual_numerals(tmp_path: Path) -> None:
    report = _audit_seed(tmp_path, SEED_SENTENCE, "办件零十一件,其中窗口办理百十五件、八亿五件、十十件、万七件")
    assert {"零十一件", "百十五件", "八亿五件", "万七件"} <= {f.quantity.text for f in report.extraction.narrative}


def test_report_with_a_share_stated_to_30_decimals(tmp_path: Path) -> None:
    # 126 / 173 = 72.8323699421965317919075144508670…: right to 30 places, so the share passes.
    report = _audit_seed(tmp_path, SEED_BREAKDOWN, "共173个,其中工程类126个，占72.832369942196531791907514450867%、政府采购47个")
    assert _statuses(report, "A103") == ["passed"]
    report = _audit_seed(tmp_path, SEED_BREAKDOWN, "共3个,其中工程类1个，占33.333333333333333333333333333333%、政府采购2个")
    assert _statuses(report, "A103") == ["passed"]


def test_report_with_a_huge_part(tmp_path: Path) -> None:
    report = _audit_seed(tmp_path, SEED_BREAKDOWN, "共173个,其中工程类99999999999999999999999999999999个，占72.83%、政府采购47个")
    assert "failed" in _statuses(report, "A101")  # the part exceeds the total
    assert _statuses(report, "A103") == []  # the list's total is in question: the breakdown rule says so
    report = _audit_seed(tmp_path, SEED_BREAKDOWN,
                         "共300000000000000000000000000000000个,其中工程类100000000000000000000000000000001个，占72.83%、"
                         "政府采购47个")
    (share,) = [o for o in report.result.outcomes if o.rule.id == "A103"]
    assert share.finding is not None
    assert share.finding.params["computed"] == "33.3333%"  # 33 digits divided without rounding at 28


def test_report_with_a_share_of_a_whole_of_zero(tmp_path: Path) -> None:
    report = _audit_seed(tmp_path, SEED_SENTENCE, "办件0件,其中窗口办理763件，占50%")
    assert _statuses(report, "A103") == []  # no ratio to a whole of 0: not assessable, no division by zero


def test_report_with_a_cell_of_two_decimal_points(tmp_path: Path) -> None:
    report = _audit_seed(tmp_path, SEED_CELL, "主动公开规范性文件数 | 件 | 1..2 |")
    assert [d.params["text"] for d in report.result.doubts if d.rule.id == "X101"] == ["1..2"]


def test_report_with_a_non_number_where_a_rule_phrase_expects_a_figure(tmp_path: Path) -> None:
    _audit_seed(tmp_path, "主动公开信息135条", "主动公开信息十十条")


def test_run_together_table_row_with_two_decimal_points(real: Path, tmp_path: Path) -> None:
    text = (real / "pingtan-2021.txt").read_text(encoding="utf-8")
    row = "二、上年结转政府信息公开申请数量0000000"
    assert row in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(row, "二、上年结转政府信息公开申请数量1..2 0 0 0 0 0 0 "), encoding="utf-8")
    assert isinstance(audit(path), Report)


@pytest.mark.parametrize(("text", "interval"), [
    ("百余件", (Decimal(100), None)), ("逾百件", (Decimal(100), None)), ("千余条", (Decimal(1000), None)),
    ("万余条", (Decimal(10000), None)), ("近百件", (None, Decimal(100))), ("近千条", (None, Decimal(1000)))])
def test_a_bare_hundred_or_thousand_with_a_bound_is_one(text: str, interval: tuple) -> None:
    assert parse_quantity(text).interval() == interval


@pytest.mark.parametrize("text", ["百件", "千条", "万人"])
def test_a_bare_hundred_without_a_bound_is_a_word(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(text)
