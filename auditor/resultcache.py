"""Reports kept between runs, so that a re-run over an unchanged batch reads each report back
instead of loading, extracting and checking it again.

An entry is one file's report as `audit_file` makes it, before the cross-year rules (which run
again over the whole batch every time), stored under a key of everything that report depends on:
the file's bytes; its name as given (the report is named so) and resolved (per-path ignores); the
check library (its key: the rule files and the library's code); the source of the whole package,
the tool's version and those of Python and of the libraries that read the formats; the
configuration (every setting and the file it was read from), the template, the PDF engine, the
LibreOffice program for .doc and .wps, and last year's figures when a split is settled again
(`Prior`). Any change is another key, so a stale report is never read.

The cache only saves time: an entry that cannot be read back is computed again, a folder that
cannot be written means no cache, and deleting the folder is always safe. It is pruned to LIMIT
bytes, the entries read or written longest ago first, once per run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from auditor.library import Library
from auditor.library.cache import PACKAGE, store, user_cache_dir
from auditor.model.report import Report
from auditor.policy.config import Config
from auditor.version import __version__

PREFIX = "report-"
LIMIT = 200_000_000  # bytes kept; a compressed report is 20–60 kB
TOUCH = 86_400  # an entry read is marked as used once it is older than this (seconds): a time set is not free
# The libraries a report's reading depends on (decoding, DOCX, PDF) besides the package's own code.
DEPENDENCIES = ("pydantic", "charset-normalizer", "python-docx", "lxml", "pdfplumber", "pdfminer.six", "pypdfium2")


def default_folder() -> Path:
    """Where `auditor check` keeps reports unless told otherwise: results/ in the user's cache."""
    return user_cache_dir() / "results"


@functools.lru_cache(maxsize=1)
def code_key() -> str:
    """A digest of the code that turns a file into a report: this package's source (rule files
    included, when installed inside it), Python's version and the reading libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    for name in DEPENDENCIES:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".toml")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(name: str, data: bytes, library: Library, config: Config, template: str | None, prior: object) -> str | None:
    """The key of the report of `data` read as the file `name` (see the module docstring); None
    when the library's identity is not known."""
    if not library.key:
        return None
    settings = sorted(vars(config).items())  # every field, and the file read (per-path ignores are relative to it)
    where = os.getcwd() if config.path is None else ""  # or, read from no file, to the working folder
    try:
        parts = (code_key(), library.key, name, str(Path(name).resolve()), repr(settings), where, repr(template),
                 repr(prior), _environment(name))
    except (OSError, ValueError):
        return None
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))  # names the system could not decode
    digest.update(b"\0" + data)
    return digest.hexdigest()[:40]


def _environment(name: str) -> str:
    """What outside the file and the code changes its reading: the PDF engine, the LibreOffice
    program (its path, size and time) that converts a .doc or .wps file."""
    from auditor.load.pdf import ENGINE_VARIABLE

    said = os.environ.get(ENGINE_VARIABLE, "")
    if os.path.splitext(name)[1].lower() in (".doc", ".wps"):
        from auditor.load.doc import soffice

        try:
            program = soffice(name)
            info = os.stat(program)
            said += f"\0{program}\0{info.st_size}\0{info.st_mtime_ns}"
        except Exception:  # noqa: BLE001 - no LibreOffice: auditing says so; keep the key apart
            said += "\0no LibreOffice"
    return said


def path_of(folder: Path, entry: str) -> Path:
    return folder / f"{PREFIX}{entry}.pickle"


def cached(folder: Path, entry: str, compute: Callable[[], Report]) -> Report:
    """The report stored in `folder` under `entry`, or computed by `compute` and stored."""
    path = path_of(folder, entry)
    report = _read(path)
    if report is not None:
        return report
    report = compute()
    store(path, zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), 1))
    return report


def _read(path: Path) -> Report | None:
    try:
        with path.open("rb") as stream:
            report = pickle.loads(zlib.decompress(stream.read()))
            written = os.fstat(stream.fileno()).st_mtime
    except Exception:  # noqa: BLE001 - missing, damaged or written by other code: compute it again
        return None
    if not isinstance(report, Report):
        return None
    if time.time() - written > TOUCH:
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: kept longer by the pruning
    return report


def prune(folder: Path, limit: int = LIMIT) -> None:
    """Remove the entries used longest ago until those left hold at most `limit` bytes."""
    try:
        entries = [(e.stat().st_mtime, e.stat().st_size, e.path) for e in os.scandir(folder)
                   if e.name.startswith(PREFIX) and e.name.endswith(".pickle")]
        kept = 0
        for _, size, path in sorted(entries, reverse=True):
            kept += size
            if kept > limit:
                os.unlink(path)
    except OSError:
        pass
