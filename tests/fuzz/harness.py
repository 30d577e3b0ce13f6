"""Run one audit under a watchdog, and name a breach of the contract by where it happened.

The contract: `auditor.audit(path)` returns a Report or raises AuditorError, within
TIME_LIMIT seconds. Anything else (another exception, or a hang) is a bug.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import auditor
from auditor.model.errors import AuditorError
from auditor.run import deadline

# Seconds one audit may take. Real reports take well under 2 s; generous for a loaded machine.
TIME_LIMIT = float(os.environ.get("AUDITOR_FUZZ_TIMEOUT", "10"))
# Where to keep the input of every breach (unset: nowhere; the failing test still shows it).
CRASH_DIR = os.environ.get("AUDITOR_FUZZ_CRASH_DIR")

_AUDITOR_DIR = str(Path(auditor.__file__).resolve().parent)
_WORK = Path(tempfile.mkdtemp(prefix="auditor-fuzz-"))


class Hang(BaseException):
    """Raised in the audit by the watchdog. A BaseException, so that no `except Exception` in
    the code under test can turn it into an AuditorError or swallow it."""


class ContractBreach(AssertionError):
    """An audit that neither returned nor raised AuditorError in time."""

    def __init__(self, message: str, signature: Signature, path: Path):
        super().__init__(message)
        self.signature, self.path = signature, path


@dataclass(frozen=True)
class Signature:
    """What makes two crashes the same bug: the exception type and the raising frame in auditor/."""

    kind: str  # the exception type's name, or "Hang"
    where: str  # auditor/...py:LINE in FUNCTION (the innermost frame in auditor/)

    def slug(self) -> str:
        digest = hashlib.sha1(f"{self.kind} {self.where}".encode()).hexdigest()[:8]
        place = self.where.split(" in ")[0].replace("auditor/", "").replace("/", ".").replace(":", "-")
        return f"{self.kind}-{place}-{digest}"

    def __str__(self) -> str:
        return f"{self.kind} at {self.where}"


def signature_of(error: BaseException) -> Signature:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if str(Path(f.filename).resolve()).startswith(_AUDITOR_DIR)]
    frame = ours[-1] if ours else (frames[-1] if frames else None)
    kind = "Hang" if isinstance(error, Hang) else type(error).__name__
    if frame is None:
        return Signature(kind, "?")
    name = str(Path(frame.filename).resolve())
    shown = "auditor" + name[len(_AUDITOR_DIR):] if name.startswith(_AUDITOR_DIR) else frame.filename
    return Signature(kind, f"{shown}:{frame.lineno} in {frame.name}")


def watchdog(seconds: float) -> contextlib.AbstractContextManager[None]:
    """Raise Hang in the block after `seconds` (SIGALRM: main thread on POSIX). Elsewhere the
    block runs unbounded and only its duration is checked afterwards."""
    return deadline(seconds, lambda: Hang(f"still running after {seconds:g} s"))


def write_input(data: bytes, suffix: str) -> Path:
    """The sample as a file the auditor can open, named by its content."""
    path = _WORK / f"sample-{hashlib.sha1(data).hexdigest()[:12]}{suffix}"
    path.write_bytes(data)
    return path


def run_audit(path: Path, seconds: float = TIME_LIMIT) -> auditor.api.Report | AuditorError:
    """Audit `path` and render its findings as the CLI would (JSON, both languages); return the
    Report, or the AuditorError it raised. Raise ContractBreach on anything else."""
    from auditor.render.json import report_data_one

    start = time.monotonic()
    try:
        with watchdog(seconds):
            report = auditor.audit(path)
            for lang in ("zh", "en"):
                report_data_one(report, lang)
    except AuditorError as error:
        outcome: auditor.api.Report | AuditorError = error
    except (Exception, Hang) as error:  # noqa: BLE001 - every other exception breaks the contract
        signature = signature_of(error)
        kept = _keep(path, signature, error)
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        message = (f"audit({path.name}) broke the contract: {signature}\n  {detail}"
                   + (f"\n  input kept at {kept}" if kept else ""))
        raise ContractBreach(message, signature, kept or path) from error
    else:
        outcome = report
    elapsed = time.monotonic() - start
    if elapsed > seconds:  # a watchdog that could not interrupt (C code, or not the main thread)
        signature = Signature("Hang", f"(finished after {elapsed:.1f} s)")
        raise ContractBreach(f"audit({path.name}) took {elapsed:.1f} s (limit {seconds:g} s)", signature,
                             _keep(path, signature, None) or path)
    return outcome


def check_contract(data: bytes, suffix: str, seconds: float = TIME_LIMIT) -> None:
    """The property every fuzz test asserts: the bytes, as a file with `suffix`, audit or raise
    AuditorError, in time."""
    path = write_input(data, suffix)
    run_audit(path, seconds)
    with contextlib.suppress(OSError):  # a breach keeps its file, named in the message
        path.unlink()


def _keep(path: Path, signature: Signature, error: BaseException | None) -> Path | None:
    """Keep the input under CRASH_DIR/<signature>/: the smallest one seen for each signature
    (so that after Hypothesis has shrunk a failure, the minimal example is what stays)."""
    if not CRASH_DIR:
        return None
    folder = Path(CRASH_DIR) / signature.slug()
    folder.mkdir(parents=True, exist_ok=True)
    data = path.read_bytes()
    kept = folder / ("input" + path.suffix)
    if kept.exists() and kept.stat().st_size <= len(data):
        return kept
    for old in folder.glob("input.*"):
        old.unlink()
    kept.write_bytes(data)
    lines = [f"{signature}\n"]
    if error is not None:
        lines += traceback.format_exception(type(error), error, error.__traceback__)
    (folder / "traceback.txt").write_text("".join(lines), encoding="utf-8")
    return kept
