"""Arithmetic inside the narrative: totals with their breakdowns, and stated shares.

"共…173个，其中工程类126个、政府采购47个" — the parts must not exceed the total, and must add up
to it where the list is complete. "…3933条，占79%" — 79% must come out of part/whole by
rounding or by truncation at the stated precision (reports do both).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.check.narrative import place_key
from auditor.check.model import Outcome
from auditor.extract.model import NarrativeFigure
from auditor.extract.narrative import sentence_at
from auditor.library.schema import BreakdownRule, ShareRule
from auditor.numbers import wide

MARKER = "其中"
SHARE_WORD = "占"
WEAK_WHOLES = 12  # earlier figures tried as the whole of a share whose whole is not named
_OPEN, _CLOSE = "（(", "）)"


@dataclass
class Breakdown:
    total: NarrativeFigure
    parts: list[NarrativeFigure]
    complete: bool


def _same_unit(a: NarrativeFigure, b: NarrativeFigure) -> bool:
    """Same kind of thing: the same count unit, or money in any of 元, 万元, 亿元 (all held in 元)."""
    both_money = a.quantity.dimension == b.quantity.dimension == "money"
    return both_money or a.quantity.unit == b.quantity.unit


def _is_share(figure: NarrativeFigure) -> bool:
    return figure.quantity.dimension in ("percent", "points")


def breakdowns(ctx: Context) -> list[Breakdown]:
    """Every '…N…，其中 a…、b…' in the narrative with parts in the total's unit; found once per
    report, for the three rules that read them."""
    if "breakdowns" not in ctx.memo:
        ctx.memo["breakdowns"] = list(_find_breakdowns(ctx))
    return ctx.memo["breakdowns"]


def _find_breakdowns(ctx: Context) -> Iterator[Breakdown]:
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
    end = _bracket_close(text, marker, end)  # "(其中 a、b)": the list ends with its bracket
    parts: list[NarrativeFigure] = []
    for figure in (f for f in figures if marker < f.start < end and not _is_share(f)):
        if _depth(text, marker, figure.start) > 0:
            continue  # "197条（政府预决算32条、…）": a breakdown of a part, not a part
        if parts and not _same_unit(figure, parts[0]):
            break  # "…181件，发布政务动态754条": another kind of thing, the list is over
        parts.append(figure)
    if not parts:
        return None
    before = [f for f in figures if f.end <= marker and _same_unit(f, parts[0]) and not _is_share(f)]
    opening = text[start:marker].strip(" ，,：:" + _OPEN)
    candidates = [f for f in before if f.start >= start] if opening else before
    if not candidates:
        return None
    total = candidates[-1]
    if not opening and sentence_at(text, total.start)[1] < start - 2:
        return None  # 其中 opens a sentence: the total must stand in the one just before
    return Breakdown(total, parts, _complete(text, marker, end, parts, figures, total))


def _complete(text: str, marker: int, end: int, parts: list[NarrativeFigure],
              figures: list[NarrativeFigure], total: NarrativeFigure) -> bool:
    """Two or more exact parts, no 等, and no number in the list left unread (不予公开信息数1402)."""
    if len(parts) < 2 or any(f.quantity.bound != "exact" for f in (total, *parts)):
        return False
    if text[parts[-1].end:end].lstrip(_CLOSE).startswith("等"):
        return False
    covered = {i for f in figures for i in range(f.start, f.end)}
    return not any(c.isdigit() and i not in covered for i, c in enumerate(text[marker:end], marker))


def _depth(text: str, start: int, end: int) -> int:
    segment = text[start:end]
    return sum(segment.count(c) for c in _OPEN) - sum(segment.count(c) for c in _CLOSE)


def _bracket_close(text: str, marker: int, end: int) -> int:
    """Where the bracket around the marker closes, if it closes before `end`."""
    depth = 0
    for position in range(marker, end):
        depth += 1 if text[position] in _OPEN else -1 if text[position] in _CLOSE else 0
        if depth < 0:
            return position
    return end


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
            outcomes.append(Outcome(rule, "passed").about(place_key(found.total)))
            continue
        params = {"total": total.text, "parts_sum": iv.show(iv.point(parts), total.unit) + (total.unit or ""),
                  "parts": " + ".join(p.text for p in parts)}
        outcomes.append(ctx.fail(rule, params, expected=params["total"], actual=params["parts_sum"],
                                 figures=[found.total, *found.parts]).about(place_key(found.total)))
    return outcomes


def check_share(rule: ShareRule, ctx: Context) -> list[Outcome]:
    """A share passes when some plausible whole reproduces it; it fails only when none does and
    the text names its whole plainly (the total of its 其中 list, or "在…的N条信息中")."""
    known = breakdowns(ctx)
    outcomes = []
    for share in ctx.extraction.narrative:
        if share.quantity.unit != "%" or not _follows_share_word(share):
            continue
        part = _part_of(share, ctx.extraction.narrative)
        if part is None:
            continue
        strong, weak = _wholes(part, ctx.extraction.narrative, known)
        if any(_reproduces(share, r) for w in (*strong, *weak) if (r := _ratio(part, w)) is not None):
            outcomes.append(Outcome(rule, "passed").about(place_key(share)))
        elif strong and _ratio(part, strong[0]) is not None:  # a whole of 0 or "超过100" gives no ratio
            whole = strong[0]
            shown = _show_ratio(part, whole, share)
            params = {"stated": share.quantity.text, "part": part.quantity.text, "whole": whole.quantity.text,
                      "computed": shown}
            outcomes.append(ctx.fail(rule, params, expected=shown, actual=share.quantity.text,
                                     figures=[share, part, whole]).about(place_key(share)))
    return outcomes


def _follows_share_word(share: NarrativeFigure) -> bool:
    """占79%, 占比79%, 占总数的79%: 占 at most eight characters before, in the same clause."""
    lead = share.block.text[max(0, share.start - 8):share.start]
    at = lead.rfind(SHARE_WORD)
    return at >= 0 and not any(c in lead[at:] for c in "，,。；;")


def _part_of(share: NarrativeFigure, figures: list[NarrativeFigure]) -> NarrativeFigure | None:
    """The figure the share is of: the last count or amount before it in its sentence."""
    sentence_start = sentence_at(share.block.text, share.start)[0]
    before = [f for f in figures if f.block is share.block and not _is_share(f)
              and sentence_start <= f.start < share.start]
    return before[-1] if before else None


def _wholes(part: NarrativeFigure, figures: list[NarrativeFigure],
            known: list[Breakdown]) -> tuple[list[NarrativeFigure], list[NarrativeFigure]]:
    """Wholes the text names plainly (strong), and other earlier figures in the unit (weak)."""
    text = part.block.text
    earlier = [f for f in figures if f.block is part.block and f.end <= part.start
               and _same_unit(f, part) and not _is_share(f)]
    strong = [b.total for b in known if any(p is part for p in b.parts)]
    strong += [f for f in reversed(earlier) if _names_a_whole(text, f)][:1]
    weak = [f for f in reversed(earlier) if all(f is not s for s in strong)][:WEAK_WHOLES]
    return strong, weak


def _names_a_whole(text: str, figure: NarrativeFigure) -> bool:
    """'在…主动公开的1913条政府信息中，…': the figure is the whole of what follows."""
    clause = re.split(r"[，,。；;：:]", text[figure.end:figure.end + 20], maxsplit=1)[0]
    return clause.endswith("中")


@wide
def _ratio(part: NarrativeFigure, whole: NarrativeFigure) -> tuple[Decimal, Decimal] | None:
    p_lo, p_hi = part.quantity.interval()
    w_lo, w_hi = whole.quantity.interval()
    if p_lo is None or p_hi is None or w_lo is None or w_hi is None or w_lo <= 0:
        return None
    return p_lo * 100 / w_hi, p_hi * 100 / w_lo


@wide
def _reproduces(share: NarrativeFigure, computed: tuple[Decimal, Decimal]) -> bool:
    """Rounding gives p within ±u/2; truncation gives p ≤ ratio < p + u. Either will do."""
    unit = Decimal(10) ** share.quantity.exponent
    stated = share.quantity.value
    low, high = stated - unit / 2, stated + unit
    return computed[1] >= low and computed[0] < high


@wide
def _show_ratio(part: NarrativeFigure, whole: NarrativeFigure, share: NarrativeFigure) -> str:
    ratio = part.quantity.value * 100 / whole.quantity.value
    places = Decimal(10) ** (share.quantity.exponent - 2)
    return f"{ratio.quantize(places)}%"
