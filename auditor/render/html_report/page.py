"""The whole page: head (inline stylesheet and script), the batch summary when there are several
reports, each report's section, and the links between the findings and the places they involve,
across sections for a cross-year finding's place in the year before."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from html import escape

from auditor.library import Library
from auditor.model.report import Report, Unaudited
from auditor.model.words import word
from auditor.render.console import WORDS
from auditor.render.html_report.batch import batch_summary
from auditor.render.html_report.marks import Ref
from auditor.render.html_report.section import ReportSection
from auditor.render.html_report.style import script, stylesheet
from auditor.render.html_report.words import HEAD
from auditor.render.summary import severity_counts
from auditor.version import __version__


def render_html(reports: list[Report], library: Library | None = None, lang: str = "zh",
                unaudited: Sequence[Unaudited] = ()) -> str:
    """The page for `reports` in `lang` ("zh" or "en"). `library` is accepted like the other
    renderers' (the findings carry their rules)."""
    batch = len(reports) > 1
    sections = [ReportSection(report, number, lang, batch) for number, report in enumerate(reports, 1)]
    link_places(sections)
    parts = _head(reports, lang) + _review(reports, lang) + _unaudited(unaudited, lang)
    if batch:
        parts.append(batch_summary(reports, lang))
    parts += [section.render() for section in sections]
    parts.append(f"<footer>report-auditor {escape(__version__)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _unaudited(unaudited: Sequence[Unaudited], lang: str) -> list[str]:
    """The files not audited, before anything else: a missing report is never taken for a clean one."""
    if not unaudited:
        return []
    heads = "".join(f"<th>{escape(word(f'unaudited.{key}', lang))}</th>" for key in ("file", "kind", "reason"))
    rows = "".join(f"<tr><td>{escape(u.path)}</td><td>{escape(word(f'unaudited.kinds.{u.kind}', lang))}</td>"
                   f"<td>{escape(u.reason)}</td></tr>" for u in unaudited)
    return ['<section id="unaudited" class="unaudited">', f"<h2>{escape(word('unaudited.title', lang))}</h2>",
            f'<table class="summary"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>', "</section>"]


def _review(reports: list[Report], lang: str) -> list[str]:
    """The reviewer's bar: how to decide, the export button and what is decided so far (report.js
    fills it in and keeps the decisions in the browser under the run's key)."""
    decidable = [(r.path, f.fingerprint) for r in reports for f in [*r.findings, *r.dismissed]]
    if not decidable:
        return []
    run = hashlib.sha256("\n".join(sorted(f"{path}\t{fp}" for path, fp in decidable)).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    said = {key: escape(word(f"review.{key}", lang)) for key in ("how", "export", "file_name")}
    status = escape(word("review.decided", lang, count="{count}", confirmed="{confirmed}", dismissed="{dismissed}"))
    return [f'<div id="review" class="review" data-run="{run}" data-file="{said["file_name"]}" data-status="{status}">',
            f'<p>{said["how"]}</p><button type="button" id="export">{said["export"]}</button> '
            '<span id="decided" role="status" aria-live="polite"></span></div>']


def _head(reports: list[Report], lang: str) -> list[str]:
    """From the doctype to the page's heading and the run's totals."""
    head = HEAD[lang]
    total = WORDS[lang]["summary"].format(reports=len(reports), **severity_counts(reports))
    title = head["title"] + (" · " + reports[0].path if len(reports) == 1 else "")
    return ["<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
            '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{stylesheet()}</style>", f"<script>{script()}</script></head>", "<body>",
            f"<h1>{escape(head['title'])}</h1>",
            f'<p class="meta">{escape(total)}</p>']


def link_places(sections: list[ReportSection]) -> None:
    """Mark every place of every finding where it stands: in its own report, or (a cross-year
    finding's place in the year before) in the other report's section when it is in the batch."""
    by_path: dict[str, ReportSection] = {}
    for section in sections:
        by_path.setdefault(_same_file(section.report.path), section)
    for section in sections:
        for n, finding in enumerate(section.report.findings, 1):
            for k, place in enumerate(finding.places, 1):
                where = section if place.path is None else by_path.get(_same_file(place.path))
                ref = Ref(f"f{section.number}-{n}-p{k}", f"f{section.number}-{n}", n, finding,
                          "" if where is section else section.report.path)
                target = where.mark(place, ref) if where is not None else None
                if target is not None:
                    section.targets[ref.place_id] = target


def _same_file(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))
