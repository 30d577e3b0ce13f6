"""Narrative rules: a figure the text states against the table field it restates."""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.extract import recovered
from auditor.extract.narrative import TextIndex, index_of
from auditor.extract.stated import place_key, stated_figures, stated_ref
from auditor.library.phrases import compile_phrase
from auditor.library.schema import Companion, NarrativeRule
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Fix, Outcome, Suggestion
from auditor.model.numbers import Quantity
from auditor.model.words import LANGS, VOCABULARY, word

__all__ = ["check_narrative", "place_key"]

_SCOPE = VOCABULARY["scope"]
_COUNT_UNITS = frozenset(VOCABULARY["units"]["count"])
# How far the explanations look, so that a finding costs the same in a sentence of any length:
COMPANION_REACH = 6  # figures either side of the stated one, in its sentence
SEMICOLONS = "；;"  # end a sentence for the phrases, not the statement a companion belongs to
SCOPE_REACH = 120  # characters before the figure's phrase (and around the figure), in its sentence


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
        explanation = _explanation(rule, ctx, figure, fields, shown)
        if explanation is None:
            return ctx.fail(rule, params, expected=shown, actual=figure.quantity.text, fields=fields,
                            figures=[figure], suggestion=_agree(ctx, figure, fields))
        hints, others = explanation
        params.update(hints)
        return ctx.fail(rule, params, expected=shown, actual=figure.quantity.text, fields=fields,
                        figures=[figure, *others], severity="warning")  # explained: a scope question
    params["alternative"] = _shown(ctx, alternative)
    for lang in ("zh", "en"):
        params[f"alternative_label_{lang}"] = " + ".join(ctx.title(f, lang) for f in alternative)
    return ctx.fail(rule, params, expected=shown, actual=figure.quantity.text, fields=[*fields, *alternative],
                    figures=[figure], severity="warning", message=rule.scope_message)  # a scope question


def _agree(ctx: Context, figure: NarrativeFigure, fields: list[str]) -> Suggestion | None:
    """One table field, exact: the text or the table should change to agree ("正文或表格之一应改为");
    only the text, where its figure is rounded or approximate (a table cell holds no 约)."""
    if len(fields) != 1 or not ctx.quantity(fields[0]).is_exact_count:
        return None
    table, stated = ctx.quantity(fields[0]), figure.quantity
    in_text = iv.show(table.value) + (stated.unit or "")
    params = {"field": in_text} | {f"label_{lang}": ctx.title(fields[0], lang) for lang in LANGS}
    if not (stated.is_exact_count and stated.bound == "exact"):
        return Suggestion("narrative", params, (Fix(0, in_text),))
    params["stated"] = iv.show(stated.value)
    return Suggestion("either", params, (Fix(0, in_text), Fix(1, params["stated"])))


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


# --- explanations: a difference the sentence itself explains is a scope warning ---------------


def _explanation(rule: NarrativeRule, ctx: Context, figure: NarrativeFigure, fields: list[str],
                 shown: str) -> tuple[dict[str, str], list[NarrativeFigure]] | None:
    """The {hint} in each language that says why the stated figure differs from the table, and the
    other figures it names; None when nothing in the sentence explains the difference."""
    target = iv.total(ctx.quantity(f) for f in fields)
    stated = figure.quantity.display
    found = _companion(rule, ctx, figure, target)
    if found is not None:
        companion, other = found
        key = "explanation.companion_plus" if companion.sign == "+" else "explanation.companion_minus"
        return {f"hint_{lang}": word(key, lang, stated=stated, label=companion.label.get(lang),
                                     other=other.quantity.display, field=shown) for lang in LANGS}, [other]
    scope = _narrower_scope(rule, figure, _scope_words(ctx))
    if scope is not None and not iv.greater(figure.quantity.interval(), target):
        # A part of the whole may count less than it, never more.
        return {f"hint_{lang}": word("explanation.narrower", lang, scope=scope, stated=stated, field=shown)
                for lang in LANGS}, []
    return None


def _companion(rule: NarrativeRule, ctx: Context, figure: NarrativeFigure,
               target: iv.Interval) -> tuple[Companion, NarrativeFigure] | None:
    """Another figure of the sentence, named by a companion's words in its clause, such that the
    stated figure plus (or minus) it equals the field: 现行有效210件，本年制发35件 against 245."""
    if not rule.companions:
        return None
    index = index_of(figure.block.text)
    sentence = _across_semicolons(index, index.sentence_at(figure.start))
    for other in _neighbours(ctx, figure, sentence):
        if not _same_kind(figure.quantity, other.quantity):
            continue
        clause_start = _clause_start(index, sentence[0], other.start)
        for companion in rule.companions:
            if any(index.has_word(w, clause_start, other.start) for w in companion.words):
                if iv.overlaps(_combined(figure.quantity, other.quantity, companion.sign), target):
                    return companion, other
                break  # the first companion its words name says what the figure counts
    return None


def _across_semicolons(index: TextIndex, sentence: tuple[int, int]) -> tuple[int, int]:
    """The sentence with the clause a ； joins it to on either side: 现行有效…210件；本年制发35件
    is one statement in two clauses."""
    start, end = sentence
    text = index.text
    if end < len(text) and text[end - 1] in SEMICOLONS:
        end = index.sentence_at(end)[1]
    if start > 0 and text[start - 1] in SEMICOLONS:
        start = index.sentence_at(start - 1)[0]
    return start, end


def _neighbours(ctx: Context, figure: NarrativeFigure, sentence: tuple[int, int]) -> list[NarrativeFigure]:
    """The report's other figures in the sentence, up to COMPANION_REACH either side of `figure`."""
    starts, figures = _figures_of_block(ctx, figure)
    at = bisect_left(starts, figure.start)
    low = max(bisect_left(starts, sentence[0]), at - COMPANION_REACH)
    high = min(bisect_left(starts, sentence[1]), at + COMPANION_REACH + 1)
    return [f for f in figures[low:high] if f.start != figure.start]


def _figures_of_block(ctx: Context, figure: NarrativeFigure) -> tuple[list[int], list[NarrativeFigure]]:
    """The narrative figures of the figure's block, by start, grouped once per report."""
    by_block = ctx.memo.get("narrative_by_block")
    if by_block is None:
        by_block = ctx.memo["narrative_by_block"] = {}
        for found in ctx.extraction.narrative:
            by_block.setdefault(id(found.block), ([], []))
            by_block[id(found.block)][0].append(found.start)
            by_block[id(found.block)][1].append(found)
    return by_block.get(id(figure.block), ([], []))


def _same_kind(a: Quantity, b: Quantity) -> bool:
    """Figures that may add up: the same unit, or two counts (件 and 份 of one subject)."""
    return a.unit == b.unit or (a.unit in _COUNT_UNITS and b.unit in _COUNT_UNITS)


def _combined(stated: Quantity, other: Quantity, sign: str) -> iv.Interval:
    (a_lo, a_hi), (b_lo, b_hi) = stated.interval(), other.interval()
    if sign == "+":
        return _add(a_lo, b_lo), _add(a_hi, b_hi)
    return _add(a_lo, None if b_hi is None else -b_hi), _add(a_hi, None if b_lo is None else -b_lo)


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def _clause_start(index: TextIndex, sentence_start: int, offset: int) -> int:
    marks = index.clause_marks_between(sentence_start, offset)
    return marks[-1] + 1 if marks else sentence_start


def _scope_words(ctx: Context) -> list[str]:
    """The words that name a narrower scope in this report: its own name too where it is an area's."""
    body = ctx.extraction.body or ""
    area = bool(body) and body.endswith(tuple(_SCOPE["area"]))
    return [*_SCOPE["narrower"], *(_SCOPE["own"] if area else [])]


def _narrower_scope(rule: NarrativeRule, figure: NarrativeFigure, scope_words: list[str]) -> str | None:
    """The narrower issuing scope the sentence names before the words that state the figure
    (区政府办代表区政府受理申请17件); None for a claim in words (均获维持), which a part does not excuse."""
    text, index = figure.block.text, index_of(figure.block.text)
    sentence_start, sentence_end = index.sentence_at(figure.start)
    start = _phrase_start(rule, figure, max(sentence_start, figure.start - SCOPE_REACH),
                          min(sentence_end, figure.end + SCOPE_REACH))
    if start is None:
        return None
    reach = max(sentence_start, start - SCOPE_REACH)
    named = [(at, w) for w in scope_words if (at := text.find(w, reach, start)) >= 0]
    if not named:
        return None
    at, scope = min(named)  # the subject comes first: 区政府办代表区政府…
    if any(text.endswith(w, sentence_start, at) for w in _SCOPE["about"]):
        return None
    if any(index.has_word(w, sentence_start, at) or index.has_word(w, at + len(scope), start)
           for w in _SCOPE["whole"]):  # 区直各部门、各乡镇、县直各单位…: the whole after all
        return None
    return scope


def _phrase_start(rule: NarrativeRule, figure: NarrativeFigure, search_from: int, search_to: int) -> int | None:
    """Where the phrase that states `figure` begins (the figure's subject stands before it)."""
    text = figure.block.text
    for phrase in rule.phrases:
        for match in compile_phrase(phrase).finditer(text, search_from, search_to):
            if match.span("n") == (figure.start, figure.end):
                return match.start()
    return None
