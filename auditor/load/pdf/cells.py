"""Table cells from ruling lines: pdfplumber's table finder on explicit lines (`find_tables` with the
"explicit" strategies), in plain Python over edges given as dicts (x0, x1, top, bottom,
orientation). Ported from pdfplumber 0.11 (MIT licence), step for step, so that the cells are the
ones pdfplumber found: borders within 3 pt snapped to their mean, collinear pieces within 3 pt
joined, edges shorter than 3 pt dropped, crossings within 3 pt, each crossing's smallest cell,
and the cells grouped into tables by shared corners.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

Edge = dict[str, Any]
Cell = tuple[float, float, float, float]  # x0, top, x1, bottom
Point = tuple[float, float]

SNAP = JOIN = CROSSING = 3.0
MIN_LENGTH = 3.0


def merge_edges(edges: list[Edge]) -> list[Edge]:
    """Borders within SNAP of each other moved to their mean; collinear edges within JOIN joined;
    what is shorter than MIN_LENGTH dropped."""
    vertical = _snap([e for e in edges if e["orientation"] == "v"], "x0", ("x0", "x1"))
    horizontal = _snap([e for e in edges if e["orientation"] == "h"], "top", ("top", "bottom"))
    groups: dict[tuple[str, float], list[Edge]] = defaultdict(list)
    for e in vertical + horizontal:
        groups[(e["orientation"], e["x0"] if e["orientation"] == "v" else e["top"])].append(e)
    merged = []
    for (orientation, _), group in sorted(groups.items(), key=lambda item: item[0]):
        merged.extend(_join(group, orientation))
    return [e for e in merged if (e["bottom"] - e["top"] if e["orientation"] == "v" else e["x1"] - e["x0"]) >= MIN_LENGTH]


def _snap(edges: list[Edge], attr: str, moved: tuple[str, str]) -> list[Edge]:
    """pdfplumber's snap_objects: values clustered (each within SNAP of the next), each edge moved
    to its cluster's mean; the edges come out cluster by cluster, in their order within one."""
    values = sorted({e[attr] for e in edges})
    cluster_of: dict[float, int] = {}
    clusters: list[list[float]] = []
    for v in values:
        if not clusters or v > clusters[-1][-1] + SNAP:
            clusters.append([])
        clusters[-1].append(v)
        cluster_of[v] = len(clusters) - 1
    members: list[list[Edge]] = [[] for _ in clusters]
    for e in edges:
        members[cluster_of[e[attr]]].append(e)
    out = []
    for group in members:
        mean = sum(e[attr] for e in group) / len(group)
        for e in group:
            shift = mean - e[attr]
            out.append({**e, moved[0]: e[moved[0]] + shift, moved[1]: e[moved[1]] + shift})
    return out


def _join(edges: list[Edge], orientation: str) -> list[Edge]:
    low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=lambda e: e[low])
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] <= last[high] + JOIN:
            if e[high] > last[high]:
                joined[-1] = {**last, high: e[high]}
        else:
            joined.append(e)
    return joined


def crossings(edges: list[Edge]) -> dict[Point, tuple[set[Cell], set[Cell]]]:
    """Each point where a vertical and a horizontal edge cross (within CROSSING), with the boxes of
    the vertical and of the horizontal edges through it."""
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    points: dict[Point, tuple[set[Cell], set[Cell]]] = {}
    for v in vertical:
        for h in horizontal:
            if v["top"] <= h["top"] + CROSSING and v["bottom"] >= h["top"] - CROSSING \
                    and h["x0"] - CROSSING <= v["x0"] <= h["x1"] + CROSSING:
                through = points.setdefault((v["x0"], h["top"]), (set(), set()))
                through[0].add(_bbox(v))
                through[1].add(_bbox(h))
    return points


def _bbox(e: Edge) -> Cell:
    return (e["x0"], e["top"], e["x1"], e["bottom"])


def count_crossings(edges: list[Edge]) -> int:
    return len(crossings(edges))


def find_cells(points: dict[Point, tuple[set[Cell], set[Cell]]]) -> list[Cell]:
    """For each crossing, the smallest cell it is the top-left corner of: the first crossing below
    and the first to its right joined to it by an edge, whose corner opposite is joined to both."""
    by_x: dict[float, list[Point]] = defaultdict(list)
    by_y: dict[float, list[Point]] = defaultdict(list)
    ordered = sorted(points)
    for p in ordered:
        by_x[p[0]].append(p)
        by_y[p[1]].append(p)

    def joined(p: Point, q: Point) -> bool:
        return bool((p[0] == q[0] and points[p][0] & points[q][0]) or (p[1] == q[1] and points[p][1] & points[q][1]))

    cells = []
    for p in ordered:
        below = [q for q in by_x[p[0]] if q > p]
        right = [q for q in by_y[p[1]] if q > p]
        cell = None
        for b in below:
            if not joined(p, b):
                continue
            for r in right:
                if not joined(p, r):
                    continue
                corner = (r[0], b[1])
                if corner in points and joined(corner, r) and joined(corner, b):
                    cell = (p[0], p[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            cells.append(cell)
    return cells


def group_cells(cells: list[Cell]) -> list[list[Cell]]:
    """The cells in tables, each a group touching at corners, top to bottom; a lone cell is no table."""
    remaining = list(cells)
    tables: list[list[Cell]] = []
    corners: set[Point] = set()
    current: list[Cell] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            these = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in these):
                corners.update(these)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
