"""Fuzz tests of the contract "no crash, no hang, no traceback" (docs/fuzzing.md).

For any input, `auditor.audit(path)` returns a Report or raises AuditorError, within
AUDITOR_FUZZ_TIMEOUT seconds (10). Each test mutates real reports (tests/fuzz/mutate.py) and
asserts that; every run explores new inputs (not derandomized), and a failure prints the
mutated sample and the @reproduce_failure blob to replay it.

Bounded for CI: about 100 s on 2 cores when all pass; each failing test adds at most
AUDITOR_FUZZ_SHRINK_SECONDS (20) of shrinking. AUDITOR_FUZZ_EXAMPLES=N runs N examples in each
test instead; scripts/fuzz runs longer and collects every distinct crash.
"""

from __future__ import annotations

import os

import pytest
from fuzz import mutate
from fuzz.harness import check_contract
from hypothesis import HealthCheck, given, settings

EXAMPLES = os.environ.get("AUDITOR_FUZZ_EXAMPLES")
# Seconds Hypothesis may spend shrinking one failure (its own limit is 300): keeps a failing run
# within CI's bound. The failure is still shown, with the mutations that made it.
SHRINK_SECONDS = int(os.environ.get("AUDITOR_FUZZ_SHRINK_SECONDS", "20"))


@pytest.fixture(autouse=True)
def _bounded_shrinking():
    try:
        from hypothesis.internal.conjecture import engine
    except ImportError:  # an internal module: without it, Hypothesis's own limit applies
        yield
        return
    before = getattr(engine, "MAX_SHRINKING_SECONDS", None)
    if before is None:
        yield
        return
    engine.MAX_SHRINKING_SECONDS = SHRINK_SECONDS
    try:
        yield
    finally:
        engine.MAX_SHRINKING_SECONDS = before


def bounded(examples: int) -> settings:
    """`examples` per test in CI (or AUDITOR_FUZZ_EXAMPLES), no per-example deadline (the
    watchdog bounds each audit), a new exploration every run."""
    return settings(
        max_examples=int(EXAMPLES) if EXAMPLES else examples,
        deadline=None,
        derandomize=False,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                               HealthCheck.large_base_example],
    )


@bounded(300)
@given(mutate.text_samples())
def test_text_reports_audit_or_refuse(sample):
    """Plain text and Markdown: figures replaced by odd numerals, characters and lines changed."""
    check_contract(sample.data, sample.suffix)


@bounded(200)
@given(mutate.table_samples())
def test_table_cells_audit_or_refuse(sample):
    """Pipe tables with blank, '/', 无, huge, negative and junk cells, and ragged rows."""
    check_contract(sample.data, sample.suffix)


@bounded(150)
@given(mutate.html_samples())
def test_html_pages_audit_or_refuse(sample):
    """HTML: text mutations, and tags dropped, repeated, nested, with rowspan/colspan garbage."""
    check_contract(sample.data, sample.suffix)


@bounded(100)
@given(mutate.docx_samples())
def test_docx_documents_audit_or_refuse(sample):
    """DOCX: document.xml's text, gridSpan, vMerge, rows, cells and styles mutated, re-zipped."""
    check_contract(sample.data, sample.suffix)


@bounded(60)
@given(mutate.pdf_byte_samples())
def test_damaged_pdfs_audit_or_refuse(sample):
    """PDF bytes flipped, truncated, inserted, deleted, duplicated."""
    check_contract(sample.data, sample.suffix)


@bounded(60)
@given(mutate.pdf_text_samples())
def test_pdf_text_layers_audit_or_refuse(sample):
    """Mutated reports as PDFs with a text layer, tables with ruling lines or without."""
    check_contract(sample.data, sample.suffix)


@bounded(8)
@given(mutate.scale_samples())
def test_long_reports_audit_in_time(sample):
    """A line or sentence repeated up to 3000 times: no check may take quadratic time."""
    check_contract(sample.data, sample.suffix)
