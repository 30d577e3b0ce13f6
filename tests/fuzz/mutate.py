"""Mutations of real reports, as Hypothesis strategies.

Every strategy draws a seed (tests/fuzz/seeds.py), applies a few mutations chosen by Hypothesis
and yields a Sample: the bytes of the file to audit, its suffix, and a readable account of what
was done (what a failing test prints). Shrinking removes mutations and moves to the first seed.

Text: replace a figure with an odd numeral, insert or delete report-flavoured characters,
duplicate / delete / swap / split lines, join every line into one (the converted pages' form),
change the encoding. Tables: mutate cells (blank, /, 无, huge, negative, junk, 1..2).
HTML: the text mutations on the source, and its tags (dropped, duplicated, inserted, nested
tables, rowspan/colspan garbage). DOCX: unzip in memory, mutate word/document.xml (text,
gridSpan, vMerge, rows, cells, nested tables, styles), re-zip. PDF: flip, truncate, insert,
delete or duplicate bytes; or a mutated text report rendered as a PDF with or without rulings.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile

from hypothesis import strategies as st

from fuzz import render
from fuzz.seeds import Seed, docx_seeds, html_seeds, pdf_seeds, table_seeds, text_seeds


class Sample:
    """One input to audit: the bytes of a file with `suffix`, made from `seed` by `steps`.
    (Not a dataclass: Hypothesis would print the bytes field by field instead of the steps.)"""

    __slots__ = ("seed", "suffix", "data", "steps", "source", "remake")

    def __init__(self, seed: str, suffix: str, data: bytes, steps: list[str] | None = None,
                 source: str | None = None, remake=None):
        self.seed, self.suffix, self.data, self.steps = seed, suffix, data, steps or []
        # For a file rendered from text (a generated PDF): the text, and text -> bytes, so that
        # scripts/fuzz can shrink the text rather than the PDF.
        self.source, self.remake = source, remake

    def __repr__(self) -> str:  # what Hypothesis prints for a falsifying example
        steps = "".join(f"\n    {i}. {s}" for i, s in enumerate(self.steps, 1)) or " (unchanged)"
        return f"Sample({self.seed} -> {len(self.data)} bytes {self.suffix}){steps}"


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + f"…(+{len(text) - limit})")


# ---- numerals -----------------------------------------------------------------------------------

# Chinese numerals that cn2an and the grammar of numerals disagree on, or that are not numerals.
ODD_CHINESE = ("零十一", "百十五", "八亿五", "十十", "万七", "亿", "万万", "零", "〇", "两", "十百", "千千",
               "一亿亿", "两千零", "零零零", "二〇二一", "九九九九九九九九九九九九九九九九", "万亿", "百", "千万",
               "十万万", "一十百千万亿", "三千二百万零五", "亿零一", "两两", "零〇", "五十五十")
ODD_ARABIC = ("1..2", "1.2.3", "1,,000", ".5", "5.", "0000", "-0", "1,23,4", "１．．２", "1.", "1e9", "1_000",
              "٣", "①", "²", "1,000,000,000,000,000,000,000,000,000,000", "0.0000000000000000000000000000001",
              "9" * 30, "3." + "3" * 30, "1" * 60, "１２３４５６７８９０" * 4)
CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


@st.composite
def arabic(draw) -> str:
    digits = draw(st.text("0123456789", min_size=1, max_size=40))
    if draw(st.booleans()):  # thousands separators, right or wrong
        step = draw(st.sampled_from([3, 3, 3, 2, 4]))
        head = len(digits) % step or step
        digits = ",".join([digits[:head]] + [digits[i:i + step] for i in range(head, len(digits), step)])
    if draw(st.booleans()):
        digits += "." + draw(st.text("0123456789", min_size=1, max_size=35))
    if draw(st.integers(0, 3)) == 0:
        digits = draw(st.sampled_from("-−－+")) + digits
    if draw(st.integers(0, 3)) == 0:
        digits = digits.translate(FULL_WIDTH)
    return digits + draw(st.sampled_from(["", "", "", "万", "亿", "万亿"]))


def chinese() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(ODD_CHINESE), st.text(CN_DIGITS + CN_UNITS, min_size=1, max_size=12))


def numerals() -> st.SearchStrategy[str]:
    """Any numeral a report might hold, and a few it should not."""
    return st.one_of(st.sampled_from(ODD_CHINESE), st.sampled_from(ODD_ARABIC), arabic(), chinese())


def cell_values() -> st.SearchStrategy[str]:
    """What a statistics table cell might hold."""
    return st.one_of(
        st.sampled_from(["", "/", "／", "无", "—", "——", "-", "0", "不适用", "没有", "空", "1..2", "-5", "-0",
                         "9" * 30, "1" * 100, "5%", "12条", "3件", "1万元", "0.5亿元", "约10", "10余", "十",
                         "NaN", "inf", "1e400", "∞", "#", "|", "\t", "（一）", "合计", "12 34", "1\u30002"]),
        numerals(),
        st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=12),
    )


# Characters reports are made of: digits, CJK punctuation, units, table and layout characters.
ALPHABET = ("0123456789" "。，；：（）《》%、条件个万亿" "其中占共计总" " \u3000\n\t|/.-—" "一二三四五六七八九十百千零两")
_WORDS = ("其中", "占", "共", "总计", "合计", "本年", "%", "％", "个百分点", "万元", "余", "多", "近", "超过",
          "以上", "约", "第", "《", "》", "（", "）", "|", "\t", "\n", "\r", "\r\n", "  ", "：", "。", "；")
_FIGURE = re.compile(r"[0-9０-９]+(?:[.,，．][0-9０-９]+)*|[零〇一二两三四五六七八九十百千万亿]+")


# ---- text mutations -----------------------------------------------------------------------------


@st.composite
def _replace_figure(draw, text: str) -> tuple[str, str]:
    found = list(_FIGURE.finditer(text))
    if not found:
        return text, "no figure to replace"
    match = found[draw(st.integers(0, len(found) - 1))]
    new = draw(numerals())
    return text[:match.start()] + new + text[match.end():], f"figure {match[0]!r} -> {new!r} at {match.start()}"


@st.composite
def _insert(draw, text: str) -> tuple[str, str]:
    at = draw(st.integers(0, len(text)))
    new = draw(st.one_of(st.text(alphabet=st.sampled_from(list(ALPHABET)), min_size=1, max_size=8),
                         st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map("".join),
                         numerals()))
    return text[:at] + new + text[at:], f"insert {new!r} at {at}"


@st.composite
def _delete(draw, text: str) -> tuple[str, str]:
    if not text:
        return text, "nothing to delete"
    at = draw(st.integers(0, len(text) - 1))
    size = draw(st.integers(1, 12))
    return text[:at] + text[at + size:], f"delete {_short(text[at:at + size])} at {at}"


@st.composite
def _line_op(draw, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    op = draw(st.sampled_from(["duplicate", "delete", "swap", "split", "repeat"]))
    i = draw(st.integers(0, len(lines) - 1))
    line = lines[i]
    if op == "duplicate":
        lines.insert(i, line)
    elif op == "delete":
        del lines[i]
    elif op == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines), f"swap lines {i + 1} and {j + 1}"
    elif op == "split":
        at = draw(st.integers(0, len(line)))
        lines[i:i + 1] = [line[:at], line[at:]]
        return "\n".join(lines), f"split line {i + 1} at {at}"
    else:
        count = draw(st.integers(2, 200))
        lines[i:i + 1] = [line] * count
        return "\n".join(lines), f"repeat line {i + 1} {count} times"
    return "\n".join(lines), f"{op} line {i + 1} {_short(line, 30)}"


def as_running_text(text: str) -> str:
    """A report as converted web pages hold it: every line joined, a table's cells run together
    ('行政许可2293第二十条…'), as in the real corpus' pingtan-2019..2024.txt."""
    return "".join(line.strip().strip("|").strip().replace(" | ", "").replace("|", "")
                   for line in text.splitlines() if not re.fullmatch(r"[\s|:-]*", line))


@st.composite
def _join(draw, text: str) -> tuple[str, str]:
    glue = draw(st.sampled_from(["running text", "", " ", "\t", "|"]))
    if glue == "running text":
        return as_running_text(text), "join all lines as running text (table cells run together)"
    return glue.join(text.splitlines()), f"join all lines with {glue!r}"


@st.composite
def _cell(draw, text: str) -> tuple[str, str]:
    """Replace the text of one pipe-table cell."""
    found = list(re.finditer(r"(?<=\|)[^|\n]*(?=\|)", text))
    if not found:
        return text, "no table cell"
    match = found[draw(st.integers(0, len(found) - 1))]
    new = draw(cell_values())
    line = text.count("\n", 0, match.start()) + 1
    return (text[:match.start()] + f" {new} " + text[match.end():],
            f"cell {match[0].strip()!r} -> {new!r} on line {line}")


@st.composite
def _row_op(draw, text: str) -> tuple[str, str]:
    """Make a table row ragged: add or drop a cell, or add a column of junk to every row."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if line.count("|") >= 2]
    if not rows:
        return text, "no table row"
    op = draw(st.sampled_from(["add cell", "drop cell", "add column"]))
    value = draw(cell_values())
    if op == "add column":
        for i in rows:
            lines[i] = lines[i].rstrip() + f" {value} |"
        return "\n".join(lines), f"add a column {value!r} to every row"
    i = rows[draw(st.integers(0, len(rows) - 1))]
    if op == "add cell":
        lines[i] = lines[i].rstrip() + f" {value} |"
    else:
        lines[i] = lines[i].rstrip().rstrip("|").rsplit("|", 1)[0] + "|"
    return "\n".join(lines), f"{op} on line {i + 1}" + (f" ({value!r})" if op == "add cell" else "")


TEXT_OPS = (_replace_figure, _replace_figure, _insert, _delete, _line_op, _cell)
TABLE_OPS = (_cell, _cell, _cell, _row_op, _replace_figure)


@st.composite
def mutated_text(draw, seeds: tuple[Seed, ...] | None = None, ops=TEXT_OPS, max_ops: int = 5,
                 join: bool = True) -> tuple[Seed, str, list[str]]:
    """(seed, text, steps): a text seed after 1..max_ops mutations, perhaps with its lines joined."""
    pool = seeds or text_seeds()
    seed = pool[draw(st.integers(0, len(pool) - 1))]
    text, steps = seed.text, []
    # Joined first (then mutated) or last: the figures of a table written as running text get
    # the numeral mutations too.
    where = draw(st.sampled_from(["never", "never", "never", "first", "last"])) if join else "never"
    if where == "first":
        text, step = draw(_join(text))
        steps.append(step)
    for _ in range(draw(st.integers(1, max_ops))):
        op = ops[draw(st.integers(0, len(ops) - 1))]
        text, step = draw(op(text))
        steps.append(step)
    if where == "last":
        text, step = draw(_join(text))
        steps.append(step)
    return seed, text, steps


@st.composite
def scale_samples(draw) -> Sample:
    """A report with one of its lines, or one sentence within its paragraph, repeated hundreds
    or thousands of times: what is linear in the figures stays fast, what is quadratic hangs."""
    pool = text_seeds()
    seed = pool[draw(st.integers(0, len(pool) - 1))]
    lines = seed.text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    i = filled[draw(st.integers(0, len(filled) - 1))]
    count = draw(st.integers(300, 3000))
    if draw(st.booleans()):
        lines[i:i + 1] = [lines[i]] * count
        step = f"repeat line {i + 1} ×{count}"
    else:
        sentences = [x for x in re.split(r"(?<=[。；])", lines[i]) if x] or [lines[i]]
        k = draw(st.integers(0, len(sentences) - 1))
        sentences[k:k + 1] = [sentences[k]] * count
        lines[i] = "".join(sentences)
        step = f"repeat sentence {_short(sentences[k], 30)} of line {i + 1} ×{count} within the line"
    text = "\n".join(lines)
    while len(text) > 400_000:  # keep one example to a few seconds
        text = text[: len(text) // 2]
    steps = [step]
    if draw(st.booleans()):
        text, more = draw(_replace_figure(text))
        steps.append(more)
    return Sample(seed.name, seed.suffix, text.encode("utf-8"), steps)


_ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "big5", "latin-1")


@st.composite
def _encode(draw, text: str, steps: list[str]) -> bytes:
    encoding = draw(st.sampled_from(_ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if encoding != "utf-8":
        steps.append(f"encode as {encoding}")
    if draw(st.integers(0, 9)) == 0 and data:  # a stray byte: a file cut or damaged
        at = draw(st.integers(0, len(data) - 1))
        byte = draw(st.sampled_from([b"\xff", b"\x00", b"\x80", b"\xe4\xb8", b"\x1a"]))
        data = data[:at] + byte + data[at:]
        steps.append(f"insert byte {byte!r} at {at}")
    return data


@st.composite
def text_samples(draw) -> Sample:
    """A text or Markdown report, mutated."""
    seed, text, steps = draw(mutated_text())
    suffix = seed.suffix if draw(st.integers(0, 4)) else draw(st.sampled_from([".txt", ".md"]))
    if suffix != seed.suffix:
        steps.append(f"read as {suffix}")
    return Sample(seed.name, suffix, draw(_encode(text, steps)), steps)


@st.composite
def table_samples(draw) -> Sample:
    """A report with a pipe table whose cells and rows are mutated (perhaps then run together)."""
    seed, text, steps = draw(mutated_text(table_seeds(), TABLE_OPS, max_ops=6))
    return Sample(seed.name, seed.suffix, text.encode("utf-8"), steps)


# ---- HTML -------------------------------------------------------------------------------------

_SPAN_VALUES = ("0", "-5", "999999", "abc", "", "1.5", " 2 ", "+3", "٣", "99999999999999999999", "2abc",
                "0x10", "1e3", "-0", "65535", "65536", "1000", "1001", "2147483648", "3\u00a0", "２")
_TAGS = ("<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>", "<tbody>", "<thead>",
         "<br>", "<p>", "</p>", "<div>", "</div>", "<span>", "<h2>", "</h2>", "<!--", "-->", "<script>",
         "</script>", "<style>", "<td rowspan=\"0\">", "<td colspan=\"999999\">", "<caption>", "<table><tr><td>",
         "</td></tr></table>", "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "&nbsp;", "&#12345;", "&#x0;",
         "&#99999999;", "&amp", "<meta charset=\"gbk\">", "<meta charset=\"nonsense\">")


@st.composite
def _tag_op(draw, source: str) -> tuple[str, str]:
    tags = list(re.finditer(r"<[^<>]*>", source))
    op = draw(st.sampled_from(["drop", "duplicate", "insert", "span", "span", "span", "nest", "drop all"]))
    cells = [m for m in tags if re.match(r"<t[dh]\b", m[0], re.I)]
    if op == "span" and cells:
        m = cells[draw(st.integers(0, len(cells) - 1))]
        attr = draw(st.sampled_from(["colspan", "rowspan"]))
        value = draw(st.sampled_from(_SPAN_VALUES))
        quote = draw(st.sampled_from(['"', "'", ""]))
        new = f"<{m[0][1:3]} {attr}={quote}{value}{quote}>"
        return source[:m.start()] + new + source[m.end():], f"{m[0]!r} -> {new!r}"
    if op == "nest" and cells:
        m = cells[draw(st.integers(0, len(cells) - 1))]
        inner = "<table><tr><td>1</td><td>2</td></tr><tr><td colspan=\"2\">3</td></tr></table>"
        return source[:m.end()] + inner + source[m.end():], f"nest a table in the cell at {m.start()}"
    if op == "drop all" and tags:
        name = re.match(r"</?\s*([a-zA-Z0-9]*)", tags[draw(st.integers(0, len(tags) - 1))][0])[1]
        pattern = re.compile(rf"</{name}\s*>", re.I) if name else re.compile(r"$^")
        return pattern.sub("", source), f"drop every </{name}>"
    if op == "insert" or not tags:
        at = draw(st.integers(0, len(source)))
        new = draw(st.sampled_from(_TAGS))
        return source[:at] + new + source[at:], f"insert {new!r} at {at}"
    m = tags[draw(st.integers(0, len(tags) - 1))]
    if op == "drop":
        return source[:m.start()] + source[m.end():], f"drop {m[0]!r} at {m.start()}"
    count = draw(st.integers(1, 50))
    return source[:m.start()] + m[0] * count + source[m.end():], f"repeat {m[0]!r} ×{count} at {m.start()}"


HTML_OPS = (_tag_op, _tag_op, _tag_op, _replace_figure, _insert, _delete, _cell)


@st.composite
def html_samples(draw) -> Sample:
    """An HTML page (a fixture, a real page, or a text seed rendered as HTML), mutated."""
    if draw(st.booleans()):
        pool = html_seeds()
        seed = pool[draw(st.integers(0, len(pool) - 1))]
        name, source, steps = seed.name, seed.text, []
    else:  # mutate the text first, then render: the tables get the figures of every template
        if draw(st.booleans()):
            seed, text, steps = draw(mutated_text(max_ops=2, join=False))
        else:
            seed = draw(st.sampled_from(table_seeds()))
            text, steps = seed.text, []
        name, source = seed.name, render.to_html(text)
        steps = [*steps, "render as HTML"]
    for _ in range(draw(st.integers(1, 5))):
        op = HTML_OPS[draw(st.integers(0, len(HTML_OPS) - 1))]
        source, step = draw(op(source))
        steps.append(step)
    return Sample(name, ".html", draw(_encode(source, steps)), steps)


# ---- DOCX -------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"
_VMERGE_VALUES = ("restart", "continue", "", "abc", "RESTART", "0", "1", None)  # None: no w:val
_STYLE_VALUES = ("Heading1", "Heading2", "heading 1", "Title", "1", "", "junk", "Heading9", "Heading99")
_LEVEL_VALUES = ("0", "1", "5", "6", "9", "-1", "abc", "", "99999999999999999999", "٣")


@functools.cache
def _rendered_docx(name: str) -> bytes:
    seed = next(s for s in text_seeds() if s.name == name)
    return render.to_docx(seed.text)


def _set(parent, tag: str, value: str | None, first: bool = True):
    """Set (creating where missing) the child `tag` of `parent`'s properties, with w:val."""
    from lxml import etree

    child = parent.find(f"{_W}{tag}")
    if child is None:
        child = etree.SubElement(parent, f"{_W}{tag}")
        if first:
            parent.remove(child)
            parent.insert(0, child)
    if value is None:
        child.attrib.pop(f"{_W}val", None)
    else:
        child.set(f"{_W}val", value)
    return child


def _properties(element, tag: str):
    """The w:tcPr / w:pPr of `element`, created as its first child where missing."""
    from lxml import etree

    props = element.find(f"{_W}{tag}")
    if props is None:
        props = etree.Element(f"{_W}{tag}")
        element.insert(0, props)
    return props


@st.composite
def _docx_op(draw, root) -> str:
    """Mutate the parsed word/document.xml in place; return what was done."""
    import copy

    cells = list(root.iter(f"{_W}tc"))
    rows = list(root.iter(f"{_W}tr"))
    texts = [t for t in root.iter(f"{_W}t")]
    ops = ["text", "text", "text"]
    if cells:
        ops += ["gridSpan", "gridSpan", "vMerge", "vMerge", "drop cell", "copy cell", "nest"]
    if rows:
        ops += ["drop row", "copy row"]
    ops += ["style", "gridCol"]
    op = draw(st.sampled_from(ops))
    if op == "text" and texts:
        t = texts[draw(st.integers(0, len(texts) - 1))]
        old = t.text or ""
        if draw(st.booleans()):
            new = draw(cell_values())
        else:
            mutation = draw(st.sampled_from([_replace_figure, _insert, _delete]))
            new, _ = draw(mutation(old))
        t.text = new
        return f"w:t {_short(old, 30)} -> {_short(new, 30)}"
    if op in ("gridSpan", "vMerge"):
        i = draw(st.integers(0, len(cells) - 1))
        value = draw(st.sampled_from(_SPAN_VALUES if op == "gridSpan" else _VMERGE_VALUES))
        _set(_properties(cells[i], "tcPr"), op, value, first=False)
        return f"cell {i + 1}: {op} w:val={value!r}"
    if op == "drop cell":
        i = draw(st.integers(0, len(cells) - 1))
        cells[i].getparent().remove(cells[i])
        return f"drop cell {i + 1}"
    if op == "copy cell":
        i = draw(st.integers(0, len(cells) - 1))
        count = draw(st.integers(1, 30))
        for _ in range(count):
            cells[i].addnext(copy.deepcopy(cells[i]))
        return f"repeat cell {i + 1} ×{count}"
    if op == "nest":
        tables = list(root.iter(f"{_W}tbl"))
        i = draw(st.integers(0, len(cells) - 1))
        table = copy.deepcopy(tables[draw(st.integers(0, len(tables) - 1))])
        cells[i].append(table)
        from lxml import etree

        etree.SubElement(cells[i], f"{_W}p")  # Word ends a cell with a paragraph
        return f"nest a copy of a table in cell {i + 1}"
    if op == "drop row":
        i = draw(st.integers(0, len(rows) - 1))
        rows[i].getparent().remove(rows[i])
        return f"drop row {i + 1}"
    if op == "copy row":
        i = draw(st.integers(0, len(rows) - 1))
        count = draw(st.integers(1, 30))
        for _ in range(count):
            rows[i].addnext(copy.deepcopy(rows[i]))
        return f"repeat row {i + 1} ×{count}"
    if op == "gridCol":
        cols = list(root.iter(f"{_W}gridCol"))
        if not cols:
            return "no w:gridCol"
        i = draw(st.integers(0, len(cols) - 1))
        if draw(st.booleans()):
            cols[i].getparent().remove(cols[i])
            return f"drop w:gridCol {i + 1}"
        value = draw(st.sampled_from(_SPAN_VALUES))
        cols[i].set(f"{_W}w", value)
        return f"w:gridCol {i + 1} w:w={value!r}"
    paragraphs = list(root.iter(f"{_W}p"))
    if not paragraphs:
        return "no paragraph"
    i = draw(st.integers(0, len(paragraphs) - 1))
    props = _properties(paragraphs[i], "pPr")
    if draw(st.booleans()):
        value = draw(st.sampled_from(_STYLE_VALUES))
        _set(props, "pStyle", value)
        return f"paragraph {i + 1}: pStyle {value!r}"
    value = draw(st.sampled_from(_LEVEL_VALUES))
    _set(props, "outlineLvl", value, first=False)
    return f"paragraph {i + 1}: outlineLvl {value!r}"


@st.composite
def docx_samples(draw) -> Sample:
    """A Word document (a fixture, a real one, or a text seed made into one), its XML mutated."""
    from lxml import etree

    if draw(st.booleans()):
        pool = docx_seeds()
        seed = pool[draw(st.integers(0, len(pool) - 1))]
        name, data, steps = seed.name, seed.data, []
    else:
        seed = draw(st.sampled_from(table_seeds()))
        name, data, steps = seed.name, _rendered_docx(seed.name), ["render as DOCX"]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError):  # the encrypted or .doc fixtures: mutate the bytes
        return Sample(name, ".docx", draw(_byte_ops(data, steps, max_ops=2)), steps)
    xml = members.get("word/document.xml")
    if xml is not None:
        root = etree.fromstring(xml)
        for _ in range(draw(st.integers(1, 6))):
            steps.append(draw(_docx_op(root)))
        members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                      standalone=True)
    if draw(st.integers(0, 9)) == 0:  # a damaged package
        victim = draw(st.sampled_from(sorted(members)))
        if draw(st.booleans()):
            del members[victim]
            steps.append(f"drop zip member {victim}")
        else:
            members[victim] = members[victim][: draw(st.integers(0, len(members[victim])))]
            steps.append(f"truncate zip member {victim}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for member, body in members.items():
            zipped.writestr(member, body)
    return Sample(name, ".docx", out.getvalue(), steps)


# ---- PDF --------------------------------------------------------------------------------------

_PDF_TOKENS = (b"obj", b"endobj", b"stream", b"endstream", b"<<", b">>", b"/Length 0", b"/Length 99999999",
               b"%%EOF", b"xref", b"trailer", b"R", b"0 0 R", b"[", b"]", b"(", b")", b"\\", b"<", b">",
               b"/Type /Page", b"/Count -1", b"/Count 99999", b"9" * 30, b"-", b".", b"\x00", b"\xff\xfe",
               b"BT", b"ET", b"Tj", b"Td 1e38 1e38", b"/F1 0 Tf", b"re f", b"0 0 m 500 0 l S")


@st.composite
def _byte_ops(draw, data: bytes, steps: list[str], max_ops: int = 4) -> bytes:
    for _ in range(draw(st.integers(1, max_ops))):
        if not data:
            break
        op = draw(st.sampled_from(["flip", "flip", "truncate", "insert", "insert", "delete", "duplicate"]))
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            bit = 1 << draw(st.integers(0, 7))
            data = data[:at] + bytes([data[at] ^ bit]) + data[at + 1:]
            steps.append(f"flip bit {bit:#04x} of byte {at}")
        elif op == "truncate":
            data = data[:at]
            steps.append(f"truncate at {at}")
        elif op == "insert":
            new = draw(st.one_of(st.sampled_from(_PDF_TOKENS), st.binary(min_size=1, max_size=16)))
            data = data[:at] + new + data[at:]
            steps.append(f"insert {new!r} at {at}")
        elif op == "delete":
            size = draw(st.integers(1, 256))
            data = data[:at] + data[at + size:]
            steps.append(f"delete {size} bytes at {at}")
        else:
            size = draw(st.integers(1, 512))
            data = data[:at] + data[at:at + size] * 2 + data[at + size:]
            steps.append(f"duplicate {size} bytes at {at}")
    return data


@st.composite
def pdf_byte_samples(draw) -> Sample:
    """A PDF (a fixture, a real one, or a text seed rendered) with bytes flipped, cut, added."""
    if draw(st.booleans()):
        pool = pdf_seeds()
        seed = pool[draw(st.integers(0, len(pool) - 1))]
        name, data, steps = seed.name, seed.data, []
    else:
        seed = draw(st.sampled_from(table_seeds()))
        ruled = draw(st.booleans())
        name, data = seed.name, _rendered_pdf(seed.name, ruled)
        steps = [f"render as PDF ({'ruled' if ruled else 'no rulings'})"]
    return Sample(name, ".pdf", draw(_byte_ops(data, steps)), steps)


@functools.cache
def _rendered_pdf(name: str, ruled: bool) -> bytes:
    seed = next(s for s in text_seeds() if s.name == name)
    return render.to_pdf(seed.text, ruled=ruled)


@st.composite
def pdf_text_samples(draw) -> Sample:
    """A mutated text report rendered as a PDF with a text layer, its tables ruled or not."""
    seed, text, steps = draw(mutated_text(max_ops=4))
    ruled = draw(st.booleans())
    size = draw(st.sampled_from([10, 10, 8, 12, 5, 20]))
    steps.append(f"render as PDF ({'ruled' if ruled else 'no rulings'}, {size} pt)")
    remake = functools.partial(render.to_pdf, ruled=ruled, size=size)
    return Sample(seed.name, ".pdf", remake(text), steps, source=text, remake=remake)
