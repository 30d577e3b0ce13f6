"""A stated share that the table reproduces but the text's own count does not: the finding says
which figure of the text is likely wrong (issue 12, item 4)."""

from __future__ import annotations

import pytest

from auditor.library import load_library
from auditor.library.cases import Case
from auditor.rulecases import case_outcomes

TABLE = {"t3.disclosed.total": "138", "t3.partly_disclosed.total": "6", "t3.handled_total.total": "360"}


def _messages(text: str, lang: str) -> list[str]:
    library = load_library()
    case = Case(name="hint", text=text, fields=TABLE, template="new2021", expect="fail")
    return [o.finding.message(lang) for o in case_outcomes(library.rule("A103"), case, library) if o.finding]


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("本年度共办结政府信息公开申请360件，其中予以公开和部分公开120件，占40.0%。",
     "为 144件，按它正得 40.0%：可能是正文的 120件 有误", "is 144件, which gives 40.0%: the text's 120件 is likely wrong"),
    ("本年度共办结政府信息公开申请300件，其中予以公开和部分公开144件，占40.0%。",
     "为 360件，以它为总数正得 40.0%：可能是正文的总数 300件 有误", "the text's whole 300件 is likely wrong"),
])
def test_the_figure_the_table_contradicts_is_named(text: str, zh: str, en: str) -> None:
    assert any(zh in m for m in _messages(text, "zh"))
    assert any(en in m for m in _messages(text, "en"))


def test_no_hint_where_the_table_does_not_reproduce_the_share_either() -> None:
    [message] = _messages("本年度共办结政府信息公开申请360件，其中予以公开和部分公开120件，占35.0%。", "en")
    assert message.endswith("neither rounds nor truncates to 35.0%")
