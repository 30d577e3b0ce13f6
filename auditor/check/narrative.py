"""Narrative rules: a figure the text states against the table field it restates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.extract.narrative import TextIndex, index_of
from auditor.library.phrases import compile_phrase
from auditor.library.schema import NarrativeRule
from auditor.model.document import TextBlock
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Outcome
from auditor.model.numbers import Quantity, parse_quantity
from auditor.model.words import VOCABULARY, word

# The words that open a list of parts (其中): as an exclusion word, one also excludes the clause
# after it, when it ends the clause before.
OPENERS: tuple[str, ...] = tuple(VOCABULARY["breakdown"]["openers"])
_OPENER_TRIM = " ，,：:"


def check_narrative(rule: NarrativeRule, ctx: Context) -> list[Outcome]:
    fields = [f for f in rule.fields if ctx.defined([f])]  # 本年制发 (2021) or 本年新制作 (2019)
    if rule.any_of:
        fields = (ctx.present(fields) or fields)[:1]
    if not fields:
        return []
    return [_stated(rule, ctx, figure, fields).about(place_key(figure))
            for figure in stated_figures(rule, ctx.extraction.document.text_blocks)]


def _stated(rule: NarrativeRule, ctx: Context, figure: NarrativeFigure, fields: list[str]) -> Outcome:
    missing = ctx.not_assessable(rule, fields)
    if missing:
        return missing
    if iv.overlaps(figure.quantity.interval(), iv.total(ctx.quantity(f) for f in fields)):
        return Outcome(rule, "passed")
    return _mismatch(rule, ctx, figure, fields)


def place_key(figure: NarrativeFigure) -> str:
    location = figure.location
    return f"{location.line}:{location.column}" + (f"@p{location.page}" if location.page else "")


def _mismatch(rule: NarrativeRule, ctx: Context, figure: NarrativeFigure, fields: list[str]) -> Outcome:
    """An error; or, where another reading of the same words agrees (新收 + 上年结转), a scope warning."""
    alternative = _agreeing_alternative(rule, ctx, figure.quantity)
    shown = _shown(ctx, fields)
    written = figure.block.text[figure.start:figure.end]
    stated = figure.quantity.text if written == figure.quantity.text else f"{figure.quantity.text}（{written}）"
    params = {"stated": stated, "field": shown}
    for lang in ("zh", "en"):
        params[f"field_label_{lang}"] = " + ".join(ctx.title(f, lang) for f in fields)
        params[f"hint_{lang}"] = _hint(rule, ctx, figure.quantity, lang)
    if alternative is None:
        return ctx.fail(rule, params, expected=shown, actual=figure.quantity.text, fields=fields, figures=[figure])
    params["alternative"] = _shown(ctx, alternative)
    for lang in ("zh", "en"):
        params[f"alternative_label_{lang}"] = " + ".join(ctx.title(f, lang) for f in alternative)
    return ctx.fail(rule, params, expected=shown, actual=figure.quantity.text, fields=[*fields, *alternative],
                    figures=[figure], severity="warning", message=rule.scope_message)  # a scope question


def _agreeing_alternative(rule: NarrativeRule, ctx: Context, stated: Quantity) -> list[str] | None:
    for alternative in rule.alternatives:
        fields = [f for f in alternative if ctx.defined([f])]
        if fields and not ctx.not_assessable(rule, fields) and \
                iv.overlaps(stated.interval(), iv.total(ctx.quantity(f) for f in fields)):
            return fields
    return None


def _shown(ctx: Context, fields: list[str]) -> str:
    quantities = [ctx.quantity(f) for f in fields]
    if len(quantities) == 1:
        return quantities[0].display
    return iv.show(iv.point(quantities), quantities[0].unit) + (quantities[0].unit or "")


def _hint(rule: NarrativeRule, ctx: Context, stated: Quantity, lang: str) -> str:
    """Name another field the stated figure agrees with: often the text counts a different scope."""
    for field in ctx.present(rule.hints):
        figure = ctx.extraction.fields[field]
        if figure.quantity and iv.overlaps(figure.quantity.interval(), stated.interval()):
            return word("hint.scope", lang, title=ctx.title(field, lang), value=figure.quantity.display)
    return ""


def stated_figures(rule: NarrativeRule, blocks: list[TextBlock]) -> Iterator[NarrativeFigure]:
    """Each place the narrative states this rule's figure, once per place."""
    seen: set[tuple[int, int]] = set()
    for number, block in enumerate(blocks):
        index = index_of(block.text)
        for phrase, zero in [(p, False) for p in rule.phrases] + [(p, True) for p in rule.zero_phrases]:
            for match in compile_phrase(phrase).finditer(block.text):
                start, end = (match.start(), match.end()) if zero else match.span("n")
                if (number, start) in seen or _excluded(rule, index, match):
                    continue
                try:
                    quantity = Quantity(Decimal(0), 0, None, "exact", "0") if zero \
                        else parse_quantity(match.group("n"))
                except (ValueError, ArithmeticError):
                    continue  # not a figure that can be read (as figures_in leaves it out)
                seen.add((number, start))
                yield NarrativeFigure(quantity, block, start, end, index.quote(start, end))


def _excluded(rule: NarrativeRule, index: TextIndex, match: re.Match[str]) -> bool:
    """A word of `exclude` in the clause of the match means the text speaks of something else;
    so does 其中 opening the clause before it ("其中，各乡镇主动公开…" states a part, not the total).
    Clause bounds come from the block's index: no scan of the text before the match."""
    if not rule.exclude:
        return False
    text = index.text
    sentence_start = index.sentence_at(match.start())[0]
    marks = index.clause_marks_between(sentence_start, match.start())
    bounds = [sentence_start, *(m + 1 for m in marks[-2:])]  # the last two clause starts are enough
    after = index.next_clause_mark(match.end())
    clause_start, clause_end = bounds[-1], len(text) if after is None else after
    if any(index.has_word(excluded, clause_start, clause_end) for excluded in rule.exclude):
        return True
    openers = [opener for opener in OPENERS if opener in rule.exclude]
    if not openers or len(bounds) < 2:
        return False
    # The clause before, its trailing blanks and marks taken off, ends in 其中?
    previous_start, at = bounds[-2], clause_start
    while at > previous_start and text[at - 1] in _OPENER_TRIM:
        at -= 1
    return any(at - len(opener) >= previous_start and text.startswith(opener, at - len(opener))
               for opener in openers)
