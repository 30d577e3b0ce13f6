"""Narrative rules: a figure the text states against the table field it restates."""

from __future__ import annotations

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.extract import recovered
from auditor.extract.stated import place_key, stated_figures, stated_ref
from auditor.library.schema import NarrativeRule
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Outcome
from auditor.model.numbers import Quantity
from auditor.model.words import word

__all__ = ["check_narrative", "place_key"]


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
        # A cell this very figure chose out of run-together digits agrees with it by construction.
        held = recovered(ctx.extraction.fields, fields, [stated_ref(figure)])
        return Outcome(rule, "recovered" if held else "passed")
    return _mismatch(rule, ctx, figure, fields)


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
