#!/usr/bin/env python3
"""Benchmark the auditor on this machine: CLI start-up, import cost, in-process audit throughput.

    python bench/run.py [--runs N] [--audit-runs M] [--corpus PATH] [--markdown FILE]

Prints Markdown tables. This is not a test: it asserts nothing about speed, it only measures.
Standard library only, so it runs in any environment that can run the auditor itself.
See docs/benchmarks.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"
# Resolved against the checkout, not the current directory, so the default works from anywhere.
DEFAULT_CORPUS = ROOT / "fixtures" / "corpus"
# Dependencies the CLI is meant to import only when a command needs them.
LAZY = ("charset_normalizer", "rich", "pydantic")
IMPORTTIME_RUNS = 3  # -X importtime is one sample per run and noisy; take the median of a few

# ---------------------------------------------------------------------------------------------
# Measuring


def ms(seconds: list[float]) -> tuple[float, float]:
    """(median, min) in milliseconds: the median is the typical case, the min the noise floor."""
    return statistics.median(seconds) * 1000, min(seconds) * 1000


def sample(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall time of `runs` calls of `fn`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _env() -> dict[str, str]:
    # The subprocesses must import this checkout's `auditor`, whether or not it is installed, and
    # have its .pyc files as an installed tool has (written to a folder of their own, not the tree).
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "auditor-bench-pyc")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def python(args: list[str], ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    """Run this interpreter on `args` from the checkout; fail loudly rather than time an error."""
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, env=_env(), capture_output=True, text=True)
    if proc.returncode not in ok:
        raise SystemExit(f"bench: `python {' '.join(args)}` exited {proc.returncode}:\n{proc.stderr}")
    return proc


def time_process(args: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> list[float]:
    """Wall times of `runs` subprocesses, after one untimed run to warm .pyc files and the OS cache."""
    python(args, ok)
    return sample(lambda: python(args, ok), runs)


def importtime(args: list[str], ok: tuple[int, ...] = (0,)) -> dict[str, tuple[int, int, int]]:
    """module -> (self µs, cumulative µs, nesting depth), median of a few `-X importtime` runs."""
    runs = [_parse_importtime(python(["-X", "importtime", *args], ok).stderr) for _ in range(IMPORTTIME_RUNS)]
    return {name: (round(statistics.median(r[name][0] for r in runs if name in r)),
                   round(statistics.median(r[name][1] for r in runs if name in r)), depth)
            for name, (_, _, depth) in runs[0].items()}


def _parse_importtime(stderr: str) -> dict[str, tuple[int, int, int]]:
    # Lines look like "import time:   self |  cumulative |     name"; two spaces of indent per level.
    found = {}
    for match in re.finditer(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)$", stderr, re.M):
        found[match[4]] = (int(match[1]), int(match[2]), len(match[3]) // 2)
    return found


# ---------------------------------------------------------------------------------------------
# 1. Start-up (subprocesses)

CHECK_ARGS = ["-m", "auditor", "check", str(SEED.relative_to(ROOT)), "--format", "json"]
CHECK_OK = (0, 1)  # 1 = findings at or above --fail-on: a normal result, not a failure


def startup(runs: int, files: list[Path]) -> list[tuple[str, float, float]]:
    """(what, median ms, min ms) for the bare interpreter, the import, and the CLI invocations."""
    cases = [
        ("`python -c pass` (interpreter alone)", ["-c", "pass"], (0,)),
        ('`python -c "import auditor.cli"`', ["-c", "import auditor.cli"], (0,)),
        ("`python -m auditor --version`", ["-m", "auditor", "--version"], (0,)),
        ("`python -m auditor check <seed> --format json`", CHECK_ARGS, CHECK_OK),
    ]
    if len(files) > 1:  # one process for every input: start-up amortised, lazy imports paid once
        cases.append((f"`python -m auditor check <all {len(files)} inputs> --format json`",
                      ["-m", "auditor", "check", *map(str, files), "--format", "json"], CHECK_OK))
    return [(label, *ms(time_process(args, runs, ok))) for label, args, ok in cases]


def lazy_imports() -> tuple[list[tuple[str, str, str, str]], list[tuple[str, int, int]]]:
    """Which heavy dependencies each path imports, what each costs alone, and where `check` spends import time."""
    paths = {"cli": importtime(["-c", "import auditor.cli"]),
             "version": importtime(["-m", "auditor", "--version"]),
             "check": importtime(CHECK_ARGS, CHECK_OK)}
    rows = []
    for module in LAZY:
        alone = importtime(["-c", f"import {module}"]).get(module, (0, 0, 0))[1]
        seen = ["yes" if module in paths[p] else "no" for p in ("cli", "version", "check")]
        rows.append((module, f"{alone / 1000:.1f}", *seen))
    return rows, _top_level(paths["check"])


def _top_level(parsed: dict[str, tuple[int, int, int]], count: int = 8) -> list[tuple[str, int, int]]:
    # Only depth-0 entries: their cumulative times don't overlap, so they add up to the whole.
    top = [(name, cum, self_) for name, (self_, cum, depth) in parsed.items() if depth == 0]
    return sorted(top, key=lambda row: -row[1])[:count]


# ---------------------------------------------------------------------------------------------
# 2. Throughput (in process)


def inputs(corpus: Path) -> list[Path]:
    """The seed, then every .txt and .html of the corpus; a missing corpus only costs its rows."""
    if not corpus.is_dir():
        print(f"bench: corpus {corpus} not found; auditing the seed only", file=sys.stderr)
        return [SEED]
    return [SEED, *sorted(corpus.glob("*.txt")), *sorted(corpus.glob("*.html"))]


def library_load(runs: int) -> tuple[float, float, float, float]:
    """(first call ms, median ms read from the cache folder, median ms built from TOML, min of that)
    of load_library()."""
    from auditor.library import _build, _load_cached, _toml_files, builtin_dir, load_library

    start = time.perf_counter()
    load_library()
    first = (time.perf_counter() - start) * 1000

    # load_library() memoises per process; clear that to time a new process's load (from the cache folder)
    def cached() -> None:
        _load_cached.cache_clear()
        load_library()

    files = _toml_files(builtin_dir())
    return (first, ms(sample(cached, runs))[0], *ms(sample(lambda: _build(files), runs)))


def throughput(files: list[Path], runs: int) -> list[tuple[str, int, int, float, float, float, str]]:
    """Per file: (name, bytes, figures, first-call ms, median ms, min ms, lazy modules its first call imported)."""
    from auditor.api import audit
    from auditor.library import load_library

    lib = load_library()  # once: a caller auditing many files pays for the library once
    rows = []
    for path in files:
        run = lambda p=path: audit(p, library=lib)  # noqa: E731 - bound per file, not late
        before = set(sys.modules)
        first = sample(run, 1)[0]  # includes lazy imports (e.g. charset_normalizer) the first time a file needs them
        lazy = ", ".join(m for m in LAZY if m in sys.modules and m not in before) or "-"
        median, low = ms(sample(run, runs))
        figures = audit(path, library=lib).extraction.figure_count
        rows.append((_name(path), path.stat().st_size, figures, first * 1000, median, low, lazy))
    return rows


def stages(path: Path, runs: int) -> list[tuple[str, float, float]]:
    """Median and min ms of each pipeline stage on one file, each timed on its own."""
    from auditor.check import run_checks
    from auditor.extract import extract
    from auditor.library import load_library
    from auditor.load import load
    from auditor.model.report import Report
    from auditor.render.json import render_json

    lib = load_library()
    doc = load(path)
    extraction = extract(doc, lib)
    report = Report(doc.path, extraction, run_checks(extraction, lib))
    return [
        ("load (`auditor.load.load`)", *ms(sample(lambda: load(path), runs))),
        ("extract (`extract(doc, lib)`)", *ms(sample(lambda: extract(doc, lib), runs))),
        ("check (`run_checks(extraction, lib)`)", *ms(sample(lambda: run_checks(extraction, lib), runs))),
        ('render (`render_json([report], lang="zh")`)', *ms(sample(lambda: render_json([report], lang="zh"), runs))),
    ]


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return path.name


# ---------------------------------------------------------------------------------------------
# 3. Report


def machine() -> list[str]:
    """Enough about the machine to compare figures across runs; load average shows a busy host."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        f"- Date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"- CPUs: {os.cpu_count()}; processor: {platform.processor() or platform.machine()}",
        f"- Python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        f"- OS: {platform.platform()}; load average (1/5/15 min) at start: {load}",
    ]


def table(header: list[str], rows: list[tuple], align: str) -> list[str]:
    """A Markdown table; `align` has one letter per column, l or r."""
    marks = {"l": ":---", "r": "---:"}
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks[a] for a in align) + " |"]
    return lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]


def _cell(value: object) -> str:
    # Two decimals where they carry information (sub-10 ms), one elsewhere.
    if isinstance(value, float):
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return str(value)


def report(args: argparse.Namespace) -> str:
    """Run every measurement and return the Markdown."""
    out = ["# auditor benchmark", "", *machine(), "",
           f"Subprocess runs per row: {args.runs}; in-process calls per row: {args.audit_runs}.", ""]
    out += ["## Start-up (subprocess wall time, ms)", ""]
    files = inputs(args.corpus)
    out += table(["command", "median", "min"], startup(args.runs, files), "lrr")
    lazy, top = lazy_imports()
    out += ["", "## Heavy dependencies: imported where? (`-X importtime`)", ""]
    out += table(["module", "import alone (ms)", "by `import auditor.cli`", "by `--version`",
                  "by `check --format json`"], lazy, "lrlll")
    out += ["", "## Top-level imports of `check <seed> --format json` (`-X importtime`, ms)", ""]
    out += table(["module", "cumulative", "self"], [(n, c / 1000, s / 1000) for n, c, s in top], "lrr")
    out += ["", "## Library load (in process, ms)", ""]
    first, cached, median, low = library_load(args.audit_runs)
    out += table(["what", "first call", "median (from the cache folder)", "median (built)", "min (built)"],
                 [("`load_library()`", first, cached, median, low)], "lrrrr")
    out += ["", "## Audit throughput (in process, `audit(path, library=lib)`, ms per report)", ""]
    out += table(["file", "bytes", "figures", "first call", "median", "min", "lazily imported by first call"],
                 throughput(files, args.audit_runs), "lrrrrrl")
    out += ["", f"## Stages on {_name(SEED)} (in process, ms)", ""]
    out += table(["stage", "median", "min"], stages(SEED, args.audit_runs), "lrr")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="subprocess runs per start-up figure (default 10)")
    parser.add_argument("--audit-runs", type=int, default=50,
                        help="in-process calls per throughput/stage figure (default 50)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of real .txt and .html reports (default fixtures/corpus)")
    parser.add_argument("--markdown", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    if args.runs < 1 or args.audit_runs < 1:
        parser.error("--runs and --audit-runs must be at least 1")
    sys.path.insert(0, str(ROOT))  # the in-process half imports this checkout too
    text = report(args)
    print(text, end="")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
