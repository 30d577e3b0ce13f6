"""The last step of either engine: the document of its pages as read."""

from __future__ import annotations

from auditor.load.pdf.blocks import build_blocks
from auditor.load.pdf.joins import join_continued_tables
from auditor.load.pdf.pages import Page
from auditor.model.document import Document
from auditor.model.errors import InputError

NO_TEXT = "the PDF has no text layer (a scan?); OCR is not supported"
ENCRYPTED = "the PDF is encrypted: remove the password and try again"


def finish(path: str, document: Document, pages: list[Page]) -> Document:
    """The document of its pages as read: refused without text; its tables joined, its blocks built."""
    if not document.lines:
        raise InputError(path, NO_TEXT)
    join_continued_tables(pages)
    document.blocks = build_blocks(pages)
    return document
