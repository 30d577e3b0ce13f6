"""The words of auditor, from one catalogue: auditor/model/words.toml, read once.

    word("verdict.clean", "en")                     → "no findings"
    word("place.more", "zh", count=3)               → "…另有 3 处"
    words("severity", "zh")                         → {"error": "错误", "warning": "警告", "info": "提示"}

Every text is in both languages (zh, en); values fill its {placeholders}. VOCABULARY holds the
words auditor reads in reports rather than says (bounds, units, breadcrumbs, the words of
breakdowns and shares), and `alternation` makes a regular expression of a list of them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LANGS = ("zh", "en")
_FILE = Path(__file__).with_name("words.toml")


def _read() -> tuple[dict[str, dict[str, str]], dict[str, Any]]:
    data = tomllib.loads(_FILE.read_text(encoding="utf-8"))
    vocabulary = data.pop("vocabulary", {})
    catalogue: dict[str, dict[str, str]] = {}

    def add(prefix: str, table: dict[str, Any]) -> None:
        for key, value in table.items():
            if not isinstance(value, dict):
                raise ValueError(f"{_FILE.name}: {prefix}{key} is no table of words")
            if set(value) == set(LANGS) and all(isinstance(v, str) for v in value.values()):
                catalogue[prefix + key] = value
            else:
                add(f"{prefix}{key}.", value)

    add("", data)
    return catalogue, vocabulary


CATALOGUE, VOCABULARY = _read()


def word(key: str, lang: str, **values: Any) -> str:
    """The text of `key` ("section.name") in `lang`, its {placeholders} filled from `values`."""
    text = CATALOGUE[key][lang]
    return text.format(**values) if values else text


def words(section: str, lang: str) -> dict[str, str]:
    """Every text of a section in `lang`, by its name in the section."""
    prefix = section + "."
    return {key[len(prefix):]: texts[lang] for key, texts in CATALOGUE.items() if key.startswith(prefix)}


def has(key: str) -> bool:
    return key in CATALOGUE


def alternation(vocabulary: Collection[str]) -> str:
    """A regular expression matching any of the words, the longest first (将近 before 近); none
    of them: a pattern that matches nothing."""
    if not vocabulary:
        return "(?!)"
    return "(?:" + "|".join(re.escape(w) for w in sorted(vocabulary, key=len, reverse=True)) + ")"
