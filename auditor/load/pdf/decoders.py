"""pdfminer's stream decoders, bounded: what a PDF's streams inflate to, and the objects its pages
draw, are taken from the budget of the PDF being read (limits.py) as they come, so that a
decompression bomb or a form drawn a million times is stopped at the limit, not held in memory.
Outside `load_bytes` there is no budget, and the decoders behave as pdfminer's own (but inflate a
damaged stream in linear time)."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from typing import Any

from auditor.load.pdf.limits import BUDGET

_CHUNK, _STEP = 1 << 20, 1 << 16  # at most this much output per call; this much input at a time


def _take(size: int) -> None:
    budget = BUDGET.get()
    if budget is not None:
        budget.take(size)


def _inflate(data: bytes) -> bytes:
    """zlib.decompress(data), taking what it produces from the budget as it goes: a small stream
    that inflates to gigabytes is stopped at the limit, not held in memory."""
    decompressor = zlib.decompressobj()
    out: list[bytes] = []
    view = memoryview(data)
    for start in range(0, len(data), _STEP):  # a slice at a time: unconsumed_tail is a copy
        rest = view[start:start + _STEP]
        while rest and not decompressor.eof:
            out.append(decompressor.decompress(rest, _CHUNK))
            _take(len(out[-1]))
            rest = decompressor.unconsumed_tail
        if decompressor.eof:
            break
    if not decompressor.eof:
        out.append(decompressor.flush())
        if not decompressor.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(out)


def _inflate_corrupted(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted` (what can be inflated of a damaged stream; an error in
    the last 3 bytes, the checksum, is ignored), in linear time: pdfminer feeds one byte at a time
    and concatenates, which takes minutes on a damaged stream of a few hundred kilobytes."""
    decompressor = zlib.decompressobj()
    out: list[bytes] = []
    step = 4096
    for start in range(0, len(data), step):
        piece = data[start:start + step]
        saved = decompressor.copy()
        try:
            out.append(decompressor.decompress(piece))
            _take(len(out[-1]))
            continue
        except zlib.error:
            decompressor = saved
        for i in range(len(piece)):  # the byte it fails at
            try:
                out.append(decompressor.decompress(piece[i:i + 1]))
                _take(len(out[-1]))
            except zlib.error:
                if start + i < len(data) - 3:
                    raise
                return b"".join(out)
    return b"".join(out)


class _Zlib:
    """What pdfminer.pdftypes uses of the zlib module, with `decompress` bounded."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        return _inflate(data) if not args and not kwargs else zlib.decompress(data, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _counted(decode: Callable[..., bytes]) -> Callable[..., bytes]:
    """A pdfminer decoder whose output is taken from the budget (ASCII85, hex, run-length and
    CCITT expand a bounded number of times; LZW is bounded as it goes, see `_lzw`)."""

    def wrapper(*args: Any, **kwargs: Any) -> bytes:
        out = decode(*args, **kwargs)
        _take(len(out))
        return out

    wrapper.__wrapped__ = decode  # type: ignore[attr-defined]
    return wrapper


def _drawn(method: Callable[..., Any]) -> Callable[..., Any]:
    """A method of pdfminer's layout device that draws an object, counted in the budget."""

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        budget = BUDGET.get()
        if budget is not None:
            budget.draw()
        return method(self, *args, **kwargs)

    wrapper.__wrapped__ = method  # type: ignore[attr-defined]
    return wrapper


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _take(len(piece))
        out.append(piece)
    return b"".join(out)


def bound_decoders() -> None:
    """Point pdfminer's stream decoding at the bounded decoders above, and count what its layout
    device draws (once). Outside
    `load_bytes` they have no budget and behave as pdfminer's own, so another user of pdfminer in
    the same process sees no difference but speed."""
    from pdfminer import pdftypes

    if isinstance(pdftypes.zlib, _Zlib):
        return
    from pdfminer.converter import PDFLayoutAnalyzer

    for name in ("render_char", "paint_path", "render_image"):
        setattr(PDFLayoutAnalyzer, name, _drawn(getattr(PDFLayoutAnalyzer, name)))
    pdftypes.zlib = _Zlib()  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _inflate_corrupted
    pdftypes.lzwdecode = _lzw
    for name in ("ascii85decode", "asciihexdecode", "rldecode", "ccittfaxdecode"):
        setattr(pdftypes, name, _counted(getattr(pdftypes, name)))
