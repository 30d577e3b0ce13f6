"""Read an input file into a Document, choosing the loader by the file's suffix."""

from __future__ import annotations

import importlib
import os

from auditor.document import Document
from auditor.errors import InputError

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
}

# Suffixes we recognise but cannot read, with what to do instead.
REFUSED: dict[str, str] = {
    ".doc": "old binary Word (.doc) is not supported: save it as .docx",
    ".wps": "WPS (.wps) files are not supported: save as .docx in WPS",
}


def load(path: str | os.PathLike) -> Document:
    """Load the report at `path`; raise InputError when it cannot be read as one."""
    name = os.fspath(path)
    fmt, module = _format(name)
    data = _read(name)
    return importlib.import_module(module).load_bytes(name, data, fmt)


def _format(name: str) -> tuple[str, str]:
    if not os.path.exists(name):
        raise InputError(name, "no such file")
    if os.path.isdir(name):
        raise InputError(name, "is a directory")
    suffix = os.path.splitext(name)[1].lower()
    if suffix in REFUSED:
        raise InputError(name, REFUSED[suffix])
    if suffix not in FORMATS:
        primary = dict.fromkeys(fmt for fmt, _ in FORMATS.values())
        names = ", ".join(next(s for s, (f, _) in FORMATS.items() if f == fmt) for fmt in primary)
        shown = f"'{suffix}'" if suffix else "(no file extension)"
        raise InputError(name, f"unsupported file type {shown} (supported: {names})")
    return FORMATS[suffix]


def _read(name: str) -> bytes:
    try:
        with open(name, "rb") as f:
            return f.read()
    except FileNotFoundError:  # removed since the check above
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as e:
        raise InputError(name, (e.strerror or str(e)).lower()) from None
