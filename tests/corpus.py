"""The real corpus (fixtures/corpus, with its SOURCES.md), and the table shapes its converted pages have."""

from __future__ import annotations

from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"

# The grid of every statistics table of the converted Pingtan pages, as SOURCES.md lists them:
# the same in the HTML page, the DOCX and the PDF.
SHAPES = {
    "pingtan-2013": [(17, 4)],
    "pingtan-2017": [(16, 4)],
    "pingtan-2019": [(18, 4), (26, 10), (4, 15)],
    "pingtan-2020": [(18, 4), (26, 10), (5, 15)],
    "pingtan-2021": [(14, 4), (28, 11), (4, 15)],
    "pingtan-2022": [(14, 4), (28, 10), (4, 15)],
    "pingtan-2023": [(14, 4), (28, 10), (4, 15)],
    "pingtan-2024": [(14, 4), (28, 10), (4, 15)],
    "pingtan-county-2012": [(18, 4)],
}

