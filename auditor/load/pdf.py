"""Build a Document from a PDF's text layer: the running text in reading order, and the tables.

Report PDFs are exported from Word or WPS, or printed from the web page. Each page is read once
with pdfplumber: its words (`extract_words`, with their characters) and its ruled tables
(`find_tables`, on the ruling lines that are actually visible). Everything else is derived from
those two in plain Python: text lines, paragraphs, cells, and tables continued across pages.

Every character keeps where it stands. `Document.lines` holds the text lines of every page,
numbered across the whole document (so a Location's `line` indexes it); `column` is the
character's 1-based index in that line, and `page` is set.
"""

from __future__ import annotations

import bisect
import contextvars
import io
import logging
import re
import zlib
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Union

from auditor.load import MB
from auditor.load.encoding import EMPTY

# Shared with the text and HTML loaders, so that all of them read headings and CJK spacing alike.
from auditor.load.text import HEADING_MAX, SECTION, SENTENCE_END, is_cjk
from auditor.model.document import Cell, Document, Location, Segment, Table, TextBlock
from auditor.model.errors import InputError

NO_TEXT = "the PDF has no text layer (a scan?); OCR is not supported"
ENCRYPTED = "the PDF is encrypted: remove the password and try again"

# ---- limits (docs/limits.md) ------------------------------------------------------------------

MAX_PAGES = 1000  # a PDF with more pages is refused
MAX_DECODED = 256 * MB  # the PDF's streams decompress to at most this many bytes in all
MAX_OBJECTS = 300_000  # characters, drawn shapes and images in all (the real reports: 10,000 at most)
_MAX_RULES = 500  # past this many ruling lines of one orientation on a page ...
_MAX_CROSSINGS = 2000  # ... or this many crossings of them, the page is read without ruled tables

# pdfminer and pdfplumber log what they mend in a damaged file ("CropBox missing from /Page,
# defaulting to MediaBox") and, at DEBUG, every token they read. None of it is for our user, and
# none of it goes to the embedding application's handlers unless it configured these loggers itself.
for _name in ("pdfminer", "pdfplumber"):
    _logger = logging.getLogger(_name)
    if not _logger.handlers and _logger.level == logging.NOTSET:
        _logger.addHandler(logging.NullHandler())
        _logger.setLevel(logging.ERROR)
        _logger.propagate = False

# ---- tolerances (PDF points) -------------------------------------------------------------------

_LINE_OVERLAP = 0.6  # words on one line share this much of the smaller one's height
_SNAP = 2.0  # cell borders closer than this are one border
_UNDERLINE_BELOW = (-1.0, 2.5)  # an underline runs this far below the bottom of the words above it
_UNDERLINE_COVER = 0.8  # ... and the words cover this share of it; a cell border is mostly bare
_JOIN_EDGE = 4.0  # parts of one table across a page break have their sides this close
_PAGE_BOTTOM, _PAGE_TOP = 0.7, 0.3  # a part ends below / starts above this share of the page height
_COLUMN_GAP = 1.5  # in a borderless table, columns are apart by this many character heights
_ALIGNED_ROWS = 3  # a borderless table has at least this many rows of figures ...
_ALIGNED_COLUMNS = 3  # ... in at least this many columns

_STOPS = re.compile(r"[。！？!?][”’」』）)\"']*$")  # a line ending a sentence ends its paragraph
_PAGE_NUMBER = re.compile(r"[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+")
_NUMBERED = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．]|其中)")
_VALUE = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:%|％|[万亿]?元|万|亿)?|[/／\-－—–]+|无|没有|不适用")


# ---- what a page is made of ---------------------------------------------------------------------


@dataclass
class _Word:
    """A word, or the part of one that stands in one cell, and where it is."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    line: int = 0  # 1-based number of its line in Document.lines
    column: int = 1  # 1-based column of its first character in that line
    chars: list[dict[str, Any]] = field(default_factory=list, repr=False)


@dataclass
class _Line:
    """A line of text on a page: its words, left to right."""

    words: list[_Word]
    number: int
    page: int

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def text(self) -> str:
        return _compose([self.words])


@dataclass(eq=False)
class _Box:
    """A cell as drawn: a merged cell is one box covering several slots of its grid."""

    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    words: list[_Word] = field(default_factory=list)
    blank_at: tuple[int, int] = (1, 1)  # (line, column) that a blank box points at
    alias: _Box | None = None  # the box this one continues (a cell cut by a page break)

    def resolve(self) -> _Box:
        box = self
        while box.alias is not None:
            box = box.alias
        return box

    @property
    def text(self) -> str:
        lines: dict[int, list[_Word]] = {}
        for word in sorted(self.words, key=lambda w: (w.line, w.x0)):
            lines.setdefault(word.line, []).append(word)
        return _compose(list(lines.values()), cell=True)

    def place(self) -> tuple[int, int, int]:
        """(line, column, page) of its first character, or of the place a blank box stands."""
        if self.words:
            first = min(self.words, key=lambda w: (w.line, w.x0))
            return first.line, first.column, first.page
        return (*self.blank_at, self.page)


@dataclass(eq=False)
class _Grid:
    """A table: column borders, and each row's slots (the box covering each)."""

    xs: list[float]
    ys: list[float]
    rows: list[list[_Box]]
    page: int
    # A one-column frame ending a page: a table's first row if the table goes on over the page
    # (it is joined), else text (these lines stand for it).
    frame_lines: list[_Line] | None = None

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


_Item = Union[_Line, _Grid]


@dataclass
class _Page:
    number: int
    height: float
    first_line: int  # the number its first line has (or would have) in Document.lines
    items: list[_Item]  # text lines and tables, top to bottom


# ---- entry point ----------------------------------------------------------------------------------


def load_bytes(path: str, data: bytes, fmt: str) -> Document:
    """Read the PDF in `data` into a Document (format "pdf"); used by `auditor.load`."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    if not data:
        raise InputError(path, EMPTY)
    if b"%PDF-" not in data[:1024]:  # where the PDF spec lets the header start
        raise InputError(path, "not a valid PDF file (no %PDF header)")
    _bound_decoders()
    budget = _Budget(MAX_DECODED, MAX_OBJECTS)
    token = _BUDGET.set(budget)
    pdf = None
    try:
        # Pages past the limit are counted, never read.
        pdf = pdfplumber.open(io.BytesIO(data), pages=range(1, MAX_PAGES + 2))
        return _load(path, pdf, budget)
    except (PdfminerException, PSException, MalformedPDFException, _OverBudget) as e:
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
        if budget.reason:
            raise InputError(path, budget.reason) from None
        if isinstance(cause, PDFEncryptionError):
            raise InputError(path, ENCRYPTED) from None
        raise InputError(path, f"not a valid PDF file ({_reason(cause)})") from None
    except (ArithmeticError, AssertionError, AttributeError, LookupError, TypeError, ValueError) as e:
        # pdfplumber reads a page's boxes and rotation unchecked (a MediaBox of two numbers, a
        # /Rotate that is a name): raised in the libraries, such an error is the file's.
        if budget.reason:
            raise InputError(path, budget.reason) from None
        if not _raised_in_library(e):
            raise
        raise InputError(path, f"not a valid PDF file ({_reason(e)})") from None
    finally:
        _BUDGET.reset(token)
        if pdf is not None:
            _close(pdf)


def _close(pdf: Any) -> None:
    try:
        pdf.close()  # reads the page list again: the same error if a page could not be read
    except Exception:  # noqa: BLE001 - closing a file already given up on
        stream = getattr(pdf, "stream", None)
        if stream is not None:
            stream.close()


def _raised_in_library(error: BaseException) -> bool:
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    module = tb.tb_frame.f_globals.get("__name__", "") if tb is not None else ""
    return module.split(".")[0] in ("pdfminer", "pdfplumber")


def _reason(error: object) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return text or type(error).__name__


def _load(path: str, pdf: Any, budget: _Budget) -> Document:
    document = Document(path=path, format="pdf", encoding=None, title=_title(pdf))
    if not pdf.pages:
        raise InputError(path, "not a valid PDF file (no pages)")
    if len(pdf.pages) > MAX_PAGES:
        raise InputError(path, f"the PDF has more than {MAX_PAGES} pages (the limit)")
    pages: list[_Page] = []
    for number, page in enumerate(pdf.pages, 1):
        pages.append(_read_page(page, number, document.lines))
        page.close()  # frees pdfplumber's cached objects: the page is read once
        if budget.reason:  # pdfminer may have caught the error and read on without the stream
            raise _OverBudget()
    if not document.lines:
        raise InputError(path, NO_TEXT)
    _join_continued_tables(pages)
    document.blocks = _Blocks(pages).build()
    return document


def _title(pdf: Any) -> str | None:
    """The document title from the PDF's Info dictionary, decoded as the PDF spec says (WPS writes
    UTF-16 with a little-endian BOM, which pdfplumber's metadata shows as mojibake)."""
    from pdfminer.utils import decode_text

    for info in getattr(pdf.doc, "info", []) or []:
        raw = info.get("Title")
        raw = raw.resolve() if hasattr(raw, "resolve") else raw
        if isinstance(raw, bytes):
            for bom, codec in ((b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")):
                if raw.startswith(bom):
                    return raw[2:].decode(codec, "replace").strip("\x00 ") or None
            return decode_text(raw).strip() or None
        if isinstance(raw, str):
            return raw.strip() or None
    return None


# ---- bounded decompression ---------------------------------------------------------------------

class _OverBudget(Exception):
    """The PDF being read is over its budget (see `_Budget.reason`)."""


@dataclass
class _Budget:
    """What the PDF being read may still decompress (bytes) and draw (characters, shapes, images).
    Both bound the memory and the time it takes: pdfplumber holds every object of a page, at
    about 20,000 a second, and a Form XObject drawn a thousand times is drawn a thousand times."""

    decoded: int
    objects: int
    reason: str | None = None

    def take(self, size: int) -> None:
        self.decoded -= size
        if self.decoded < 0:
            self.reason = f"the PDF's compressed data inflates past {MAX_DECODED // MB} MB (the limit; a decompression bomb?)"
            raise _OverBudget()

    def draw(self) -> None:
        self.objects -= 1
        if self.objects < 0:
            self.reason = f"the PDF draws more than {MAX_OBJECTS:,} characters and shapes (the limit)"
            raise _OverBudget()


# The budget of the PDF being read in this context; None outside `load_bytes`, where the
# decoders below behave as pdfminer's own.
_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("auditor_pdf_budget", default=None)
_CHUNK, _STEP = 1 << 20, 1 << 16  # at most this much output per call; this much input at a time


def _take(size: int) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.take(size)


def _inflate(data: bytes) -> bytes:
    """zlib.decompress(data), taking what it produces from the budget as it goes: a small stream
    that inflates to gigabytes is stopped at the limit, not held in memory."""
    decompressor = zlib.decompressobj()
    out: list[bytes] = []
    view = memoryview(data)
    for start in range(0, len(data), _STEP):  # a slice at a time: unconsumed_tail is a copy
        rest = view[start:start + _STEP]
        while rest and not decompressor.eof:
            out.append(decompressor.decompress(rest, _CHUNK))
            _take(len(out[-1]))
            rest = decompressor.unconsumed_tail
        if decompressor.eof:
            break
    if not decompressor.eof:
        out.append(decompressor.flush())
        if not decompressor.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(out)


def _inflate_corrupted(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted` (what can be inflated of a damaged stream; an error in
    the last 3 bytes, the checksum, is ignored), in linear time: pdfminer feeds one byte at a time
    and concatenates, which takes minutes on a damaged stream of a few hundred kilobytes."""
    decompressor = zlib.decompressobj()
    out: list[bytes] = []
    step = 4096
    for start in range(0, len(data), step):
        piece = data[start:start + step]
        saved = decompressor.copy()
        try:
            out.append(decompressor.decompress(piece))
            _take(len(out[-1]))
            continue
        except zlib.error:
            decompressor = saved
        for i in range(len(piece)):  # the byte it fails at
            try:
                out.append(decompressor.decompress(piece[i:i + 1]))
                _take(len(out[-1]))
            except zlib.error:
                if start + i < len(data) - 3:
                    raise
                return b"".join(out)
    return b"".join(out)


class _Zlib:
    """What pdfminer.pdftypes uses of the zlib module, with `decompress` bounded."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        return _inflate(data) if not args and not kwargs else zlib.decompress(data, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _counted(decode: Callable[..., bytes]) -> Callable[..., bytes]:
    """A pdfminer decoder whose output is taken from the budget (ASCII85, hex, run-length and
    CCITT expand a bounded number of times; LZW is bounded as it goes, see `_lzw`)."""

    def wrapper(*args: Any, **kwargs: Any) -> bytes:
        out = decode(*args, **kwargs)
        _take(len(out))
        return out

    wrapper.__wrapped__ = decode  # type: ignore[attr-defined]
    return wrapper


def _drawn(method: Callable[..., Any]) -> Callable[..., Any]:
    """A method of pdfminer's layout device that draws an object, counted in the budget."""

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            budget.draw()
        return method(self, *args, **kwargs)

    wrapper.__wrapped__ = method  # type: ignore[attr-defined]
    return wrapper


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _take(len(piece))
        out.append(piece)
    return b"".join(out)


def _bound_decoders() -> None:
    """Point pdfminer's stream decoding at the bounded decoders above, and count what its layout
    device draws (once). Outside
    `load_bytes` they have no budget and behave as pdfminer's own, so another user of pdfminer in
    the same process sees no difference but speed."""
    from pdfminer import pdftypes

    if isinstance(pdftypes.zlib, _Zlib):
        return
    from pdfminer.converter import PDFLayoutAnalyzer

    for name in ("render_char", "paint_path", "render_image"):
        setattr(PDFLayoutAnalyzer, name, _drawn(getattr(PDFLayoutAnalyzer, name)))
    pdftypes.zlib = _Zlib()  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _inflate_corrupted
    pdftypes.lzwdecode = _lzw
    for name in ("ascii85decode", "asciihexdecode", "rldecode", "ccittfaxdecode"):
        setattr(pdftypes, name, _counted(getattr(pdftypes, name)))


# ---- one page: words, lines, ruled tables ------------------------------------------------------------


def _read_page(page: Any, number: int, lines_out: list[str]) -> _Page:
    """Read `page` once; its text lines are appended to `lines_out` (Document.lines)."""
    first_line = len(lines_out) + 1
    # A glyph with no Unicode text (a damaged font's ToUnicode map) makes a word of no text.
    words = [_word(w, number) for w in page.extract_words(return_chars=True) if w["text"]]
    lines = _group_lines(words, number, first_line - 1)
    lines_out.extend(" ".join(w.text for w in line.words) for line in lines)
    ruled = _ruled_grids(page, words)
    grids = [g for g in ruled if len(g.xs) > 2]  # one column: a frame around text, not a table
    text_lines = _text_lines(lines, _fill(grids, words))
    grids = [g for g in grids if any(box.words for row in g.rows for box in row)]
    if not grids:
        grids, text_lines = _aligned_grids(text_lines, lines)
    text_lines = [line for line in text_lines if not _is_page_number(line, page.height)]
    frame = _last_frame([g for g in ruled if len(g.xs) == 2], text_lines, page.height)
    if frame is not None:  # maybe the first row of a table that goes on over the page
        text_lines = text_lines[:len(text_lines) - len(frame.frame_lines or [])]
        grids.append(frame)
    for grid in grids:
        _place_blanks(grid, lines)
    items: list[_Item] = [*text_lines, *grids]
    items.sort(key=lambda item: item.top)
    return _Page(number, page.height, first_line, items)


def _last_frame(frames: list[_Grid], text_lines: list[_Line], height: float) -> _Grid | None:
    """A one-column frame at the foot of the page with the last lines of text in it, filled with
    their words; `frame_lines` keeps the lines, should no table on the next page continue it."""
    if not frames:
        return None
    frame = max(frames, key=lambda g: g.bottom)
    inside = [line for line in text_lines if line.top >= frame.top - _SNAP]
    if frame.bottom < _PAGE_BOTTOM * height or not inside or any(line.bottom > frame.bottom + _SNAP for line in inside):
        return None
    frame.frame_lines = inside
    _fill([frame], [w for line in inside for w in line.words])
    return frame


def _word(raw: dict[str, Any], page: int) -> _Word:
    return _Word(raw["text"], raw["x0"], raw["x1"], raw["top"], raw["bottom"], page, chars=raw.get("chars", []))


def _group_lines(words: list[_Word], page: int, before: int) -> list[_Line]:
    """Words in lines, top to bottom, each line left to right; line numbers follow `before`.
    A word is on the line of the word that started it when their heights mostly overlap (a digit
    in a smaller font sits lower on the same baseline). A line's text is its words joined by one
    space, which fixes each word's column."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        anchor = lines[-1][0] if lines else None
        if anchor is None or _overlap(anchor, word) < _LINE_OVERLAP * min(anchor.bottom - anchor.top, word.bottom - word.top):
            lines.append([])
        lines[-1].append(word)
    result = []
    for index, line_words in enumerate(lines, before + 1):
        line_words.sort(key=lambda w: w.x0)
        column = 1
        for word in line_words:
            word.line, word.column = index, column
            column += len(word.text) + 1
        result.append(_Line(line_words, index, page))
    return result


def _overlap(a: _Word, b: _Word) -> float:
    return min(a.bottom, b.bottom) - max(a.top, b.top)


def _is_page_number(line: _Line, height: float) -> bool:
    near_edge = line.top > 0.85 * height or line.bottom < 0.15 * height
    return near_edge and bool(_PAGE_NUMBER.fullmatch(" ".join(w.text for w in line.words)))


def _text_lines(lines: list[_Line], inside: set[int]) -> list[_Line]:
    """The lines of running text: each page line without the words that stand in a table."""
    result = []
    for line in lines:
        words = [w for w in line.words if id(w) not in inside]
        if words:
            result.append(_Line(words, line.number, line.page))
    return result


# ---- ruling lines -------------------------------------------------------------------------------------


def _ruled_grids(page: Any, words: list[_Word]) -> list[_Grid]:
    """The page's ruled tables, found on its visible ruling lines. Invisible rectangles (white
    paragraph backgrounds that WPS draws behind every line of text) and underlined text would
    otherwise read as tables; a table cut by a page break lacks its closing border."""
    edges = [e for e in page.edges if _visible(e)]
    vertical = [e for e in edges if e["orientation"] == "v"]
    by_bottom = sorted(words, key=lambda w: w.bottom)
    bottoms = [w.bottom for w in by_bottom]
    horizontal = [e for e in edges if e["orientation"] == "h" and not _underline(e, by_bottom, bottoms)]
    horizontal += _closing_edges(vertical, horizontal)
    if len(vertical) < 2 or len(horizontal) < 2 or max(len(vertical), len(horizontal)) > _MAX_RULES:
        return []  # no table; or graphics (a chart, a map), not one: finding cells would take hours
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}
    finder = _table_finder(page, settings)
    if finder is None:
        return []
    tables = [table.cells for table in finder.tables]
    grouped = {cell for cells in tables for cell in cells}
    lone = [[cell] for cell in finder.cells if cell not in grouped]  # frames, which find_tables drops
    return [_grid(cells, page.page_number) for cells in tables + lone]


def _table_finder(page: Any, settings: dict[str, Any]) -> Any:
    """What `page.debug_tablefinder(settings)` returns (what find_tables runs, with the lone cells
    too), or None when the rulings cross more than _MAX_CROSSINGS times: pdfplumber finds cells
    in time quadratic in the crossings (a 150 x 150 grid takes a minute)."""
    from pdfplumber.table import (
        Table,
        TableFinder,
        TableSettings,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
    )

    finder = TableFinder.__new__(TableFinder)  # TableFinder.__init__, with the check between its steps
    finder.page, finder.settings = page, TableSettings.resolve(settings)
    finder.edges = finder.get_edges()
    finder.intersections = edges_to_intersections(finder.edges, finder.settings.intersection_x_tolerance,
                                                  finder.settings.intersection_y_tolerance)
    if len(finder.intersections) > _MAX_CROSSINGS:
        return None
    finder.cells = intersections_to_cells(finder.intersections)
    finder.tables = [Table(page, group) for group in cells_to_tables(finder.cells)]
    return finder


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


def _underline(edge: dict[str, Any], words: list[_Word], bottoms: list[float]) -> bool:
    """A horizontal line just under words that cover most of its length underlines them (a cell
    border under a row of text is mostly bare). Words closer than a character are one run, as
    the letter-spaced characters of a justified label are. `words` are sorted by their bottoms."""
    y, x0, x1 = edge["top"], edge["x0"], edge["x1"]
    low, high = _UNDERLINE_BELOW
    near = words[bisect.bisect_left(bottoms, y - high):bisect.bisect_right(bottoms, y - low)]
    above = sorted((w for w in near if w.x1 > x0 and w.x0 < x1), key=lambda w: w.x0)
    runs: list[list[float]] = []
    for w in above:
        if runs and w.x0 - runs[-1][1] < w.bottom - w.top:
            runs[-1][1] = max(runs[-1][1], w.x1)
        else:
            runs.append([w.x0, w.x1])
    covered = sum(max(0.0, min(b, x1) - max(a, x0)) for a, b in runs)
    return x1 > x0 and covered >= _UNDERLINE_COVER * (x1 - x0)


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
        covered = sum(max(0.0, min(h["x1"], x1) - max(h["x0"], x0)) for h in horizontal if abs(h["top"] - y) <= _SNAP)
        if x1 - x0 > _SNAP and covered < 0.95 * (x1 - x0):
            added.append({"x0": x0, "x1": x1, "top": float(y), "bottom": float(y), "width": x1 - x0,
                          "height": 0.0, "orientation": "h", "object_type": "line"})
    return added


def _grid(cells: list[tuple[float, float, float, float]], page: int) -> _Grid:
    """A rectangular grid from pdfplumber's cells: each merged cell becomes one box covering all
    its slots; a slot no cell covers gets a blank box of its own."""
    xs = _snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = _snap([c[1] for c in cells] + [c[3] for c in cells])
    rows: list[list[_Box | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in cells:
        box = _Box(x0, top, x1, bottom, page)
        for r in range(_index(ys, top), _index(ys, bottom)):
            for c in range(_index(xs, x0), _index(xs, x1)):
                rows[r][c] = rows[r][c] or box
    filled = [[slot or _Box(xs[c], ys[r], xs[c + 1], ys[r + 1], page) for c, slot in enumerate(row)]
              for r, row in enumerate(rows)]
    return _Grid(xs, ys, filled, page)


def _snap(values: Iterable[float], tolerance: float = _SNAP) -> list[float]:
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


def _slot(borders: list[float], value: float) -> int:
    """The slot between two borders that `value` falls in (clamped to the grid)."""
    return min(max(bisect.bisect_right(borders, value) - 1, 0), len(borders) - 2)


def _fill(grids: list[_Grid], words: list[_Word]) -> set[int]:
    """Put each word that stands in a table into its cell (a word running across a column border,
    as "三、本年（四）" can, is cut there); the ids of the words placed."""
    inside: set[int] = set()
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        grid = next((g for g in grids if g.xs[0] <= cx <= g.xs[-1] and g.top <= cy <= g.bottom), None)
        if grid is None:
            continue
        inside.add(id(word))
        row = grid.rows[_slot(grid.ys, cy)]
        last: _Box | None = None
        for piece in _split(word, grid.xs):
            box = row[_slot(grid.xs, (piece.x0 + piece.x1) / 2)]
            if box is last:  # a merged cell spans that border: the word is whole in it
                box.words[-1].text += piece.text
                box.words[-1].x1 = piece.x1
            else:
                box.words.append(piece)
            last = box
    return inside


def _split(word: _Word, xs: list[float]) -> list[_Word]:
    """`word` cut at the column borders it runs across (by its characters' centres)."""
    inner = [x for x in xs[1:-1] if word.x0 + _SNAP < x < word.x1 - _SNAP]
    if not inner or not word.chars:
        return [word]
    pieces: list[_Word] = []
    offset, last = 0, None
    for char in word.chars:
        column = bisect.bisect_right(inner, (char["x0"] + char["x1"]) / 2)
        if column != last:
            pieces.append(replace(word, text="", x0=char["x0"], column=word.column + offset, chars=[]))
            last = column
        piece = pieces[-1]
        piece.text += char["text"]
        piece.x1 = char["x1"]
        offset += len(char["text"])
    return pieces


def _place_blanks(grid: _Grid, lines: list[_Line]) -> None:
    """Where a blank box points: the line through its middle (or the nearest one above it), at the
    column where its left border falls."""
    tops = [line.top for line in lines]
    for box in {id(b): b for row in grid.rows for b in row}.values():
        if box.words or not lines:
            continue
        middle = (box.top + box.bottom) / 2
        line = lines[max(bisect.bisect_right(tops, middle) - 1, 0)]
        after = [w for w in line.words if w.x0 >= box.x0 - _SNAP]
        column = after[0].column if after else len(" ".join(w.text for w in line.words)) + 1
        box.blank_at = (line.number, column)


# ---- text and cells: characters joined as Chinese writes them ----------------------------------------


def _compose(lines: list[list[_Word]], cell: bool = False) -> str:
    """The text of words on successive lines. On one line, words are joined as _joint says. Lines
    are joined likewise in running text; in a cell (a wrapped label, a vertical header one
    character per line, a long number broken in a narrow column) they are joined with nothing,
    except between Latin letters."""
    text = ""
    for n, words in enumerate(lines):
        for i, word in enumerate(words):
            if text and word.text:
                if cell and n > 0 and i == 0:
                    text += " " if _letters(text[-1], word.text[0]) else ""
                else:
                    text += _joint(words[i - 1] if i else None, word, text[-1])
            text += word.text
    return text


def _joint(before: _Word | None, word: _Word, last: str) -> str:
    """What stands between two words: nothing beside a CJK character, because Word and WPS put a
    gap between Chinese and Latin text or digits ("共 21 件") where the source has none; nothing
    between words that touch (pdfplumber splits "1." in two); else a space. A line break in
    running text (`before` None) is a space only between Latin or digits ("…of the" / "report")."""
    if is_cjk(last) or is_cjk(word.text[0]):
        return ""
    if before is not None and word.x0 - before.x1 < 0.15 * (word.bottom - word.top):
        return ""
    return " "


def _letters(before: str, after: str) -> bool:
    return before.isascii() and after.isascii() and before.isalpha() and after.isalpha()


def _is_value(text: str) -> bool:
    return bool(_VALUE.fullmatch(text.strip()))


# ---- borderless tables ---------------------------------------------------------------------------


def _aligned_grids(text_lines: list[_Line], lines: list[_Line]) -> tuple[list[_Grid], list[_Line]]:
    """Tables drawn without ruling lines: runs of lines whose words stand in aligned columns with
    figures in them. Conservative: at least three rows of figures in three columns, and rows of
    figures at least half of the run. The header line just above the figures joins them."""
    segments = [_segments(line) for line in text_lines]
    grids: list[_Grid] = []
    keep: list[_Line] = []
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


def _segments(line: _Line) -> list[list[_Word]]:
    """The line's words in groups apart by a gap wide enough to separate table columns."""
    groups: list[list[_Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.x0 - groups[-1][-1].x1 >= _COLUMN_GAP * line.height:
            groups.append([])
        groups[-1].append(word)
    return groups


def _is_row(segments: list[list[_Word]]) -> bool:
    return len(segments) >= 2 and any(_is_value(_compose([s])) for s in segments[1:])


def _is_header(segments: list[list[_Word]]) -> bool:
    return len(segments) >= 2 and not any(_is_value(_compose([s])) for s in segments)


def _run_start(segments: list[list[list[_Word]]], first: int, free: int) -> int:
    """Where the table starts: at its header line (a line of column names, no figures) when one
    stands above the first row of figures, maybe with a section row or two between; `free` lines
    above are not yet in a table."""
    for start in range(first - 1, max(first - 4, first - free - 1, -1), -1):
        if _is_header(segments[start]):
            return start
        if len(segments[start]) != 1:
            break
    return first


def _wrapped_end(lines: list[_Line], segments: list[list[list[_Word]]], start: int, end: int) -> int:
    """The end of the run, after the lines that end a label wrapped below the last row: aligned
    with the label column, within it, and not a sentence (the text after the table is one)."""
    left = min(line.x0 for line in lines[start:end])
    column_end = min(g[1][0].x0 for g in segments[start:end] if len(g) >= 2)
    while end < len(lines) and len(segments[end]) == 1 and abs(lines[end].x0 - left) <= _SNAP \
            and lines[end].x1 < column_end and not _STOPS.search(lines[end].text) \
            and not _NUMBERED.match(lines[end].text):
        end += 1
    return end


def _run_end(segments: list[list[list[_Word]]], start: int) -> int:
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


def _aligned_grid(run: list[_Line], segments: list[list[list[_Word]]], lines: list[_Line]) -> _Grid | None:
    figures = sum(_is_row(s) for s in segments)
    xs = _aligned_columns([group for groups in segments if len(groups) >= 2 for group in groups])
    if figures < _ALIGNED_ROWS or len(xs) - 1 < _ALIGNED_COLUMNS or figures * 2 < len(run):
        return None
    grid = _Grid(xs, [run[0].top, run[-1].bottom], [], run[0].page)
    for line, groups in zip(run, segments):
        _aligned_row(grid, line, groups)
    _place_blanks(grid, lines)
    return grid


def _aligned_columns(segments: list[list[_Word]]) -> list[float]:
    """Column borders: the middles of the gaps that no segment of the run crosses."""
    merged: list[list[float]] = []
    for x0, x1 in sorted((s[0].x0, s[-1].x1) for s in segments):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    inner = [(a[1] + b[0]) / 2 for a, b in zip(merged, merged[1:])]
    return [merged[0][0] - 1, *inner, merged[-1][1] + 1] if merged else []


def _aligned_row(grid: _Grid, line: _Line, groups: list[list[_Word]]) -> None:
    """Add `line` to `grid` as a row, or into the row above when it only continues that one."""
    cells: dict[int, list[_Word]] = {}
    for group in groups:
        cells.setdefault(_slot(grid.xs, group[0].x0 + _SNAP), []).extend(group)
    if grid.rows and _continues_row(grid.rows[-1], cells):
        for c, words in cells.items():
            grid.rows[-1][c].words.extend(words)
        return
    grid.rows.append([_Box(grid.xs[c], line.top, grid.xs[c + 1], line.bottom, line.page, cells.get(c, []))
                      for c in range(len(grid.xs) - 1)])


def _continues_row(previous: list[_Box], cells: dict[int, list[_Word]]) -> bool:
    """A label alone and not numbered continues the label above (wrapped); figures alone belong to
    the label above when it has none (a label wrapped around its figures). Not after a header."""
    figures_above = any(_is_value(b.text) for b in previous[1:])
    if set(cells) == {0}:
        label_only_above = not any(b.text for b in previous[1:])
        return (figures_above or label_only_above) and not _NUMBERED.match(_compose([cells[0]]))
    if 0 not in cells:
        return not figures_above and not any(b.text for b in previous[1:]) and bool(previous[0].text)
    return False


# ---- tables continued on the next page ----------------------------------------------------------------


def _join_continued_tables(pages: list[_Page]) -> None:
    """A table that ends a page and one that starts the next page, with the same sides and mostly
    the same column borders, are one table cut by the page break: join them."""
    tail: _Grid | None = None
    for page in pages:
        items = page.items
        if tail is not None and items and isinstance(items[0], _Grid) and _continues(tail, items[0], page):
            _append(tail, items.pop(0))
            if not items:
                continue  # the page holds only the continuation: the table may go on
        last = items[-1] if items else None
        tail = last if isinstance(last, _Grid) and last.bottom >= _PAGE_BOTTOM * page.height else None
    for page in pages:  # frames that no table continues are text
        page.items = [line for item in page.items for line in
                      (item.frame_lines if isinstance(item, _Grid) and item.frame_lines is not None else [item])]


def _continues(first: _Grid, second: _Grid, page: _Page) -> bool:
    if second.top > _PAGE_TOP * page.height:
        return False
    if abs(first.xs[0] - second.xs[0]) > _JOIN_EDGE or abs(first.xs[-1] - second.xs[-1]) > _JOIN_EDGE:
        return False
    a, b = first.xs[1:-1], second.xs[1:-1]
    fewer, more = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(any(abs(x - y) <= _SNAP for y in more) for x in fewer)
    return not fewer or shared * 2 >= len(fewer)


def _append(first: _Grid, second: _Grid) -> None:
    """Append the rows of `second` to `first`, both on the union of their column borders, then
    mend what the page break cut."""
    xs = _snap([*first.xs, *second.xs], _JOIN_EDGE)  # the pages may place the same border apart
    seam = len(first.rows)
    first.frame_lines = None  # continued: a table
    first.rows = _regrid(first.rows, first.xs, xs) + _regrid(second.rows, second.xs, xs)
    first.xs = xs
    first.ys = first.ys + second.ys[1:]  # its top on the first page, its bottom on the last
    if seam and seam < len(first.rows):
        _mend(first.rows, seam)


def _regrid(rows: list[list[_Box]], old: list[float], new: list[float]) -> list[list[_Box]]:
    middles = [(a + b) / 2 for a, b in zip(new, new[1:])]
    return [[row[_slot(old, m)] for m in middles] for row in rows]


def _mend(rows: list[list[_Box]], seam: int) -> None:
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


def _mend_labels(above: list[_Box], below: list[_Box], first_value: int) -> None:
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
        if (not x.text or not _NUMBERED.match(x.text)) and _label_after(above, span[-1], first_value) \
                and _label_after(below, span[-1], first_value):
            _continue(x, y)


def _first_value_column(rows: list[list[_Box]]) -> int:
    width = len(rows[0]) if rows else 0
    for j in range(width):
        if any(_is_value(row[j].resolve().text) for row in rows):
            return j
    return width


def _cut_row(above: list[_Box], below: list[_Box], first_value: int) -> bool:
    """Whether `above` and `below` are the halves of one row cut by the page break: the same cell
    borders, no numbered label starting below, and figures on one side at most (the other side
    then holds only the rest of the labels), or a header cut in two."""

    def cuts(row: list[_Box]) -> list[bool]:
        return [row[j].resolve() is not row[j + 1].resolve() for j in range(len(row) - 1)]

    def figures(row: list[_Box]) -> bool:
        return any(_is_value(b.resolve().text) for b in row[first_value:])

    def values_blank(row: list[_Box]) -> bool:
        return not any(b.resolve().text for b in row[first_value:])

    labels = [b.resolve().text for b in below[:first_value]]
    if cuts(above) != cuts(below) or any(_NUMBERED.match(text) for text in labels):
        return False
    if figures(below):  # the label's first part above, its end beside the figures
        return any(labels) and values_blank(above)
    # A header cut in two: words under words, in the columns of figures too ("2012" / "年度").
    header = not values_blank(below) and all(a.resolve().text for a, b in zip(above, below) if b.resolve().text)
    if figures(above):  # the figures above, the end of the label below
        return values_blank(below) or header
    return header or not any(labels)  # "社会公益" / "组织"


def _label_after(row: list[_Box], column: int, first_value: int) -> bool:
    return any(b.resolve().text for b in row[column + 1:first_value])


def _continue(part: _Box, cell: _Box) -> None:
    """`part` (on the new page) is the rest of `cell`: its words follow, unless it only repeats the
    cell's text (LibreOffice repeats a merged cell's text on each page)."""
    if part is cell:
        return
    if part.text != cell.text:
        cell.words.extend(part.words)
    part.alias = cell


# ---- blocks in reading order ---------------------------------------------------------------------------


@dataclass
class _PdfTextBlock(TextBlock):
    """A paragraph may run on to the next page: the page of each character follows from its line."""

    first_lines: list[int] = field(default_factory=list, repr=False, compare=False)

    def locate(self, offset: int) -> Location:
        location = super().locate(offset)
        page = bisect.bisect_right(self.first_lines, location.line)
        return replace(location, page=page or None)


class _Blocks:
    """Text lines gathered into headings and paragraphs, and tables, in page order."""

    def __init__(self, pages: list[_Page]):
        self.pages = pages
        self.first_lines = [page.first_line for page in pages]
        text = [i for p in pages for i in p.items if isinstance(i, _Line)]
        grids = [i for p in pages for i in p.items if isinstance(i, _Grid)]
        # The text block's sides: no line starts left of the margin; most full lines reach near
        # the right one (ragged when not justified, so a high share rather than the furthest).
        # Tables span the text block too, which matters in a short report.
        self.left = min([line.x0 for line in text] + [g.xs[0] for g in grids], default=0.0)
        ends = sorted(line.x1 for line in text)
        self.right = max([ends[int(0.9 * (len(ends) - 1))] if ends else 0.0, *(g.xs[-1] for g in grids)])
        gaps = [b.top - a.bottom for a, b in zip(text, text[1:]) if a.page == b.page and b.top > a.bottom]
        self.gap = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
        self.blocks: list[TextBlock | Table] = []
        self.pending: list[_Line] = []

    def build(self) -> list[TextBlock | Table]:
        for page in self.pages:
            for item in page.items:
                if isinstance(item, _Grid):
                    self.flush()
                    self.blocks.append(_table(item, sum(isinstance(b, Table) for b in self.blocks) + 1))
                else:
                    if self.pending and self._breaks(self.pending[-1], item):
                        self.flush()
                    self.pending.append(item)
        self.flush()
        return self.blocks

    def _breaks(self, before: _Line, line: _Line) -> bool:
        """Whether a paragraph ends between `before` and `line`."""
        size = before.height
        if _STOPS.search(before.text) or self._heading_like(before) or self._heading_like(line):
            return True
        if line.x0 - self.left >= 1.5 * size or before.x1 < self.right - 3 * size:
            return True  # the next line is indented, or this one stops short: a new paragraph
        return line.page == before.page and line.top - before.bottom > max(1.8 * self.gap, self.gap + 0.5 * size)

    def _heading_like(self, line: _Line) -> bool:
        return _is_heading(line.text) and line.x1 < self.right - 3 * line.height

    def flush(self) -> None:
        lines, self.pending = self.pending, []
        if not lines:
            return
        text, segments = "", []
        for line in lines:
            for i, word in enumerate(line.words):
                if text:
                    text += _joint(line.words[i - 1] if i else None, word, text[-1])
                segments.append(Segment(len(text), word.line, word.column))
                text += word.text
        kind = "heading" if _is_heading(text) else "paragraph"
        self.blocks.append(_PdfTextBlock(kind, text, segments, page=lines[0].page, first_lines=self.first_lines))


def _is_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX and bool(SECTION.match(text)) and not SENTENCE_END.search(text)


def _table(grid: _Grid, number: int) -> Table:
    """The Table of `grid`: each slot a Cell; a merged cell's copies point at it with `span_of`."""
    boxes = [[slot.resolve() for slot in row] for row in grid.rows]
    origin: dict[int, tuple[int, int]] = {}
    texts: dict[int, str] = {}
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            origin.setdefault(id(box), (r, c))
            if id(box) not in texts:
                texts[id(box)] = box.text
    rows = []
    for r, row in enumerate(boxes):
        cells = []
        for c, box in enumerate(row):
            line, column, page = box.place()
            r0, c0 = origin[id(box)]
            span = None if (r0, c0) == (r, c) else Location(line, column, page, number, r0 + 1, c0 + 1)
            cells.append(Cell(texts[id(box)], Location(line, column, page, number, r + 1, c + 1), span_of=span))
        rows.append(cells)
    return Table(rows=rows, number=number, page=grid.page)
