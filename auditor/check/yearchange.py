"""Changes against last year the narrative states: "收到申请52件，较去年增长8.6%" (同比增加12件, 比上年减少).

A figure a narrative rule finds (N201's 收到申请52件) followed by a comparison with last year must
agree with the same body's report of the year before: the rule's fields there (or one of its
alternatives, the other reading of the same words) give last year's value; a percentage must be
reproduced by rounding or truncation, an amount exactly, a direction alone by its sign. Runs when
both years' reports are audited together (not in a streamed run, which keeps no narrative).
The words are the rule's keys (YearChangeRule), with defaults in [vocabulary.change] of words.toml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.extract.stated import place_key, stated_figures
from auditor.library import Library
from auditor.library.schema import NarrativeRule, YearChangeRule
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Outcome
from auditor.model.numbers import ALL_UNITS, Quantity, parse_quantity, wide
from auditor.model.report import Report
from auditor.model.words import LANGS, alternation

_SENTENCE_END = "。；;！？!?\n"
_AMOUNT = re.compile(r"[ \u3000]?(?P<n>[0-9０-９]+(?:[.．][0-9０-９]+)?[ \u3000]?(?:%s))" % alternation(ALL_UNITS))


@dataclass
class StatedChange:
    sign: int  # +1 up, -1 down
    amount: Quantity | None  # 8.6%, 12件, or None for a direction alone
    text: str  # as written: 较去年增长8.6%


def year_change_outcomes(rule: YearChangeRule, library: Library, previous: Report, current: Report) -> list[Outcome]:
    now, before = Context(current.extraction, library), Context(previous.extraction, library)
    pattern = _pattern(rule, previous.extraction.year)
    outcomes = []
    for narrative in _narratives(rule, library, previous, current):
        readings = [r for r in ([*narrative.fields], *narrative.alternatives) if all(before.defined([f]) for f in r)]
        if narrative.any_of:
            readings = [(before.present(narrative.fields) or narrative.fields)[:1]]
        if not readings:
            continue
        for figure in stated_figures(narrative, current.extraction.document.text_blocks):
            change = _change_after(pattern, figure) if figure.quantity.unit else None
            if change is None:
                continue
            outcomes.append(_judged(rule, now, before, previous, figure, change, readings).about(place_key(figure)))
    return outcomes


def _narratives(rule: YearChangeRule, library: Library, previous: Report, current: Report) -> list[NarrativeRule]:
    templates = {previous.extraction.template, current.extraction.template}
    found = []
    for rule_id in rule.narratives:
        narrative = library.rule(rule_id)
        if isinstance(narrative, NarrativeRule) and (not narrative.templates or templates <= set(narrative.templates)):
            found.append(narrative)
    return found


def _pattern(rule: YearChangeRule, year: int | None) -> re.Pattern[str]:
    compared = [w.replace("{year}", str(year)) for w in rule.compared if year or "{year}" not in w]
    between = f"(?:{alternation(rule.between)})?" if rule.between else ""
    degree = f"(?:{alternation(rule.degree)})?" if rule.degree else ""
    return re.compile(rf"[，,]?(?:{alternation(compared)})[，,]?{degree}(?:(?P<up>{alternation(rule.up)})|"
                      rf"(?P<down>{alternation(rule.down)})){between}")


def _change_after(pattern: re.Pattern[str], figure: NarrativeFigure) -> StatedChange | None:
    """The comparison with last year that follows the figure right away, if any."""
    text = figure.block.text
    found = pattern.match(text, figure.end)
    if found is None:
        return None
    sign = 1 if found.group("up") else -1
    amount = _AMOUNT.match(text, found.end())
    end = amount.end() if amount else found.end()
    try:
        quantity = parse_quantity(amount.group("n")) if amount else None
    except (ValueError, ArithmeticError):
        quantity = None
    if quantity is not None and quantity.dimension == "points":
        return None  # a rate's change in percentage points: not a change of this count
    return StatedChange(sign, quantity, text[found.start():end].lstrip("，,"))


def _judged(rule: YearChangeRule, now: Context, before: Context, previous: Report, figure: NarrativeFigure,
            change: StatedChange, readings: list[list[str]]) -> Outcome:
    missing = before.not_assessable(rule, readings[0])
    if missing:
        return missing
    assessable = [r for r in readings if not before.not_assessable(rule, r)]
    if any(_agrees(figure.quantity, iv.total(before.quantity(f) for f in r), change, rule.rounding)
           for r in assessable):
        return Outcome(rule, "passed")
    fields = readings[0]
    last = iv.total(before.quantity(f) for f in fields)
    params = {"stated": figure.quantity.text, "change": change.text, "previous": previous.path,
              "previous_value": _shown(before, fields), "computed": _computed(figure.quantity, last, change)}
    for lang in LANGS:
        params[f"field_label_{lang}"] = " + ".join(before.title(f, lang) for f in fields)
    return now.fail(rule, params, expected=params["computed"], actual=change.text, figures=[figure])


@wide
def _agrees(stated: Quantity, last: iv.Interval, change: StatedChange, rounding: Sequence[str]) -> bool:
    """Does 'stated, changed by `change` from last year' hold with last year's value `last`? A
    figure or value that is not exact cannot contradict it."""
    lo, hi = last
    if stated.bound != "exact" or lo is None or hi is None or lo != hi:
        return True
    difference = stated.value - lo
    if change.amount is None:
        return difference * change.sign > 0
    if change.amount.dimension == "percent":
        if lo == 0:
            return True  # no percentage of nothing
        ratio = difference * 100 / lo * change.sign
        return _reproduces(ratio, change.amount, rounding)
    return difference * change.sign == change.amount.value


def _reproduces(ratio: Decimal, stated: Quantity, rounding: Sequence[str]) -> bool:
    unit = Decimal(10) ** stated.exponent
    ranges = {"round": (stated.value - unit / 2, stated.value + unit / 2), "truncate": (stated.value, stated.value + unit)}
    return any(low <= ratio < high for low, high in (ranges[mode] for mode in rounding))


@wide
def _computed(stated: Quantity, last: iv.Interval, change: StatedChange) -> str:
    """What last year's value gives: the change in the stated form."""
    lo = last[0]
    if lo is None:
        return "—"
    difference = stated.value - lo
    if change.amount is not None and change.amount.dimension == "percent" and lo:
        places = Decimal(10) ** min(change.amount.exponent, -1)
        return f"{(difference * 100 / lo).quantize(places):+}%"
    return f"{difference:+}{stated.unit or ''}"


def _shown(ctx: Context, fields: list[str]) -> str:
    quantities = [ctx.quantity(f) for f in fields]
    if len(quantities) == 1:
        return quantities[0].display
    return iv.show(iv.point(quantities), quantities[0].unit) + (quantities[0].unit or "")
