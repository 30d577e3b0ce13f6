"""Every rule of the check library has a focused pair of report fixtures under fixtures/rules/<RULE_ID>/.

- fail.md: the rule fails (a finding with its id) and no other rule reports an error, except the rules
  the file names on its first line as `<!-- also: P106 P104; why -->`.
- pass.md: the same report corrected. The rule runs and passes (for the extraction rules X…: raises no
  doubt) and nothing at all is reported at error level.
- A fixture may force a template on its first line (`<!-- …; template: new2021 … -->`), as
  `--template` does.
- Cross-year rules (Y…) compare two reports: fail.previous.md and pass.previous.md are the same body's
  report of the year before, audited together with fail.md / pass.md.

The rule ids come from the library itself, so a new rule without fixtures fails here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from auditor import audit
from auditor.library import load_library
from auditor.library.schema import CrossYearRule
from auditor.model.report import Report
from auditor.run import Options, check_files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
RULE_IDS = [rule.id for rule in load_library().rules]
KINDS = {rule.id: rule.kind for rule in load_library().rules}
# Rules that compare two years (cross_year, year_change): their fixtures have a year before.
CROSS_YEAR = {rule.id for rule in load_library().rules if isinstance(rule, CrossYearRule)}

_ALSO = re.compile(r"^\s*<!--\s*also:\s*(?P<ids>[A-Z]{1,3}\d{3}(?:[\s,，]+[A-Z]{1,3}\d{3})*)")
_RULE_ID = re.compile(r"[A-Z]{1,3}\d{3}")
_TEMPLATE = re.compile(r"^\s*<!--.*?\btemplate:\s*(?P<id>[\w-]+)")


def fixture(rule_id: str, kind: str) -> Path:
    return FIXTURES / rule_id / f"{kind}.md"


def companions(rule_id: str, kind: str) -> list[Path]:
    """The fixture files of one case: the year before first, for a cross-year rule."""
    main = fixture(rule_id, kind)
    return [main.with_suffix(".previous.md"), main] if rule_id in CROSS_YEAR else [main]


@cache
def audited(rule_id: str, kind: str) -> Report:
    if rule_id not in CROSS_YEAR:
        return audit(fixture(rule_id, kind), template=forced_template(fixture(rule_id, kind)))
    run = check_files(companions(rule_id, kind), Options())
    assert not run.errors, run.errors
    return next(r for r in run.reports if Path(r.path) == fixture(rule_id, kind))


def forced_template(path: Path) -> str | None:
    """The template a fixture's first line forces: `<!-- …; template: new2021 -->`."""
    found = _TEMPLATE.match(first_line(path))
    return found["id"] if found else None


def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n", 1)[0]


def also_allowed(path: Path) -> set[str]:
    """The rule ids a fail fixture declares on its first line: `<!-- also: P106 P104; why -->`."""
    found = _ALSO.match(first_line(path))
    return set(_RULE_ID.findall(found["ids"])) if found else set()


def describe(report: Report) -> str:
    return "\n".join(f"  {f.rule.id} [{f.severity}] {f.message('en')}" for f in report.findings) or "  (none)"


def test_library_has_rules():
    assert len(RULE_IDS) >= 25
    assert len(set(RULE_IDS)) == len(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_both_fixtures(rule_id):
    missing = [str(path.relative_to(FIXTURES.parent.parent))
               for kind in ("fail", "pass") for path in companions(rule_id, kind) if not path.is_file()]
    assert not missing, f"missing fixture(s): {', '.join(missing)}"


def test_no_fixtures_for_unknown_rules():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders <= set(RULE_IDS), f"fixtures for rules the library lacks: {sorted(folders - set(RULE_IDS))}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_fail_fixture_triggers_rule(rule_id):
    path = fixture(rule_id, "fail")
    report = audited(rule_id, "fail")
    assert any(f.rule.id == rule_id for f in report.findings), \
        f"{path.name} of {rule_id} raises no {rule_id} finding; findings:\n{describe(report)}"
    allowed = also_allowed(path)
    others = {f.rule.id for f in report.findings if f.severity == "error" and f.rule.id != rule_id}
    assert others <= allowed, \
        f"other rules report errors (declare them with <!-- also: … -->):\n{describe(report)}"
    stale = allowed - {f.rule.id for f in report.findings}
    assert not stale, f"<!-- also: … --> names rules that raise nothing: {sorted(stale)}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_pass_fixture_passes_rule(rule_id):
    report = audited(rule_id, "pass")
    own = [f for f in report.findings if f.rule.id == rule_id]
    assert not own, f"{rule_id} still reports:\n{describe(report)}"
    if KINDS[rule_id] != "extraction":
        statuses = [o.status for o in report.result.outcomes if o.rule.id == rule_id]
        assert "passed" in statuses, f"{rule_id} did not run and pass (outcomes: {statuses})"
        assert "failed" not in statuses
    errors = [f for f in report.findings if f.severity == "error"]
    assert not errors, f"errors in a pass fixture:\n{describe(report)}"


def test_no_template_fixtures():
    """X102: the fail fixture has no statistics table; the pass fixture's pre-2019 table is recognised."""
    if "X102" not in RULE_IDS:
        pytest.skip("no rule X102 in the library")
    assert audited("X102", "fail").extraction.template is None
    assert audited("X102", "pass").extraction.template == "pre2019"
