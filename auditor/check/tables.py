"""Table rules: sum, bound and equal, evaluated on the template fields a report has."""

from __future__ import annotations

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.check.model import Outcome
from auditor.library.schema import BoundRule, EqualRule, Group, SumRule


def check_sum(rule: SumRule, ctx: Context) -> list[Outcome]:
    outcomes = []
    for group in rule.groups():
        fields = [group.total, *group.parts, *ctx.present(group.optional)]
        missing = ctx.not_assessable(rule, fields)
        if missing:
            outcomes.append(missing)
            continue
        total, parts = ctx.quantity(group.total), [ctx.quantity(p) for p in fields[1:]]
        if iv.overlaps(total.interval(), iv.total(parts)):
            outcomes.append(Outcome(rule, "passed"))
            continue
        params = {**ctx.labelled("total", group.total), **ctx.parts_params(fields[1:], total.unit)}
        outcomes.append(ctx.fail(rule, params, expected=params["parts_sum"], actual=params["total"], fields=fields))
    return outcomes


def check_bound(rule: BoundRule, ctx: Context) -> list[Outcome]:
    outcomes = []
    for group in rule.groups():
        if rule.mode == "each":
            outcomes.extend(_each_within(rule, ctx, group))
        else:
            outcomes.append(_together_within(rule, ctx, group))
    return outcomes


def _each_within(rule: BoundRule, ctx: Context, group: Group) -> list[Outcome]:
    outcomes = []
    for part in [*group.parts, *ctx.present(group.optional)]:
        missing = ctx.not_assessable(rule, [group.total, part])
        if missing:
            outcomes.append(missing)
            continue
        total, value = ctx.quantity(group.total), ctx.quantity(part)
        if not iv.greater(value.interval(), total.interval()):
            outcomes.append(Outcome(rule, "passed"))
            continue
        params = {**ctx.labelled("total", group.total), **ctx.labelled("part", part)}
        outcomes.append(ctx.fail(rule, params, expected=f"≤ {params['total']}", actual=params["part"],
                                 fields=[part, group.total]))
    return outcomes


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


def check_equal(rule: EqualRule, ctx: Context) -> list[Outcome]:
    missing = ctx.not_assessable(rule, [*rule.left, *rule.right])
    if missing:
        return [missing]
    left = [ctx.quantity(f) for f in rule.left]
    right = [ctx.quantity(f) for f in rule.right]
    if iv.overlaps(iv.total(left), iv.total(right)):
        return [Outcome(rule, "passed")]
    params = {**ctx.side_params("left", rule.left), **ctx.side_params("right", rule.right)}
    return [ctx.fail(rule, params, expected=params["right"], actual=params["left"], fields=[*rule.left, *rule.right])]
