"""Where the tool writes: checked before any work is done, and always valid UTF-8.

An output that cannot be written (its folder is missing, it is a folder) or that is one of the
run's inputs is refused up front, so that a long batch never fails at its last step and an
input is never overwritten. File names that are not valid UTF-8 reach Python as surrogate
escapes; they are written as U+FFFD, never as a crash or as bytes a JSON reader rejects.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from auditor.model.errors import InputError, Said
from auditor.model.files import not_regular, os_reason

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """`text` without lone surrogates (from undecodable file names): each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def check_targets(targets: Mapping[str, Path | None], inputs: Iterable[Path | str | None]) -> None:
    """Raise InputError when a target (option → path) cannot be written or is one of `inputs`."""
    given = [Path(p) for p in inputs if p is not None]
    for option, target in targets.items():
        if target is None:
            continue
        name = clean(str(target))
        if target.is_dir():
            raise InputError(name, Said("input.output_folder", option=option))
        if target.exists() and not target.is_file():  # a FIFO or a device: writing would block or act on it
            raise InputError(name, Said("input.output_not_regular", option=option, reason=not_regular(target.stat().st_mode)))
        folder = target.parent
        if not folder.is_dir():
            raise InputError(name, Said("input.output_no_folder", option=option, folder=clean(str(folder))))
        if any(_same(target, path) for path in given):
            raise InputError(name, Said("input.output_is_input", option=option))


def _same(target: Path, path: Path) -> bool:
    try:
        return os.path.samefile(target, path)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return target.resolve() == path.resolve()


def utf8_stdout() -> io.TextIOBase:
    """Standard output as UTF-8 whatever the console's code page: machine formats are UTF-8."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.flush()
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    return sys.stdout


def write_text(output: Path | None, text: str) -> None:
    """`text` to `output` (or standard output), as UTF-8; a failed write is one line, exit 2."""
    write_bytes(output, clean(text).encode("utf-8"))


def write_bytes(output: Path | None, data: bytes) -> None:
    """`data` (a file format's, as xlsx; or encoded text) to `output` or standard output."""
    if output is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise InputError(clean(str(output)), Said("input.cannot_write", reason=os_reason(exc))) from None
