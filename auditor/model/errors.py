"""Errors the user can act on. The CLI prints them as one line and exits with code 2."""

from __future__ import annotations


class AuditorError(Exception):
    """An error the user can act on: printed as one line, exit code 2."""


class InputError(AuditorError):
    """The input file cannot be read as a report (missing, binary, empty, unsupported...)."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class RuleFileError(AuditorError):
    """A check-library file (rules or template) that is not valid: names file, line and key."""

    def __init__(self, path: str, line: int | None, key: str | None, reason: str):
        self.path, self.line, self.key, self.reason = path, line, key, reason
        where = f"{path}:{line}" if line else path
        subject = f"{key}: " if key else ""
        super().__init__(f"{where}: {subject}{reason}")
