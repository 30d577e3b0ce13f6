"""Tests for auditor.load.doc: old binary Word (.doc) and WPS (.wps) files, read through LibreOffice.

The .doc files are made at test time by LibreOffice from the .docx fixtures and the real corpus, so
a .doc must give exactly what its .docx gives. Without LibreOffice those tests are skipped, and the
run's last lines say so (.ci/run sets AUDITOR_REQUIRE_SOFFICE: there they fail instead)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import libreoffice
import pytest
from typer.testing import CliRunner

from auditor import audit
from auditor.cli import app
from auditor.load import doc, load
from auditor.model.errors import InputError
from auditor.render.json import report_data_one

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "docx"
# Every .docx report we have. Not nested-table.docx: LibreOffice's round trip through .doc loses
# tables nested in a table (they come back as paragraphs), so its .doc is another report.
SOURCES = sorted((ROOT / "fixtures" / "corpus").glob("*.docx")) + [FIXTURES / "merged-cells.docx",
                                                                    FIXTURES / "split-runs.docx"]


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return info.value.reason


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[Path, Path]:
    """Each source .docx -> the .doc LibreOffice saved of it."""
    return libreoffice.save_as(SOURCES, tmp_path_factory.mktemp("doc"))


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(doc.ENVIRONMENT, raising=False)
    monkeypatch.setattr(doc, "_INSTALLED", [])


def same_report(path: Path, docx: Path) -> None:
    """The report of `path` is the report of `docx`: findings with their messages, suggestions and
    every place (table, row and column labels, section, quote; even paragraph and character)."""
    ours, theirs = report_data_one(audit(path), "zh"), report_data_one(audit(docx), "zh")
    assert ours.pop("path") == str(path) and theirs.pop("path") == str(docx)
    assert ours == theirs


# ---- with LibreOffice --------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_a_doc_gives_the_report_of_its_docx(made, source):
    start = time.perf_counter()
    document = load(made[source])
    seconds = time.perf_counter() - start
    assert (document.path, document.format) == (str(made[source]), "doc")
    assert seconds < doc.SECONDS
    print(f"{made[source].name}: read in {seconds:.1f} s")  # the conversion's cost, with -s
    same_report(made[source], source)


def test_the_corpus_has_findings_to_compare():
    """The comparison above means something: the .docx files have findings in cells (row and
    column labels) and in the text (section and quote)."""
    findings = [f for source in SOURCES for f in report_data_one(audit(source), "zh")["findings"]]
    places = [loc for f in findings for loc in f["locations"]]
    assert len(findings) >= 10
    assert any(loc["role"] == "table" and "行“" in loc["where"] and "列「" in loc["where"] for loc in places)
    assert any(loc["role"] == "narrative" and loc["section"] and loc["quote"] for loc in places)


def test_a_wps_file_is_read(made, tmp_path):
    source = FIXTURES / "merged-cells.docx"
    wps = tmp_path / "报告.wps"
    shutil.copy(made[source], wps)
    assert load(wps).format == "wps"
    same_report(wps, source)


def test_rich_text_under_a_doc_name_is_read(tmp_path):
    """Word and WPS also save rich text (RTF) as .doc."""
    source = FIXTURES / "merged-cells.docx"
    rtf = libreoffice.save_as([source], tmp_path, "rtf")[source]
    path = rtf.rename(tmp_path / "报告.doc")
    assert path.read_bytes().startswith(b"{\\rtf")
    same_report(path, source)


def test_a_damaged_doc_is_one_line_and_exit_2(made, tmp_path):
    whole = made[SOURCES[0]].read_bytes()
    damaged = tmp_path / "damaged.doc"
    damaged.write_bytes(whole[: len(whole) // 4])
    result = CliRunner().invoke(app, ["check", str(damaged)])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"auditor：错误：{damaged}：LibreOffice 无法读取此文件（已损坏，或设有密码？）：请在 Word 或 WPS 中打开并另存为 .docx"]
    assert sorted(tmp_path.iterdir()) == [damaged]  # nothing written beside the input


def test_concurrent_conversions_do_not_share_a_profile(made):
    """Workers (--jobs) convert at the same time: each LibreOffice has its own profile."""
    sources = SOURCES[:2]
    with ThreadPoolExecutor(2) as pool:
        documents = list(pool.map(lambda s: load(made[s]), sources))
    assert [len(d.blocks) for d in documents] == [len(load(s).blocks) for s in sources]


# ---- without LibreOffice -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_without_libreoffice_the_message_says_what_to_install(no_libreoffice, tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    shutil.copy(FIXTURES / "old.doc", path)
    assert refusal(path) == (
        f"reading {suffix} files needs LibreOffice, which is not installed: install it (apt-get install "
        "libreoffice-writer on Debian or Ubuntu, the LibreOffice installer on Windows), or open it in Word or "
        "WPS and save it as .docx")


def test_a_docx_named_doc_is_read_without_libreoffice(no_libreoffice, tmp_path):
    path = tmp_path / "r.doc"
    shutil.copy(FIXTURES / "merged-cells.docx", path)
    document = load(path)
    assert document.format == "doc"
    assert [b.text for b in document.blocks if hasattr(b, "text")] == \
        [b.text for b in load(FIXTURES / "merged-cells.docx").blocks if hasattr(b, "text")]


@pytest.mark.parametrize("data", [b"\x00\x01 not a document", "一、总体情况\n本年共收到申请3件。\n".encode()])
def test_what_is_no_word_file_is_refused_before_conversion(no_libreoffice, tmp_path, data):
    """LibreOffice would read any bytes as plain text: only a Word file (OLE, or RTF) is converted."""
    path = tmp_path / "r.wps"
    path.write_bytes(data)
    assert refusal(path) == "not a Word document (.wps): open it in Word or WPS and save it as .docx"


def test_an_empty_doc(no_libreoffice, tmp_path):
    (tmp_path / "r.doc").write_bytes(b"")
    assert refusal(tmp_path / "r.doc") == "the file is empty"


# ---- the program run (a stand-in for LibreOffice) ------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="the stand-in is a shell script")


def stand_in(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


@posix_only
def test_auditor_soffice_chooses_the_program(monkeypatch, tmp_path):
    calls = tmp_path / "calls"
    monkeypatch.setenv(doc.ENVIRONMENT, str(stand_in(tmp_path, f'echo "$@" > {calls}')))
    with pytest.raises(InputError, match="LibreOffice could not read the file"):  # it made no .docx
        load(FIXTURES / "old.doc")
    arguments = calls.read_text().split()
    assert "--headless" in arguments and arguments[arguments.index("--convert-to") + 1] == "docx"
    profile = next(a for a in arguments if a.startswith("-env:UserInstallation=file://"))
    assert str(FIXTURES) not in profile and not arguments[-1].startswith(str(FIXTURES))  # a private copy
    monkeypatch.setenv(doc.ENVIRONMENT, str(tmp_path / "nowhere"))
    assert refusal(FIXTURES / "old.doc") == f"{doc.ENVIRONMENT}={tmp_path / 'nowhere'} is not a program: " \
                                            "set it to LibreOffice's soffice"


@posix_only
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_conversion_that_hangs_is_stopped(monkeypatch, tmp_path):
    pids = tmp_path / "pids"
    monkeypatch.setenv(doc.ENVIRONMENT, str(stand_in(tmp_path, f"sleep 60 & echo $! > {pids}; wait")))
    monkeypatch.setattr(doc, "SECONDS", 1)
    start = time.monotonic()
    assert refusal(FIXTURES / "old.doc") == \
        "LibreOffice took longer than 1 s to convert the file: open it in Word or WPS and save it as .docx"
    assert time.monotonic() - start < 10
    child = Path("/proc", pids.read_text().strip(), "stat")
    deadline = time.monotonic() + 5  # the child of the killed program goes too
    while child.exists() and child.read_text().split(") ")[1][0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not child.exists() or child.read_text().split(") ")[1][0] == "Z"
