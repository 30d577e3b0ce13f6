"""Where the narrative states a narrative rule's figure: the phrase matching the narrative check
compares with the table, and extraction uses to decide a run-together row the table's equations
leave open (a row "518092744" the text says 5180条 of splits as 5180 | 92744)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.extract.narrative import TextIndex, index_of
from auditor.library.phrases import compile_phrase, exclusion_pattern
from auditor.library.schema import NarrativeRule
from auditor.model.document import TextBlock
from auditor.model.extraction import NarrativeFigure
from auditor.model.numbers import Quantity, parse_quantity
from auditor.model.words import VOCABULARY

# The words that open a list of parts (其中): as an exclusion word, one also excludes the clause
# after it, when it ends the clause before.
OPENERS: tuple[str, ...] = tuple(VOCABULARY["breakdown"]["openers"])
_OPENER_TRIM = " ，,：:"
STATED = "text@"  # a figure the narrative states, as one side of an equation: "text@12:207"


def place_key(figure: NarrativeFigure) -> str:
    location = figure.location
    return f"{location.line}:{location.column}" + (f"@p{location.page}" if location.page else "")


def stated_ref(figure: NarrativeFigure) -> str:
    """The stated figure as a term of an equation (field = the figure the text states here)."""
    return STATED + place_key(figure)


def stated_figures(rule: NarrativeRule, blocks: list[TextBlock]) -> Iterator[NarrativeFigure]:
    """Each place the narrative states this rule's figure, once per place."""
    seen: set[tuple[int, int]] = set()
    for number, block in enumerate(blocks):
        index = index_of(block.text)
        for phrase, zero in [(p, False) for p in rule.phrases] + [(p, True) for p in rule.zero_phrases]:
            for match in compile_phrase(phrase).finditer(block.text):
                start, end = (match.start(), match.end()) if zero else match.span("n")
                if (number, start) in seen or _excluded(rule, index, match):
                    continue
                try:
                    quantity = Quantity(Decimal(0), 0, None, "exact", "0") if zero \
                        else parse_quantity(match.group("n"))
                except (ValueError, ArithmeticError):
                    continue  # not a figure that can be read (as figures_in leaves it out)
                seen.add((number, start))
                yield NarrativeFigure(quantity, block, start, end, index.quote(start, end))


def _excluded(rule: NarrativeRule, index: TextIndex, match: re.Match[str]) -> bool:
    """A word of `exclude` in the clause of the match means the text speaks of something else;
    so does 其中 opening the clause before it ("其中，各乡镇主动公开…" states a part, not the total).
    Clause bounds come from the block's index: no scan of the text before the match."""
    if not rule.exclude:
        return False
    text = index.text
    sentence_start = index.sentence_at(match.start())[0]
    marks = index.clause_marks_between(sentence_start, match.start())
    bounds = [sentence_start, *(m + 1 for m in marks[-2:])]  # the last two clause starts are enough
    after = index.next_clause_mark(match.end())
    clause_start, clause_end = bounds[-1], len(text) if after is None else after
    if any(_in_clause(index, excluded, clause_start, clause_end) for excluded in rule.exclude):
        return True
    openers = [opener for opener in OPENERS if opener in rule.exclude]
    if not openers or len(bounds) < 2:
        return False
    # The clause before, its trailing blanks and marks taken off, ends in 其中?
    previous_start, at = bounds[-2], clause_start
    while at > previous_start and text[at - 1] in _OPENER_TRIM:
        at -= 1
    return any(at - len(opener) >= previous_start and text.startswith(opener, at - len(opener))
               for opener in openers)


def _in_clause(index: TextIndex, excluded: str, start: int, end: int) -> bool:
    """An `exclude` entry in text[start:end]: a word, or a pattern (lookarounds may look outside)."""
    pattern = exclusion_pattern(excluded)
    return index.has_word(excluded, start, end) if pattern is None else index.has_match(pattern, start, end)
