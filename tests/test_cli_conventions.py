"""The conventions linters share, as users and CI meet them on `auditor check`: --select/--ignore,
--statistics, --quiet, --color, `-` for standard input, shell completion; and the command line in
the user's language: help, usage errors and auditor's own lines in Chinese (the default) or English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from auditor.cli import app
from auditor.load import load, load_data
from auditor.policy.config import _config_in

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"
DOCX = ROOT / "fixtures" / "docx" / "merged-cells.docx"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
ANSI = "\x1b["
TEXT_COUNTS = {"T101": 1, "T201": 1, "T202": 1, "T203": 1}  # the text rules' warnings (test_wording)
SEED_COUNTS = {"P106": 3, "N101": 1, "P110": 1, **TEXT_COUNTS}  # the seed report's findings by rule


def run(*args: object, **kwargs: object):
    return CliRunner().invoke(app, [str(a) for a in args], **kwargs)


def auditor(*args: object, env: dict[str, str] | None = None, columns: int = 80) -> subprocess.CompletedProcess:
    """auditor as a user starts it: its own process, its language chosen from argv and env."""
    environ = {k: v for k, v in os.environ.items() if k not in ("AUDITOR_LANG", "FORCE_COLOR", "NO_COLOR")}
    environ.update(COLUMNS=str(columns), **(env or {}))
    return subprocess.run([sys.executable, "-m", "auditor", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=environ, timeout=120, check=False)


def rules_of(result) -> dict[str, int]:
    """Findings per rule, from --statistics output."""
    rows = (line.split() for line in result.stdout.splitlines())
    return {row[1]: int(row[0]) for row in rows if len(row) >= 3 and row[0].isdigit()}


# --- --select / --ignore ----------------------------------------------------------------------


@pytest.mark.parametrize("args, expected", [
    (["--select", "P1"], {"P106": 3, "P110": 1}),
    (["--select", "N101"], {"N101": 1}),
    (["--select", "proactive-total-stated"], {"N101": 1}),  # a rule's name
    (["--select", "n1,P110"], {"N101": 1, "P110": 1}),  # comma-separated, any case
    (["--select", "N1", "--select", "P110"], {"N101": 1, "P110": 1}),  # repeatable
    (["--ignore", "P106"], {"N101": 1, "P110": 1, **TEXT_COUNTS}),
    (["--select", "P", "--ignore", "channel-within-total"], {"P110": 1}),
])
def test_select_and_ignore_choose_the_rules(args, expected):
    result = run("check", "--statistics", *args, SEED)
    assert rules_of(result) == expected, result.output


@pytest.fixture
def configured(tmp_path: Path) -> Path:
    """The seed report under a configuration that selects only P and ignores P110."""
    (tmp_path / "auditor.toml").write_text('select = ["P"]\nignore = ["P110"]\n', encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_bytes(SEED.read_bytes())
    _config_in.cache_clear()
    yield report
    _config_in.cache_clear()


@pytest.mark.parametrize("args, expected", [
    ([], {"P106": 3}),  # the configuration alone
    (["--ignore", "P106"], {}),  # added to the configuration's ignore
    (["--select", "N101,P110"], {"N101": 1, "P110": 1}),  # replaces its selection, its ignore too (as in ruff)
])
def test_the_command_line_wins_over_the_configuration(configured, args, expected):
    assert rules_of(run("check", "--statistics", *args, configured)) == expected


@pytest.mark.parametrize("option, selector, nearest", [
    ("--select", "proactive-total-stat", "proactive-total-stated"),
    ("--ignore", "P1066", "P106"),
])
def test_an_unknown_selector_is_an_error_naming_it_and_the_nearest(option, selector, nearest):
    result = run("check", option, selector, SEED)
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith("auditor：错误：") and option in line and selector in line and f"“{nearest}”" in line


def test_an_unknown_selector_far_from_any_rule_names_none():
    result = run("check", "--select", "qqqq", SEED)
    assert result.exit_code == 2 and "qqqq" in result.output and "是否指" not in result.output


# --- --statistics, --quiet, --color -------------------------------------------------------------


def test_statistics_counts_per_rule_most_first():
    result = run("check", "--statistics", SEED)
    assert result.exit_code == 1  # the findings still decide the exit code
    lines = result.stdout.strip().splitlines()
    assert lines[0].split() == ["数量", "规则", "名称"]
    assert [line.split()[:3] for line in lines[1:-1]] == [
        ["3", "P106", "channel-within-total"], ["1", "N101", "proactive-total-stated"],
        ["1", "P110", "normative-published-within-issued"], ["1", "T101", "word-typed-twice"],
        ["1", "T201", "mark-not-closed"], ["1", "T202", "mark-not-opened"], ["1", "T203", "closing-mark-doubled"]]
    assert lines[-1] == "共 9 个问题"
    english = run("check", "--statistics", "--lang", "en", SEED).stdout.strip().splitlines()
    assert english[0].split() == ["count", "rule", "name"] and english[-1] == "9 finding(s) in all"


def test_quiet_prints_only_the_findings(tmp_path):
    full, quiet = run("check", SEED).stdout, run("check", "-q", SEED).stdout
    assert "1 份报告" in full and "模板" in full
    assert "1 份报告" not in quiet and "模板" not in quiet and "通过" not in quiet
    assert quiet.splitlines()[0] == str(SEED)
    assert all(rule in quiet for rule in SEED_COUNTS)
    baseline = tmp_path / "baseline.json"
    written = run("check", "--quiet", "--write-baseline", baseline, SEED)
    assert baseline.is_file() and written.stderr == ""  # "wrote 5 findings" is not a finding


def test_quiet_still_says_errors():
    result = run("check", "-q", "no-such-report.txt")
    assert result.exit_code == 2 and "no-such-report.txt" in result.stderr


@pytest.mark.parametrize("color, env, coloured", [
    ("auto", {}, False),  # piped
    ("auto", {"FORCE_COLOR": "1"}, True),
    ("always", {}, True),
    ("always", {"NO_COLOR": "1"}, True),  # the option over the environment
    ("never", {"FORCE_COLOR": "1"}, False),
])
def test_color(color, env, coloured):
    result = auditor("check", "--color", color, SEED, env=env)
    assert result.returncode == 1
    assert (ANSI in result.stdout) is coloured
    assert "N101" in result.stdout


def test_no_color_keeps_the_colours_off_a_forced_terminal():
    result = auditor("check", SEED, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[31" not in result.stdout and "\x1b[1;31" not in result.stdout  # no red


# --- standard input -----------------------------------------------------------------------------


def test_dash_reads_a_text_report_from_stdin():
    result = run("check", "--format", "json", "-", input=SEED.read_bytes())
    [report] = json.loads(result.stdout)["reports"]
    expected = json.loads(run("check", "--format", "json", SEED).stdout)["reports"][0]
    assert report["path"] == "<stdin>"
    assert [f["rule"] for f in report["findings"]] == [f["rule"] for f in expected["findings"]]


def test_stdin_filename_names_the_report_and_gives_its_format():
    result = run("check", "--format", "json", "--stdin-filename", "reports/2023.docx", "-", input=DOCX.read_bytes())
    [report] = json.loads(result.stdout)["reports"]
    [direct] = json.loads(run("check", "--format", "json", DOCX).stdout)["reports"]
    assert report["path"] == "reports/2023.docx"
    assert report["template"] == direct["template"] == "new2021"
    assert [(f["rule"], f["message"]) for f in report["findings"]] == [(f["rule"], f["message"])
                                                                       for f in direct["findings"]]


def test_stdin_goes_through_the_loaders_errors():
    result = run("check", "--stdin-filename", "report.docx", "-", input=b"not a zip")
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith("auditor：错误：report.docx：")
    refused = run("check", "--stdin-filename", "report.doc", "-", input=b"x")
    assert refused.exit_code == 2 and ".docx" in refused.output


def test_load_data_reads_bytes_by_the_names_suffix():
    assert load_data("x.txt", SEED.read_bytes()).lines == load(SEED).lines
    assert load_data("<stdin>", SEED.read_bytes()).format == "text"  # no suffix: text
    assert load_data("a.md", SEED.read_bytes()).format == "markdown"


def test_stdin_is_read_once():
    result = run("check", "-", "-", input=b"x")
    assert result.exit_code == 2 and "标准输入" in result.output


# --- shell completion ---------------------------------------------------------------------------


def test_completion_prints_a_bash_script():
    result = run("completion", "bash")
    assert result.exit_code == 0
    assert "_AUDITOR_COMPLETE" in result.stdout and "complete " in result.stdout and "auditor" in result.stdout


def test_the_script_is_answered():
    env = {"_AUDITOR_COMPLETE": "complete_bash", "COMP_WORDS": "auditor check --sel", "COMP_CWORD": "2"}
    assert auditor(env=env).stdout.split() == ["--select"]


# --- the language of the command line -----------------------------------------------------------

# What an English-only line may still hold in Chinese help: option names, metavars, file suffixes,
# choices and formats, rule ids and names, commands, paths and URLs.
ALLOWED = re.compile(r"""https?://\S+ | --?[\w-]+ | \.[a-z]+\b | \b[A-Z][A-Z0-9_.-]*\b | [\w.~/<>-]*/[\w.~/<>-]*
                     | \b(?:auditor|check|extract|rules|fields|explain|test-rules|completion|rich|json|jsonl|sarif
                     |junit|github|gitlab|markdown|html|zh|en|auto|zero|unknown|always|never|error|warning|info
                     |bash|zsh|fish|powershell|shell|eval|traceback|toml|request-channels-sum)\b
                     | \b[a-z]+(?:-[a-z0-9]+)+\b""", re.VERBOSE)


def english_only(line: str) -> bool:
    """A line of Latin words without Chinese, once what may stay untranslated is taken out."""
    return not HAN.search(line) and re.search(r"[A-Za-z]{2,}", ALLOWED.sub(" ", line)) is not None


def test_the_helper_flags_english():
    assert english_only("  --format FORMAT  Output format.")
    assert not english_only("  --format FORMAT  输出格式。 rich|json [默认：rich]")
    assert not english_only("  -o, --output FILE  auditor.toml .docx https://example.org/x N101")


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["rules", "--help"], ["explain", "--help"],
                                  ["test-rules", "--help"], ["completion", "--help"], []])
def test_help_is_chinese_by_default(args):
    result = auditor(*args)
    text = result.stdout + result.stderr
    assert "用法：auditor" in text
    assert [line for line in text.splitlines() if english_only(line)] == []


@pytest.mark.parametrize("args, said", [
    (["check", "--formt", "json", SEED], "没有选项 --formt，是否指 --format？"),
    (["check"], "缺少参数 FILE..."),
    (["check", "--format", "xml", SEED], "--format 的值无效：“xml”不是可选值（rich、json"),
    (["check", "--jobs", "many", SEED], "应为整数"),
    (["check", "--jobs", "0", SEED], "应不小于 1"),
    (["check", "--format"], "选项 --format 需要一个值"),
    (["explain", "N101", "N102"], "多余的参数：N102"),
    (["chek"], "没有命令“chek”，是否指 check？"),
])
def test_usage_errors_are_one_chinese_line(args, said):
    result = auditor(*args)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("auditor：错误：") and said in line, line
    assert not english_only(line)


@pytest.mark.parametrize("how", [{"args": ["--lang", "en"]}, {"env": {"AUDITOR_LANG": "en"}}])
def test_english_when_asked(how):
    help_text = auditor("check", "--help", *how.get("args", []), env=how.get("env")).stdout
    assert help_text.startswith("Usage: auditor check [OPTIONS] FILE...")
    assert "Show this message and exit." in help_text and "[default: rich]" in help_text
    assert not HAN.search(help_text)
    error = auditor("check", "--formt", "json", SEED, *how.get("args", []), env=how.get("env")).stderr
    assert error.strip() == "auditor: error: no such option --formt; did you mean --format? (see auditor check --help)"


def test_the_root_help_in_english_names_the_reports_only_in_chinese():
    text = auditor("--help", env={"AUDITOR_LANG": "en"}, columns=100).stdout
    assert [line for line in text.splitlines() if HAN.search(line)] == [
        "  Audit 政府信息公开工作年度报告 for internal consistency: narrative vs tables, sums, shares."]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_is_clean_at_80_columns(lang):
    text = auditor("check", "--help", env={"AUDITOR_LANG": lang}).stdout
    assert all(cell_len(line) <= 80 for line in text.splitlines()), text
    for noise in ("<bool>", "<list", "<int", "<float", "<path>", "{FILE", "…", "╭"):
        assert noise not in text
    assert text == text.rstrip() + "\n" and all(line == line.rstrip() for line in text.splitlines())
    for option in ("--select", "--ignore", "--statistics", "--quiet", "--color", "--stdin-filename"):
        assert option in text


def test_auditors_own_lines_follow_the_language(tmp_path):
    baseline = tmp_path / "b.json"
    assert run("check", "--write-baseline", baseline, SEED).stderr.startswith("auditor：已把 9 个问题写入 ")
    english = run("check", "--lang", "en", "--write-baseline", baseline, SEED).stderr
    assert english.startswith("auditor: wrote 9 finding(s) to ")
    assert run("explain", "N999").output.strip() == "auditor：错误：没有规则“N999”（见 auditor rules）"
