"""Spreadsheets for reviewers (issue 15, item 4): --format xlsx (汇总 and 问题 sheets) and --format
csv (their join) say what the JSON output says of the same batch — the same reports, findings,
rule ids, severities, expected and actual values and places — and name the files not audited."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.model.words import word

ROOT = Path(__file__).resolve().parents[1]
# Report errors, a warning, an info, extraction doubts with and without a place, a clean report.
BATCH = ["seed-xishan-2018.txt", "rules/N101/fail.md", "rules/S101/fail.md", "rules/X104/fail.md",
         "rules/P111/fail.md", "html/blank-cells.html"]
EMPTY = "empty-report.txt"  # not audited: the file is empty


def run(*args: object):
    return CliRunner().invoke(app, ["check", "--jobs", "1", *map(str, args)])


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for n, name in enumerate(BATCH):  # several are fail.md: a folder each keeps the names apart
        target = folder / str(n) / Path(name).name
        target.parent.mkdir()
        shutil.copy(ROOT / "fixtures" / name, target)
        paths.append(target)
    (folder / EMPTY).write_bytes(b"")
    return [*paths, folder / EMPTY]


@pytest.fixture(scope="module", params=["zh", "en"])
def outputs(request, batch, tmp_path_factory):
    """The JSON output and the two spreadsheets, each written with -o, of the batch in one language."""
    lang, folder = request.param, tmp_path_factory.mktemp("out")
    results = {}
    for fmt in ("json", "csv", "xlsx"):
        target = folder / f"results.{fmt}"
        result = run("--format", fmt, "--lang", lang, "-o", target, *batch)
        assert result.exit_code == 2, result.output  # findings, and a file not audited
        results[fmt] = target
    data = json.loads(results["json"].read_text(encoding="utf-8"))
    assert data["reports"] and data["unaudited"]
    return lang, data, results["csv"], results["xlsx"]


def sheets(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def said_findings(data: dict, lang: str) -> list[tuple]:
    """What a spreadsheet row must say of each JSON finding: file, rule, name, severity (in words),
    message, expected, actual, and each place as the other formats say it."""
    return [(r["path"], f["rule"], f["name"], word(f"severity.{f['severity']}", lang), f["message"],
             f["expected"] or None, f["actual"] or None,
             "\n".join(f"{p['path']} {p['where']}" if p.get("path", r["path"]) != r["path"] else p["where"]
                       for p in f["locations"]) or None)
            for r in data["reports"] for f in r["findings"]]


def counts(report: dict) -> tuple[int, int, int, int]:
    severities = [f["severity"] for f in report["findings"]]
    return (severities.count("error"), severities.count("warning"), severities.count("info"),
            report["stats"]["not_assessable"])


def test_xlsx_agrees_with_json(outputs):
    lang, data, _, xlsx = outputs
    book = sheets(xlsx)
    summary, findings = book[word("sheet.summary", lang)], book[word("sheet.findings", lang)]
    assert list(book) == [word("sheet.summary", lang), word("sheet.findings", lang)]
    audited = [row for row in summary[1:] if row[8] is None]
    assert [row[0] for row in audited] == [r["path"] for r in data["reports"]]
    assert [(row[1], row[2]) for row in audited] == [(r["body"], r["year"]) for r in data["reports"]]
    assert [row[4:8] for row in audited] == [counts(r) for r in data["reports"]]
    assert [row[:8] for row in findings[1:]] == said_findings(data, lang)
    doubts = [f["doubt"] == "extraction" for r in data["reports"] for f in r["findings"]]
    assert any(doubts) and [row[8] == word("report.extraction", lang) for row in findings[1:]] == doubts
    assert len(findings) - 1 == sum(data["summary"][k] for k in ("errors", "warnings", "infos"))


def test_xlsx_names_the_files_not_audited_with_why(outputs):
    lang, data, _, xlsx = outputs
    summary = sheets(xlsx)[word("sheet.summary", lang)]
    not_audited = [(row[0], row[8]) for row in summary[1:] if row[8] is not None]
    assert [path for path, _ in not_audited] == [u["path"] for u in data["unaudited"]]
    assert all(u["reason"] in why and word(f"unaudited.kinds.{u['kind']}", lang) in why
               for (_, why), u in zip(not_audited, data["unaudited"]))


def test_csv_agrees_with_json(outputs):
    lang, data, table, _ = outputs
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM, for Excel
    with table.open(encoding="utf-8-sig", newline="") as stream:
        head, *rows = [[cell or None for cell in row] for row in csv.reader(stream)]
    assert head[0] == word("report.file", lang) and word("sheet.rule_id", lang) in head
    rule = head.index(word("sheet.rule_id", lang))
    found = [row for row in rows if row[rule]]
    assert [(row[0], *row[rule:rule + 7]) for row in found] == said_findings(data, lang)
    by_path = {r["path"]: r for r in data["reports"]}
    for row in found:  # each finding's row repeats its report's columns
        report = by_path[row[0]]
        year = str(report["year"]) if report["year"] else None
        assert (row[1], row[2], tuple(map(int, row[4:8]))) == (report["body"], year, counts(report))
    empty = [row[0] for row in rows if not row[rule]]  # a row each for the clean reports and the files not audited
    clean = [r["path"] for r in data["reports"] if not r["findings"]]
    assert clean and sorted(empty) == sorted(clean + [u["path"] for u in data["unaudited"]])
    assert {row[0] for row in rows} == set(by_path) | {u["path"] for u in data["unaudited"]}


HEADERS = {"zh": (("文件", "机关", "年度", "模板"), ("文件", "规则编号", "规则名称")),
           "en": (("file", "body", "year", "template"), ("file", "rule id", "rule name"))}


@pytest.mark.parametrize("lang", HEADERS)
def test_headers_are_in_the_users_language(batch, tmp_path, lang):
    first, finding_first = HEADERS[lang]
    target = tmp_path / "out.xlsx"
    run("--format", "xlsx", "--lang", lang, "-o", target, batch[0])
    summary, findings = sheets(target).values()
    assert summary[0][:4] == first and findings[0][:3] == finding_first
    text = run("--format", "csv", "--lang", lang, batch[0]).stdout_bytes.decode("utf-8-sig")
    assert tuple(next(csv.reader(io.StringIO(text)))[:4]) == first


def test_header_row_frozen_and_filtered(outputs):
    *_, xlsx = outputs
    for sheet in openpyxl.load_workbook(xlsx):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        widths = [sheet.column_dimensions[sheet.cell(1, c).column_letter].width for c in range(1, sheet.max_column + 1)]
        assert all(5 < width <= 62 for width in widths)


def test_xlsx_to_a_pipe_is_the_file_itself(batch):
    result = run("--format", "xlsx", batch[0])
    assert result.exit_code == 1
    assert openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).sheetnames == ["汇总", "问题"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("lang, said", [("zh", "请用 -o 指定文件"), ("en", "name one with -o")])
def test_xlsx_is_not_written_to_a_terminal(batch, lang, said):
    leader, follower = os.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "auditor", "check", "--lang", lang, "--format", "xlsx",
                                 str(batch[0])], stdout=follower, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert said in line and "xlsx" in line


def test_report_text_never_becomes_a_formula(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "fixtures" / "seed-xishan-2018.txt", tmp_path / "=1+2.txt")
    run("--format", "xlsx", "-o", "out.xlsx", "=1+2.txt")
    cell = openpyxl.load_workbook("out.xlsx")["汇总"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+2.txt", "s")
    text = run("--format", "csv", "=1+2.txt").stdout_bytes.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][0] == "'=1+2.txt"  # Excel shows it as text


def test_undecodable_file_names_are_stored(tmp_path):
    name = tmp_path / os.fsdecode(b"report\xff.txt")
    shutil.copy(ROOT / "fixtures" / "seed-xishan-2018.txt", name)
    run("--format", "xlsx", "-o", tmp_path / "out.xlsx", name)
    assert "\ufffd" in openpyxl.load_workbook(tmp_path / "out.xlsx")["汇总"]["A2"].value
