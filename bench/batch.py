"""Benchmark a batch: N report files (copies of the corpus) with --jobs 1 and --jobs 2.

Prints reports per second, the speed-up, and the peak memory of the largest process (the parent
or one worker), for `auditor check FOLDER --format jsonl`. Not a test: it asserts nothing.

    python bench/batch.py                 # 1,000 files
    python bench/batch.py --files 2000 --jobs 1 2 --markdown /tmp/batch.md
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"

# Runs auditor in a child and reports the child's wall time and the largest resident set of it and
# its workers (RUSAGE_CHILDREN holds the maximum over the waited-for descendants).
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def sources(corpus: Path) -> list[Path]:
    """The real text and HTML reports of the corpus and the seed; the rule fixtures without a corpus."""
    found = sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.html")) if corpus.is_dir() else []
    return [*found, ROOT / "fixtures" / "seed-xishan-2018.txt"] if found else \
        sorted((ROOT / "fixtures" / "rules").glob("*/*.md"))


def make_batch(folder: Path, count: int, corpus: Path) -> dict[str, int]:
    """`count` files, cycling through the sources; returns how many of each kind."""
    pool, kinds = sources(corpus), {}
    for number in range(count):
        source = pool[number % len(pool)]
        shutil.copy(source, folder / f"{number:05d}-{source.name}")
        kinds[source.suffix] = kinds.get(source.suffix, 0) + 1
    return kinds


def measure(folder: Path, jobs: int) -> tuple[float, int, int]:
    command = [sys.executable, "-m", "auditor", "check", str(folder), "--format", "jsonl", "--jobs", str(jobs)]
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kinds = make_batch(folder, args.files, args.corpus)
        rows, base = [], None
        for jobs in args.jobs:
            seconds, peak_kib, code = measure(folder, jobs)
            base = base or seconds
            rows.append(f"| {jobs} | {seconds:.1f} | {args.files / seconds:.1f} | {base / seconds:.2f}× | "
                        f"{peak_kib / 1024:.0f} MiB | {code} |")
    table = "\n".join([
        f"Batch of {args.files} files ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
        f"`auditor check FOLDER --format jsonl`; {os.cpu_count()} CPUs, {platform.machine()}, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}.",
        "",
        "| --jobs | seconds | reports/s | speed-up | peak memory (largest process) | exit |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
    ])
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
