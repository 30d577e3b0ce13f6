"""Reviewers' batches: folders and globs, worker processes, streaming, several years of one body."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from corpus import REAL
from typer.testing import CliRunner

from auditor.cli import app
from auditor.run import Options, check_files, expand

ROOT = Path(__file__).resolve().parent.parent
CORPUS = REAL
YEARS = [f"pingtan-{year}.html" for year in range(2019, 2025)]


def run(*args):
    return CliRunner(env={"COLUMNS": "240"}).invoke(app, [str(a) for a in args])


def test_expand_folders_globs_and_misses(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r1.md").write_text("# 报告", encoding="utf-8")
    (tmp_path / "a" / "notes.xyz").write_text("x", encoding="utf-8")
    (tmp_path / "r2.txt").write_text("报告", encoding="utf-8")
    files, errors = expand([tmp_path, str(tmp_path / "*.txt"), str(tmp_path / "*.pdf")])
    assert files == [tmp_path / "a" / "r1.md", tmp_path / "r2.txt"]  # each once, unsupported left out
    assert errors == [f"{tmp_path / '*.pdf'}: no files match"]


def test_folder_with_a_corrupt_file_goes_on(tmp_path):
    shutil.copytree(ROOT / "fixtures" / "html", tmp_path / "reports")
    shutil.copy(ROOT / "fixtures" / "seed-xishan-2018.txt", tmp_path / "reports")
    (tmp_path / "reports" / "broken.html").write_bytes(b"\x00\x01\x02binary\xff" * 100)
    result = run("check", "--format", "json", "--jobs", "2", tmp_path / "reports")
    assert result.exit_code == 2  # a file could not be read
    assert "broken.html" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    data = json.loads(result.stdout)
    assert data["summary"]["reports"] == len(list((tmp_path / "reports").iterdir())) - 1
    assert data["summary"]["errors"] == 4  # the seed's


def test_jobs_do_not_change_the_result():
    files = [ROOT / "fixtures" / "seed-xishan-2018.txt", *sorted((ROOT / "fixtures" / "rules").glob("*/fail.md"))]
    one = run("check", "--format", "json", "--jobs", "1", *files)
    two = run("check", "--format", "json", "--jobs", "2", *files)
    assert one.exit_code == two.exit_code == 1
    assert json.loads(one.stdout) == json.loads(two.stdout)


def test_jsonl_streams_one_object_per_report():
    files = sorted((ROOT / "fixtures" / "rules").glob("P1*/fail.md"))
    result = run("check", "--format", "jsonl", "--jobs", "2", *files)
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["path"] for line in lines) == sorted(map(str, files))
    assert all(line["type"] == "report" and "findings" in line and "stats" in line for line in lines)


def test_rich_batch_ends_with_a_summary_table_worst_first():
    files = [ROOT / "fixtures" / "rules" / "P110" / "pass.md", ROOT / "fixtures" / "seed-xishan-2018.txt"]
    result = run("check", "--lang", "en", *files)
    summary = result.stdout[result.stdout.index("summary (worst first)"):]
    assert summary.index("seed-xishan") < summary.index("P110")
    assert "西山区政务服务管理局" in summary


def test_cross_year_rules_on_one_body_over_six_years():
    run_ = check_files([CORPUS / name for name in YEARS], Options())
    by_year = {r.extraction.year: r for r in run_.reports}
    assert {r.extraction.body for r in run_.reports} == {"平潭综合实验区"}
    carried = [o for r in run_.reports for o in r.result.outcomes if o.rule.id == "Y101"]
    assert len(carried) == 5 * 7 and all(o.status == "passed" for o in carried)  # 上年结转 chains every year
    in_force = {year: [f for f in r.findings if f.rule.id == "Y102"] for year, r in by_year.items()}
    assert [year for year, found in in_force.items() if found] == [2023, 2024]
    finding = in_force[2023][0]
    assert finding.severity == "warning"
    assert {p.path for p in finding.places} == {None, str(CORPUS / "pingtan-2022.html")}  # names both reports


def test_mapping_overrides_body_and_year(tmp_path):
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(f'["{CORPUS / "pingtan-2022.html"}"]\nbody = "另一机关"\n', encoding="utf-8")
    run_ = check_files([CORPUS / name for name in YEARS[2:5]], Options(mapping=mapping))
    assert [r.extraction.body for r in run_.reports] == ["平潭综合实验区", "另一机关", "平潭综合实验区"]
    assert not any(o.rule.id.startswith("Y") for r in run_.reports for o in r.result.outcomes)


def test_the_whole_corpus_in_one_run():
    result = run("check", "--jobs", "2", CORPUS)
    assert result.exit_code == 1, result.stderr  # some reports have errors; every file could be read
    assert "汇总" in result.stdout


def test_audit_data_is_plain_data_for_worker_processes():
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from auditor import audit_data

    seed = str(ROOT / "fixtures" / "seed-xishan-2018.txt")
    with ProcessPoolExecutor(max_workers=2) as pool:
        data = list(pool.map(audit_data, [seed, seed]))
    assert data[0] == data[1] == json.loads(json.dumps(data[0]))  # only JSON values
    assert pickle.loads(pickle.dumps(data[0])) == data[0]
    assert sorted(f["rule"] for f in data[0]["findings"]) == ["N101", "P106", "P106", "P106", "P110",
                                                          "T101", "T201", "T202", "T203"]


def test_cumulative_chain_of_the_old_form():
    # 2013's 历年累计 76424 ≠ 2012's 4359 + 2013's 72804; 2014's 78967 = 76424 + 2543
    run_ = check_files([CORPUS / f"pingtan-{year}.txt" for year in (2012, 2013, 2014)], Options())
    found = {r.extraction.year: sorted(f.actual for f in r.findings if f.rule.id == "Y103") for r in run_.reports}
    assert found == {2012: [], 2013: ["76424条", "76424条"], 2014: []}


def test_a_corrupt_file_in_a_copy_of_the_corpus_does_not_stop_the_batch(tmp_path):
    copy = tmp_path / "real"
    shutil.copytree(CORPUS, copy)
    (copy / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    result = run("check", "--format", "jsonl", "--jobs", "2", copy)
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if "corrupt.pdf" in line] and \
        len(result.stderr.strip().splitlines()) == 1
    reports = [json.loads(line) for line in result.stdout.splitlines() if '"type": "report"' in line]
    expected = [p for p in copy.iterdir() if p.suffix in (".txt", ".md", ".html", ".docx", ".pdf")]
    assert len(reports) == len(expected) - 1
