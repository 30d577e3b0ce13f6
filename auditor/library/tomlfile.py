"""Read a TOML file and point at the line of a key, for error messages people can act on."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from auditor.model.errors import InputError, RuleFileError, Said
from auditor.model.files import read_regular

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"']+)\s*=")
_DECODE_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse `path`; a syntax error becomes a RuleFileError naming the file and line."""
    try:
        source = read_regular(str(path)).decode("utf-8")
    except InputError as exc:  # missing, a folder, a FIFO (never opened), too large
        raise RuleFileError(str(path), None, None, exc.reason) from None
    except UnicodeDecodeError as exc:
        raise RuleFileError(str(path), None, None, Said("input.not_utf8", detail=exc.reason, byte=exc.start)) from None
    try:
        return tomllib.loads(source), source
    except tomllib.TOMLDecodeError as exc:
        match = _DECODE_POSITION.search(str(exc))
        line = int(match.group(1)) if match else None
        reason = _DECODE_POSITION.sub("", str(exc)).strip()
        raise RuleFileError(str(path), line, None, Said("input.invalid_toml", detail=reason)) from None


def line_of(source: str, loc: tuple[str | int, ...]) -> int | None:
    """The 1-based line where the key at `loc` (as pydantic reports it) is written.

    Finds the table the key is in ([a], [a.b], or the index-th [[a]]), then its `key =` line;
    a key missing from its table points at the table's header."""
    lines = source.splitlines()
    position = next((i for i, part in enumerate(loc) if isinstance(part, int)), None)
    if position is not None:  # ('rule', 2, 'severity'): the third [[rule]]
        path = [str(p) for p in loc[:position]]
        start, end = _table_span(lines, path, int(loc[position]))
        rest = [str(p) for p in loc[position + 1:]]
        return None if start is None else _key_line(lines, start, end, rest, header=True)
    keys = [str(p) for p in loc]
    for size in range(len(keys), 0, -1):  # the longest [a.b] header that names a prefix of the key
        start, end = _table_span(lines, keys[:size], 0)
        if start is not None:
            return _key_line(lines, start, end, keys[size:], header=True)
    start, end = _table_span(lines, [], 0)
    return _key_line(lines, start or 0, end, keys, header=False)


def _key_line(lines: list[str], start: int, end: int, rest: list[str], header: bool) -> int | None:
    if rest:
        for number in range(start + (1 if header else 0), end):
            key = _KEY.match(lines[number])
            if key and key.group(1).strip("\"'") == rest[0]:
                return number + 1
    return start + 1 if header else None


def _table_span(lines: list[str], path: list[str], index: int) -> tuple[int | None, int]:
    """Line range [start, end) of the index-th table named `path` (the top level when empty)."""
    if not path:
        first_header = next((n for n, text in enumerate(lines) if _HEADER.match(text)), len(lines))
        return 0, first_header
    name, seen, start = ".".join(path), -1, None
    for number, text in enumerate(lines):
        header = _HEADER.match(text)
        if not header:
            continue
        if start is not None and not header.group(2).startswith(name + "."):
            return start, number
        if header.group(2) == name:
            seen += 1
            if seen == index:
                start = number
    return (start, len(lines)) if start is not None else (None, 0)
