"""Metamorphic tests (issue 11): every real report, of every form, written again as another
publishing pipeline would write it, audits the same — the same template, the same field values
and the same findings — or changes exactly as the variant implies (tests/metamorphic/variants.py).
This guards against fitting the tool to the corpus's own habits.

A (report, variant) pair that fails only because the tool cannot read that rendering yet is a
strict xfail naming what is missing (GAPS), so that it fails the moment the feature works. A
variant that does not apply to a document (a text report has no table to split) is skipped with
the reason.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from pathlib import Path

import pytest
from corpus import REAL
from metamorphic.compare import Summary, differences, summary
from metamorphic.sheet import Grid, data_rows, full_width, naming_label, pieces
from metamorphic.synthetic import MADE_UP
from metamorphic.variants import VARIANTS, Expectation, NotApplicable, Rendering, plain

from auditor.api import audit, audit_document
from auditor.library import load_library
from auditor.load import load

FORMS = (".txt", ".html", ".docx", ".pdf")
REPORTS = sorted(p.name for p in REAL.iterdir() if p.suffix in FORMS)
# (variant, report patterns (fnmatch), what the tool gets wrong): strict xfails. None today.
GAPS: list[tuple[str, list[str], str]] = []


def _gap(variant: str, name: str) -> str | None:
    return next((reason for v, patterns, reason in GAPS
                 if v == variant and any(fnmatch.fnmatch(name, p) for p in patterns)), None)


def _params(names: list[str]) -> list:
    params = []
    for name in names:
        for variant in VARIANTS:
            reason = _gap(variant, name)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(name, variant, marks=marks, id=f"{name}-{variant}"))
    return params


@functools.cache
def _library():
    return load_library()


@functools.cache
def _document(name: str):
    return load(REAL / name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("metamorphic")


def audited(rendering: Rendering, folder: Path, stem: str) -> Summary:
    """The audit of a rendering written to a file, as a user's file is audited."""
    path = folder / (stem + rendering.suffix)
    path.write_text(rendering.text, encoding="utf-8")
    return summary(audit(path, library=_library()))


_baselines: dict[str, Summary] = {}


def baseline(document, folder: Path, stem: str) -> Summary:
    if stem not in _baselines:
        _baselines[stem] = audited(plain(document), folder, stem + "-plain")
    return _baselines[stem]


def check_variant(document, variant: str, folder: Path, stem: str) -> None:
    try:
        rendering = VARIANTS[variant](document)
    except NotApplicable as reason:
        pytest.skip(f"{variant} does not apply: {reason}")
    problems = differences(baseline(document, folder, stem), audited(rendering, folder, f"{stem}-{variant}"),
                           rendering.expectation, _library())
    assert not problems, f"{len(problems)} difference(s):\n" + "\n".join(problems[:30])


# ---- the real corpus --------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_plain_rendering_audits_as_the_file(real, name, folder):
    """The baseline loses nothing: written plainly, each report audits as the file itself does."""
    document = _document(name)
    original = summary(audit_document(document, _library()))
    problems = differences(original, baseline(document, folder, name), Expectation(), _library())
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize(("name", "variant"), _params(REPORTS))
def test_variant_audits_as_the_baseline(real, name, variant, folder):
    check_variant(_document(name), variant, folder, name)


# ---- made-up reports: the machinery without the corpus --------------------------------


@functools.cache
def _made_up(name: str, folder: Path):
    report = next(r for r in MADE_UP if r.name == name)
    path = folder / f"made-up-{name}.md"
    path.write_text(report.markdown(), encoding="utf-8")
    return load(path)


MADE_UP_NAMES = [r.name for r in MADE_UP]


@pytest.mark.parametrize(("name", "variant"), _params([f"made-up-{n}.md" for n in MADE_UP_NAMES]))
def test_made_up_variant_audits_as_the_baseline(name, variant, folder):
    check_variant(_made_up(name.removeprefix("made-up-").removesuffix(".md"), folder), variant, folder, name)


def test_made_up_reports_audit_as_built(folder):
    """The made-up reports read as the 2021 form with every cell, and the flawed one's two
    planted errors are found (so the variants have findings to keep)."""
    for name in MADE_UP_NAMES:
        report = audit_document(_made_up(name, folder), _library())
        assert report.extraction.template == "new2021"
        assert all(f.quantity is not None for f in report.extraction.fields.values())
        rules = {f.rule.id for f in report.findings}
        assert ({"N201", "S103"} <= rules) == (name == "flawed"), (name, rules)


# ---- the variants do what they say -----------------------------------------------------


@pytest.fixture(scope="module")
def busy(folder):
    return _made_up("busy", folder)


def _grids(text: str, folder: Path, suffix: str = ".md") -> list[Grid]:
    path = folder / f"reread{suffix}"
    path.write_text(text, encoding="utf-8")
    return [p for p in pieces(load(path)) if isinstance(p, Grid)]


def test_every_variant_changes_the_rendering(busy):
    base = plain(busy).text
    assert all(VARIANTS[v](busy).text != base for v in VARIANTS)


def test_zeros_blanked_empties_exactly_the_zero_cells(busy, folder):
    before = _grids(plain(busy).text, folder)
    after = _grids(VARIANTS["zeros-blanked"](busy).text, folder)
    assert [[[("" if c == "0" else c) for c in row] for row in g.rows] for g in before] == \
        [[list(row) for row in g.rows] for g in after]


def test_blank_total_column_empties_only_table_three_totals(busy, folder):
    rendering = VARIANTS["blank-total-column"](busy)
    before, after = _grids(plain(busy).text, folder), _grids(rendering.text, folder)
    table, column = rendering.expectation.column
    changed = {(t, r, c) for t, (g, h) in enumerate(zip(before, after), 1) for r, (x, y) in enumerate(zip(g.rows, h.rows))
               for c, (a, b) in enumerate(zip(x, y)) if a != b}
    assert {(t, c + 1) for t, _, c in changed} == {(table, column)}
    assert len(changed) == len(data_rows(before[table - 1]))


def test_full_width_digits_leave_no_ascii_digit(busy):
    text = VARIANTS["full-width-digits"](busy).text
    assert not any(ch.isascii() and ch.isdigit() for ch in text)
    assert text == full_width(plain(busy).text)


def test_split_table_cuts_the_longest_table_in_two(busy, folder):
    before, after = _grids(plain(busy).text, folder), _grids(VARIANTS["split-table"](busy).text, folder)
    assert len(after) == len(before) + 1
    longest = max(before, key=lambda g: len(data_rows(g)))
    at = before.index(longest)
    assert after[at].rows + after[at + 1].rows == longest.rows
    assert data_rows(after[at + 1])[0] == 0  # the second part starts with a data row: no header


def test_wrapped_labels_can_be_joined_back(busy, folder):
    """No label is lost: a wrapped row and the continuation row below it give the label back."""
    before, after = _grids(plain(busy).text, folder), _grids(VARIANTS["wrapped-labels"](busy).text, folder)
    for original, wrapped in zip(before, after):
        rows = iter(wrapped.rows)
        for row in original.rows:
            first = next(rows)
            if first != row:
                rest = next(rows)
                at = naming_label(row)
                assert first[:at] + (first[at] + rest[at],) + first[at + 1:] == row
                assert not any(rest[:at] + rest[at + 1:])
        assert next(rows, None) is None


def test_generic_headers_keep_every_data_row(busy, folder):
    before = _grids(plain(busy).text, folder)
    after = _grids(VARIANTS["generic-headers"](busy).text, folder)
    for original, relabelled in zip(before, after):
        rows = [original.rows[i] for i in data_rows(original)]
        assert [relabelled.rows[i] for i in data_rows(relabelled)] == rows


def test_layout_text_aligns_the_cells(busy):
    """In aligned layout text, runs of two spaces or more part exactly the non-blank cells of
    each data row (the columns of the blanks are what a reader has to recover from positions)."""
    lines = VARIANTS["layout-text"](busy).text.splitlines()
    for grid in [p for p in pieces(busy) if isinstance(p, Grid)]:
        for i in data_rows(grid):
            cells = [c for c in grid.rows[i] if c]
            assert any(re.split(r" {2,}", line.strip()) == cells for line in lines), cells
