"""The shape of check-library files, validated by Pydantic. Unknown keys are errors."""

from __future__ import annotations

import fnmatch
import re
import string
from collections.abc import Iterable
from typing import Annotated, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from auditor.library.phrases import compile_phrase, exclusion_pattern
from auditor.model.words import VOCABULARY

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


class Strict(BaseModel):
    # defer_build: a validator is built when a model first validates, which a run whose library
    # comes from the cache (auditor.library.cache) never does; building them all costs start-up.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A text in both languages of the tool."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


FieldId = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
# In a rule, a field may name a placeholder of the rule's `for_each`: "t3.{row}.total".
FieldRef = Annotated[str, Field(pattern=r"^[a-z0-9_{}]+(\.[a-z0-9_{}]+)*$")]


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


class AxisDef(Strict):
    """A row or a column of a grid table."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
    labels: list[str] = []
    title: Text
    section: str | None = None  # rows: the block (（三）不予公开 …) that tells shared labels apart
    unit: str | None = None  # columns: the unit of its cells (件, 万元)
    columns: list[str] = []  # rows: the only columns this row has (default: all)


class TableDef(Strict):
    """A statistics table of rows × columns: each cell is the field `table.row.column`
    (`table.column` for a table of one unlabelled data row, read by position)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    title: Text
    columns: Annotated[list[AxisDef], Field(min_length=1)]
    rows: list[AxisDef] = []
    sections: list[SectionDef] = []
    header_labels: list[str] = []  # header cells that name no column (信息内容, 申请人情况)
    number: str = ""  # the form's number of the table ("二": reviewers call it 表二)

    def name(self) -> Text:
        """表二“主动公开政府信息情况” / table 二 ('information published proactively')."""
        if not self.number:
            return Text(zh=f"表“{self.title.zh}”", en=f"table '{self.title.en}'")
        return Text(zh=f"表{self.number}“{self.title.zh}”", en=f"table {self.number} ('{self.title.en}')")

    def cells(self) -> list[FieldDef]:
        if not self.rows:
            return [FieldDef(id=f"{self.id}.{c.id}", labels=[c.id], title=c.title) for c in self.columns]
        return [FieldDef(id=f"{self.id}.{r.id}.{c.id}", labels=r.labels or [r.id],
                         title=Text(zh=f"{r.title.zh}（{c.title.zh}）", en=f"{r.title.en} ({c.title.en})"))
                for r in self.rows for c in self.columns if not r.columns or c.id in r.columns]


class SplitDef(Strict):
    """An equation every correctly filled form satisfies: total = Σ parts, or Σ left = Σ right.
    Extraction cuts a row whose cells ran together ("644001170") by these equations only."""

    total: Annotated[FieldRef | None, Field(description="The total's field (with `parts`).")] = None
    parts: Annotated[list[FieldRef], Field(description="The fields that add up to the total (with `total`).")] = []
    left: Annotated[list[FieldRef], Field(description="Instead of total and parts: the fields summed on one "
                                                      "side (with `right`).")] = []
    right: Annotated[list[FieldRef], Field(description="The fields summed on the other side (with `left`).")] = []
    for_each: Annotated[dict[str, Annotated[list[str], Field(min_length=1)]], Field(
        description="One equation per value: `{ col = [\"natural\", \"total\"] }` with fields such as "
                    "`\"t3.new.{col}\"`.")] = {}

    @model_validator(mode="after")
    def _one_form(self) -> "SplitDef":
        if (self.total is not None or bool(self.parts)) == bool(self.left or self.right):
            raise ValueError("give either `total` with `parts`, or `left` with `right`")
        if not (self.total and self.parts) and not (self.left and self.right):
            raise ValueError("give `total` with `parts`" if self.total or self.parts else "give `left` with `right`")
        used = set(re.findall(r"\{([a-z_]+)\}", " ".join((self.total or "", *self.parts, *self.left, *self.right))))
        for name in sorted(used - set(self.for_each)):
            raise ValueError(f"placeholder {{{name}}} is not defined in for_each")
        for name in sorted(set(self.for_each) - used):
            raise ValueError(f"for_each names {name!r}, which no field uses")
        return self

    def sides(self) -> list[tuple[list[str], list[str]]]:
        """(left, right) per value of `for_each`; a total and parts as ([total], parts)."""
        left, right = ([self.total], self.parts) if self.total else (self.left, self.right)
        combos: list[dict[str, str]] = [{}]
        for name, values in self.for_each.items():
            combos = [{**combo, name: value} for combo in combos for value in values]
        return [([f.format(**v) for f in left], [f.format(**v) for f in right]) for v in combos]


class TemplateFile(Strict):
    template: TemplateInfo
    section: list[SectionDef] = []
    field: list[FieldDef] = []
    table: list[TableDef] = []
    split: Annotated[list[SplitDef], Field(description=(
        "The form's equations (`[[split]]`), in the order they are tried: the only ones extraction "
        "uses to cut run-together digits, and a check that states one of them on digits it cut is "
        "`recovered`, not `passed`."))] = []

    @field_validator("split")
    @classmethod
    def _known_split_fields(cls, splits: list[SplitDef], info: ValidationInfo) -> list[SplitDef]:
        known = {f.id for f in info.data.get("field", [])} | {
            cell.id for table in info.data.get("table", []) for cell in table.cells()}
        for number, split in enumerate(splits, start=1):
            for left, right in split.sides():
                unknown = next((f for f in (*left, *right) if f not in known), None)
                if unknown:
                    raise ValueError(f"[[split]] number {number}: unknown field {unknown!r}")
        return splits

    @model_validator(mode="after")
    def _unique_ids(self) -> "TemplateFile":
        seen: set[str] = set()
        for item in self.all_fields():
            if item.id in seen:
                raise ValueError(f"field id {item.id!r} is defined twice")
            seen.add(item.id)
        return self

    def all_fields(self) -> list[FieldDef]:
        return [*self.field, *(cell for table in self.table for cell in table.cells())]


# --- rules -----------------------------------------------------------------------------


class Group(Strict):
    """One total and the parts it is compared with."""

    total: Annotated[FieldRef, Field(description="The field of the total.")]
    parts: Annotated[list[FieldRef], Field(min_length=1, description="The fields of the parts.")]
    optional: Annotated[list[FieldRef], Field(description="Parts that count only where the form has the row.")] = []

    def expanded(self, values: dict[str, str]) -> "Group":
        return Group.model_construct(total=self.total.format(**values),
                                     parts=[p.format(**values) for p in self.parts],
                                     optional=[p.format(**values) for p in self.optional])


class RuleBase(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Z]{1,3}[0-9]{3}$",
                             description="Stable id: one to three capitals and three digits (`N201`); never reused.")]
    name: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                               description="Unique kebab-case name (`requests-received-stated`).")]
    severity: Annotated[Severity, Field(description="`error`, `warning` or `info`; teams can override it.")]
    templates: Annotated[list[str], Field(description="Template ids the rule runs for; empty: every template, "
                                                      "and reports with none.")] = []
    title: Annotated[Text, Field(description="What holds when the rule passes, `{ zh = …, en = … }`.")]
    message: Annotated[Text, Field(description="The finding's text; `{placeholders}` of the kind fill it.")]
    doc: Annotated[Text, Field(description="Why the rule holds and what it reads: `auditor explain` prints it.")]
    for_each: Annotated[dict[str, Annotated[list[str], Field(min_length=1)]], Field(
        description="Run the rule once per value: `{ col = [\"natural\", \"total\"] }` with fields such as "
                    "`\"t3.new.{col}\"`.")] = {}

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

    def instances(self) -> list[dict[str, str]]:
        """One {placeholder: value} per instance of the rule (one empty one without for_each)."""
        combos: list[dict[str, str]] = [{}]
        for name, values in self.for_each.items():
            combos = [{**combo, name: value} for combo in combos for value in values]
        return combos

    @model_validator(mode="after")
    def _placeholders_defined(self) -> "RuleBase":
        raw = " ".join(str(getattr(self, key, "")) for key in ("total", "parts", "optional", "each", "left", "right"))
        for name in set(re.findall(r"\{([a-z_]+)\}", raw)) - set(self.for_each):
            raise ValueError(f"placeholder {{{name}}} is not defined in for_each")
        return self


class GroupedRule(RuleBase):
    total: Annotated[FieldRef | None, Field(description="The total's field (with `parts`).")] = None
    parts: Annotated[list[FieldRef], Field(description="The parts' fields (with `total`).")] = []
    optional: Annotated[list[FieldRef], Field(description="Parts that count only where the form has the row.")] = []
    each: Annotated[list[Group], Field(description="Instead of total and parts: several groups, "
                                                   "`[{ total = …, parts = […] }, …]`.")] = []

    @model_validator(mode="after")
    def _one_form(self) -> "GroupedRule":
        if bool(self.each) == bool(self.total and self.parts):
            raise ValueError("give either `total` with `parts`, or `each` = a list of {total, parts}")
        return self

    def groups(self) -> list[Group]:
        raw = list(self.each) or [Group.model_construct(total=self.total, parts=self.parts, optional=self.optional)]
        return [group.expanded(values) for values in self.instances() for group in raw]

    def field_refs(self) -> list[str]:
        return [f for g in self.groups() for f in (g.total, *g.parts, *g.optional)]


class SumRule(GroupedRule):
    """total = Σ parts."""

    kind: Literal["sum"]
    placeholders = frozenset({"total_label", "total", "parts_sum", "parts"})


class BoundRule(GroupedRule):
    """each part ≤ total (mode each), or Σ parts ≤ total (mode together)."""

    kind: Literal["bound"]
    mode: Annotated[Literal["each", "together"], Field(
        description="`each`: every part ≤ total; `together`: the parts' sum ≤ total.")] = "each"
    placeholders = frozenset({"total_label", "total", "part_label", "part", "parts_sum", "parts"})


class EqualRule(RuleBase):
    """Σ left = Σ right (one field a side, or several)."""

    kind: Literal["equal"]
    left: Annotated[list[FieldRef], Field(min_length=1, description="Fields summed on the left.")]
    right: Annotated[list[FieldRef], Field(min_length=1, description="Fields summed on the right.")]
    placeholders = frozenset({"left_label", "left", "right_label", "right"})

    def sides(self) -> list[tuple[list[str], list[str]]]:
        return [([f.format(**v) for f in self.left], [f.format(**v) for f in self.right]) for v in self.instances()]

    def field_refs(self) -> list[str]:
        return [f for left, right in self.sides() for f in (*left, *right)]


class IntegerRule(RuleBase):
    """Every field matching `fields` (glob patterns) is a whole number, not negative."""

    kind: Literal["integer"]
    fields: Annotated[list[str], Field(min_length=1, description="Glob patterns of field ids (`t3.*`).")]
    exclude: Annotated[list[str], Field(description="Patterns left out: money, signed changes.")] = []
    placeholders = frozenset({"value_label", "value"})

    def matching(self, field_ids: Iterable[str]) -> list[str]:
        return [f for f in field_ids if any(fnmatch.fnmatchcase(f, p) for p in self.fields)
                and not any(fnmatch.fnmatchcase(f, p) for p in self.exclude)]


class Companion(Strict):
    """Another figure of the stated one's sentence that may explain a difference from the table:
    "现行有效210件，本年制发35件" against a table's 245 = 210 + 35."""

    words: Annotated[list[str], Field(min_length=1, description=(
        "Words in the other figure's clause, before it, that say what it counts (制发)."))]
    sign: Annotated[Literal["+", "-"], Field(description=(
        "`+`: the field is the stated figure plus the other (the text leaves it out); `-`: minus it "
        "(the text counts it too)."))]
    label: Annotated[Text, Field(description="What the other figure counts, as the message names it.")]


class NarrativeRule(RuleBase):
    """A figure the narrative states must equal a table field (or the sum of several)."""

    kind: Literal["narrative"]
    fields: Annotated[list[FieldId], Field(min_length=1, description=(
        "The table fields the stated figure equals, summed; a field the report's template does not "
        "define is left out (2019 and 2021 names)."))]
    any_of: Annotated[bool, Field(description=(
        "The fields name one figure under different names (本年制发 in 2021, 本年新制作 in 2019): "
        "compare the first the report has instead of their sum."))] = False
    companions: Annotated[list[Companion], Field(description=(
        "Other figures of the same sentence that explain a difference (stated ± other = field): the "
        "finding is then a scope warning whose `{hint}` states the sum."))] = []
    alternatives: Annotated[list[list[FieldId]], Field(description=(
        "Other readings of the same words (新收 + 上年结转 for 收到申请): a figure that agrees with one "
        "is a scope warning worded by `scope_message`, not an error."))] = []
    scope_message: Annotated[Text | None, Field(description=(
        "The warning when an alternative agrees; placeholders also `{alternative_label}`, `{alternative}`."))] = None
    phrases: Annotated[list[str], Field(description="Where the text states the figure: phrase syntax below.")] = []
    zero_phrases: Annotated[list[str], Field(description="Words that state zero (未收到…申请): the fields must be 0.")] = []
    exclude: Annotated[list[str], Field(description=(
        "Words that, in the same clause, mean another subject; or patterns: `(?<!各)类信息`."))] = []
    hints: Annotated[list[FieldId], Field(description="Fields a differing figure may have been taken from, "
                                                      "named in the message's `{hint}`.")] = []
    placeholders = frozenset({"field_label", "field", "stated", "hint", "alternative_label", "alternative"})

    @field_validator("scope_message")
    @classmethod
    def _scope_placeholders(cls, message: Text | None) -> Text | None:
        return cls._known_placeholders(message) if message else message

    @field_validator("phrases", "zero_phrases")
    @classmethod
    def _compilable(cls, phrases: list[str]) -> list[str]:
        for phrase in phrases:
            try:
                compile_phrase(phrase)
            except (re.error, ValueError) as exc:
                raise ValueError(f"phrase {phrase!r} does not compile: {exc}") from None
        return phrases

    @field_validator("exclude")
    @classmethod
    def _exclusions_compile(cls, entries: list[str]) -> list[str]:
        for entry in entries:
            try:
                exclusion_pattern(entry)
            except re.error as exc:
                raise ValueError(f"exclusion {entry!r} does not compile: {exc}") from None
        return entries

    @model_validator(mode="after")
    def _has_phrases(self) -> "NarrativeRule":
        if not self.phrases and not self.zero_phrases:
            raise ValueError("a narrative rule needs `phrases` or `zero_phrases`")
        if self.alternatives and self.scope_message is None:
            raise ValueError("a rule with `alternatives` needs a `scope_message`")
        return self

    def field_refs(self) -> list[str]:
        return [*self.fields, *self.hints, *(f for alternative in self.alternatives for f in alternative)]


_BREAKDOWN, _SHARE = VOCABULARY["breakdown"], VOCABULARY["share"]  # the defaults, in auditor/model/words.toml
Rounding = Literal["round", "truncate"]


class BreakdownRule(RuleBase):
    """In the narrative, "共N…，其中A a…、B b…": parts within their stated total."""

    kind: Literal["breakdown"]
    check: Annotated[Literal["exceeds", "sum", "shares"], Field(
        description="`exceeds`: the parts may not add up to more than the total; `sum`: a complete list adds up; "
                    "`shares`: the parts' stated shares may not add up to more than 100%.")]
    openers: Annotated[list[str], Field(description=(
        "Words that open a list of parts (其中): the parts follow in the total's unit, to the end of the "
        "sentence or of the bracket they stand in; the total is the last figure in that unit before."))] = \
        list(_BREAKDOWN["openers"])
    incomplete: Annotated[list[str], Field(description=(
        "Words that, right after the last part, leave the list incomplete (等, and others): a `sum` check is "
        "then silent. Only `check = \"sum\"` reads them."))] = list(_BREAKDOWN["incomplete"])
    totals: Annotated[Literal["stated", "earlier", "any"], Field(description=(
        "Which lists the rule checks: `stated`, those whose total the text states with them (before 其中, "
        "\"在…的N条信息中\", before a category head in its sentence); `earlier`, those that refer back to a "
        "total stated earlier by their topic (\"主动公开的政府信息，…\"); `any`, both."))] = "stated"
    rest: Annotated[list[str], Field(description=(
        "Words that, opening the label of the last of two or more parts, make it the rest (其余, 其他): the "
        "list claims to be complete. Only `check = \"sum\"` reads them."))] = list(_BREAKDOWN["rest"])
    not_rest: Annotated[list[str], Field(description=(
        "Labels that open with a word of `rest` but name a category (其他处理): not the rest."))] = \
        list(_BREAKDOWN["not_rest"])
    ends: Annotated[list[str], Field(description=(
        "Words that, opening a figure's label (after a time word), start a new total or stage (共, 合计, 办结): "
        "the list ends before it."))] = list(_BREAKDOWN["ends"])
    whole_words: Annotated[list[str], Field(description=(
        "Endings that make a count the total of the list after it: its clause ends in one within 20 "
        "characters (在主动公开的1913条政府信息中)."))] = list(_SHARE["whole"])
    heads: Annotated[list[str], Field(description=(
        "Words that head a category list (主要类别有：): its total is stated before them in the sentence, "
        "or earlier under the topic before them."))] = list(_BREAKDOWN["heads"])
    topics: Annotated[list[str], Field(description=(
        "Endings of a sentence's first clause that make it the topic of the list after it (主动公开的政府信息，): "
        "its total is the figure stated earlier under that topic."))] = list(_BREAKDOWN["topics"])
    scopes: Annotated[list[str], Field(description=(
        "Words of the whole scope that may stand before an earlier total's label (全区主动公开政府信息) "
        "and still match the topic."))] = list(_BREAKDOWN["scopes"])
    overlapping: Annotated[list[str], Field(description=(
        "Words of channels (网站, 微信, 公报): a list whose every part names one may add up to more than its "
        "total (one item is published through several), so `exceeds` compares each part with it, and "
        "`shares` is silent."))] = list(_BREAKDOWN["overlapping"])
    overlap_message: Annotated[Text | None, Field(description=(
        "The message when one part of a list of channels exceeds the total (`exceeds`); `message` if unset."))] = None
    placeholders = frozenset({"total", "parts_sum", "parts", "topic", "shares", "shares_sum"})

    @field_validator("overlap_message")
    @classmethod
    def _overlap_placeholders(cls, message: Text | None) -> Text | None:
        return cls._known_placeholders(message) if message else message

    @property
    def unread(self) -> frozenset[str]:
        """Keys the rule has but does not read: what completes a list when it checks that parts do not exceed;
        the words of lists that refer back to an earlier total when it checks stated totals only, and the
        other way round."""
        unread = {"incomplete", "rest", "not_rest"} if self.check != "sum" else set()
        if self.totals == "stated":
            unread |= {"topics", "scopes"}
        elif self.totals == "earlier":
            unread |= {"openers", "whole_words"}
        return frozenset(unread)


class ShareRule(RuleBase):
    """In the narrative, "a…，占p%": p reproduces part/whole by rounding or truncation."""

    kind: Literal["share"]
    share_words: Annotated[list[str], Field(description=(
        "Words that mark a share (占: 占79%, 占比79%, 占总数的79%): one stands at most `share_reach` "
        "characters before the percentage, in its clause."))] = list(_SHARE["words"])
    share_reach: Annotated[int, Field(ge=1, description=(
        "How many characters before the percentage a share word may stand."))] = 8
    openers: Annotated[list[str], Field(description=(
        "Words that open a list of parts (其中): the total before them is a whole the text names plainly, "
        "so a share of one of the parts that no whole reproduces fails."))] = list(_BREAKDOWN["openers"])
    whole_words: Annotated[list[str], Field(description=(
        "Endings that make a count a whole the text names plainly: its clause ends in one within 20 "
        "characters after it (在主动公开的1913条政府信息中)."))] = list(_SHARE["whole"])
    rounding: Annotated[list[Rounding], Field(min_length=1, description=(
        "How a stated share may come from part / whole at its stated precision: `round` (within half a "
        "unit of its last digit), `truncate` (cut off: up to one unit less). One is enough."))] = \
        ["round", "truncate"]
    respectively: Annotated[list[str], Field(description=(
        "Words before the share word that pair a run of shares with the run of parts before it, in order "
        "(38件、5件，分别占88.4%、11.6%)."))] = list(_SHARE["respectively"])
    scope_message: Annotated[Text | None, Field(description=(
        "The warning when the share does not follow from its list's total but does from another total of "
        "the same sentence (收到 where the list divides 办结); placeholders also `{other}`."))] = None
    placeholders = frozenset({"stated", "part", "whole", "computed", "other", "hint"})

    @field_validator("scope_message")
    @classmethod
    def _scope_placeholders(cls, message: Text | None) -> Text | None:
        return cls._known_placeholders(message) if message else message


class ExtractionRule(RuleBase):
    """Not a report error: something extraction could not read with confidence."""

    kind: Literal["extraction"]
    code: Annotated[str, Field(pattern=r"^[a-z]+(-[a-z]+)*$", description="The doubt's code extraction raises.")]
    defect: Annotated[bool, Field(description="A defect of the report seen while reading it (a total column "
                                              "left blank): a finding about the report, not a doubt.")] = False
    placeholders = frozenset({"text", "label", "count", "cells", "table", "reason", "generation"})


_RATE = VOCABULARY["rate"]  # the defaults, in auditor/model/words.toml


class RateSubjects(Strict):
    """What a rate is the rate of: the subjects of its part and of its whole."""

    part: Annotated[list[str], Field(min_length=1, description=(
        "Subjects of the part (办结): names of [vocabulary.phrase], or words."))]
    whole: Annotated[list[str], Field(min_length=1, description="Subjects of the whole (受理), likewise.")]


class RateRule(RuleBase):
    """In one sentence, "受理52件，办结25件，办结率100%": a stated rate follows from its part and whole
    (`check = "rate"`), and a part does not exceed its whole (`check = "exceeds"`)."""

    kind: Literal["rate"]
    check: Annotated[Literal["rate", "exceeds"], Field(description=(
        "`rate`: the rate reproduces part / whole; `exceeds`: the part is not more than the whole."))]
    rates: Annotated[dict[str, RateSubjects], Field(description=(
        "Each rate word (办结率) with the subjects of its part and whole; a count's subject is the word "
        "nearest before it in its clause (the longer of two ending together: 按时办结 over 办结)."),
        validate_default=True)] = dict(_RATE["words"])
    carried_over: Annotated[list[str], Field(description=(
        "Subjects of last year's carry-over: a count of one in the sentence adds to the whole."))] = \
        list(_RATE["carried_over"])
    included: Annotated[list[str], Field(description=(
        "Words before a carry-over in its clause that say the whole already counts it (含, 包括): it is "
        "then not added."))] = list(_RATE["included"])
    others: Annotated[list[str], Field(description=(
        "Subjects that hold a part's or a whole's word but count something else (延期办结): a count of one "
        "is neither."))] = list(_RATE["others"])
    carried_over_fields: Annotated[list[FieldId], Field(description=(
        "The table's carry-over: a difference it explains, and the sentence does not, is a scope warning "
        "worded by `scope_message`."))] = []
    scope_message: Annotated[Text | None, Field(description=(
        "The warning when the table's carry-over explains the difference; placeholders also `{carried}`."))] = None
    rounding: Annotated[list[Rounding], Field(min_length=1, description=(
        "How a stated rate may come from part / whole: `round`, `truncate` (one is enough)."))] = \
        ["round", "truncate"]
    placeholders = frozenset({"rate", "part", "whole", "computed", "carried"})

    @field_validator("scope_message")
    @classmethod
    def _scope_placeholders(cls, message: Text | None) -> Text | None:
        return cls._known_placeholders(message) if message else message

    @model_validator(mode="after")
    def _scope_with_fields(self) -> "RateRule":
        if self.carried_over_fields and self.scope_message is None:
            raise ValueError("a rule with `carried_over_fields` needs a `scope_message`")
        return self

    @property
    def unread(self) -> frozenset[str]:
        """Keys the rule has but does not read: `rounding` when it checks that parts do not exceed."""
        return frozenset({"rounding"}) if self.check == "exceeds" else frozenset()

    def field_refs(self) -> list[str]:
        return list(self.carried_over_fields)


PREVIOUS = "prev:"  # in a cross-year rule, a field of the same body's report of the year before
YearFieldRef = Annotated[str, Field(pattern=r"^(prev:)?[a-z0-9_{}]+(\.[a-z0-9_{}]+)*$")]


class CrossYearRule(RuleBase):
    """Σ left = Σ right across two consecutive reports of one body ('prev:' marks last year's)."""

    kind: Literal["cross_year"]
    left: Annotated[list[YearFieldRef], Field(min_length=1, description="Fields summed; `prev:` marks last year's.")]
    right: Annotated[list[YearFieldRef], Field(min_length=1, description="Fields summed; `prev:` marks last year's.")]
    placeholders = frozenset({"left_label", "left", "right_label", "right", "previous"})

    def sides(self) -> list[tuple[list[str], list[str]]]:
        return [([f.format(**v) for f in self.left], [f.format(**v) for f in self.right]) for v in self.instances()]

    def field_refs(self) -> list[str]:
        return [f.removeprefix(PREVIOUS) for left, right in self.sides() for f in (*left, *right)]


_CHANGE = VOCABULARY["change"]  # the defaults, in auditor/model/words.toml


class YearChangeRule(CrossYearRule):
    """A change against last year the narrative states right after a figure ("收到申请52件，较去年增长
    8.6%"): it follows from the figure and the same body's report of the year before."""

    kind: Literal["year_change"]  # type: ignore[assignment]
    left: Annotated[list[YearFieldRef], Field(description="Not read: the fields are the `narratives`' own.")] = []
    right: Annotated[list[YearFieldRef], Field(description="Not read, as `left`.")] = []
    narratives: Annotated[list[str], Field(min_length=1, description=(
        "Ids of narrative rules: where their phrases find a figure, its change is compared with their "
        "fields (or an alternative) in last year's report."))]
    compared: Annotated[list[str], Field(description=(
        "Words that compare with last year (较去年, 同比; `{year}` is last year's number), right after the figure."))] = \
        list(_CHANGE["compared"])
    degree: Annotated[list[str], Field(description="Words of degree before the direction (有所, 略有).")] = \
        list(_CHANGE["degree"])
    up: Annotated[list[str], Field(description="Words of an increase (增长, 增加).")] = list(_CHANGE["up"])
    down: Annotated[list[str], Field(description="Words of a decrease (减少, 下降).")] = list(_CHANGE["down"])
    between: Annotated[list[str], Field(description="Words between the direction and its amount (了).")] = \
        list(_CHANGE["between"])
    rounding: Annotated[list[Rounding], Field(min_length=1, description=(
        "How a stated percentage may come from the change: `round`, `truncate` (one is enough)."))] = \
        ["round", "truncate"]
    placeholders = frozenset({"stated", "change", "field_label", "previous_value", "previous", "computed"})

    def sides(self) -> list[tuple[list[str], list[str]]]:
        return []


_TEXT = VOCABULARY["text"]  # the defaults, in auditor/model/words.toml


class TextRule(RuleBase):
    """A rule over the report's own words, not its figures: its text from the title on (what a saved
    web page shows above it, menus and breadcrumb, is the site's), tables left out."""

    table_digits: Annotated[int, Field(ge=1, description=(
        "A clause holding a run of this many digits is a table rendered as text (its cells run "
        "together), not prose: the rule is silent there."))] = _TEXT["table_digits"]
    placeholders = frozenset({"text"})


class RepeatedWordRule(TextRule):
    """A word typed twice in a row (企业企业)."""

    kind: Literal["repeated_word"]
    min_length: Annotated[int, Field(ge=1, description=(
        "The shortest word read, in characters: a single character doubled is grammar (层层, 一一, "
        "认认真真)."))] = 2
    max_length: Annotated[int, Field(ge=1, description=(
        "The longest word read: a longer stretch repeated is a list (a table's header), not a word."))] = 8
    reduplicated: Annotated[list[str], Field(description=(
        "Words whose doubling is grammar (一件一件, 研究研究)."))] = list(_TEXT["reduplicated"])
    numerals: Annotated[str, Field(description=(
        "Characters of numbers written in words: a word of these only is a number (二〇二〇年)."))] = \
        _TEXT["numerals"]
    placeholders = frozenset({"text", "word"})

    @model_validator(mode="after")
    def _lengths(self) -> "RepeatedWordRule":
        if self.min_length > self.max_length:
            raise ValueError("`min_length` is more than `max_length`")
        return self


class PairedMarksRule(TextRule):
    """Paired marks (《》 “” （）) balance within a paragraph: one the loader split across blocks
    (it ends mid-sentence) continues in the next."""

    kind: Literal["paired_marks"]
    check: Annotated[Literal["unclosed", "unopened", "doubled"], Field(description=(
        "`unclosed`: an opening mark never closed; `unopened`: a closing mark never opened; `doubled`: "
        "such a closing mark right after the same one (》》)."))]
    pairs: Annotated[list[str], Field(min_length=1, description=(
        "Each pair: its opening marks, then as many closing marks (`\"（(）)\"`: either bracket closes "
        "either)."))] = list(_TEXT["pairs"])
    placeholders = frozenset({"text", "mark", "pair"})

    @field_validator("pairs")
    @classmethod
    def _halves(cls, pairs: list[str]) -> list[str]:
        for pair in pairs:
            half = len(pair) // 2
            if not pair or len(pair) % 2 or set(pair[:half]) & set(pair[half:]):
                raise ValueError(f"pair {pair!r} is not its opening marks then as many other closing marks")
        return pairs


class ResidueRule(TextRule):
    """What a template leaves until it is filled in: placeholders, instructions, empty brackets."""

    kind: Literal["residue"]
    patterns: Annotated[list[str], Field(min_length=1, description=(
        "Regular expressions of the residue (`[×Ｘ]{2,}`, `此处填写`)."))]

    @field_validator("patterns")
    @classmethod
    def _compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
        return patterns


RULE_KINDS: dict[str, type[RuleBase]] = {
    "sum": SumRule,
    "bound": BoundRule,
    "equal": EqualRule,
    "narrative": NarrativeRule,
    "breakdown": BreakdownRule,
    "share": ShareRule,
    "extraction": ExtractionRule,
    "integer": IntegerRule,
    "cross_year": CrossYearRule,
    "rate": RateRule,
    "year_change": YearChangeRule,
    "repeated_word": RepeatedWordRule,
    "paired_marks": PairedMarksRule,
    "residue": ResidueRule,
}
Rule = (SumRule | BoundRule | EqualRule | NarrativeRule | BreakdownRule | ShareRule | ExtractionRule | IntegerRule
        | CrossYearRule | RateRule | YearChangeRule | RepeatedWordRule | PairedMarksRule | ResidueRule)
