"""Bad inputs: whatever the file, `auditor.load.load` returns a Document or raises InputError with
one reason, quickly and in bounded memory (docs/limits.md)."""

from __future__ import annotations

import io
import os
import socket
import struct
import sys
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from auditor.load import LIMITS, MB, doc, load
from auditor.model.errors import InputError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def refused(path: str | Path, *fragments: str, within: float = 1.0) -> str:
    """The reason `load` gives for `path`, checked to name each of `fragments`, to come within
    `within` seconds, and to be one line."""
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        load(path)
    elapsed = time.perf_counter() - start
    reason = info.value.reason
    assert str(info.value) == f"{os.fspath(path)}: {reason}"
    assert "\n" not in reason and reason
    for fragment in fragments:
        assert fragment in reason, reason
    assert elapsed < within, f"{elapsed:.2f} s: {reason}"
    return reason


# ---- only regular files ------------------------------------------------------------------------


@posix_only
def test_a_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    refused(fifo, "is not a regular file (a FIFO)")  # opening it would block: no writer


@posix_only
def test_a_device_is_refused():
    assert os.path.exists("/dev/null")
    refused("/dev/null", "is not a regular file (a character device)")
    refused("/dev/zero", "is not a regular file (a character device)")  # never read: endless


@posix_only
def test_a_device_behind_a_link_with_a_report_suffix_is_refused(tmp_path):
    link = tmp_path / "report.pdf"
    link.symlink_to("/dev/zero")
    refused(link, "is not a regular file (a character device)")


@posix_only
def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    if len(os.fsencode(path)) > 100:
        pytest.skip("socket path too long here")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(os.fspath(path))
        refused(path, "is not a regular file (a socket)")


def test_a_broken_link_is_named(tmp_path):
    link = tmp_path / "report.docx"
    link.symlink_to(tmp_path / "gone.docx")
    refused(link, "no such file (broken link)")


def test_a_missing_file_and_a_directory(tmp_path):
    assert refused(tmp_path / "nope.txt") == "no such file"
    assert refused(tmp_path / "nope" / "deeper.txt") == "no such file"
    (tmp_path / "a.txt").write_text("x")
    assert refused(tmp_path / "a.txt" / "b.txt") == "no such file"  # a file in the way
    assert refused(tmp_path) == "is a directory"


def test_a_link_loop_and_a_bad_name(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    refused(tmp_path / "a.txt", "symbolic links")
    refused("bad\0name.txt", "not a valid file name")


def test_a_damaged_word_or_wps_file_is_refused_with_advice(tmp_path):
    # with LibreOffice or without it (tests/test_load_doc.py)
    for name in ("r.doc", "r.wps"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
        refused(tmp_path / name, "open it in Word or WPS and save it as .docx", within=doc.SECONDS)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads anything")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况")
    path.chmod(0)
    refused(path, "permission denied")


# ---- size budgets -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html", ".txt"])
def test_an_oversized_file_is_refused_unread(tmp_path, suffix):
    path = tmp_path / f"big{suffix}"
    fmt = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".txt": "text"}[suffix]
    with open(path, "wb") as f:  # sparse: no bytes written
        f.truncate(LIMITS[fmt] + MB)
    reason = refused(path, "is too large", f"the limit is {LIMITS[fmt] // MB} MB")
    assert reason.startswith(f"the file is too large ({LIMITS[fmt] // MB + 1} MB")


def test_a_file_at_the_limit_is_read_in_full(tmp_path, monkeypatch):
    monkeypatch.setitem(LIMITS, "text", 64)
    path = tmp_path / "r.txt"
    path.write_bytes(b"a" * 64)
    assert load(path).lines == ["a" * 64]
    path.write_bytes(b"a" * 65)
    refused(path, "is too large")


# ---- PDF ------------------------------------------------------------------------------------------


def text_stream(lines: tuple[str, ...]) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(b"(" + t.encode() + b") '" for t in lines) + b" ET"


def minimal_pdf(lines: tuple[str, ...] = ("Hello world.",), content: bytes | None = None, stream: bytes = b"",
                trailer: bytes = b"") -> bytes:
    """A valid one-page PDF with `lines` of text in Helvetica and no ruling lines at all; or with
    its content stream's bytes `content`, `stream` adding to the stream's dictionary."""
    content = text_stream(lines) if content is None else content
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d%s >>\nstream\n" % (len(content), stream) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def test_a_pdf_with_text_and_no_rulings_is_read(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(minimal_pdf(("Hello world", "Second line.")))
    doc = load(path)
    assert doc.format == "pdf" and doc.tables == []
    assert [b.text for b in doc.text_blocks] == ["Hello world Second line."]
    assert doc.lines == ["Hello world", "Second line."]


def test_a_pdf_is_read_without_a_word_on_stderr(tmp_path, capfd, caplog):
    # A name in a TJ array: pdfminer warns "Cannot render horizontal string because /'C' is not a
    # valid int, float or bytes." on its logger, which must not reach the user.
    path = tmp_path / "damaged.pdf"
    path.write_bytes(minimal_pdf(content=b"BT /F1 12 Tf 72 720 Td [(Hello) /C (world.)] TJ ET"))
    assert load(path).lines == ["Helloworld."]
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
    assert not [r for r in caplog.records if r.name.startswith(("pdfminer", "pdfplumber"))]  # nor the app's handlers


def test_a_glyph_without_text_makes_no_empty_word(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(minimal_pdf(content=b"BT /F1 12 Tf 72 720 Td () Tj 0 -14 Td (Hello) Tj ET"))
    assert load(path).lines == ["Hello"]


def test_a_pdf_compression_bomb_is_stopped_at_the_budget(tmp_path, monkeypatch):
    from auditor.load.pdf import limits

    monkeypatch.setattr(limits, "MAX_DECODED", 2 * MB)
    bomb = zlib.compress(text_stream(("Hello",)) + b" " * (20 * MB), 1)  # 90 kB that inflate to 20 MB
    path = tmp_path / "bomb.pdf"
    path.write_bytes(minimal_pdf(content=bomb, stream=b" /Filter /FlateDecode"))
    refused(path, "inflates past 2 MB", within=0.5)
    path.write_bytes(minimal_pdf(content=bomb[:-100], stream=b" /Filter /FlateDecode"))  # damaged too
    refused(path, "inflates past 2 MB", within=0.5)


def test_a_damaged_stream_is_inflated_in_linear_time(tmp_path):
    # pdfminer inflates a damaged stream one byte at a time, concatenating: ~10 s for this one.
    noise = b"".join(b"%% %s\n" % os.urandom(32).hex().encode() for _ in range(5000))  # comments
    lines = text_stream(("First line.", "Second line.")) + b"\n" + noise
    path = tmp_path / "damaged.pdf"
    path.write_bytes(minimal_pdf(content=zlib.compress(lines)[:-10], stream=b" /Filter /FlateDecode"))
    start = time.perf_counter()
    doc = load(path)
    assert time.perf_counter() - start < 2
    assert doc.lines == ["First line.", "Second line."]


def test_a_pdf_drawing_too_much_is_refused(tmp_path, monkeypatch):
    from auditor.load.pdf import limits

    monkeypatch.setattr(limits, "MAX_OBJECTS", 500)
    path = tmp_path / "r.pdf"
    path.write_bytes(minimal_pdf(("x" * 100,) * 6))
    refused(path, "draws more than 500 characters and shapes")
    path.write_bytes(minimal_pdf(("x" * 100,) * 4))
    assert len(load(path).lines) == 4


def test_dense_rulings_are_not_searched_for_tables(tmp_path):
    # A 150 x 150 grid of lines: pdfplumber would look for its cells for a minute.
    ops = [b"0.5 w"]
    for i in range(151):
        ops.append(b"50 %.2f m 550 %.2f l S %.2f 100 m %.2f 700 l S" % ((100 + i * 4,) * 2 + (50 + i * 500 / 150,) * 2))
    ops.append(text_stream(("A chart, not a table.",)))
    path = tmp_path / "chart.pdf"
    path.write_bytes(minimal_pdf(content=b"\n".join(ops)))
    start = time.perf_counter()
    doc = load(path)
    assert time.perf_counter() - start < 2
    assert doc.tables == [] and doc.text_blocks[0].text == "A chart, not a table."


def test_a_pdf_with_too_many_pages_is_refused(tmp_path, monkeypatch):
    from auditor.load.pdf import limits

    monkeypatch.setattr(limits, "MAX_PAGES", 0)
    path = tmp_path / "r.pdf"
    path.write_bytes(minimal_pdf())
    refused(path, "more than 0 pages")


def test_an_encrypted_pdf_is_refused(tmp_path):
    # The standard security handler with a user password: the empty password does not open it.
    encrypt = (b" /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"11" * 32 + b"> /U <"
               + b"22" * 32 + b"> >> /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">]")
    path = tmp_path / "locked.pdf"
    path.write_bytes(minimal_pdf(trailer=encrypt))
    refused(path, "the PDF is encrypted")


@pytest.mark.parametrize("data, reason", [
    (b"", "the file is empty"),
    (b"\x00" * 4096, "no %PDF header"),
    (b"%PDF-1.4\n", "not a valid PDF file"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 64, "not a valid PDF file"),
    (minimal_pdf()[:200], "not a valid PDF file"),
    (b"%PDF-1.4\ntrailer\n<< /Root 1 0 R >>\n%%EOF", "not a valid PDF file (no pages)"),
    (minimal_pdf(("",)), "no text layer"),
    # Page attributes pdfplumber reads unchecked: IndexError, TypeError.
    (minimal_pdf().replace(b"[0 0 612 792]", b"[0 0]"), "not a valid PDF file (list index out of range)"),
    (minimal_pdf().replace(b"/MediaBox", b"/Rotate /x /MediaBox"), "not a valid PDF file (unsupported operand"),
    (minimal_pdf().replace(b"/MediaBox", b"/CropBox 5 /MediaBox"), "not a valid PDF file"),
    (minimal_pdf().replace(b"/Length", b"/Filter /LZWDecode /Length"), "not a valid PDF file"),
    (minimal_pdf().replace(b"/Length", b"/Filter /RunLengthDecode /Length"), "not a valid PDF file"),
])
def test_garbage_pdfs_are_refused(tmp_path, data, reason):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    refused(path, reason)


# ---- DOCX -----------------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 b'"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 b'document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'.encode()


def docx_bytes(body: str = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>", document: bytes | None = None,
               leave_out: str = "") -> bytes:
    """A minimal .docx: its content types, package relationships and document part."""
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
             "word/document.xml": document_xml(body) if document is None else document}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != leave_out:
                z.writestr(name, data)
    return out.getvalue()


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, deflated data, declared inflated size, declared CRC) per
    member, so that a test can declare what it likes."""
    out, directory = bytearray(), bytearray()
    for name, data, size, crc in members:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(out))
        directory += encoded
        out += b"PK\x03\x04" + fields + encoded + data
    end = struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + b"PK\x05\x06" + end)


def deflated_repeats(block: bytes, times: int) -> bytes:
    """The raw deflate stream of `block` repeated `times` times, made in a moment: after a full
    flush the compressor starts afresh, so every block but the first compresses alike."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + again * (times - 2) + compressor.compress(block) + compressor.flush()


def zip_bomb(size: int, declared: int | None = None) -> bytes:
    """A .docx whose document.xml inflates to `size` bytes of empty paragraphs (declared as
    `declared`, when given, instead)."""
    head = document_xml("")[:-len("</w:body></w:document>")]
    block = b"<w:p/>" * (MB // 6)
    stream = deflated_repeats(block, size // len(block))
    members = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)]
    parts = [(name, zlib.compress(data)[2:-4], len(data), zlib.crc32(data)) for name, data in members]
    return raw_zip(parts + [("word/document.xml", stream, size if declared is None else declared, 0)]) + bytes(len(head))


def test_a_minimal_docx_is_read(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes())
    assert load(path).lines == ["一、总体情况"]


def test_a_zip_bomb_is_refused_before_inflating(tmp_path):
    data = zip_bomb(1000 * MB)  # 1 GB of XML
    assert len(data) < 3 * MB
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    tracemalloc.start()
    try:
        refused(path, "the .docx unpacked is too large (1000 MB; the limit is 300 MB); a zip bomb?", within=0.5)
        assert tracemalloc.get_traced_memory()[1] < len(data) + 8 * MB
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_under_the_totals_is_refused_by_its_ratio(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb(60 * MB))
    refused(path, "word/document.xml inflates", "a zip bomb?", within=0.5)


def test_a_zip_bomb_declaring_a_small_size_is_stopped_at_that_size(tmp_path):
    # zipfile would inflate all 1 GB before it cut the data to the declared size.
    path = tmp_path / "liar.docx"
    path.write_bytes(zip_bomb(1000 * MB, declared=2000))
    tracemalloc.start()
    try:
        refused(path, "word/document.xml: inflates past its declared size", within=0.5)
        assert tracemalloc.get_traced_memory()[1] < 8 * MB
    finally:
        tracemalloc.stop()


def test_a_docx_of_too_many_parts_is_refused_before_its_directory_is_read(tmp_path):
    from auditor.load import docx

    members = [(f"word/media/{i}.bin", zlib.compress(b"")[2:-4], 0, 0) for i in range(docx.MAX_PARTS + 1)]
    path = tmp_path / "many.docx"
    path.write_bytes(raw_zip(members))
    refused(path, f"too many parts ({docx.MAX_PARTS + 1:,}; the limit is {docx.MAX_PARTS:,})")


def test_a_table_of_too_many_cells_is_refused(tmp_path):
    # Two rows of a hundred cells each spanning a thousand columns: 200,000 grid cells.
    row = "<w:tr>" + '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc>' * 100 + "</w:tr>"
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(f"<w:tbl>{row * 2}</w:tbl>"))
    refused(path, "a table is too large to read (more than 100,000 cells)")


def test_deeply_nested_docx_xml_is_refused(tmp_path):
    nested = "<w:sdt><w:sdtContent>" * 100_000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 100_000
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(nested))
    refused(path, "not a valid .docx file (its XML is nested too deeply)")


@pytest.mark.parametrize("data, reason", [
    (bytes(range(256)) * 40, "not a valid .docx file (not a zip archive)"),
    (docx_bytes()[:-30], "not a valid .docx file"),  # truncated in the central directory
    (docx_bytes()[:200] + docx_bytes()[300:], "not a valid .docx file"),  # bytes missing in a member
    (docx_bytes(leave_out="word/document.xml"), "not a valid .docx file"),
    (docx_bytes(leave_out="[Content_Types].xml"), "not a valid .docx file"),
    (docx_bytes(document=b"<w:document><w:body><w:p></w:body>"), "not a valid .docx file (bad XML: "),
    (docx_bytes(document=b"\xff\xfe garbage"), "not a valid .docx file"),
    (docx_bytes(document=b""), "not a valid .docx file"),
    (raw_zip([("word/document.xml", b"\x00garbage", 100, 0)]), "not a valid .docx file (word/document.xml: damaged"),
])
def test_garbage_docx_is_refused(tmp_path, data, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    refused(path, reason)


def test_a_docx_with_damaged_styles_and_properties_is_read_without_them(tmp_path):
    # Content types that no longer name the styles and core properties: python-docx takes them
    # for parts of another kind.
    source = Path(__file__).resolve().parent.parent / "fixtures" / "docx" / "merged-cells.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"styles+xml", b"other+xml").replace(b"core-properties+xml", b"other+xml")
            dst.writestr(info.filename, data)
    path = tmp_path / "r.docx"
    path.write_bytes(out.getvalue())
    doc = load(path)
    assert doc.tables and doc.lines


def test_a_docx_without_a_body_is_refused(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(document=f"<w:document {_W}/>".encode()))
    refused(path, "the document has no body")


# ---- HTML and text --------------------------------------------------------------------------------


def test_deeply_nested_html_does_not_recurse_out(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 100_000 + "一、总体情况" + "</div>" * 100_000, encoding="utf-8")
    start = time.perf_counter()
    doc = load(path)
    assert time.perf_counter() - start < 10  # ~2 s: HTMLParser's own time for 200,000 tags is most of it
    assert [b.text for b in doc.text_blocks] == ["一、总体情况"]


@pytest.mark.parametrize("page", [
    "<!--" * 50_000,  # unclosed comments: HTMLParser looks for the end of each to the end of the page
    "<p>一、总体情况</p>" + "</" * 50_000,
    "<p>一、总体情况</p>" + "<!" * 50_000,
    "<p>一、总体情况</p>" + "<?" * 50_000,
    "<p>一、总体情况</p>" + "<![" * 50_000,  # HTMLParser raised AssertionError
    "<p>一、总体情况</p>" + "&#" * 50_000 + ";",  # HTMLParser copied the rest of the page for each
    "<p>一、总体情况</p><a href='" + "x" * 100_000,
    "<p>一、总体情况</p><script>" + "<" * 50_000,
])
def test_pathological_html_is_read_in_linear_time(tmp_path, page):
    path = tmp_path / "bad.html"
    path.write_text(page, encoding="utf-8")
    start = time.perf_counter()
    load(path)
    assert time.perf_counter() - start < 1


def test_text_after_a_tag_htmlparser_gives_up_on_is_read(tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<p>一、总体情况</p><p>&#;二、主动公开</p><p>三、依申请<!-- unclosed", encoding="utf-8")
    assert [b.text for b in load(path).text_blocks] == ["一、总体情况", "&#;二、主动公开", "三、依申请"]


def test_a_page_of_too_many_elements_is_refused(tmp_path, monkeypatch):
    from auditor.load import html

    monkeypatch.setattr(html, "MAX_NODES", 1000)
    path = tmp_path / "r.html"
    path.write_text("<p>一</p>" * 600, encoding="utf-8")
    refused(path, "more than 1,000 elements and pieces of text")


def test_a_span_bomb_table_is_refused(tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<table><tr><td rowspan=65534 colspan=1000>x<td>y" + "<tr><td>1" * 200 + "</table>", encoding="utf-8")
    refused(path, "a table is too large to read (more than 100,000 cells)")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_binary_garbage_as_text_is_refused(tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    path.write_bytes(bytes(range(256)) * 64)
    refused(path, "not a text file")


@pytest.mark.parametrize("cut", [1, 2])
def test_a_utf8_file_cut_in_a_character_is_read(tmp_path, cut):
    path = tmp_path / "r.txt"
    path.write_bytes("一、总体情况\n本年度共公开政府信息".encode()[:-cut])
    doc = load(path)
    assert doc.encoding == "utf-8" and doc.lines == ["一、总体情况", "本年度共公开政府信"]


def test_a_bug_in_the_pdf_loader_is_not_taken_for_a_damaged_file(tmp_path, monkeypatch):
    from auditor.load import pdf

    def broken(*args):
        raise TypeError("a bug of ours")

    monkeypatch.setattr(pdf, "read_page", broken)
    path = tmp_path / "r.pdf"
    path.write_bytes(minimal_pdf())
    with pytest.raises(TypeError, match="a bug of ours"):
        load(path)
