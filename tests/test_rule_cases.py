"""The built-in rules' cases (checks/cases/<ID>.toml): each case gives the outcome it names, every
rule has cases, and every piece of a rule (a phrase, an exclusion word, a part of a sum) is pinned
by some case: taking it away changes an outcome."""

from __future__ import annotations

import pytest

from auditor.library import builtin_dir, load_library
from auditor.library.cases import case_files, read_cases
from auditor.rulecases import run_case, surviving

LIBRARY = load_library()
FILES = {read_cases(path).rule: (path, read_cases(path).case) for path in case_files(builtin_dir())}
CASES = [(rule, case) for rule, (_, cases) in FILES.items() for case in cases]
# Rules documented as notes of extraction: their input is a doubt, not text and cells.
WITHOUT_CASES = {r.id for r in LIBRARY.rules if r.kind == "extraction"}


@pytest.mark.parametrize(("rule_id", "case"), CASES, ids=[f"{r}-{c.name}" for r, c in CASES])
def test_case(rule_id: str, case) -> None:
    rule = LIBRARY.rule(rule_id)
    assert rule is not None, f"cases for an unknown rule {rule_id}"
    result = run_case(rule, case, LIBRARY)
    assert result.got == case.expect and not result.detail, (result.got, result.detail)


def test_every_rule_has_cases() -> None:
    missing = [r.id for r in LIBRARY.rules if r.id not in FILES and r.id not in WITHOUT_CASES]
    assert not missing


def test_case_names_are_unique_per_rule() -> None:
    for rule_id, (_, cases) in FILES.items():
        names = [case.name for case in cases]
        assert len(names) == len(set(names)), rule_id


@pytest.mark.parametrize("rule_id", sorted(FILES))
def test_every_piece_of_the_rule_is_pinned_by_a_case(rule_id: str) -> None:
    rule = LIBRARY.rule(rule_id)
    assert rule is not None
    assert surviving(rule, FILES[rule_id][1], LIBRARY) == []
