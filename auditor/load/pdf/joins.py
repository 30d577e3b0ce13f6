"""Tables continued on the next page: a table that ends a page and one that starts the next, with
the same sides and mostly the same column borders, are one table cut by the page break. They are
joined, and what the break cut is mended: a row cut in two, a merged label cut in two. A frame at
the foot of a page that no table continues is text again."""

from __future__ import annotations

from auditor.load.pdf.grids import Box, Grid, slot, snap
from auditor.load.pdf.pages import Page
from auditor.load.pdf.patterns import NUMBERED, is_value
from auditor.load.pdf.tolerances import JOIN_EDGE, PAGE_BOTTOM, PAGE_TOP, SNAP


def join_continued_tables(pages: list[Page]) -> None:
    """A table that ends a page and one that starts the next page, with the same sides and mostly
    the same column borders, are one table cut by the page break: join them."""
    tail: Grid | None = None
    for page in pages:
        items = page.items
        if tail is not None and items and isinstance(items[0], Grid) and _continues(tail, items[0], page):
            _append(tail, items.pop(0))
            if not items:
                continue  # the page holds only the continuation: the table may go on
        last = items[-1] if items else None
        tail = last if isinstance(last, Grid) and last.bottom >= PAGE_BOTTOM * page.height else None
    for page in pages:  # frames that no table continues are text
        page.items = [line for item in page.items for line in
                      (item.frame_lines if isinstance(item, Grid) and item.frame_lines is not None else [item])]


def _continues(first: Grid, second: Grid, page: Page) -> bool:
    if second.top > PAGE_TOP * page.height:
        return False
    if abs(first.xs[0] - second.xs[0]) > JOIN_EDGE or abs(first.xs[-1] - second.xs[-1]) > JOIN_EDGE:
        return False
    a, b = first.xs[1:-1], second.xs[1:-1]
    fewer, more = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(any(abs(x - y) <= SNAP for y in more) for x in fewer)
    return not fewer or shared * 2 >= len(fewer)


def _append(first: Grid, second: Grid) -> None:
    """Append the rows of `second` to `first`, both on the union of their column borders, then
    mend what the page break cut."""
    xs = snap([*first.xs, *second.xs], JOIN_EDGE)  # the pages may place the same border apart
    seam = len(first.rows)
    first.frame_lines = None  # continued: a table
    first.rows = _regrid(first.rows, first.xs, xs) + _regrid(second.rows, second.xs, xs)
    first.xs = xs
    first.ys = first.ys + second.ys[1:]  # its top on the first page, its bottom on the last
    if seam and seam < len(first.rows):
        mend(first.rows, seam)


def _regrid(rows: list[list[Box]], old: list[float], new: list[float]) -> list[list[Box]]:
    middles = [(a + b) / 2 for a, b in zip(new, new[1:])]
    return [[row[slot(old, m)] for m in middles] for row in rows]


def mend(rows: list[list[Box]], seam: int) -> None:
    """Mend the rows on both sides of a page break (row `seam` starts the continuation):
    - one row cut in two (the same cell borders on both sides, and the figures on one side only):
      its halves become one row again ("1.信访举报投诉" / "类申请", "社会公益" / "组织");
    - a merged label cut in two ("（四）无" / "法提供", or a blank continuation of
      三、本年度办理结果): the part on the new page continues the cell above it."""
    above, below = rows[seam - 1], rows[seam]
    first_value = _first_value_column(rows)
    if _cut_row(above, below, first_value):
        for j in range(len(below)):
            _continue(below[j].resolve(), above[j].resolve())
        del rows[seam]
    else:
        _mend_labels(above, below, first_value)


def _mend_labels(above: list[Box], below: list[Box], first_value: int) -> None:
    """A label cell on the new page continues the one above it when both have the same borders,
    it is blank or no numbered label of its own, and both have a more specific label to their
    right (so they are block labels, as （四）无法提供 is for the rows 1.–3. beside it)."""
    for j in range(min(first_value, len(below))):
        x, y = below[j].resolve(), above[j].resolve()
        if x is y or (j and below[j - 1].resolve() is x) or not y.text:
            continue
        span = [k for k in range(len(below)) if below[k].resolve() is x]
        if span != [k for k in range(len(above)) if above[k].resolve() is y]:
            continue  # not the same cell borders: a new cell, not the rest of one
        if (not x.text or not NUMBERED.match(x.text)) and _label_after(above, span[-1], first_value) \
                and _label_after(below, span[-1], first_value):
            _continue(x, y)


def _first_value_column(rows: list[list[Box]]) -> int:
    width = len(rows[0]) if rows else 0
    for j in range(width):
        if any(is_value(row[j].resolve().text) for row in rows):
            return j
    return width


def _cut_row(above: list[Box], below: list[Box], first_value: int) -> bool:
    """Whether `above` and `below` are the halves of one row cut by the page break: the same cell
    borders, no numbered label starting below, and figures on one side at most (the other side
    then holds only the rest of the labels), or a header cut in two."""

    def cuts(row: list[Box]) -> list[bool]:
        return [row[j].resolve() is not row[j + 1].resolve() for j in range(len(row) - 1)]

    def figures(row: list[Box]) -> bool:
        return any(is_value(b.resolve().text) for b in row[first_value:])

    def values_blank(row: list[Box]) -> bool:
        return not any(b.resolve().text for b in row[first_value:])

    labels = [b.resolve().text for b in below[:first_value]]
    if cuts(above) != cuts(below) or any(NUMBERED.match(text) for text in labels):
        return False
    if figures(below):  # the label's first part above, its end beside the figures
        return any(labels) and values_blank(above)
    # A header cut in two: words under words, in the columns of figures too ("2012" / "年度").
    header = not values_blank(below) and all(a.resolve().text for a, b in zip(above, below) if b.resolve().text)
    if figures(above):  # the figures above, the end of the label below
        return values_blank(below) or header
    return header or not any(labels)  # "社会公益" / "组织"


def _label_after(row: list[Box], column: int, first_value: int) -> bool:
    return any(b.resolve().text for b in row[column + 1:first_value])


def _continue(part: Box, cell: Box) -> None:
    """`part` (on the new page) is the rest of `cell`: its words follow, unless it only repeats the
    cell's text (LibreOffice repeats a merged cell's text on each page)."""
    if part is cell:
        return
    if part.text != cell.text:
        cell.words.extend(part.words)
    part.alias = cell
