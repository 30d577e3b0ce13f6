"""Arithmetic inside the narrative: totals with their breakdowns, and stated shares.

"共…173个，其中工程类126个、政府采购47个" — the parts must not exceed the total, and must add up
to it where the list is complete. "…3933条，占79%" — 79% must come out of part/whole by
rounding or by truncation at the stated precision (reports do both).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.check.model import Outcome
from auditor.extract.model import NarrativeFigure
from auditor.extract.narrative import sentence_at
from auditor.library.schema import BreakdownRule, ShareRule

MARKER = "其中"
SHARE_WORD = "占"
TOTAL_WORDS = ("共", "总", "合计", "累计", "总计")


@dataclass
class Breakdown:
    total: NarrativeFigure
    parts: list[NarrativeFigure]
    complete: bool


def _same_unit(a: NarrativeFigure, b: NarrativeFigure) -> bool:
    return a.quantity.unit == b.quantity.unit


def _is_share(figure: NarrativeFigure) -> bool:
    return figure.quantity.dimension in ("percent", "points")


def breakdowns(ctx: Context) -> Iterator[Breakdown]:
    """Every '…N…，其中 a…、b…' in the narrative with parts in the total's unit."""
    by_block: dict[int, list[NarrativeFigure]] = {}
    for figure in ctx.extraction.narrative:
        by_block.setdefault(id(figure.block), []).append(figure)
    for figures in by_block.values():
        text = figures[0].block.text
        position = text.find(MARKER)
        while position >= 0:
            found = _breakdown_at(text, position, figures)
            if found:
                yield found
            position = text.find(MARKER, position + len(MARKER))


def _breakdown_at(text: str, marker: int, figures: list[NarrativeFigure]) -> Breakdown | None:
    start, end = sentence_at(text, marker)
    parts: list[NarrativeFigure] = []
    for figure in (f for f in figures if marker < f.start < end and not _is_share(f)):
        if parts and not _same_unit(figure, parts[0]):
            break  # "…181件，发布政务动态754条": another kind of thing, the list is over
        parts.append(figure)
    if not parts:
        return None
    before = [f for f in figures if f.end <= marker and _same_unit(f, parts[0]) and not _is_share(f)]
    opening = text[start:marker].strip(" ，,：:")
    candidates = [f for f in before if f.start >= start] if opening else before
    if not candidates:
        return None
    total = candidates[-1]
    if not opening and sentence_at(text, total.start)[1] < start - 2:
        return None  # 其中 opens a sentence: the total must stand in the one just before
    tail = text[parts[-1].end:end]
    complete = (len(parts) >= 2 and not tail.lstrip("）)").startswith("等")
                and all(f.quantity.bound == "exact" for f in (total, *parts)))
    return Breakdown(total, parts, complete)


def check_breakdown(rule: BreakdownRule, ctx: Context) -> list[Outcome]:
    outcomes = []
    for found in breakdowns(ctx):
        total = found.total.quantity
        parts = [p.quantity for p in found.parts]
        if rule.check == "exceeds":
            failed = iv.greater(iv.total(parts), total.interval())
        elif not found.complete:
            continue
        else:  # parts that exceed are the other rule's finding; here: a complete list falls short
            failed = iv.greater(total.interval(), iv.total(parts))
        if not failed:
            outcomes.append(Outcome(rule, "passed"))
            continue
        params = {"total": total.text, "parts_sum": iv.show(iv.point(parts), total.unit),
                  "parts": " + ".join(p.text for p in parts)}
        outcomes.append(ctx.fail(rule, params, expected=params["total"], actual=params["parts_sum"],
                                 figures=[found.total, *found.parts]))
    return outcomes


def check_share(rule: ShareRule, ctx: Context) -> list[Outcome]:
    known = list(breakdowns(ctx))
    outcomes = []
    for share in ctx.extraction.narrative:
        if share.quantity.unit != "%" or not _follows_share_word(share):
            continue
        pair = _part_and_whole(share, ctx.extraction.narrative, known)
        if pair is None:
            continue
        part, whole = pair
        computed = _ratio(part, whole)
        if computed is None:
            continue
        if _reproduces(share, computed):
            outcomes.append(Outcome(rule, "passed"))
            continue
        shown = _show_ratio(part, whole, share)
        params = {"stated": share.quantity.text, "part": part.quantity.text, "whole": whole.quantity.text,
                  "computed": shown}
        outcomes.append(ctx.fail(rule, params, expected=shown, actual=share.quantity.text,
                                 figures=[share, part, whole]))
    return outcomes


def _follows_share_word(share: NarrativeFigure) -> bool:
    """占79%, 占比79%, 占总数的79%: 占 at most eight characters before, in the same clause."""
    lead = share.block.text[max(0, share.start - 8):share.start]
    at = lead.rfind(SHARE_WORD)
    return at >= 0 and not any(c in lead[at:] for c in "，,。；;")


def _part_and_whole(share: NarrativeFigure, figures: list[NarrativeFigure],
                    known: list[Breakdown]) -> tuple[NarrativeFigure, NarrativeFigure] | None:
    text = share.block.text
    sentence_start = sentence_at(text, share.start)[0]
    same_block = [f for f in figures if f.block is share.block and not _is_share(f)]
    before = [f for f in same_block if sentence_start <= f.start < share.start]
    if not before:
        return None
    part = before[-1]
    whole = _breakdown_total(part, known)
    if whole is not None:
        return part, whole
    totals = [f for f in same_block if f.end <= part.start and _same_unit(f, part)
              and any(w in text[max(0, f.start - 6):f.start] for w in TOTAL_WORDS)]
    return (part, totals[-1]) if totals else None


def _breakdown_total(part: NarrativeFigure, known: list[Breakdown]) -> NarrativeFigure | None:
    """The total of the breakdown `part` belongs to, or of the last one before it in its paragraph."""
    for found in reversed(known):
        if any(p is part for p in found.parts):
            return found.total
    earlier = [b.total for b in known
               if b.total.block is part.block and b.total.end <= part.start and _same_unit(b.total, part)]
    return earlier[-1] if earlier else None


def _ratio(part: NarrativeFigure, whole: NarrativeFigure) -> tuple[Decimal, Decimal] | None:
    p_lo, p_hi = part.quantity.interval()
    w_lo, w_hi = whole.quantity.interval()
    if None in (p_lo, p_hi, w_lo, w_hi) or not w_lo or w_lo <= 0:
        return None
    return p_lo * 100 / w_hi, p_hi * 100 / w_lo  # type: ignore[operator]


def _reproduces(share: NarrativeFigure, computed: tuple[Decimal, Decimal]) -> bool:
    """Rounding gives p within ±u/2; truncation gives p ≤ ratio < p + u. Either will do."""
    unit = Decimal(10) ** share.quantity.exponent
    stated = share.quantity.value
    low, high = stated - unit / 2, stated + unit
    return computed[1] >= low and computed[0] < high


def _show_ratio(part: NarrativeFigure, whole: NarrativeFigure, share: NarrativeFigure) -> str:
    ratio = part.quantity.value * 100 / whole.quantity.value
    places = Decimal(10) ** (share.quantity.exponent - 2)
    return f"{ratio.quantize(places)}%"
