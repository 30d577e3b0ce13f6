"""The limits on a PDF (docs/limits.md), and the budget that holds the PDF being read to them.

MAX_PAGES, MAX_DECODED and MAX_OBJECTS bound the file, MAX_RULES and MAX_CROSSINGS a page's search
for ruled tables. They are read when used: to change one, set it here (auditor.load.pdf.limits).
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

from auditor.load import MB
from auditor.model.errors import Said

MAX_PAGES = 1000  # a PDF with more pages is refused
MAX_DECODED = 256 * MB  # the PDF's streams decompress to at most this many bytes in all
MAX_OBJECTS = 100_000  # characters, shapes and images in all: real reports draw 10,000 at most, and pdfminer
# reads some 10,000 a second, so this bounds a PDF's reading to about ten seconds

MAX_RULES = 500  # past this many ruling lines of one orientation on a page ...
MAX_CROSSINGS = 2000  # ... or this many crossings of them, the page is read without ruled tables


class OverBudget(Exception):
    """The PDF being read is over its budget (see `Budget.reason`)."""


@dataclass
class Budget:
    """What the PDF being read may still decompress (bytes) and draw (characters, shapes, images).
    Both bound the memory and the time it takes: pdfplumber holds every object of a page, at
    about 20,000 a second, and a Form XObject drawn a thousand times is drawn a thousand times."""

    decoded: int
    objects: int
    reason: str | None = None

    def take(self, size: int) -> None:
        self.decoded -= size
        if self.decoded < 0:
            self.reason = Said("input.pdf_inflates", size=MAX_DECODED // MB)
            raise OverBudget()

    def draw(self, count: int = 1) -> None:
        self.objects -= count
        if self.objects < 0:
            self.reason = Said("input.pdf_objects", count=f"{MAX_OBJECTS:,}")
            raise OverBudget()


# The budget of the PDF being read in this context; None outside `load_bytes`, where the
# decoders (decoders.py) behave as pdfminer's own.
BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("auditor_pdf_budget", default=None)


def new_budget() -> Budget:
    """A full budget for one PDF, from the limits as they are set now."""
    return Budget(MAX_DECODED, MAX_OBJECTS)
