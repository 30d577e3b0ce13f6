"""Tables as grids of boxes, the shape both ruled and borderless tables are read into.

A box is a cell as drawn (a merged cell is one box covering several slots of the grid); a grid is
the column and row borders and each row's boxes. Here the words that stand in a table are put
into their cells (a word running across a column border is cut there), and a blank cell is told
where it stands in the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from auditor.load.pdf.tolerances import SNAP
from auditor.load.pdf.words import Line, Word, compose


@dataclass(eq=False)
class Box:
    """A cell as drawn: a merged cell is one box covering several slots of its grid."""

    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    words: list[Word] = field(default_factory=list)
    blank_at: tuple[int, int] = (1, 1)  # (line, column) that a blank box points at
    alias: Box | None = None  # the box this one continues (a cell cut by a page break)

    def resolve(self) -> Box:
        box = self
        while box.alias is not None:
            box = box.alias
        return box

    @property
    def text(self) -> str:
        lines: dict[int, list[Word]] = {}
        for word in sorted(self.words, key=lambda w: (w.line, w.x0)):
            lines.setdefault(word.line, []).append(word)
        return compose(list(lines.values()), cell=True)

    def place(self) -> tuple[int, int, int]:
        """(line, column, page) of its first character, or of the place a blank box stands."""
        if self.words:
            first = min(self.words, key=lambda w: (w.line, w.x0))
            return first.line, first.column, first.page
        return (*self.blank_at, self.page)


@dataclass(eq=False)
class Grid:
    """A table: column borders, and each row's slots (the box covering each)."""

    xs: list[float]
    ys: list[float]
    rows: list[list[Box]]
    page: int
    # A one-column frame ending a page: a table's first row if the table goes on over the page
    # (it is joined), else text (these lines stand for it).
    frame_lines: list[Line] | None = None

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


def grid_from_cells(cells: list[tuple[float, float, float, float]], page: int) -> Grid:
    """A rectangular grid from the cells of ruling lines (cells.py): each merged cell becomes one box covering all
    its slots; a slot no cell covers gets a blank box of its own."""
    xs = snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = snap([c[1] for c in cells] + [c[3] for c in cells])
    rows: list[list[Box | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in cells:
        box = Box(x0, top, x1, bottom, page)
        for r in range(_index(ys, top), _index(ys, bottom)):
            for c in range(_index(xs, x0), _index(xs, x1)):
                rows[r][c] = rows[r][c] or box
    filled = [[slot or Box(xs[c], ys[r], xs[c + 1], ys[r + 1], page) for c, slot in enumerate(row)]
              for r, row in enumerate(rows)]
    return Grid(xs, ys, filled, page)


def snap(values: Iterable[float], tolerance: float = SNAP) -> list[float]:
    """Sorted distinct borders, borders closer than `tolerance` taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(borders: list[float], value: float) -> int:
    """The index of the border nearest to `value`."""
    i = bisect.bisect_left(borders, value)
    if i == len(borders) or (i > 0 and value - borders[i - 1] < borders[i] - value):
        i -= 1
    return i


def slot(borders: list[float], value: float) -> int:
    """The slot between two borders that `value` falls in (clamped to the grid)."""
    return min(max(bisect.bisect_right(borders, value) - 1, 0), len(borders) - 2)


def fill(grids: list[Grid], words: list[Word]) -> set[int]:
    """Put each word that stands in a table into its cell (a word running across a column border,
    as "三、本年（四）" can, is cut there); the ids of the words placed."""
    inside: set[int] = set()
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        grid = next((g for g in grids if g.xs[0] <= cx <= g.xs[-1] and g.top <= cy <= g.bottom), None)
        if grid is None:
            continue
        inside.add(id(word))
        row = grid.rows[slot(grid.ys, cy)]
        last: Box | None = None
        for piece in _split(word, grid.xs):
            box = row[slot(grid.xs, (piece.x0 + piece.x1) / 2)]
            if box is last:  # a merged cell spans that border: the word is whole in it
                box.words[-1].text += piece.text
                box.words[-1].x1 = piece.x1
            else:
                box.words.append(piece)
            last = box
    return inside


def _split(word: Word, xs: list[float]) -> list[Word]:
    """`word` cut at the column borders it runs across (by its characters' centres)."""
    inner = [x for x in xs[1:-1] if word.x0 + SNAP < x < word.x1 - SNAP]
    if not inner or not word.chars:
        return [word]
    pieces: list[Word] = []
    offset, last = 0, None
    for char in word.chars:
        column = bisect.bisect_right(inner, (char.x0 + char.x1) / 2)
        if column != last:
            pieces.append(replace(word, text="", x0=char.x0, column=word.column + offset, chars=[]))
            last = column
        piece = pieces[-1]
        piece.text += char.text
        piece.x1 = char.x1
        offset += len(char.text)
    return pieces


def place_blanks(grid: Grid, lines: list[Line]) -> None:
    """Where a blank box points: the line through its middle (or the nearest one above it), at the
    column where its left border falls."""
    tops = [line.top for line in lines]
    for box in {id(b): b for row in grid.rows for b in row}.values():
        if box.words or not lines:
            continue
        middle = (box.top + box.bottom) / 2
        line = lines[max(bisect.bisect_right(tops, middle) - 1, 0)]
        after = [w for w in line.words if w.x0 >= box.x0 - SNAP]
        column = after[0].column if after else len(" ".join(w.text for w in line.words)) + 1
        box.blank_at = (line.number, column)
