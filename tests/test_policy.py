"""What teams configure: config files, severities, per-path ignores, suppressions, baselines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.policy.config import Config, _config_in, load_config

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def findings(result) -> list[tuple[str, str]]:
    data = json.loads(result.stdout)
    return [(f["rule"], f["severity"]) for r in data["reports"] for f in r["findings"]]


@pytest.fixture(autouse=True)
def fresh_discovery():
    """Configuration lookups are cached per folder for a run; each test writes its own files."""
    _config_in.cache_clear()
    yield
    _config_in.cache_clear()


@pytest.fixture()
def project(tmp_path):
    """A repository with the seed report in reports/2018/."""
    folder = tmp_path / "reports" / "2018"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "xishan.txt")
    return tmp_path


def test_discovery_walks_up_and_the_closest_wins(project):
    (project / "pyproject.toml").write_text('[tool.auditor]\nignore = ["P106"]\n', encoding="utf-8")
    report = project / "reports" / "2018" / "xishan.txt"
    assert ("P106", "error") not in findings(run("check", "--format", "json", report))
    (project / "reports" / ".auditor.toml").write_text('ignore = ["N101"]\n', encoding="utf-8")
    _config_in.cache_clear()
    got = findings(run("check", "--format", "json", report))
    assert ("P106", "error") in got and ("N101", "error") not in got


def test_select_by_prefix_and_severity_override(project):
    (project / "auditor.toml").write_text('select = ["P1"]\n[severity]\nP110 = "error"\nP106 = "info"\n',
                                          encoding="utf-8")
    got = findings(run("check", "--format", "json", project / "reports" / "2018" / "xishan.txt"))
    assert {rule for rule, _ in got} == {"P106", "P110"}
    assert ("P110", "error") in got and ("P106", "info") in got


def test_per_path_ignores(project):
    (project / "auditor.toml").write_text('[per-path-ignores]\n"reports/2018/*" = ["P"]\n', encoding="utf-8")
    got = findings(run("check", "--format", "json", project / "reports" / "2018" / "xishan.txt"))
    assert [f for f in got if not f[0].startswith("T")] == [("N101", "error")]  # the text rules' warnings stay
    assert len(got) == 5


def test_a_reports_path_is_matched_once_not_once_per_rule(project, monkeypatch):
    (project / "auditor.toml").write_text('[per-path-ignores]\n"reports/2018/*" = ["P"]\n', encoding="utf-8")
    report = project / "reports" / "2018" / "xishan.txt"
    config = load_config(project / "auditor.toml")
    seen = []
    relative = Config._relative
    monkeypatch.setattr(Config, "_relative", lambda self, path: seen.append(path) or relative(self, path))
    enabled = config.rule_filter(report)
    assert [enabled(rule) for rule in ("P106", "P110", "N101")] == [False, False, True]
    assert seen == [report]
    assert [config.enabled(rule, report) for rule in ("P106", "N101")] == [False, True]


def test_without_per_path_ignores_no_path_is_resolved(monkeypatch):
    def resolve(self, strict=False):
        raise AssertionError("resolved")

    monkeypatch.setattr(Path, "resolve", resolve)
    enabled = Config(select=["P", "N1"], ignore=["P110"]).rule_filter(Path("reports") / "x.txt")
    assert [enabled(rule) for rule in ("P106", "P110", "N101", "N201")] == [True, False, True, False]


def test_config_option_and_fail_on_from_config(project):
    config = project / "team.toml"
    config.write_text('ignore = ["N101", "P106"]\nfail-on = "warning"\n', encoding="utf-8")
    report = project / "reports" / "2018" / "xishan.txt"
    result = run("check", "--config", config, report)
    assert result.exit_code == 1  # only P110 (a warning) is left, and the team fails on warnings
    assert run("check", "--config", config, "--fail-on", "error", report).exit_code == 0
    assert run("check", "--config", config, "--exit-zero", report).exit_code == 0


@pytest.mark.parametrize("text, line, key", [
    ('colour = "red"\n', 1, "colour"),
    ('select = ["P"]\n[severity]\nP110 = "fatal"\n', 3, "severity.P110"),
    ('fail-on = "sometimes"\n', 1, "fail-on"),
])
def test_invalid_config_names_file_line_and_key(project, text, line, key):
    config = project / "auditor.toml"
    config.write_text(text, encoding="utf-8")
    result = run("check", "--config", config, project / "reports" / "2018" / "xishan.txt")
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"auditor：错误：{config}:{line}: {key}：")
    assert len(result.output.strip().splitlines()) == 1


def test_config_rules_folder_relative_to_the_config(project):
    (project / "team-rules").mkdir()
    (project / "team-rules" / "t.toml").write_text(
        '[[rule]]\nid = "T001"\nname = "team"\nkind = "bound"\nseverity = "warning"\ntemplates = ["pre2019"]\n'
        'total = "organisation.staff"\nparts = ["meetings.trainees"]\ntitle = { zh = "甲", en = "a" }\n'
        'message = { zh = "{part}", en = "{part}" }\ndoc = { zh = "甲", en = "a" }\n', encoding="utf-8")
    (project / "auditor.toml").write_text('rules = ["team-rules"]\n', encoding="utf-8")
    got = findings(run("check", "--format", "json", project / "reports" / "2018" / "xishan.txt"))
    assert ("T001", "warning") in got


def test_suppression_directives(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    table_row = next(i for i, line in enumerate(lines) if line.startswith("2.政府网站公开政府信息数"))
    lines.insert(table_row, "# auditor-disable-next-line P106")
    lines.insert(0, "# auditor-disable-file P110")
    lines.insert(0, "# auditor-disable-next-line A101")  # suppresses nothing: reported
    report = tmp_path / "r.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    result = run("check", "--format", "json", report)
    data = json.loads(result.stdout)["reports"][0]
    got = [(f["rule"], f["locations"][0]["text"]) for f in data["findings"]]
    assert ("P106", "135") not in got and ("P106", "37") in got  # only the website row is suppressed
    assert not any(rule == "P110" for rule, _ in got)
    assert ("X107", "# auditor-disable-next-line A101") in got
    assert data["stats"]["suppressed"] == 2


def test_block_directive_in_markdown_comment(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "2.政府网站公开政府信息数", "<!-- auditor-disable P106 -->\n2.政府网站公开政府信息数").replace(
        "5.其他方式公开政府信息数", "5.其他方式公开政府信息数").replace(
        "二、回应解读情况", "<!-- auditor-enable P106 -->\n二、回应解读情况")
    report = tmp_path / "r.md"
    report.write_text(text, encoding="utf-8")
    got = findings(run("check", "--format", "json", report))
    assert not any(rule == "P106" for rule, _ in got)


def test_baseline_shows_exactly_the_new_finding(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(SEED, report)
    baseline = tmp_path / "baseline.json"
    assert run("check", "--write-baseline", baseline, report).exit_code == 1
    assert run("check", "--baseline", baseline, report).exit_code == 0  # everything known
    text = report.read_text(encoding="utf-8")
    text = "新增说明一行。\n" + text.replace("3.政务微博公开政府信息数 | 条 | 0", "3.政务微博公开政府信息数 | 条 | 30")
    report.write_text(text, encoding="utf-8")
    result = run("check", "--format", "json", "--baseline", baseline, report)
    assert result.exit_code == 1
    assert findings(result) == [("P106", "error")]
    assert json.loads(result.stdout)["reports"][0]["findings"][0]["locations"][0]["text"] == "30"


def test_baseline_lists_entries_that_no_longer_occur(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(SEED, report)
    baseline = tmp_path / "baseline.json"
    run("check", "--write-baseline", baseline, report)
    report.write_text(report.read_text(encoding="utf-8").replace("| 条 | 140 |", "| 条 | 20 |"), encoding="utf-8")
    result = run("check", "--baseline", baseline, report)
    assert result.exit_code == 0
    assert "基线中的问题已不再出现" in result.stderr and "P106" in result.stderr


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    result = run("check", "--format", "json", "--output", out, SEED)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] == 4
