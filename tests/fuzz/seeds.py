"""Real reports to mutate: the repository's fixtures first, the real corpus where it is present.

The fixtures are always there (the seed report, 130 rule examples in Markdown with tables of
every template, the HTML/DOCX/PDF loader fixtures). The real corpus beside the repository
(tests/corpus.py) adds the converted Pingtan pages and three PDFs where it exists; nothing of it
is copied into the repository, and every test still runs without it.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
FIXTURES = REPO / "fixtures"
OWN = TESTS / "data" / "fuzz"  # small seeds of our own (regressions' shapes)

if str(TESTS) not in sys.path:  # scripts/fuzz imports this package from outside pytest
    sys.path.insert(0, str(TESTS))
from corpus import REAL  # noqa: E402

# Real PDFs are large and slow (0.5-1.6 s each): only the smallest ones are used.
_REAL_PDFS = ("huaian-hongze-2024.pdf", "pingtan-2024.pdf")


@dataclass(frozen=True)
class Seed:
    name: str  # where it came from, relative: fixtures/..., real/...
    suffix: str  # .txt .md .html .docx .pdf
    data: bytes

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")

    def __repr__(self) -> str:
        return f"Seed({self.name})"


def _seed(path: Path, base: Path, prefix: str) -> Seed:
    return Seed(f"{prefix}/{path.relative_to(base)}", path.suffix.lower(), path.read_bytes())


def _real(pattern: str) -> list[Path]:
    return sorted(REAL.glob(pattern))


@functools.cache
def text_seeds() -> tuple[Seed, ...]:
    """Plain text and Markdown reports: the seed report first (the one shrinking goes to)."""
    paths = [FIXTURES / "seed-xishan-2018.txt", *sorted(FIXTURES.glob("rules/*/*.md"))]
    seeds = [_seed(p, REPO, "repo") for p in paths]
    seeds += [_seed(p, OWN, "own") for p in sorted(OWN.glob("*")) if p.suffix in (".txt", ".md")]
    seeds += [_seed(p, REAL, "real") for p in _real("*.txt")]
    return tuple(seeds)


@functools.cache
def table_seeds() -> tuple[Seed, ...]:
    """Text seeds that have a pipe table (the Markdown rule examples, the seed report)."""
    return tuple(s for s in text_seeds() if s.text.count("|") >= 6)


@functools.cache
def html_seeds() -> tuple[Seed, ...]:
    seeds = [_seed(p, REPO, "repo") for p in sorted(FIXTURES.glob("html/*.html"))]
    return tuple(seeds + [_seed(p, REAL, "real") for p in _real("*.html")])


@functools.cache
def docx_seeds() -> tuple[Seed, ...]:
    seeds = [_seed(p, REPO, "repo") for p in sorted(FIXTURES.glob("docx/*.docx"))]
    return tuple(seeds + [_seed(p, REAL, "real") for p in _real("*.docx")])


@functools.cache
def pdf_seeds() -> tuple[Seed, ...]:
    seeds = [_seed(p, REPO, "repo") for p in sorted(FIXTURES.glob("pdf/*.pdf"))]
    return tuple(seeds + [_seed(REAL / n, REAL, "real") for n in _REAL_PDFS if (REAL / n).is_file()])
