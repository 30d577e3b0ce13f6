#!/usr/bin/env python3
"""Does time grow linearly with the input, also when a report is one long line?

    python bench/linear.py [--sizes 1,5,20] [--shapes short-lines,one-line,no-sentence-end]
                           [--profile SHAPE:SIZE]

Makes reports from the seed (fixtures/seed-xishan-2018.txt) repeated to each size in MB:
`short-lines` as the seed is, `one-line` with every line break removed, `no-sentence-end` one
line without 。！？；;!? either (the whole report is one sentence). Each is audited in a fresh
process; prints wall time, peak memory, and the time per MB (flat when growth is linear).
`--profile one-line:1` prints a cProfile of that one audit instead. Not a test: it asserts nothing.

`ratios(runs)` (run by bench/ratios.py) times one paragraph holding 5,000 figures against the same
sentences one per line, and one sentence listing 5,000 parts against the same parts one per line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"
SHAPES = ("short-lines", "one-line", "no-sentence-end")
_ENDS = re.compile(r"[\n。！？；;!?]")

_CHILD = """
import json, resource, sys, time
from auditor import audit
from auditor.library import load_library
library = load_library([])
start = time.perf_counter()
report = audit(sys.argv[1], library=library)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "figures": len(report.extraction.narrative), "findings": len(report.result.findings)}))
"""

_PROFILE = """
import cProfile, pstats, sys
from auditor import audit
from auditor.library import load_library
library = load_library([])
cProfile.run("audit(sys.argv[1], library=library)", sys.argv[2])
pstats.Stats(sys.argv[2]).sort_stats("cumulative").print_stats(25)
pstats.Stats(sys.argv[2]).sort_stats("tottime").print_stats(15)
"""


def make_report(size: int, shape: str) -> str:
    """The seed repeated to `size` bytes (UTF-8), in the given shape."""
    seed = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n"
    text = (seed * (size // len(seed.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
    if shape == "one-line":
        return text.replace("\n", "") + "\n"
    if shape == "no-sentence-end":
        return _ENDS.sub("", text) + "\n"
    return text


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


# ---- one paragraph against separate lines (bench/ratios.py) ------------------------------

FIGURES = 5000
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def seed_sentences() -> list[str]:
    """The seed's narrative sentences that state a figure (table rows excluded)."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if "|" not in line and "\t" not in line]
    sentences = (s + "。" for line in lines for s in line.split("。") if s.strip())
    return [s.strip() for s in sentences if _FIGURE.search(s)]


def many_figures() -> tuple[list[str], list[str]]:
    """5,000 figures as the seed's sentences repeated, and as one 其中 list's parts."""
    pool, sentences, count = seed_sentences(), [], 0
    while count < FIGURES:
        sentence = pool[len(sentences) % len(pool)]
        sentences.append(sentence)
        count += len(_FIGURE.findall(sentence))
    parts = [f"第{n}类{(n * 37) % 900 + 1}条" for n in range(FIGURES)]
    return sentences, parts


def ratios(runs: int) -> list[tuple[str, float, str, float, float]]:
    """Each long form against the same figures on separate lines, audited in this process."""
    sys.path.insert(0, str(ROOT))
    from ratios import interleaved

    from auditor import audit
    from auditor.library import load_library

    library, seed = load_library([]), SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"  # after the last table
    sentences, parts = many_figures()
    forms = {"paragraph": seed + "".join(sentences) + "\n", "sentences": seed + "\n".join(sentences) + "\n",
             "list": seed + "全年主动公开政府信息99999条，其中" + "、".join(parts) + "。\n",
             "parts": seed + "全年主动公开政府信息99999条。\n" + "。\n".join(parts) + "。\n"}
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: Path(folder) / f"{name}.txt" for name in forms}
        for name, path in paths.items():
            path.write_text(forms[name], encoding="utf-8")

        def timed(path: Path) -> Callable[[], float]:
            def measure() -> float:
                start = time.perf_counter()
                audit(path, library=library)
                return time.perf_counter() - start
            return measure

        medians = interleaved({name: timed(path) for name, path in paths.items()}, max(1, runs // 3))
    return [(f"{FIGURES:,} numbers in one paragraph (the seed's sentences)", medians["paragraph"],
             "the same sentences one per line", medians["sentences"], 2.0),
            (f"one sentence listing {FIGURES:,} parts (其中…、…)", medians["list"],
             "the same parts one per line", medians["parts"], 2.0)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,5,20", help="sizes in MB, comma-separated (default 1,5,20)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="which shapes (default: all three)")
    parser.add_argument("--profile", metavar="SHAPE:SIZE", help="profile one audit instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.profile:
            shape, size = args.profile.split(":")
            path = Path(folder) / f"{shape}-{size}.txt"
            path.write_text(make_report(int(float(size) * 1e6), shape), encoding="utf-8")
            return subprocess.call([sys.executable, "-c", _PROFILE, str(path), str(Path(folder) / "prof")], env=_env())
        print("| shape | MB | seconds | s/MB | peak MB | figures | findings |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for shape in args.shapes.split(","):
            for size in (float(s) for s in args.sizes.split(",")):
                path = Path(folder) / f"{shape}-{size}.txt"
                path.write_text(make_report(int(size * 1e6), shape), encoding="utf-8")
                out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], env=_env(),
                                     capture_output=True, text=True, check=True).stdout
                row = json.loads(out.strip().splitlines()[-1])
                print(f"| {shape} | {size:g} | {row['seconds']:.2f} | {row['seconds'] / size:.2f} | "
                      f"{row['peak_mb']:.0f} | {row['figures']} | {row['findings']} |", flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
