"""Rule cases: many short, named examples per rule, each a few lines of report text and the table
figures it needs, with the outcome the rule must give (SQLFluff's per-rule YAML cases are the
model). A rule folder keeps them in `cases/<RULE-ID>.toml`:

    rule = "N201"

    [[case]]
    name = "received-requests"
    text = "本年度共收到政府信息公开申请41件。"
    fields = { "t3.new.total" = "41" }
    expect = "pass"

`expect` is one of EXPECTATIONS. `fields` give table cells as written ("41", "", "/", "无", "5.5万元");
`previous` gives last year's for a cross-year rule; `template` defaults to the rule's first.
`auditor test-rules DIR` runs a folder's cases; the test suite runs the built-in ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.check import CHECKERS
from auditor.check.context import Context
from auditor.check.crossyear import cross_year_outcomes
from auditor.extract import Extraction, extract
from auditor.extract.tables import read_cell
from auditor.library import Library
from auditor.library.cases import Case, case_files, read_cases
from auditor.library.schema import SEVERITY_ORDER, CrossYearRule, Rule
from auditor.load.text import load_bytes
from auditor.model.document import Cell, Document, Location
from auditor.model.errors import RuleFileError, Said
from auditor.model.findings import CheckResult, Outcome
from auditor.model.report import Report

__all__ = ["CaseResult", "run_folder", "run_case", "mutants", "surviving", "case_files", "read_cases"]


@dataclass
class CaseResult:
    rule: str
    case: Case
    path: Path
    got: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.got == self.case.expect and not self.detail


def run_folder(folder: Path, library: Library) -> list[CaseResult]:
    """Every case in `folder`/cases, run against its rule in `library`."""
    results = []
    for path in case_files(folder):
        cases = read_cases(path)
        rule = library.rule(cases.rule)
        if rule is None:
            raise RuleFileError(str(path), 1, "rule", Said("input.case_rule", id=repr(cases.rule)))
        results += [run_case(rule, case, library, path) for case in cases.case]
    return results


def run_case(rule: Rule, case: Case, library: Library, path: Path = Path("<case>")) -> CaseResult:
    outcomes = case_outcomes(rule, case, library)
    return CaseResult(rule.id, case, path, verdict(rule, outcomes), _mismatch(case, outcomes))


def case_outcomes(rule: Rule, case: Case, library: Library) -> list[Outcome]:
    """The rule's outcomes on the case's text and cells."""
    template = case.template or (rule.templates[0] if rule.templates else next(iter(library.templates)))
    now = _extraction(case.text, case.fields, template, library, case.name)
    if isinstance(rule, CrossYearRule):
        before = _extraction("", case.previous, template, library, case.name + ".previous")
        return cross_year_outcomes(rule, library, Report(before.document.path, before, CheckResult()),
                                   Report(now.document.path, now, CheckResult()))
    return CHECKERS[rule.kind](rule, Context(now, library))


def verdict(rule: Rule, outcomes: list[Outcome]) -> str:
    failed = [o.finding for o in outcomes if o.status == "failed" and o.finding]
    if failed:
        # A scope question: worded by the rule's scope_message, or explained and so below the rule's severity.
        scope = getattr(rule, "scope_message", None)
        return "scope" if any((f.message_template is scope and scope is not None)
                              or SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[rule.severity] for f in failed) else "fail"
    if any(o.status == "not_assessable" for o in outcomes):
        return "not_assessable"
    return "pass" if outcomes else "silent"


def _mismatch(case: Case, outcomes: list[Outcome]) -> str:
    findings = [o.finding for o in outcomes if o.finding]
    problems = []
    for key in ("expected", "actual"):
        wanted = getattr(case, key)
        if wanted is not None and not any(getattr(f, key) == wanted for f in findings):
            problems.append(f"{key} {wanted!r} not among {[getattr(f, key) for f in findings]}")
    if case.suggests is not None:
        offered = [[fix.text for fix in f.suggestion.fixes] if f.suggestion else [] for f in findings]
        if case.suggests not in offered:
            problems.append(f"suggests {case.suggests!r} not among {offered}")
    return "; ".join(problems)


def _extraction(text: str, fields: dict[str, str], template: str, library: Library, name: str) -> Extraction:
    document = load_bytes(name, text.encode("utf-8"), "markdown") if text.strip() else Document(name, "markdown", None)
    extraction = extract(document, library, template)
    units = library.templates[template].units
    for number, (field, written) in enumerate(fields.items(), start=1):
        cell = Cell(written, Location(line=0, column=0, table=1, row=number, col=2))
        label = Cell(field, Location(line=0, column=0, table=1, row=number, col=1))
        extraction.fields[field] = read_cell(field, label, cell, units.get(field, ""), extraction.doubts)
    return extraction


# --- mutants: a behaviour change in a rule must change some case's outcome -----------------


def mutants(rule: Rule) -> list[tuple[str, Rule]]:
    """Copies of `rule` with one piece taken away: a phrase, an exclusion word, a word that opens
    a breakdown or leaves it incomplete, a share word, a whole word, a rounding mode, a part of a
    sum, a field of one side, a word that may double, a pair of marks, a pattern of residue; or with
    a length in characters one shorter (a share word's reach, a word's least and most length, the
    digits that make a table). The rule's cases pin its behaviour when each mutant fails one of them."""
    found: list[tuple[str, Rule]] = []
    pieces = {"phrases": "phrase", "zero_phrases": "zero_phrase", "exclude": "exclusion", "openers": "opener",
              "incomplete": "incompleteness word", "share_words": "share word", "whole_words": "whole word",
              "rounding": "rounding", "companions": "companion", "reduplicated": "reduplication", "pairs": "pair",
              "patterns": "pattern"}  # list keys, and what one value is called
    needed = {"phrases": "zero_phrases", "zero_phrases": "phrases", "rounding": None, "pairs": None,
              "patterns": None}  # may not all go
    pieces |= {"rest": "rest word", "not_rest": "category word", "ends": "end word", "heads": "head",
               "topics": "topic ending", "scopes": "scope word", "respectively": "respectively word"}  # of lists
    unread = getattr(rule, "unread", frozenset())  # keys the rule has but does not read
    for key, piece in pieces.items():
        values = [] if key in unread else getattr(rule, key, None) or []
        for index, value in enumerate(values):
            rest = [*values[:index], *values[index + 1:]]
            if key in needed and not rest and not (needed[key] and getattr(rule, needed[key])):
                continue  # a narrative rule needs a phrase, a share rule a rounding mode: not a valid rule
            found.append((f"without {piece} {value!r}", rule.model_copy(update={key: rest})))
    for key in ("share_reach", "min_length", "max_length", "table_digits"):  # tolerances, in characters
        reach = getattr(rule, key, None)
        if isinstance(reach, int) and reach > 1:
            found.append((f"with {key} {reach - 1}", rule.model_copy(update={key: reach - 1})))
    for key in ("parts", "optional", "left", "right"):
        values = getattr(rule, key, None) or []
        if len(values) > (0 if key == "optional" else 1):  # a sum keeps one part, an equal one field a side
            for index, value in enumerate(values):
                found.append((f"without {key.rstrip('s')} {value!r}",
                              rule.model_copy(update={key: [*values[:index], *values[index + 1:]]})))
    for number, group in enumerate(getattr(rule, "each", None) or []):
        for index, value in enumerate(group.parts if len(group.parts) > 1 else []):
            smaller = group.model_copy(update={"parts": [*group.parts[:index], *group.parts[index + 1:]]})
            each = [*rule.each[:number], smaller, *rule.each[number + 1:]]  # type: ignore[attr-defined]
            found.append((f"without part {value!r} of {group.total!r}", rule.model_copy(update={"each": each})))
    return found


def surviving(rule: Rule, cases: list[Case], library: Library) -> list[str]:
    """The mutants of `rule` that every case still passes: behaviour no case pins down."""
    alive = []
    for description, mutant in mutants(rule):
        if all(run_case(mutant, case, library).ok for case in cases):
            alive.append(description)
    return alive
