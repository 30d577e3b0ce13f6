"""Explanations before errors (issue 12, item 7): a narrative figure that differs from its table
field but that its own sentence explains is a scope warning saying the explanation, in both
languages; the corpus's explained differences keep being found, as warnings."""

from __future__ import annotations

import pytest
from corpus import REAL

from auditor import audit
from auditor.library import load_library
from auditor.library.cases import Case
from auditor.rulecases import case_outcomes, verdict

LIBRARY = load_library()


def _finding(rule_id: str, text: str, fields: dict[str, str], template: str = "new2021"):
    """The one finding of the rule on the text and cells; it must be a scope question."""
    rule = LIBRARY.rule(rule_id)
    case = Case(name="explained", text=text, fields=fields, template=template, expect="scope")
    outcomes = case_outcomes(rule, case, LIBRARY)
    assert verdict(rule, outcomes) == "scope"
    (finding,) = [o.finding for o in outcomes if o.finding]
    return finding


def test_companion_message_states_the_sum_in_both_languages():
    finding = _finding("N218", "现行有效规范性文件210件，本年制发35件。", {"t2.normative.in_force": "245"})
    assert finding.severity == "warning"
    assert "210件 + 本年制发 35件 = 245件" in finding.message("zh")
    assert "210件 + documents issued this year 35件 = 245件" in finding.message("en")
    assert [p.text for p in finding.places if p.role == "narrative"] == ["210件", "35件"]  # both quoted


def test_companion_minus_says_the_text_counts_it_too():
    finding = _finding("N218", "现行有效规范性文件210件，本年度废止规范性文件5件。", {"t2.normative.in_force": "205"})
    assert "210件 − 本年废止 5件 = 205件" in finding.message("zh")
    assert "may count documents repealed this year too" in finding.message("en")


def test_narrower_scope_message_names_the_scope():
    finding = _finding("N201", "2024年，县政府办代表县政府受理政府信息公开申请17件。", {"t3.new.total": "95"},
                       template="new2019")
    assert "“县政府办”" in finding.message("zh") and "'县政府办'" in finding.message("en")
    assert "95件" in finding.message("zh")


@pytest.mark.parametrize(("name", "rule_id", "stated", "explained"), [
    ("huaian-hongze-2024.pdf", "N201", "17件", "“区政府办”"),
    ("pingtan-2023.html", "N218", "393件", "393件 + 本年制发 77件 = 470件"),
])
def test_corpus_explained_differences_are_scope_warnings(name, rule_id, stated, explained):
    report = audit(REAL / name)
    (finding,) = [f for f in report.findings if f.rule.id == rule_id and f.actual == stated]
    assert finding.severity == "warning"
    assert explained in finding.message("zh")
