"""The text rules (T…, auditor/check/wording.py) on real reports: the defects of the bundled example
are found at their places, and a defect planted at random into a consistent real report — a word
typed twice, a closing mark dropped or doubled, a placeholder — is found exactly where it was
planted, in every format the corpus has. (What they find on the corpus as published: test_corpus.)"""

from __future__ import annotations

import dataclasses
import functools
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from corpus import REAL

from auditor import audit
from auditor.check import run_checks
from auditor.library import load_library
from auditor.load import load
from auditor.model.document import Document, Segment, TextBlock
from auditor.model.extraction import Extraction
from auditor.model.words import VOCABULARY

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-xishan-2018.txt"
# Every text, page and Word file, and PDFs of each maker (a saved web page's, WPS's): loading a PDF is slow.
REPORTS = sorted(p.name for p in REAL.iterdir() if p.suffix in (".txt", ".html", ".docx")) + \
    ["huaian-2024.pdf", "pingtan-2013.pdf", "pingtan-2021.pdf"]
HAN = re.compile(r"[\u4e00-\u9fff]")
TABLE_TEXT = re.compile(r"\d{9,}")  # a table rendered as text, cells run together: not prose
CLAUSE = re.compile(r"[，,。；;：:！？!?、\n]")
NUMERALS = set(VOCABULARY["text"]["numerals"])
REDUPLICATED = set(VOCABULARY["text"]["reduplicated"])
TRIES = 3  # plantings of each kind per report


def test_seed_defects_are_found_at_their_places():
    findings = [(f.rule.id, f.places[0].text, f.places[0].location.line, f.places[0].quote)
                for f in audit(SEED).findings if f.rule.id.startswith("T")]
    assert ("T101", "企业企业", 19, "二楼大厅设置为企业企业事务综合服务") in findings
    assert ("T203", "》", 27, "源交易监督管理办法》》(昆政发〔2") in findings
    assert ("T202", "”", 19, "结合互联网+政务服务”工作的实施,") in findings
    # and the heading's 《西山区“互联网+…党群服务工作实施方案》, whose quote is never closed
    assert ("T201", "“", 16, "一)制定出台《西山区“互联网+政务") in findings
    assert len(findings) == 4


@functools.cache
def _library():
    return load_library()


@functools.cache
def _document(name: str) -> Document:
    return load(REAL / name)


def text_findings(document: Document) -> list[tuple[str, int | None, int, int, str]]:
    """(rule, page, line, column, text) of each text rule's finding: the text rules read the document only."""
    result = run_checks(Extraction(document, None, None), _library(), lambda rule_id: rule_id.startswith("T"))
    return [(f.rule.id, f.places[0].location.page, f.places[0].location.line, f.places[0].location.column,
             f.places[0].text) for f in result.findings]


def planted(document: Document, index: int, at: int, removed: int, inserted: str) -> tuple[Document, TextBlock]:
    """The document with block `index`'s text[at:at + removed] replaced by `inserted`; the places of
    what follows move with it."""
    block = document.blocks[index]
    assert isinstance(block, TextBlock)
    shift = len(inserted) - removed
    segments = [s if s.offset <= at else Segment(s.offset + shift, s.line, s.column) for s in block.segments]
    changed = dataclasses.replace(block, text=block.text[:at] + inserted + block.text[at + removed:],
                                  segments=segments)
    blocks = [*document.blocks[:index], changed, *document.blocks[index + 1:]]
    return dataclasses.replace(document, blocks=blocks), changed


def prose_offsets(document: Document) -> list[tuple[int, int]]:
    """(block, offset) of every character of the report's sentences: after its first full stop (what
    stands before may be a saved page's menus), outside tables rendered as text."""
    found, started = [], False
    for index, block in enumerate(document.blocks):
        if not isinstance(block, TextBlock):
            continue
        text = block.text
        first = 0
        if not started:
            if "。" not in text:
                continue
            started, first = True, text.index("。") + 1
        bounds = [0, *(m.end() for m in CLAUSE.finditer(text)), len(text)]
        for lo, hi in zip(bounds, bounds[1:]):
            if not TABLE_TEXT.search(text[lo:hi]):
                found += [(index, at) for at in range(max(lo, first), hi)]
    return found


def _han(text: str, at: int) -> bool:
    return 0 <= at < len(text) and bool(HAN.match(text[at]))


def _doubled_word(text: str, at: int) -> str | None:
    """A two-character word at `at` that, typed twice, makes exactly one doubling there."""
    word = text[at:at + 2]
    if not (_han(text, at) and _han(text, at + 1)) or set(word) <= NUMERALS or word in REDUPLICATED:
        return None
    if text[at - 1:at] == word[1:] or text[at - 2:at] == word or text[at + 2:at + 4] == word:
        return None  # the doubling would start earlier, or run on
    return word


def _plant_cases(name: str) -> list[tuple[str, int, int, int, str, int, str]]:
    """(rule, block, at, removed, inserted, where the finding stands, its text) for each planting."""
    document = _document(name)
    blocks = document.blocks
    offsets = prose_offsets(document)
    rng = random.Random(name)
    cases = []

    def text(index: int) -> str:
        return blocks[index].text  # type: ignore[union-attr]

    words = [(i, at, w) for i, at in offsets if (w := _doubled_word(text(i), at))]
    for i, at, word in rng.sample(words, min(TRIES, len(words))):
        cases.append(("T101", i, at, 0, word, at, word * 2))
    spots = [(i, at) for i, at in offsets if _han(text(i), at - 1) and _han(text(i), at)]
    for i, at in rng.sample(spots, min(TRIES, len(spots))):
        placeholder = rng.choice(["XX", "××", "＿＿"])
        cases.append(("T301", i, at, 0, placeholder, at, placeholder))
    prose = set(offsets)
    quotes = [(i, m.start(), m.end() - 1) for i in sorted({i for i, _ in offsets})
              for m in re.finditer(r"“[^“”‘’《》（）()【】〔〕「」『』]*”|《[^“”‘’《》（）()【】〔〕「」『』]*》", text(i))
              if (i, m.start()) in prose]
    for i, opening, closing in rng.sample(quotes, min(TRIES, len(quotes))):
        cases.append(("T201", i, closing, 1, "", opening, text(i)[opening]))  # the closing mark dropped
        cases.append(("T203", i, closing + 1, 0, text(i)[closing], closing + 1, text(i)[closing]))  # typed twice
    return cases


PLANTINGS = [(name, *case) for name in REPORTS for case in _plant_cases(name)]


@pytest.mark.parametrize(("name", "rule", "index", "at", "removed", "inserted", "where", "shown"), PLANTINGS,
                         ids=[f"{p[0]}-{p[1]}-{p[2]}:{p[3]}" for p in PLANTINGS])
def test_a_planted_defect_is_found_where_it_was_planted(name, rule, index, at, removed, inserted, where, shown):
    document = _document(name)
    changed, block = planted(document, index, at, removed, inserted)
    location = block.locate(where)
    after, before = text_findings(changed), text_findings(document)
    assert (rule, location.page, location.line, location.column, shown) in after
    # and nothing else: the report's own findings stay (their columns move with the planting)
    assert Counter(f[:1] + f[4:] for f in after) - Counter(f[:1] + f[4:] for f in before) == Counter([(rule, shown)])
    assert len(after) == len(before) + 1


def test_every_format_is_planted_into():
    planted_into = {Path(name).suffix for name, *_ in PLANTINGS}
    assert planted_into == {".txt", ".html", ".docx", ".pdf"}
    assert {rule for _, rule, *_ in PLANTINGS} == {"T101", "T201", "T203", "T301"}
