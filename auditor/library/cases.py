"""The case files of a rule folder (`cases/<RULE-ID>.toml`): their schema and how to read them.
Running them is auditor.rulecases' job."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from auditor.library.schema import Strict
from auditor.library.tomlfile import line_of, read_toml
from auditor.model.errors import RuleFileError

Expectation = Literal["pass", "fail", "scope", "not_assessable", "silent"]
EXPECTATIONS: dict[str, str] = {
    "pass": "every outcome passed",
    "fail": "some outcome failed at the rule's severity",
    "scope": "some outcome failed as a scope warning (the figure agrees with another reading)",
    "not_assessable": "nothing failed, and some outcome lacked an input",
    "silent": "the rule gave no outcome (the text does not state the figure, or the rows are absent)",
}
CASES_FOLDER = "cases"


class Case(Strict):
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    text: str = ""
    fields: dict[str, str] = {}
    previous: dict[str, str] = {}
    template: str | None = None
    expect: Expectation
    expected: str | None = None  # the finding's expected value, as shown
    actual: str | None = None
    suggests: list[str] | None = Field(None, description="The corrections a finding suggests, each the text its place should read; `[]`: none.")


class CaseFile(Strict):
    rule: str
    case: list[Case] = Field(min_length=1)



def case_files(folder: Path) -> list[Path]:
    cases = folder / CASES_FOLDER
    return sorted(cases.glob("*.toml")) if cases.is_dir() else []


def read_cases(path: Path) -> CaseFile:
    data, source = read_toml(path)
    try:
        return CaseFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"] if isinstance(p, str)) or None
        raise RuleFileError(str(path), line_of(source, tuple(error["loc"])), key, error["msg"]) from None
