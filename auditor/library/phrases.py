"""Phrases: how a rule says where the narrative states a figure (vocabulary of the check library).

A phrase is a regular expression with these additions:
- `…` a short gap inside one clause (up to 30 characters, no ，：。；！？);
- `……` a gap that may cross commas, inside one sentence (up to 30 characters, no ：。；！？), and a
  ； that opens a list of parts (行政复议351件；其中结果维持72件: the list still counts 复议);
- `{N}` the figure itself, with a unit; `{N:条|件}` restricts the units, and a counter's name
  stands for its units (`{N:申请}` is `{N:件|个|份|条}`);
- `{受理}` any word of a phrase word, here 受理, 收到, 接收, 登记, … (a space may stand before it): phrase words (`[vocabulary.phrase]`)
  and counters (`[vocabulary.counter]`) are in auditor/model/words.toml, so a synonym is added once
  for every rule that says it. A name that is neither is an error.
- an aside clause (`[vocabulary.aside]`: ，经统计，) may stand before a phrase word or the figure.
A figure may stand before or after its subject, so a rule says both orders:
`{受理}…申请{共}?{N:申请}` (受理申请共12件, 收到政府信息公开申请12件) and `{受理}{N:申请}…申请` (收到12件申请).
Example: `主动公开…信息{共}?{N:条}` matches 主动公开信息135条 and 主动公开政府信息共计180余条.

An `exclude` entry is a word, or a regular expression whose lookarounds say what the word must not
be part of: `(?<!各)类信息` excludes 重点领域类信息 (a category) but not 各类信息 (the total), and
`制发(?!的现行有效)` excludes 本年制发 but not 本机关制发的现行有效.
"""

from __future__ import annotations

import functools
import re

from auditor.model.numbers import AFTER_NUMBER, AFTER_UNIT, ALL_UNITS, BEFORE, NUMBER
from auditor.model.words import VOCABULARY, alternation

GAP = r"[^，,：:。；;！？!?\n]{0,30}?"
OPENERS = alternation(VOCABULARY["breakdown"]["openers"])
SENTENCE_GAP = rf"(?:[^：:。；;！？!?\n]|[；;](?={OPENERS})){{0,30}}?"
PHRASE_WORDS: dict[str, list[str]] = VOCABULARY["phrase"]
# "主动公开政府信息，经统计，共1913条": an aside of its own clause may stand before a phrase word or the figure.
ASIDE = rf"(?:[ \u3000]?[，,]{alternation(VOCABULARY['aside']['words'])}[，,])?"
COUNTERS: dict[str, list[str]] = VOCABULARY["counter"]
_PLACEHOLDER = re.compile(r"\{N(?::([^}]*))?\}")
# {受理}: a name in braces that is not {N…} and not a repetition such as {0,30} or {2}.
_WORD = re.compile(r"\{(?!N[:}])([^{}\d,][^{}]*)\}")
# A brace left once those are taken out, that opens no repetition ({2}, {0,30}): a typo.
_STRAY_BRACE = re.compile(r"(?<!\\)\{(?!\d+(?:,\d*)?\})")


def _figure(units: str | None) -> str:
    allowed = _units(units.split("|")) if units else ALL_UNITS
    unit_re = "|".join(_unit(u) for u in sorted(allowed, key=len, reverse=True))
    return rf"(?P<n>{BEFORE}?{NUMBER}{AFTER_NUMBER}?[ \u3000]?(?:{unit_re}){AFTER_UNIT}?)"


def _units(names: list[str]) -> list[str]:
    """The units `{N:…}` allows: each a unit, or a counter standing for its units."""
    units: list[str] = []
    for name in names:
        if name in COUNTERS:
            units += COUNTERS[name]
        elif name in ALL_UNITS:
            units.append(name)
        else:
            raise ValueError(f"{{N:{name}}}: {name!r} is neither a unit nor a counter of [vocabulary.counter]")
    return list(dict.fromkeys(units))


def _unit(unit: str) -> str:
    """人 must not match the start of 人次, nor 个 of 个百分点."""
    longer = [u[len(unit):] for u in ALL_UNITS if u != unit and u.startswith(unit)]
    return re.escape(unit) + (f"(?!{'|'.join(map(re.escape, longer))})" if longer else "")


def _phrase_word(match: re.Match[str]) -> str:
    name = match.group(1)
    if name not in PHRASE_WORDS:
        raise ValueError(f"{{{name}}} is no phrase word: the phrase words are in [vocabulary.phrase] of "
                         f"auditor/model/words.toml ({', '.join(PHRASE_WORDS)})")
    return rf"(?:{ASIDE}[ \u3000]?{alternation(PHRASE_WORDS[name])})"  # text from PDFs: "信息 共2543条"


@functools.lru_cache(maxsize=None)
def compile_phrase(phrase: str) -> re.Pattern[str]:
    """The regular expression for `phrase`. Raises re.error or ValueError when it is not valid."""
    placeholders = _PLACEHOLDER.findall(phrase)
    if len(placeholders) > 1:
        raise ValueError("a phrase states one figure: use {N} once")
    if _STRAY_BRACE.search(_WORD.sub("", _PLACEHOLDER.sub("", phrase))):
        raise ValueError("a { that opens neither {N}, a phrase word such as {受理}, nor a repetition")
    pattern = _WORD.sub(_phrase_word, phrase)
    pattern = pattern.replace("……", "\0").replace("…", GAP).replace("\0", SENTENCE_GAP)
    # "主动公开政府信息 2543条": a space may stand before the figure
    pattern = _PLACEHOLDER.sub(lambda m: ASIDE + "[ \u3000]?" + _figure(m.group(1)), pattern)
    # A figure must not be the tail of a longer number (…2018 matching 18).
    pattern = pattern.replace("(?P<n>", r"(?<![0-9０-９.．])(?P<n>", 1)
    return re.compile(pattern)


@functools.lru_cache(maxsize=None)
def exclusion_pattern(entry: str) -> re.Pattern[str] | None:
    """The regular expression of an `exclude` entry, or None for a plain word. Raises re.error."""
    return None if re.escape(entry) == entry else re.compile(entry)
