"""Build a Document from decoded plain text or Markdown: tables, headings and paragraphs.

Every cell and every character of a heading or paragraph keeps its line and column in the
source, so a finding can quote the exact place.
"""

from __future__ import annotations

import re

from auditor.load import MAX_TABLE_CELLS
from auditor.model.document import Cell, Document, Location, Segment, Table, TextBlock
from auditor.model.errors import InputError, Said
from auditor.model.numbers import COUNT_UNITS, MONEY_UNITS

# One table row as found in a line: each cell's text and its 0-based column in the line.
RawRow = list[tuple[str, int]]
# A table row as placed in the file: each cell's text, its 1-based line and 0-based column (the
# cells of one row may stand on lines of their own: a label over the row's figures).
PlacedRow = list[tuple[str, int, int]]

SECTION = re.compile(r"[一二三四五六七八九十百零〇]+、|[（(][一二三四五六七八九十百零〇]+[）)]")
SENTENCE_END = re.compile(r"[。；;！？]")
_ATX = re.compile(r" {0,3}#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SPACE_RUN = re.compile(r"[ \u3000]{2,}")
_SEPARATOR_CELL = re.compile(r":?-+:?")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]")
_TOKEN = re.compile(r"\S+")
# A cell's figure, with the unit a cell may carry (75394432.52元), or a dash standing for none.
_FIGURE = re.compile(r"[+-]?\d[\d,，]*(?:\.\d+)?(?:万元|元|人次|件|条|个|次|篇|人|项)?|[/／\-－—–―]{1,2}")

# A unit set off by a space at the end of a label line (a 统计表's 单位 column): 条, 件, 万元, 人次, ….
_UNIT_AFTER_LABEL = re.compile(r"(?<=\S)[ \u3000]+(%s)$" % "|".join(map(re.escape, [*COUNT_UNITS, *MONEY_UNITS])))

_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
_NOT_NEWLINE = re.compile(r"[^\n]")

HEADING_MAX = 40  # section headings are short; longer numbered lines are sentences
_ALIGNED_MAX = 200  # longer lines are prose, even with a stray double space
_LABEL_MAX = 60  # the longest row label of the forms is 36 characters
_LABEL_LINES = 2  # a label wrapped once, or a block label (三、本年度办理结果) over the row's own
_HEADER_WORDS = 3  # a line of this many words or more, single-spaced, names columns, not a row


def load_text(path: str, text: str, fmt: str) -> Document:
    """Parse `text` ("text" or "markdown" format); the caller fills in the encoding."""
    doc = Document(path=path, format=fmt, encoding=None, lines=split_lines(text))
    # Markdown comments are not report text; blanked (not removed) so that columns still match.
    lines = split_lines(_blank_comments(text)) if fmt == "markdown" else doc.lines
    pending: list[tuple[int, int, str]] = []  # markdown paragraph lines: (line, column, text)

    def flush() -> None:
        if pending:
            doc.blocks.append(_paragraph(pending))
            pending.clear()

    i = tables = 0  # tables so far (counted here: doc.tables lists every block again)
    while i < len(lines):
        run, used = _table_run(lines, i)
        if run:
            flush()
            table = _table(run, tables + 1, lines)
            if table:
                doc.blocks.append(table)
                tables += 1
            i += used
            continue
        line, number = lines[i], i + 1
        i += 1
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        column = len(line) - len(line.lstrip()) + 1
        heading = _heading(line)
        if heading:
            flush()
            doc.blocks.append(TextBlock("heading", heading[0], [Segment(0, number, heading[1])]))
        elif fmt == "markdown":
            if _LIST_ITEM.match(line):  # each list item reads as its own paragraph
                flush()
            pending.append((number, column, stripped))
        else:  # plain text puts one paragraph on each line
            doc.blocks.append(TextBlock("paragraph", stripped, [Segment(0, number, column)]))
    flush()
    return doc


def _blank_comments(text: str) -> str:
    """Each <!-- … --> blanked, line breaks kept (as re.sub of <!--.*?--> would, but without
    trying that pattern again from every later <!-- when a comment is never closed)."""
    pieces, done = [], 0
    start = text.find(_COMMENT_OPEN)
    while start >= 0:
        close = text.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN))
        if close < 0:
            break  # no --> after this <!--, so none after any later one either
        end = close + len(_COMMENT_CLOSE)
        pieces += [text[done:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        done = end
        start = text.find(_COMMENT_OPEN, end)
    return "".join(pieces) + text[done:] if pieces else text


def split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):  # a final newline ends the last line; it does not start one
        lines.pop()
    return lines


# ---- tables ---------------------------------------------------------------------------


def _table_run(lines: list[str], start: int) -> tuple[list[PlacedRow], int]:
    """The table rows starting at line index `start` and the lines they take: 2+ consecutive
    rows of one kind, or one row that can only be a table's (see `_stands_alone`)."""
    first = _row_at(lines, start)
    if first is None:
        return [], 0
    kind, cells, used = first
    run, i = [cells], start + used
    while i < len(lines):
        row = _row_at(lines, i)
        if row is None or row[0] != kind:
            break
        run.append(row[1])
        i += row[2]
    return (run, i - start) if len(run) >= 2 or _stands_alone(run[0]) else ([], 0)


def _row_at(lines: list[str], start: int) -> tuple[str, PlacedRow, int] | None:
    """The row at line index `start`, its kind and the lines it takes: a line of cells; a label
    of one or two lines over a line of nothing but figures (renderings that put a row's label and
    its figures on lines of their own, or wrap the label); or a line of figures alone."""
    row = _row(lines[start])
    if row:
        return row[0], _placed(start, row[1]), 1
    for size in range(1, _LABEL_LINES + 1):
        end = start + size
        if end >= len(lines) or not _is_label(lines[end - 1]):
            break
        if size > 1 and len(lines[start].split()) >= _HEADER_WORDS:
            break  # '指标名称 计量单位 2017年度 历年累计': the column heads above the first row, no label of it
        figures = _figure_cells(lines[end])
        if figures:
            labels = [cell for k in range(start, end) for cell in _placed(k, _label_cells(lines[k]))]
            kind = _row(lines[end])
            return kind[0] if kind else "space", labels + _placed(end, figures), size + 1
    figures = _figure_cells(lines[start])
    return ("space", _placed(start, figures), 1) if figures else None


def _label_cells(line: str) -> RawRow:
    """A label line as cells: the label, and its unit apart when a space sets it off at the end
    ('（一）主动公开政府信息数 条' over '2122 10037': the 统计表's 单位 column, as plain text writes it)."""
    text, column = _cell(line, 0, len(line))
    unit = _UNIT_AFTER_LABEL.search(text)
    if unit is None:
        return [(text, column)]
    return [(text[:unit.start()], column), (unit.group(1), column + unit.start(1))]


def _placed(index: int, cells: RawRow) -> PlacedRow:
    return [(text, index + 1, column) for text, column in cells]


def _figure_cells(line: str) -> RawRow | None:
    """The cells of a line of nothing but figures, however they are spaced, or None."""
    if len(line) >= _ALIGNED_MAX:
        return None
    cells = [(m.group(), m.start()) for m in _TOKEN.finditer(line)]
    if not cells or not all(_FIGURE.fullmatch(text) for text, _ in cells):
        return None
    return cells if any(ch.isdigit() for text, _ in cells for ch in text) else None


def _is_label(line: str) -> bool:
    """A line that may be a row's label: short, one cell, no sentence, some Chinese."""
    text = line.strip()
    return (0 < len(text) <= _LABEL_MAX and not _SPACE_RUN.search(text) and "|" not in text and "\t" not in text
            and not text.startswith("#") and not SENTENCE_END.search(text) and any(is_cjk(ch) for ch in text))


def _stands_alone(cells: PlacedRow) -> bool:
    """One row is a table when its cells stand on several lines, two or more are figures, or
    it is a label with its figure (a row between a table's block headers: 行政许可  340)."""
    figures = sum(bool(_FIGURE.fullmatch(t)) for t, _, _ in cells)
    return len({line for _, line, _ in cells}) > 1 or figures >= 2 or (
        figures == len(cells) - 1 and _is_label(cells[0][0]))


def _row(line: str) -> tuple[str, RawRow] | None:
    """Classify a line as a possible table row: pipes win over tabs over aligned spaces."""
    for kind, split in (("pipe", _pipe_cells), ("tab", _tab_cells), ("space", _space_cells)):
        cells = split(line)
        if cells:
            return kind, cells
    return None


def _pipe_cells(line: str) -> RawRow | None:
    if "|" not in line:
        return None
    pipes = _positions(line, "|")
    bounds = [-1, *pipes, len(line)]
    parts = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    # Blank text before a leading pipe or after a trailing pipe is not a cell;
    # empty text between two pipes is.
    if not line[: pipes[0]].strip():
        parts = parts[1:]
    if parts and not line[pipes[-1] + 1 :].strip():
        parts = parts[:-1]
    cells = [_cell(line, s, e) for s, e in parts]
    return cells if len(cells) >= 2 else None


def _tab_cells(line: str) -> RawRow | None:
    # A tab only in the indentation or at the end does not make columns.
    if "\t" not in line.strip():
        return None
    end = len(line.rstrip())
    tabs = _positions(line, "\t", end)
    bounds = [-1, *tabs, end]
    return [_cell(line, bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]


def _space_cells(line: str) -> RawRow | None:
    if len(line) >= _ALIGNED_MAX:
        return None
    start, end = len(line) - len(line.lstrip()), len(line.rstrip())
    cells, pos = [], start
    for gap in _SPACE_RUN.finditer(line, start, end):
        cells.append(_cell(line, pos, gap.start()))
        pos = gap.end()
    cells.append(_cell(line, pos, end))
    # Aligned statistics tables always carry numbers; this keeps short prose out.
    if len(cells) < 2 or not any(ch.isdigit() for text, _ in cells for ch in text):
        return None
    return cells


def _positions(line: str, char: str, end: int | None = None) -> list[int]:
    """Every offset of `char` in line[:end] (found by str.find, not a loop over each character)."""
    found, at = [], line.find(char, 0, end)
    while at >= 0:
        found.append(at)
        at = line.find(char, at + 1, end)
    return found


def _cell(line: str, start: int, end: int) -> tuple[str, int]:
    """The trimmed text of line[start:end] and the column where it begins."""
    raw = line[start:end]
    text = raw.strip()
    return text, (start + len(raw) - len(raw.lstrip()) if text else start)


def _table(run: list[PlacedRow], number: int, lines: list[str]) -> Table | None:
    rows = [cells for cells in run if not _is_separator(cells)]
    if not rows:
        return None
    width = max(len(cells) for cells in rows)
    if width * len(rows) > MAX_TABLE_CELLS:  # short rows are padded to the widest
        raise TableTooLarge(Said("input.table_cells", cells=f"{MAX_TABLE_CELLS:,}"))
    table_rows = []
    for r, cells in enumerate(rows, 1):
        n = cells[-1][1]
        past_end = len(lines[n - 1].rstrip())  # where cells missing from a short row would go
        cells = cells + [("", n, past_end)] * (width - len(cells))
        locations = [Location(n, c + 1, table=number, row=r, col=k) for k, (_, n, c) in enumerate(cells, 1)]
        table_rows.append([Cell(t, loc) for (t, _, _), loc in zip(cells, locations)])
    return Table(rows=table_rows, number=number)


def _is_separator(cells: PlacedRow) -> bool:
    """A Markdown delimiter row such as |---|:--:| (also ASCII-art rules between rows)."""
    return all(_SEPARATOR_CELL.fullmatch(text) for text, _, _ in cells)


# ---- headings and paragraphs ------------------------------------------------------------


def _heading(line: str) -> tuple[str, int] | None:
    """(text, 1-based column of the text) when the line is a heading."""
    atx = _ATX.match(line)
    if atx:
        body = _ATX_CLOSE.sub("", line[atx.end() :])
        text = body.strip()
        return (text, atx.end() + len(body) - len(body.lstrip()) + 1) if text else None
    text = line.strip()
    if (
        len(text) <= HEADING_MAX
        and SECTION.match(text.lstrip("*_"))  # also **一、概述** in Markdown
        and not SENTENCE_END.search(text)
    ):
        return text, len(line) - len(line.lstrip()) + 1
    return None


def _paragraph(parts: list[tuple[int, int, str]]) -> TextBlock:
    """Join the lines of a Markdown paragraph, one Segment per source line."""
    text, segments = "", []
    for number, column, part in parts:
        if text:
            # Chinese has no spaces between words, so a line break inside CJK text is not one.
            text += "" if is_cjk(text[-1]) and is_cjk(part[0]) else " "
        segments.append(Segment(len(text), number, column))
        text += part
    return TextBlock("paragraph", text, segments)


def is_cjk(ch: str) -> bool:
    """Han characters, CJK punctuation and full-width forms."""
    cp = ord(ch)
    return (
        0x3000 <= cp <= 0x303F
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def load_bytes(path: str, data: bytes, fmt: str) -> Document:
    """Decode the bytes of a text or Markdown file and parse them (used by `auditor.load`)."""
    from auditor.load.encoding import decode

    text, encoding = decode(data, path)
    try:
        document = load_text(path, text, fmt)
    except TableTooLarge as exc:
        raise InputError(path, exc.args[0]) from None
    document.encoding = encoding
    return document


class TableTooLarge(Exception):
    """A table over MAX_TABLE_CELLS once its short rows are padded."""
