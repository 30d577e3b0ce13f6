"""Turn the bytes of a text or HTML file into str, working out the encoding.

Text files carry no declaration, so the bytes alone decide; an HTML page may declare its
charset in a <meta> (see `decode_html`).

Chinese government reports come as UTF-8, UTF-8 with BOM, UTF-16 (saved from Word/Notepad)
or legacy GBK/GB2312. The file name says nothing reliable about which.
"""

from __future__ import annotations

import codecs
import re

from auditor.model.errors import InputError, Said

EMPTY = Said("input.empty")
BINARY = Said("input.binary")

# Byte-order marks, longest first: a UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# East Asian multi-byte codecs the detector may report for GB-encoded text. On short
# Chinese snippets charset-normalizer often says cp949 or big5; for reports from mainland
# governments GB18030 (a superset of GBK and GB2312) is the right reading.
_CJK_GUESSES = {
    "gb2312", "gbk", "gb18030", "cp936", "hz", "big5", "big5hkscs", "cp950",
    "cp949", "euc_kr", "johab", "shift_jis", "cp932", "euc_jp", "iso2022_jp",
}


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of a text file, or raise InputError."""
    text, encoding = _decode_raw(data, path)
    return _normalise(text, path), encoding


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of an HTML page, or raise InputError.

    Order: byte-order mark, then the charset a <meta> declares, then UTF-8, then detection.
    GBK and GB2312 are read as GB18030, their superset. A page that declares a legacy
    charset but is valid UTF-8 with non-ASCII bytes is read as UTF-8: archivers and CMS
    exports re-encode pages and leave the old <meta> in place, and GB-encoded Chinese text
    is practically never valid UTF-8 by chance.
    """
    declared = _meta_charset(data[:_META_SCAN])
    if declared and not any(data.startswith(bom) for bom, _ in _BOMS) and b"\x00" not in data:
        text = _try(data, declared)
        if text is not None and not _reencoded_utf8(data, declared):
            return _normalise(text, path), declared
    return decode(data, path)


# The HTML standard has browsers look for <meta charset> in the first 1024 bytes; Word and
# CMS templates put long <meta> and <style> blocks first, so we look a little further.
_META_SCAN = 4096
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "gb_2312-80", "x-gb2312", "csgb2312", "ms936", "euc-cn"}


def _meta_charset(head: bytes) -> str | None:
    """The codec a <meta> declares, as a Python codec name, or None when unknown or absent."""
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in _GB:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # A page cannot declare UTF-16 in its own ASCII-readable <meta>; browsers read UTF-8 then.
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    # Western single-byte charsets decode any bytes; on a Chinese report such a declaration
    # is a template default, so the bytes decide instead.
    return None if codec in _WESTERN else codec


_WESTERN = {"ascii", "iso8859-1", "cp1252", "iso8859-15"}


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _reencoded_utf8(data: bytes, declared: str) -> bool:
    if declared == "utf-8" or data.isascii():
        return False
    return _try(data, "utf-8") is not None


def _normalise(text: str, path: str) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, EMPTY)
    return text


def _decode_raw(data: bytes, path: str) -> tuple[str, str]:
    if not data:
        raise InputError(path, EMPTY)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # UTF-16/32 text is full of NUL bytes, so only the other encodings reject them.
            if encoding == "utf-8-sig" and b"\x00" in data:
                raise InputError(path, BINARY)
            return _strict(data, encoding, path), encoding
    if b"\x00" in data:
        raise InputError(path, BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        # A file cut short (a download broken off) may end in part of a character: the rest is
        # UTF-8 all the same.
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3 and e.start > 0:
            return data[:e.start].decode("utf-8"), "utf-8"
    return _detect(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(path, BINARY) from None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    # Imported here: most files are UTF-8 and never need the detector.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, BINARY)
    guess = codecs.lookup(best.encoding).name.replace("-", "_")
    if guess in _CJK_GUESSES:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    return _strict(data, best.encoding, path), best.encoding
