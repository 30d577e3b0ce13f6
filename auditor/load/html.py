"""Build a Document from an HTML page: the report body's paragraphs and tables.

Report pages are CMS templates (navigation, breadcrumbs, footers) around a body exported
from Word or WPS, where one number can be split over several <span>s and merged table
cells use rowspan/colspan. We parse with the standard library's HTMLParser because it
reports where every tag and text chunk starts, so every character of the Document keeps
its line and column in the decoded source.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterator

from auditor.load import MAX_TABLE_CELLS

# Shared with the text loader, so that both read headings and CJK spacing alike.
from auditor.load.compose import IGNORED, Char, compose, is_heading, segments
from auditor.load.text import SECTION, split_lines
from auditor.model.document import Cell, Document, Location, Table, TextBlock
from auditor.model.errors import InputError, Said
from auditor.model.words import VOCABULARY, alternation

# ---- element tree ---------------------------------------------------------------------


@dataclass(slots=True)
class _Text:
    """A chunk of source text. An entity (`literal` False) maps all its characters to its `&`."""

    text: str
    line: int
    col: int  # 1-based
    literal: bool = True
    solid: int = -1  # its non-space characters, what _measure weighs (counted on the first weighing)


@dataclass(eq=False, slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[_Node | _Text] = field(default_factory=list)
    skip: bool = False  # left out: scripts, head, site chrome
    weight: int = 0  # characters of text inside <p> and <table> (see _measure)
    named: list[str] | None = None  # its class and id names, once _names has split them


def _named(node: _Node) -> bool:
    return "class" in node.attrs or "id" in node.attrs


def _names(node: _Node) -> list[str]:
    """Lower-cased class and id values, each whole and split into word parts (once per element)."""
    if node.named is None:
        attrs, node.named = node.attrs, []
        for value in (attrs.get("class", ""), attrs.get("id", "")):
            for name in value.split():
                node.named.append(name.lower())
                spaced = _CAMEL.sub(r"\1 \2", name)  # topNav -> top Nav
                node.named += [w.rstrip("0123456789") for w in _NOT_ALNUM.split(spaced.lower()) if w]
    return node.named


_CAMEL = re.compile(r"([a-z])([A-Z])")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "basefont", "frame", "keygen"}  # fmt: skip
_HEAD_ONLY = {"meta", "link", "title", "style", "script", "base", "noscript", "template"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
    "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", *_HEADINGS,
}  # fmt: skip
# A start tag of these closes an open <p> (the HTML parsing rules; also <table>, as in quirks-free pages).
_CLOSES_P = _BLOCK - {"body", "html", "caption", "tbody", "td", "tfoot", "th", "thead", "tr"}
_SECTIONS = {"thead", "tbody", "tfoot"}
_CELLS = {"td", "th"}
# How far up the open elements an end tag may look for its start tag: a stray </div> in a
# cell must not close the table around it.
_SCOPE = {"td", "th", "table", "caption", "html", "template", "button"}
_TABLE_SCOPE = {"table", "html", "template"}
_TABLE_PARTS = _CELLS | _SECTIONS | {"tr", "table"}  # their end tags look up to the table only
# Where the end tag of each element of _SCOPE stops looking (not at an element of its own name).
_SCOPE_OF = {tag: _SCOPE - {tag} for tag in _SCOPE}
# What each start tag implicitly closes, and up to where it looks (see _close_implied).
_IMPLIED = {
    "li": ({"li"}, _SCOPE | {"ul", "ol"}, False),
    "dt": ({"dt", "dd"}, _SCOPE | {"dl"}, False),
    "dd": ({"dt", "dd"}, _SCOPE | {"dl"}, False),
    "option": ({"option"}, _SCOPE | {"select"}, False),
    "optgroup": ({"option"}, _SCOPE | {"select"}, False),
    **{cell: (_CELLS, _TABLE_SCOPE | {"tr"}, False) for cell in _CELLS},
    "tr": ({"tr"} | _CELLS, _TABLE_SCOPE | _SECTIONS, True),
    **{section: ({"tr"} | _CELLS | _SECTIONS, _TABLE_SCOPE, True) for section in _SECTIONS},
}
_MAX_DEPTH = 250


# Elements and pieces of text a page may have (the real reports: under 4,000). Past it the page
# is refused: every one costs time and memory, and a page of a million tags is no report.
MAX_NODES = 200_000
# A "&#" that starts no character reference makes HTMLParser stop and copy the rest of the page,
# once for each: such an "&" is read as one of these noncharacters (whichever the page lacks) and
# turned back into "&" in the text.
_AMPERSANDS = [chr(c) for c in range(0xFDD0, 0xFDF0)]
_MAX_COPIED = 100_000_000  # characters copied reading on after constructs HTMLParser gives up on
_BAD_CHARREF = re.compile(r"&(?=#(?!(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]))")


class _TooLarge(Exception):
    """The page is over a limit; the argument says which."""


class _TreeBuilder(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.document = _Node("#document", {}, 1, 1)
        self.stack = [self.document]
        self.open: dict[str, int] = {}  # how many elements of each name are on the stack
        self.nodes = 0
        self.ampersand = ""  # the placeholder of a bad "&#", once one is in the page (see _AMPERSANDS)

    @functools.cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.source)]

    def build(self) -> _Node:
        source = self.source
        if "&#" in source:
            placeholder = next((c for c in _AMPERSANDS if c not in source), "")
            replaced = _BAD_CHARREF.sub(placeholder, source) if placeholder else source
            self.ampersand = placeholder if replaced != source else ""
            source = replaced
        self.feed(source)
        # HTMLParser stops at the first construct it cannot complete, waiting for more data;
        # close() would then look for the end of each construct left to the end of the page
        # (quadratic time), and turn the page after a stray "&#" into text. Read on as browsers do.
        copied = 0
        while self.rawdata and not self.cdata_elem:  # an unclosed <script> or <style> is dropped
            rest = self.rawdata
            if rest.startswith("<!--"):  # a comment to the end of the page
                self.rawdata = ""
                break
            if rest.startswith("&#"):  # no character reference (when no placeholder was free)
                skip = 2
            elif rest.startswith("<"):
                skip = rest.find(">") + 1
                if not skip:  # a tag to the end of the page is dropped
                    self.rawdata = ""
                    break
            else:
                break
            copied += len(rest)
            if copied > _MAX_COPIED:
                raise _TooLarge(Said("input.html_damaged"))
            self.handle_data(rest[:skip])  # one HTMLParser gives up on before its ">" is text
            self.updatepos(0, skip)
            self.rawdata = ""
            self.feed(rest[skip:])
        self.close()
        return self.document

    def parse_html_declaration(self, i: int) -> int:
        # HTMLParser raises AssertionError on a "<![" it cannot read (no name after it): a bogus
        # comment to the next ">", for browsers.
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def _push(self, node: _Node) -> None:
        self.stack.append(node)
        self.open[node.tag] = self.open.get(node.tag, 0) + 1

    def _truncate(self, depth: int) -> None:
        for node in self.stack[depth:]:
            self.open[node.tag] -= 1
        del self.stack[depth:]

    def _count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(Said("input.html_nodes", nodes=f"{MAX_NODES:,}"))

    # -- positions --

    def _pos(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return line, offset + 1

    def _source_at(self, line: int, col: int, length: int) -> str:
        start = self.line_starts[line - 1] + col - 1
        return self.source[start : start + length]

    # -- tags --

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=tag in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)  # <o:p/>, <br/>

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers read </br> as <br>
            self._start("br", [], closed=True)
        elif tag not in _VOID and tag not in ("html", "body"):
            stop = _TABLE_SCOPE if tag in _TABLE_PARTS else _SCOPE_OF.get(tag, _SCOPE)
            if not (self.open.get(tag) and self._pop_to({tag}, stop)) and tag == "p":
                self._start("p", [], closed=True)  # a stray </p> is an empty paragraph, as in browsers

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in ("html", "body", "head") and self.open.get(tag):
            return
        if tag not in _HEAD_ONLY and self.open.get("head"):
            self._pop_to({"head"}, set())
        self._close_implied(tag)
        line, col = self.lineno, self.offset + 1  # self._pos(), inline: this runs for every tag
        self._count()
        values = {k: v or "" for k, v in reversed(attrs)} if attrs else {}
        if self.ampersand:
            values = {k: v.replace(self.ampersand, "&") for k, v in values.items()}
        node = _Node(tag, values, line, col)
        self.stack[-1].children.append(node)
        # Past the cap (unclosed inline tags pile up on old pages) content goes to the parent,
        # which keeps the tree shallow enough to walk recursively.
        if not closed and len(self.stack) < _MAX_DEPTH:
            self._push(node)

    def _close_implied(self, tag: str) -> None:
        """Close what a start tag implicitly ends (<p>, <li>, cells and rows left open)."""
        if tag in _CLOSES_P and self.open.get("p"):
            self._pop_to({"p"}, _SCOPE)
        if tag in _IMPLIED:
            tags, stop, outermost = _IMPLIED[tag]
            self._pop_to(tags, stop, outermost)

    def _pop_to(self, tags: set[str], stop: set[str], outermost: bool = False) -> bool:
        """Close the nearest open element named in `tags` (or the outermost one before a
        `stop` element) and everything opened inside it; False when none is open."""
        open_ = self.open
        for tag in tags:
            if open_.get(tag):
                break
        else:
            return False  # none open: nothing to look for (most end tags of inline elements)
        found = None
        for i in range(len(self.stack) - 1, 0, -1):
            name = self.stack[i].tag
            if name in tags:
                found = i
                if not outermost:
                    break
            elif name in stop:
                break
        if found is not None:
            self._truncate(found)
        return found is not None

    # -- text --

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag == "head" and data.strip():
            self._pop_to({"head"}, set())  # text cannot be in <head>: the body has begun
        line, col = self.lineno, self.offset + 1
        self._count()
        if self.ampersand:
            data = data.replace(self.ampersand, "&")
        self.stack[-1].children.append(_Text(data, line, col))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        line, col = self._pos()
        if self._source_at(line, col + len(raw), 1) == ";":
            raw += ";"
        value = html.unescape(raw)  # the HTML5 rules: named, numeric, windows-1252 remaps
        self._count()
        self.stack[-1].children.append(_Text(value, line, col, literal=value == raw))


# ---- site chrome and the content root --------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "iframe", "select", "button",
              "nav", "header", "footer", "title", "textarea", "svg", "object"}  # fmt: skip
_CHROME_WORDS = ("nav", "menu", "header", "footer", "breadcrumb", "crumb", "position", "location",
                 "share", "toolbar", "sidebar", "search", "login", "copyright")  # fmt: skip
_ROOT_NAMES = {"zoom", "content", "article", "custom_unionstyle", "main", "detail", "con"}
_EDITOR = "trs_editor"  # the TRS CMS's article body
_ROOT_SHARE = 0.8  # the content root holds at least this share of the page's text
_CHROME_MAX = 0.5  # an element holding more than this share is not chrome, whatever its name
_EDITOR_SHARE = 0.5  # a TRS_Editor holding less is a side widget, not the article
_PARAGRAPH_SHARE = 0.5  # with less of the text in <p> and <table>, all text is weighed
# The root holds the report's blocks, so it is never inside one block (a paragraph, ...)
# and never a table or a row (it may be the cell of a layout table).
_ONE_BLOCK = {"p", "li", "dt", "dd", "pre", "caption", *_HEADINGS}
_NOT_ROOT = {"table", "thead", "tbody", "tfoot", "tr", *_ONE_BLOCK}


def _is_chrome(node: _Node) -> bool:
    return any(w.startswith(_CHROME_WORDS) or w.endswith(_CHROME_WORDS) for w in _names(node))


def _nodes(node: _Node) -> Iterator[_Node]:
    """`node` and its element descendants that are not left out, in document order."""
    todo = [node]
    while todo:
        n = todo.pop()
        if n.skip:
            continue
        yield n
        todo.extend(reversed([c for c in n.children if isinstance(c, _Node)]))


def _measure(node: _Node, counted: bool = False) -> int:
    """Set `weight` on `node` and below: non-space characters of text in <p> and <table>
    (all text when `counted`), the measure of where the report body is."""
    counted = counted or node.tag in ("p", "table")
    total = 0
    for child in node.children:
        if isinstance(child, _Text):
            if counted:
                if child.solid < 0:
                    child.solid = len("".join(child.text.split()))
                total += child.solid
        elif not child.skip:
            total += _measure(child, counted)
    node.weight = total
    return total


def _content_root(document: _Node) -> _Node:
    """The element holding the report: chrome marked `skip`, then the body chosen."""
    editors, holding = _skip_tags(document)
    total = _measure(document) or _measure(document, counted=True)
    todo = [document]
    while todo:  # in document order; below chrome too, as a data table's cell reads what it holds
        node = todo.pop()
        if _named(node) and _is_chrome(node) and node.weight <= _CHROME_MAX * total and id(node) not in holding:
            node.skip = True
        todo.extend(c for c in reversed(node.children) if isinstance(c, _Node) and not c.skip)
    everything = _measure(document, counted=True)
    if _measure(document) < _PARAGRAPH_SHARE * everything:
        _measure(document, counted=True)  # a body of <div>s and <br>s: weigh all text
    total = document.weight or 1
    editors = [n for n in editors if not n.skip and n.weight >= _EDITOR_SHARE * total]
    if editors:
        return max(editors, key=lambda n: n.weight)
    return _named_root(document, total) or _deepest_root(document, total)


def _skip_tags(document: _Node) -> tuple[list[_Node], set[int]]:
    """Mark the elements of _SKIP_TAGS left out (what is below them is never read); return the
    article bodies of the TRS CMS outside them, and the ids of the elements that are or hold one."""
    editors = []
    todo = [document]
    while todo:
        node = todo.pop()
        node.skip = node.tag in _SKIP_TAGS
        if not node.skip:
            if _named(node) and _EDITOR in _names(node):
                editors.append(node)
            todo.extend(c for c in reversed(node.children) if isinstance(c, _Node))
    return editors, _holding(document, editors) if editors else set()


def _holding(document: _Node, inner: list[_Node]) -> set[int]:
    """The ids of the elements that are or hold one of `inner`, through elements not left out
    (one walk, not one per element asked about)."""
    wanted, holding, path = {id(n) for n in inner}, set(), []
    todo = [(0, document)]
    while todo:
        depth, node = todo.pop()
        del path[depth:]
        path.append(node)
        if id(node) in wanted:
            holding.update(id(n) for n in path)
        todo.extend((depth + 1, c) for c in reversed(node.children) if isinstance(c, _Node) and not c.skip)
    return holding


def _named_root(document: _Node, total: int) -> _Node | None:
    """The smallest element named like an article body (zoom, content, ...) holding most text."""
    best: tuple[tuple[int, int], _Node] | None = None
    for depth, node in _with_depth(document):
        if node.weight >= _ROOT_SHARE * total and node.tag not in _NOT_ROOT and _ROOT_NAMES.intersection(_names(node)):
            key = (node.weight, -depth)  # ties: the innermost
            if best is None or key < best[0]:
                best = (key, node)
    return best[1] if best else None


def _with_depth(node: _Node, depth: int = 0) -> Iterator[tuple[int, _Node]]:
    """The elements that may be the root (not inside one block), with their depth, in document
    order (walked with a list, not recursively: a generator per level costs each element the depth)."""
    todo = [(depth, node)]
    while todo:
        level, element = todo.pop()
        yield level, element
        if element.tag not in _ONE_BLOCK:
            todo.extend(reversed([(level + 1, c) for c in element.children if isinstance(c, _Node) and not c.skip]))


def _deepest_root(document: _Node, total: int) -> _Node:
    """The smallest element holding at least 80 % of the text (the body when none is). The
    way down may pass through a layout table, but a paragraph or a table is not a root."""
    node = root = document
    while True:
        heavy = [c for c in node.children if isinstance(c, _Node) and not c.skip and c.weight >= _ROOT_SHARE * total]
        if not heavy or heavy[0].tag in _ONE_BLOCK:
            return root
        node = heavy[0]
        root = root if node.tag in _NOT_ROOT else node


# ---- text: characters with their source positions ---------------------------------------

# One character of text and where it is in the source; `None` in place of the character
# marks a <br>.

_STOPS = "。！？!?"  # a <br> after these ends a paragraph
_PEEK = 8  # characters looked at after a <br> for a numbered heading


def _chars(piece: _Text) -> list[Char]:
    """Each character of `piece` where it stands in the source (all of an entity's at its `&`)."""
    line, col, text = piece.line, piece.col, piece.text
    if not piece.literal:
        return [(ch, line, col) for ch in text]
    if "\n" not in text:
        return [(ch, line, col + i) for i, ch in enumerate(text)]
    out: list[Char] = []
    pieces = text.split("\n")
    for number, part in enumerate(pieces):
        first = col if number == 0 else 1
        out += [(ch, line + number, first + i) for i, ch in enumerate(part)]
        if number < len(pieces) - 1:
            out.append(("\n", line + number, first + len(part)))
    return out







def _split_paragraphs(items: list[Char]) -> list[list[Char]]:
    """Split a run of text at the <br>s that end a paragraph: two in a row, one after the end
    of a sentence, or one before a numbered heading. Other <br>s stay as markers."""
    parts: list[list[Char]] = [[]]
    last, i = "", 0
    while i < len(items):
        ch = items[i][0]
        if ch is not None:
            parts[-1].append(items[i])
            last = last if ch.isspace() or ch in IGNORED else ch
            i += 1
            continue
        j, breaks = i, 0
        while j < len(items) and (items[j][0] is None or items[j][0].isspace()):
            breaks += items[j][0] is None
            j += 1
        if breaks > 1 or (last and last in _STOPS) or SECTION.match(_peek(items, j)):
            parts.append([])
            last = ""
        else:
            parts[-1].append(items[i])
        i = j
    return parts


def _peek(items: list[Char], start: int) -> str:
    out = ""
    for ch, _, _ in items[start:]:
        if ch is None or len(out) >= _PEEK:
            break
        out += "" if ch.isspace() else ch
    return out




# ---- blocks in reading order -------------------------------------------------------------

# A breadcrumb ("当前位置：首页 > ...") that escaped the chrome filter.
_BREADCRUMB = re.compile(alternation(VOCABULARY["page"]["breadcrumb"]))


class _Walker:
    """Walks the content root in document order, turning it into TextBlocks and Tables."""

    def __init__(self) -> None:
        self.blocks: list[TextBlock | Table] = []
        self.run: list[Char] = []
        self.heading = 0  # > 0 inside <h1>..<h6>
        self.tables = 0

    def visit(self, node: _Node) -> None:
        if node.skip:
            return
        if node.tag == "br":
            self.run.append((None, node.line, node.col))
            return
        if node.tag == "table" and self._data_table(node):
            return
        block, heading = node.tag in _BLOCK, node.tag in _HEADINGS
        if block:
            self.flush()
        self.heading += heading
        self.visit_children(node)
        if block:
            self.flush()
        self.heading -= heading

    def visit_children(self, node: _Node) -> None:
        for child in node.children:
            if isinstance(child, _Text):
                self.run.extend(_chars(child))
            else:
                self.visit(child)

    def flush(self) -> None:
        run, self.run = self.run, []
        for part in _split_paragraphs(run):
            text, where = compose(part)
            if text and not _BREADCRUMB.match(text):
                kind = "heading" if self.heading or is_heading(text) else "paragraph"
                self.blocks.append(TextBlock(kind, text, segments(where)))

    def _data_table(self, node: _Node) -> bool:
        """Emit `node` as a Table; False when it is layout (it holds a table, or it has one
        column) and its content is to be read as blocks."""
        if any(n.tag == "table" for n in _nodes(node) if n is not node):
            return False
        rows = _rows(node)
        if not any(cells for _, cells in rows) or _is_frame(rows):
            return False
        self.flush()
        for child in node.children:
            if isinstance(child, _Node) and child.tag == "caption":
                self.visit(child)
        self.tables += 1
        self.blocks.append(_table(rows, self.tables))
        return True


# ---- tables ------------------------------------------------------------------------------

_Row = tuple[_Node, list[_Node]]  # the <tr> (or first stray cell) and its cells


def _rows(table: _Node) -> list[_Row]:
    """The rows of `table` in document order, through <thead>/<tbody>/<tfoot>. Cells
    written without a <tr> form a row of their own, as browsers do."""
    rows: list[_Row] = []

    def scan(container: _Node) -> None:
        stray: _Row | None = None
        for child in container.children:
            if not isinstance(child, _Node):
                continue
            if child.tag in _CELLS:
                if stray is None:
                    stray = (child, [])
                    rows.append(stray)
                stray[1].append(child)
                continue
            stray = None
            if child.tag == "tr":
                rows.append((child, [c for c in child.children if isinstance(c, _Node) and c.tag in _CELLS]))
            elif child.tag in _SECTIONS:
                scan(child)

    scan(table)
    return rows


def _is_frame(rows: list[_Row]) -> bool:
    """A one-column table is a box drawn around content (a breadcrumb, a title, the whole
    article), never a statistics table."""
    return max(c for _, c in _grid(rows)) == 0


def _table(rows: list[_Row], number: int) -> Table:
    """Expand rowspan/colspan into a rectangular grid; a spanned copy repeats the merged
    cell's text and location and points at it with `span_of`."""
    grid = _grid(rows)
    width = max((c for _, c in grid), default=-1) + 1
    if width * len(rows) > MAX_TABLE_CELLS:  # short rows are padded to the widest
        raise _TooLarge(Said("input.table_cells", cells=f"{MAX_TABLE_CELLS:,}"))
    texts: dict[int, tuple[str, int, int]] = {}
    table_rows = []
    for r, (tr, _) in enumerate(rows):
        row = []
        for c in range(width):
            at = dict(table=number, row=r + 1, col=c + 1)
            if (r, c) not in grid:  # a short row, padded
                row.append(Cell("", Location(tr.line, tr.col, **at)))
                continue
            cell, r0, c0 = grid[r, c]
            if id(cell) not in texts:
                texts[id(cell)] = _cell_text(cell)
            text, line, col = texts[id(cell)]
            origin = None if (r0, c0) == (r, c) else Location(line, col, table=number, row=r0 + 1, col=c0 + 1)
            row.append(Cell(text, Location(line, col, **at), span_of=origin))
        table_rows.append(row)
    return Table(rows=table_rows, number=number)


def _grid(rows: list[_Row]) -> dict[tuple[int, int], tuple[_Node, int, int]]:
    """(row, col) -> (cell, its row, its col), 0-based, as the HTML table model places cells."""
    grid: dict[tuple[int, int], tuple[_Node, int, int]] = {}
    for r, (_, cells) in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in grid:
                c += 1
            rowspan = _span(cell, "rowspan", 65534) or len(rows) - r  # rowspan=0: to the end
            colspan = _span(cell, "colspan", 1000) or 1
            if len(grid) + (min(r + rowspan, len(rows)) - r) * colspan > MAX_TABLE_CELLS:
                raise _TooLarge(Said("input.table_cells", cells=f"{MAX_TABLE_CELLS:,}"))
            for rr in range(r, min(r + rowspan, len(rows))):  # spans past the last row are cut
                for cc in range(c, c + colspan):
                    grid.setdefault((rr, cc), (cell, r, c))  # overlapping spans: first wins
            c += colspan
    return grid


def _span(cell: _Node, name: str, limit: int) -> int:
    """The value of a span attribute: 1 when absent or not a number, 0 when "0"."""
    m = re.match(r"\s*(\d+)", cell.attrs.get(name, ""))
    return min(int(m.group(1)), limit) if m else 1


def _cell_text(cell: _Node) -> tuple[str, int, int]:
    """A cell's text and the position of its first character (of the <td> when blank).
    Paragraphs and <br>s inside a cell wrap a label or a number, so they join with nothing."""
    text, where = compose(_unwrap_numbers(_cell_chars(cell)))
    return (text, *where[0]) if text else ("", cell.line, cell.col)


def _unwrap_numbers(items: Iterator[Char]) -> Iterator[Char]:
    """`items` without the whitespace of a source line break between two digits: an exporter
    wrapping its lines inside a number ("1\n23"), which a cell holding one figure cannot mean
    as a space. Other whitespace is kept."""
    spaces: list[Char] = []
    last = ""
    for item in items:
        ch = item[0]
        if ch is not None and ch.isspace():
            spaces.append(item)
            continue
        if spaces and not (last.isdigit() and ch is not None and ch.isdigit() and any(s[0] == "\n" for s in spaces)):
            yield from spaces
        spaces = []
        last = last if ch is None or ch in IGNORED else ch
        yield item
    yield from spaces


def _cell_chars(node: _Node) -> Iterator[Char]:
    for child in node.children:
        if isinstance(child, _Text):
            yield from _chars(child)
        elif child.skip:
            continue
        elif child.tag == "br" or child.tag in _BLOCK:
            yield None, child.line, child.col
            yield from _cell_chars(child)
        else:
            yield from _cell_chars(child)


# ---- entry points ------------------------------------------------------------------------


def load_html(path: str, text: str, encoding: str | None = None) -> Document:
    """Parse decoded HTML `text` into a Document (format "html")."""
    document = Document(path=path, format="html", encoding=encoding, lines=split_lines(text))
    try:
        tree = _TreeBuilder(text).build()
        document.title = _title(tree)
        walker = _Walker()
        walker.visit(_content_root(tree))
        walker.flush()
    except _TooLarge as e:
        raise InputError(path, e.args[0]) from None
    document.blocks = walker.blocks
    return document


def _title(tree: _Node) -> str | None:
    """The text of the page's <title> (it often names the report and its year when the
    article body does not), or None."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if node.tag == "title":
            return compose(_cell_chars(node))[0] or None
        todo.extend(reversed([c for c in node.children if isinstance(c, _Node)]))
    return None


def load_bytes(path: str, data: bytes, fmt: str) -> Document:
    """Decode the bytes of an HTML page and parse it (used by `auditor.load`)."""
    from auditor.load.encoding import decode_html

    text, encoding = decode_html(data, path)
    return load_html(path, text, encoding)
