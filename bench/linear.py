#!/usr/bin/env python3
"""Does time grow linearly with the input, also when a report is one long line?

    python bench/linear.py [--sizes 1,5,20] [--shapes short-lines,one-line,no-sentence-end]
                           [--profile SHAPE:SIZE]

Makes reports from the seed (fixtures/seed-xishan-2018.txt) repeated to each size in MB:
`short-lines` as the seed is, `one-line` with every line break removed, `no-sentence-end` one
line without 。！？；;!? either (the whole report is one sentence). Each is audited in a fresh
process; prints wall time, peak memory, and the time per MB (flat when growth is linear).
`--profile one-line:1` prints a cProfile of that one audit instead. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
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
