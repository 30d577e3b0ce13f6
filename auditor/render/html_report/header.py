"""What the page says about a report as a whole: its title, template, year and counts, in the
header of its section and in its row of the batch summary."""

from __future__ import annotations

from html import escape

from auditor.model.report import Report
from auditor.model.words import word
from auditor.render.console import WORDS
from auditor.render.html_report.style import SEVERITIES
from auditor.render.html_report.words import HEAD
from auditor.render.places import assumed_header
from auditor.render.summary import HIDDEN, severity_counts


def document_title(report: Report) -> str | None:
    """The report's own title: the file's title, else an early line naming the report, else the
    first heading."""
    document = report.document
    if document.title and document.title.strip():
        return document.title.strip()
    blocks = document.text_blocks
    for block in blocks[:8]:
        text = " ".join(block.text.split())
        if "报告" in text and len(text) <= 80:
            return text
    for block in blocks:
        if block.kind == "heading" and block.text.strip():
            return " ".join(block.text.split())
    return None


def counts_by_severity(report: Report) -> dict[str, int]:
    """The report's findings counted by severity ("error", "warning", "info")."""
    counts = severity_counts([report])
    return {"error": counts["errors"], "warning": counts["warnings"], "info": counts["infos"]}


def template_name(report: Report, lang: str) -> str:
    """The title of the template the report was read with, or its id, or "none"."""
    ex = report.extraction
    return ex.template_title.get(lang) if ex.template_title else (ex.template or WORDS[lang]["none"])


def report_header(report: Report, lang: str) -> list[str]:
    """The lines that open a report's section: path, title, what was read and checked, counts."""
    out = [f"<h2>{escape(report.path)}</h2>"]
    title = document_title(report)
    if title:
        out.append(f'<p class="doc-title">{escape(title)}</p>')
    out.append(f'<p class="meta">{escape(_meta(report, lang))}</p>')
    counts, words = counts_by_severity(report), WORDS[lang]
    out.append('<p class="counts">' + "".join(
        f'<span class="badge {s}{" some" if counts[s] else ""}">{escape(words[s])} {counts[s]}</span>'
        for s in SEVERITIES) + "</p>")
    return out


def _meta(report: Report, lang: str) -> str:
    """Template, year, figures read, checks run and their outcomes, findings held back."""
    words, head, stats = WORDS[lang], HEAD[lang], report.stats()
    sep, comma = ("：", "，") if lang == "zh" else (": ", ", ")
    outcomes = comma.join(f"{words.get(k) or word('report.' + k, lang)} {stats[k]}"
                          for k in ("passed", "recovered", "failed", "not_assessable")
                          if k != "recovered" or stats[k])  # recovered: said apart, only where there are some
    meta = (f"{words['template']} {template_name(report, lang)} · {words['year']} {report.extraction.year or '?'}"
            f" · {words['figures']} {stats['figures']} · {words['checks']} {stats['checks']}{sep}{outcomes}")
    hidden = [f"{head.get(k) or word('markdown.' + k, lang)} {stats[k]}" for k in HIDDEN if stats[k]]
    if hidden:
        meta += " · " + comma.join(hidden)
    assumed = assumed_header(report.extraction, lang)
    return meta + (f" · {assumed}" if assumed else "")
