"""Read an input file into a Document, choosing the loader by the file's suffix.

Only regular files are read, and at most `LIMITS[format]` bytes of them (docs/limits.md):
whatever the input, `load` returns a Document or raises InputError with one reason.
"""

from __future__ import annotations

import importlib
import os

from auditor.model.document import Document
from auditor.model.errors import InputError, Said
from auditor.model.files import MB, not_regular, read_bounded, status, too_large  # noqa: F401 - MB, too_large: for the loaders

# suffix -> (format, module providing `load_bytes(path, data, fmt) -> Document`).
# Modules are imported only when used, so a loader with heavy or optional dependencies
# (HTML, DOCX, PDF) costs nothing for other formats. The first suffix of each format is
# the one named in error messages.
FORMATS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "auditor.load.text"),
    ".text": ("text", "auditor.load.text"),
    ".md": ("markdown", "auditor.load.text"),
    ".markdown": ("markdown", "auditor.load.text"),
    ".html": ("html", "auditor.load.html"), ".htm": ("html", "auditor.load.html"),
    ".pdf": ("pdf", "auditor.load.pdf"),
    ".docx": ("docx", "auditor.load.docx"),
    # converted to .docx by LibreOffice, where it is installed
    ".doc": ("doc", "auditor.load.doc"), ".wps": ("wps", "auditor.load.doc"),
}

# ---- limits (docs/limits.md) ----------------------------------------------------------------

# The largest input file read, by format, in bytes. Real reports are well under 1 MB; the
# loaders hold a text or HTML file in memory several times over (characters with their
# positions), a PDF or DOCX page by page or part by part.
LIMITS: dict[str, int] = {"text": 50 * MB, "markdown": 50 * MB, "html": 50 * MB, "pdf": 200 * MB, "docx": 200 * MB,
                          "doc": 200 * MB, "wps": 200 * MB}
# The most cells one table may have once its merged cells are expanded (HTML and DOCX).
MAX_TABLE_CELLS = 100_000


def load(path: str | os.PathLike) -> Document:
    """Load the report at `path`; raise InputError when it cannot be read as one."""
    name = os.fsdecode(os.fspath(path))
    fmt, module = _format(name)
    return _read(name, read_bounded(name, LIMITS[fmt]), fmt, module)


def read(path: str | os.PathLike) -> bytes:
    """The bytes of the report at `path` as `load` reads them (`load_data` loads them the same);
    InputError when it cannot be a report."""
    name = os.fsdecode(os.fspath(path))
    return read_bounded(name, LIMITS[_format(name)[0]])


def load_data(name: str, data: bytes, default: str = ".txt") -> Document:
    """Load a report given as bytes (standard input), read by the loader its name's suffix
    chooses, or `default`'s when the name has none; raise InputError as `load` does."""
    fmt, module = _format_of(name if os.path.splitext(name)[1] else name + default)
    if len(data) > LIMITS[fmt]:
        raise InputError(name, too_large(len(data), LIMITS[fmt], "stdin"))
    return _read(name, data, fmt, module)


def _read(name: str, data: bytes, fmt: str, module: str) -> Document:
    try:
        return importlib.import_module(module).load_bytes(name, data, fmt)
    except RecursionError:
        raise InputError(name, Said("input.nested")) from None
    except MemoryError:
        raise InputError(name, Said("input.memory")) from None


def _format(name: str) -> tuple[str, str]:
    # Checked on the status alone: opening a FIFO blocks until a writer comes, opening a
    # device may act on it.
    reason = not_regular(status(name).st_mode)
    if reason:
        raise InputError(name, reason)
    return _format_of(name)


def _format_of(name: str) -> tuple[str, str]:
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in FORMATS:
        primary = dict.fromkeys(fmt for fmt, _ in FORMATS.values())
        names = ", ".join(next(s for s, (f, _) in FORMATS.items() if f == fmt) for fmt in primary)
        reason = Said("input.unsupported", suffix=suffix, names=names) if suffix else Said("input.no_suffix", names=names)
        raise InputError(name, reason)
    return FORMATS[suffix]


