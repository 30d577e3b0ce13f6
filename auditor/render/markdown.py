"""Markdown: a report a person pastes into a review (and the GitHub job summary).

Per report a heading with the path, a line with the template, year and counts, a table of the
shown findings (severity, rule, message, where; suppressed and baselined ones are only counted)
and one of those a reviewer dismissed, with the note; a summary line at the end. Text from the
report is escaped so that it cannot break the table or turn into markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.library import Library
from auditor.model.findings import Finding
from auditor.model.report import Report, Unaudited
from auditor.model.words import LANGS, word, words
from auditor.render.console import MAX_PLACES
from auditor.render.places import assumed_header, describe_place, place_file
from auditor.render.summary import HIDDEN, review_note, severity_counts, verdict

COLUMNS = ("severity", "rule", "message", "where")
# The heading words as one table per language, for the HTML report (auditor.render.html_report)
# that still reads them so; the catalogue is auditor/model/words.toml.
HEAD = {lang: {**words("markdown", lang), "columns": tuple(word("column." + c, lang) for c in COLUMNS)}
        for lang in LANGS}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")


def render_markdown(reports: list[Report], library: Library, lang: str, unaudited: Sequence[Unaudited] = ()) -> str:
    lines = [f"# {word('markdown.title', lang)}", ""]
    lines += unaudited_section(unaudited, lang, level=2)
    lines += report_sections(reports, lang, level=2)
    return "\n".join(lines) + "\n"


def unaudited_section(unaudited: Sequence[Unaudited], lang: str, level: int) -> list[str]:
    """The files not audited, first: a reader must not take a missing report for a clean one."""
    if not unaudited:
        return []
    head = [word(f"unaudited.{key}", lang) for key in ("file", "kind", "reason")]
    rows = [f"| {escape(u.path)} | {word(f'unaudited.kinds.{u.kind}', lang)} | {escape(u.reason)} |" for u in unaudited]
    return [f"{'#' * level} {word('unaudited.title', lang)}", "", f"| {' | '.join(head)} |", "|---|---|---|",
            *rows, ""]


def report_sections(reports: list[Report], lang: str, level: int) -> list[str]:
    """Per report a heading (at `level`), its counts and its findings; then the summary line."""
    lines: list[str] = []
    for report in reports:
        lines += [f"{'#' * level} {escape(report.path)}", "", header_line(report, lang), ""]
        findings = report.findings
        headline = [escape(line) for line in verdict(report, lang)]
        lines += headline + ([""] if findings and headline else [])
        if findings:
            lines += findings_table(findings, report, lang)
        if report.dismissed:
            lines += ["", f"**{escape(word('review.title', lang))}**", ""]
            lines += findings_table(report.dismissed, report, lang)
        lines.append("")
    lines.append(f"**{escape(word('report.summary', lang, reports=len(reports), **severity_counts(reports)))}**")
    return lines


def header_line(report: Report, lang: str) -> str:
    ex, stats = report.extraction, report.stats()
    said = words("report", lang)
    name = ex.template_title.get(lang) if ex.template_title else said["none"]
    sep, comma = word("punct.colon", lang), word("punct.comma", lang)
    outcomes = comma.join(f"{said[k]} {stats[k]}" for k in ("passed", "recovered", "failed", "not_assessable")
                          if k != "recovered" or stats[k])  # recovered: said apart, only where there are some
    hidden = comma.join(f"{word('markdown.' + k, lang)} {stats[k]}" for k in HIDDEN if stats.get(k))
    assumed = assumed_header(ex, lang)
    return escape(f"{said['template']} {name} · {said['year']} {ex.year or '?'} · "
                  f"{said['figures']} {stats['figures']} · {said['checks']} {stats['checks']}{sep}{outcomes}"
                  + (f" · {hidden}" if hidden else "") + (f" · {assumed}" if assumed else ""))


def findings_table(findings: list[Finding], report: Report, lang: str) -> list[str]:
    columns = HEAD[lang]["columns"]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for finding in findings:
        cells = [word("severity." + finding.severity, lang), escape(f"{finding.rule.id} {finding.rule.name}"),
                 _message(finding, lang), _where(finding, report, lang)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _message(finding: Finding, lang: str) -> str:
    parts = [escape(finding.message(lang))]
    if finding.doubt == "extraction":
        parts.append(f"*{escape(word('report.extraction', lang))}*")
    if finding.decision:
        parts.append(f"*{escape(review_note(finding, lang))}*")
    if finding.expected or finding.actual:
        comma = word("punct.comma", lang)
        parts.append(escape(f"{word('report.expected', lang)} {finding.expected}{comma}"
                            f"{word('report.actual', lang)} {finding.actual}"))
    return "<br>".join(parts)


def _where(finding: Finding, report: Report, lang: str) -> str:
    parts = []
    for place in finding.places[:MAX_PLACES]:
        where = describe_place(place, lang)
        if place_file(place, report) != report.path:  # another report's (a cross-year finding)
            where = f"{place_file(place, report)} {where}"
        parts.append(escape(where))
    if len(finding.places) > MAX_PLACES:
        parts.append(escape(word("place.more", lang, count=len(finding.places) - MAX_PLACES)))
    return "<br>".join(parts) or "—"


def escape(text: str) -> str:
    """Text for a Markdown table cell: markup characters backslash-escaped, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
