"""Ruled tables, found on the ruling lines a page actually shows (cells.py).

Left out: invisible rules (the white paragraph backgrounds WPS draws behind every line of text)
and the underlines of text. Added: the open border of a table cut by a page break. A page with
too many rules or crossings of them (a chart, a map) is read without ruled tables (limits.py).
"""

from __future__ import annotations

import bisect
from typing import Any

from auditor.load.pdf import cells, limits
from auditor.load.pdf.grids import Grid, grid_from_cells
from auditor.load.pdf.source import PageData
from auditor.load.pdf.tolerances import SNAP, UNDERLINE_BELOW, UNDERLINE_COVER
from auditor.load.pdf.words import Word


def ruled_grids(page: PageData, words: list[Word]) -> list[Grid]:
    """The page's ruled tables, found on its visible ruling lines. Invisible rectangles (white
    paragraph backgrounds that WPS draws behind every line of text) and underlined text would
    otherwise read as tables; a table cut by a page break lacks its closing border."""
    edges = [e for e in page.edges if _visible(e)]
    vertical = [e for e in edges if e["orientation"] == "v"]
    by_bottom = sorted(words, key=lambda w: w.bottom)
    bottoms = [w.bottom for w in by_bottom]
    horizontal = [e for e in edges if e["orientation"] == "h" and not _underline(e, by_bottom, bottoms)]
    horizontal += _closing_edges(vertical, horizontal)
    if len(vertical) < 2 or len(horizontal) < 2 or max(len(vertical), len(horizontal)) > limits.MAX_RULES:
        return []  # no table; or graphics (a chart, a map), not one: finding cells would take hours
    points = cells.crossings(cells.merge_edges(vertical + horizontal))
    if len(points) > limits.MAX_CROSSINGS:
        return []  # cells are found in time quadratic in the crossings (a 150 x 150 grid: a minute)
    found = cells.find_cells(points)
    tables = cells.group_cells(found)
    grouped = {cell for table in tables for cell in table}
    lone = [[cell] for cell in found if cell not in grouped]  # frames, which find_tables drops
    return [grid_from_cells(table, page.page_number) for table in tables + lone]


def _visible(edge: dict[str, Any]) -> bool:
    """Whether the path the edge comes from is painted in a colour other than white (a path
    neither stroked nor filled only clips)."""
    if edge.get("stroke"):
        return not _white(edge.get("stroking_color"))
    if edge.get("fill"):
        return not _white(edge.get("non_stroking_color"))
    return False


def _white(color: Any) -> bool:
    if not isinstance(color, (tuple, list)):
        color = (color,) if isinstance(color, (int, float)) else ()
    if len(color) == 4:  # CMYK
        return all(isinstance(c, (int, float)) and c <= 0.05 for c in color)
    return bool(color) and all(isinstance(c, (int, float)) and c >= 0.95 for c in color)


def _underline(edge: dict[str, Any], words: list[Word], bottoms: list[float]) -> bool:
    """A horizontal line just under words that cover most of its length underlines them (a cell
    border under a row of text is mostly bare). Words closer than a character are one run, as
    the letter-spaced characters of a justified label are. `words` are sorted by their bottoms."""
    y, x0, x1 = edge["top"], edge["x0"], edge["x1"]
    low, high = UNDERLINE_BELOW
    near = words[bisect.bisect_left(bottoms, y - high):bisect.bisect_right(bottoms, y - low)]
    above = sorted((w for w in near if w.x1 > x0 and w.x0 < x1), key=lambda w: w.x0)
    runs: list[list[float]] = []
    for w in above:
        if runs and w.x0 - runs[-1][1] < w.bottom - w.top:
            runs[-1][1] = max(runs[-1][1], w.x1)
        else:
            runs.append([w.x0, w.x1])
    covered = sum(max(0.0, min(b, x1) - max(a, x0)) for a, b in runs)
    return x1 > x0 and covered >= UNDERLINE_COVER * (x1 - x0)


def _closing_edges(vertical: list[dict[str, Any]], horizontal: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Borders where two or more vertical rules end (or start) at one height with no horizontal
    rule there: the bottom (or top) of a table cut by a page break, which WPS leaves open."""
    ends: dict[int, list[dict[str, Any]]] = {}
    for e in vertical:
        for y in (e["top"], e["bottom"]):
            ends.setdefault(round(y), []).append(e)
    added = []
    for y, rules in ends.items():
        if len(rules) < 2:
            continue
        x0, x1 = min(e["x0"] for e in rules), max(e["x0"] for e in rules)
        covered = sum(max(0.0, min(h["x1"], x1) - max(h["x0"], x0)) for h in horizontal if abs(h["top"] - y) <= SNAP)
        if x1 - x0 > SNAP and covered < 0.95 * (x1 - x0):
            added.append({"x0": x0, "x1": x1, "top": float(y), "bottom": float(y), "width": x1 - x0,
                          "height": 0.0, "orientation": "h", "object_type": "line"})
    return added
