"""Benchmark the result cache: a batch of N distinct report files audited twice, the first run with
an empty result cache, the second over the unchanged batch, reading every report back.

Prints the two times, their ratio (the second run's time over the first's: the target is at most
0.1, a re-run ten times as fast), and whether both runs wrote the same bytes. Each file is a copy
of a corpus report (text and HTML, or the rule fixtures without a corpus) with a small edit of its
own that no check reads (a trailing line of letters, an HTML comment), so that every file is its
own cache entry. Not a test: it asserts nothing.

    python bench/cache.py                  # 500 files, one pair of runs
    python bench/cache.py --files 1000 --runs 3 --jobs 1 --markdown /tmp/cache.md
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from batch import CORPUS, sources  # noqa: E402


def tag(number: int) -> str:
    """`number` in letters (a, b, …, ba, …): an edit that holds no figure."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if not number:
            return letters


def make_batch(folder: Path, count: int, corpus: Path) -> dict[str, int]:
    """`count` distinct files cycling through the sources; how many of each kind."""
    pool, kinds = sources(corpus), {}
    for number in range(count):
        source = pool[number % len(pool)]
        data = source.read_bytes()
        edit = f"<!-- copy {tag(number)} -->" if source.suffix == ".html" else f"\n副本 {tag(number)}\n"
        (folder / f"{number:05d}-{source.name}").write_bytes(data + edit.encode())
        kinds[source.suffix] = kinds.get(source.suffix, 0) + 1
    return kinds


def run(folder: Path, cache: Path, output: Path, jobs: int | None = None) -> float:
    """Seconds of `auditor check FOLDER --format json` with its result cache in `cache`."""
    command = [sys.executable, "-m", "auditor", "check", str(folder), "--format", "json", "--output", str(output),
               "--cache-dir", str(cache), *(["--jobs", str(jobs)] if jobs else [])]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    return time.perf_counter() - start


def measure(count: int, runs: int, corpus: Path = CORPUS,
            jobs: int | None = None) -> tuple[float, float, bool, dict[str, int]]:
    """Median seconds of a first (empty cache) and a second (warm) run, whether every run wrote
    the same bytes, and the batch's kinds of file."""
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "batch", Path(tmp) / "cache"
        folder.mkdir()
        kinds = make_batch(folder, count, corpus)
        first, second, outputs = [], [], set()
        for number in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            for times in (first, second):
                output = Path(tmp) / f"out-{number}-{len(times)}.json"
                times.append(run(folder, cache, output, jobs))
                outputs.add(output.read_bytes())
    return statistics.median(first), statistics.median(second), len(outputs) == 1, kinds


def ratios(runs: int) -> list[tuple[str, float, str, float, float]]:
    """For bench/ratios.py: the warm re-run of 300 files against the first run of the same batch."""
    first, second, _, _ = measure(300, max(1, runs // 5))
    return [("auditor check over 300 unchanged files, result cache warm", second,
             "the first run of the same batch, result cache empty", first, 0.1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--runs", type=int, default=1, help="pairs of runs (medians)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, help="auditor's --jobs (default: its own, the CPU count)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    first, second, same, kinds = measure(args.files, args.runs, args.corpus, args.jobs)
    table = "\n".join([
        f"Batch of {args.files} distinct files ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
        f"`auditor check FOLDER --format json` (--jobs {args.jobs or 'default'}); {os.cpu_count()} CPUs, "
        f"{platform.machine()}, "
        f"Python {platform.python_version()}, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}; medians of {args.runs} pair(s) of runs.",
        "",
        "| first run (cache empty) | second run (cache warm) | second / first | target | same bytes |",
        "| ---: | ---: | ---: | :--- | :--- |",
        f"| {first:.1f} s | {second:.1f} s | {second / first:.3f} ({first / second:.1f}× as fast) | ≤ 0.1 "
        f"{'met' if second / first <= 0.1 else '**not met**'} | {'yes' if same else '**no**'} |",
    ])
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
