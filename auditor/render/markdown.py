"""Markdown: a report a person pastes into a review (and the GitHub job summary).

Per report a heading with the path, a line with the template, year and counts, and a table of
the shown findings (severity, rule, message, where; suppressed and baselined ones are only
counted); a summary line at the end. Text from the report is
escaped so that it cannot break the table or turn into markup.
"""

from __future__ import annotations

import re

from auditor.library import Library
from auditor.model.findings import Finding
from auditor.model.report import Report
from auditor.render.console import MAX_PLACES, WORDS
from auditor.render.places import describe_place, place_file
from auditor.render.summary import severity_counts

HEAD = {
    "zh": {"title": "政府信息公开工作年度报告审核结果", "columns": ("级别", "规则", "消息", "位置"),
           "suppressed": "已屏蔽", "baselined": "基线已知"},
    "en": {"title": "Audit of the annual reports", "columns": ("severity", "rule", "message", "where"),
           "suppressed": "suppressed", "baselined": "baselined"},
}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")


def render_markdown(reports: list[Report], library: Library, lang: str) -> str:
    lines = [f"# {HEAD[lang]['title']}", ""]
    lines += report_sections(reports, lang, level=2)
    return "\n".join(lines) + "\n"


def report_sections(reports: list[Report], lang: str, level: int) -> list[str]:
    """Per report a heading (at `level`), its counts and its findings; then the summary line."""
    words = WORDS[lang]
    lines: list[str] = []
    for report in reports:
        lines += [f"{'#' * level} {escape(report.path)}", "", header_line(report, lang), ""]
        findings = report.findings
        if findings:
            lines += findings_table(findings, report, lang)
        else:
            lines.append(words["clean"])
        lines.append("")
    lines.append(f"**{escape(words['summary'].format(reports=len(reports), **severity_counts(reports)))}**")
    return lines


def header_line(report: Report, lang: str) -> str:
    words, ex, stats = WORDS[lang], report.extraction, report.stats()
    name = ex.template_title.get(lang) if ex.template_title else words["none"]
    sep = "：" if lang == "zh" else ": "
    comma = "，" if lang == "zh" else ", "
    outcomes = comma.join(f"{words[k]} {stats[k]}" for k in ("passed", "failed", "not_assessable"))
    hidden = comma.join(f"{HEAD[lang][k]} {stats[k]}" for k in ("suppressed", "baselined") if stats.get(k))
    return escape(f"{words['template']} {name} · {words['year']} {ex.year or '?'} · "
                  f"{words['figures']} {stats['figures']} · {words['checks']} {stats['checks']}{sep}{outcomes}"
                  + (f" · {hidden}" if hidden else ""))


def findings_table(findings: list[Finding], report: Report, lang: str) -> list[str]:
    columns = HEAD[lang]["columns"]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for finding in findings:
        cells = [WORDS[lang][finding.severity], escape(f"{finding.rule.id} {finding.rule.name}"),
                 _message(finding, lang), _where(finding, report, lang)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _message(finding: Finding, lang: str) -> str:
    words = WORDS[lang]
    parts = [escape(finding.message(lang))]
    if finding.doubt == "extraction":
        parts.append(f"*{escape(words['extraction'])}*")
    if finding.expected or finding.actual:
        comma = "，" if lang == "zh" else ", "
        parts.append(escape(f"{words['expected']} {finding.expected}{comma}{words['actual']} {finding.actual}"))
    return "<br>".join(parts)


def _where(finding: Finding, report: Report, lang: str) -> str:
    words = WORDS[lang]
    parts = []
    for place in finding.places[:MAX_PLACES]:
        loc = place.location
        where = f"{words['line']} {loc.line}:{loc.column}"
        if loc.page is not None:
            where = f"p.{loc.page} {where}"
        if place_file(place, report) != report.path:  # another report's (a cross-year finding)
            where = f"{place_file(place, report)} {where}"
        parts.append(escape(f"{where} {describe_place(place, lang)}"))
    if len(finding.places) > MAX_PLACES:
        parts.append(escape(words["more"].format(count=len(finding.places) - MAX_PLACES)))
    return "<br>".join(parts) or "—"


def escape(text: str) -> str:
    """Text for a Markdown table cell: markup characters backslash-escaped, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
