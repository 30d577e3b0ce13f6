"""What a rule author works from: docs/rule-format.md (kept current), `auditor fields`, extending a
built-in rule from a team's file, and `auditor test-rules` on a team's own folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.library import load_library
from auditor.library.schema import RULE_KINDS
from auditor.model.errors import RuleFileError

ROOT = Path(__file__).parent.parent


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_rule_format_doc_is_current():
    generated = run("rules", "--format", "rule-format").stdout
    assert (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8") == generated, \
        "docs/rule-format.md is stale: run `auditor rules --format rule-format > docs/rule-format.md`"


def test_rule_format_doc_names_every_key_of_every_kind():
    doc = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    for kind, model in RULE_KINDS.items():
        assert f'## kind = "{kind}"' in doc
        for key, info in model.model_fields.items():
            assert f"| `{key}` |" in doc, (kind, key)
            assert info.description or key == "kind", f"{model.__name__}.{key} has no description"
    for word in ("{N:", "……", "for_each", "alternatives", "[[extend]]", "cases/<RULE-ID>.toml", "auditor fields"):
        assert word in doc


def test_fields_lists_every_field_of_a_template():
    rows = json.loads(run("fields", "--template", "new2021", "--format", "json").stdout)
    library = load_library()
    assert {r["field"] for r in rows} == set(library.templates["new2021"].fields)
    assert {r["template"] for r in rows} == {"new2021"}
    assert all(r["labels"] and r["title"] for r in rows)
    assert "t3.new.total" in {r["field"] for r in rows}


def test_fields_of_an_unknown_template_is_one_line():
    result = run("fields", "--template", "new2099")
    assert result.exit_code == 2 and "new2099" in result.output


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_team_extends_a_builtin_rule_without_copying_it(tmp_path: Path):
    folder = write(tmp_path / "team", "more.toml", '[[extend]]\nrule = "requests-received-stated-table-3"\n'
                                                   'phrases = ["共接到…申请{N:件}"]\nexclude = ["信访"]\n')
    builtin = load_library().rule("N201")
    extended = load_library([folder]).rule("N201")
    assert extended.phrases == [*builtin.phrases, "共接到…申请{N:件}"]
    assert extended.exclude == [*builtin.exclude, "信访"]
    assert load_library().rule("N201").phrases == builtin.phrases  # the built-in library is untouched


@pytest.mark.parametrize(("text", "line", "key"), [
    ('[[extend]]\nrule = "N201"\nphrases = ["(open{N}"]\n', 3, "phrases"),
    ('[[extend]]\nrule = "N201"\nseverity = ["error"]\n', 3, "severity"),
    ('[[extend]]\nrule = "N999"\nphrases = ["x{N}"]\n', 2, "rule"),
    ('[[extend]]\nrule = "N201"\nexclude = "信访"\n', 3, "exclude"),
    ('[[extend]]\nrule = "N201"\nhints = ["t9.nowhere"]\n', 3, "hints"),
])
def test_a_bad_extension_names_file_line_and_key(tmp_path: Path, text: str, line: int, key: str):
    folder = write(tmp_path / "team", "more.toml", text)
    with pytest.raises(RuleFileError) as error:
        load_library([folder])
    assert (error.value.line, error.value.key) == (line, key)
    assert error.value.path.endswith("more.toml")


TEAM_RULE = '''[[rule]]
id = "T001"
name = "trainees-within-staff"
kind = "bound"
severity = "warning"
templates = ["pre2019"]
total = "organisation.staff"
parts = ["meetings.trainees"]
title = { zh = "培训人数不超过工作人员数", en = "trainees within staff" }
message = { zh = "“{part_label}”{part} 多于“{total_label}”{total}", en = "'{part_label}' ({part}) exceeds '{total_label}' ({total})" }
doc = { zh = "团队规则。", en = "A team's rule." }
'''


def test_test_rules_runs_a_teams_cases(tmp_path: Path):
    folder = write(tmp_path / "team", "rules.toml", TEAM_RULE)
    write(folder / "cases", "T001.toml", 'rule = "T001"\n\n[[case]]\nname = "within"\n'
          'fields = { "organisation.staff" = "5", "meetings.trainees" = "3" }\nexpect = "pass"\n\n'
          '[[case]]\nname = "more-trainees"\nfields = { "organisation.staff" = "5", "meetings.trainees" = "30" }\n'
          'expect = "fail"\n')
    assert run("test-rules", folder).exit_code == 0
    write(folder / "cases", "T001.toml", 'rule = "T001"\n\n[[case]]\nname = "wrong"\n'
          'fields = { "organisation.staff" = "5", "meetings.trainees" = "30" }\nexpect = "pass"\n')
    result = run("test-rules", "--lang", "en", folder)
    assert result.exit_code == 1 and "T001 wrong" in result.output and "expected pass, got fail" in result.output


def test_a_case_file_with_a_bad_key_names_it(tmp_path: Path):
    folder = write(tmp_path / "team", "rules.toml", TEAM_RULE)
    write(folder / "cases", "T001.toml", 'rule = "T001"\n\n[[case]]\nname = "x"\nexpect = "passes"\n')
    result = run("test-rules", folder)
    assert result.exit_code == 2 and "T001.toml:5" in result.output and "expect" in result.output
