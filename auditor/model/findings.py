"""What checking produces: one outcome per check run, and a finding for each failure."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from auditor.library.schema import Rule, Text
from auditor.model.document import CONTEXT_MAX, Location, window
from auditor.model.words import word

# "recovered": the check held on cells extraction cut out of run-together digits by this very
# equation (auditor.extract.recovered), so holding is no evidence: never counted as passed.
Status = Literal["passed", "recovered", "failed", "not_assessable", "suppressed"]
Role = Literal["table", "narrative"]
DoubtKind = Literal["report", "extraction"]


@dataclass(frozen=True)
class Place:
    """Where a figure of a finding stands: its text, the sentence or row around it, its field."""

    location: Location
    text: str  # the figure as written
    context: str  # the sentence (narrative) or the row label (table)
    role: Role
    field: str | None = None
    label: str = ""  # the field's title in the finding's language, or the row label
    path: str | None = None  # another report's file (cross-year findings); None: the report's own
    # Where the compiler finds it in the document (auditor.render.places.locator):
    table: str | None = None  # a cell: its table's number in the form (三), "" for the pre-2019 统计表
    column: str = ""  # a cell: its column's heading (自然人, 历年累计), "" for a single-value row
    section: str = ""  # a figure in the text: the heading it stands under
    quote: str = ""  # a figure in the text: a few characters around it exactly as written, for Ctrl+F


@dataclass(frozen=True)
class Fix:
    """One way to correct a finding: the figure at `place` (an index into its places) should read `text`."""

    place: int
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A correction the arithmetic decides, worded by `key` in words.toml [suggestion] with `params`
    (per language where a key ends in _zh/_en); `fixes` are its alternatives, for machine formats."""

    key: str
    params: dict[str, str]
    fixes: tuple[Fix, ...] = ()

    def text(self, lang: str) -> str:
        return word(f"suggestion.{self.key}", lang, **_in_language(self.params, lang))


@dataclass
class Finding:
    rule: Rule
    params: dict[str, str]  # fills the rule's message template, per language
    expected: str
    actual: str
    places: list[Place]
    doubt: DoubtKind = "report"
    severity: str = ""
    message_template: Text | None = None  # another wording of the rule's (a scope warning)
    hidden: str | None = None  # "suppressed" by a directive, known from the "baseline", or "dismissed"
    # A reviewer's decision on the HTML page (auditor.policy.decisions): "confirmed" or
    # "dismissed" (非问题: hidden, not counted), with the reviewer's note.
    decision: str | None = None
    note: str = ""
    # What the finding assumes of figures the report does not state: "blank_zero" (a blank read
    # as 0), "derived" (a blank total derived from its parts). Said with the finding.
    assumptions: tuple[str, ...] = ()
    suggestion: Suggestion | None = None

    def __post_init__(self) -> None:
        self.severity = self.severity or self.rule.severity
        self.message_template = self.message_template or self.rule.message

    def message(self, lang: str) -> str:
        assert self.message_template is not None
        text = self.message_template.get(lang).format_map(_Blank(_in_language(self.params, lang)))
        return text + self.suggested(lang) + self.assumed(lang)

    def suggested(self, lang: str) -> str:
        """The correction the arithmetic decides, said after the message ("" when none)."""
        if self.suggestion is None:
            return ""
        return ("；" if lang == "zh" else "; ") + self.suggestion.text(lang)

    def assumed(self, lang: str) -> str:
        """What the finding assumes, said after its message in every format ("" when nothing)."""
        if not self.assumptions:
            return ""
        sep = "、" if lang == "zh" else ", "
        said = word("assumption.finding", lang, items=sep.join(word(f"assumption.{a}", lang) for a in self.assumptions))
        return f"（{said}）" if lang == "zh" else f" ({said})"

    @property
    def fingerprint(self) -> str:
        """Stable when unrelated lines move: built from content, never from line numbers."""
        parts = [self.rule.id, *(f"{p.role}|{p.field}|{p.text}|{_squash(_bounded(p))}" for p in self.places)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class FindingPolicy:
    """What the team decided about findings, applied as each is made (never afterwards): the
    severity a rule's findings take, and whether a finding is hidden ("suppressed" by a directive
    in the file). The default keeps every rule's own severity and hides nothing."""

    severities: Mapping[str, str] = field(default_factory=dict)  # rule id → severity
    hide: Callable[[Finding], str | None] = lambda finding: None

    def severity(self, rule_id: str, default: str) -> str:
        return self.severities.get(rule_id, default)


@dataclass
class Outcome:
    rule: Rule
    status: Status
    finding: Finding | None = None
    reason: str = ""  # why it could not be assessed
    missing: tuple[str, ...] = ()  # the state of each input it lacked: no_row, blank, dash, word, unreadable
    subject: str = ""  # what was checked: a field id, or "line:column" of a stated figure

    def about(self, subject: str) -> Outcome:
        self.subject = subject
        return self


@dataclass
class CheckResult:
    outcomes: list[Outcome] = field(default_factory=list)
    doubts: list[Finding] = field(default_factory=list)  # findings without a check: extraction doubts, notes

    @property
    def findings(self) -> list[Finding]:
        """Every finding, shown or hidden (suppressed, baselined, dismissed)."""
        return [o.finding for o in self.outcomes if o.finding is not None] + self.doubts

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def _in_language(params: dict[str, str], lang: str) -> dict[str, str]:
    """The parameters as `lang` reads them: `x_zh` / `x_en` become `x`; the others stay."""
    values = {k: v for k, v in params.items() if not k.endswith(("_zh", "_en"))}
    for key, value in params.items():
        if key.endswith("_" + lang):
            values[key[: -len(lang) - 1]] = value
    return values


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _squash(text: str) -> str:
    return "".join(text.split())


def _bounded(place: Place) -> str:
    """The context a fingerprint reads: as it is up to CONTEXT_MAX characters (every place
    extraction makes: a longer sentence is already cut to a window around its figure), else
    such a window around the figure's first occurrence, so that hashing stays cheap."""
    context = place.context
    if len(context) <= CONTEXT_MAX:
        return context
    at = context.find(place.text) if place.text else -1
    start, end = (at, at + len(place.text)) if at >= 0 else (0, 0)
    return window(context, start, end)
