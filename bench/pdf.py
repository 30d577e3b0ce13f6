#!/usr/bin/env python3
"""Benchmark the PDF loader against pdfplumber's own floor, for each real PDF of the corpus.

    python bench/pdf.py [--runs N] [--corpus PATH] [--markdown FILE]

For each PDF it times, in process, after one untimed warm-up call of each, interleaved:
- parse: pdfplumber opening the file and pdfminer parsing every page (`page.objects`), which
  every pdfplumber call on a page starts with;
- floor: pdfplumber opening the file and extracting all text and tables, the least any loader
  built on pdfplumber pays (`page.extract_text()` and `page.extract_tables()` on every page);
- load: `auditor.load.load(path)`, the PDF loader alone;
- audit: `auditor.api.audit(path, library=lib)`, loading, extraction and checks;
and prints the median of each (and the min of floor and audit), and the ratio audit / floor
(the budget is 1.5), of the medians and of the mins.
This is not a test: it asserts nothing. See docs/benchmarks.md ("PDF") for measured figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's `auditor`, whether or not it is installed
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"
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
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()

    from auditor.api import audit
    from auditor.library import load_library
    from auditor.load import load

    library = load_library()
    files = sorted(args.corpus.glob("*.pdf")) if args.corpus.is_dir() else []
    files += [FIXTURES / "split-table.pdf", FIXTURES / "borderless.pdf"]
    out = ["| file | pages | parse | floor | floor min | load | audit | audit min | audit / floor | (mins) |",
           "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    ratios = []
    for path in files:
        pages = _pages(path)
        (p_med, _), (f_med, f_min), (l_med, _), (a_med, a_min) = sample(
            [lambda: parse(path), lambda: floor(path), lambda: load(path), lambda: audit(path, library=library)],
            args.runs)
        ratios.append(a_med / f_med)
        out.append(f"| {path.name} | {pages} | {p_med:.0f} | {f_med:.0f} | {f_min:.0f} | {l_med:.0f} | {a_med:.0f} | {a_min:.0f} "
                   f"| {a_med / f_med:.2f} | {a_min / f_min:.2f} |")
        print(out[-1], flush=True)
    summary = f"\nRatio audit / floor (medians): min {min(ratios):.2f}, median {statistics.median(ratios):.2f}, " \
              f"max {max(ratios):.2f} over {len(ratios)} files; {args.runs} timed runs each."
    print(summary)
    if args.markdown:
        args.markdown.write_text("\n".join(out) + "\n" + summary + "\n", encoding="utf-8")


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


if __name__ == "__main__":
    main()
