"""Reports kept between runs (auditor.resultcache): a re-run over an unchanged batch gives the same
bytes without loading a file, the cross-year rules still see every report, any change to a file,
its configuration or the rules audits it again, and a damaged or unwritable cache costs only time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from corpus import REAL
from typer.testing import CliRunner

import auditor.run as run_module
from auditor import resultcache
from auditor.cli import app
from auditor.library import _load_cached
from auditor.policy.config import _config_in

DEFAULT_FOLDER = resultcache.default_folder  # before the tests' own folder replaces it (conftest)
# Three years of one body: 2013 has a cross-year finding (Y103) against 2012, and a row of
# run-together digits that the batch audits again with 2012 as its prior (settle_splits).
YEARS = ("pingtan-2012.txt", "pingtan-2013.txt", "pingtan-2014.txt")
TEAM_RULE = """[[rule]]
id = "T901"
name = "team-total"
kind = "sum"
severity = "{severity}"
templates = ["pre2019"]
title = {{ zh = "合计", en = "the total adds up" }}
message = {{ zh = "{{total}} ≠ {{parts_sum}}", en = "{{total}} is not {{parts_sum}}" }}
doc = {{ zh = "团队规则。", en = "A team's rule." }}
total = "active.total"
parts = ["active.channel.gazette"]  # 0, against a total of hundreds: fails
"""


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in YEARS:
        shutil.copy(REAL / name, folder / name)
    return folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every report this process loads (the batch's files, with --jobs 1)."""
    loaded: list[str] = []
    original = run_module.load_data

    def counting(name, data, *args):
        loaded.append(Path(name).name)
        return original(name, data, *args)

    monkeypatch.setattr(run_module, "load_data", counting)
    return loaded


def check(folder: Path, cache: Path | None, *args: str) -> tuple[int, bytes]:
    """`auditor check FOLDER --format json` with its result cache in `cache` (None: --no-cache):
    the exit code and the JSON's bytes. A run of its own, as a new process would be: the
    configuration and rule files read afresh."""
    _config_in.cache_clear()
    _load_cached.cache_clear()
    output = folder.parent / "out.json"
    caching = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    result = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "-o", str(output), "--jobs", "1",
                                      *caching, *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, output.read_bytes()


def test_a_rerun_gives_the_same_bytes_without_loading_a_file(batch, tmp_path, loads):
    first = check(batch, tmp_path / "cache")
    assert sorted(set(loads)) == sorted(YEARS)
    loads.clear()
    second = check(batch, tmp_path / "cache")
    assert loads == []  # every report read back, the settled one (with its prior) too
    assert second == first == check(batch, None)
    assert b'"Y103"' in second[1]  # the cross-year rules ran over the reports read back
    assert sorted(os.listdir(batch)) == sorted(YEARS)  # nothing written next to the inputs


def test_a_rerun_in_worker_processes_reads_the_cache_in_the_parent(batch, tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker started for a report the cache holds")

    first = CliRunner().invoke(app, ["check", str(batch), "--format", "json", "--jobs", "2",
                                     "--cache-dir", str(tmp_path / "cache")])
    monkeypatch.setattr(run_module, "ProcessPoolExecutor", no_pool)
    second = CliRunner().invoke(app, ["check", str(batch), "--format", "json", "--jobs", "2",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert (second.exit_code, second.stdout_bytes) == (first.exit_code, first.stdout_bytes)


def test_a_streamed_rerun_gives_the_same_lines(batch, tmp_path, loads):
    def stream() -> bytes:
        result = CliRunner().invoke(app, ["check", str(batch), "--format", "jsonl", "--jobs", "1",
                                          "--cache-dir", str(tmp_path / "cache")])
        return result.stdout_bytes

    first = stream()
    loads.clear()
    assert stream() == first and loads == []
    assert b'"type": "cross-year"' in first


def test_an_edited_file_alone_is_audited_again(batch, tmp_path, loads):
    check(batch, tmp_path / "cache")
    edited = batch / YEARS[2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("2014", "2015"), encoding="utf-8")
    loads.clear()
    again = check(batch, tmp_path / "cache")
    assert loads == [YEARS[2]]
    assert again == check(batch, None)


@pytest.mark.parametrize("change", [
    ["--ignore", "N"], ["--select", "N101"], ["--blank", "zero"], ["--template", "pre2019"],
])
def test_another_option_audits_every_file_again(batch, tmp_path, loads, change):
    check(batch, tmp_path / "cache")
    loads.clear()
    again = check(batch, tmp_path / "cache", *change)
    assert sorted(set(loads)) == sorted(YEARS)
    assert again == check(batch, None, *change)


def test_an_edited_configuration_audits_its_files_again(batch, tmp_path, loads):
    check(batch, tmp_path / "cache")
    (batch / "auditor.toml").write_text('ignore = ["N101"]\n', encoding="utf-8")
    loads.clear()
    ignoring = check(batch, tmp_path / "cache")
    assert sorted(set(loads)) == sorted(YEARS) and b'"N101"' not in ignoring[1]
    (batch / "auditor.toml").write_text('[per-path-ignores]\n"*-2012.txt" = ["N"]\n', encoding="utf-8")
    loads.clear()
    per_path = check(batch, tmp_path / "cache")
    assert sorted(set(loads)) == sorted(YEARS)
    assert per_path == check(batch, None) != ignoring


def test_an_edited_rule_audits_every_file_again(batch, tmp_path, loads):
    team = tmp_path / "team"
    team.mkdir()
    (team / "team.toml").write_text(TEAM_RULE.format(severity="warning"), encoding="utf-8")
    warning = check(batch, tmp_path / "cache", "--rules", str(team))
    (team / "team.toml").write_text(TEAM_RULE.format(severity="error"), encoding="utf-8")
    loads.clear()
    error = check(batch, tmp_path / "cache", "--rules", str(team))
    assert sorted(set(loads)) == sorted(YEARS)
    assert error == check(batch, None, "--rules", str(team)) != warning


def test_a_moved_file_is_audited_again_under_its_name(batch, tmp_path, loads):
    check(batch, tmp_path / "cache")
    (batch / YEARS[0]).rename(batch / "renamed-2012.txt")
    loads.clear()
    again = check(batch, tmp_path / "cache")
    assert loads == ["renamed-2012.txt"] and b"renamed-2012.txt" in again[1]


@pytest.mark.parametrize("damage", [b"", b"not zlib", b"x\x9c\x03\x00\x00\x00\x00\x01"])
def test_a_damaged_entry_is_audited_again(batch, tmp_path, loads, damage):
    expected = check(batch, tmp_path / "cache")
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(damage)
    loads.clear()
    assert check(batch, tmp_path / "cache") == expected
    assert sorted(set(loads)) == sorted(YEARS)
    loads.clear()
    assert check(batch, tmp_path / "cache") == expected and loads == []  # written again, whole


def test_a_cache_folder_that_cannot_be_written_means_no_cache(batch, tmp_path, loads):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    expected = check(batch, None)
    assert check(batch, blocker / "cache") == expected  # under a file: never a folder, never an error
    assert check(batch, blocker) == expected


def test_no_cache_neither_reads_nor_writes(batch, tmp_path, result_cache, loads):
    check(batch, tmp_path / "cache")
    loads.clear()
    check(batch, None)
    assert sorted(set(loads)) == sorted(YEARS)
    assert not list(result_cache.iterdir())


def test_the_cache_is_on_by_default_in_the_users_cache_folder(batch, tmp_path, result_cache, monkeypatch, loads):
    CliRunner().invoke(app, ["check", str(batch), "--format", "json", "--jobs", "1"])
    assert len(list(result_cache.glob(f"{resultcache.PREFIX}*.pickle"))) >= len(YEARS)
    loads.clear()
    CliRunner().invoke(app, ["check", str(batch), "--format", "json", "--jobs", "1"])
    assert loads == []
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert DEFAULT_FOLDER() == tmp_path / "elsewhere" / "results"


def test_the_entries_used_longest_ago_are_pruned_first(tmp_path):
    for number in range(5):
        entry = tmp_path / f"{resultcache.PREFIX}{number}.pickle"
        entry.write_bytes(b"x" * 100)
        os.utime(entry, (number, number))
    (tmp_path / "someone-elses.pickle").write_bytes(b"x" * 1000)
    resultcache.prune(tmp_path, limit=250)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{resultcache.PREFIX}3.pickle",
                                                          f"{resultcache.PREFIX}4.pickle", "someone-elses.pickle"]
