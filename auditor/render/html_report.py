"""HTML: one self-contained page a reviewer opens in a browser (`--format html`).

For a batch, a summary table first (one row per report, worst first, each linking to its section).
Per report: a header (path, title, template, year, counts); the findings, each linking to the
places it involves; the statistics tables rebuilt from the document, the cells a finding involves
marked; and the narrative paragraphs that state a figure a finding involves, the figure marked
(every other paragraph that states a figure folded under a <details>). Each place links back to
its finding; a cross-year finding's place in the year before is marked in that report's section
when the batch has it. Ids: report `r1`, finding `f1-3`, its second place `f1-3-p2` (the back link standing
in the marked cell or figure), cell `r1-t2-r25-c4`, figure `r1-b12-o207` (block 12, offset 207).

Everything is inline (CSS and a line of script that opens the folded parts for printing); the page
loads nothing. All text from a report is escaped.
"""

from __future__ import annotations

import bisect
import os
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from auditor.library import Library
from auditor.library.schema import SEVERITY_ORDER
from auditor.model.document import Cell, Table, TextBlock
from auditor.model.findings import Finding, Place
from auditor.model.report import Report
from auditor.render.console import EXCERPT, PLAIN, WORDS
from auditor.render.markdown import HEAD as MARKDOWN_HEAD
from auditor.render.summary import severity_counts
from auditor.version import __version__

SEVERITIES = ("error", "warning", "info")
# Backgrounds of marked cells and figures (the browser test looks for these pixels), and the ink
# of severity labels.
BACKGROUND = {"error": "#ffb4b4", "warning": "#ffe08a", "info": "#bfdcff"}
INK = {"error": "#b3141b", "warning": "#8a5a00", "info": "#1a5fa8"}  # labels, borders, back links
HEAD = {
    "zh": {
        "title": MARKDOWN_HEAD["zh"]["title"], "batch": "汇总", "file": "文件", "doc_title": "标题",
        "findings": "问题", "tables": "统计表", "table": "表{number}", "narrative": "正文中的数字",
        "others": "其他含数字的段落（{count} 段）", "no_tables": "文档中没有读到表格。",
        "no_narrative": "正文中没有读到数字。", "back": "↑ 汇总",
        "unlocated": "（未能在下文定位）",
        "to_finding": "问题 {number}：{rule}", "suppressed": "已抑制", "baselined": "已列入基线",
        "legend": "图例", "place": "位置", "page": "第{page}页",
    },
    "en": {
        "title": MARKDOWN_HEAD["en"]["title"], "batch": "Summary", "file": "file", "doc_title": "title",
        "findings": "Findings", "tables": "Statistics tables", "table": "Table {number}",
        "narrative": "Figures in the text", "others": "Other paragraphs that state figures ({count})",
        "no_tables": "No tables were read in the document.", "no_narrative": "No figures were read in the text.",
        "back": "↑ summary", "unlocated": "(not located below)", "to_finding": "finding {number}: {rule}",
        "suppressed": "suppressed", "baselined": "baselined", "legend": "legend", "place": "place",
        "page": "p. {page}",
    },
}

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 16px 20px 40px; color: #1d1d1f; background: #fff;
  font: 14px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 18px; margin: 0 0 4px; word-break: break-all; }
h3 { font-size: 15px; margin: 22px 0 8px; padding-bottom: 2px; border-bottom: 1px solid #ddd; }
a { color: #0b57d0; }
li:target, td:target, mark:target, td:has(a:target), mark:has(a:target) {
  outline: 3px solid #0b57d0; outline-offset: 1px; }
.muted, .meta { color: #5f6368; }
.report { margin-top: 28px; padding-top: 12px; border-top: 3px solid #333; }
.doc-title { font-size: 15px; margin: 2px 0; }
.meta { margin: 2px 0; }
.counts { margin: 6px 0; }
.badge { display: inline-block; padding: 0 8px; margin-right: 6px; border-radius: 10px;
  border: 1px solid #ccc; color: #5f6368; }
.badge.some { font-weight: 600; }
table { border-collapse: collapse; }
table.summary td, table.summary th { border: 1px solid #c8c8c8; padding: 3px 8px; text-align: left; }
table.summary th { background: #f1f3f4; white-space: nowrap; }
#summary { margin-top: 18px; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.summary td.n.error, table.summary td.n.warning { font-weight: 600; }
.back { float: right; font-size: 12px; }
ol.findings { list-style: none; padding: 0; margin: 0; }
li.finding { margin: 0 0 10px; padding: 6px 10px; border-left: 5px solid #ccc; background: #fafafa; }
.finding .num { color: #5f6368; margin-right: 4px; }
.sev { font-weight: 700; margin-right: 4px; }
.rule-name { color: #5f6368; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.finding p { margin: 2px 0; }
.note { font-style: italic; color: #5f6368; }
.k { color: #5f6368; margin-right: 4px; }
ul.places { list-style: none; padding: 0; margin: 4px 0 0; display: grid; gap: 1px 14px;
  grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); font-size: 12.5px; }
ul.places.wide { grid-template-columns: 1fr; }
ul.places li { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
ul.places .ctx { color: #5f6368; }
.unlocated { color: #5f6368; }
table.stats { margin: 4px 0 16px; font-size: 12.5px; }
table.stats caption { caption-side: top; text-align: left; font-weight: 600; padding: 2px 0; }
table.stats td { border: 1px solid #9aa0a6; padding: 2px 6px; vertical-align: middle; min-width: 2.5em; }
table.stats td.copy { color: #9aa0a6; }
td.cell-error, td.cell-warning, td.cell-info { font-weight: 700; }
mark { background: #eeeeee; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.fig-error, mark.fig-warning, mark.fig-info { font-weight: 700; }
.refs { font-size: 10px; vertical-align: super; line-height: 0; margin-left: 2px; white-space: nowrap; }
.refs a { text-decoration: none; font-weight: 700; padding: 0 2px; border-radius: 3px; color: #fff; }
.block { margin: 6px 0; }
.block .loc { color: #9aa0a6; font-size: 11px; margin-right: 6px; }
.block.heading { font-weight: 700; }
details { margin: 8px 0; } summary { cursor: pointer; color: #5f6368; }
footer { margin-top: 30px; font-size: 11px; color: #9aa0a6; }
%(severities)s
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  .back, summary { display: none; }
  .report { border-top: none; }
  #summary + .report, .report + .report { break-before: page; }
  li.finding, tr, .block { break-inside: avoid; }
  h3 { break-after: avoid; }
  ul.places li { white-space: normal; }
}
"""
CSS = CSS.replace("%(severities)s", "\n".join(
    f".cell-{s}, mark.fig-{s}, .badge.{s}.some {{ background: {BACKGROUND[s]}; }}\n"
    f".sev.{s}, .badge.{s}.some, table.summary td.n.{s} {{ color: {INK[s]}; }}\n"
    f".badge.{s}.some, li.finding.{s} {{ border-color: {INK[s]}; }}\n"
    f".refs a.{s} {{ background: {INK[s]}; }}" for s in SEVERITIES))
SCRIPT = ('addEventListener("beforeprint",function(){'
          'document.querySelectorAll("details").forEach(function(d){d.open=true})});')


def render_html(reports: list[Report], library: Library | None = None, lang: str = "zh") -> str:
    """The page for `reports` in `lang` ("zh" or "en"). `library` is accepted like the other
    renderers' (the findings carry their rules)."""
    head = HEAD[lang]
    total = WORDS[lang]["summary"].format(reports=len(reports), **severity_counts(reports))
    parts = ["<!DOCTYPE html>",
             f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
             '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(head['title'] + (' · ' + reports[0].path if len(reports) == 1 else ''))}</title>",
             f"<style>{CSS}</style>", f"<script>{SCRIPT}</script></head>", "<body>",
             f"<h1>{escape(head['title'])}</h1>",
             f'<p class="meta">{escape(total)}</p>']
    batch = len(reports) > 1
    if batch:
        parts.append(_summary(reports, lang))
    pages = [_ReportPage(report, number, lang, batch) for number, report in enumerate(reports, 1)]
    _link(pages)
    parts += [page.render() for page in pages]
    parts.append(f"<footer>report-auditor {escape(__version__)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _link(pages: list[_ReportPage]) -> None:
    """Mark every place of every finding where it stands: in its own report, or (a cross-year
    finding's place in the year before) in the other report's section when it is in the batch."""
    by_path: dict[str, _ReportPage] = {}
    for page in pages:
        by_path.setdefault(_same_file(page.report.path), page)
    for page in pages:
        for n, finding in enumerate(page.findings, 1):
            for k, place in enumerate(finding.places, 1):
                where = page if place.path is None else by_path.get(_same_file(place.path))
                ref = _Ref(f"f{page.number}-{n}-p{k}", f"f{page.number}-{n}", n, finding,
                           "" if where is page else page.report.path)
                target = where.mark(place, ref) if where is not None else None
                if target is not None:
                    page.targets[ref.place_id] = target


def _same_file(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def document_title(report: Report) -> str | None:
    """The report's own title: the file's title, else an early line naming the report, else the
    first heading."""
    document = report.document
    if document.title and document.title.strip():
        return document.title.strip()
    blocks = document.text_blocks
    for block in blocks[:8]:
        text = " ".join(block.text.split())
        if "报告" in text and len(text) <= 80:
            return text
    for block in blocks:
        if block.kind == "heading" and block.text.strip():
            return " ".join(block.text.split())
    return None


def _counts(report: Report) -> dict[str, int]:
    counts = severity_counts([report])
    return {"error": counts["errors"], "warning": counts["warnings"], "info": counts["infos"]}


def _template(report: Report, lang: str) -> str:
    ex = report.extraction
    return ex.template_title.get(lang) if ex.template_title else (ex.template or WORDS[lang]["none"])


def _summary(reports: list[Report], lang: str) -> str:
    words, head = WORDS[lang], HEAD[lang]
    rows = []
    for number, report in enumerate(reports, 1):
        counts = _counts(report)
        na = report.stats()["not_assessable"]
        rows.append(((-counts["error"], -counts["warning"], -counts["info"], -na, report.path),
                     number, report, counts, na))
    rows.sort(key=lambda row: row[0])
    out = ['<section id="summary">', f"<h2>{escape(head['batch'])}</h2>", '<table class="summary">',
           "<thead><tr>" + "".join(f"<th>{escape(t)}</th>" for t in (
               head["file"], head["doc_title"], words["year"], words["template"], words["error"], words["warning"],
               words["info"], words["not_assessable"])) + "</tr></thead><tbody>"]
    for _, number, report, counts, na in rows:
        cells = [f'<td><a href="#r{number}">{escape(report.path)}</a></td>',
                 f"<td>{escape(document_title(report) or '—')}</td>",
                 f"<td>{escape(str(report.extraction.year or '?'))}</td>",
                 f"<td>{escape(_template(report, lang))}</td>"]
        cells += [f'<td class="n{" " + s if counts[s] else ""}">{counts[s]}</td>' for s in SEVERITIES]
        cells.append(f'<td class="n">{na}</td>')
        out.append(f'<tr id="s{number}">' + "".join(cells) + "</tr>")
    out += ["</tbody></table>", "</section>"]
    return "\n".join(out)


@dataclass
class _Ref:
    """A place of a finding, as it stands in a marked cell or figure: the back link."""

    place_id: str  # f1-3-p2
    finding_id: str  # f1-3
    number: int  # the finding's number in its report
    finding: Finding
    report: str = ""  # the finding's report, where it is not the one the place stands in


@dataclass
class _Mark:
    refs: list[_Ref] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return max((r.finding.severity for r in self.refs), key=SEVERITY_ORDER.__getitem__)

    @property
    def rules(self) -> str:
        return " ".join(dict.fromkeys(r.finding.rule.id for r in self.refs))


@dataclass
class _Span:  # a marked stretch of a text block
    start: int
    end: int
    mark: _Mark | None  # None: a figure no finding involves


class _ReportPage:
    def __init__(self, report: Report, number: int, lang: str, batch: bool) -> None:
        self.report, self.number, self.lang, self.batch = report, number, lang, batch
        self.words, self.head = WORDS[lang], HEAD[lang]
        self.rid = f"r{number}"
        self.blocks = report.document.blocks
        self.block_index = {id(b): i for i, b in enumerate(self.blocks)}
        self.tables = {t.number: t for t in report.document.tables}
        self.cells = {(t.number, *self._rc(c, i, j)) for t in self.tables.values()
                      for i, row in enumerate(t.rows) for j, c in enumerate(row)}
        # Every merged copy of a cell → the (row, col) of the cell shown for it.
        self.shown_at: dict[int, dict[tuple[int, int], tuple[int, int]]] = {}
        self.merged: dict[int, dict[tuple[int, int], tuple[int, int]]] = {}  # (row, col) → (rowspan, colspan)
        for table in self.tables.values():
            self._plan_spans(table)
        self._segments: dict[tuple[int | None, int], list[tuple[int, int, int, int]]] | None = None
        self.cell_marks: dict[tuple[int, int, int], _Mark] = defaultdict(_Mark)
        self.text_marks: dict[int, dict[tuple[int, int], _Mark]] = defaultdict(lambda: defaultdict(_Mark))
        self.targets: dict[str, str] = {}  # place id → where it is shown (cell or figure id)
        self.findings = report.findings

    def mark(self, place: Place, ref: _Ref) -> str | None:
        """Mark the cell or figure of a place in this report (the back link `ref` stands in it);
        its id, or None where the place is not found."""
        target = self._place_target(place)
        if target is None:
            return None
        if target[0] == "cell":
            _, table, row, col = target
            self.cell_marks[(table, row, col)].refs.append(ref)
            return self._cell_id(table, row, col)
        _, block, start, end = target
        self.text_marks[block][(start, end)].refs.append(ref)
        return f"{self.rid}-b{block}-o{start}"

    # ---- locating places -------------------------------------------------------------------

    def _plan_spans(self, table: Table) -> None:
        """Merge the copies of a merged cell back into one cell where they form a rectangle with
        the cell at its top left; other copies are shown as repeated cells."""
        grid = {self._rc(cell, i, j): cell for i, row in enumerate(table.rows) for j, cell in enumerate(row)}
        copies: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for rc, cell in grid.items():
            if cell.span_of is not None and cell.span_of.row is not None and cell.span_of.col is not None:
                copies[(cell.span_of.row, cell.span_of.col)].append(rc)
        shown, merged = {}, {}
        for origin, spots in copies.items():
            if origin not in grid or grid[origin].span_of is not None:
                continue
            rows = [r for r, _ in spots] + [origin[0]]
            cols = [c for _, c in spots] + [origin[1]]
            if (min(rows), min(cols)) != origin:
                continue
            height, width = max(rows) - origin[0] + 1, max(cols) - origin[1] + 1
            if len(spots) + 1 != height * width or len(set(spots)) != len(spots):
                continue
            merged[origin] = (height, width)
            for spot in spots:
                shown[spot] = origin
        self.shown_at[table.number], self.merged[table.number] = shown, merged

    @staticmethod
    def _rc(cell: Cell, i: int, j: int) -> tuple[int, int]:
        loc = cell.location
        return (loc.row if loc.row is not None else i + 1, loc.col if loc.col is not None else j + 1)

    def _cell_id(self, table: int, row: int, col: int) -> str:
        return f"{self.rid}-t{table}-r{row}-c{col}"

    def _place_target(self, place: Place) -> tuple | None:
        loc = place.location
        if loc.table is not None and loc.row is not None and loc.col is not None:
            table = self.tables.get(loc.table)
            if table is None:
                return None
            row, col = self.shown_at[table.number].get((loc.row, loc.col), (loc.row, loc.col))
            if (table.number, row, col) not in self.cells:
                return None
            return ("cell", table.number, row, col)
        return self._text_target(place)

    def _text_target(self, place: Place) -> tuple | None:
        """The text block and offsets of a place given by line and column (the inverse of
        TextBlock.locate, from an index of each block's segments built once)."""
        if self._segments is None:
            self._segments = defaultdict(list)
            for index, block in enumerate(self.blocks):
                if not isinstance(block, TextBlock):
                    continue
                segments = block.segments
                for s, seg in enumerate(segments):
                    end = segments[s + 1].offset if s + 1 < len(segments) else len(block.text)
                    self._segments[(block.page, seg.line)].append((index, seg.offset, seg.column, end))
        loc = place.location
        found = None
        for index, start, column, end in self._segments.get((loc.page, loc.line), ()):
            offset = start + loc.column - column
            if not start <= offset < max(end, start + 1):
                continue
            block = self.blocks[index]
            assert isinstance(block, TextBlock)
            got = block.locate(offset)
            if (got.line, got.column, got.page) != (loc.line, loc.column, loc.page):
                continue
            candidate = ("text", index, *self._figure_span(block, offset, place))
            if block.text.startswith(place.text, offset):
                return candidate
            found = found or candidate
        return found

    def _figure_span(self, block: TextBlock, start: int, place: Place) -> tuple[int, int]:
        """Where the place's figure stands in the block: at `start`, or (a place that points at
        the start of its row label) the figure's first occurrence after it, or the label."""
        text = place.text
        if text and block.text.startswith(text, start):
            return start, start + len(text)
        for figure in self.report.extraction.narrative:
            if figure.block is block and figure.start == start:
                return start, figure.end
        after = block.text.find(text, start) if text else -1
        if after >= 0:
            return after, after + len(text)
        if place.context and block.text.startswith(place.context, start):
            return start, start + len(place.context)
        return start, min(len(block.text), start + max(len(text), 1))

    # ---- rendering -------------------------------------------------------------------------

    def render(self) -> str:
        out = [f'<section class="report" id="{self.rid}">']
        if self.batch:
            out.append(f'<a class="back" href="#summary">{escape(self.head["back"])}</a>')
        out += self._header()
        out.append(f"<h3>{escape(self.head['findings'])}</h3>")
        out.append(self._findings())
        out.append(f"<h3>{escape(self.head['tables'])}</h3>")
        tables = [self._table(t) for t in self.report.document.tables]
        out += tables or [f'<p class="muted">{escape(self.head["no_tables"])}</p>']
        out.append(f"<h3>{escape(self.head['narrative'])}</h3>")
        out.append(self._narrative())
        out.append("</section>")
        return "\n".join(out)

    def _header(self) -> list[str]:
        report, words, head = self.report, self.words, self.head
        stats = report.stats()
        sep, comma = ("：", "，") if self.lang == "zh" else (": ", ", ")
        out = [f"<h2>{escape(report.path)}</h2>"]
        title = document_title(report)
        if title:
            out.append(f'<p class="doc-title">{escape(title)}</p>')
        outcomes = comma.join(f"{words[k]} {stats[k]}" for k in ("passed", "failed", "not_assessable"))
        meta = (f"{words['template']} {_template(report, self.lang)} · {words['year']} {report.extraction.year or '?'}"
                f" · {words['figures']} {stats['figures']} · {words['checks']} {stats['checks']}{sep}{outcomes}")
        hidden = [f"{head[k]} {stats[k]}" for k in ("suppressed", "baselined") if stats[k]]
        if hidden:
            meta += " · " + comma.join(hidden)
        out.append(f'<p class="meta">{escape(meta)}</p>')
        counts = _counts(report)
        out.append('<p class="counts">' + "".join(
            f'<span class="badge {s}{" some" if counts[s] else ""}">{escape(words[s])} {counts[s]}</span>'
            for s in SEVERITIES) + "</p>")
        return out

    def _findings(self) -> str:
        if not self.findings:
            return f'<p class="muted">{escape(self.words["clean"])}</p>'
        words = self.words
        out = ['<ol class="findings">']
        for n, finding in enumerate(self.findings, 1):
            fid = f"f{self.number}-{n}"
            rule = finding.rule
            out.append(f'<li class="finding {finding.severity}" id="{fid}">')
            out.append(f'<div class="head"><span class="num">{n}.</span>'
                       f'<span class="sev {finding.severity}">{escape(words[finding.severity])}</span> '
                       f"<b>{escape(rule.id)}</b> {escape(rule.title.get(self.lang))} "
                       f'<span class="rule-name">{escape(rule.name)}</span></div>')
            out.append(f'<p class="message">{escape(finding.message(self.lang))}</p>')
            if finding.doubt == "extraction":
                out.append(f'<p class="note">{escape(words["extraction"])}</p>')
            values = [f'<span class="k">{escape(words[k])}</span>{escape(v)}'
                      for k, v in (("expected", finding.expected), ("actual", finding.actual)) if v]
            if values:
                out.append(f'<p class="ea">{"　".join(values)}</p>')
            if finding.places:
                wide = any(p.role == "narrative" or p.location.table is None for p in finding.places)
                out.append(f'<ul class="places{" wide" if wide else ""}">')
                for k, place in enumerate(finding.places, 1):
                    out.append("<li>" + self._place(place, f"{fid}-p{k}") + "</li>")
                out.append("</ul>")
            out.append("</li>")
        out.append("</ol>")
        return "\n".join(out)

    def _place(self, place: Place, place_id: str) -> str:
        words, loc = self.words, place.location
        quoted = f"「{place.text}」" if self.lang == "zh" else f'"{place.text}"'
        if loc.table is not None and loc.row is not None:
            where = words["cell"].format(table=loc.table, row=loc.row, col=loc.col)
            if self.report.document.format in PLAIN:
                where = f"{words['line']} {loc.line} " + where
            label = place.label or place.context
            link, context = f"{where} {label}{quoted}", ""
        else:
            where = f"{words[place.role]} {words['line']} {loc.line}:{loc.column}"
            link, context = f"{where} {quoted}", _excerpt(place)
        if loc.page is not None:
            link = self.head["page"].format(page=loc.page) + " " + link
        if place.path is not None:
            link = f"{place.path} · {link}"
        title = f' title="{escape(place.context)}"' if place.context else ""
        if place_id in self.targets:
            html = f'<a href="#{place_id}"{title}>{escape(link)}</a>'
        else:
            html = f'<span{title}>{escape(link)}</span> <span class="unlocated">{escape(self.head["unlocated"])}</span>'
        return html + (f' <span class="ctx">{context}</span>' if context else "")

    def _refs(self, mark: _Mark) -> str:
        links = []
        for ref in mark.refs:
            rule = f"{ref.finding.rule.id} {ref.finding.rule.name}"
            title = self.head["to_finding"].format(number=ref.number, rule=rule)
            if ref.report:
                title = f"{ref.report} · {title}"
            links.append(f'<a class="{ref.finding.severity}" id="{ref.place_id}" href="#{ref.finding_id}" '
                         f'title="{escape(title)}">{ref.number}</a>')
        return f'<span class="refs">{"".join(links)}</span>'

    def _table(self, table: Table) -> str:
        shown, merged = self.shown_at[table.number], self.merged[table.number]
        caption = self.head["table"].format(number=table.number)
        if table.page is not None:
            caption += " · " + self.head["page"].format(page=table.page)
        elif table.line and self.report.document.format in PLAIN:
            caption += f" · {self.words['line']} {table.line}"
        out = [f'<table class="stats" id="{self.rid}-t{table.number}"><caption>{escape(caption)}</caption><tbody>']
        for i, row in enumerate(table.rows):
            cells = []
            for j, cell in enumerate(row):
                r, c = self._rc(cell, i, j)
                if (r, c) in shown:
                    continue
                attrs = [f'id="{self._cell_id(table.number, r, c)}"']
                classes = []
                span = merged.get((r, c))
                if span and span[0] > 1:
                    attrs.append(f'rowspan="{span[0]}"')
                if span and span[1] > 1:
                    attrs.append(f'colspan="{span[1]}"')
                if cell.span_of is not None:
                    classes.append("copy")
                mark = self.cell_marks.get((table.number, r, c))
                content = escape(cell.text)
                if mark:
                    classes.append(f"cell-{mark.severity}")
                    attrs.append(f'title="{escape(mark.rules)}"')
                    content += self._refs(mark)
                if classes:
                    attrs.append(f'class="{" ".join(classes)}"')
                cells.append(f"<td {' '.join(attrs)}>{content}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)

    def _narrative(self) -> str:
        figures: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for figure in self.report.extraction.narrative:
            index = self.block_index.get(id(figure.block))
            if index is not None:
                figures[index].append((figure.start, figure.end))
        marked = sorted(self.text_marks)
        others = sorted(set(figures) - set(marked))
        out = [self._block(i, figures.get(i, [])) for i in marked]
        if others:
            summary = self.head["others"].format(count=len(others))
            out.append(f"<details><summary>{escape(summary)}</summary>")
            out += [self._block(i, figures[i]) for i in others]
            out.append("</details>")
        return "\n".join(out) if out else f'<p class="muted">{escape(self.head["no_narrative"])}</p>'

    def _block(self, index: int, figures: list[tuple[int, int]]) -> str:
        block = self.blocks[index]
        assert isinstance(block, TextBlock)
        spans = _spans(self.text_marks.get(index, {}), figures)
        text, pieces, at = block.text, [], 0
        for span in spans:
            pieces.append(escape(text[at:span.start]))
            inner = escape(text[span.start:span.end])
            if span.mark is None:
                pieces.append(f"<mark>{inner}</mark>")
            else:
                pieces.append(f'<mark class="fig-{span.mark.severity}" id="{self.rid}-b{index}-o{span.start}" '
                              f'title="{escape(span.mark.rules)}">{inner}{self._refs(span.mark)}</mark>')
            at = span.end
        pieces.append(escape(text[at:]))
        loc = block.locate(0)
        where = f"{self.words['line']} {loc.line}"
        if loc.page is not None:
            where = self.head["page"].format(page=loc.page) + " " + where
        return (f'<p class="block {block.kind}" id="{self.rid}-b{index}"><span class="loc">{escape(where)}</span>'
                + "".join(pieces) + "</p>")


def _spans(marks: dict[tuple[int, int], _Mark], figures: list[tuple[int, int]]) -> list[_Span]:
    """Non-overlapping spans, marked ones first: overlapping marks merge; a plain figure that
    overlaps a mark is dropped."""
    merged: list[_Span] = []
    for (start, end), mark in sorted(marks.items()):
        if merged and start < merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, end)
            assert last.mark is not None
            seen = {r.place_id for r in last.mark.refs}
            last.mark.refs.extend(r for r in mark.refs if r.place_id not in seen)
        else:
            merged.append(_Span(start, end, _Mark(list(mark.refs))))
    starts = [s.start for s in merged]
    plain: list[_Span] = []
    for start, end in sorted(figures):
        i = bisect.bisect_right(starts, start)
        if (i and merged[i - 1].end > start) or (i < len(merged) and merged[i].start < end):
            continue
        if plain and start < plain[-1].end:
            continue
        plain.append(_Span(start, end, None))
    return sorted(merged + plain, key=lambda s: s.start)


def _excerpt(place: Place) -> str:
    """The sentence around a figure, cut to EXCERPT characters either side, the figure in bold
    (escaped HTML)."""
    context = " ".join(place.context.split())
    start = context.find(place.text) if place.text else -1
    if start < 0:
        return escape(context[: 2 * EXCERPT] + ("…" if len(context) > 2 * EXCERPT else ""))
    end = start + len(place.text)
    lo, hi = max(0, start - EXCERPT), min(len(context), end + EXCERPT)
    return (escape(("…" if lo else "") + context[lo:start]) + f"<b>{escape(place.text)}</b>"
            + escape(context[end:hi] + ("…" if hi < len(context) else "")))
