"""The last step of either engine: the document of its pages as read."""

from __future__ import annotations

from auditor.load.pdf.blocks import build_blocks
from auditor.load.pdf.joins import join_continued_tables
from auditor.load.pdf.pages import Page
from auditor.model.document import Document
from auditor.model.errors import InputError, Said

NO_TEXT = Said("input.pdf_no_text")
ENCRYPTED = Said("input.pdf_encrypted")


def finish(path: str, document: Document, pages: list[Page]) -> Document:
    """The document of its pages as read: refused without text; its tables joined, its blocks built."""
    if not document.lines:
        raise InputError(path, NO_TEXT)
    join_continued_tables(pages)
    document.blocks = build_blocks(pages)
    return document
