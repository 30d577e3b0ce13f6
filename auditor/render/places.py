"""Helpers the CI formats share: where a place stands, and how to name it briefly."""

from __future__ import annotations

import os
from pathlib import PurePath

from auditor.model.extraction import Extraction
from auditor.model.findings import Place
from auditor.model.report import Report
from auditor.model.words import word

_COUNTED = {"blank_zero": "assumption.count_blank_zero", "derived": "assumption.count_derived"}


def assumed_header(extraction: Extraction, lang: str) -> str:
    """"假设：空白单元格按0读取 12 个" for the report header, or "" when the report states every figure."""
    counts = [word(_COUNTED[key], lang, count=n) for key, n in extraction.assumptions.items() if n]
    return word("assumption.header", lang, items=("；" if lang == "zh" else "; ").join(counts)) if counts else ""


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
