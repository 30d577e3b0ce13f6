"""Turn the bytes of a text file into str, working out the encoding from the bytes alone.

Chinese government reports come as UTF-8, UTF-8 with BOM, UTF-16 (saved from Word/Notepad)
or legacy GBK/GB2312. The file name says nothing reliable about which.
"""

from __future__ import annotations

import codecs

from auditor.errors import InputError

EMPTY = "the file is empty"
BINARY = "not a text file (binary data)"

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
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, EMPTY)
    return text, encoding


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
    except UnicodeDecodeError:
        pass
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
