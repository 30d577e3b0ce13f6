"""Text rules: the report's own words, not its figures — a word typed twice, a mark left unpaired,
what a template leaves until it is filled in. Each finding quotes its place in the text.

They read the report from its title on: a saved web page shows the site's menus, buttons and
breadcrumb above it (and a crawler's copy repeats the title above those), so the report starts at
the last title before the first sentence ends. A clause holding a long run of digits is a table
rendered as text, its cells run together: not prose, and never read.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.check.context import Context
from auditor.extract import TITLE
from auditor.extract.narrative import CLAUSE_END, SENTENCE_END, sentence_at
from auditor.library.schema import PairedMarksRule, RepeatedWordRule, ResidueRule, TextRule
from auditor.model.document import TextBlock
from auditor.model.findings import Fix, Outcome, Suggestion
from auditor.model.words import VOCABULARY

HAN = r"\u4e00-\u9fff"  # the characters words are made of (a regular expression's range)
_CLAUSE = re.compile(f"[{re.escape(CLAUSE_END + VOCABULARY['text']['list_mark'])}]")
# The first sentence of the report ends at a full-width mark: an ASCII ? may stand in a saved page's link.
_PROSE_END = re.compile(f"[{re.escape(''.join(c for c in SENTENCE_END if not c.isascii()))}]")
_TITLE_LINE = re.compile(r"(?<!\S)" + TITLE.pattern)  # a title stands on its own, not inside a sentence
_DIGITS = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})  # a year in full-width digits too


@dataclass(frozen=True)
class Hit:
    """A stretch of a block's text a text rule reports: block.text[start:end]."""

    block: TextBlock
    start: int
    end: int
    params: dict[str, str]
    expected: str = ""
    fix: str | None = None  # what the stretch should read, where the rule knows


def check_repeated_word(rule: RepeatedWordRule, ctx: Context) -> list[Outcome]:
    doubled = re.compile(rf"([{HAN}]{{{rule.min_length},{rule.max_length}}}?)\1")
    numerals = set(rule.numerals)
    hits = []
    for block, begin in prose(ctx):
        for match in doubled.finditer(block.text, begin):
            word = match[1]
            if word in rule.reduplicated or set(word) <= numerals:
                continue
            hits.append(Hit(block, match.start(), match.end(), {"word": word}, word, fix=word))
    return _outcomes(rule, ctx, hits)


def check_paired_marks(rule: PairedMarksRule, ctx: Context) -> list[Outcome]:
    hits = [Hit(block, at, at + 1, {"mark": block.text[at], "pair": pair[0] + pair[len(pair) // 2]})
            for check, block, at, pair in unpaired(prose(ctx), rule.pairs) if check == rule.check]
    return _outcomes(rule, ctx, hits)


def check_residue(rule: ResidueRule, ctx: Context) -> list[Outcome]:
    patterns = [re.compile(p) for p in rule.patterns]
    hits: list[Hit] = []
    for block, begin in prose(ctx):
        found = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(block.text, begin) if m.end() > m.start())
        reach = -1
        for start, end in found:  # overlapping matches of several patterns: one finding
            if start >= reach:
                hits.append(Hit(block, start, end, {}))
                reach = end
    return _outcomes(rule, ctx, hits)


CONTEXT_REACH = 120  # characters of a finding's sentence kept on each side of it


def _outcomes(rule: TextRule, ctx: Context, hits: list[Hit]) -> list[Outcome]:
    """A finding per hit outside table text; one passed outcome where the report has prose and none."""
    outcomes, clauses = [], TableText(rule.table_digits)
    for hit in hits:
        if clauses.holds(hit.block.text, hit.start):
            continue
        text = hit.block.text
        lo, hi = sentence_at(text, hit.start)
        lo, hi = max(lo, hit.start - CONTEXT_REACH), min(hi, hit.end + CONTEXT_REACH)  # a sentence may run on
        place = ctx.text_place(hit.block, hit.start, hit.end, text[lo:hi].strip())
        suggestion = Suggestion("text", {"text": hit.fix}, (Fix(0, hit.fix),)) if hit.fix is not None else None
        finding = ctx.finding(rule, {"text": text[hit.start:hit.end], **hit.params}, hit.expected,
                              text[hit.start:hit.end], [place])
        finding.suggestion = suggestion
        outcome = Outcome(rule, "suppressed" if finding.hidden else "failed", finding)
        outcomes.append(outcome.about(f"{place.location.line}:{place.location.column}"))
    if not outcomes and prose(ctx):
        outcomes.append(Outcome(rule, "passed"))
    return outcomes


class TableText:
    """Is the clause around an offset a table rendered as text (a run of `digits` digits)? Each
    block's clause ends found once, and each clause judged once, so that many hits stay linear."""

    def __init__(self, digits: int) -> None:
        self.run = re.compile(rf"\d{{{digits}}}")
        self.ends: dict[str, list[int]] = {}
        self.judged: dict[tuple[str, int], bool] = {}

    def holds(self, text: str, at: int) -> bool:
        if text not in self.ends:
            self.ends[text] = [m.start() for m in _CLAUSE.finditer(text)]
        ends = self.ends[text]
        index = bisect.bisect_left(ends, at)
        lo = ends[index - 1] + 1 if index else 0
        if (text, lo) not in self.judged:
            hi = ends[index] if index < len(ends) else len(text)
            self.judged[(text, lo)] = self.run.search(text, lo, hi) is not None
        return self.judged[(text, lo)]


# --- the prose of a report ----------------------------------------------------------------------


def prose(ctx: Context) -> list[tuple[TextBlock, int]]:
    """Each text block of the report with the offset its prose begins at (0 but in the block of the
    title), from the title on."""
    if "prose" not in ctx.memo:
        blocks = ctx.extraction.document.text_blocks
        first, offset = report_start(blocks)
        ctx.memo["prose"] = [(block, offset if i == first else 0) for i, block in enumerate(blocks) if i >= first]
    return ctx.memo["prose"]


def report_start(blocks: list[TextBlock]) -> tuple[int, int]:
    """(block index, offset) of the report's title: the last before the first sentence's end, where
    a line or a run of words starts; (0, 0) without one."""
    start = (0, 0)
    for index, block in enumerate(blocks):
        end = _PROSE_END.search(block.text)
        for match in _TITLE_LINE.finditer(block.text.translate(_DIGITS), 0, end.start() if end else len(block.text)):
            start = (index, match.start())
        if end:
            break
    return start


# --- paired marks ---------------------------------------------------------------------------------


def unpaired(blocks: list[tuple[TextBlock, int]], pairs: list[str]) -> Iterator[tuple[str, TextBlock, int, str]]:
    """("unclosed" | "unopened" | "doubled", block, offset, pair) for each mark of `pairs` without its
    partner in its paragraph. A paragraph block the loader split mid-sentence (it ends without 。！？)
    continues in the next one: its open marks may close there."""
    opening = {mark: pair for pair in pairs for mark in pair[:len(pair) // 2]}
    closing = {mark: pair for pair in pairs for mark in pair[len(pair) // 2:]}
    stack: list[tuple[TextBlock, int, str]] = []  # the open marks: block, offset, pair
    still_open: Counter[str] = Counter()  # open marks by pair, so that a stray closing mark costs O(1)
    for block, begin in blocks:
        if block.kind == "heading":
            yield from (("unclosed", *inner) for inner in stack)
            stack.clear()
            still_open.clear()
        text, closed = block.text, -1  # where the last closing mark closed its pair
        for at in range(begin, len(text)):
            mark = text[at]
            if mark in opening:
                stack.append((block, at, opening[mark]))
                still_open[opening[mark]] += 1
            elif mark in closing:
                pair = closing[mark]
                depth = next(i for i in range(len(stack) - 1, -1, -1) if stack[i][2] == pair) \
                    if still_open[pair] else None  # found after scanning only marks it removes
                if depth is None:  # 》》: the second of a closing mark typed twice
                    yield ("doubled" if closed == at - 1 and text[closed] == mark else "unopened"), block, at, pair
                    continue
                closed = at
                yield from (("unclosed", *inner) for inner in stack[depth + 1:])  # “ in 《…“…》
                still_open.subtract(inner[2] for inner in stack[depth:])
                del stack[depth:]
        if block.kind == "heading" or text.rstrip().endswith(tuple(SENTENCE_END)):
            yield from (("unclosed", *inner) for inner in stack)
            stack.clear()
            still_open.clear()
    yield from (("unclosed", *inner) for inner in stack)
