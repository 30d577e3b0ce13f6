"""Every input accounted for (issue 15, item 1): a file that could not be audited is named in every
output format, not only on stderr, so that whoever opens the results cannot take it for a clean report."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, Path]:
    good, empty = tmp_path / "good.txt", tmp_path / "empty-report.txt"
    shutil.copy(SEED, good)
    empty.write_bytes(b"")
    return good, empty


def run(*args: object):
    return CliRunner().invoke(app, ["check", "--jobs", "1", *map(str, args)])


def test_json_lists_the_file_with_its_reason_and_kind(batch):
    good, empty = batch
    result = run("--format", "json", good, empty)
    assert result.exit_code == 2  # bad input still says so
    data = json.loads(result.stdout)
    assert data["unaudited"] == [{"path": str(empty), "reason": "文件是空的", "kind": "unreadable"}]
    assert data["summary"]["unaudited"] == 1 and data["summary"]["reports"] == 1


def test_json_is_english_with_lang_en(batch):
    data = json.loads(run("--format", "json", "--lang", "en", *batch).stdout)
    assert data["unaudited"][0]["reason"] == "the file is empty"


def test_a_clean_run_has_an_empty_list(batch):
    data = json.loads(run("--format", "json", batch[0]).stdout)
    assert data["unaudited"] == [] and data["summary"]["unaudited"] == 0


def test_jsonl_writes_a_line_for_it(batch):
    lines = [json.loads(line) for line in run("--format", "jsonl", *batch).stdout.splitlines()]
    assert {"type": "unaudited", "path": str(batch[1]), "reason": "文件是空的", "kind": "unreadable"} in lines


def test_sarif_notifies_it_and_says_the_run_was_not_complete(batch):
    sarif = json.loads(run("--format", "sarif", *batch).stdout)["runs"][0]
    invocation = sarif["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == "文件是空的"
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("empty-report.txt")


def test_junit_counts_it_as_an_error(batch):
    root = ET.fromstring(run("--format", "junit", *batch).stdout)
    assert int(root.get("errors")) >= 1
    errored = [s for s in root.iter("testsuite") if s.get("name", "").endswith("empty-report.txt")]
    assert errored and errored[0].find("testcase/error").get("message") == "文件是空的"


@pytest.mark.parametrize("fmt", ["markdown", "html", "github", "gitlab"])
def test_people_facing_formats_name_it(batch, fmt: str):
    out = run("--format", fmt, *batch).stdout
    assert "empty-report.txt" in out and "文件是空的" in out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_section_is_titled_in_the_users_language(batch, fmt: str):
    assert "未能审核的文件" in run("--format", fmt, *batch).stdout
    assert "Files not audited" in run("--format", fmt, "--lang", "en", *batch).stdout


def test_the_console_summary_counts_it(batch):
    assert "另有 1 个文件未能审核" in run(*batch).stdout
