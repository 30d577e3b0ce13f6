"""Rates the narrative states with their own counts: "受理52件，办结25件，办结率100%".

In one sentence, a rate (办结率, 按时答复率 …) must follow from the counts it is the rate of, by
rounding or truncation at its stated precision; and a part (办结) cannot exceed its whole (受理)
unless last year's carry-over explains it: a carry-over the sentence states adds to the whole (the
sentence is then consistent), one only the table states makes the difference a scope warning that
says so. A count's subject is the subject word nearest before it in its clause. The words are the
rule's keys (RateRule), with defaults in [vocabulary.rate] of auditor/model/words.toml.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.extract.narrative import TextIndex, index_of
from auditor.extract.stated import place_key
from auditor.library.schema import RateRule
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Outcome
from auditor.model.numbers import wide
from auditor.model.words import VOCABULARY

REACH = 30  # characters before a figure in which its subject word stands (as a phrase's gap)
RATE_REACH = 8  # characters before a percentage in which its rate word stands (办结率达100%)
PHRASE_WORDS: dict[str, list[str]] = VOCABULARY["phrase"]
RATE_MARK: str = VOCABULARY["rate"]["mark"]  # 办结率 names a rate, not a count of 办结


@dataclass
class _Sentence:
    """The figures of one sentence in text order, each count with its subject word (or None)."""

    figures: list[NarrativeFigure]
    subjects: list[str | None]

    def counts(self, subjects: frozenset[str], before: int | None = None) -> list[NarrativeFigure]:
        return [f for f, s in zip(self.figures, self.subjects)
                if s in subjects and (before is None or f.start < before)]


def _words(names: Iterable[str]) -> frozenset[str]:
    """Subjects as words: a name of [vocabulary.phrase] stands for its words."""
    return frozenset(word for name in names for word in PHRASE_WORDS.get(name, [name]))


def _is_count(figure: NarrativeFigure) -> bool:
    return figure.quantity.dimension not in ("percent", "points", "money")


def _nearest(text: str, start: int, end: int, words: Iterable[str]) -> str | None:
    """The word of `words` that ends last in text[start:end] (the longer of two ending together),
    not followed by RATE_MARK."""
    best: tuple[int, int, str] | None = None
    for word in words:
        at = text.rfind(word, start, end)
        while at >= 0 and text.startswith(RATE_MARK, at + len(word)):
            at = text.rfind(word, start, at + len(word) - 1)
        if at >= 0 and (best is None or (at + len(word), len(word)) > best[:2]):
            best = (at + len(word), len(word), word)
    return best[2] if best else None


def _clause_start(index: TextIndex, sentence_start: int, offset: int) -> int:
    marks = index.clause_marks_between(sentence_start, offset)
    return marks[-1] + 1 if len(marks) else sentence_start


def _sentences(ctx: Context, rule: RateRule) -> list[_Sentence]:
    """Every sentence with two or more figures, its counts classified by the rule's subjects."""
    subjects = _words([*(n for r in rule.rates.values() for n in (*r.part, *r.whole)), *rule.carried_over,
                       *rule.others])
    key = f"rate-sentences {sorted(subjects)!r}"
    if key in ctx.memo:
        return ctx.memo[key]
    grouped: dict[tuple[int, int], list[NarrativeFigure]] = {}
    indexes: dict[int, TextIndex] = {}
    for figure in ctx.extraction.narrative:
        index = indexes.setdefault(id(figure.block), index_of(figure.block.text))
        grouped.setdefault((id(figure.block), index.sentence_at(figure.start)[0]), []).append(figure)
    found = []
    for (block, start), figures in grouped.items():
        if len(figures) < 2:
            continue
        index = indexes[block]
        found.append(_Sentence(figures, [
            _nearest(index.text, max(_clause_start(index, start, f.start), f.start - REACH), f.start, subjects)
            if _is_count(f) else None for f in figures]))
    ctx.memo[key] = found
    return found


def _carried(rule: RateRule, sentence: _Sentence, before: int | None = None) -> list[NarrativeFigure]:
    """The carry-overs the sentence states that add to the whole: not those it says the whole
    already counts (受理52件（含上年结转3件）)."""
    found = []
    for figure in sentence.counts(_words(rule.carried_over), before):
        text = figure.block.text
        lead = text[max(0, figure.start - REACH):figure.start]
        lead = lead[max(lead.rfind(c) for c in "，,。；;：:") + 1:]
        if not any(word in lead for word in rule.included):
            found.append(figure)
    return found


def check_rate(rule: RateRule, ctx: Context) -> list[Outcome]:
    outcomes = []
    for sentence in _sentences(ctx, rule):
        if rule.check == "rate":
            outcomes += _rates(rule, ctx, sentence)
        else:
            outcomes += _exceeds(rule, ctx, sentence)
    return outcomes


def _rates(rule: RateRule, ctx: Context, sentence: _Sentence) -> list[Outcome]:
    """Each stated rate against part / whole (+ a carry-over the sentence states)."""
    outcomes = []
    for rate in sentence.figures:
        word = _rate_word(rule, rate)
        if word is None:
            continue
        subjects = rule.rates[word]
        wholes = sentence.counts(_words(subjects.whole), before=rate.start)
        parts = sentence.counts(_words(subjects.part), before=rate.start)
        carried = _carried(rule, sentence, before=rate.start)
        if not wholes or not parts or iv.greater(parts[-1].quantity.interval(), _whole(wholes[0], carried)):
            continue  # a part above its whole is the exceeds rule's finding
        part, whole = parts[-1], wholes[0]
        if any(_reproduces(rate, _ratio(part, _whole(whole, extra)), rule.rounding) for extra in ([], carried)):
            outcomes.append(Outcome(rule, "passed").about(place_key(rate)))
            continue
        table = _table_carried(rule, ctx)
        params = {"rate": rate.quantity.text, "part": part.quantity.text, "whole": whole.quantity.text,
                  "computed": _show(_ratio(part, _whole(whole, [])), rate)}
        figures = [rate, part, whole]
        if table and _reproduces(rate, _ratio(part, _whole(whole, [], table[1])), rule.rounding):
            params["carried"] = table[1].display
            outcomes.append(ctx.fail(rule, params, expected=params["computed"], actual=rate.quantity.text,
                                     fields=[table[0]], figures=figures, severity="warning",
                                     message=rule.scope_message).about(place_key(rate)))
            continue
        outcomes.append(ctx.fail(rule, params, expected=params["computed"], actual=rate.quantity.text,
                                 figures=figures).about(place_key(rate)))
    return outcomes


def _exceeds(rule: RateRule, ctx: Context, sentence: _Sentence) -> list[Outcome]:
    """Each part (办结) against the first whole (受理) before it in its sentence."""
    outcomes = []
    pairs = {(_words(s.part), _words(s.whole)) for s in rule.rates.values()}
    carried = _carried(rule, sentence)
    for part_words, whole_words in sorted(pairs, key=lambda p: (sorted(p[0]), sorted(p[1]))):
        for part in sentence.counts(part_words):
            wholes = sentence.counts(whole_words, before=part.start)  # a whole stands before its part
            if not wholes:
                continue
            whole = wholes[0]
            if not iv.greater(part.quantity.interval(), _whole(whole, carried)):
                outcomes.append(Outcome(rule, "passed").about(place_key(part)))
                continue
            params = {"part": part.quantity.text, "whole": whole.quantity.text}
            table = _table_carried(rule, ctx)
            if table and not iv.greater(part.quantity.interval(), _whole(whole, [], table[1])):
                params["carried"] = table[1].display
                outcomes.append(ctx.fail(rule, params, expected=f"≤ {whole.quantity.text}", actual=part.quantity.text,
                                         fields=[table[0]], figures=[part, whole], severity="warning",
                                         message=rule.scope_message).about(place_key(part)))
                continue
            outcomes.append(ctx.fail(rule, params, expected=f"≤ {whole.quantity.text}", actual=part.quantity.text,
                                     figures=[part, whole]).about(place_key(part)))
    return outcomes


def _rate_word(rule: RateRule, figure: NarrativeFigure) -> str | None:
    """The rate word a percentage follows in its clause (办结率100%, 办结率达100%, 按时答复率为99.5%)."""
    if figure.quantity.unit not in ("%", "％"):
        return None
    text = figure.block.text
    lead_start = max(0, figure.start - RATE_REACH)
    word = _nearest(text, lead_start, figure.start, rule.rates)
    if word is None:
        return None
    at = text.rfind(word, lead_start, figure.start) + len(word)
    return None if any(c in text[at:figure.start] for c in "，,。；;：:") else word


def _table_carried(rule: RateRule, ctx: Context):
    """(field, quantity) of the table's carry-over, where the report has it as a number."""
    for field in rule.carried_over_fields:
        if ctx.defined([field]) and not ctx.not_assessable(rule, [field]):
            return field, ctx.quantity(field)
    return None


def _whole(whole: NarrativeFigure, extra: Sequence[NarrativeFigure], *more) -> iv.Interval:
    return iv.total([whole.quantity, *(f.quantity for f in extra), *more])


@wide
def _ratio(part: NarrativeFigure, whole: iv.Interval) -> tuple[Decimal, Decimal] | None:
    p_lo, p_hi = part.quantity.interval()
    w_lo, w_hi = whole
    if p_lo is None or p_hi is None or w_lo is None or w_hi is None or w_lo <= 0:
        return None
    return p_lo * 100 / w_hi, p_hi * 100 / w_lo


@wide
def _reproduces(rate: NarrativeFigure, computed: tuple[Decimal, Decimal] | None, rounding: Sequence[str]) -> bool:
    """Rounding gives r from r − u/2 ≤ ratio < r + u/2; truncation from r ≤ ratio < r + u."""
    if computed is None:
        return True  # a whole of 0, or unbounded: nothing to compare
    unit = Decimal(10) ** rate.quantity.exponent
    stated = rate.quantity.value
    ranges = {"round": (stated - unit / 2, stated + unit / 2), "truncate": (stated, stated + unit)}
    return any(computed[1] >= low and computed[0] < high for low, high in (ranges[mode] for mode in rounding))


@wide
def _show(computed: tuple[Decimal, Decimal] | None, rate: NarrativeFigure) -> str:
    if computed is None:
        return "—"
    places = Decimal(10) ** min(rate.quantity.exponent, -1)
    return f"{((computed[0] + computed[1]) / 2).quantize(places)}%"
