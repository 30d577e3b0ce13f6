"""Spreadsheets for reviewers: --format xlsx and --format csv.

xlsx has two sheets: 汇总 (Summary), one row per input file — every file not audited first, with
why, then each report with its body, year, template and counts — and 问题 (Findings), one row per
shown finding, its places said in words as in the other formats. A CSV file holds one table: the
two sheets joined, one row per finding with its report's columns repeated, and one row with the
finding columns empty for a report without findings and for a file not audited, so that every
input is named. The CSV is UTF-8 with a byte order mark, without which Excel misreads Chinese.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from auditor.model.findings import Finding
from auditor.model.report import Report, Unaudited
from auditor.model.words import word
from auditor.render.places import describe_place, place_file

SUMMARY = ("report.file", "report.body", "report.year", "report.template", "severity.error", "severity.warning",
           "severity.info", "report.not_assessable", "sheet.not_audited")
FINDINGS = ("report.file", "sheet.rule_id", "sheet.rule_name", "column.severity", "column.message",
            "report.expected", "report.actual", "column.where", "sheet.note")
MAX_WIDTH = 60  # characters (a Chinese character counts two): longer texts wrap
_SURROGATE = re.compile("[\ud800-\udfff]")  # from undecodable file names: not storable in a workbook
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what Excel runs as a formula at the start of a CSV cell

Row = list[Any]


def summary_rows(reports: Sequence[Report], lang: str, unaudited: Sequence[Unaudited] = ()) -> list[Row]:
    """The 汇总 sheet's rows: the files not audited first, as in the Markdown report."""
    return [unaudited_row(u, lang) for u in unaudited] + [summary_row(r, lang) for r in reports]


def unaudited_row(file: Unaudited, lang: str) -> Row:
    why = word(f"unaudited.kinds.{file.kind}", lang) + word("punct.colon", lang) + file.reason
    return [file.path, *[None] * (len(SUMMARY) - 2), why]


def summary_row(report: Report, lang: str) -> Row:
    ex, count = report.extraction, [f.severity for f in report.findings].count
    template = ex.template_title.get(lang) if ex.template_title else word("report.none", lang)
    return [report.path, ex.body or None, ex.year, template, count("error"), count("warning"), count("info"),
            report.stats()["not_assessable"], None]


def finding_row(finding: Finding, report: Report, lang: str) -> Row:
    """A row of the 问题 sheet; each place on a line of its own, another report's with its file."""
    places = [(f"{place_file(p, report)} " if place_file(p, report) != report.path else "") + describe_place(p, lang)
              for p in finding.places]
    note = word("report.extraction", lang) if finding.doubt == "extraction" else None
    return [report.path, finding.rule.id, finding.rule.name, word(f"severity.{finding.severity}", lang),
            finding.message(lang), finding.expected or None, finding.actual or None, "\n".join(places) or None, note]


def header(keys: Sequence[str], lang: str) -> list[str]:
    return [word(key, lang) for key in keys]


def render_csv(reports: list[Report], library: object = None, lang: str = "zh",
               unaudited: Sequence[Unaudited] = ()) -> str:
    blank = [None] * (len(FINDINGS) - 1)
    rows = [[*header(SUMMARY, lang), *header(FINDINGS[1:], lang)]]
    rows += [[*unaudited_row(u, lang), *blank] for u in unaudited]
    for report in reports:
        summary = summary_row(report, lang)
        rows += [[*summary, *finding_row(f, report, lang)[1:]] for f in report.findings] or [[*summary, *blank]]
    out = io.StringIO()
    csv.writer(out).writerows([[_inert(value) for value in row] for row in rows])
    return "\ufeff" + out.getvalue()


def _inert(value: Any) -> Any:
    """A text Excel would run as a formula, quoted so that it shows as text (report text is not trusted)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA) else value


def render_xlsx(reports: list[Report], library: object = None, lang: str = "zh",
                unaudited: Sequence[Unaudited] = ()) -> bytes:
    import xlsxwriter

    findings = [finding_row(f, r, lang) for r in reports for f in r.findings]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True, "valign": "top", "bottom": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for name, keys, rows in (("sheet.summary", SUMMARY, summary_rows(reports, lang, unaudited)),
                             ("sheet.findings", FINDINGS, findings)):
        sheet = book.add_worksheet(word(name, lang))
        heads = header(keys, lang)
        sheet.write_row(0, 0, heads, bold)
        for number, row in enumerate(rows, 1):
            sheet.write_row(number, 0, [_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for v in row], wrap)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(rows), len(heads) - 1)
        for column, cells in enumerate(zip(heads, *rows)):
            sheet.set_column(column, column, min(MAX_WIDTH, max(map(_width, cells)) + 2))
    book.close()
    return out.getvalue()


def _width(value: Any) -> int:
    """How wide a cell's longest line shows, in characters (a wide character counts two)."""
    lines = str("" if value is None else value).split("\n")
    return max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in lines)
