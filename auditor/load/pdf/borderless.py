"""Borderless tables: runs of text lines whose words stand in aligned columns with figures in them,
with the header line just above the figures and the end of a label wrapped below the last row.
Conservative, so that running text is not taken for a table (tolerances.py: ALIGNED_ROWS,
ALIGNED_COLUMNS)."""

from __future__ import annotations

from auditor.load.pdf.grids import Box, Grid, place_blanks, slot
from auditor.load.pdf.patterns import NUMBERED, STOPS, is_value
from auditor.load.pdf.tolerances import ALIGNED_COLUMNS, ALIGNED_ROWS, COLUMN_GAP, SNAP
from auditor.load.pdf.words import Line, Word, compose


def aligned_grids(text_lines: list[Line], lines: list[Line]) -> tuple[list[Grid], list[Line]]:
    """Tables drawn without ruling lines: runs of lines whose words stand in aligned columns with
    figures in them. Conservative: at least three rows of figures in three columns, and rows of
    figures at least half of the run. The header line just above the figures joins them."""
    segments = [_segments(line) for line in text_lines]
    grids: list[Grid] = []
    keep: list[Line] = []
    i = 0
    while i < len(text_lines):
        grid, start, end = None, i, i + 1
        if _is_row(segments[i]):
            start, end = _run_start(segments, i, len(keep)), _run_end(segments, i)
            end = _wrapped_end(text_lines, segments, start, end)
            grid = _aligned_grid(text_lines[start:end], segments[start:end], lines)
        if grid is None:
            keep.append(text_lines[i])
            i += 1
            continue
        del keep[len(keep) - (i - start):]
        grids.append(grid)
        i = end
    return grids, keep


def _segments(line: Line) -> list[list[Word]]:
    """The line's words in groups apart by a gap wide enough to separate table columns."""
    groups: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.x0 - groups[-1][-1].x1 >= COLUMN_GAP * line.height:
            groups.append([])
        groups[-1].append(word)
    return groups


def _is_row(segments: list[list[Word]]) -> bool:
    return len(segments) >= 2 and any(is_value(compose([s])) for s in segments[1:])


def _is_header(segments: list[list[Word]]) -> bool:
    return len(segments) >= 2 and not any(is_value(compose([s])) for s in segments)


def _run_start(segments: list[list[list[Word]]], first: int, free: int) -> int:
    """Where the table starts: at its header line (a line of column names, no figures) when one
    stands above the first row of figures, maybe with a section row or two between; `free` lines
    above are not yet in a table."""
    for start in range(first - 1, max(first - 4, first - free - 1, -1), -1):
        if _is_header(segments[start]):
            return start
        if len(segments[start]) != 1:
            break
    return first


def _wrapped_end(lines: list[Line], segments: list[list[list[Word]]], start: int, end: int) -> int:
    """The end of the run, after the lines that end a label wrapped below the last row: aligned
    with the label column, within it, and not a sentence (the text after the table is one)."""
    left = min(line.x0 for line in lines[start:end])
    column_end = min(g[1][0].x0 for g in segments[start:end] if len(g) >= 2)
    while end < len(lines) and len(segments[end]) == 1 and abs(lines[end].x0 - left) <= SNAP \
            and lines[end].x1 < column_end and not STOPS.search(lines[end].text) \
            and not NUMBERED.match(lines[end].text):
        end += 1
    return end


def _run_end(segments: list[list[list[Word]]], start: int) -> int:
    """The end of the run of rows from `start`: rows of figures, with at most two lines of label
    alone (a section row, a wrapped label) between them."""
    end = i = start + 1
    while i < len(segments):
        if _is_row(segments[i]):
            end = i = i + 1
        elif len(segments[i]) == 1 and i - end < 2:
            i += 1
        else:
            break
    return end


def _aligned_grid(run: list[Line], segments: list[list[list[Word]]], lines: list[Line]) -> Grid | None:
    figures = sum(_is_row(s) for s in segments)
    xs = _aligned_columns([group for groups in segments if len(groups) >= 2 for group in groups])
    if figures < ALIGNED_ROWS or len(xs) - 1 < ALIGNED_COLUMNS or figures * 2 < len(run):
        return None
    grid = Grid(xs, [run[0].top, run[-1].bottom], [], run[0].page)
    for line, groups in zip(run, segments):
        _aligned_row(grid, line, groups)
    place_blanks(grid, lines)
    return grid


def _aligned_columns(segments: list[list[Word]]) -> list[float]:
    """Column borders: the middles of the gaps that no segment of the run crosses."""
    merged: list[list[float]] = []
    for x0, x1 in sorted((s[0].x0, s[-1].x1) for s in segments):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    inner = [(a[1] + b[0]) / 2 for a, b in zip(merged, merged[1:])]
    return [merged[0][0] - 1, *inner, merged[-1][1] + 1] if merged else []


def _aligned_row(grid: Grid, line: Line, groups: list[list[Word]]) -> None:
    """Add `line` to `grid` as a row, or into the row above when it only continues that one."""
    cells: dict[int, list[Word]] = {}
    for group in groups:
        cells.setdefault(slot(grid.xs, group[0].x0 + SNAP), []).extend(group)
    if grid.rows and _continues_row(grid.rows[-1], cells):
        for c, words in cells.items():
            grid.rows[-1][c].words.extend(words)
        return
    grid.rows.append([Box(grid.xs[c], line.top, grid.xs[c + 1], line.bottom, line.page, cells.get(c, []))
                      for c in range(len(grid.xs) - 1)])


def _continues_row(previous: list[Box], cells: dict[int, list[Word]]) -> bool:
    """A label alone and not numbered continues the label above (wrapped); figures alone belong to
    the label above when it has none (a label wrapped around its figures). Not after a header."""
    figures_above = any(is_value(b.text) for b in previous[1:])
    if set(cells) == {0}:
        label_only_above = not any(b.text for b in previous[1:])
        return (figures_above or label_only_above) and not NUMBERED.match(compose([cells[0]]))
    if 0 not in cells:
        return not figures_above and not any(b.text for b in previous[1:]) and bool(previous[0].text)
    return False
