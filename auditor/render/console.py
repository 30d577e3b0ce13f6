"""The Rich report people read in a terminal: per file a header, findings by severity, a summary."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.model.findings import Finding, Place
from auditor.model.report import Report
from auditor.render.summary import severity_counts

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
WORDS = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "template": "模板", "none": "未识别", "year": "年度", "figures": "数字",
        "checks": "检查", "passed": "通过", "failed": "未通过", "not_assessable": "无法评估",
        "expected": "应为", "actual": "实际", "narrative": "正文", "table": "表格", "line": "行", "paragraph": "段",
        "extraction": "提取疑问（不一定是报告错误）", "clean": "未发现问题",
        "cell": "表{table}第{row}行第{col}列", "more": "…另有 {count} 处",
        "file": "文件", "body": "机关", "batch": "汇总（问题最多的在前）",
        "summary": "{reports} 份报告：{errors} 个错误，{warnings} 个警告，{infos} 个提示",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "template": "template", "none": "none recognised", "year": "year", "figures": "figures",
        "checks": "checks", "passed": "passed", "failed": "failed", "not_assessable": "not assessable",
        "expected": "expected", "actual": "actual", "narrative": "text", "table": "table", "line": "line",
        "paragraph": "para",
        "extraction": "extraction doubt (not necessarily a report error)", "clean": "no findings",
        "cell": "table {table} row {row} col {col}", "more": "… {count} more",
        "file": "file", "body": "body", "batch": "summary (worst first)",
        "summary": "{reports} report(s): {errors} error(s), {warnings} warning(s), {infos} info",
    },
}
EXCERPT = 36  # characters of context either side of a figure in a long line
PLAIN = ("text", "markdown")  # formats whose source lines read as text
MAX_PLACES = 4  # places quoted per finding; the JSON output lists them all


def render_console(reports: list[Report], console: Console, lang: str) -> None:
    words = WORDS[lang]
    for report in reports:
        console.print(_header(report, words, lang))
        findings = report.findings
        if not findings:
            console.print(Padding(Text(words["clean"], style="green"), (0, 0, 1, 2)))
        for finding in findings:
            console.print(Padding(_finding(finding, report, words, lang), (0, 0, 1, 2)))
    if len(reports) > 1:
        console.print(summary_table(reports, words))
    counts = severity_counts(reports)
    style = "bold red" if counts["errors"] else "bold yellow" if counts["warnings"] else "bold green"
    console.print(Text(words["summary"].format(reports=len(reports), **counts), style=style))


def summary_table(reports: list[Report], words: dict[str, str]) -> Table:
    """One row per report, worst first: body, year, template, errors, warnings, not assessable."""
    table = Table(*(words[k] for k in ("file", "body", "year", "template", "error", "warning", "not_assessable")),
                  title=words["batch"], box=None, header_style="bold")
    table.columns[0].overflow = "fold"
    table.columns[1].min_width = 8
    rows = []
    for report in reports:
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning")}
        rows.append((counts["error"], counts["warning"], report))
    for errors, warnings, report in sorted(rows, key=lambda row: (-row[0], -row[1], row[2].path)):
        ex = report.extraction
        table.add_row(report.path, ex.body or "", str(ex.year or ""), ex.template or words["none"],
                      Text(str(errors), style="red" if errors else "dim"),
                      Text(str(warnings), style="yellow" if warnings else "dim"),
                      str(report.stats()["not_assessable"]))
    return table


def _header(report: Report, words: dict[str, str], lang: str) -> Group:
    ex, stats = report.extraction, report.stats()
    name = ex.template_title.get(lang) if ex.template_title else words["none"]
    line = Text()
    for key, value in ((words["template"], name), (words["year"], str(ex.year or "?")),
                       (words["figures"], str(stats["figures"]))):
        line.append(f"{key} ", style="dim").append(value).append(" · ", style="dim")
    line.append(f"{words['checks']} {stats['checks']}: ", style="dim")
    line.append(f"{words['passed']} {stats['passed']}", style="green").append(", ", style="dim")
    line.append(f"{words['failed']} {stats['failed']}", style="red" if stats["failed"] else "dim")
    line.append(", ", style="dim").append(f"{words['not_assessable']} {stats['not_assessable']}", style="yellow")
    return Group(Text(report.path, style="bold underline"), Padding(line, (0, 0, 1, 2)))


def _finding(finding: Finding, report: Report, words: dict[str, str], lang: str) -> Group:
    head = Text()
    head.append(words[finding.severity], style=STYLE[finding.severity]).append(" ")
    head.append(finding.rule.id, style="bold").append(f" {finding.rule.name}", style="dim")
    body: list[Text] = [Text(finding.message(lang))]
    if finding.doubt == "extraction":
        body.append(Text(words["extraction"], style="italic dim"))
    if finding.expected or finding.actual:
        body.append(Text.assemble((words["expected"] + " ", "dim"), finding.expected,
                                  ("  " + words["actual"] + " ", "dim"), finding.actual))
    places = Table.grid(padding=(0, 1))
    places.add_column(style="cyan", no_wrap=True)
    places.add_column(style="dim", no_wrap=True)
    places.add_column()
    for place in finding.places[:MAX_PLACES]:
        places.add_row(*_place(place, report, words))
    if len(finding.places) > MAX_PLACES:
        places.add_row("", "", Text(words["more"].format(count=len(finding.places) - MAX_PLACES), style="dim"))
    return Group(head, Padding(Group(*body, places), (0, 0, 0, 2)))


def _place(place: Place, report: Report, words: dict[str, str]) -> tuple[str, str, Text]:
    loc = place.location
    where = f"{words['paragraph' if report.document.format == 'docx' else 'line']} {loc.line}:{loc.column}"
    if loc.page is not None:
        where = f"p.{loc.page} " + where
    if loc.table is not None and report.document.format not in PLAIN:
        where += " " + words["cell"].format(table=loc.table, row=loc.row, col=loc.col)
    return where, words[place.role], _quote(place, report)


def _quote(place: Place, report: Report) -> Text:
    """The figure highlighted in the line it stands on (text files), or in its sentence or beside
    its row label (HTML and other formats, whose source lines are markup)."""
    if place.role == "table" and report.document.format not in PLAIN:
        return Text.assemble(place.context + "  ", (place.text, "bold reverse"))
    if report.document.format in PLAIN:
        source, start = report.document.source_line(place.location.line), place.location.column - 1
    else:
        source, start = place.context, place.context.find(place.text)
    if start < 0 or source[start:start + len(place.text)] != place.text:
        return Text(place.context)
    lo, hi = max(0, start - EXCERPT), min(len(source), start + len(place.text) + EXCERPT)
    excerpt = Text(("…" if lo else "") + source[lo:start].lstrip())
    excerpt.append(place.text, style="bold reverse")
    return excerpt.append(source[start + len(place.text):hi].rstrip() + ("…" if hi < len(source) else ""))
