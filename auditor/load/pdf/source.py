"""What pdfium reads of a page: its characters with their boxes, and the edges of the paths it paints.

Coordinates are in PDF points from the top-left corner of the page as displayed (`top` grows
downwards), as the rest of the loader measures. A character's box spans its advance width, and from
the font's descent below the baseline up one font size: the same box pdfminer gives, wherever the
font descriptor states the descent (pdfium takes it from the font program where the descriptor says 0).

The edges are those of painted lines and rectangles, each with the stroke and fill flags and colours
of its path, as pdfplumber lists them (`Page.edges`): a rectangle gives its four sides; a curve gives
none (pdfplumber's curve edges carry no paint, so the loader never took them for ruling lines).

pypdfium2's typed bindings check every argument's pointer class; the calls made once per character
or path segment go through lean prototypes of the same C functions instead (`_lean`).
"""

from __future__ import annotations

import ctypes
import re
from ctypes import POINTER, byref, c_double, c_float, c_int, c_uint, c_ushort, c_void_p
from dataclasses import dataclass
from typing import Any, NamedTuple

import pypdfium2 as pdfium
from pypdfium2 import raw

from auditor.load.pdf.limits import Budget

_TEXT, _PATH, _IMAGE, _FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
_MOVE, _LINE, _BEZIER = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_BEZIERTO
_OVERLAP = 0.5  # a space this far inside the character before it overlaps it
_FORM_DEPTH = 15  # Form XObjects drawn inside each other deeper than this are not read


class Char(NamedTuple):
    """A character as drawn: its text and box; `upright` when its baseline is horizontal."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    upright: bool = True


class _RectF(ctypes.Structure):
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class _Matrix(ctypes.Structure):
    _fields_ = [(name, c_float) for name in "abcdef"]


def _lean(function: Any, restype: Any, *argtypes: Any) -> Any:
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, c_void_p).value)


_unicode = _lean(raw.FPDFText_GetUnicode, c_uint, c_void_p, c_int)
_loose_box = _lean(raw.FPDFText_GetLooseCharBox, c_int, c_void_p, c_int, c_void_p)
_text_object = _lean(raw.FPDFText_GetTextObject, c_void_p, c_void_p, c_int)
_generated = _lean(raw.FPDFText_IsGenerated, c_int, c_void_p, c_int)
_char_matrix = _lean(raw.FPDFText_GetMatrix, c_int, c_void_p, c_int, c_void_p)
_text_font = _lean(raw.FPDFTextObj_GetFont, c_void_p, c_void_p)
_origin = _lean(raw.FPDFText_GetCharOrigin, c_int, c_void_p, c_int, POINTER(c_double), POINTER(c_double))
_base_font_name = _lean(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, c_void_p, c_void_p, ctypes.c_size_t)
_font_size = _lean(raw.FPDFTextObj_GetFontSize, c_int, c_void_p, POINTER(c_float))
_count_objects = _lean(raw.FPDFPage_CountObjects, c_int, c_void_p)
_page_object = _lean(raw.FPDFPage_GetObject, c_void_p, c_void_p, c_int)
_count_form_objects = _lean(raw.FPDFFormObj_CountObjects, c_int, c_void_p)
_form_object = _lean(raw.FPDFFormObj_GetObject, c_void_p, c_void_p, ctypes.c_ulong)
_object_type = _lean(raw.FPDFPageObj_GetType, c_int, c_void_p)
_object_matrix = _lean(raw.FPDFPageObj_GetMatrix, c_int, c_void_p, c_void_p)
_draw_mode = _lean(raw.FPDFPath_GetDrawMode, c_int, c_void_p, POINTER(c_int), POINTER(c_int))
_stroke_color = _lean(raw.FPDFPageObj_GetStrokeColor, c_int, c_void_p, *[POINTER(c_uint)] * 4)
_fill_color = _lean(raw.FPDFPageObj_GetFillColor, c_int, c_void_p, *[POINTER(c_uint)] * 4)
_count_segments = _lean(raw.FPDFPath_CountSegments, c_int, c_void_p)
_segment = _lean(raw.FPDFPath_GetPathSegment, c_void_p, c_void_p, c_int)
_segment_point = _lean(raw.FPDFPathSegment_GetPoint, c_int, c_void_p, POINTER(c_float), POINTER(c_float))
_segment_type = _lean(raw.FPDFPathSegment_GetType, c_int, c_void_p)
_segment_closes = _lean(raw.FPDFPathSegment_GetClose, c_int, c_void_p)


@dataclass
class PageData:
    """One page as pdfium read it."""

    page_number: int
    height: float
    chars: list[Char]
    edges: list[dict[str, Any]]


class _Frame:
    """Page space (x up) to the displayed page, top-down, for the page's /Rotate."""

    def __init__(self, page: pdfium.PdfPage):
        self.x0, self.y0, self.x1, self.y1 = page.get_mediabox()
        self.rotation = page.get_rotation() % 360
        width, height = self.x1 - self.x0, self.y1 - self.y0
        self.height = width if self.rotation in (90, 270) else height

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.y0, x - self.x0
        if self.rotation == 180:
            return self.x1 - x, y - self.y0
        if self.rotation == 270:
            return self.y1 - y, self.x1 - x
        return x, self.y1 - y


_DESCRIPTOR = re.compile(rb"/Type\s*/FontDescriptor")
_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/<>\[\]()]+)")
_DESCENT = re.compile(rb"/Descent\s+(-?\d+(?:\.\d*)?|-?\.\d+)")
_DICT_REACH = 4096  # a font descriptor's dictionary is shorter than this, either side of its /Type


def stated_descents(data: bytes) -> dict[bytes, float]:
    """The /Descent each font descriptor of the file states (in em, negative), by font name, where
    the descriptor is written out in the file (not in a compressed object stream). pdfium replaces a
    descent of 0 with the font program's, but the PDF's own figure is the one to keep: 0 is what
    Chrome, Skia and LibreOffice write, and the text boxes then stand on the baseline."""
    descents: dict[bytes, float | None] = {}
    for match in _DESCRIPTOR.finditer(data):
        start = data.rfind(b"obj", max(match.start() - _DICT_REACH, 0), match.start())
        end = data.find(b"endobj", match.end(), match.end() + _DICT_REACH)
        if start < 0 or end < 0:
            continue
        body = data[start:end]
        name, descent = _FONT_NAME.search(body), _DESCENT.search(body)
        if name and descent:
            # pdfium names a font without its subset tag (ABCDEF+): subsets stating different
            # descents under one name are not told apart, and pdfium's own descent is used.
            key, value = name.group(1).split(b"+", 1)[-1], -abs(float(descent.group(1))) / 1000
            descents[key] = value if descents.get(key, value) == value else None
    return {key: value for key, value in descents.items() if value is not None}


def read_page(document: pdfium.PdfDocument, index: int, budget: Budget,
              descents: dict[bytes, float] | None = None) -> PageData:
    """Page `index` (from 0); what it draws is taken from `budget` (OverBudget past it). `descents`:
    the fonts' descents as the file states them (stated_descents)."""
    page = document[index]
    try:
        frame = _Frame(page)
        textpage = page.get_textpage()
        try:
            chars = _chars(ctypes.cast(textpage.raw, c_void_p).value, raw.FPDFText_CountChars(textpage.raw), frame,
                           descents or {})
        finally:
            textpage.close()
        budget.draw(len(chars))
        edges = _edges(ctypes.cast(page.raw, c_void_p).value, frame, budget)
        return PageData(index + 1, frame.height, chars, edges)
    finally:
        page.close()


def _chars(textpage: int, count: int, frame: _Frame, descents: dict[bytes, float]) -> list[Char]:
    """The page's characters in content order, without those pdfium makes up (the spaces and line
    breaks of its own text flow)."""
    box = _RectF()
    at = ctypes.addressof(box)
    fonts: dict[int, tuple[float, float | None, bool]] = {}  # text object -> _font
    by_font: dict[int, float | None] = {}
    x, y = c_double(), c_double()
    x_at, y_at = byref(x), byref(y)
    plain = frame.rotation == 0
    y1 = frame.y1
    out = []
    for i in range(count):
        code = _unicode(textpage, i)
        text = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else ""
        if (text.isspace() or not text) and _generated(textpage, i) == 1:
            if text == " " and out:
                _loose_box(textpage, i, at)
                space = _space_in_content(out[-1], box.left, frame)
                if space is not None:
                    out.append(space)
            continue
        _loose_box(textpage, i, at)
        obj = _text_object(textpage, i)
        size, stated, upright = fonts.get(obj) or fonts.setdefault(obj, _font(textpage, i, obj, descents, by_font))
        if plain and upright:  # from the stated descent below the baseline up one em, as pdfminer has it
            if stated is None:
                bottom = y1 - box.bottom
            else:
                _origin(textpage, i, x_at, y_at)
                bottom = y1 - y.value + stated
            out.append(Char(text, box.left, bottom - size, box.right, bottom))
        else:
            (ax, ay), (bx, by) = frame.point(box.left, box.top), frame.point(box.right, box.bottom)
            out.append(Char(text, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), upright))
    return out


def _space_in_content(before: Char, left: float, frame: _Frame) -> Char | None:
    """A space pdfium marks as made up, where the content has one: where a space glyph overlaps the
    character before it (Chrome draws them so), pdfium drops the glyph and makes up a space at its
    place. A space pdfium makes up for a gap stands at or after the character before."""
    if frame.rotation or not before.upright or left >= before.x1 - _OVERLAP or left <= before.x0:
        return None
    return Char(" ", left, before.top, left, before.bottom)


def _font(textpage: int, index: int, obj: int | None, descents: dict[bytes, float],
          by_font: dict[int, float | None]) -> tuple[float, float | None, bool]:
    """For the text object of character `index`: its font size on the page (its size times its
    matrix's vertical scale); how far the file's stated descent reaches below the baseline on the
    page (None where the file states none: pdfium's loose box is used); and whether its text is
    upright (pdfminer's test). `by_font` keeps the stated descent of each font looked up."""
    matrix, size = _Matrix(), c_float(0.0)
    _char_matrix(textpage, index, ctypes.addressof(matrix))
    stated = None
    if obj:
        _font_size(obj, byref(size))
        font = _text_font(obj)
        if font and descents:
            stated = by_font[font] if font in by_font else by_font.setdefault(font, _stated(font, descents))
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    size_on_page = size.value * (c * c + d * d) ** 0.5
    return size_on_page, None if stated is None else -stated * size_on_page, a * d > 0 and b * c <= 0


def _stated(font: int, descents: dict[bytes, float]) -> float | None:
    """The descent the file states for `font`: its descriptor's, by name (a Type0 font's BaseFont
    adds its encoding to its descendant's name: ABCDEF+Song-Identity-H)."""
    if not descents:
        return None
    length = _base_font_name(font, None, 0)
    if length <= 1:
        return None
    buffer = ctypes.create_string_buffer(length)
    _base_font_name(font, buffer, length)
    name = buffer.value
    if name in descents:
        return descents[name]
    prefixed = [n for n in descents if name.startswith(n + b"-")]
    return descents[max(prefixed, key=len)] if prefixed else None


# ---- paths ---------------------------------------------------------------------------------------


def _edges(page: int, frame: _Frame, budget: Budget) -> list[dict[str, Any]]:
    """The edges of the page's painted lines and rectangles; each path and image drawn is taken
    from `budget`."""
    edges: list[dict[str, Any]] = []
    stack = [(_page_object(page, i), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0) for i in range(_count_objects(page) - 1, -1, -1)]
    matrix = _Matrix()
    while stack:
        obj, outer, depth = stack.pop()
        kind = _object_type(obj)
        if kind == _FORM:
            if depth < _FORM_DEPTH:
                _object_matrix(obj, ctypes.addressof(matrix))
                inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                stack.extend((_form_object(obj, i), inner, depth + 1) for i in range(_count_form_objects(obj) - 1, -1, -1))
        elif kind in (_PATH, _IMAGE):
            budget.draw()
        if kind == _PATH:
            _object_matrix(obj, ctypes.addressof(matrix))
            ctm = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            edges.extend(_path_edges(obj, ctm, frame))
    return edges


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(obj: int, ctm: tuple[float, ...], frame: _Frame) -> list[dict[str, Any]]:
    fill_mode, stroke = c_int(0), c_int(0)
    _draw_mode(obj, byref(fill_mode), byref(stroke))
    paint = {"stroke": bool(stroke.value), "fill": bool(fill_mode.value),
             "stroking_color": _color(_stroke_color, obj), "non_stroking_color": _color(_fill_color, obj)}
    edges = []
    for shape, points in _subpaths(obj, ctm):
        edges.extend(_shape_edges(shape, [frame.point(x, y) for x, y in points], paint))
    return edges


def _subpaths(obj: int, ctm: tuple[float, ...]) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path's subpaths as pdfminer spells them: an operator letter (m, l, c, h) and the point it
    ends at, per segment; a closed subpath ends with h at its start."""
    a, b, c, d, e, f = ctm
    x, y = c_float(), c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape, points = "", []
    pending_curve = 0
    for i in range(_count_segments(obj)):
        segment = _segment(obj, i)
        kind = _segment_type(segment)
        _segment_point(segment, byref(x), byref(y))
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == _MOVE:
            if shape:
                subpaths.append((shape, points))
            shape, points = "m", [point]
        elif kind == _BEZIER:  # three segments per curve: two control points, then its end
            pending_curve += 1
            if pending_curve == 3:
                shape, pending_curve = shape + "c", 0
                points.append(point)
        elif kind == _LINE:
            shape += "l"
            points.append(point)
        if _segment_closes(segment) and shape:
            shape += "h"
            points.append(points[0])
    if shape:
        subpaths.append((shape, points))
    return subpaths


def _shape_edges(shape: str, pts: list[tuple[float, float]], paint: dict[str, Any]) -> list[dict[str, Any]]:
    """pdfminer's reading of one subpath (a line, a rectangle, or a curve, which gives no edge)
    and pdfplumber's edges of it. `pts` are top-down."""
    if not shape.startswith("m"):
        return []
    if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]
    if shape in ("mlh", "ml"):
        (ax, ay), (bx, by) = pts[0], pts[1]
        edge = _box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), paint)
        edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"
        edge["object_type"] = "line"
        return [edge]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == last and square:
            return _rect_edges(min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2), paint)
    return []


def _box(x0: float, top: float, x1: float, bottom: float, paint: dict[str, Any]) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top, **paint}


def _rect_edges(x0: float, top: float, x1: float, bottom: float, paint: dict[str, Any]) -> list[dict[str, Any]]:
    """The four sides of a rectangle, as pdfplumber's rect_to_edges gives them."""
    kind = {"object_type": "rect_edge"}
    return [{**_box(x0, top, x1, top, paint), "height": 0, "orientation": "h", **kind},
            {**_box(x0, bottom, x1, bottom, paint), "height": 0, "orientation": "h", **kind},
            {**_box(x0, top, x0, bottom, paint), "width": 0, "orientation": "v", **kind},
            {**_box(x1, top, x1, bottom, paint), "width": 0, "orientation": "v", **kind}]


def _color(getter: Any, obj: int) -> tuple[float, ...] | None:
    r, g, b, a = c_uint(), c_uint(), c_uint(), c_uint()
    if not getter(obj, byref(r), byref(g), byref(b), byref(a)):
        return None  # a pattern: not white
    return (r.value / 255, g.value / 255, b.value / 255)


def title(document: pdfium.PdfDocument) -> str | None:
    """The Title of the Info dictionary (pdfium decodes PDFDocEncoding and UTF-16 of either order)."""
    length = raw.FPDF_GetMetaText(document.raw, b"Title", None, 0)
    if length <= 2:
        return None
    buffer = (c_ushort * (length // 2))()
    raw.FPDF_GetMetaText(document.raw, b"Title", buffer, length)
    text = bytes(buffer)[:length - 2].decode("utf-16-le", "replace")
    return text.strip("\x00 \ufeff\ufffe").strip() or None


