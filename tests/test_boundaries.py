"""Every input gets an audit or one clear line: outputs checked before work, inputs never written,
bugs called bugs (not bad input), nothing skipped in silence."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor import cli
from auditor.cli import app

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"
FORMATS = ["rich", "json", "jsonl", "sarif", "junit", "github", "gitlab", "markdown", "html", "csv"]  # xlsx: test_spreadsheet.py


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("auditor：错误：")]


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    shutil.copy(SEED, path)
    return path


# --- outputs: refused before any work, nothing written ---------------------------------------


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_output_into_a_missing_folder_is_one_line(report: Path, tmp_path: Path, option: str):
    target = tmp_path / "missing" / "out.json"
    result = run("check", report, option, target)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "不存在" in result.output
    assert "Traceback" not in result.output
    assert not target.parent.exists()


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_output_onto_a_folder_is_one_line(report: Path, tmp_path: Path, option: str):
    result = run("check", report, option, tmp_path)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "folder" in result.output


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize("fmt", ["rich", "json", "jsonl"])
def test_output_onto_an_input_is_refused_and_the_input_kept(report: Path, option: str, fmt: str):
    before = report.read_bytes()
    result = run("check", report, "--format", fmt, option, report)
    assert result.exit_code == 2
    assert "输入文件" in error_lines(result)[0]
    assert report.read_bytes() == before


def test_output_onto_an_input_found_in_a_folder_is_refused(report: Path, tmp_path: Path):
    before = report.read_bytes()
    result = run("check", tmp_path, "-o", report)
    assert result.exit_code == 2 and report.read_bytes() == before


def test_output_onto_the_baseline_read_is_refused(report: Path, tmp_path: Path):
    baseline = tmp_path / "baseline.json"
    assert run("check", report, "--write-baseline", baseline).exit_code == 1
    before = baseline.read_bytes()
    result = run("check", report, "--baseline", baseline, "--format", "json", "-o", baseline)
    assert result.exit_code == 2 and baseline.read_bytes() == before


# --- file names that are not UTF-8 -----------------------------------------------------------


@pytest.fixture
def undecodable(tmp_path: Path) -> Path:
    name = os.fsdecode(b"r\xff\xfe-2018.txt")
    path = tmp_path / name
    try:
        shutil.copy(SEED, path)
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only valid names")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_undecodable_file_names_in_every_format(undecodable: Path, tmp_path: Path, fmt: str):
    out = tmp_path / os.fsdecode(b"out\xff.txt")
    result = run("check", undecodable, "--format", fmt, "-o", out)
    assert result.exit_code == 1, result.output
    data = out.read_bytes()
    text = data.decode("utf-8")  # valid UTF-8, or this raises
    if fmt == "json":
        assert "\ufffd" in json.loads(text)["reports"][0]["path"]


def test_json_on_stdout_is_valid_utf8(undecodable: Path):
    result = run("check", undecodable, "--format", "json")
    json.loads(result.stdout_bytes.decode("utf-8"))
    lines = run("check", undecodable, "--format", "jsonl").stdout_bytes.decode("utf-8").splitlines()
    assert all(json.loads(line) for line in lines)


# --- folders: nothing skipped in silence -------------------------------------------------------


def test_an_empty_folder_is_exit_2(tmp_path: Path):
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "没有报告文件" in error_lines(result)[0]


@pytest.mark.parametrize("suffix, reason", [(".doc", ".docx"), (".wps", ".docx")])
def test_a_folder_of_unsupported_reports_says_so(tmp_path: Path, suffix: str, reason: str):
    (tmp_path / f"report{suffix}").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    direct = run("check", tmp_path / f"report{suffix}")
    assert error_lines(result) == error_lines(direct)
    assert reason in error_lines(result)[0]


def test_a_broken_link_in_a_folder_is_reported(report: Path, tmp_path: Path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert any("gone.txt" in line for line in error_lines(result))
    assert "report.txt" in result.output  # the good report is still audited


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_is_reported_not_read(report: Path, tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert any("pipe.txt" in line for line in error_lines(result))


def test_a_link_to_a_parent_folder_is_not_followed(report: Path, tmp_path: Path):
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = run("check", "--format", "json", tmp_path)
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["reports"]) == 1


# --- bugs are bugs ---------------------------------------------------------------------------


@pytest.fixture
def broken_audit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    def boom(*args, **kwargs):
        raise KeyError(1)

    monkeypatch.setattr("auditor.run.audit_document", boom)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cli, "_DEBUG", False)
    return tmp_path / "cache"


@pytest.mark.parametrize("lang, words", [("en", "internal error while auditing"), ("zh", "内部错误")])
def test_a_bug_is_an_internal_error_with_its_traceback_saved(broken_audit: Path, report: Path, lang: str,
                                                            words: str):
    result = run("check", "--lang", lang, report)
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert words in line and "KeyError" in line and "Traceback" not in result.output
    [log] = list(broken_audit.rglob("*.log"))
    assert str(log) in line
    assert "Traceback" in log.read_text(encoding="utf-8") and "boom" in log.read_text(encoding="utf-8")


def test_debug_shows_the_traceback(broken_audit: Path, report: Path):
    result = run("check", "--debug", report)
    assert result.exit_code == 2 and "Traceback" in result.output and "boom" in result.output


def test_a_bug_in_one_file_does_not_stop_the_batch(monkeypatch: pytest.MonkeyPatch, broken_audit: Path,
                                                   tmp_path: Path):
    from auditor.api import audit_document

    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    shutil.copy(SEED, good)
    shutil.copy(SEED, bad)
    monkeypatch.setattr("auditor.run.audit_document",
                        lambda document, *a: audit_document(document, *a) if "good" in document.path else {}[1])
    result = run("check", "--format", "json", "--lang", "en", good, bad)
    assert result.exit_code == 2
    assert len(json.loads(result.stdout)["reports"]) == 1
    assert "internal error while auditing" in result.output and "bad.txt" in result.output


def test_a_bug_outside_any_file_is_an_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "argv", ["auditor", "rules", "--lang", "en"])
    monkeypatch.setattr("auditor.render.rules.render_rules_table", lambda *a: [][0])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("auditor：错误：internal error: IndexError")


# --- rule files ------------------------------------------------------------------------------


def test_an_empty_rules_file_is_an_error_naming_it(report: Path, tmp_path: Path):
    empty = tmp_path / "team.toml"
    empty.write_text("", encoding="utf-8")
    result = run("check", report, "--rules", empty)
    assert result.exit_code == 2
    assert "team.toml" in error_lines(result)[0] and "没有规则" in error_lines(result)[0]


def test_a_rules_folder_without_rule_files_is_an_error(report: Path, tmp_path: Path):
    folder = tmp_path / "team-rules"
    folder.mkdir()
    result = run("check", report, "--rules", folder)
    assert result.exit_code == 2 and "team-rules" in error_lines(result)[0]


# --- budgets ---------------------------------------------------------------------------------


def test_a_file_over_its_time_budget_is_one_line_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path):
    import time

    from auditor.api import audit_document

    slow, good = tmp_path / "slow.txt", tmp_path / "good.txt"
    shutil.copy(SEED, slow)
    shutil.copy(SEED, good)

    def audit_slowly(document, *args):
        if "slow" in document.path:
            time.sleep(30)
        return audit_document(document, *args)

    monkeypatch.setattr("auditor.run.audit_document", audit_slowly)
    started = time.monotonic()
    result = run("check", "--timeout", "0.5", "--format", "json", "--jobs", "1", slow, good)
    assert time.monotonic() - started < 20  # not the 30 s the file would take
    assert result.exit_code == 2
    assert [line for line in error_lines(result) if "slow.txt" in line and "0.5 秒" in line]
    assert len(json.loads(result.stdout)["reports"]) == 1


# --- every file the user names is read only if it is a regular file -----------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("option", ["--config", "--baseline", "--rules", "--mapping", "--output", "--write-baseline"])
def test_a_fifo_given_to_an_option_is_one_line_never_a_block(report: Path, tmp_path: Path, option: str):
    import signal

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)

    def blocked(signum, frame):
        raise AssertionError(f"{option} blocked on a FIFO")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(20)
    try:
        result = run("check", report, option, fifo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.exit_code == 2, result.output
    assert len(error_lines(result)) == 1 and "命名管道" in error_lines(result)[0]


def _die_on_bad(path, options):
    from auditor.run import audit_file

    if "bad" in str(path):
        os._exit(9)  # as when the system kills a worker for its memory
    return audit_file(path, options)


@pytest.mark.parametrize("ordered", [True, False])
def test_a_worker_that_dies_costs_only_its_files(tmp_path: Path, ordered: bool):
    from auditor.run import FileResult, Options, audits

    paths = []
    for name in ("a-good.txt", "bad.txt"):
        paths.append(tmp_path / name)
        shutil.copy(SEED, paths[-1])
    results = list(audits(paths, Options(lang="en"), 2, ordered, _die_on_bad))
    assert all(isinstance(r, FileResult) for r in results) and len(results) == 2
    bad = [r for r in results if r.path.name == "bad.txt"]
    assert bad and bad[0].report is None and "worker process" in bad[0].error
