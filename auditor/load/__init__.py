"""Read an input file into a Document, choosing the loader by the file's suffix.

Only regular files are read, and at most `LIMITS[format]` bytes of them (docs/limits.md):
whatever the input, `load` returns a Document or raises InputError with one reason.
"""

from __future__ import annotations

import importlib
import os
import stat

from auditor.model.document import Document
from auditor.model.errors import InputError

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

# ---- limits (docs/limits.md) ----------------------------------------------------------------

MB = 1_000_000
# The largest input file read, by format, in bytes. Real reports are well under 1 MB; the
# loaders hold a text or HTML file in memory several times over (characters with their
# positions), a PDF or DOCX page by page or part by part.
LIMITS: dict[str, int] = {"text": 50 * MB, "markdown": 50 * MB, "html": 50 * MB, "pdf": 200 * MB, "docx": 200 * MB}
# The most cells one table may have once its merged cells are expanded (HTML and DOCX).
MAX_TABLE_CELLS = 100_000

_KINDS = [(stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket")]


def load(path: str | os.PathLike) -> Document:
    """Load the report at `path`; raise InputError when it cannot be read as one."""
    name = os.fsdecode(os.fspath(path))
    fmt, module = _format(name)
    data = _read(name, LIMITS[fmt])
    try:
        return importlib.import_module(module).load_bytes(name, data, fmt)
    except RecursionError:
        raise InputError(name, "the file is nested too deeply to read") from None
    except MemoryError:
        raise InputError(name, "not enough memory to read the file") from None


def too_large(size: int, limit: int, what: str = "the file") -> str:
    """The reason given for `what` of `size` bytes over the `limit`."""
    shown = f"{size / MB:.1f} MB" if size < 10 * MB else f"{size // MB} MB"
    return f"{what} is too large ({shown}; the limit is {limit // MB} MB)"


def _stat(name: str) -> os.stat_result:
    """The file's status, following links; InputError when there is no file to read."""
    try:
        return os.stat(name)
    except ValueError:  # a NUL character in the name
        raise InputError(name, "not a valid file name") from None
    except (FileNotFoundError, NotADirectoryError):
        try:
            broken = stat.S_ISLNK(os.lstat(name).st_mode)
        except (OSError, ValueError):
            broken = False
        raise InputError(name, "no such file (broken link)" if broken else "no such file") from None
    except OSError as e:
        raise InputError(name, _os_reason(e)) from None


def _not_regular(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISREG(mode):
        return None
    kind = next((kind for test, kind in _KINDS if test(mode)), "a special file")
    return f"is not a regular file ({kind})"


def _format(name: str) -> tuple[str, str]:
    # Checked on the status alone: opening a FIFO blocks until a writer comes, opening a
    # device may act on it.
    reason = _not_regular(_stat(name).st_mode)
    if reason:
        raise InputError(name, reason)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in REFUSED:
        raise InputError(name, REFUSED[suffix])
    if suffix not in FORMATS:
        primary = dict.fromkeys(fmt for fmt, _ in FORMATS.values())
        names = ", ".join(next(s for s, (f, _) in FORMATS.items() if f == fmt) for fmt in primary)
        shown = f"'{suffix}'" if suffix else "(no file extension)"
        raise InputError(name, f"unsupported file type {shown} (supported: {names})")
    return FORMATS[suffix]


# Non-blocking, in case the file was replaced by a FIFO since it was checked; no effect on a
# regular file.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _read(name: str, limit: int) -> bytes:
    """The bytes of the file, at most `limit` of them (InputError beyond)."""
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except (FileNotFoundError, NotADirectoryError):  # removed since the check above
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as e:
        raise InputError(name, _os_reason(e)) from None
    with open(fd, "rb", closefd=True) as f:
        try:
            status = os.fstat(fd)
            reason = _not_regular(status.st_mode)
            if reason:  # replaced since the check above
                raise InputError(name, reason)
            if status.st_size > limit:
                raise InputError(name, too_large(status.st_size, limit))
            data = f.read(status.st_size + 1)
            if len(data) > status.st_size:  # growing, or a size the system does not know (/proc)
                parts, size = [data], len(data)
                while size <= limit:
                    part = f.read(min(1 << 20, limit + 1 - size))
                    if not part:
                        break
                    parts.append(part)
                    size += len(part)
                data = b"".join(parts)
        except OSError as e:
            raise InputError(name, _os_reason(e)) from None
    if len(data) > limit:
        raise InputError(name, too_large(len(data), limit))
    return data


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
