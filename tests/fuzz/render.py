"""A text or Markdown report as HTML, DOCX or PDF, so that each loader reads the figures and
tables of every text seed (and of every text mutation).

The PDF is written by hand: a Type0 font naming Adobe's STSong-Light with the UniGB-UCS2-H
CMap (not embedded; pdfminer maps it back to Unicode), one text object per line or cell, and,
for a ruled table, the cell borders as drawn lines. Without rulings the table is only words
aligned in columns: the "text layer but no table rulings" case.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "table"
    text: str = ""
    level: int = 2
    rows: list[list[str]] | None = None


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a pipe-table line ('| a | b |' or 'a | b |'), or None."""
    if line.count("|") < 2 and not (line.count("|") == 1 and line.strip().strip("|").strip()):
        return None
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def blocks(text: str) -> list[Block]:
    """Headings, paragraphs (one per line) and pipe tables of a text or Markdown report."""
    out: list[Block] = []
    table: list[list[str]] = []
    for line in _COMMENT.sub("", text).splitlines():
        cells = pipe_cells(line) if "|" in line else None
        if cells is not None and len(cells) >= 2:
            if not _SEPARATOR.fullmatch(line):
                table.append(cells)
            continue
        if table:
            out.append(Block("table", rows=table))
            table = []
        stripped = line.strip()
        if not stripped:
            continue
        heading = _HEADING.fullmatch(stripped)
        if heading:
            out.append(Block("heading", heading[2], level=len(heading[1])))
        else:
            out.append(Block("paragraph", stripped))
    if table:
        out.append(Block("table", rows=table))
    return out


# ---- HTML -------------------------------------------------------------------------------------


def to_html(text: str, title: str = "政府信息公开工作年度报告") -> str:
    parts = [f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
             "</head><body>"]
    for block in blocks(text):
        if block.kind == "heading":
            parts.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{html.escape(block.text)}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n"
                           for row in block.rows or [])
            parts.append(f"<table border=\"1\">\n{rows}</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


# ---- DOCX -------------------------------------------------------------------------------------


def to_docx(text: str) -> bytes:
    """The report as a Word document made by python-docx (headings styled, tables gridded)."""
    import docx

    document = docx.Document()
    for block in blocks(text):
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 9))
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        else:
            rows = block.rows or [[""]]
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for row, cells in zip(table.rows, rows):
                for cell, value in zip(row.cells, cells):
                    cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---- PDF --------------------------------------------------------------------------------------

_PAGE_W, _PAGE_H, _MARGIN = 595, 842, 48


def _hex(text: str) -> str:
    return text.encode("utf-16-be", errors="replace").hex().upper()


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


class _Full(Exception):
    """The PDF has as many pages or characters as it may."""


class _Layout:
    """Pages of PDF drawing operators, filled top to bottom."""

    def __init__(self, size: int, max_pages: int, max_chars: int):
        self.size, self.max_pages, self.max_chars = size, max_pages, max_chars
        self.lead = size * 1.4
        self.per_line = max(1, int((_PAGE_W - 2 * _MARGIN) / size))
        self.pages: list[list[str]] = [[]]
        self.y = _PAGE_H - _MARGIN
        self.drawn = 0

    def room(self, height: float) -> None:
        if self.y - height < _MARGIN:
            if len(self.pages) >= self.max_pages:
                raise _Full
            self.pages.append([])
            self.y = _PAGE_H - _MARGIN

    def text(self, x: float, y: float, line: str, size: int | None = None) -> None:
        self.drawn += len(line)
        if self.drawn > self.max_chars:
            raise _Full
        self.pages[-1].append(f"BT /F1 {size or self.size} Tf {x:.1f} {y:.1f} Td <{_hex(line)}> Tj ET")

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1].append(f"0.6 w {x0:.1f} {y0:.1f} m {x1:.1f} {y1:.1f} l S")


def to_pdf(text: str, ruled: bool = True, size: int = 10, max_pages: int = 20, max_chars: int = 30_000) -> bytes:
    """The report as a PDF with a text layer. Every character is one em wide (the font's default
    width), so columns are laid out by character counts. What does not fit in `max_pages` pages
    or `max_chars` characters is left out: the real reports draw at most 10,000 objects and
    pdfplumber reads about 20,000 a second, so a bigger text layer would test pdfminer's speed
    rather than the auditor (auditor.load.pdf.limits.MAX_OBJECTS bounds that)."""
    layout = _Layout(size, max_pages, max_chars)
    try:
        _lay_out(text, ruled, layout)
    except _Full:
        pass
    return _pdf_file(["\n".join(p) for p in layout.pages])


def _lay_out(text: str, ruled: bool, out: _Layout) -> None:
    size, lead, per_line = out.size, out.lead, out.per_line
    for block in blocks(text):
        if block.kind != "table":
            for line in _wrap(block.text, per_line):
                out.room(lead)
                out.text(_MARGIN, out.y, line, size + 2 if block.kind == "heading" else size)
                out.y -= lead
            out.y -= lead * 0.4
            continue
        rows = block.rows or []
        width = max(len(r) for r in rows)
        # Column widths in characters: the label column gets what the others leave.
        value_chars = [max(2, min(8, max((len(r[c]) if c < len(r) else 0) for r in rows)))
                       for c in range(1, width)]
        label_chars = max(4, per_line - sum(value_chars) - width)
        widths = [label_chars, *value_chars]
        xs = [_MARGIN]
        for chars in widths:
            xs.append(xs[-1] + (chars + 1) * size)
        for row in rows:
            wrapped = [_wrap(row[c] if c < len(row) else "", widths[c]) for c in range(width)]
            height = max(len(w) for w in wrapped) * lead + size * 0.6
            out.room(height)
            top = out.y
            for c, lines in enumerate(wrapped):
                for k, line in enumerate(lines):
                    if line:
                        out.text(xs[c] + size / 2, top - size - k * lead, line)
            if ruled:
                bottom = top - height
                out.rule(xs[0], top, xs[-1], top)
                out.rule(xs[0], bottom, xs[-1], bottom)
                for x in xs:
                    out.rule(x, top, x, bottom)
            out.y -= height
        out.y -= lead


def _pdf_file(contents: list[str]) -> bytes:
    n = len(contents)
    font, cid_font, descriptor = 3 + 2 * n, 4 + 2 * n, 5 + 2 * n
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   " ".join(f"{3 + 2 * i} 0 R" for i in range(n)).encode(), n)]
    for i, content in enumerate(contents):
        stream = content.encode("ascii")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >>"
                       b" /Contents %d 0 R >>" % (_PAGE_W, _PAGE_H, font, 4 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
                   b" /DescendantFonts [%d 0 R] >>" % cid_font)
    objects.append(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
                   b" << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 >>"
                   % descriptor)
    objects.append(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
                   b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
