"""Figures stated in the narrative: every number with a unit, with its sentence and place.

A block's sentence ends, clause ends and 《》 titles are found once per block text (`index_of`)
and looked up by bisection, so that a figure costs the same in a block of one line or of 50 MB.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from auditor.model.document import CONTEXT_MAX, TextBlock, window
from auditor.model.extraction import NarrativeFigure
from auditor.model.numbers import quantity_from_match, quantity_pattern

SENTENCE_END = "。！？；;!?"
CLAUSE_END = "，,。；;：:！？!?\n"
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_END = re.compile(f"[{re.escape(CLAUSE_END)}]")
# 一次性, 一体化, 第119次: a numeral that is part of a word or an ordinal, not a figure.
_NOT_AFTER = re.compile(r"^[性化体]")
_ORDINAL_BEFORE = "第"
_BLANKS = " \u3000"
# Every character str.isdigit accepts, and a few more (checked one by one): \d, superscripts
# and subscripts, circled and parenthesised digits (①, ⑴, ⒈, ❶, ➀), Ethiopic, Kharoshthi, ….
_DIGIT_LIKE = re.compile("\\d|[\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070-\u2089\u2460-\u24ff"
                         "\u2776-\u2793\U00010a40-\U00010a43\U00010e60-\U00010e68"
                         "\U00011052-\U0001105a\U0001f100-\U0001f10a]")

INDEXED_TEXTS = 32  # block texts whose index is kept (the blocks a report's checks walk again)


class TextIndex:
    """Where the sentences, clauses and book titles of one text stand, found once (each on first
    use) as sorted offsets, so that a lookup is a bisection and never a scan from the start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._quoted: tuple[int, int, str] = (-1, -1, "")  # the last sentence quoted, shared
        self._words: dict[str, array] = {}
        self._matches: dict[re.Pattern[str], tuple[array, array]] = {}
        self._bracket_sets: dict[str, _Brackets] = {}

    @functools.cached_property
    def sentence_ends(self) -> array:
        """The offset just after each 。！？；;!?: where a sentence ends."""
        return array("q", (m.end() for m in _SENTENCE_END.finditer(self.text)))

    @functools.cached_property
    def clause_marks(self) -> array:
        """The offset of each mark that ends a clause (，,。；;：:！？!? or a line break)."""
        return array("q", (m.start() for m in _CLAUSE_END.finditer(self.text)))

    @functools.cached_property
    def _titles(self) -> tuple[array, array]:
        return _positions(self.text, "《"), _positions(self.text, "》")

    @functools.cached_property
    def _blank_tail(self) -> bool:
        """Is the text after the last sentence end blank (or empty)?"""
        ends = self.sentence_ends
        return not self.text[ends[-1] if ends else 0:].strip()

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence or clause ending in 。！？； that holds `offset`; the whole
        text for an offset outside it or in blank text after the last sentence."""
        size = len(self.text)
        if not 0 <= offset < size:
            return 0, size
        ends = self.sentence_ends
        i = bisect_right(ends, offset)
        start = ends[i - 1] if i else 0
        if i < len(ends):
            return start, ends[i]
        return (0, size) if self._blank_tail else (start, size)

    def clause_marks_between(self, start: int, end: int) -> array:
        """Offsets of the clause marks in text[start:end]."""
        marks = self.clause_marks
        return marks[bisect_left(marks, start):bisect_left(marks, end)]

    def next_clause_mark(self, offset: int) -> int | None:
        """The offset of the first clause mark at or after `offset`, if any."""
        marks = self.clause_marks
        i = bisect_left(marks, offset)
        return marks[i] if i < len(marks) else None

    def has_word(self, word: str, start: int, end: int) -> bool:
        """Is `word` in text[start:end]? (Each word's places are found once per text.)"""
        if not word:
            return start <= end
        places = self._words.get(word)
        if places is None:
            places = self._words[word] = _positions(self.text, word)
        i = bisect_left(places, start)
        return i < len(places) and places[i] + len(word) <= end

    def has_match(self, pattern: re.Pattern[str], start: int, end: int) -> bool:
        """Does `pattern` match inside text[start:end]? (Its matches are found once per text, with
        the text around them, so that a lookaround sees past `start` and `end`.)"""
        spans = self._matches.get(pattern)
        if spans is None:
            found = [match.span() for match in pattern.finditer(self.text)]
            spans = self._matches[pattern] = (array("q", (s for s, _ in found)), array("q", (e for _, e in found)))
        starts, ends = spans
        i = bisect_left(starts, start)
        return i < len(starts) and ends[i] <= end

    def inside_title(self, offset: int) -> bool:
        """Inside 《…》: the last 《 before `offset` stands after the last 》 before it."""
        opens, closes = self._titles
        i, j = bisect_left(opens, offset), bisect_left(closes, offset)
        return (opens[i - 1] if i else -1) > (closes[j - 1] if j else -1)

    @functools.cached_property
    def digits(self) -> array:
        """The offset of each character that is a digit by str.isdigit (① and ² too)."""
        return array("q", (m.start() for m in _DIGIT_LIKE.finditer(self.text) if m.group().isdigit()))

    def bracket_depth(self, start: int, end: int, opens: str = "（(", closes: str = "）)") -> int:
        """Brackets opened minus brackets closed in text[start:end]."""
        brackets = self._brackets(opens, closes)
        return (bisect_left(brackets.opens, end) - bisect_left(brackets.opens, start)
                - bisect_left(brackets.closes, end) + bisect_left(brackets.closes, start))

    def bracket_close(self, start: int, end: int, opens: str = "（(", closes: str = "）)") -> int:
        """The first offset in [start, end) where more brackets have closed than opened since
        `start` (the close of a bracket `start` stands in), else `end`."""
        found = self._brackets(opens, closes).close_after(start)
        return found if found is not None and found < end else end

    def _brackets(self, opens: str, closes: str) -> _Brackets:
        key = opens + "\0" + closes
        if key not in self._bracket_sets:
            self._bracket_sets[key] = _Brackets(self.text, opens, closes)
        return self._bracket_sets[key]

    def quote(self, start: int, end: int) -> str:
        """The sentence around text[start:end], as kept with a figure: whole when it is up to
        CONTEXT_MAX characters (figures of one sentence share one string), else a window of
        CONTEXT_WINDOW characters either side of the figure with "…" where it is cut."""
        s_start, s_end = self.sentence_at(start)
        if s_end - s_start <= CONTEXT_MAX:
            if self._quoted[:2] != (s_start, s_end):
                self._quoted = (s_start, s_end, self.text[s_start:s_end])
            return self._quoted[2]
        return window(self.text, start, end, s_start, s_end)


class _Brackets:
    """The brackets of one text, with the running depth after each, and for each bracket the
    next one after it where the depth is lower (found with one stack, in one pass)."""

    def __init__(self, text: str, opens: str, closes: str) -> None:
        marks = re.compile(f"[{re.escape(opens + closes)}]")
        self.positions = array("q")
        self.opens, self.closes = array("q"), array("q")
        self.depth = array("q")  # running depth after each bracket
        depth = 0
        for match in marks.finditer(text):
            at = match.start()
            self.positions.append(at)
            if match.group() in opens:
                self.opens.append(at)
                depth += 1
            else:
                self.closes.append(at)
                depth -= 1
            self.depth.append(depth)
        count = len(self.positions)
        self.lower = array("q", [count]) * count  # index of the next bracket with a lower depth
        waiting: list[int] = []
        for i, level in enumerate(self.depth):
            while waiting and self.depth[waiting[-1]] > level:
                self.lower[waiting.pop()] = i
            waiting.append(i)

    def close_after(self, start: int) -> int | None:
        """The offset of the first bracket at or after `start` where the depth drops below the
        depth before `start`. Depth moves by one per bracket: after an opening bracket, the
        second lower one is it."""
        i = bisect_left(self.positions, start)
        count = len(self.positions)
        if i == count:
            return None
        before = self.depth[i - 1] if i else 0
        if self.depth[i] > before:  # an opening bracket: down to `before`, then below it
            i = self.lower[i]
            i = self.lower[i] if i < count else count
        return self.positions[i] if i < count else None


def _positions(text: str, word: str) -> array:
    """Every offset where `word` starts in `text` (overlapping ones too)."""
    found = array("q")
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


@functools.lru_cache(maxsize=INDEXED_TEXTS)
def index_of(text: str) -> TextIndex:
    """The index of a block's text: built on first use, kept for the last few texts."""
    return TextIndex(text)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence or clause ending in 。！？；."""
    start = 0
    for end in index_of(text).sentence_ends:
        yield start, end
        start = end
    if text[start:].strip():
        yield start, len(text)


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence holding `offset`; (0, len(text)) where none does."""
    return index_of(text).sentence_at(offset)


def figures_in(block: TextBlock) -> list[NarrativeFigure]:
    """Each figure with a unit in `block`, leaving out ordinals, parts of words and book titles."""
    text = block.text
    index = index_of(text)
    found = []
    for match in quantity_pattern().finditer(text):
        if not match["unit"] or not _is_figure(text, match, index):
            continue
        try:
            quantity = quantity_from_match(match)
        except (ValueError, ArithmeticError):
            continue
        found.append(NarrativeFigure(quantity, block, match.start(), match.end(),
                                     index.quote(match.start(), match.end())))
    return found


def _is_figure(text: str, match: re.Match[str], index: TextIndex) -> bool:
    start, end = match.start("number"), match.end()
    at = start
    while at > 0 and text[at - 1] in _BLANKS:  # 第 3 次 is an ordinal too
        at -= 1
    before = text[at - 1:at]
    if before == _ORDINAL_BEFORE or (text[start - 1:start].isascii() and text[start - 1:start].isalnum()):
        return False
    if _NOT_AFTER.match(text[end:end + 1]):
        return False
    return not index.inside_title(start)


def _inside_title(text: str, offset: int) -> bool:
    """Inside 《…》: 《…10条措施的意见》 names a document, it states no figure."""
    return index_of(text).inside_title(offset)
