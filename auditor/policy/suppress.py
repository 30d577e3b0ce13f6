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
from collections.abc import Iterator
from dataclasses import dataclass, field

from auditor.model.document import Document, Location
from auditor.model.findings import Finding

# A directive, as a pattern: (?:<!--|#|//)?\s*auditor-(?P<verb>…)\b(?P<rules>[A-Za-z0-9 ,]*?)\s*(?:-->|$).
# It is matched by hand from each "auditor-" (see _matches): the pattern itself, tried at every
# offset of a line, costs time quadratic in the length of a run of blanks.
MARK = "auditor-"
VERBS = ("disable-next-line", "disable-file", "disable", "enable")  # tried in this order
_VERB = {verb: re.compile(re.escape(MARK + verb) + r"\b") for verb in VERBS}
_RULES = re.compile(r"[A-Za-z0-9 ,]*")
_SPACE = re.compile(r"\s*")
PREFIXES = ("<!--", "//", "#")  # longest first: the match that starts earliest wins


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
        if MARK not in text:  # nearly every line: one substring test, not the matcher
            continue
        for start, verb, listed in _matches(text):
            rules = frozenset(re.findall(r"[A-Za-z]+[0-9]+", listed.upper()))
            directive = Directive(verb, rules, number, start + 1, number, last_line)
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


def _matches(text: str) -> Iterator[tuple[int, str, str]]:
    """(start, verb, rules) of each directive in a line, as the pattern above finds them one
    after another, in time linear in the line: from each "auditor-", back over blanks and a
    comment opener to where the match starts, forward over the rules to "-->" or the line end."""
    searched = 0  # where the previous match ended: the next one starts at or after it
    at = text.find(MARK)
    while at >= 0:
        found = _match_at(text, at, searched)
        if found is None:
            at = text.find(MARK, at + 1)
            continue
        start, end, verb, rules = found
        yield start, verb, rules
        searched = end
        at = text.find(MARK, end)


def _match_at(text: str, at: int, searched: int) -> tuple[int, int, str, str] | None:
    """(start, end, verb, rules) of the directive whose "auditor-" stands at `at`, if any."""
    for verb in VERBS:
        if not _VERB[verb].match(text, at):
            continue
        rules_end = _RULES.match(text, at + len(MARK) + len(verb)).end()
        close = _SPACE.match(text, rules_end).end()
        if text.startswith("-->", close):
            end = close + 3
        elif close == len(text):
            end = close
        else:
            continue  # the pattern would try the next verb (a shorter one) here too
        rules = text[at + len(MARK) + len(verb):rules_end].rstrip(" ")  # the lazy group stops before blanks
        return _start(text, at, searched), end, verb, rules
    return None


def _start(text: str, at: int, searched: int) -> int:
    """Where a match whose "auditor-" is at `at` starts: before the blanks and the comment
    opener in front of it, but not before `searched`."""
    start = at
    while start > searched and text[start - 1].isspace():
        start -= 1
    for prefix in PREFIXES:
        if start - len(prefix) >= searched and text.startswith(prefix, start - len(prefix)):
            return start - len(prefix)
    return start


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
