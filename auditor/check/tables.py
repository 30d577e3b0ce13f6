"""Table rules: sum, bound and equal, evaluated on the template fields a report has."""

from __future__ import annotations

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.extract import recovered
from auditor.library.schema import BoundRule, EqualRule, Group, IntegerRule, SumRule
from auditor.model.findings import Fix, Outcome, Status, Suggestion
from auditor.model.words import LANGS, word

EMPTY = ("blank", "dash", "word")  # a cell that states no figure: blank, "/" or "—", 无


def check_sum(rule: SumRule, ctx: Context) -> list[Outcome]:
    return [_sum(rule, ctx, group).about(group.total) for group in rule.groups()
            if ctx.defined([group.total, *group.parts])]


def _sum(rule: SumRule, ctx: Context, group: Group) -> Outcome:
    fields = [group.total, *group.parts, *ctx.present(group.optional)]
    missing = ctx.not_assessable(rule, fields)
    if missing:
        return _blank_total(rule, ctx, fields) or missing
    total, parts = ctx.quantity(group.total), [ctx.quantity(p) for p in fields[1:]]
    if iv.overlaps(total.interval(), iv.total(parts)):
        return Outcome(rule, _held(ctx, fields[:1], fields[1:]))
    params = {**ctx.labelled("total", group.total), **ctx.parts_params(fields[1:], total.unit)}
    return ctx.fail(rule, params, expected=params["parts_sum"], actual=params["total"], fields=fields,
                    suggestion=_total_should_be(ctx, fields))


def _held(ctx: Context, left: list[str], right: list[str]) -> Status:
    """An equation that holds: "recovered" when the cells it reads were cut out of run-together
    digits, or a total derived, by this very equation (it holds by construction, and is no
    evidence), else "passed"."""
    return "recovered" if recovered(ctx.extraction.fields, left, right) else "passed"


def _blank_total(rule: SumRule, ctx: Context, fields: list[str]) -> Outcome | None:
    """A 总计 left blank, "/" or 无 while its parts are not zero is a report error, not a missing input."""
    total = ctx.extraction.fields.get(fields[0])
    parts = [ctx.extraction.fields.get(f) for f in fields[1:]]
    if total is None or total.state not in EMPTY or any(p is None or p.quantity is None for p in parts):
        return None
    quantities = [p.quantity for p in parts if p and p.quantity]
    if not any(q.value for q in quantities):
        return None
    params = {**ctx.parts_params(fields[1:], quantities[0].unit), **_empty_params(ctx, "total", fields[0])}
    return ctx.fail(rule, params, expected=params["parts_sum"], actual=total.cell.text or word("cell_state.blank", "en"),
                    fields=fields, suggestion=_total_should_be(ctx, fields))


def _total_should_be(ctx: Context, fields: list[str]) -> Suggestion | None:
    """"应为 N" where the arithmetic decides it: exact parts, and no other equation of the total's
    holds (which would say the total is right and a part is wrong) or gives it another value."""
    total, parts = fields[0], fields[1:]
    if not all(_exact(ctx, p) for p in parts) or ctx.extraction.fields[total].assumption == "derived":
        return None
    value = iv.point(ctx.quantity(p) for p in parts)
    for left, right in _equations(ctx):
        sides = [*left, *right]
        if total not in sides or (left, right) == ([total], parts) or not all(_exact(ctx, f) for f in sides):
            continue
        lhs, rhs = (iv.point(ctx.quantity(f) for f in side) for side in (left, right))
        other = rhs if left == [total] else lhs if right == [total] else None
        if lhs == rhs or (other is not None and other != value):
            return None
    shown = iv.show(value)
    params = {"value": shown} | {f"label_{lang}": ctx.title(total, lang) for lang in LANGS}
    return Suggestion("total", params, (Fix(0, shown),))


def _exact(ctx: Context, field: str) -> bool:
    figure = ctx.extraction.fields.get(field)
    return figure is not None and figure.quantity is not None and figure.quantity.is_exact_count


def _equations(ctx: Context) -> list[tuple[list[str], list[str]]]:
    """Every table equation of the library the report has rows for, as (left, right), once per report."""
    if "equations" not in ctx.memo:
        found = []
        for rule in ctx.library.rules:
            if isinstance(rule, SumRule):
                found += [([g.total], [*g.parts, *ctx.present(g.optional)]) for g in rule.groups()]
            elif isinstance(rule, EqualRule):
                found += rule.sides()
        ctx.memo["equations"] = [(left, right) for left, right in found if ctx.defined([*left, *right])]
    return ctx.memo["equations"]


def check_bound(rule: BoundRule, ctx: Context) -> list[Outcome]:
    outcomes = []
    for group in rule.groups():
        if not ctx.defined([group.total, *group.parts]):
            continue
        if rule.mode == "each":
            outcomes.extend(_each_within(rule, ctx, group))
        else:
            outcomes.append(_together_within(rule, ctx, group).about(group.total))
    return outcomes


def _each_within(rule: BoundRule, ctx: Context, group: Group) -> list[Outcome]:
    return [_within(rule, ctx, group.total, part).about(part) for part in [*group.parts, *ctx.present(group.optional)]]


def _within(rule: BoundRule, ctx: Context, total_field: str, part: str) -> Outcome:
    missing = ctx.not_assessable(rule, [total_field, part])
    if missing:
        return _empty_parent(rule, ctx, total_field, part) or missing
    if not iv.greater(ctx.quantity(part).interval(), ctx.quantity(total_field).interval()):
        return Outcome(rule, "passed")
    params = {**ctx.labelled("total", total_field), **ctx.labelled("part", part)}
    return ctx.fail(rule, params, expected=f"≤ {params['total']}", actual=params["part"], fields=[part, total_field])


def _empty_parent(rule: BoundRule, ctx: Context, total_field: str, part: str) -> Outcome | None:
    """A total left blank, "/" or 无 over a sub-item that is not zero: the sub-item exceeds it."""
    total, figure = ctx.extraction.fields.get(total_field), ctx.extraction.fields.get(part)
    if total is None or total.state not in EMPTY or figure is None or not (figure.quantity and figure.quantity.value):
        return None
    params = {**_empty_params(ctx, "total", total_field), **ctx.labelled("part", part)}
    return ctx.fail(rule, params, expected=f"≤ {params['total']}", actual=params["part"], fields=[part, total_field])


def _empty_params(ctx: Context, prefix: str, field: str) -> dict[str, str]:
    """{prefix}: how the empty cell reads ("空白", "/"), {prefix}_label: its field's title."""
    figure = ctx.extraction.fields[field]
    params = {}
    for lang in LANGS:
        params[f"{prefix}_label_{lang}"] = ctx.title(field, lang)
        params[f"{prefix}_{lang}"] = figure.cell.text.strip() or word("cell_state.blank", lang)
    params[prefix] = params[f"{prefix}_en"]
    return params


def _together_within(rule: BoundRule, ctx: Context, group: Group) -> Outcome:
    fields = [group.total, *group.parts, *ctx.present(group.optional)]
    missing = ctx.not_assessable(rule, fields)
    if missing:
        return missing
    total, parts = ctx.quantity(group.total), [ctx.quantity(p) for p in fields[1:]]
    if not iv.greater(iv.total(parts), total.interval()):
        return Outcome(rule, "passed")
    params = {**ctx.labelled("total", group.total), **ctx.parts_params(fields[1:], total.unit)}
    return ctx.fail(rule, params, expected=f"≤ {params['total']}", actual=params["parts_sum"], fields=fields)


def check_integer(rule: IntegerRule, ctx: Context) -> list[Outcome]:
    """Counts are whole numbers, never negative; only money (excluded by the rule) has decimals.
    A blank is not a count: other rules say what it makes not assessable."""
    return [_whole(rule, ctx, field).about(field) for field in rule.matching(ctx.extraction.fields)
            if ctx.extraction.fields[field].quantity is not None]


def _whole(rule: IntegerRule, ctx: Context, field: str) -> Outcome:
    value = ctx.quantity(field).value
    if value >= 0 and value == value.to_integral():
        return Outcome(rule, "passed")
    params = ctx.labelled("value", field)
    return ctx.fail(rule, params, expected="≥ 0, integer", actual=params["value"], fields=[field])


def check_equal(rule: EqualRule, ctx: Context) -> list[Outcome]:
    return [_equal(rule, ctx, left, right).about("+".join(left)) for left, right in rule.sides()
            if ctx.defined([*left, *right])]


def _equal(rule: EqualRule, ctx: Context, left: list[str], right: list[str]) -> Outcome:
    missing = ctx.not_assessable(rule, [*left, *right])
    if missing:
        return missing
    if iv.overlaps(iv.total(ctx.quantity(f) for f in left), iv.total(ctx.quantity(f) for f in right)):
        return Outcome(rule, _held(ctx, left, right))
    params = {**ctx.side_params("left", left), **ctx.side_params("right", right)}
    return ctx.fail(rule, params, expected=params["right"], actual=params["left"], fields=[*left, *right])
