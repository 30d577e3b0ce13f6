"""The marks the findings leave on a report's cells and figures: which findings' places stand in
a cell or stretch of text, the back links drawn there, and the ids of marked cells and figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from auditor.library.schema import SEVERITY_ORDER
from auditor.model.findings import Finding
from auditor.render.html_report.words import HEAD


@dataclass
class Ref:
    """A place of a finding, as it stands in a marked cell or figure: the back link."""

    place_id: str  # f1-3-p2
    finding_id: str  # f1-3
    number: int  # the finding's number in its report
    finding: Finding
    report: str = ""  # the finding's report, where it is not the one the place stands in


@dataclass
class Mark:
    """The places that stand in one cell or stretch of text."""

    refs: list[Ref] = field(default_factory=list)

    @property
    def severity(self) -> str:
        """The gravest severity of the findings marked here."""
        return max((r.finding.severity for r in self.refs), key=SEVERITY_ORDER.__getitem__)

    @property
    def rules(self) -> str:
        """The ids of the rules marked here, each once, in order."""
        return " ".join(dict.fromkeys(r.finding.rule.id for r in self.refs))


def cell_id(report_id: str, table: int, row: int, col: int) -> str:
    """The id of a cell: r1-t2-r25-c4."""
    return f"{report_id}-t{table}-r{row}-c{col}"


def figure_id(report_id: str, block: int, offset: int) -> str:
    """The id of a figure in the text: r1-b12-o207 (block 12, offset 207)."""
    return f"{report_id}-b{block}-o{offset}"


def back_links(mark: Mark, lang: str) -> str:
    """The numbers of the findings marked, each linking back to its finding."""
    links = []
    for ref in mark.refs:
        rule = f"{ref.finding.rule.id} {ref.finding.rule.name}"
        title = HEAD[lang]["to_finding"].format(number=ref.number, rule=rule)
        if ref.report:
            title = f"{ref.report} · {title}"
        links.append(f'<a class="{ref.finding.severity}" id="{ref.place_id}" href="#{ref.finding_id}" '
                     f'title="{escape(title)}">{ref.number}</a>')
    return f'<span class="refs">{"".join(links)}</span>'
