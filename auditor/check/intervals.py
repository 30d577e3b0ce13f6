"""Interval arithmetic on stated figures: a rounded figure stands for the range it was rounded from.

Sums are taken in the wide decimal context: a figure of 30 digits must not be rounded to 28."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from auditor.model.numbers import MONEY_UNITS, Quantity, wide

Interval = tuple[Decimal | None, Decimal | None]  # None: unbounded on that side


@wide
def total(quantities: Iterable[Quantity]) -> Interval:
    lo: Decimal | None = Decimal(0)
    hi: Decimal | None = Decimal(0)
    for q in quantities:
        q_lo, q_hi = q.interval()
        lo = None if lo is None or q_lo is None else lo + q_lo
        hi = None if hi is None or q_hi is None else hi + q_hi
    return lo, hi


def overlaps(a: Interval, b: Interval) -> bool:
    """Could both statements be true of one value?"""
    return not (greater(a, b) or greater(b, a))


def greater(a: Interval, b: Interval) -> bool:
    """Is every value `a` allows larger than every value `b` allows?"""
    return a[0] is not None and b[1] is not None and a[0] > b[1]


@wide
def point(values: Iterable[Quantity]) -> Decimal:
    """The sum of the stated values, for display."""
    return sum((q.value for q in values), Decimal(0))


@wide
def show(value: Decimal, unit: str | None = None) -> str:
    """A value in the unit it is shown in, without exponent notation: 16293238200 元 in 万元 → 1629323.82."""
    factor = MONEY_UNITS.get(unit or "", Decimal(1))
    text = format((value / factor).normalize(), "f")
    return text
