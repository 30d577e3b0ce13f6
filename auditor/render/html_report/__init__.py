"""HTML: one self-contained page a reviewer opens in a browser (`--format html`).

For a batch, a summary table first (one row per report, worst first, each linking to its section).
Per report: a header (path, title, template, year, counts); the findings, each linking to the
places it involves; the statistics tables rebuilt from the document, the cells a finding involves
marked; and the narrative paragraphs that state a figure a finding involves, the figure marked
(every other paragraph that states a figure folded under a <details>). Each place links back to
its finding; a cross-year finding's place in the year before is marked in that report's section
when the batch has it. Ids: report `r1`, finding `f1-3`, its second place `f1-3-p2` (the back link standing
in the marked cell or figure), cell `r1-t2-r25-c4`, figure `r1-b12-o207` (block 12, offset 207).

Everything is inline (the stylesheet report.css and the script report.js, which opens the folded
parts for printing and keeps a reviewer's decisions: 确认 / 非问题 and a note per finding, kept in
the browser and exported as a JSON file for `auditor check --decisions`); the page loads nothing.
All text from a report is escaped.

The parts, from the page down:
    page.py       render_html: the page's head, the sections, the links between them
    batch.py      the batch summary
    section.py    one report's section and the marks its findings leave
    header.py     a report's title, template, year and counts
    findings.py   the findings and the places they involve
    locate.py     where a place stands: a table cell or a figure in a text block
    tables.py     a statistics table with its marked cells (grid.py: merged cells)
    narrative.py  the paragraphs with their marked figures
    marks.py      marks, back links, ids of cells and figures
    style.py      report.css, report.js and the severities' colours
    words.py      the page's words in each language
"""

from __future__ import annotations

from auditor.render.html_report.header import document_title
from auditor.render.html_report.page import render_html
from auditor.render.html_report.style import BACKGROUND, INK, SEVERITIES

__all__ = ["BACKGROUND", "INK", "SEVERITIES", "document_title", "render_html"]
