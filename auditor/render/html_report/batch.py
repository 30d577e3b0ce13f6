"""The batch summary that opens a page of several reports: one row per report, worst first, each
linking to the report's section."""

from __future__ import annotations

from html import escape

from auditor.model.report import Report
from auditor.render.console import WORDS
from auditor.render.html_report.header import (
    counts_by_severity,
    document_title,
    template_name,
)
from auditor.render.html_report.style import SEVERITIES
from auditor.render.html_report.words import HEAD


def batch_summary(reports: list[Report], lang: str) -> str:
    """The summary section: reports with the most errors first, then warnings, infos, checks
    that could not be assessed, and path."""
    out = ['<section id="summary">', f"<h2>{escape(HEAD[lang]['batch'])}</h2>", '<table class="summary">',
           _column_heads(lang)]
    out += [_row(number, report, lang) for number, report in _worst_first(reports)]
    out += ["</tbody></table>", "</section>"]
    return "\n".join(out)


def _worst_first(reports: list[Report]) -> list[tuple[int, Report]]:
    """The reports with their numbers on the page, worst first."""
    def badness(numbered: tuple[int, Report]) -> tuple:
        report = numbered[1]
        counts = counts_by_severity(report)
        return (-counts["error"], -counts["warning"], -counts["info"], -report.stats()["not_assessable"],
                report.path)

    return sorted(enumerate(reports, 1), key=badness)


def _column_heads(lang: str) -> str:
    words, head = WORDS[lang], HEAD[lang]
    return "<thead><tr>" + "".join(f"<th>{escape(t)}</th>" for t in (
        head["file"], head["doc_title"], words["year"], words["template"], words["error"], words["warning"],
        words["info"], words["not_assessable"])) + "</tr></thead><tbody>"


def _row(number: int, report: Report, lang: str) -> str:
    counts = counts_by_severity(report)
    cells = [f'<td><a href="#r{number}">{escape(report.path)}</a></td>',
             f"<td>{escape(document_title(report) or '—')}</td>",
             f"<td>{escape(str(report.extraction.year or '?'))}</td>",
             f"<td>{escape(template_name(report, lang))}</td>"]
    cells += [f'<td class="n{" " + s if counts[s] else ""}">{counts[s]}</td>' for s in SEVERITIES]
    cells.append(f'<td class="n">{report.stats()["not_assessable"]}</td>')
    return f'<tr id="s{number}">' + "".join(cells) + "</tr>"
