"""Inline suppression directives, in HTML and Markdown comments or on a line of their own in text:

    <!-- auditor-disable-next-line N101 -->     the next line
    <!-- auditor-disable P106, P110 -->         from here …
    <!-- auditor-enable P106, P110 -->          … to here (or to the end of the file)
    <!-- auditor-disable-file A102 -->          the whole file

No rule ids means every rule. A directive that suppresses nothing is reported (X107), so that
stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.check.model import Finding
from auditor.document import Document, Location

_DIRECTIVE = re.compile(
    r"(?:<!--|#|//)?\s*auditor-(?P<verb>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<rules>[A-Za-z0-9 ,]*?)\s*(?:-->|$)"
)


@dataclass
class Directive:
    verb: str
    rules: frozenset[str]  # empty: every rule
    line: int
    column: int
    first: int  # lines covered, inclusive
    last: int
    used: bool = field(default=False)

    def covers(self, rule_id: str, line: int) -> bool:
        return self.first <= line <= self.last and (not self.rules or rule_id in self.rules)

    @property
    def location(self) -> Location:
        return Location(self.line, self.column)


def directives(document: Document) -> list[Directive]:
    """The directives of a text, Markdown or HTML document, with the lines each covers."""
    if document.format not in ("text", "markdown", "html"):
        return []
    found: list[Directive] = []
    open_blocks: dict[str, Directive] = {}
    last_line = len(document.lines)
    for number, text in enumerate(document.lines, 1):
        for match in _DIRECTIVE.finditer(text):
            verb, rules = match["verb"], frozenset(re.findall(r"[A-Za-z]+[0-9]+", match["rules"].upper()))
            directive = Directive(verb, rules, number, match.start() + 1, number, last_line)
            if verb == "disable-next-line":
                directive.first = directive.last = _next_content_line(document, number)
            elif verb == "disable-file":
                directive.first = 1
            elif verb == "disable":
                open_blocks[",".join(sorted(rules))] = directive
            else:  # enable: closes the matching disable
                opened = open_blocks.pop(",".join(sorted(rules)), None)
                if opened:
                    opened.last = number
                continue
            found.append(directive)
    return found


def _next_content_line(document: Document, line: int) -> int:
    for number in range(line + 1, len(document.lines) + 1):
        if document.lines[number - 1].strip():
            return number
    return line + 1


def suppressed(finding: Finding, found: list[Directive]) -> bool:
    """Is any place of the finding covered by a directive for its rule? Marks the directive used."""
    hit = False
    for directive in found:
        if any(directive.covers(finding.rule.id, place.location.line) for place in finding.places):
            directive.used = hit = True
    return hit
