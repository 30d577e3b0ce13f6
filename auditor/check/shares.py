"""Stated shares (A103): "a件，占p%" must come out of a / the whole of the list a belongs to.

p must be reproduced by rounding or by truncation at the stated precision (reports do both). The
whole is the total of the part's list (before 其中, "在…的N条信息中", or the total a topic refers back
to), never any figure that happens to fit: a share only another total of the same sentence
reproduces (收到 where the list divides 办结) is a scope warning that names it; a share reproduced by
nothing is an error. A part in no list has no whole the text identifies: nothing is said. Nor for
the parts of a list that exceeds its total: the breakdown rules report that list. Where the part or
the whole restates a table field and the table's value reproduces the share, the error says which
figure of the text is likely wrong (120件，占40.0% where the table gives 144 of 360).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from decimal import Decimal

from auditor.check.arithmetic import (
    Block,
    Breakdown,
    ListWords,
    blocks,
    breakdowns,
    follows_share_word,
    is_share,
    kind_of,
)
from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.check.narrative import place_key
from auditor.extract.stated import stated_figures
from auditor.library.schema import NarrativeRule, ShareRule
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Outcome
from auditor.model.numbers import wide
from auditor.model.words import LANGS, VOCABULARY, word

OTHER_TOTALS = 6  # figures before a list's total, in its sentence, tried as the whole a share may mean
_RUN_JOINS = tuple(VOCABULARY["share"]["joins"])  # between the shares (and the parts) of a 分别占 run


def check_share(rule: ShareRule, ctx: Context) -> list[Outcome]:
    lists = _lists_of_parts(breakdowns(ctx, ListWords.of(rule)))
    outcomes = []
    for block in blocks(ctx).values():
        for share, part in _shares_with_parts(block, rule):
            found = lists.get(id(part))
            if found is None or found.exceeds():
                continue
            outcome = _judged(rule, ctx, block, share, part, found.total)
            if outcome is not None:
                outcomes.append(outcome.about(place_key(share)))
    return outcomes


def _lists_of_parts(found: list[Breakdown]) -> dict[int, Breakdown]:
    """id of a part → its list; of two lists holding it, the one whose total stands nearer."""
    lists: dict[int, Breakdown] = {}
    for breakdown in found:
        for part in breakdown.parts:
            held = lists.get(id(part))
            if held is None or _nearer(breakdown, held):
                lists[id(part)] = breakdown
    return lists


def _nearer(a: Breakdown, b: Breakdown) -> bool:
    if a.total.block is not b.total.block:
        return a.total.block is a.parts[0].block
    return a.total.start > b.total.start


def _judged(rule: ShareRule, ctx: Context, block: Block, share: NarrativeFigure, part: NarrativeFigure,
            whole: NarrativeFigure) -> Outcome | None:
    ratio = _ratio(part, whole)
    if ratio is None or ratio[0] > 100:
        return None  # a whole of 0 or "超过100" gives no ratio; a part above its whole is a breakdown finding
    if _reproduces(share, ratio, rule.rounding):
        return Outcome(rule, "passed")
    shown = _show_ratio(part, whole, share)
    params = {"stated": share.quantity.text, "part": part.quantity.text, "whole": whole.quantity.text,
              "computed": shown}
    other = _other_total(rule, block, share, part, whole)
    if other is not None and rule.scope_message is not None:
        params["other"] = other.quantity.text
        return ctx.fail(rule, params, expected=shown, actual=share.quantity.text, figures=[share, part, whole, other],
                        severity="warning", message=rule.scope_message)
    params.update(_table_hint(rule, ctx, share, part, whole))
    return ctx.fail(rule, params, expected=shown, actual=share.quantity.text, figures=[share, part, whole])


def _table_hint(rule: ShareRule, ctx: Context, share: NarrativeFigure, part: NarrativeFigure,
                whole: NarrativeFigure) -> dict[str, str]:
    """{hint}: the figure of the text the table contradicts, when the table's value for the part
    (or the whole) reproduces the stated share with the other figure as the text states it."""
    restated = _restated(ctx)
    for figure, key in ((part, "hint.share_part"), (whole, "hint.share_whole")):
        fields = restated.get((id(figure.block), figure.start))
        if not fields:
            continue
        table = iv.total(ctx.quantity(f) for f in fields)
        ratio = _ratio_of(table, whole.quantity.interval()) if figure is part else \
            _ratio_of(part.quantity.interval(), table)
        if ratio is not None and _reproduces(share, ratio, rule.rounding):
            value = iv.show(iv.point([ctx.quantity(f) for f in fields]), figure.quantity.unit) + (figure.quantity.unit or "")
            return {f"hint_{lang}": word(key, lang, stated=figure.quantity.text, value=value, share=share.quantity.text,
                                         title=" + ".join(ctx.title(f, lang) for f in fields)) for lang in LANGS}
    return {f"hint_{lang}": "" for lang in LANGS}


def _restated(ctx: Context) -> dict[tuple[int, int], list[str]]:
    """(id of block, offset) of each narrative figure a narrative rule reads → the table fields it
    restates (found once per report): where the table holds every one of them."""
    if "restated" not in ctx.memo:
        found: dict[tuple[int, int], list[str]] = {}
        blocks_ = ctx.extraction.document.text_blocks
        for rule in ctx.library.rules:
            if not isinstance(rule, NarrativeRule) or (rule.templates and ctx.extraction.template not in rule.templates):
                continue
            fields = [f for f in rule.fields if ctx.defined([f])]
            if rule.any_of:
                fields = (ctx.present(fields) or fields)[:1]
            if not fields or ctx.not_assessable(rule, fields):
                continue
            for figure in stated_figures(rule, blocks_):
                found.setdefault((id(figure.block), figure.start), fields)
        ctx.memo["restated"] = found
    return ctx.memo["restated"]


@wide
def _ratio_of(part: tuple[Decimal | None, Decimal | None], whole: tuple[Decimal | None, Decimal | None]
              ) -> tuple[Decimal, Decimal] | None:
    (p_lo, p_hi), (w_lo, w_hi) = part, whole
    if p_lo is None or p_hi is None or w_lo is None or w_hi is None or w_lo <= 0:
        return None
    return p_lo * 100 / w_hi, p_hi * 100 / w_lo


def _other_total(rule: ShareRule, block: Block, share: NarrativeFigure, part: NarrativeFigure,
                 whole: NarrativeFigure) -> NarrativeFigure | None:
    """A figure of the whole's sentence, before it and in its unit, that reproduces the share: the
    text may mean that total (共收到125件，办结118件，其中予以公开60件，占48%: 60 / 125)."""
    if whole.block is not share.block:
        return None
    start = block.index.sentence_at(whole.start)[0]
    same = block.by_kind.get(kind_of(whole), [])
    at = block.last_before(kind_of(whole), whole.start)
    for figure in reversed(same[max(0, at - OTHER_TOTALS):at]):
        if figure.start < start:
            break
        ratio = _ratio(part, figure)
        if figure is not part and ratio is not None and _reproduces(share, ratio, rule.rounding):
            return figure
    return None


def _shares_with_parts(block: Block, rule: ShareRule) -> Iterator[tuple[NarrativeFigure, NarrativeFigure]]:
    """Each share with the part it is of: the last count before it in its sentence; in a run after
    分别占 ("38件、5件，分别占88.4%、11.6%"), the counts before the run, in order."""
    text = block.index.text
    figures = block.figures
    i = 0
    while i < len(figures):
        share = figures[i]
        i += 1
        if share.quantity.unit not in ("%", "％") or not follows_share_word(share, rule.share_words, rule.share_reach):
            continue
        if _respectively(text, share, rule):
            run = [share]
            while i < len(figures) and is_share(figures[i]) and _joined(text, run[-1], figures[i]):
                run.append(figures[i])
                i += 1
            yield from _paired(block, run)
            continue
        part = _part_before(block, share)
        if part is not None:
            yield share, part


def _respectively(text: str, share: NarrativeFigure, rule: ShareRule) -> bool:
    lead = text[max(0, share.start - rule.share_reach - 2):share.start]
    at = max((lead.rfind(word) for word in rule.share_words), default=-1)
    return at > 0 and any(lead[:at].endswith(word) for word in rule.respectively)


def _joined(text: str, before: NarrativeFigure, after: NarrativeFigure) -> bool:
    return text[before.end:after.start].strip() in _RUN_JOINS


def _paired(block: Block, run: list[NarrativeFigure]) -> Iterator[tuple[NarrativeFigure, NarrativeFigure]]:
    """The run's shares with as many counts right before it, in its sentence and joined as the run is
    ("分别为38件、5件"); none if there are fewer."""
    sentence_start = block.index.sentence_at(run[0].start)[0]
    i = bisect_left(block.count_starts, run[0].start)
    parts = block.counts[max(0, i - len(run)):i]
    text = block.index.text
    if len(parts) == len(run) and parts[0].start >= sentence_start \
            and all(_joined(text, a, b) for a, b in zip(parts, parts[1:])):
        yield from zip(run, parts)


def _part_before(block: Block, share: NarrativeFigure) -> NarrativeFigure | None:
    """The figure the share is of: the last count or amount before it in its sentence."""
    sentence_start = block.index.sentence_at(share.start)[0]
    i = bisect_left(block.count_starts, share.start)
    return block.counts[i - 1] if i and block.counts[i - 1].start >= sentence_start else None


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
