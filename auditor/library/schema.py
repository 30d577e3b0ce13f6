"""The shape of check-library files, validated by Pydantic. Unknown keys are errors."""

from __future__ import annotations

import re
import string
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both languages of the tool."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


FieldId = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]


# --- templates -------------------------------------------------------------------------


class TemplateInfo(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_\-]+$")]
    generation: str
    title: Text
    min_fields: int = 4
    value_headers: list[str] = []
    cumulative_headers: list[str] = []
    unit_headers: list[str] = []


class SectionDef(Strict):
    id: str
    labels: list[str]


class FieldDef(Strict):
    id: FieldId
    labels: Annotated[list[str], Field(min_length=1)]
    title: Text

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]


class TemplateFile(Strict):
    template: TemplateInfo
    section: list[SectionDef] = []
    field: list[FieldDef]

    @model_validator(mode="after")
    def _unique_ids(self) -> "TemplateFile":
        seen: set[str] = set()
        for item in self.field:
            if item.id in seen:
                raise ValueError(f"field id {item.id!r} is defined twice")
            seen.add(item.id)
        return self


# --- rules -----------------------------------------------------------------------------


class Group(Strict):
    """One total and the parts it is compared with."""

    total: FieldId
    parts: Annotated[list[FieldId], Field(min_length=1)]
    optional: list[FieldId] = []  # parts that count only where the form has the row


class RuleBase(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Z]{1,3}[0-9]{3}$")]
    name: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    severity: Severity
    templates: list[str] = []  # empty: every template, and reports with none
    title: Text
    message: Text
    doc: Text

    # The placeholders a message of this kind may use (checked when the file is loaded).
    placeholders: ClassVar[frozenset[str]] = frozenset()

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, message: Text) -> Text:
        for text in (message.zh, message.en):
            used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            unknown = used - cls.placeholders
            if unknown:
                known = ", ".join(sorted(cls.placeholders))
                raise ValueError(f"unknown placeholder {{{sorted(unknown)[0]}}} (known: {known})")
        return message

    def field_refs(self) -> list[str]:
        return []


class GroupedRule(RuleBase):
    total: FieldId | None = None
    parts: list[FieldId] = []
    optional: list[FieldId] = []
    each: list[Group] = []

    @model_validator(mode="after")
    def _one_form(self) -> "GroupedRule":
        if bool(self.each) == bool(self.total and self.parts):
            raise ValueError("give either `total` with `parts`, or `each` = a list of {total, parts}")
        return self

    def groups(self) -> list[Group]:
        if self.each:
            return list(self.each)
        assert self.total is not None
        return [Group(total=self.total, parts=self.parts, optional=self.optional)]

    def field_refs(self) -> list[str]:
        return [f for g in self.groups() for f in (g.total, *g.parts, *g.optional)]


class SumRule(GroupedRule):
    """total = Σ parts."""

    kind: Literal["sum"]
    placeholders = frozenset({"total_label", "total", "parts_sum", "parts"})


class BoundRule(GroupedRule):
    """each part ≤ total (mode each), or Σ parts ≤ total (mode together)."""

    kind: Literal["bound"]
    mode: Literal["each", "together"] = "each"
    placeholders = frozenset({"total_label", "total", "part_label", "part", "parts_sum", "parts"})


class EqualRule(RuleBase):
    """Σ left = Σ right (one field a side, or several)."""

    kind: Literal["equal"]
    left: Annotated[list[FieldId], Field(min_length=1)]
    right: Annotated[list[FieldId], Field(min_length=1)]
    placeholders = frozenset({"left_label", "left", "right_label", "right"})

    def field_refs(self) -> list[str]:
        return [*self.left, *self.right]


class NarrativeRule(RuleBase):
    """A figure the narrative states must equal a table field (or the sum of several)."""

    kind: Literal["narrative"]
    fields: Annotated[list[FieldId], Field(min_length=1)]
    phrases: list[str] = []
    zero_phrases: list[str] = []
    exclude: list[str] = []  # words that, in the same clause, mean another subject
    hints: list[FieldId] = []  # fields a differing figure may have been taken from
    placeholders = frozenset({"field_label", "field", "stated", "hint"})

    @field_validator("phrases", "zero_phrases")
    @classmethod
    def _compilable(cls, phrases: list[str]) -> list[str]:
        from auditor.extract.phrases import compile_phrase  # local: avoids an import cycle

        for phrase in phrases:
            try:
                compile_phrase(phrase)
            except (re.error, ValueError) as exc:
                raise ValueError(f"phrase {phrase!r} does not compile: {exc}") from None
        return phrases

    @model_validator(mode="after")
    def _has_phrases(self) -> "NarrativeRule":
        if not self.phrases and not self.zero_phrases:
            raise ValueError("a narrative rule needs `phrases` or `zero_phrases`")
        return self

    def field_refs(self) -> list[str]:
        return [*self.fields, *self.hints]


class BreakdownRule(RuleBase):
    """In the narrative, "共N…，其中A a…、B b…": parts within their stated total."""

    kind: Literal["breakdown"]
    check: Literal["exceeds", "sum"]
    placeholders = frozenset({"total", "parts_sum", "parts"})


class ShareRule(RuleBase):
    """In the narrative, "a…，占p%": p reproduces part/whole by rounding or truncation."""

    kind: Literal["share"]
    placeholders = frozenset({"stated", "part", "whole", "computed"})


class ExtractionRule(RuleBase):
    """Not a report error: something extraction could not read with confidence."""

    kind: Literal["extraction"]
    code: Annotated[str, Field(pattern=r"^[a-z]+(-[a-z]+)*$")]
    placeholders = frozenset({"text", "label", "count"})


RULE_KINDS: dict[str, type[RuleBase]] = {
    "sum": SumRule,
    "bound": BoundRule,
    "equal": EqualRule,
    "narrative": NarrativeRule,
    "breakdown": BreakdownRule,
    "share": ShareRule,
    "extraction": ExtractionRule,
}
Rule = SumRule | BoundRule | EqualRule | NarrativeRule | BreakdownRule | ShareRule | ExtractionRule
