"""One report's section of the page (id `r1` for the first report): its header, its findings,
its statistics tables and its narrative, and the marks its findings' places leave on the cells
and figures they stand in."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from auditor.model.findings import Place
from auditor.model.report import Report
from auditor.render.console import PLAIN
from auditor.render.html_report.findings import findings_list
from auditor.render.html_report.header import report_header
from auditor.render.html_report.locate import InCell, Locator
from auditor.render.html_report.marks import Mark, Ref, cell_id, figure_id
from auditor.render.html_report.narrative import TextMarks, narrative_html
from auditor.render.html_report.tables import CellMarks, table_html
from auditor.render.html_report.words import HEAD


class ReportSection:
    """The section of report number `number` on the page; `batch`: the page has several reports
    (and a summary to go back to)."""

    def __init__(self, report: Report, number: int, lang: str, batch: bool) -> None:
        self.report, self.number, self.lang, self.batch = report, number, lang, batch
        self.report_id = f"r{number}"
        self.locator = Locator(report)
        self.cell_marks: CellMarks = defaultdict(Mark)
        self.text_marks: TextMarks = defaultdict(lambda: defaultdict(Mark))
        self.targets: dict[str, str] = {}  # place id → where it is shown (cell or figure id)

    def mark(self, place: Place, ref: Ref) -> str | None:
        """Mark the cell or figure of a place in this report (the back link `ref` stands in it);
        its id, or None where the place is not found."""
        spot = self.locator.find(place)
        if spot is None:
            return None
        if isinstance(spot, InCell):
            self.cell_marks[(spot.table, spot.row, spot.col)].refs.append(ref)
            return cell_id(self.report_id, spot.table, spot.row, spot.col)
        self.text_marks[spot.block][(spot.start, spot.end)].refs.append(ref)
        return figure_id(self.report_id, spot.block, spot.start)

    def render(self) -> str:
        """The section's HTML, once every place on the page has been marked."""
        head = HEAD[self.lang]
        out = [f'<section class="report" id="{self.report_id}">']
        if self.batch:
            out.append(f'<a class="back" href="#summary">{escape(head["back"])}</a>')
        out += report_header(self.report, self.lang)
        out.append(f"<h3>{escape(head['findings'])}</h3>")
        out.append(findings_list(self.report, self.number, self.lang, self.targets))
        out.append(f"<h3>{escape(head['tables'])}</h3>")
        out += self._tables() or [f'<p class="muted">{escape(head["no_tables"])}</p>']
        out.append(f"<h3>{escape(head['narrative'])}</h3>")
        out.append(narrative_html(self.report, self.text_marks, self.report_id, self.lang))
        out.append("</section>")
        return "\n".join(out)

    def _tables(self) -> list[str]:
        plain = self.report.document.format in PLAIN
        layouts = self.locator.layouts
        return [table_html(t, layouts[t.number], self.cell_marks, self.report_id, self.lang, plain)
                for t in self.report.document.tables]
