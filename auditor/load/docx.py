"""Build a Document from a Word .docx file: the body's paragraphs and tables in reading order.

A .docx has no source lines, so a Location's `line` is the paragraph number (the n-th
<w:p> of the body in document order, counting those inside table cells too) and `column`
the 1-based character within that paragraph's text; `Document.lines` holds each paragraph's
text, so `lines[line - 1][column - 1]` is the character a finding points at.

Reports exported from Word or WPS split one number over several runs, merge table cells
with gridSpan/vMerge, and pages converted from a website carry its shell (navigation,
breadcrumbs, footer) around the report. We read the XML with lxml through python-docx,
which opens and validates the package.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Callable, Iterator

from auditor.load import MAX_TABLE_CELLS, MB, too_large

# Shared with the text and HTML loaders, so that all read headings and CJK spacing alike.
from auditor.load.compose import Char, compose, is_heading, segments
from auditor.load.text import SECTION, SENTENCE_END
from auditor.model.document import Cell, Document, Location, Table, TextBlock
from auditor.model.errors import InputError, Said
from auditor.model.words import VOCABULARY, alternation

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "t"
# Containers that only wrap content (content controls, custom XML): read through them.
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}
# Inside a paragraph: deleted or moved-away text, field codes, the pronunciation guide of
# ruby text, properties, and drawings (text boxes are page furniture, not the report).
_NOT_TEXT = {_W + n for n in ("del", "moveFrom", "instrText", "delText", "rt", "pPr", "rPr",
                              "sdtPr", "drawing", "pict", "object")} | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_BREAKS = {_W + "br", _W + "cr"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE compound file: old .doc, or an encrypted .docx
ENCRYPTED = Said("input.docx_encrypted")
RENAMED_DOC = Said("input.renamed_doc")


# ---- opening the package -----------------------------------------------------------------


# ---- limits (docs/limits.md) -------------------------------------------------------------

MAX_PARTS = 10_000  # members of the zip (the real reports: under 100)
MAX_DIRECTORY = 4 * MB  # the zip's central directory, read before anything else
MAX_UNPACKED = 300 * MB  # all members, inflated
MAX_XML = 100 * MB  # the XML members, inflated (parsed by lxml, which holds them several times over)
BOMB_RATIO, BOMB_SIZE = 100, 5 * MB  # a member inflating past BOMB_SIZE at over BOMB_RATIO times
_STEP = 1 << 16  # compressed bytes inflated at a time


def _open(path: str, data: bytes):
    """The python-docx Document, or InputError naming why the bytes are not a .docx."""
    from auditor.load.encoding import EMPTY

    if not data:
        raise InputError(path, EMPTY)
    if data.startswith(OLE_MAGIC):
        # Word stores a password-protected .docx as an OLE file whose stream
        # "EncryptedPackage" holds the encrypted zip; directory names are UTF-16LE.
        marker = "EncryptedPackage"
        if marker.encode("utf-16-le") in data or marker.encode() in data:
            raise InputError(path, ENCRYPTED)
        raise InputError(path, RENAMED_DOC)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, _invalid(Said("input.docx_not_zip")))
    problem = _directory_problem(data)
    if problem:
        raise InputError(path, problem)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as e:  # zipfile raises BadZipFile, and ValueError, struct.error... on damaged data
        raise InputError(path, _invalid(_one_line(e))) from None
    with archive:
        problem = _package_problem(archive, data)
    if problem:
        raise InputError(path, problem)
    import docx  # python-docx: only paid for when a .docx is read

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as e:  # python-docx: "file '…' is not a Word file, content type is …"
        reason = Said("input.docx_not_word") if "not a Word file" in str(e) else _one_line(e)
        raise InputError(path, _invalid(reason)) from None
    except KeyError as e:  # zipfile: "There is no item named 'word/document.xml' in the archive"
        raise InputError(path, _invalid(Said("input.docx_part_missing", part=_one_line(e).strip(chr(34))))) from None
    except Exception as e:  # a damaged package: bad XML, bad zip members
        raise InputError(path, _invalid(_xml_reason(e))) from None


def _invalid(detail: str) -> Said:
    return Said("input.docx_invalid", detail=detail)


def _xml_reason(error: Exception) -> str:
    """lxml's message for a part that is not XML, without its advice to the programmer."""
    text = _one_line(error).removesuffix(" (<string>, line 1)")
    if text.startswith("Excessive depth in document"):
        return Said("input.docx_xml_deep")
    return Said("input.docx_bad_xml", detail=text) if type(error).__name__ == "XMLSyntaxError" else text


def _directory_problem(data: bytes) -> str | None:
    """Why the zip's central directory is not read: too many members, or too large. Read from
    the end-of-directory record as zipfile does (the last one, its ZIP64 form when there is one),
    before zipfile builds an object for each member."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or len(data) < end + 22:
        return None  # zipfile will say what is wrong
    entries, size = struct.unpack("<xxxxxxxxxxHIxxxxxx", data[end:end + 22])
    locator = end - 20
    if locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack("<Q", data[locator + 8:locator + 16])
        record = data[offset:offset + 56]
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            entries, size = struct.unpack("<QQ", record[32:48])
    if entries > MAX_PARTS:
        return Said("input.docx_parts", count=f"{entries:,}", limit=f"{MAX_PARTS:,}")
    if size > MAX_DIRECTORY:
        return too_large(size, MAX_DIRECTORY, "docx_directory")
    return None


def _package_problem(archive: zipfile.ZipFile, data: bytes) -> str | None:
    """Why the members are not inflated: their declared sizes (a zip bomb is refused before
    anything is inflated), then each member checked to inflate to exactly its declared size in
    bounded memory (python-docx trusts the declared size, zipfile does not stop at it)."""
    members = archive.infolist()
    if len(members) > MAX_PARTS:
        return Said("input.docx_parts", count=f"{len(members):,}", limit=f"{MAX_PARTS:,}")
    unpacked = sum(m.file_size for m in members)
    xml = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    if unpacked > MAX_UNPACKED:
        return Said("input.zip_bomb", reason=too_large(unpacked, MAX_UNPACKED, "docx_unpacked"))
    if xml > MAX_XML:
        return Said("input.zip_bomb", reason=too_large(xml, MAX_XML, "docx_xml"))
    for m in members:
        if m.file_size > BOMB_SIZE and m.file_size > BOMB_RATIO * max(m.compress_size, 1):
            return _invalid(Said("input.docx_inflates", part=m.filename, size=m.file_size // MB,
                                 ratio=f"{m.file_size // max(m.compress_size, 1):,}"))
    for m in members:
        problem = _member_problem(m, data)
        if problem:
            return _invalid(Said("input.docx_member", part=m.filename, problem=problem))
    return None


def _member_problem(member: zipfile.ZipInfo, data: bytes) -> str | None:
    """Why `member` does not inflate to exactly its declared size, checked a megabyte at a time."""
    if member.flag_bits & 0x1:
        return Said("input.docx_member_encrypted")
    start = member.header_offset
    header = data[start:start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return Said("input.docx_member_no_header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start += 30 + name_length + extra_length
    raw = memoryview(data)[start:start + member.compress_size]
    if len(raw) < member.compress_size:
        return Said("input.docx_member_truncated")
    if member.compress_type == zipfile.ZIP_STORED:
        return None if member.compress_size == member.file_size else Said("input.docx_member_sizes")
    if member.compress_type != zipfile.ZIP_DEFLATED:
        return Said("input.docx_member_method")
    inflater = zlib.decompressobj(-15)
    produced = 0
    try:
        for offset in range(0, len(raw), _STEP):
            rest = raw[offset:offset + _STEP]
            while rest and not inflater.eof:
                produced += len(inflater.decompress(rest, MB))
                if produced > member.file_size:
                    return Said("input.docx_member_inflates")
                rest = inflater.unconsumed_tail
            if inflater.eof:
                break
        produced += len(inflater.flush()) if not inflater.eof else 0
    except zlib.error:
        return Said("input.docx_member_bad_data")
    if not inflater.eof or produced != member.file_size:
        return Said("input.docx_member_truncated" if produced < member.file_size else "input.docx_member_inflates")
    return None


def _one_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# ---- paragraph text: characters with their positions -------------------------------------

# One character and where it is: (character, paragraph number, 1-based column). `None` in
# place of the character marks a break between lines of a table cell.



def _paragraph_text(p) -> tuple[str, set[int]]:
    """The paragraph's text as kept in Document.lines (runs joined with nothing; a tab or a
    line break is one space, so columns stay exact) and the offsets of the line breaks."""
    out: list[str] = []
    breaks: set[int] = set()
    size = 0

    def add(text: str) -> None:
        nonlocal size
        out.append(text)
        size += len(text)

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_TEXT or tag in (_P, _TBL):
                continue  # comments and processing instructions have a non-str tag
            if tag == _T:
                add(re.sub(r"[\r\n]", " ", child.text or ""))
            elif tag in _BREAKS:
                breaks.add(size)
                add(" ")
            elif tag == _W + "tab":
                add(" ")
            elif tag == _W + "noBreakHyphen":
                add("-")
            else:
                walk(child)

    walk(p)
    return "".join(out), breaks









# ---- tables ------------------------------------------------------------------------------


def _children(node, tag: str) -> Iterator:
    """The `tag` children of `node`, looking through content controls and custom XML."""
    for child in node:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _val(node, path: str, default: str | None = None) -> str | None:
    found = node.find(path)
    return default if found is None else found.get(_W + "val", default)


def _count(node, path: str) -> int:
    m = re.match(r"\d+", _val(node, path, "") or "")
    return min(int(m.group()), 1000) if m else 0


class _TableTooLarge(Exception):
    """A table of more than MAX_TABLE_CELLS grid cells (merged cells expanded)."""


@dataclass
class _Slot:
    """A grid position: the <w:tc> it belongs to (None for gridBefore/After padding) and the
    row and column (0-based) where that cell starts."""

    tc: object | None
    row: int
    col: int


def _grid(tbl) -> list[list[_Slot]]:
    """The table's cells on the grid, merges expanded: a gridSpan cell fills its columns and
    a vMerge "continue" cell takes the cell above's origin. Short rows are padded."""
    rows: list[list[_Slot]] = []
    slots = 0
    for r, tr in enumerate(_children(tbl, _TR)):
        row = [_Slot(None, r, c) for c in range(_count(tr, f"{_W}trPr/{_W}gridBefore"))]
        for tc in _children(tr, _TC):
            c, span = len(row), max(_count(tc, f"{_W}tcPr/{_W}gridSpan"), 1)
            if slots + c + span > MAX_TABLE_CELLS:
                raise _TableTooLarge()
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and _val(tc, f"{_W}tcPr/{_W}vMerge", "continue") != "restart"
            above = rows[-1][c] if continued and rows and c < len(rows[-1]) else None
            origin = above if above is not None and above.tc is not None else _Slot(tc, r, c)
            row += [origin] * span
        row += [_Slot(None, r, len(row) + k) for k in range(_count(tr, f"{_W}trPr/{_W}gridAfter"))]
        rows.append(row)
        slots += len(row)
    width = max((len(row) for row in rows), default=0)
    if width * len(rows) > MAX_TABLE_CELLS:  # short rows are padded to the widest
        raise _TableTooLarge()
    for r, row in enumerate(rows):
        row += [_Slot(None, r, c) for c in range(len(row), width)]
    return rows


def _is_data_table(tbl, grid: list[list[_Slot]]) -> bool:
    """As in the HTML loader: a table holding a table, or of one column, is layout (a frame
    around the report) and its content reads as blocks."""
    if not grid or len(grid[0]) < 2:
        return False
    return not any(inner is not tbl for inner in tbl.iter(_TBL))


# ---- the body in reading order -----------------------------------------------------------


class _Reader:
    """Walks the body in document order, turning paragraphs into TextBlocks and tables into
    pending tables (numbered once the site shell is trimmed)."""

    def __init__(self, body, heading_styles: set[str]):
        self.heading_styles = heading_styles
        self.number: dict = {}  # <w:p> -> paragraph number
        self.lines: list[str] = []
        self.breaks: list[set[int]] = []
        for p in body.iter(_P):
            self.number[p] = len(self.lines) + 1
            text, breaks = _paragraph_text(p)
            self.lines.append(text)
            self.breaks.append(breaks)
        self.items: list[TextBlock | Callable[[int], Table]] = []

    def chars(self, p) -> list[Char]:
        n = self.number[p]
        brk = self.breaks[n - 1]
        return [(None if i in brk else ch, n, i + 1) for i, ch in enumerate(self.lines[n - 1])]

    def visit(self, node) -> None:
        for child in node:
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in _WRAPPERS:
                self.visit(child)

    def paragraph(self, p) -> None:
        # In running text a line break is a space like any other (dropped inside Chinese).
        items = [(" " if ch is None else ch, n, c) for ch, n, c in self.chars(p)]
        text, where = compose(items)
        if text:
            kind = "heading" if self._styled_heading(p) or is_heading(text) else "paragraph"
            self.items.append(TextBlock(kind, text, segments(where)))

    def _styled_heading(self, p) -> bool:
        style = _val(p, f"{_W}pPr/{_W}pStyle")
        level = _val(p, f"{_W}pPr/{_W}outlineLvl")
        return style in self.heading_styles or (level is not None and level.isdigit() and int(level) < 6)

    def table(self, tbl) -> None:
        grid = _grid(tbl)
        if not _is_data_table(tbl, grid):
            for tr in _children(tbl, _TR):
                for tc in _children(tr, _TC):
                    self.visit(tc)
            return
        # Padding cells (gridBefore/After, short rows) point at their row's first paragraph.
        lines = [self._first_line(tr) for tr in _children(tbl, _TR)]
        self.items.append(lambda number: self._table(grid, lines, number))

    def _first_line(self, node) -> int:
        first = next(node.iter(_P), None)
        return self.number[first] if first is not None else max(len(self.lines), 1)

    def _table(self, grid: list[list[_Slot]], lines: list[int], number: int) -> Table:
        """The grid as Cells: a merged cell's copies repeat its text and location and point
        at it with `span_of`."""
        texts: dict = {}
        rows = []
        for r, slots in enumerate(grid):
            row = []
            for c, slot in enumerate(slots):
                at = dict(table=number, row=r + 1, col=c + 1)
                if slot.tc is None:
                    row.append(Cell("", Location(lines[r], 1, **at)))
                    continue
                if slot.tc not in texts:
                    texts[slot.tc] = self._cell(slot.tc)
                text, line, col = texts[slot.tc]
                own = (slot.row, slot.col) == (r, c)
                origin = None if own else Location(line, col, table=number, row=slot.row + 1, col=slot.col + 1)
                row.append(Cell(text, Location(line, col, **at), span_of=origin))
            rows.append(row)
        return Table(rows=rows, number=number)

    def _cell(self, tc) -> tuple[str, int, int]:
        """The cell's text (its paragraphs and line breaks join with nothing: they wrap
        labels) and the position of its first character (of its first paragraph when blank)."""
        items: list[Char] = []
        for p in tc.iter(_P):
            items.append((None, self.number[p], 1))
            items += self.chars(p)
        text, where = compose(items)
        return (text, *where[0]) if text else ("", self._first_line(tc), 1)


# ---- the site shell of a converted web page ----------------------------------------------

# Page furniture before the article: breadcrumb, the source/date line, share and view buttons.
_BREADCRUMB = alternation(VOCABULARY["page"]["breadcrumb"])  # 当前位置, 您现在的位置, … (as the HTML loader)
_LEAD_SHELL = re.compile(_BREADCRUMB + r"|^(?:来源|信息来源|发布时间|发布日期|时间)[:：]"
                         r"|^(?:相关链接|文件下载|附件下载|全真版|文字版|字号|打印|分享到?)[:：\s]*$|^微信 微博")
# The first of these after the article ends it: what follows is the site's footer.
_FOOTER = re.compile(r"^(?:附件下载|扫一扫在手机上|网站标识码|版权所有|主办单位[:：]|[\u4e00-\u9fff]?ICP备)")


def _is_shell(text: str, pattern: re.Pattern) -> bool:
    return bool(pattern.search(text)) and not SENTENCE_END.search(text[-1:]) and len(text) <= 80


def _is_section(item) -> bool:
    return not isinstance(item, TextBlock) or bool(SECTION.match(item.text))


def _is_sentence(item) -> bool:
    return isinstance(item, TextBlock) and len(item.text) >= 10 and bool(SENTENCE_END.search(item.text))


def _trim_shell(items: list) -> list:
    """Leave out a converted page's shell, as the HTML loader keeps only the article:
    everything up to the last breadcrumb/source/share line before the report text begins, and
    everything from the first footer line after that. The report text begins at the first
    table or numbered section heading, else at the first sentence (a page may have its own
    sentences, but not before the article's sections)."""
    first = next((i for i, item in enumerate(items) if _is_section(item)), None)
    if first is None:
        first = next((i for i, item in enumerate(items) if _is_sentence(item)), 0)
    lead = [i for i in range(first) if _is_shell(items[i].text, _LEAD_SHELL)]
    start = lead[-1] + 1 if lead else 0
    end = next((i for i in range(start, len(items))
                if isinstance(items[i], TextBlock) and _is_shell(items[i].text, _FOOTER)), len(items))
    return items[start:end]


# ---- entry point -------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*[1-6]|title|标题", re.I)


def _heading_styles(word) -> set[str]:
    """Ids of paragraph styles that make a heading: Heading 1–6 / 标题 1–6 / Title, or any
    style with an outline level 1–6 (custom heading styles of Chinese templates)."""
    ids = set()
    for style in word.styles.element.findall(_W + "style"):
        name = _val(style, _W + "name", "") or ""
        level = _val(style, f"{_W}pPr/{_W}outlineLvl")
        if _HEADING_STYLE.fullmatch(name.strip()) or (level is not None and level.isdigit() and int(level) < 6):
            ids.add(style.get(_W + "styleId"))
    return ids


def _optional(read: Callable[[], object], default: object):
    """What `read` returns from a part the report does without (styles, core properties), or
    `default` when that part is damaged: python-docx then takes it for a part of another kind."""
    try:
        return read()
    except (AttributeError, KeyError, TypeError, ValueError):
        return default


def _stored_title(word) -> str | None:
    """The title in the file's core properties. Not `word.core_properties`: where the package
    relates them by the type LibreOffice writes (officedocument/2006/.../metadata/core-properties),
    python-docx does not find them and makes up a default titled "Word Document"."""
    return next((rel.target_part.core_properties.title for rel in word.part.package.rels.values()
                 if not rel.is_external and rel.reltype.endswith("/metadata/core-properties")
                 and hasattr(rel.target_part, "core_properties")), None)


def load_bytes(path: str, data: bytes, fmt: str) -> Document:
    """Read the bytes of a .docx file into a Document (format "docx"; used by `auditor.load`)."""
    word = _open(path, data)
    body = word.element.body
    if body is None:
        raise InputError(path, _invalid(Said("input.docx_no_body")))
    reader = _Reader(body, _optional(lambda: _heading_styles(word), set()))
    try:
        reader.visit(body)
    except _TableTooLarge:
        raise InputError(path, Said("input.table_cells", cells=f"{MAX_TABLE_CELLS:,}")) from None
    blocks: list[TextBlock | Table] = []
    tables = 0
    for item in _trim_shell(reader.items):
        if not isinstance(item, TextBlock):  # a pending table, numbered now the shell is gone
            tables += 1
            item = item(tables)
        blocks.append(item)
    title = (_optional(lambda: _stored_title(word), None) or "").strip() or next(
        (b.text for b in blocks if isinstance(b, TextBlock) and b.kind == "heading"), None)
    return Document(path=path, format="docx", encoding=None, blocks=blocks, lines=reader.lines, title=title)
