"""Label normalisation, for matching only: the original text is always kept for display."""

from __future__ import annotations

import functools
import re
import unicodedata

# 其中: / （一） / (一) / 一、 / 1. / 1、 / (1) at the start of a label, possibly repeated.
_PREFIX = re.compile(
    r"^(?:其中:?|[(][一二三四五六七八九十\d]+[)]|[一二三四五六七八九十]+[、.]|\d+[、.](?!\d))+"
)
_NOTE = re.compile(r"[(][^()]*[)]")  # explanatory notes in brackets
_SPACE = re.compile(r"[\s\u3000]+")
_TRAILING = re.compile(r"[:;,.、]+$")


@functools.lru_cache(maxsize=8192)  # every template and table definition asks for the same cells
def normalize(text: str) -> str:
    """'（一）主动公开政府信息数（不同渠道…计1条）' → '主动公开政府信息数'."""
    text = _PREFIX.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", text)))  # every prefix, in one pass
    return _TRAILING.sub("", _NOTE.sub("", text))


def squeeze(text: str) -> str:
    """Width and spacing folded, nothing removed: for headers such as '统 计 指 标'."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))
