"""What a line or a cell says, told from its text: a sentence's end, a numbered label, a figure."""

from __future__ import annotations

import re

STOPS = re.compile(r"[。！？!?][”’」』）)\"']*$")  # a line ending a sentence ends its paragraph
NUMBERED = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．]|其中)")
_VALUE = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:%|％|[万亿]?元|万|亿)?|[/／\-－—–]+|无|没有|不适用")


def is_value(text: str) -> bool:
    """Whether `text` is a figure (a number, maybe with its unit) or what stands for none (a dash, 无)."""
    return bool(_VALUE.fullmatch(text.strip()))
