"""The Rich report people read in a terminal: per file a header, findings by severity, a summary."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import IO

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.model.findings import Finding, Place
from auditor.model.report import Report, Unaudited
from auditor.model.words import LANGS, word, words
from auditor.render.places import assumed_header, describe_place
from auditor.render.summary import review_note, severity_counts, verdict

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
# The console's words as one table per language, for the HTML report (auditor.render.html_report)
# that still reads them so; the catalogue is auditor/model/words.toml.
WORDS = {lang: {**words("severity", lang), **words("report", lang), **words("place", lang)} for lang in LANGS}
EXCERPT = 36  # characters of context either side of a figure in a long line
PLAIN = ("text", "markdown")  # formats whose source lines read as text
MAX_PLACES = 4  # places quoted per finding; the JSON output lists them all


PLAIN_WIDTH = 2000  # piped or to a file: wide enough that no line wraps


def make_console(stream: IO[str] | None = None, color: str = "auto") -> Console:
    """A terminal's console as Rich makes it. Piped or to a file, plain lines: never wrapped (a
    path or a rule's title stays whole, for grep and spreadsheets) and never ending in spaces.
    `color`: auto (a terminal's, as NO_COLOR and FORCE_COLOR say, which Rich reads), always or
    never, whatever the environment says."""
    style: dict[str, object] = {"never": {"color_system": None}, "always": {"force_terminal": True}}.get(color, {})
    console = Console(highlight=False, file=stream, **style)
    if _isatty(console.file):
        return console
    if console.is_terminal and color != "never":  # --color always, or FORCE_COLOR: colours into the pipe too
        style = {"force_terminal": True}
    return Console(highlight=False, file=_TrailingSpaceless(console.file), width=PLAIN_WIDTH, **style)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or closed
        return False


class _TrailingSpaceless(io.TextIOBase):
    """Writes whole lines to `stream`, each without the spaces Rich pads it with."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream, self.pending = stream, ""

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        for line in lines:
            self.stream.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()


def render_console(reports: list[Report], console: Console, lang: str, unaudited: Sequence[Unaudited] = (),
                   quiet: bool = False) -> None:
    """Per report its header, verdict and findings, then the batch's summary; `quiet`: only the
    findings, under the path of their report."""
    for report in reports:
        if quiet:
            if report.findings:
                console.print(Text(report.path, style="bold underline"))
        else:
            console.print(_header(report, lang))
            for line in verdict(report, lang):
                clean = line == word("verdict.clean", lang)
                console.print(Padding(Text(line, style="green" if clean else "yellow"), (0, 0, 1, 2)))
        for finding in report.findings:
            console.print(Padding(_finding(finding, report, lang), (0, 0, 1, 2)))
        if report.dismissed and not quiet:
            console.print(Padding(_dismissed(report, lang), (0, 0, 1, 2)))
    if quiet:
        return
    if len(reports) > 1:
        console.print(summary_table(reports, lang))
    counts = severity_counts(reports)
    style = "bold red" if counts["errors"] else "bold yellow" if counts["warnings"] else "bold green"
    console.print(Text(word("report.summary", lang, reports=len(reports), **counts), style=style))
    if unaudited:  # each said on stderr as it failed; the summary counts them too
        console.print(Text(word("unaudited.count", lang, count=len(unaudited)), style="bold red"))


def render_statistics(reports: list[Report], console: Console, lang: str) -> None:
    """How many findings each rule gave over the batch, most first (then by id), as
    `ruff --statistics` has them: count, id, name; and the total."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for finding in (f for report in reports for f in report.findings):
        counts[finding.rule.id] = counts.get(finding.rule.id, 0) + 1
        names[finding.rule.id] = finding.rule.name
    table = Table(word("cli.statistics_count", lang), word("cli.statistics_rule", lang),
                  word("cli.statistics_name", lang), box=None, header_style="bold", pad_edge=False)
    table.columns[0].justify = "right"
    for rule_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(str(count), Text(rule_id, style="bold"), names[rule_id])
    if counts:
        console.print(table)
    console.print(Text(word("cli.statistics_total", lang, count=sum(counts.values())), style="bold"))


def summary_table(reports: list[Report], lang: str) -> Table:
    """One row per report, worst first: body, year, template, errors, warnings, not assessable."""
    keys = ("report.file", "report.body", "report.year", "report.template", "severity.error", "severity.warning",
            "report.not_assessable")
    table = Table(*(word(k, lang) for k in keys), title=word("report.batch", lang), box=None, header_style="bold")
    table.columns[0].overflow = "fold"
    table.columns[1].min_width = 8
    rows = []
    for report in reports:
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning")}
        rows.append((counts["error"], counts["warning"], report))
    for errors, warnings, report in sorted(rows, key=lambda row: (-row[0], -row[1], row[2].path)):
        ex = report.extraction
        table.add_row(report.path, ex.body or "", str(ex.year or ""), ex.template or word("report.none", lang),
                      Text(str(errors), style="red" if errors else "dim"),
                      Text(str(warnings), style="yellow" if warnings else "dim"),
                      str(report.stats()["not_assessable"]))
    return table


def _header(report: Report, lang: str) -> Group:
    ex, stats = report.extraction, report.stats()
    name = ex.template_title.get(lang) if ex.template_title else word("report.none", lang)
    colon, comma = word("punct.colon", lang), word("punct.comma", lang)
    line = Text()
    for key, value in (("template", name), ("year", str(ex.year or "?")), ("figures", str(stats["figures"]))):
        line.append(f"{word('report.' + key, lang)} ", style="dim").append(value).append(" · ", style="dim")
    line.append(f"{word('report.checks', lang)} {stats['checks']}{colon}", style="dim")
    # Every outcome, so that they add up to the checks; recovered and the hidden ones only where there are some.
    counts = [("report.passed", stats["passed"], "green"), ("report.recovered", stats["recovered"], "cyan"),
              ("report.failed", stats["failed"], "red" if stats["failed"] else "dim"),
              ("report.not_assessable", stats["not_assessable"], "yellow"),
              ("markdown.suppressed", stats["suppressed"], "dim"), ("markdown.baselined", stats["baselined"], "dim"),
              ("markdown.dismissed", stats["dismissed"], "dim")]
    shown = [(key, count, style) for key, count, style in counts
             if count or key in ("report.passed", "report.failed", "report.not_assessable")]
    for n, (key, count, style) in enumerate(shown):
        line.append(comma if n else "", style="dim").append(f"{word(key, lang)} {count}", style=style)
    assumed = assumed_header(ex, lang)
    if assumed:
        line.append("\n" + assumed, style="magenta")
    return Group(Text(report.path, style="bold underline"), Padding(line, (0, 0, 1, 2)))


def _finding(finding: Finding, report: Report, lang: str) -> Group:
    head = Text()
    head.append(word("severity." + finding.severity, lang), style=STYLE[finding.severity]).append(" ")
    head.append(finding.rule.id, style="bold").append(f" {finding.rule.name}", style="dim")
    body: list[Text] = [Text(finding.message(lang))]
    if finding.doubt == "extraction":
        body.append(Text(word("report.extraction", lang), style="italic dim"))
    if finding.decision:
        body.append(Text(review_note(finding, lang), style="italic"))
    places = [_place(place, report, lang) for place in finding.places[:MAX_PLACES]]
    if len(finding.places) > MAX_PLACES:
        places.append(Text(word("place.more", lang, count=len(finding.places) - MAX_PLACES), style="dim"))
    return Group(head, Padding(Group(*body, *places), (0, 0, 0, 2)))


def _dismissed(report: Report, lang: str) -> Group:
    """The findings a reviewer dismissed (非问题), each in a line with the note: listed, not counted."""
    lines = [Text(word("review.title", lang), style="bold dim")]
    for finding in report.dismissed:
        line = Text(f"{word('severity.' + finding.severity, lang)} {finding.rule.id} {finding.rule.name}  ", style="dim")
        line.append(finding.message(lang), style="dim").append("  " + review_note(finding, lang), style="italic")
        lines.append(line)
    return Group(*lines)


def _place(place: Place, report: Report, lang: str) -> Text:
    """Where the figure stands as the compiler finds it (describe_place), the figure highlighted;
    another report's file first (a cross-year finding), the line last for a text file."""
    said = describe_place(place, lang)
    text = Text(f"{place.path} " if place.path else "", style="dim")
    at = said.rfind(place.text) if place.text else -1
    if at < 0:
        text.append(said, style="cyan")
    else:
        text.append(said[:at], style="cyan").append(place.text, style="bold reverse")
        text.append(said[at + len(place.text):], style="cyan")
    if report.document.format in PLAIN and place.location.line >= 1 and place.path is None:
        text.append(word("place.at_line", lang, line=place.location.line), style="dim")
    return text
