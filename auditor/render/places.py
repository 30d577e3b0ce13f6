"""Helpers the CI formats share: where a place stands, and how to name it briefly."""

from __future__ import annotations

import os
from pathlib import PurePath

from auditor.model.findings import Place
from auditor.model.report import Report
from auditor.model.words import word


def describe_place(place: Place, lang: str) -> str:
    """A place in a few words: its role, its field (or the row it stands in) and the figure."""
    words = [word(f"place.{place.role}", lang)]
    if place.field:
        words.append(place.field)
    elif place.role == "table" and place.context:
        words.append(place.context)
    quoted = f"「{place.text}」" if lang == "zh" else f'"{place.text}"'
    return " ".join(words) + (quoted if lang == "zh" else " " + quoted)


def place_file(place: Place, report: Report) -> str:
    """The file a place stands in: the report's own, or another report's (a cross-year finding)."""
    return place.path or report.path


def relative_path(path: str) -> str:
    """The report's path relative to the working directory, with `/` separators (absolute when
    it is on another drive)."""
    absolute = os.path.abspath(path)
    try:
        return PurePath(os.path.relpath(absolute)).as_posix()
    except ValueError:  # Windows: another drive
        return PurePath(absolute).as_posix()
