"""LibreOffice for the .doc and .wps tests: the program auditor would use, and .doc files made
from .docx ones at test time (LibreOffice's Word 97 export), so no binary fixture is kept."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from auditor.model.errors import InputError

SKIPPED = "no LibreOffice"  # how a skip for a missing LibreOffice opens: the summary counts them
TIMEOUT = 300  # seconds for one batch conversion


def program() -> str:
    """LibreOffice, found as auditor finds it; without it the test is skipped with the reason,
    or fails where AUDITOR_REQUIRE_SOFFICE is set (.ci/run sets it: CI always runs these tests)."""
    from auditor.load.doc import soffice  # imports python-docx: not at collection

    try:
        return soffice("any.doc")
    except InputError as missing:
        if os.environ.get("AUDITOR_REQUIRE_SOFFICE"):
            pytest.fail(missing.reason)
        pytest.skip(f"{SKIPPED}: {missing.reason}")


def save_as(sources: list[Path], folder: Path, suffix: str = "doc") -> dict[Path, Path]:
    """Each .docx of `sources` saved as .doc (or `suffix`: rtf) into `folder`, in one LibreOffice run."""
    with tempfile.TemporaryDirectory(prefix="soffice-profile-") as profile:
        subprocess.run([program(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", suffix, "--outdir", str(folder), *map(str, sources)],
                       check=True, capture_output=True, timeout=TIMEOUT)
    made = {source: folder / f"{source.stem}.{suffix}" for source in sources}
    missing = [str(source) for source, target in made.items() if not target.is_file()]
    assert not missing, f"LibreOffice made no .{suffix} of {missing}"
    return made
