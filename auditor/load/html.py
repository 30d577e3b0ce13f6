"""Build a Document from an HTML page: the report body's paragraphs and tables.

Report pages are CMS templates (navigation, breadcrumbs, footers) around a body exported
from Word or WPS, where one number can be split over several <span>s and merged table
cells use rowspan/colspan. We parse with the standard library's HTMLParser because it
reports where every tag and text chunk starts, so every character of the Document keeps
its line and column in the decoded source.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterable, Iterator

from auditor.document import Cell, Document, Location, Segment, Table, TextBlock

# ---- element tree ---------------------------------------------------------------------


@dataclass
class _Text:
    """A chunk of source text. An entity (`literal` False) maps all its characters to its `&`."""

    text: str
    line: int
    col: int  # 1-based
    literal: bool = True


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[_Node | _Text] = field(default_factory=list)
    skip: bool = False  # left out: scripts, head, site chrome
    weight: int = 0  # characters of text inside <p> and <table> (see _measure)


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


class _TreeBuilder(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.document = _Node("#document", {}, 1, 1)
        self.stack = [self.document]

    def build(self) -> _Node:
        self.feed(self.source)
        # HTMLParser stops at some malformed constructs (a bare "&#;") until more data comes;
        # feeding nothing resumes it, where close() would turn the rest of the page into text.
        while self.rawdata:
            before = len(self.rawdata)
            self.feed("")
            if len(self.rawdata) == before:
                break
        self.close()
        return self.document

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
            stop = _TABLE_SCOPE if tag in _CELLS | _SECTIONS | {"tr", "table"} else _SCOPE - {tag}
            self._pop_to({tag}, stop)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in ("html", "body", "head") and any(n.tag == tag for n in self.stack):
            return
        if tag not in _HEAD_ONLY:
            self._pop_to({"head"}, set())
        self._close_implied(tag)
        line, col = self._pos()
        node = _Node(tag, {k: v or "" for k, v in reversed(attrs)}, line, col)
        self.stack[-1].children.append(node)
        if not closed:
            self.stack.append(node)

    def _close_implied(self, tag: str) -> None:
        """Close what a start tag implicitly ends (<p>, <li>, cells and rows left open)."""
        if tag in _CLOSES_P:
            self._pop_to({"p"}, _SCOPE)
        if tag == "li":
            self._pop_to({"li"}, _SCOPE | {"ul", "ol"})
        elif tag in ("dt", "dd"):
            self._pop_to({"dt", "dd"}, _SCOPE | {"dl"})
        elif tag in ("option", "optgroup"):
            self._pop_to({"option"}, _SCOPE | {"select"})
        elif tag in _CELLS:
            self._pop_to(_CELLS, _TABLE_SCOPE | {"tr"})
        elif tag == "tr":
            self._pop_to({"tr"} | _CELLS, _TABLE_SCOPE | _SECTIONS, outermost=True)
        elif tag in _SECTIONS:
            self._pop_to({"tr"} | _CELLS | _SECTIONS, _TABLE_SCOPE, outermost=True)

    def _pop_to(self, tags: set[str], stop: set[str], outermost: bool = False) -> None:
        """Close the nearest open element named in `tags` (or the outermost one before a
        `stop` element) and everything opened inside it; do nothing when none is open."""
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
            del self.stack[found:]

    # -- text --

    def handle_data(self, data: str) -> None:
        if "head" in (n.tag for n in self.stack[-2:]) and data.strip():
            self._pop_to({"head"}, set())  # text cannot be in <head>: the body has begun
        line, col = self._pos()
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


def _names(node: _Node) -> list[str]:
    """Lower-cased class and id values, each whole and split into word parts."""
    out = []
    for value in (node.attrs.get("class", ""), node.attrs.get("id", "")):
        for name in value.split():
            out.append(name.lower())
            spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)  # topNav -> top Nav
            out += [w.rstrip("0123456789") for w in re.split(r"[^a-z0-9]+", spaced.lower()) if w]
    return out


def _is_chrome(node: _Node) -> bool:
    return any(w and (w.startswith(c) or w.endswith(c)) for w in _names(node) for c in _CHROME_WORDS)


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
            total += sum(not ch.isspace() for ch in child.text) if counted else 0
        elif not child.skip:
            total += _measure(child, counted)
    node.weight = total
    return total


def _content_root(document: _Node) -> _Node:
    """The element holding the report: chrome marked `skip`, then the body chosen."""
    for node in _nodes(document):
        node.skip = node.tag in _SKIP_TAGS
    all_text = _measure(document) == 0  # no text in <p> or <table>: weigh all text instead
    total = _measure(document, all_text)
    editors = [n for n in _nodes(document) if _EDITOR in _names(n)]
    for node in _nodes(document):
        if _is_chrome(node) and node.weight <= _CHROME_MAX * total and not _holds(node, editors):
            node.skip = True
    total = _measure(document, all_text) or 1
    editors = [n for n in editors if not n.skip and n.weight >= _EDITOR_SHARE * total]
    if editors:
        return max(editors, key=lambda n: n.weight)
    return _named_root(document, total) or _deepest_root(document, total)


def _holds(node: _Node, inner: list[_Node]) -> bool:
    return bool(inner) and any(n is e for n in _nodes(node) for e in inner)


def _named_root(document: _Node, total: int) -> _Node | None:
    depth = {id(document): 0}
    best = None
    for node in _nodes(document):
        for child in node.children:
            if isinstance(child, _Node):
                depth[id(child)] = depth[id(node)] + 1
        named = _ROOT_NAMES.intersection(_names(node))
        if named and node.weight >= _ROOT_SHARE * total:
            key = (node.weight, -depth[id(node)])
            if best is None or key < best[0]:
                best = (key, node)
    return best[1] if best else None


def _deepest_root(document: _Node, total: int) -> _Node:
    node = document
    while True:
        heavy = [c for c in node.children if isinstance(c, _Node) and not c.skip and c.weight >= _ROOT_SHARE * total]
        if not heavy:
            return node
        node = heavy[0]
