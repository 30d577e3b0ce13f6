"""Arithmetic inside the narrative: totals with their breakdowns, and stated shares.

"共…173个，其中工程类126个、政府采购47个" — the parts must not exceed the total, and must add up
to it where the list is complete. "…3933条，占79%" — 79% must come out of part/whole by
rounding or by truncation at the stated precision (reports do both).

The words are the rules' keys (BreakdownRule, ShareRule: `openers`, `incomplete`, `share_words`,
`whole_words`, `rounding`), with their defaults in the vocabulary of auditor/model/words.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.check.narrative import place_key
from auditor.extract.narrative import TextIndex, index_of
from auditor.library.schema import BreakdownRule, ShareRule
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Outcome
from auditor.model.numbers import wide
from auditor.model.words import alternation

WEAK_WHOLES = 12  # earlier figures tried as the whole of a share whose whole is not named
WHOLE_REACH = 20  # characters after a count in which its clause may end in a whole word
_OPEN, _CLOSE = "（(", "）)"
_LEAD = " ，,：:" + _OPEN  # what may stand between a sentence's start and its 其中


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


def _kind(figure: NarrativeFigure) -> str | None:
    """What _same_unit compares: two figures are of the same unit when their kinds are equal."""
    return "money" if figure.quantity.dimension == "money" else figure.quantity.unit


@dataclass
class _Block:
    """One block's figures in text order, with what the breakdown and share readings look up
    by bisection instead of walking every figure of the block (or of the report) again."""

    figures: list[NarrativeFigure]
    index: TextIndex
    counts: list[NarrativeFigure] = field(default_factory=list)  # the figures that are no shares
    count_starts: list[int] = field(default_factory=list)
    by_kind: dict[str | None, list[NarrativeFigure]] = field(default_factory=dict)  # counts by unit
    kind_ends: dict[str | None, list[int]] = field(default_factory=dict)
    wholes: dict[tuple[str | None, tuple[str, ...]], list[int]] = field(default_factory=dict)  # counts naming a whole
    _uncovered: list[int] | None = None

    def __post_init__(self) -> None:
        self.counts = [f for f in self.figures if not _is_share(f)]
        self.count_starts = [f.start for f in self.counts]
        for figure in self.counts:
            self.by_kind.setdefault(_kind(figure), []).append(figure)
        self.kind_ends = {kind: [f.end for f in figures] for kind, figures in self.by_kind.items()}

    def last_before(self, kind: str | None, offset: int) -> int:
        """How many counts of `kind` end at or before `offset` (figures do not overlap)."""
        return bisect_right(self.kind_ends.get(kind, []), offset)

    def uncovered_digit(self, start: int, end: int) -> bool:
        """Is a digit in text[start:end] outside every figure of the block?"""
        if self._uncovered is None:
            self._uncovered, spans = [], iter(self.figures)
            figure = next(spans, None)
            for at in self.index.digits:
                while figure is not None and figure.end <= at:
                    figure = next(spans, None)
                if figure is None or at < figure.start:
                    self._uncovered.append(at)
        i = bisect_left(self._uncovered, start)
        return i < len(self._uncovered) and self._uncovered[i] < end

    def naming_wholes(self, kind: str | None, endings: tuple[str, ...]) -> list[int]:
        """Positions (in by_kind[kind]) of the counts that name a whole ("在…的1913条信息中"): their
        clause ends in one of `endings`."""
        if (kind, endings) not in self.wholes:
            text = self.index.text
            self.wholes[kind, endings] = [i for i, f in enumerate(self.by_kind.get(kind, []))
                                          if _names_a_whole(text, f, endings)]
        return self.wholes[kind, endings]


def _blocks(ctx: Context) -> dict[int, _Block]:
    """The narrative's figures by block (id of the block), indexed once per report."""
    if "arithmetic-blocks" not in ctx.memo:
        by_block: dict[int, list[NarrativeFigure]] = {}
        for figure in ctx.extraction.narrative:
            by_block.setdefault(id(figure.block), []).append(figure)
        ctx.memo["arithmetic-blocks"] = {key: _Block(figures, index_of(figures[0].block.text))
                                         for key, figures in by_block.items()}
    return ctx.memo["arithmetic-blocks"]


def breakdowns(ctx: Context, openers: Sequence[str] | None = None,
               incomplete: Sequence[str] | None = None) -> list[Breakdown]:
    """Every '…N…，其中 a…、b…' in the narrative with parts in the total's unit, opened by one of
    `openers` and left incomplete by one of `incomplete` (default: BreakdownRule's); found once
    per report and words, for the three rules that read them."""
    words = (tuple(BreakdownRule.model_fields["openers"].default if openers is None else openers),
             tuple(BreakdownRule.model_fields["incomplete"].default if incomplete is None else incomplete))
    key = f"breakdowns {words!r}"
    if key not in ctx.memo:
        ctx.memo[key] = list(_find_breakdowns(ctx, *words))
    return ctx.memo[key]


def _find_breakdowns(ctx: Context, openers: tuple[str, ...], incomplete: tuple[str, ...]) -> Iterator[Breakdown]:
    if not openers:
        return
    pattern = re.compile(alternation(openers))
    for block in _blocks(ctx).values():
        for opener in pattern.finditer(block.index.text):
            found = _breakdown_at(block, opener.start(), incomplete)
            if found:
                yield found


def _breakdown_at(block: _Block, marker: int, incomplete: tuple[str, ...]) -> Breakdown | None:
    index, text = block.index, block.index.text
    start, end = index.sentence_at(marker)
    end = index.bracket_close(marker, end, _OPEN, _CLOSE)  # "(其中 a、b)": the list ends with its bracket
    parts: list[NarrativeFigure] = []
    for i in range(bisect_right(block.count_starts, marker), len(block.counts)):
        figure = block.counts[i]
        if figure.start >= end:
            break
        if index.bracket_depth(marker, figure.start, _OPEN, _CLOSE) > 0:
            continue  # "197条（政府预决算32条、…）": a breakdown of a part, not a part
        if parts and not _same_unit(figure, parts[0]):
            break  # "…181件，发布政务动态754条": another kind of thing, the list is over
        parts.append(figure)
    if not parts:
        return None
    kind = _kind(parts[0])
    before = block.last_before(kind, marker)  # figures in the unit that end before 其中
    opening = _opens_with_words(text, start, marker)
    if not before or (opening and block.by_kind[kind][before - 1].start < start):
        return None
    total = block.by_kind[kind][before - 1]
    if not opening and index.sentence_at(total.start)[1] < start - 2:
        return None  # 其中 opens a sentence: the total must stand in the one just before
    return Breakdown(total, parts, _complete(block, marker, end, parts, total, incomplete))


def _opens_with_words(text: str, start: int, marker: int) -> bool:
    """Does text[start:marker] hold more than blanks, commas, colons and opening brackets?"""
    at = marker
    while at > start and text[at - 1] in _LEAD:
        at -= 1
    return at > start


def _complete(block: _Block, marker: int, end: int, parts: list[NarrativeFigure],
              total: NarrativeFigure, incomplete: tuple[str, ...]) -> bool:
    """Two or more exact parts, no 等 (a word of `incomplete`) after the last, and no number in
    the list left unread (不予公开信息数1402)."""
    if len(parts) < 2 or any(f.quantity.bound != "exact" for f in (total, *parts)):
        return False
    text, at = block.index.text, parts[-1].end
    while at < end and text[at] in _CLOSE:
        at += 1
    if any(text.startswith(word, at, end) for word in incomplete):
        return False
    return not block.uncovered_digit(marker, end)


def check_breakdown(rule: BreakdownRule, ctx: Context) -> list[Outcome]:
    outcomes = []
    for found in breakdowns(ctx, rule.openers, rule.incomplete):
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
    blocks = _blocks(ctx)
    totals: dict[int, list[NarrativeFigure]] = {}  # id of a part → the totals of its breakdowns
    for found in breakdowns(ctx, rule.openers):
        for part in found.parts:
            totals.setdefault(id(part), []).append(found.total)
    outcomes = []
    for share in ctx.extraction.narrative:
        if share.quantity.unit != "%" or not _follows_share_word(share, rule.share_words, rule.share_reach):
            continue
        block = blocks[id(share.block)]
        part = _part_of(share, block)
        if part is None:
            continue
        strong, weak = _wholes(part, block, totals.get(id(part), []), tuple(rule.whole_words))
        if any(_reproduces(share, r, rule.rounding) for w in (*strong, *weak) if (r := _ratio(part, w)) is not None):
            outcomes.append(Outcome(rule, "passed").about(place_key(share)))
        elif strong and _ratio(part, strong[0]) is not None:  # a whole of 0 or "超过100" gives no ratio
            whole = strong[0]
            shown = _show_ratio(part, whole, share)
            params = {"stated": share.quantity.text, "part": part.quantity.text, "whole": whole.quantity.text,
                      "computed": shown}
            outcomes.append(ctx.fail(rule, params, expected=shown, actual=share.quantity.text,
                                     figures=[share, part, whole]).about(place_key(share)))
    return outcomes


def _follows_share_word(share: NarrativeFigure, words: Sequence[str], reach: int) -> bool:
    """占79%, 占比79%, 占总数的79%: a share word (占) at most `reach` characters before, in the same
    clause."""
    lead = share.block.text[max(0, share.start - reach):share.start]
    at = max((lead.rfind(word) for word in words), default=-1)
    return at >= 0 and not any(c in lead[at:] for c in "，,。；;")


def _part_of(share: NarrativeFigure, block: _Block) -> NarrativeFigure | None:
    """The figure the share is of: the last count or amount before it in its sentence."""
    sentence_start = block.index.sentence_at(share.start)[0]
    i = bisect_left(block.count_starts, share.start)
    return block.counts[i - 1] if i and block.counts[i - 1].start >= sentence_start else None


def _wholes(part: NarrativeFigure, block: _Block, totals: list[NarrativeFigure],
            endings: tuple[str, ...]) -> tuple[list[NarrativeFigure], list[NarrativeFigure]]:
    """Wholes the text names plainly (strong), and other earlier figures in the unit (weak)."""
    kind = _kind(part)
    same, count = block.by_kind.get(kind, []), block.last_before(kind, part.start)
    strong = list(totals)
    naming = block.naming_wholes(kind, endings)
    last = bisect_left(naming, count) - 1  # the last earlier figure that names a whole
    if last >= 0:
        strong.append(same[naming[last]])
    weak = []
    for figure in reversed(same[max(0, count - WEAK_WHOLES - len(strong)):count]):
        if len(weak) < WEAK_WHOLES and all(figure is not s for s in strong):
            weak.append(figure)
    return strong, weak


def _names_a_whole(text: str, figure: NarrativeFigure, endings: tuple[str, ...]) -> bool:
    """'在…主动公开的1913条政府信息中，…': the figure is the whole of what follows (its clause ends
    in one of `endings`)."""
    clause = re.split(r"[，,。；;：:]", text[figure.end:figure.end + WHOLE_REACH], maxsplit=1)[0]
    return clause.endswith(endings)


@wide
def _ratio(part: NarrativeFigure, whole: NarrativeFigure) -> tuple[Decimal, Decimal] | None:
    p_lo, p_hi = part.quantity.interval()
    w_lo, w_hi = whole.quantity.interval()
    if p_lo is None or p_hi is None or w_lo is None or w_hi is None or w_lo <= 0:
        return None
    return p_lo * 100 / w_hi, p_hi * 100 / w_lo


@wide
def _reproduces(share: NarrativeFigure, computed: tuple[Decimal, Decimal], rounding: Sequence[str]) -> bool:
    """Rounding gives p from p − u/2 ≤ ratio < p + u/2; truncation from p ≤ ratio < p + u. Any of
    the `rounding` modes will do."""
    unit = Decimal(10) ** share.quantity.exponent
    stated = share.quantity.value
    ranges = {"round": (stated - unit / 2, stated + unit / 2), "truncate": (stated, stated + unit)}
    return any(computed[1] >= low and computed[0] < high for low, high in (ranges[mode] for mode in rounding))


@wide
def _show_ratio(part: NarrativeFigure, whole: NarrativeFigure, share: NarrativeFigure) -> str:
    ratio = part.quantity.value * 100 / whole.quantity.value
    places = Decimal(10) ** (share.quantity.exponent - 2)
    return f"{ratio.quantize(places)}%"
