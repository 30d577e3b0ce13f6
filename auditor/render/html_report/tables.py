"""A statistics table rebuilt from the document: merged cells shown merged again, the cells a
finding involves marked in its severity's colour, with the rules' ids and back links."""

from __future__ import annotations

from html import escape

from auditor.model.document import Cell, Table
from auditor.render.console import WORDS
from auditor.render.html_report.grid import Layout, Spot, cell_spot
from auditor.render.html_report.marks import Mark, back_links, cell_id
from auditor.render.html_report.words import HEAD

CellMarks = dict[tuple[int, int, int], Mark]  # (table, row, col) → the mark of the cell


def table_html(table: Table, layout: Layout, marks: CellMarks, report_id: str, lang: str, plain: bool) -> str:
    """The table as drawn in report `report_id`'s section; `plain`: the document is plain text
    (its tables are told by line)."""
    caption = _caption(table, lang, plain)
    out = [f'<table class="stats" id="{report_id}-t{table.number}"><caption>{escape(caption)}</caption><tbody>']
    for i, row in enumerate(table.rows):
        cells = []
        for j, cell in enumerate(row):
            spot = cell_spot(cell, i, j)
            if spot not in layout.shown_at:
                cells.append(_cell(cell, table.number, spot, layout, marks, report_id, lang))
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _caption(table: Table, lang: str, plain: bool) -> str:
    """"Table 2", with the page it is on (or, in a plain text document, its line)."""
    head = HEAD[lang]
    caption = head["table"].format(number=table.number)
    if table.page is not None:
        caption += " · " + head["page"].format(page=table.page)
    elif table.line and plain:
        caption += f" · {WORDS[lang]['line']} {table.line}"
    return caption


def _cell(cell: Cell, table: int, spot: Spot, layout: Layout, marks: CellMarks, report_id: str, lang: str) -> str:
    """One <td>: its id, its span when merged, greyed when a repeated copy, marked when a finding
    involves it."""
    r, c = spot
    attrs = [f'id="{cell_id(report_id, table, r, c)}"']
    classes = []
    span = layout.merged.get(spot)
    if span and span[0] > 1:
        attrs.append(f'rowspan="{span[0]}"')
    if span and span[1] > 1:
        attrs.append(f'colspan="{span[1]}"')
    if cell.span_of is not None:
        classes.append("copy")
    mark = marks.get((table, r, c))
    content = escape(cell.text)
    if mark:
        classes.append(f"cell-{mark.severity}")
        attrs.append(f'title="{escape(mark.rules)}"')
        content += back_links(mark, lang)
    if classes:
        attrs.append(f'class="{" ".join(classes)}"')
    return f"<td {' '.join(attrs)}>{content}</td>"
