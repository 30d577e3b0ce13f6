"""The check library kept between runs: built once from its TOML files, then read back.

A library depends only on its rule files and on the code that reads them, so it is stored in the
user's cache folder under a key made of both: the tool's version, Python's and Pydantic's, the
source of auditor/library and auditor/model, and the path and content of every rule file (the
built-in ones and those of each --rules folder). Any change to one of them is another key, so a
stale library is never read. The cache only saves time: a file that cannot be read back is
rebuilt, a folder that cannot be written means no cache, and deleting the folder is always safe.
AUDITOR_CACHE_DIR names another folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from auditor.model.errors import AuditorError
from auditor.model.files import read_regular
from auditor.version import __version__

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent.parent
CODE_FOLDERS = (PACKAGE / "library", PACKAGE / "model")  # what turns rule files into a library
PREFIX = "library-"
KEEP = 8  # libraries kept (one per set of rule folders in use); those written before them are removed


def user_cache_dir() -> Path:
    """The user's cache folder for auditor: platformdirs' when it is installed, else XDG's
    (LOCALAPPDATA on Windows, Library/Caches on macOS); AUDITOR_CACHE_DIR overrides both."""
    if os.environ.get("AUDITOR_CACHE_DIR"):
        return Path(os.environ["AUDITOR_CACHE_DIR"])
    try:
        import platformdirs
    except ImportError:
        pass
    else:
        return Path(platformdirs.user_cache_dir("auditor", appauthor=False))
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "auditor"


def cache_key(rule_files: Iterable[Path]) -> str:
    """A digest of everything a library is built from (see the module docstring)."""
    import pydantic

    digest = hashlib.sha256()
    for part in (__version__, sys.version, pydantic.VERSION):
        digest.update(part.encode() + b"\0")
    code = sorted(p for folder in CODE_FOLDERS for p in folder.iterdir() if p.suffix in (".py", ".toml"))
    for path in code:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for path in rule_files:  # never opened unless regular (a FIFO named *.toml would block)
        digest.update(str(path).encode() + b"\0" + read_regular(str(path)) + b"\0")
    return digest.hexdigest()[:32]


def cached(rule_files: list[Path], build: Callable[[], T]) -> T:
    """The library built from `rule_files`, read from the cache, or built by `build` and stored."""
    try:
        key = cache_key(rule_files)
    except (OSError, AuditorError):  # a rule file vanished or is no file: building says so properly
        return build()
    return cached_as(key, build)


def cached_as(key: str, build: Callable[[], T]) -> T:
    """The library stored under `key` (see cache_key), or built by `build` and stored."""
    path = user_cache_dir() / f"{PREFIX}{key}.pickle"
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - missing, truncated or written by other code: build it again
        library = build()
    try:
        data = pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return library
    if store(path, data):
        _prune(path.parent)
    return library


def store(path: Path, data: bytes) -> bool:
    """Write `data` to `path` whole or not at all (another process may be reading it); False,
    not an error, when the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        return False
    return True


def _prune(folder: Path) -> None:
    """Keep the KEEP libraries written last (a rule edit leaves its old library behind)."""
    try:
        stored = sorted(folder.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stored[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
