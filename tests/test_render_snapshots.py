"""Snapshot tests: each output format on the example report, byte for byte.

After an intended change of output, review and update with `pytest --snapshot-update`."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from auditor import __version__, audit
from auditor.library import load_library
from auditor.render.console import render_console
from auditor.render.extraction import render_extraction
from auditor.render.json import render_json
from auditor.render.rules import render_explain, render_rules_table
from auditor.render.sheets import render_csv

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def seed_report():
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the output are as the user typed them: keep them relative
    try:
        yield audit("fixtures/seed-xishan-2018.txt")
    finally:
        os.chdir(cwd)


def console_text(draw) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False)
    draw(console)
    return console.file.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rich_report(seed_report, snapshot, lang):
    assert console_text(lambda c: render_console([seed_report], c, lang)) == snapshot


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_report(seed_report, snapshot, lang):
    assert render_json([seed_report], lang=lang).replace(_version(), "VERSION") == snapshot


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_report(seed_report, snapshot, lang):
    assert render_csv([seed_report], lang=lang) == snapshot


def test_extraction_json(seed_report, snapshot):
    assert render_extraction(seed_report.extraction, "zh") == snapshot


def test_rules_table(snapshot):
    assert console_text(lambda c: render_rules_table(load_library(), c, "en")) == snapshot


def test_explain(snapshot):
    library = load_library()
    text = console_text(lambda c: render_explain(library.rule("P106"), library, c, "zh"))
    assert "checks/pre2019/table.toml" in text
    assert text == snapshot


def _version() -> str:
    from auditor import __version__

    return f'"version": "{__version__}"'


def test_jsonl_lines(snapshot):
    from auditor.run import Options, stream_file

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        streamed = stream_file(Path("fixtures/seed-xishan-2018.txt"), Options(), "zh", frozenset())
    finally:
        os.chdir(cwd)
    assert streamed.failed and streamed.error is None
    assert streamed.light.extraction.fields == {}  # nothing of the report travels back but its line
    assert streamed.line.replace(__version__, "VERSION") == snapshot


def test_html_report(seed_report, snapshot):
    from auditor.render.html_report import render_html

    assert render_html([seed_report], load_library(), "zh").replace(__version__, "VERSION") == snapshot
