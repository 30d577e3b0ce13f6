"""Build a Document from a PDF's text layer: the running text in reading order, and the tables.

Report PDFs are exported from Word or WPS, or printed from the web page. Each page is read once,
by one of two engines, into its characters with their boxes and the edges of the lines and
rectangles it paints (a PageData). Everything else is derived from those in plain Python: words,
text lines, paragraphs, ruled tables (the cells of the visible ruling lines), borderless tables,
and tables continued across pages.

The engine is pdfplumber (pdfminer) unless the environment sets AUDITOR_PDF_ENGINE=pdfium. pdfium
(pypdfium2, source.py) makes a PDF audit about 4 times as fast, but does not yet give the same characters in
every PDF: it drops or moves some of the space glyphs Chrome prints, and boxes vertical writing
(a WPS table's 三、本年度办理结果 label one character a line) its own way, so it stays opt-in
until it does (docs/benchmarks.md, "PDF").

Every character keeps where it stands. `Document.lines` holds the text lines of every page,
numbered across the whole document (so a Location's `line` indexes it); `column` is the
character's 1-based index in that line, and `page` is set.

The parts, in the order a PDF goes through them:
    __init__.py    load_bytes: open the file, read each page, refuse what cannot be read
    finish.py      the document of its pages: refused without text, tables joined, blocks built
    limits.py      the limits and the budget of the PDF being read; decoders.py holds pdfminer to it,
                   inflate.py the streams pdfium reads
    source.py      a page as pdfium reads it: characters with boxes, edges of painted paths
    plumber.py     a page as pdfplumber reads it, in the same shape
    pages.py       one page: its words and lines (words.py), its ruled tables (rulings.py, cells.py)
                   or borderless ones (borderless.py), as grids of boxes (grids.py)
    joins.py       tables continued on the next page joined, what the break cut mended
    blocks.py      headings, paragraphs and tables in reading order
    patterns.py    what a line or cell says (a sentence's end, a numbered label, a figure)
    tolerances.py  how close is close enough, in PDF points
"""

from __future__ import annotations

import io
import logging
import os
from typing import Any

from auditor.load.encoding import EMPTY
from auditor.load.pdf import limits
from auditor.load.pdf.decoders import bound_decoders
from auditor.load.pdf.finish import ENCRYPTED, finish
from auditor.load.pdf.limits import BUDGET, Budget, OverBudget
from auditor.load.pdf.pages import Page, read_page
from auditor.load.pdf.plumber import page_data
from auditor.model.document import Document
from auditor.model.errors import InputError, Said


# pdfminer and pdfplumber log what they mend in a damaged file ("CropBox missing from /Page,
# defaulting to MediaBox") and, at DEBUG, every token they read. None of it is for our user, and
# none of it goes to the embedding application's handlers unless it configured these loggers itself.
for _name in ("pdfminer", "pdfplumber"):
    _logger = logging.getLogger(_name)
    if not _logger.handlers and _logger.level == logging.NOTSET:
        _logger.addHandler(logging.NullHandler())
        _logger.setLevel(logging.ERROR)
        _logger.propagate = False


ENGINE_VARIABLE = "AUDITOR_PDF_ENGINE"


def load_bytes(path: str, data: bytes, fmt: str) -> Document:
    """Read the PDF in `data` into a Document (format "pdf"); used by `auditor.load`."""
    if os.environ.get(ENGINE_VARIABLE, "").strip().lower() == "pdfium":
        from auditor.load.pdf.engine import load_with_pdfium

        return load_with_pdfium(path, data)
    return _load_with_pdfplumber(path, data)


def _load_with_pdfplumber(path: str, data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    if not data:
        raise InputError(path, EMPTY)
    if b"%PDF-" not in data[:1024]:  # where the PDF spec lets the header start
        raise InputError(path, Said("input.pdf_invalid", detail=Said("input.pdf_no_header")))
    bound_decoders()
    budget = limits.new_budget()
    token = BUDGET.set(budget)
    pdf = None
    try:
        # Pages past the limit are counted, never read.
        pdf = pdfplumber.open(io.BytesIO(data), pages=range(1, limits.MAX_PAGES + 2))
        return _load(path, pdf, budget)
    except (PdfminerException, PSException, MalformedPDFException, OverBudget) as e:
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
        if budget.reason:
            raise InputError(path, budget.reason) from None
        if isinstance(cause, PDFEncryptionError):
            raise InputError(path, ENCRYPTED) from None
        raise InputError(path, Said("input.pdf_invalid", detail=_reason(cause))) from None
    except (ArithmeticError, AssertionError, AttributeError, LookupError, TypeError, ValueError) as e:
        # pdfplumber reads a page's boxes and rotation unchecked (a MediaBox of two numbers, a
        # /Rotate that is a name): raised in the libraries, such an error is the file's.
        if budget.reason:
            raise InputError(path, budget.reason) from None
        if not _raised_in_library(e):
            raise
        raise InputError(path, Said("input.pdf_invalid", detail=_reason(e))) from None
    finally:
        BUDGET.reset(token)
        if pdf is not None:
            _close(pdf)


def _close(pdf: Any) -> None:
    try:
        pdf.close()  # reads the page list again: the same error if a page could not be read
    except Exception:  # noqa: BLE001 - closing a file already given up on
        stream = getattr(pdf, "stream", None)
        if stream is not None:
            stream.close()


def _raised_in_library(error: BaseException) -> bool:
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    module = tb.tb_frame.f_globals.get("__name__", "") if tb is not None else ""
    return module.split(".")[0] in ("pdfminer", "pdfplumber")


def _reason(error: object) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return text or type(error).__name__


def _load(path: str, pdf: Any, budget: Budget) -> Document:
    document = Document(path=path, format="pdf", encoding=None, title=_title(pdf))
    if not pdf.pages:
        raise InputError(path, Said("input.pdf_invalid", detail=Said("input.pdf_no_pages")))
    if len(pdf.pages) > limits.MAX_PAGES:
        raise InputError(path, Said("input.pdf_pages", pages=limits.MAX_PAGES))
    pages: list[Page] = []
    for number, page in enumerate(pdf.pages, 1):
        pages.append(read_page(page_data(page), number, document.lines))
        page.close()  # frees pdfplumber's cached objects: the page is read once
        if budget.reason:  # pdfminer may have caught the error and read on without the stream
            raise OverBudget()
    return finish(path, document, pages)


def _title(pdf: Any) -> str | None:
    """The document title from the PDF's Info dictionary, decoded as the PDF spec says (WPS writes
    UTF-16 with a little-endian BOM, which pdfplumber's metadata shows as mojibake)."""
    from pdfminer.utils import decode_text

    for info in getattr(pdf.doc, "info", []) or []:
        raw = info.get("Title")
        raw = raw.resolve() if hasattr(raw, "resolve") else raw
        if isinstance(raw, bytes):
            for bom, codec in ((b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")):
                if raw.startswith(bom):
                    return raw[2:].decode(codec, "replace").strip("\x00 ") or None
            return decode_text(raw).strip() or None
        if isinstance(raw, str):
            return raw.strip() or None
    return None
