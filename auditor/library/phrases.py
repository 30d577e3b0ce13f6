"""Phrases: how a rule says where the narrative states a figure (vocabulary of the check library).

A phrase is a regular expression with these additions:
- `…` a short gap inside one clause (up to 30 characters, no ，：。；！？);
- `……` a gap that may cross commas, inside one sentence (up to 30 characters, no ：。；！？);
- `{N}` the figure itself, with a unit; `{N:条|件}` restricts the units.
Example: `主动公开…信息(?:共)?{N:条}` matches 主动公开信息135条 and 主动公开政府信息共180余条.
"""

from __future__ import annotations

import functools
import re

from auditor.model.numbers import AFTER_NUMBER, AFTER_UNIT, ALL_UNITS, BEFORE, NUMBER

GAP = r"[^，,：:。；;！？!?\n]{0,30}?"
SENTENCE_GAP = r"[^：:。；;！？!?\n]{0,30}?"
_PLACEHOLDER = re.compile(r"\{N(?::([^}]*))?\}")


def _figure(units: str | None) -> str:
    allowed = units.split("|") if units else ALL_UNITS
    unit_re = "|".join(_unit(u) for u in sorted(allowed, key=len, reverse=True))
    return rf"(?P<n>{BEFORE}?{NUMBER}{AFTER_NUMBER}?[ \u3000]?(?:{unit_re}){AFTER_UNIT}?)"


def _unit(unit: str) -> str:
    """人 must not match the start of 人次, nor 个 of 个百分点."""
    longer = [u[len(unit):] for u in ALL_UNITS if u != unit and u.startswith(unit)]
    return re.escape(unit) + (f"(?!{'|'.join(map(re.escape, longer))})" if longer else "")


@functools.lru_cache(maxsize=None)
def compile_phrase(phrase: str) -> re.Pattern[str]:
    """The regular expression for `phrase`. Raises re.error or ValueError when it is not valid."""
    placeholders = _PLACEHOLDER.findall(phrase)
    if len(placeholders) > 1:
        raise ValueError("a phrase states one figure: use {N} once")
    pattern = phrase.replace("……", "\0").replace("…", GAP).replace("\0", SENTENCE_GAP)
    # "主动公开政府信息 2543条": a space may stand before the figure
    pattern = _PLACEHOLDER.sub(lambda m: "[ \u3000]?" + _figure(m.group(1)), pattern)
    # A figure must not be the tail of a longer number (…2018 matching 18).
    pattern = pattern.replace("(?P<n>", r"(?<![0-9０-９.．])(?P<n>", 1)
    return re.compile(pattern)
