"""Internal errors: a bug in auditor, never the user's input.

Said in one line in the user's language, with the traceback saved to a log file under the user's
cache folder (its path in the line), or shown whole with --debug. Bad input is an AuditorError
and never comes here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from auditor.model.words import LANGS, word
from auditor.version import __version__

# The line for a file a dying worker process left unaudited ({path} filled by auditor.run).
WORKER_DIED = {lang: word("internal.worker_died", lang) for lang in LANGS}


def cache_dir() -> Path:
    """Where a user's cache lives on this system (see auditor.library.cache.user_cache_dir)."""
    from auditor.library.cache import user_cache_dir

    return user_cache_dir()


def save_traceback(text: str) -> Path | None:
    """Write `text` to a new log file; None when no folder for it can be written."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for folder in (cache_dir() / "errors", Path(tempfile.gettempdir()) / "auditor-errors"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"internal-error-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}.log"
            path.write_text(text, encoding="utf-8", errors="replace")
            return path
        except OSError:
            continue
    return None


def describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def internal_error_line(path: object | None, exc: BaseException, lang: str, log: Path | None) -> str:
    note = word("internal.log", lang, file=log) if log else word("internal.unsaved", lang)
    if path is None:
        return word("internal.error", lang, error=describe(exc), log=note)
    return word("internal.while_auditing", lang, path=path, error=describe(exc), log=note)


def record(path: object | None, exc: BaseException, lang: str) -> tuple[str, str]:
    """The one-line message for `exc` raised while auditing `path` (None: outside any one file),
    and its traceback, which is saved to a log file."""
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log = save_traceback(f"auditor {__version__}, {sys.platform}, Python {sys.version.split()[0]}\n"
                         f"while auditing: {path}\ncommand: {sys.argv}\n\n{trace}")
    return internal_error_line(path, exc, lang, log), trace
