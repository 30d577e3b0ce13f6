"""The pdfium engine (AUDITOR_PDF_ENGINE=pdfium): the file is opened with pypdfium2, its streams are
held to the budget before (inflate.py), and each page is read by source.py."""

from __future__ import annotations

from typing import Any

from auditor.load.encoding import EMPTY
from auditor.load.pdf import limits, source
from auditor.load.pdf.finish import ENCRYPTED, finish
from auditor.load.pdf.inflate import check_inflated_size
from auditor.load.pdf.limits import Budget, OverBudget
from auditor.load.pdf.pages import Page, read_page
from auditor.model.document import Document
from auditor.model.errors import InputError, Said


def load_with_pdfium(path: str, data: bytes) -> Document:
    """Read the PDF in `data` with pdfium into a Document (format "pdf")."""
    import pypdfium2 as pdfium

    if not data:
        raise InputError(path, EMPTY)
    if b"%PDF-" not in data[:1024]:  # where the PDF spec lets the header start
        raise InputError(path, Said("input.pdf_invalid", detail=Said("input.pdf_no_header")))
    budget = limits.new_budget()
    try:
        check_inflated_size(data, budget)
        document = pdfium.PdfDocument(data)
    except OverBudget:
        raise InputError(path, budget.reason or Said("input.pdf_limits")) from None
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) in (4, 5):  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
            raise InputError(path, ENCRYPTED) from None
        raise InputError(path, Said("input.pdf_invalid", detail=_reason(e))) from None
    try:
        return _load(path, data, document, budget)
    except OverBudget:
        raise InputError(path, budget.reason or Said("input.pdf_limits")) from None
    except pdfium.PdfiumError as e:
        raise InputError(path, Said("input.pdf_invalid", detail=_reason(e))) from None
    finally:
        document.close()


def _reason(error: Exception) -> str:
    """pdfium's reason: "Failed to load document (PDFium: Data format error)." says "Data format error"."""
    text = str(error).strip()
    if "PDFium: " in text:
        text = text.split("PDFium: ", 1)[1].rstrip(".)")
    return text.splitlines()[0] if text else type(error).__name__


def _load(path: str, data: bytes, pdf: Any, budget: Budget) -> Document:
    document = Document(path=path, format="pdf", encoding=None, title=source.title(pdf))
    count = len(pdf)
    if not count:
        raise InputError(path, Said("input.pdf_invalid", detail=Said("input.pdf_no_pages")))
    if count > limits.MAX_PAGES:
        raise InputError(path, Said("input.pdf_pages", pages=limits.MAX_PAGES))
    pages: list[Page] = []
    descents = source.stated_descents(data)
    for index in range(count):
        page = source.read_page(pdf, index, budget, descents)
        pages.append(read_page(page, index + 1, document.lines))
    return finish(path, document, pages)
