#!/usr/bin/env python3
"""Benchmark the PDF loader against pdfplumber's and pdfium's floors and the same report as text.

    python bench/pdf.py [--runs N] [--corpus PATH] [--markdown FILE]

For each PDF it times, in process, after one untimed warm-up call of each, interleaved:
- parse: pdfplumber opening the file and pdfminer parsing every page (`page.objects`), which
  every pdfplumber call on a page starts with;
- floor: pdfplumber opening the file and extracting all text and tables, the least any loader
  built on pdfplumber pays (`page.extract_text()` and `page.extract_tables()` on every page);
- load: `auditor.load.load(path)`, the PDF loader alone;
- audit: `auditor.api.audit(path, library=lib)`, loading, extraction and checks;
- pdfium: pypdfium2 opening the file and extracting each page's text (`get_textpage`,
  `get_text_range`), the least any loader built on pdfium pays;
- audit pdfium: the audit with AUDITOR_PDF_ENGINE=pdfium;
- text: the audit of the same report as text (NAME.txt beside NAME.pdf), where there is one;
and prints the median of each (and the min of floor and audit), the ratio audit / floor (the
budget is 1.5), of the medians and of the mins, and the ratios of each engine's audit to the text
audit (the target is 5) and of the pdfium audit to pdfium's bare text extraction.
This is not a test: it asserts nothing. See docs/benchmarks.md ("PDF") for measured figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's `auditor`, whether or not it is installed
DEFAULT_CORPUS = ROOT / "fixtures" / "corpus"
FIXTURES = ROOT / "fixtures" / "pdf"


def floor(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def parse(path: Path) -> None:
    """pdfminer's parse of every page, which every pdfplumber call starts with (cached per page)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.objects  # noqa: B018 (the parse is the point)


def pdfium_text(path: Path) -> None:
    """pdfium's bare text extraction of every page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def audit_pdfium(path: Path, library: object) -> None:
    import os

    from auditor.api import audit

    os.environ["AUDITOR_PDF_ENGINE"] = "pdfium"
    try:
        audit(path, library=library)
    finally:
        del os.environ["AUDITOR_PDF_ENGINE"]


def sample(fns: list[Callable[[], object]], runs: int) -> list[tuple[float, float]]:
    """(median, min) wall time in ms of each of `fns`, after one untimed call of each. The calls
    are interleaved (floor, load, audit, floor, ...) so that a busy spell of the machine weighs on
    all of them alike, which keeps their ratio fair."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, out in zip(fns, times):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return [(statistics.median(t) * 1000, min(t) * 1000) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()

    from auditor.api import audit
    from auditor.library import load_library
    from auditor.load import load

    library = load_library()
    files = sorted(args.corpus.glob("*.pdf")) if args.corpus.is_dir() else []
    files += [FIXTURES / "split-table.pdf", FIXTURES / "borderless.pdf"]
    out = [("| file | pages | parse | floor | load | audit | audit / floor | pdfium | audit pdfium | "
            "/ pdfium | text | audit / text | audit pdfium / text |"),
           "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    ratios, text_ratios, pdfium_ratios = [], [], []
    for path in files:
        pages = _pages(path)
        text = path.with_suffix(".txt")
        fns = [partial(parse, path), partial(floor, path), partial(load, path), partial(audit, path, library=library),
               partial(pdfium_text, path), partial(audit_pdfium, path, library)]
        if text.is_file():
            fns.append(partial(audit, text, library=library))
        (p_med, _), (f_med, _), (l_med, _), (a_med, _), (b_med, _), (ap_med, _), *rest = sample(fns, args.runs)
        ratios.append(a_med / f_med)
        t_cells = ["—", "—", "—"]
        if rest:
            t_med = rest[0][0]
            text_ratios.append((a_med / t_med, ap_med / t_med))
            t_cells = [f"{t_med:.0f}", f"{a_med / t_med:.1f}", f"{ap_med / t_med:.1f}"]
        pdfium_ratios.append(ap_med / b_med)
        out.append(f"| {path.name} | {pages} | {p_med:.0f} | {f_med:.0f} | {l_med:.0f} | {a_med:.0f} | {a_med / f_med:.2f} "
                   f"| {b_med:.0f} | {ap_med:.0f} | {ap_med / b_med:.1f} | {' | '.join(t_cells)} |")
        print(out[-1], flush=True)
    summary = f"\nRatio audit / floor (medians): min {min(ratios):.2f}, median {statistics.median(ratios):.2f}, " \
              f"max {max(ratios):.2f} over {len(ratios)} files; {args.runs} timed runs each."
    if text_ratios:
        summary += f"\nAudit / the same report as text (medians): pdfplumber {statistics.median(r[0] for r in text_ratios):.1f}, " \
                   f"pdfium {statistics.median(r[1] for r in text_ratios):.1f} (median over {len(text_ratios)} reports)."
    summary += f"\nAudit with pdfium / pdfium's bare text extraction: median {statistics.median(pdfium_ratios):.1f}."
    print(summary)
    if args.markdown:
        args.markdown.write_text("\n".join(out) + "\n" + summary + "\n", encoding="utf-8")


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


if __name__ == "__main__":
    main()
