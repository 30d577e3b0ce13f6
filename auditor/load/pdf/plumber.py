"""A page as pdfplumber reads it, in the shape the loader reads (source.PageData): its characters and
the edges of its lines, rectangles and curves, with their paint."""

from __future__ import annotations

from typing import Any

from auditor.load.pdf.source import Char, PageData


def page_data(page: Any) -> PageData:
    chars = [Char(c["text"], c["x0"], c["top"], c["x1"], c["bottom"], bool(c.get("upright", True))) for c in page.chars]
    return PageData(page.page_number, page.height, chars, page.edges)
