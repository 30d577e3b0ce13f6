"""Numbers as reports write them: Arabic or Chinese numerals, units, approximations.

A `Quantity` keeps the value as a `Decimal` together with the precision it was stated at,
so that comparisons can treat a rounded figure as the range it stands for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Bound = Literal["exact", "at_least", "at_most", "about"]
Dimension = Literal["count", "money", "percent", "points", "none"]

# Units reports put after counts. Longest first so that 人次 wins over 人, 万元 over 万.
COUNT_UNITS = (
    "人次", "条", "件", "个", "次", "篇", "期", "人", "家", "份", "项", "起", "场", "批", "名", "户", "宗", "封", "部",
)
MONEY_UNITS = {"亿元": Decimal("1e8"), "万元": Decimal("1e4"), "元": Decimal(1)}
PERCENT_UNITS = ("%", "％", "个百分点")
ALL_UNITS = sorted([*COUNT_UNITS, *MONEY_UNITS, *PERCENT_UNITS], key=len, reverse=True)

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
CN_NUMERAL_CHARS = CN_DIGITS + CN_UNITS
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

# Words around a number that make it a bound, never an equality.
_BEFORE = {"近": "at_most", "将近": "at_most", "接近": "at_most", "不到": "at_most", "不足": "at_most",
           "约": "about", "大约": "about", "超过": "at_least", "逾": "at_least"}
_AFTER = {"余": "at_least", "多": "at_least", "以上": "at_least", "以下": "at_most", "左右": "about"}

ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
CHINESE = rf"[{CN_NUMERAL_CHARS}]+"
NUMBER = rf"(?:{ARABIC}(?:[万亿](?![元]))?|{CHINESE})"

_MAGNITUDE = {"万": 4, "亿": 8}
_MINUS = "-−－"


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
        if self.unit in ("%", "％"):
            return "percent"
        if self.unit == "个百分点":
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
    """'1,234.50' → (Decimal('1234.50'), -2). Accepts full-width digits and ， separators."""
    plain = to_halfwidth(text).replace(",", "")
    value = Decimal(plain)
    return value, int(value.as_tuple().exponent)


def parse_chinese(text: str) -> tuple[Decimal, int]:
    """'一千三百' → (1300, 0); '两' → (2, 0); '二〇一八' → (2018, 0) read digit by digit."""
    if not text or any(c not in CN_NUMERAL_CHARS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(c in CN_UNITS for c in text):  # 二〇一八: digits in sequence
        value = int("".join(str(_CN_DIGIT_VALUE[c]) for c in text))
        return Decimal(value), 0
    import cn2an  # imported here: it costs ~0.1 s and most reports need it rarely

    # Counts written in words are exact: 一千三百条 means 1300, not "about 1300".
    return Decimal(int(cn2an.cn2an(text.replace("两", "二"), "smart"))), 0


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
    rf"(?P<before>将近|接近|不到|不足|大约|超过|近|约|逾)?"
    rf"(?P<number>{NUMBER})"
    rf"(?P<after1>余|多)?"
    rf"(?:[ \u3000]?(?P<unit>{'|'.join(map(re.escape, ALL_UNITS))}))?"
    rf"(?P<after2>以上|以下|左右)?"
)


def parse_quantity(text: str) -> Quantity:
    """A whole figure as written: '180余条', '近2万', '1,629,323.82万元', '两篇', '5.33%', '-18'.

    Raises ValueError when `text` is not exactly one figure."""
    text = text.strip()
    sign = -1 if text[:1] in _MINUS else 1  # 本年增/减 cells: -18
    match = _QUANTITY.fullmatch(text[1:] if text[:1] in _MINUS + "+" else text)
    if not match:
        raise ValueError(f"not a figure: {text!r}")
    quantity = quantity_from_match(match)
    if sign < 0:
        quantity = Quantity(-quantity.value, quantity.exponent, quantity.unit, quantity.bound, text)
    return quantity


def quantity_from_match(match: re.Match[str]) -> Quantity:
    value, exponent = parse_number(match["number"])
    unit = match["unit"]
    if unit == "％":
        unit = "%"
    if unit in MONEY_UNITS:
        factor = MONEY_UNITS[unit]
        value, exponent = value * factor, exponent + int(factor.adjusted())
    bound: Bound = "exact"
    for word, table in ((match["before"], _BEFORE), (match["after1"], _AFTER), (match["after2"], _AFTER)):
        if word:
            bound = table[word]  # type: ignore[assignment]
    return Quantity(value=value, exponent=exponent, unit=unit, bound=bound, text=match.group(0))


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
