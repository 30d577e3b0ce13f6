"""Helpers the CI formats share: where a place stands, and how to name it briefly."""

from __future__ import annotations

import os
from pathlib import PurePath

from auditor.model.extraction import Extraction
from auditor.model.findings import Finding, Place
from auditor.model.report import Report
from auditor.model.words import word

_COUNTED = {"blank_zero": "assumption.count_blank_zero", "derived": "assumption.count_derived"}


def assumed_header(extraction: Extraction, lang: str) -> str:
    """"假设：空白单元格按0读取 12 个" for the report header, or "" when the report states every figure."""
    counts = [word(_COUNTED[key], lang, count=n) for key, n in extraction.assumptions.items() if n]
    return word("assumption.header", lang, items=("；" if lang == "zh" else "; ").join(counts)) if counts else ""


LABEL_MAX = 30  # characters of a row label or heading shown; the rest is "…"
IN_TEXT_MAX = 32  # characters of a heading and its quote together: a place fits a line of 80 columns


def describe_place(place: Place, lang: str) -> str:
    """Where the compiler finds a figure in the document, the same in every format: the page (PDF),
    then for a cell its table by the form's number, its row label and column heading (第4页
    表三“（七）总计”行“自然人”列「5」); for a figure in the text the heading it stands under and
    a short quote, the figure inside it, that Word's Ctrl+F finds (“二、主动公开”下“主动公开信息135条。”)."""
    parts = [word("place.page", lang, page=place.location.page)] if place.location.page is not None else []
    if place.role == "table":
        parts.append(_cell(place, lang))
    else:
        parts.append(_in_text(place, lang))
    return " ".join(p for p in parts if p)


def places_said(finding: Finding, report: Report, lang: str) -> str:
    """Every place of a finding in one line, as describe_place says each ("" when it has none):
    for the formats whose message is one text (GitHub annotations, GitLab)."""
    said = [(f"{place.path} " if place_file(place, report) != report.path else "") + describe_place(place, lang)
            for place in finding.places]
    return word("place.list", lang, places=word("punct.semicolon", lang).join(said)) if said else ""


def _cell(place: Place, lang: str) -> str:
    said = []
    if place.table is not None:
        said.append(word("place.table_number", lang, number=place.table) if place.table
                    else word("place.statistics_table", lang))
    row = _short(place.label or place.context)
    if row:
        said.append(word("place.row", lang, label=row))
    if place.column:
        said.append(word("place.column", lang, label=place.column))
    figure = word("place.figure", lang, text=place.text) if place.text else ""
    return ("" if lang == "zh" else ", ").join(said) + figure if said else word("place.table", lang) + figure


def _in_text(place: Place, lang: str) -> str:
    quote = word("place.quote", lang, text=place.quote or place.text)
    if place.section:
        room = max(IN_TEXT_MAX - len(place.quote or place.text), LABEL_MAX // 3)
        return word("place.under", lang, heading=_short(place.section, min(room, LABEL_MAX)), quote=quote)
    return word("place.in_text", lang, quote=quote)


def _short(text: str, most: int = LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "…"


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
