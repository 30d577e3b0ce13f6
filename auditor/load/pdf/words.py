"""Words and text lines on a page, and their text joined as Chinese writes it.

A word keeps where it stands: its box, its page, its line in Document.lines and its column in
that line, and its characters. A line is the words whose heights mostly overlap, left to right;
its text is its words joined by one space, which fixes each word's column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.load.pdf.tolerances import LINE_OVERLAP

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
    chars: list[dict[str, Any]] = field(default_factory=list, repr=False)


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


def word_from(raw: dict[str, Any], page: int) -> Word:
    """A word of pdfplumber's `extract_words` (with its characters) on page `page`."""
    return Word(raw["text"], raw["x0"], raw["x1"], raw["top"], raw["bottom"], page, chars=raw.get("chars", []))


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
