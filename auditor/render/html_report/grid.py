"""Where each cell of a statistics table stands, and which copies of a merged cell are shown as
one cell again (with rowspan and colspan) rather than repeated."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from auditor.model.document import Cell, Table

Spot = tuple[int, int]  # (row, col), from 1


def cell_spot(cell: Cell, i: int, j: int) -> Spot:
    """The cell's (row, col): its location's, else its place in the rows (`i`, `j` from 0)."""
    loc = cell.location
    return (loc.row if loc.row is not None else i + 1, loc.col if loc.col is not None else j + 1)


@dataclass
class Layout:
    """How a table is drawn: the copies folded into the merged cell they copy, and that cell's
    size."""

    shown_at: dict[Spot, Spot]  # every folded copy → the spot of the cell shown for it
    merged: dict[Spot, tuple[int, int]]  # the spot of a merged cell → (rowspan, colspan)


def plan_layout(table: Table) -> Layout:
    """Merge the copies of a merged cell back into one cell where they form a rectangle with the
    cell at its top left; other copies are shown as repeated cells."""
    grid = {cell_spot(cell, i, j): cell for i, row in enumerate(table.rows) for j, cell in enumerate(row)}
    layout = Layout({}, {})
    for origin, copies in _copies(grid).items():
        if origin not in grid or grid[origin].span_of is not None:
            continue
        size = _rectangle(origin, copies)
        if size is None:
            continue
        layout.merged[origin] = size
        for spot in copies:
            layout.shown_at[spot] = origin
    return layout


def _copies(grid: dict[Spot, Cell]) -> dict[Spot, list[Spot]]:
    """The spot of each cell that is copied → the spots of its copies."""
    copies: dict[Spot, list[Spot]] = defaultdict(list)
    for spot, cell in grid.items():
        if cell.span_of is not None and cell.span_of.row is not None and cell.span_of.col is not None:
            copies[(cell.span_of.row, cell.span_of.col)].append(spot)
    return copies


def _rectangle(origin: Spot, copies: list[Spot]) -> tuple[int, int] | None:
    """(height, width) of the rectangle the cell at `origin` and its copies fill exactly, with the
    cell at its top left; None when they do not."""
    rows = [r for r, _ in copies] + [origin[0]]
    cols = [c for _, c in copies] + [origin[1]]
    if (min(rows), min(cols)) != origin:
        return None
    height, width = max(rows) - origin[0] + 1, max(cols) - origin[1] + 1
    if len(copies) + 1 != height * width or len(set(copies)) != len(copies):
        return None
    return height, width
