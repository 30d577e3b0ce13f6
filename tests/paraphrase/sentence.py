"""A sentence with the claims the narrative rules read in it, and what a paraphrase is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tomllib

from auditor.model.numbers import Quantity

WORDS = tomllib.loads((Path(__file__).with_name("words.toml")).read_text(encoding="utf-8"))
CLAUSE_MARKS = "，,；;：:。！？"
PART_OPENERS = ("其中", "涉及")  # what follows them are parts of a total
SHARE = "占"  # a figure followed by its share is a part

Span = tuple[int, int]


@dataclass(frozen=True)
class Claim:
    """One figure a rule reads: where its phrase matched and where the figure stands (offsets in
    the sentence). A zero phrase (未收到…申请) has no figure."""

    rule: str
    region: Span
    figure: Span | None
    quantity: Quantity


@dataclass(frozen=True)
class Sentence:
    text: str
    claims: tuple[Claim, ...]

    def heads(self) -> list[Claim]:
        """The claims of figures that stand for a whole, not a part of a list: the ones a body
        writes 共 before, or a clause ahead of."""
        return [c for c in self.claims if c.figure is not None and not is_part(self.text, c)]

    def figures(self) -> list[tuple[Span, Quantity]]:
        """Each figure once (two rules may read the same one), in order."""
        seen = {c.figure: c.quantity for c in self.claims if c.figure is not None}
        return sorted(seen.items())


def is_part(text: str, claim: Claim) -> bool:
    """Is the claim's figure a part of a list: after 其中 or 涉及 in its sentence, after 、 in its
    clause, in a parenthesis, or followed by its share (占p%)?"""
    assert claim.figure is not None
    start, end = claim.figure
    before = text[:start]
    clause = before[max(before.rfind(m) for m in CLAUSE_MARKS) + 1:]
    return (any(w in before for w in PART_OPENERS) or "、" in clause
            or before.count("（") + before.count("(") > before.count("）") + before.count(")")
            or text[end:].lstrip("，, ").startswith(SHARE))


class NotApplicable(Exception):
    """The paraphrase would leave the sentence as it is."""


@dataclass(frozen=True)
class Paraphrase:
    kind: str  # synonym, quantity-word, word-order, …
    variant: str  # ASCII, for test ids
    says: str  # what it does, in the report's words (受理→接收)
    apply: Callable[[Sentence], str]
    templates: tuple[str, ...] = ()  # the templates whose words it keeps the meaning of; () all

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.variant}"


Edit = tuple[int, int, str]  # replace text[start:end] with the string


def rewrite(text: str, edits: list[Edit]) -> str:
    """`text` with `edits` applied; raises NotApplicable when there is none. Edits that overlap an
    earlier one are left out (two rules reading one figure ask for the same edit)."""
    kept: list[Edit] = []
    for edit in sorted(set(edits)):
        if not kept or edit[0] >= kept[-1][1] and (edit[0], edit[1]) != (kept[-1][0], kept[-1][1]):
            kept.append(edit)
    if not kept:
        raise NotApplicable
    for start, end, new in reversed(kept):
        text = text[:start] + new + text[end:]
    return text


def word_before(text: str, end: int, words: list[str]) -> str | None:
    """The longest of `words` that ends at `end`."""
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w, end - len(w))), None)


def word_after(text: str, start: int, words: list[str]) -> str | None:
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w, start)), None)
