#!/usr/bin/env python3
"""Every speed figure of issue 13 as a ratio against its floor, both measured in this one run.

    python bench/ratios.py [--runs N] [--parts startup,html,pdf,...] [--markdown FILE]

A ratio is the median time of what the tool does over the median time of the least that the
same work could cost on this machine (its floor), measured side by side, interleaved, so that a
busy spell of a shared machine weighs on both alike. Not a test: it asserts nothing; the last
column says whether the issue's target is met.

Parts (`--parts`, default all): `startup` and `html` are measured here; any other name is a
module of bench/ (bench/pdf.py, bench/batch.py, ...) that defines `ratios(runs) -> list[Ratio]`
(plain tuples of the same five fields will do). A part whose module does not define it yet is
listed as not measured, so that one command runs every part there is.
"""

from __future__ import annotations

import argparse
import functools
import glob
import importlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
SEED = "fixtures/seed-xishan-2018.txt"  # relative: the subprocesses run in the checkout
DEFAULT_CORPUS = ROOT / "fixtures" / "corpus"
PARTS = ("startup", "html", "pdf", "batch", "linear")


class Ratio(NamedTuple):
    figure: str  # what is timed
    seconds: float  # its median
    floor: str  # what it is compared with
    floor_seconds: float  # the floor's median, in the same run
    target: float  # the ceiling of seconds / floor_seconds (nan: none); a speed-up of 1.8 is a ceiling of 1 / 1.8


def interleaved(measures: dict[str, Callable[[], float]], runs: int) -> dict[str, float]:
    """The median seconds of each measure, run in turn `runs` times after one untimed round."""
    for measure in measures.values():
        measure()
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            times[name].append(measure())
    return {name: statistics.median(values) for name, values in times.items()}


# ---- start-up ----------------------------------------------------------------------------

# What a do-nothing `check` costs in Typer: the same options parsed and converted, no audit.
TYPER_ONLY = """
import functools, sys, typer
import auditor.cli as cli
@functools.wraps(cli.check)
def check(*args, **kwargs):
    pass
app = typer.Typer(add_completion=False)
app.command()(check)
app(sys.argv[1:])
"""


def _environment(cache: Path, bytecode: Path) -> dict[str, str]:
    """This checkout first on the path; .pyc files written (to a folder of their own, not the
    working tree), as an installed tool has them; the library cache in `cache`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
           "PYTHONPYCACHEPREFIX": str(bytecode), "AUDITOR_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _process(args: list[str], env: dict[str, str], before: Callable[[], None] = lambda: None) -> Callable[[], float]:
    def measure() -> float:
        before()
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start

    return measure


def startup(runs: int) -> list[Ratio]:
    """`auditor check` on the bundled example against the bare import of its three libraries."""
    with tempfile.TemporaryDirectory() as tmp:
        warm, cold, bytecode = Path(tmp, "cache"), Path(tmp, "cold"), Path(tmp, "pyc")
        env, cold_env = _environment(warm, bytecode), _environment(cold, bytecode)
        medians = interleaved({
            "floor": _process(["-c", "import typer, rich, pydantic"], env),
            "rich": _process(["-m", "auditor", "check", SEED], env),
            "json": _process(["-m", "auditor", "check", SEED, "--format", "json"], env),
            "cold": _process(["-m", "auditor", "check", SEED, "--format", "json"], cold_env,
                             before=functools.partial(_empty, cold)),
            "typer": _process(["-c", TYPER_ONLY, SEED, "--format", "json"], env),
        }, runs)
    floor, bare = medians["floor"], 'python -c "import typer, rich, pydantic"'
    return [
        Ratio(f"auditor check {SEED}", medians["rich"], bare, floor, 1.5),
        Ratio(f"auditor check {SEED} --format json", medians["json"], bare, floor, 1.5),
        Ratio("the same, library cache empty", medians["cold"], bare, floor, float("nan")),
        Ratio("Typer alone parsing check's options (no audit)", medians["typer"], bare, floor, float("nan")),
    ]


def _empty(folder: Path) -> None:
    for stored in folder.glob("*"):
        stored.unlink()


# ---- HTML --------------------------------------------------------------------------------


def html(runs: int, corpus: Path = DEFAULT_CORPUS) -> list[Ratio]:
    """auditor.load.html on every corpus page (decoded) against a do-nothing HTMLParser pass."""
    sys.path.insert(0, str(ROOT))
    from html.parser import HTMLParser

    from auditor.load.encoding import decode_html
    from auditor.load.html import load_html

    pages = sorted(glob.glob(str(corpus / "*.html")))
    if not pages:
        print(f"bench: no .html in {corpus}; HTML not measured", file=sys.stderr)
        return []
    ours = floor = 0.0
    for page in pages:
        text, encoding = decode_html(Path(page).read_bytes(), page)

        def parse(text: str = text) -> float:
            start = time.perf_counter()
            parser = HTMLParser(convert_charrefs=False)  # as the loader's parser is set
            parser.feed(text)
            parser.close()
            return time.perf_counter() - start

        def load(page: str = page, text: str = text, encoding: str | None = encoding) -> float:
            start = time.perf_counter()
            load_html(page, text, encoding)
            return time.perf_counter() - start

        medians = interleaved({"parse": parse, "load": load}, runs)
        ours, floor = ours + medians["load"], floor + medians["parse"]
    return [Ratio(f"auditor.load.html on the {len(pages)} corpus pages", ours,
                  "a do-nothing html.parser.HTMLParser pass", floor, 2.0)]


# ---- the command -------------------------------------------------------------------------


def part(name: str, runs: int) -> list[Ratio] | None:
    """The ratios of one part; None when its module does not measure any yet."""
    if name in ("startup", "html"):
        return globals()[name](runs)
    sys.path.insert(0, str(BENCH))
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    measure = getattr(module, "ratios", None)
    return [Ratio(*row) for row in measure(runs)] if measure else None


def markdown(rows: list[Ratio], missing: list[str], runs: int) -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    machine = (f"{time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} CPUs, {platform.machine()}, "
               f"Python {platform.python_version()}; load average {load}; medians of {runs} interleaved runs.")
    lines = [machine, "",
             "| figure | median | floor | floor median | ratio | target |",
             "| :--- | ---: | :--- | ---: | ---: | :--- |"]
    for row in rows:
        ratio = row.seconds / row.floor_seconds
        met = "met" if ratio <= row.target else "**not met**"
        target = "—" if row.target != row.target else f"≤ {row.target:g}× {met}"  # nan: no target
        lines.append(f"| {row.figure} | {row.seconds * 1000:.0f} ms | {row.floor} | {row.floor_seconds * 1000:.0f} ms "
                     f"| {ratio:.2f}× | {target} |")
    lines += [f"\nNot measured (their bench/ module has no `ratios()` yet): {', '.join(missing)}."] if missing else []
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="interleaved runs per figure (default 10)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated (default {','.join(PARTS)})")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    rows, missing = [], []
    for name in filter(None, args.parts.split(",")):
        found = part(name, args.runs)
        if found is None:
            missing.append(name)
        else:
            rows += found
    text = markdown(rows, missing, args.runs)
    print(text, end="")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
