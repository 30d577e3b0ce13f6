"""What a PDF's compressed streams inflate to, measured before pdfium reads the file: pdfium inflates
a stream whole, in memory, so a decompression bomb (a few kilobytes that inflate to gigabytes) is
stopped here, at the budget (limits.MAX_DECODED), without holding its output.

Every stream that zlib can inflate is inflated a slice at a time and its output counted, not kept;
a damaged one counts up to where it breaks. zlib inflates at most about 1,032 bytes per byte, so a
file too small to reach the limit at that ratio is not scanned at all. Streams pdfium decodes twice
over (a filter chain) count once: the limit bounds the first stage only.
"""

from __future__ import annotations

import re
import zlib

from auditor.load.pdf.limits import Budget

_STREAM = re.compile(rb"stream\r?\n|stream\r")
_MAX_RATIO = 1032  # the most zlib (deflate) output per input byte
_CHUNK, _STEP = 1 << 20, 1 << 16  # at most this much output per call; this much input at a time


def check_inflated_size(data: bytes, budget: Budget) -> None:
    """Take what the streams of `data` inflate to from `budget` (OverBudget past it)."""
    if len(data) * _MAX_RATIO <= budget.decoded:
        return
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        _inflate_counted(view, match.end(), budget)


def _inflate_counted(view: memoryview, start: int, budget: Budget) -> None:
    decompressor = zlib.decompressobj()
    try:
        for at in range(start, len(view), _STEP):
            rest = view[at:at + _STEP]
            while rest and not decompressor.eof:
                budget.take(len(decompressor.decompress(rest, _CHUNK)))
                rest = decompressor.unconsumed_tail
            if decompressor.eof:
                return
    except zlib.error:
        return  # not zlib data, or damaged from here on
