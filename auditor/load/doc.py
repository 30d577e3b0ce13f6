"""Read an old binary Word (.doc) or WPS (.wps) file: LibreOffice converts it to .docx, which the
DOCX loader reads, so its places are those of a .docx; the Document keeps the original path.

The conversion runs in a private temporary folder (the input is copied there: nothing is written
next to it), with a profile of its own (concurrent workers would otherwise fight over the lock of
the user's profile, or hand the file to a LibreOffice the user has open), and a time limit.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from auditor.load import LIMITS, docx
from auditor.load.encoding import EMPTY
from auditor.model.document import Document
from auditor.model.errors import InputError, Said
from auditor.model.files import os_reason, too_large

SECONDS = 120  # the longest a conversion may take (docs/limits.md); a real report takes 2 s
ENVIRONMENT = "AUDITOR_SOFFICE"  # the LibreOffice program to use, where it is not on PATH

# Where the installers put LibreOffice when they do not put it on PATH (Windows, macOS).
_INSTALLED = [Path(base, "LibreOffice", "program", "soffice.exe")
              for base in map(os.environ.get, ("ProgramFiles", "ProgramFiles(x86)")) if base] + [
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]

# LibreOffice's import filter for each kind of file saved under a .doc or .wps name: a Word 97-2003
# (or WPS) binary, or rich text. Named, so that a damaged file fails instead of being read as text.
_FILTERS = {docx.OLE_MAGIC: "MS Word 97", b"{\\rtf": "Rich Text Format"}
_ZIP = b"PK\x03\x04"  # a .docx under a .doc name: read as what it is


def load_bytes(path: str, data: bytes, fmt: str) -> Document:
    """The Document of a .doc or .wps file's bytes (format "doc" or "wps"; used by `auditor.load`)."""
    if not data:
        raise InputError(path, EMPTY)
    if data.startswith(_ZIP):
        return dataclasses.replace(docx.load_bytes(path, data, "docx"), format=fmt)
    kind = next((name for magic, name in _FILTERS.items() if data.startswith(magic)), None)
    if kind is None:
        raise InputError(path, Said("input.doc_not_word", fmt=fmt))
    return dataclasses.replace(docx.load_bytes(path, convert(path, data, kind), "docx"), format=fmt)


def convert(path: str, data: bytes, kind: str) -> bytes:
    """The bytes of the .docx LibreOffice makes of `data`, the contents of the file at `path`,
    read with the import filter `kind`."""
    program = soffice(path)
    with tempfile.TemporaryDirectory(prefix="auditor-soffice-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        source = work / "report.doc"  # a plain name: the user's may not survive a command line
        source.write_bytes(data)
        _run(path, [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                    "--nologo", "--nolockcheck", f"--infilter={kind}", "--convert-to", "docx",
                    "--outdir", str(work / "out"), str(source)])
        made = work / "out" / "report.docx"
        if not made.is_file():  # LibreOffice exits 0 when it cannot load the file
            raise InputError(path, Said("input.soffice_unreadable"))
        size = made.stat().st_size
        if size > LIMITS["docx"]:
            raise InputError(path, too_large(size, LIMITS["docx"], "converted"))
        return made.read_bytes()


def soffice(path: str) -> str:
    """The LibreOffice program: AUDITOR_SOFFICE, else soffice or libreoffice on PATH, else where
    the installer puts it; InputError saying what to install when there is none."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        found = shutil.which(chosen)
        if not found:
            raise InputError(path, Said("input.soffice_variable", variable=ENVIRONMENT, value=chosen))
        return found
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    if installed := next((str(p) for p in _INSTALLED if p.is_file()), None):
        return installed
    suffix = os.path.splitext(path)[1].lower()
    raise InputError(path, Said("input.soffice_missing", suffix=suffix))


def _run(path: str, command: list[str]) -> None:
    """Run the conversion, killing LibreOffice and its children when it overruns or is interrupted."""
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=posix)
    except OSError as e:
        raise InputError(path, Said("input.soffice_start", reason=os_reason(e))) from None
    try:
        process.wait(timeout=SECONDS)
    except subprocess.TimeoutExpired:
        raise InputError(path, Said("input.soffice_timeout", seconds=SECONDS)) from None
    finally:
        if process.returncode is None:  # overran, or the audit's own time budget ran out
            _kill(process, posix)


def _kill(process: subprocess.Popen, posix: bool) -> None:
    try:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin in its session
        else:
            process.kill()
    except OSError:  # already gone
        pass
    process.wait()
