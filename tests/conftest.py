"""Fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import browser
import libreoffice
import pytest
from corpus import REAL


@pytest.fixture(scope="session")
def real() -> Path:
    """The real corpus, fixtures/corpus (its SOURCES.md says where each report comes from)."""
    return REAL


@pytest.fixture(autouse=True)
def result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`auditor check`'s result cache (auditor.resultcache) in a folder of each test's own: every
    test starts with an empty one, and none is left in the user's cache folder."""
    folder = tmp_path_factory.mktemp("results")
    monkeypatch.setattr("auditor.resultcache.default_folder", lambda: folder)
    return folder


def pytest_terminal_summary(terminalreporter) -> None:
    """Say at the end, in one line each, that browser or LibreOffice tests were skipped and why (a
    bare -q run hides skips)."""
    for opening, what in ((browser.SKIPPED, "browser"), (libreoffice.SKIPPED, "LibreOffice")):
        skipped = [r for r in terminalreporter.stats.get("skipped", []) if opening in str(r.longrepr)]
        if skipped:
            first = skipped[0].longrepr
            reason = str(first[2]) if isinstance(first, tuple) else str(first)
            reason = reason.removeprefix("Skipped: ").removeprefix(f"{opening}: ")
            terminalreporter.write_line(f"{len(skipped)} {what} tests skipped: {reason}", yellow=True, bold=True)
