"""Numbers as reports write them: Arabic or Chinese numerals, units, approximations.

A `Quantity` keeps the value as a `Decimal` together with the precision it was stated at,
so that comparisons can treat a rounded figure as the range it stands for.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Literal, ParamSpec, TypeVar

from auditor.model.words import VOCABULARY, alternation

Bound = Literal["exact", "at_least", "at_most", "about"]
Dimension = Literal["count", "money", "percent", "points", "none"]

# Units reports put after figures (the vocabulary in auditor/model/words.toml). Longest first so
# that 人次 wins over 人, 万元 over 万.
_UNITS = VOCABULARY["units"]
COUNT_UNITS: tuple[str, ...] = tuple(_UNITS["count"])
MONEY_UNITS: dict[str, Decimal] = {unit: Decimal(factor) for unit, factor in _UNITS["money"].items()}  # in 元
_PERCENT: tuple[str, ...] = tuple(_UNITS["percent"])  # % and ％
_POINTS: tuple[str, ...] = tuple(_UNITS["points"])  # 个百分点
PERCENT_UNITS = (*_PERCENT, *_POINTS)
ALL_UNITS = sorted([*COUNT_UNITS, *MONEY_UNITS, *PERCENT_UNITS], key=len, reverse=True)

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
CN_NUMERAL_CHARS = CN_DIGITS + CN_UNITS
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_SMALL = {"十": 1, "百": 2, "千": 3}
# Financial (大写) forms read like the plain ones. Whole cells only: running text is not scanned
# for them, where they stand in words (陆家嘴 would read as 6家, 拾金不昧 as 10).
_FINANCIAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億兩", "一二二三三四五六六七八九十百千万亿两")

# No report states a figure of more digits; a longer one is garbage, not a figure.
MAX_DIGITS = 40
# Figures have at most MAX_DIGITS digits, scaled by at most 10^16 (亿, 亿元): 200 digits hold every
# sum of them exactly and every share of one in another at any stated precision. The default
# 28 digits would round such sums and make quantize() raise InvalidOperation.
WIDE = Context(prec=200)

# Words around a number that make it a bound, never an equality (the vocabulary in
# auditor/model/words.toml), by where they stand: before the number (近2万), right after it (180余条),
# after its unit (50件以上); each as a regular expression too, for the patterns that find figures.
_BOUNDS = VOCABULARY["bounds"]
BOUND_BEFORE: dict[str, Bound] = dict(_BOUNDS["before"])
BOUND_AFTER_NUMBER: dict[str, Bound] = dict(_BOUNDS["after_number"])
BOUND_AFTER_UNIT: dict[str, Bound] = dict(_BOUNDS["after_unit"])
BEFORE, AFTER_NUMBER, AFTER_UNIT = map(alternation, (BOUND_BEFORE, BOUND_AFTER_NUMBER, BOUND_AFTER_UNIT))

ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
CHINESE = rf"[{CN_NUMERAL_CHARS}]+"
NUMBER = rf"(?:{ARABIC}(?:[万亿](?![元]))?|{CHINESE})"

_MAGNITUDE = {"万": 4, "亿": 8}
_MINUS = "-−－"

_P = ParamSpec("_P")
_R = TypeVar("_R")


def wide(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `function` in the WIDE decimal context (figure arithmetic must not round)."""
    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(WIDE):
            return function(*args, **kwargs)
    return run


@dataclass(frozen=True)
class Quantity:
    """A stated figure. `value` is in the base unit (元 for money); `exponent` is the power of
    ten of the last stated digit in that base unit (5.33 → -2, 135 → 0, 2万 → 4)."""

    value: Decimal
    exponent: int
    unit: str | None
    bound: Bound = "exact"
    text: str = ""

    @property
    def dimension(self) -> Dimension:
        if self.unit in MONEY_UNITS:
            return "money"
        if self.unit in _PERCENT:
            return "percent"
        if self.unit in _POINTS:
            return "points"
        return "count" if self.unit else "none"

    @property
    def display(self) -> str:
        """As written, with the unit when the unit came from elsewhere (a table's 单位 column)."""
        if self.unit and self.unit not in self.text and not self.text.endswith(("%", "％")):
            return self.text + self.unit
        return self.text

    @property
    def is_exact_count(self) -> bool:
        return self.dimension in ("count", "none") and self.exponent <= 0 and self.value == self.value.to_integral()

    @wide
    def interval(self) -> tuple[Decimal | None, Decimal | None]:
        """The range of true values this statement allows (None = unbounded)."""
        half = Decimal(0) if self.is_exact_count else Decimal(5) * Decimal(10) ** (self.exponent - 1)
        lo, hi = self.value - half, self.value + half
        if self.bound == "at_least":
            return self.value, None
        if self.bound == "at_most":
            return None, self.value
        if self.bound == "about":
            spread = max(abs(self.value) / 10, half)
            return self.value - spread, self.value + spread
        return lo, hi


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def parse_arabic(text: str) -> tuple[Decimal, int]:
    """'1,234.50' → (Decimal('1234.50'), -2). Accepts full-width digits and ， separators.

    Raises ValueError for anything else ('1..2', '1e5', 'NaN'), or more than MAX_DIGITS digits."""
    if not re.fullmatch(ARABIC, text):
        raise ValueError(f"not an Arabic number: {text!r}")
    plain = to_halfwidth(text).replace(",", "")
    if sum(c.isdigit() for c in plain) > MAX_DIGITS:
        raise ValueError(f"too many digits for a figure: {text!r}")
    value = Decimal(plain)
    return value, int(value.as_tuple().exponent)


def parse_chinese(text: str) -> tuple[Decimal, int]:
    """'一千三百' → (1300, 0); '两' → (2, 0); '二〇一八' → (2018, 0) read digit by digit.

    Colloquial forms are read as a reader takes them: 百十五 115, 一千五 1500, 万七 17000,
    八亿五 850000000, 零十一 11. Raises ValueError for anything that is not one number (十十,
    三五十, 千万, 亿万); never anything else. Counts written in words are exact: exponent 0."""
    plain = text.translate(_FINANCIAL)
    if not plain or any(c not in CN_NUMERAL_CHARS for c in plain):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(plain) > 2 * MAX_DIGITS:
        raise ValueError(f"too long for a figure: {text!r}")
    if not any(c in CN_UNITS for c in plain):  # 二〇一八: digits in sequence
        if "两" in plain and plain != "两":  # 两两 is a word (in pairs), not 22
            raise ValueError(f"not a Chinese numeral: {text!r}")
        first, *rest = (_CN_DIGIT_VALUE[c] for c in plain)
        if first and rest == [first + 1]:
            raise ValueError(f"X or Y, not one number: {text!r}")  # 五六个: five or six
        value = int("".join(str(_CN_DIGIT_VALUE[c]) for c in plain))
    elif not any(c in "一二两三四五六七八九十" for c in plain):
        raise ValueError(f"units without digits are words: {text!r}")  # 千万, 亿万, 千家万户
    else:
        value = _with_units(plain, text)
    if value >= 10**MAX_DIGITS:
        raise ValueError(f"too large for a figure: {text!r}")
    return Decimal(value), 0


def _with_units(plain: str, text: str) -> int:
    """A numeral with 十百千万亿, read left to right; `text` is for error messages."""
    def bad(why: str) -> ValueError:
        return ValueError(f"not one number ({why}): {text!r}")

    done = 0  # read up to the last 亿 (亿亿 multiplies it)
    group = 0  # the 万s since then
    section = 0  # below 万: 千百十 and digits
    digit: int | None = None  # a digit waiting for its unit
    unit = 0  # power of ten of the last unit read; 0 while none is
    small = 4  # the last of 千百十 in this section: the next must be lower
    zero = False  # 零 since the last unit: 一千零五 is 1005, 一千五 is 1500
    wan = False  # a 万 since the last 亿
    for c in plain:
        if c in "零〇":
            if digit is not None:
                raise bad("零 after a digit")
            zero = True
        elif c in _CN_DIGIT_VALUE:
            if digit is not None:
                raise bad("two digits in a row")  # 三五十: thirty to fifty
            digit = _CN_DIGIT_VALUE[c]
        elif c in _CN_SMALL:
            power = _CN_SMALL[c]
            if power >= small:
                raise bad("units out of order")  # 十十, 三百四千
            if digit is None and power > 1 and unit:
                raise bad(f"{c} without a digit")  # only at the start: 百十五 (一百一十五)
            section += (1 if digit is None else digit) * 10**power
            digit, small, unit, zero = None, power, power, False
        else:  # 万 or 亿
            power = _MAGNITUDE[c]
            if digit is not None and 1 < unit <= power and not zero:
                raise bad(f"a digit after a unit before {c}")  # 一千五万: 1005万 or 1500万?
            pending = section + (digit or 0)
            if power == 4:
                if wan or (not pending and unit):
                    raise bad("万 without a digit")  # 万万, 亿万
                group, wan = (pending or 1) * 10**4, True
            else:
                # 亿 multiplies all before it (三万五千亿, 一亿亿, 一亿零一亿); with nothing before, 一亿 (亿五)
                done, group, wan = (done + group + pending or 1) * 10**8, 0, False
            section, digit, small, unit, zero = 0, None, 4, power, False
    if digit is not None:
        # A last digit after 百千万亿 abbreviates the next unit down: 一百五 150, 八亿五 8.5亿.
        section += digit * (10 ** (unit - 1) if unit > 1 and not zero else 1)
    return done + group + section


@wide
def parse_number(text: str) -> tuple[Decimal, int]:
    """A bare number, Arabic (optionally with 万/亿) or Chinese, to (value, exponent)."""
    text = text.strip()
    scale = 0
    if text and text[-1] in _MAGNITUDE and re.fullmatch(ARABIC + "[万亿]", text):
        scale, text = _MAGNITUDE[text[-1]], text[:-1]
    if re.fullmatch(ARABIC, text):
        value, exponent = parse_arabic(text)
    else:
        value, exponent = parse_chinese(text)
    return value.scaleb(scale), exponent + scale


_QUANTITY = re.compile(
    rf"(?P<before>{BEFORE})?"
    rf"(?P<number>{NUMBER})"
    rf"(?P<after1>{AFTER_NUMBER})?"
    rf"(?:[ \u3000]?(?P<unit>{'|'.join(map(re.escape, ALL_UNITS))}))?"
    rf"(?P<after2>{AFTER_UNIT})?"
)


@wide
def parse_quantity(text: str) -> Quantity:
    """A whole figure as written: '180余条', '近2万', '1,629,323.82万元', '两篇', '5.33%', '-18'.

    Raises ValueError when `text` is not exactly one figure."""
    text = text.strip()
    sign = -1 if text[:1] in _MINUS else 1  # 本年增/减 cells: -18
    body = text[1:] if text[:1] in _MINUS + "+" else text
    match = _QUANTITY.fullmatch(body.translate(_FINANCIAL))
    if not match:
        raise ValueError(f"not a figure: {text!r}")
    quantity = quantity_from_match(match)
    return Quantity(sign * quantity.value, quantity.exponent, quantity.unit, quantity.bound,
                    text if sign < 0 else body)


# A unit of counting alone is a number only with a bound word: 百余件 is 一百余件, 百姓 is no figure.
_ROUND_NUMBERS = {"百": 100, "千": 1000, "万": 10000}


@wide
def quantity_from_match(match: re.Match[str]) -> Quantity:
    bounded = match["before"] or match["after1"] or match["after2"]
    if bounded and match["number"] in _ROUND_NUMBERS:  # 百余件, 近千条, 万余条: one hundred, …
        value, exponent = Decimal(_ROUND_NUMBERS[match["number"]]), 0
    else:
        value, exponent = parse_number(match["number"])
    unit = match["unit"]
    if unit == "％":
        unit = "%"
    if unit in MONEY_UNITS:
        factor = MONEY_UNITS[unit]
        value, exponent = value * factor, exponent + int(factor.adjusted())
    bound: Bound = "exact"
    for word, table in ((match["before"], BOUND_BEFORE), (match["after1"], BOUND_AFTER_NUMBER),
                        (match["after2"], BOUND_AFTER_UNIT)):
        if word:
            bound = table[word]  # type: ignore[assignment]
    return Quantity(value=value, exponent=exponent, unit=unit, bound=bound, text=match.group(0))


@wide
def with_unit(quantity: Quantity, unit: str) -> Quantity:
    """'28' in a row whose 单位 column says 条 → 28条; money rescales (0.5 in 万元 → 5000 元)."""
    if quantity.unit or unit not in ALL_UNITS:
        return quantity
    value, exponent = quantity.value, quantity.exponent
    if unit in MONEY_UNITS:
        factor = MONEY_UNITS[unit]
        value, exponent = value * factor, exponent + int(factor.adjusted())
    return Quantity(value, exponent, "%" if unit == "％" else unit, quantity.bound, quantity.text)


def quantity_pattern() -> re.Pattern[str]:
    """The compiled figure pattern, for scanning running text."""
    return _QUANTITY
