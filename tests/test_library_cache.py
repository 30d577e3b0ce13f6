"""The check library is kept between runs (auditor.library.cache): a run with it gives what a run
without it gives, a damaged or unwritable cache costs only time, and any change to what the library
is built from (a rule file, a user's rule folder, the library's code) builds it again."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.library import cache

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"
RULE = """[[rule]]
id = "T901"
name = "team-total"
kind = "sum"
severity = "{severity}"
templates = ["pre2019"]
title = {{ zh = "合计", en = "the total adds up" }}
message = {{ zh = "{{total}} ≠ {{parts_sum}}", en = "{{total}} is not {{parts_sum}}" }}
doc = {{ zh = "团队规则。", en = "A team's rule." }}
total = "active.total"
parts = ["active.normative"]
"""


def auditor(cache_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m auditor ARGS` in a process of its own, with its cache in `cache_dir`."""
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=ROOT, env=env, capture_output=True,
                          check=False)


def stored(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob(f"{cache.PREFIX}*.pickle"))


@pytest.mark.parametrize("args", [("--format", "json"), ("--format", "json", "--lang", "en"), ("--format", "sarif")])
def test_a_warm_cache_gives_the_same_bytes_as_a_cold_one(tmp_path, args):
    cold = auditor(tmp_path, "check", str(SEED.relative_to(ROOT)), *args)
    assert cold.returncode == 1 and stored(tmp_path), cold.stderr  # the seed has errors; the library was kept
    warm = auditor(tmp_path, "check", str(SEED.relative_to(ROOT)), *args)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05truncated"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(tmp_path, damage):
    expected = auditor(tmp_path, "check", str(SEED), "--format", "json")
    [kept] = stored(tmp_path)
    kept.write_bytes(damage)
    again = auditor(tmp_path, "check", str(SEED), "--format", "json")
    assert (again.returncode, again.stdout, again.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    rewritten = max(stored(tmp_path), key=lambda p: p.stat().st_mtime_ns)
    assert pickle.loads(rewritten.read_bytes()).rules  # written again, whole


def test_a_cache_folder_that_cannot_be_written_means_no_cache(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    expected = auditor(tmp_path / "cache", "check", str(SEED), "--format", "json")
    got = auditor(blocker / "cache", "check", str(SEED), "--format", "json")  # under a file: never a folder
    assert (got.returncode, got.stdout, got.stderr) == (expected.returncode, expected.stdout, expected.stderr)


def test_an_edited_user_rule_takes_effect_at_once(tmp_path):
    rules = tmp_path / "team"
    rules.mkdir()
    (rules / "team.toml").write_text(RULE.format(severity="warning"), encoding="utf-8")
    listed = auditor(tmp_path / "cache", "rules", "--rules", str(rules), "--format", "json").stdout.decode()
    (rules / "team.toml").write_text(RULE.format(severity="error"), encoding="utf-8")
    edited = auditor(tmp_path / "cache", "rules", "--rules", str(rules), "--format", "json").stdout.decode()
    assert '"warning"' in listed.split('"T901"')[1].split("}")[0]
    assert '"error"' in edited.split('"T901"')[1].split("}")[0]
    assert len(stored(tmp_path / "cache")) == 2  # one library per content


def test_the_key_covers_rule_files_and_the_librarys_code(tmp_path, monkeypatch):
    rule, code = tmp_path / "rule.toml", tmp_path / "code"
    code.mkdir()
    rule.write_text("a", encoding="utf-8")
    (code / "schema.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "CODE_FOLDERS", (code,))
    first = cache.cache_key([rule])
    assert cache.cache_key([rule]) == first
    rule.write_text("b", encoding="utf-8")
    second = cache.cache_key([rule])
    (code / "schema.py").write_text("x = 2\n", encoding="utf-8")  # a new rule field, say
    third = cache.cache_key([rule])
    moved = tmp_path / "moved.toml"
    moved.write_text("b", encoding="utf-8")  # the same content elsewhere: the library names its files
    assert len({first, second, third, cache.cache_key([moved])}) == 4


def test_old_libraries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    for number in range(cache.KEEP + 3):
        rule = tmp_path / f"rule{number}.toml"
        rule.write_text(str(number), encoding="utf-8")
        assert cache.cached([rule], lambda n=number: n) == number
        kept = tmp_path / f"{cache.PREFIX}{cache.cache_key([rule])}.pickle"
        os.utime(kept, (number, number))  # written in this order, whatever the clock's resolution
    assert len(stored(tmp_path)) == cache.KEEP
    assert cache.cached([tmp_path / "rule0.toml"], lambda: "built again") == "built again"


def test_the_user_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("AUDITOR_CACHE_DIR", raising=False)
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # not installed
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.user_cache_dir() == tmp_path / "auditor"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.user_cache_dir() == Path.home() / ".cache" / "auditor"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert cache.user_cache_dir() == tmp_path / "auditor"
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache.user_cache_dir() == tmp_path / "elsewhere"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_among_user_rules_is_refused_not_read(tmp_path, monkeypatch):
    from auditor.library import _load_cached, load_library
    from auditor.model.errors import RuleFileError

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    os.mkfifo(tmp_path / "team.toml")  # reading it would wait for a writer forever
    _load_cached.cache_clear()
    with pytest.raises(RuleFileError, match="FIFO"):
        load_library([tmp_path])
