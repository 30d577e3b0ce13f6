"""Words and text lines on a page, and their text joined as Chinese writes it.

A word keeps where it stands: its box, its page, its line in Document.lines and its column in
that line, and its characters. A line is the words whose heights mostly overlap, left to right;
its text is its words joined by one space, which fixes each word's column.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from auditor.load.pdf.source import Char
from auditor.load.pdf.tolerances import LINE_OVERLAP, WORD_GAP

# Shared with the text and HTML loaders, so that all of them read CJK spacing alike.
from auditor.load.text import is_cjk


@dataclass
class Word:
    """A word, or the part of one that stands in one cell, and where it is."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    line: int = 0  # 1-based number of its line in Document.lines
    column: int = 1  # 1-based column of its first character in that line
    chars: list[Char] = field(default_factory=list, repr=False)


@dataclass
class Line:
    """A line of text on a page: its words, left to right."""

    words: list[Word]
    number: int
    page: int

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def text(self) -> str:
        return compose([self.words])


LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def page_words(chars: list[Char], page: int) -> list[Word]:
    """The words of a page's characters, as pdfplumber's `extract_words` makes them: characters
    whose tops are within WORD_GAP of the next one's are on one line (chained); on a line, left to
    right, a space, a gap wider than WORD_GAP or a step back starts a new word. Rotated text
    (not upright) runs top to bottom, its lines by their left sides. A glyph with no Unicode text
    (a damaged font's ToUnicode map) makes no word."""
    words = []
    for upright, run in itertools.groupby(chars, key=lambda c: c.upright):
        line_key, char_key = (_top, _x0) if upright else (_x0, _top)
        for line in _clusters(list(run), line_key):
            line.sort(key=char_key)
            for word in _split_words(line, upright):
                text = "".join(LIGATURES.get(c.text, c.text) for c in word)
                if text:
                    words.append(Word(text, min(c.x0 for c in word), max(c.x1 for c in word),
                                      min(c.top for c in word), max(c.bottom for c in word), page, chars=word))
    return words


def _top(c: Char) -> float:
    return c.top


def _x0(c: Char) -> float:
    return c.x0


def _clusters(chars: list[Char], key: Callable[[Char], float]) -> list[list[Char]]:
    """Characters in groups whose keys are within WORD_GAP of the next (chained), in key order;
    within a group, in their order on the page."""
    group_of: dict[float, int] = {}
    count, last = 0, None
    for value in sorted({key(c) for c in chars}):
        if last is not None and value > last + WORD_GAP:
            count += 1
        group_of[value], last = count, value
    groups: list[list[Char]] = [[] for _ in range(count + 1)] if chars else []
    for c in chars:
        groups[group_of[key(c)]].append(c)
    return groups


def _split_words(line: list[Char], upright: bool) -> list[list[Char]]:
    words: list[list[Char]] = []
    current: list[Char] = []
    for c in line:
        if c.text.isspace():
            if current:
                words.append(current)
            current = []
        elif current and _begins_word(current[-1], c, upright):
            words.append(current)
            current = [c]
        else:
            current.append(c)
    if current:
        words.append(current)
    return words


def _begins_word(before: Char, char: Char, upright: bool) -> bool:
    if upright:
        return char.x0 < before.x0 or char.x0 > before.x1 + WORD_GAP or abs(char.top - before.top) > WORD_GAP
    return char.top < before.top or char.top > before.bottom + WORD_GAP or abs(char.x0 - before.x0) > WORD_GAP


def group_lines(words: list[Word], page: int, before: int) -> list[Line]:
    """Words in lines, top to bottom, each line left to right; line numbers follow `before`.
    A word is on the line of the word that started it when their heights mostly overlap (a digit
    in a smaller font sits lower on the same baseline). A line's text is its words joined by one
    space, which fixes each word's column."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        anchor = lines[-1][0] if lines else None
        if anchor is None or _overlap(anchor, word) < LINE_OVERLAP * min(anchor.bottom - anchor.top, word.bottom - word.top):
            lines.append([])
        lines[-1].append(word)
    result = []
    for index, line_words in enumerate(lines, before + 1):
        line_words.sort(key=lambda w: w.x0)
        column = 1
        for word in line_words:
            word.line, word.column = index, column
            column += len(word.text) + 1
        result.append(Line(line_words, index, page))
    return result


def _overlap(a: Word, b: Word) -> float:
    return min(a.bottom, b.bottom) - max(a.top, b.top)


# ---- text and cells: characters joined as Chinese writes them ----------------------------------------


def compose(lines: list[list[Word]], cell: bool = False) -> str:
    """The text of words on successive lines. On one line, words are joined as joint says. Lines
    are joined likewise in running text; in a cell (a wrapped label, a vertical header one
    character per line, a long number broken in a narrow column) they are joined with nothing,
    except between Latin letters."""
    text = ""
    for n, words in enumerate(lines):
        for i, word in enumerate(words):
            if text and word.text:
                if cell and n > 0 and i == 0:
                    text += " " if _letters(text[-1], word.text[0]) else ""
                else:
                    text += joint(words[i - 1] if i else None, word, text[-1])
            text += word.text
    return text


def joint(before: Word | None, word: Word, last: str) -> str:
    """What stands between two words: nothing beside a CJK character, because Word and WPS put a
    gap between Chinese and Latin text or digits ("共 21 件") where the source has none; nothing
    between words that touch (pdfplumber splits "1." in two); else a space. A line break in
    running text (`before` None) is a space only between Latin or digits ("…of the" / "report")."""
    if is_cjk(last) or is_cjk(word.text[0]):
        return ""
    if before is not None and word.x0 - before.x1 < 0.15 * (word.bottom - word.top):
        return ""
    return " "


def _letters(before: str, after: str) -> bool:
    return before.isascii() and after.isascii() and before.isalpha() and after.isalpha()
