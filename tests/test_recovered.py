"""Run-together digits are cut by the template's own equations ([[split]]), never by the check
rules; a check stating the equation that decided a cut holds by construction: "recovered", not
"passed". A row no equation decides stays unread (X104) and its checks not assessable."""

from __future__ import annotations

import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError
from rich.console import Console

from auditor import audit
from auditor.extract import SplitFigure, extract, match_template, recovered
from auditor.extract.flow import equation_key
from auditor.library import Library, load_library
from auditor.library.schema import EqualRule, SumRule, TemplateFile
from auditor.load import load
from auditor.model.document import Cell, Location
from auditor.model.errors import RuleFileError
from auditor.model.extraction import TableFigure
from auditor.render.console import render_console
from auditor.render.json import render_json
from auditor.render.junit import render_junit

ROOT = Path(__file__).parent.parent
RECOVERED = ROOT / "fixtures/rules/X103/fail.md"  # tables 三 and 四 run together; every row has one split
AMBIGUOUS = ROOT / "fixtures/rules/X104/fail.md"  # the same, but table 四's digits split two ways
SCHEMA = json.loads((ROOT / "auditor/schemas/report.schema.json").read_text(encoding="utf-8"))
# The rows of RECOVERED whose cut an equation decided (the others have one cutting: "2000002").
CUT_ROWS = {"t3.new", "t3.disclosed", "t3.unable_not_held", "t3.handled_total"}
COLUMNS = ("natural", "commercial", "research", "social", "legal", "other_org", "total")


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def report():
    return audit(RECOVERED)


def stated(outcome, fields):
    """(left, right) of the equation a sum or equal outcome checked, as the check reads it."""
    rule = outcome.rule
    if isinstance(rule, SumRule):
        group = next(g for g in rule.groups() if g.total == outcome.subject)
        return [group.total], [*group.parts, *(p for p in group.optional if p in fields)]
    assert isinstance(rule, EqualRule)
    return next((left, right) for left, right in rule.sides() if "+".join(left) == outcome.subject)


# --- the equations are template data ----------------------------------------------------


def test_templates_state_the_equations_the_rules_check(library):
    """The form's equations stand in the templates; the table rules check the same ones (so that a
    check on digits cut by an equation knows it is that equation)."""
    for template in library.templates.values():
        from_rules = set()
        for rule in library.rules:
            if rule.templates and template.id not in rule.templates:
                continue
            if isinstance(rule, SumRule):
                sides = [([g.total], [*g.parts, *(f for f in g.optional if f in template.fields)])
                         for g in rule.groups()]
            elif isinstance(rule, EqualRule):
                sides = rule.sides()
            else:
                continue
            from_rules |= {equation_key(left, right) for left, right in sides
                           if all(f in template.fields for f in (*left, *right))}
        assert template.equations
        assert {equation_key(left, right) for left, right in template.equations} == from_rules, template.id


def test_a_rule_does_not_decide_a_split(tmp_path):
    """A team's rule stating 未经复议直接起诉 结果维持 = 总计 would pick 11|0|0|0|11 out of table 四's
    two splits; extraction does not read rules, so the row stays unread."""
    (tmp_path / "mine.toml").write_text('''
[[rule]]
id = "T901"
name = "direct-all-upheld"
kind = "equal"
severity = "info"
templates = ["new2021"]
left = ["t4.direct.upheld"]
right = ["t4.direct.total"]
title = { zh = "直接起诉均维持", en = "direct suits all upheld" }
message = { zh = "{left} ≠ {right}", en = "{left} ≠ {right}" }
doc = { zh = "测试", en = "test" }
''', encoding="utf-8")
    with_rule = audit(AMBIGUOUS, rules=[tmp_path])
    assert "t4.direct.total" not in with_rule.extraction.fields
    assert "ambiguous-split" in {d.code for d in with_rule.extraction.doubts}


def test_a_template_without_equations_recovers_nothing(library):
    document = load(str(RECOVERED))
    template = library.templates["new2021"]
    bare = match_template(document, dataclasses.replace(template, splits=[]))
    assert not any(isinstance(f, SplitFigure) for f in bare.figures.values())
    assert "t3.new.total" not in bare.figures  # 644001170 has many cuttings, and nothing to choose one
    assert "ambiguous-split" in {d.code for d in bare.doubts}
    assert template.equations  # the library's template is untouched


def test_the_library_is_not_written_by_extraction(library):
    """What extraction derives from a template is a cached property of the template; nothing of
    a report is kept in the library."""
    assert "memo" not in {f.name for f in dataclasses.fields(Library)}

    def state():
        return ({name: repr(getattr(library, name)) for name in ("rules", "origin")},
                {t.id: repr([getattr(t, f.name) for f in dataclasses.fields(t)]) for t in library.templates.values()})

    before = state()
    extract(load(str(RECOVERED)), library)
    extract(load(str(AMBIGUOUS)), library)
    assert state() == before


@pytest.mark.parametrize("split, reason", [
    ({"total": "t.a", "parts": ["t.nope"]}, "unknown field 't.nope'"),
    ({"total": "t.a", "parts": ["t.b"], "left": ["t.a"], "right": ["t.b"]}, "either `total` with `parts`"),
    ({"total": "t.a"}, "give `total` with `parts`"),
    ({"left": ["t.a"]}, "give `left` with `right`"),
    ({"total": "t.{x}", "parts": ["t.b"]}, "placeholder {x} is not defined"),
    ({"total": "t.a", "parts": ["t.b"], "for_each": {"x": ["a"]}}, "no field uses"),
    ({"total": "t.a", "parts": ["t.b"], "weight": 2}, "Extra inputs"),
])
def test_split_entries_are_validated(split, reason):
    data = {"template": {"id": "t", "generation": "x", "title": {"zh": "t", "en": "t"}},
            "field": [{"id": f"t.{n}", "labels": [n], "title": {"zh": n, "en": n}} for n in "ab"],
            "split": [split]}
    with pytest.raises(ValidationError, match=reason.replace("{", r"\{").replace("(", r"\(")):
        TemplateFile.model_validate(data)


def test_a_bad_split_names_its_file(tmp_path):
    (tmp_path / "template.toml").write_text('''[template]
id = "mine"
generation = "x"
title = { zh = "t", en = "t" }

[[field]]
id = "x.a"
labels = ["甲"]
title = { zh = "甲", en = "a" }

[[split]]
total = "x.a"
parts = ["x.b"]
''', encoding="utf-8")
    with pytest.raises(RuleFileError, match="unknown field 'x.b'") as caught:
        load_library([tmp_path])
    assert caught.value.line == 11  # the [[split]] header


# --- which cells were cut, and by what ----------------------------------------------------


def test_cut_cells_name_the_equations_that_decided_them(report):
    fields = report.extraction.fields
    cut = {f.rsplit(".", 1)[0] for f, figure in fields.items() if isinstance(figure, SplitFigure)}
    assert cut == CUT_ROWS  # "2000002" and "0000000" have one cutting: nothing was decided
    assert [fields[f"t3.new.{c}"].cell.text for c in COLUMNS] == ["64", "4", "0", "0", "1", "1", "70"]
    own = equation_key(["t3.new.total"], [f"t3.new.{c}" for c in COLUMNS[:-1]])
    assert fields["t3.new.natural"].equations == {own}
    assert not isinstance(fields["t3.carried_over.natural"], SplitFigure)
    assert not isinstance(fields["t4.review.total"], SplitFigure)  # 15 digits in 15 cells


def test_the_x103_note_still_lists_the_rows(report):
    [note] = [d for d in report.extraction.doubts if d.code == "recovered-split"]
    assert "644001170 → 64|4|0|0|1|1|70" in note.params["cells"]
    assert "X103" in {f.rule.id for f in report.findings}


def test_recovered_is_true_only_for_the_equation_that_cut_every_cut_cell():
    def figure(name, *equations):
        cell = Cell("1", Location(line=1, column=1))
        if equations:
            return SplitFigure(name, cell, cell, "value", None, frozenset(equations))
        return TableFigure(name, cell, cell, "value", None)

    row = equation_key(["r.total"], ["r.a", "r.b"])
    column = equation_key(["c.total"], ["r.a", "s.a"])
    figures = {"r.total": figure("r.total", row), "r.a": figure("r.a", row, column), "r.b": figure("r.b", row),
               "s.a": figure("s.a"), "c.total": figure("c.total")}
    assert recovered(figures, ["r.total"], ["r.a", "r.b"])
    assert recovered(figures, ["r.a", "r.b"], ["r.total"])  # the same equation written the other way
    assert recovered(figures, ["c.total"], ["r.a", "s.a"])  # the other cells were not cut
    assert not recovered(figures, ["r.total"], ["r.a"])  # another equation: other parts
    assert not recovered(figures, ["c.total"], ["r.b", "s.a"])  # r.b was cut by the row's equation only
    assert not recovered(figures, ["c.total"], ["s.a"])  # reads no cut cell


def test_the_checks_stating_the_deciding_equation_are_the_recovered_ones(report):
    """S103 (总计 = the six columns) on the four cut rows holds because the cut was chosen so; the
    column equations S101 and S102 read cut cells but were not what cut them: evidence."""
    fields = report.extraction.fields
    held = [o for o in report.result.outcomes if o.rule.kind in ("sum", "equal") and o.status != "not_assessable"]
    by_construction = {(o.rule.id, o.subject) for o in held if recovered(fields, *stated(o, fields))}
    assert by_construction == {("S103", f"{row}.total") for row in CUT_ROWS}
    reads_cut = {(o.rule.id, o.subject) for o in held
                 if any(isinstance(fields.get(f), SplitFigure) for f in (*stated(o, fields)[0], *stated(o, fields)[1]))}
    assert {rule for rule, _ in reads_cut - by_construction} == {"S101", "S102"}


def test_checks_on_recovered_digits_say_recovered_not_passed(report):
    status = {(o.rule.id, o.subject): o.status for o in report.result.outcomes}
    for row in CUT_ROWS:
        assert status["S103", f"{row}.total"] == "recovered"
    assert status["S103", "t3.carried_over.total"] == "passed"  # "2000002": one cutting, nothing decided
    assert status["S102", "t3.handled_total.natural"] == "passed"  # another equation than the one that cut
    assert status["S101", "t3.new.natural+t3.carried_over.natural"] == "passed"
    stats = report.stats()
    assert stats["recovered"] == len(CUT_ROWS)
    assert stats["passed"] + stats["recovered"] + stats["failed"] + stats["not_assessable"] == stats["checks"]


def test_a_row_no_equation_can_split_stays_unread():
    ambiguous = audit(AMBIGUOUS)
    fields = ambiguous.extraction.fields
    [doubt] = [d for d in ambiguous.extraction.doubts if d.code == "ambiguous-split"]
    assert doubt.text == "30003110001120002"
    assert not any(f.startswith("t4.") for f in fields)
    s104 = [o for o in ambiguous.result.outcomes if o.rule.id == "S104"]
    assert s104 and {o.status for o in s104} == {"not_assessable"}
    assert "X104" in {f.rule.id for f in ambiguous.findings}
    assert "recovered-split" in {d.code for d in ambiguous.extraction.doubts}  # table 三's rows were read


# --- "recovered" is counted apart everywhere ------------------------------------------------


@pytest.fixture(scope="module")
def marked(report):
    """The report with its checks on recovered digits marked as the check stage marks them."""
    fields = report.extraction.fields
    outcomes = [dataclasses.replace(o, status="recovered")
                if o.status == "passed" and o.rule.kind in ("sum", "equal") and recovered(fields, *stated(o, fields))
                else o for o in report.result.outcomes]
    result = dataclasses.replace(report.result, outcomes=outcomes)
    return dataclasses.replace(report, result=result)


def test_stats_count_recovered_apart(marked, report):
    stats = marked.stats()
    assert stats["recovered"] == len(CUT_ROWS)
    assert stats["passed"] + stats["recovered"] == sum(o.status in ("passed", "recovered")
                                                       for o in report.result.outcomes)
    assert stats["passed"] == sum(o.status == "passed" for o in marked.result.outcomes)


def test_json_has_recovered_in_its_stats(marked):
    data = json.loads(render_json([marked], lang="en"))
    jsonschema.validate(data, SCHEMA)
    assert data["reports"][0]["stats"]["recovered"] == len(CUT_ROWS)


def test_console_header_says_recovered(marked, report):
    def header(r, lang):
        console = Console(file=io.StringIO(), width=200, color_system=None)
        render_console([r], console, lang)
        return console.file.getvalue().splitlines()[1]

    passed = marked.stats()["passed"]
    assert f"passed {passed}, recovered {len(CUT_ROWS)}, failed 0" in header(marked, "en")
    assert f"按构造成立 {len(CUT_ROWS)}" in header(marked, "zh")
    assert "recovered" not in header(audit(ROOT / "fixtures/rules/X103/pass.md"), "en")


def test_junit_skips_a_recovered_check_with_its_reason(marked, library):
    suite = ET.fromstring(render_junit([marked], library, "en").split("\n", 1)[1]).find("testsuite")
    skipped = [case for case in suite.findall("testcase") if case.find("skipped") is not None]
    assert sorted(case.get("name") for case in skipped) == sorted(f"S103 {row}.total" for row in CUT_ROWS)
    assert all(case.find("skipped").get("message").startswith("recovered:") for case in skipped)
    assert int(suite.get("skipped")) == marked.stats()["recovered"]


def test_the_same_table_with_its_cells_apart_reads_the_same_and_passes(report, tmp_path):
    """Metamorphic: write each cut row's cells apart, as another conversion tool would. The fields
    read are the same; the checks that were recovered now have real evidence and pass."""
    fields = report.extraction.fields
    text = RECOVERED.read_text(encoding="utf-8")
    for row in CUT_ROWS:
        cells = [fields[f"{row}.{c}"].cell.text for c in COLUMNS]
        run = "".join(cells)
        at = text.rindex(run)  # in the table line (the comment before it may quote the row too)
        text = text[:at] + " ".join(cells) + " " + text[at + len(run):]
    apart = tmp_path / "apart.md"
    apart.write_text(text, encoding="utf-8")
    again = audit(apart)
    for row in CUT_ROWS:
        assert [again.extraction.fields[f"{row}.{c}"].quantity.value for c in COLUMNS] == \
               [fields[f"{row}.{c}"].quantity.value for c in COLUMNS]
    status = {(o.rule.id, o.subject): o.status for o in again.result.outcomes}
    assert {status["S103", f"{row}.total"] for row in CUT_ROWS} == {"passed"}
    assert again.stats()["recovered"] == 0
