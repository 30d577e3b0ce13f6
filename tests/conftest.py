"""Fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import SKIPPED
from corpus import REAL


@pytest.fixture(scope="session")
def real() -> Path:
    """The real corpus, fixtures/corpus (its SOURCES.md says where each report comes from)."""
    return REAL


def pytest_terminal_summary(terminalreporter) -> None:
    """Say at the end, in one line, that browser tests were skipped and why (a bare -q run hides skips)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if SKIPPED in str(r.longrepr)]
    if skipped:
        reason = str(skipped[0].longrepr[2]) if isinstance(skipped[0].longrepr, tuple) else str(skipped[0].longrepr)
        reason = reason.removeprefix("Skipped: ").removeprefix(f"{SKIPPED}: ")
        terminalreporter.write_line(f"{len(skipped)} browser tests skipped: {reason}", yellow=True, bold=True)
