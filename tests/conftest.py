"""Fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import REAL


@pytest.fixture(scope="session")
def real() -> Path:
    """The real corpus; the tests that need it are skipped where it is absent (CI has it)."""
    if not REAL.is_dir():
        pytest.skip(f"the real corpus is not here ({REAL}); CI has it")
    return REAL
