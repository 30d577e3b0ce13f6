"""The HTML report: links between findings and places, marked cells and figures, escaping, words,
no external resources, and (in headless Chromium, see tests/browser.py) the page as a browser
renders it: the marks are in the parsed DOM and their colours in a screenshot.

Chromium is required: without it the browser tests fail (CI installs it in .ci/run)."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import browser
import pytest
from corpus import REAL

from auditor import audit
from auditor.library import load_library
from auditor.model.report import Report
from auditor.render.html_report import BACKGROUND, render_html

ROOT = Path(__file__).parent.parent
SEED = "fixtures/seed-xishan-2018.txt"
PINGTAN = REAL / "pingtan-2020.html"
N101 = "fixtures/rules/N101/fail.md"
RUN_TOGETHER = "fixtures/rules/X104/fail.md"  # places given by line and column, in a paragraph
CLEAN = "fixtures/html/layout-table.html"  # no findings
# A URL with a scheme or a network path in an attribute that loads or links, or in CSS url().
EXTERNAL = re.compile(r"""(?:\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*|url\(\s*["']?\s*)"""
                      r"""(?:[a-z][a-z0-9+.-]*:|//)""", re.IGNORECASE)


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture(scope="module")
def audited(library):
    """Audit a path once per module (relative paths from the project root)."""
    cache: dict[str, Report] = {}

    def get(path: str | Path) -> Report:
        key = str(path)
        if key not in cache:
            cwd = Path.cwd()
            os.chdir(ROOT)
            try:
                cache[key] = audit(path, library)
            finally:
                os.chdir(cwd)
        return cache[key]

    return get


def pingtan_path() -> Path:
    return PINGTAN


# ---- a small DOM, from html.parser (also used on Chromium's --dump-dom output) ------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None") -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        node = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data):
        self.at.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def by_id(root: Node) -> dict[str, Node]:
    ids: dict[str, Node] = {}
    for node in root.walk():
        if "id" in node.attrs:
            assert node.attrs["id"] not in ids, f"duplicate id {node.attrs['id']}"
            ids[node.attrs["id"]] = node
    return ids


def expected_cells(report: Report, number: int = 1) -> dict[str, tuple[str, set[str]]]:
    """The cell id of every table place → (worst severity, rule ids), worked out from the findings."""
    order = {"info": 1, "warning": 2, "error": 3}
    cells: dict[str, tuple[str, set[str]]] = {}
    for finding in report.findings:
        for place in finding.places:
            loc = place.location
            if loc.table is None:
                continue
            key = f"r{number}-t{loc.table}-r{loc.row}-c{loc.col}"
            severity, rules = cells.get(key, ("info", set()))
            cells[key] = (max(severity, finding.severity, key=order.__getitem__), rules | {finding.rule.id})
    return cells


def check_links(root: Node, report: Report, number: int = 1) -> None:
    """Every finding links to each of its places; each place is a back link to the finding, standing
    in a marked cell or figure."""
    ids = by_id(root)
    for n, finding in enumerate(report.findings, 1):
        fid = f"f{number}-{n}"
        item = ids[fid]
        hrefs = {a.attrs.get("href") for a in item.walk() if a.tag == "a"}
        for k in range(1, len(finding.places) + 1):
            pid = f"{fid}-p{k}"
            assert f"#{pid}" in hrefs, f"{fid} does not link to its place {k}"
            back = ids.get(pid)
            assert back is not None, f"no element {pid}"
            assert back.tag == "a" and back.attrs.get("href") == f"#{fid}", f"{pid} does not link back to {fid}"
            holder = next(a for a in back.ancestors() if a.tag in ("td", "mark"))
            assert holder.classes & {"cell-error", "cell-warning", "cell-info", "fig-error", "fig-warning", "fig-info"}
            assert finding.rule.id in holder.attrs.get("title", "")


# ---- the HTML string ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SEED, N101, RUN_TOGETHER, "fixtures/rules/S101/fail.md",
                                  "fixtures/rules/P111/fail.md"])
def test_findings_and_places_link_both_ways(audited, library, path):
    report = audited(path)
    assert report.findings
    check_links(parse(render_html([report], library)), report)


def test_links_in_a_real_report_with_merged_cells(audited, library):
    report = audited(pingtan_path())
    html = render_html([report], library)
    root = parse(html)
    check_links(root, report)
    assert 'rowspan="' in html and 'colspan="' in html  # merged header cells shown merged
    ids = by_id(root)
    for cell_id, (severity, rules) in expected_cells(report).items():
        assert f"cell-{severity}" in ids[cell_id].classes
        assert set(ids[cell_id].attrs["title"].split()) == rules


def test_cross_year_places_link_to_the_year_before(library):
    """A cross-year finding's place in the year before is marked in that report's section."""
    from auditor.run import Options, check_files

    folder = Path("fixtures/rules/Y101")
    run = check_files([folder / "fail.previous.md", folder / "fail.md"], Options())
    before, now = run.reports
    assert not before.findings and now.findings
    root = parse(render_html(run.reports, library))
    check_links(root, now, number=2)
    ids = by_id(root)
    for n, finding in enumerate(now.findings, 1):
        for k, place in enumerate(finding.places, 1):
            holder = next(a for a in ids[f"f2-{n}-p{k}"].ancestors() if a.tag == "td")
            loc = place.location
            section = "r1" if place.path else "r2"
            assert holder.attrs["id"] == f"{section}-t{loc.table}-r{loc.row}-c{loc.col}"
    assert any(place.path for f in now.findings for place in f.places)
    # Alone, the report before is not on the page: its places are listed, not linked.
    alone = render_html([now], library)
    assert "（未能在下文定位）" in alone
    ids = by_id(parse(alone))
    for n, finding in enumerate(now.findings, 1):
        for k, place in enumerate(finding.places, 1):
            assert (f"f1-{n}-p{k}" in ids) == (place.path is None)
            assert (f'href="#f1-{n}-p{k}"' in alone) == (place.path is None)


def test_marked_cells_carry_rule_ids(audited, library):
    report = audited(SEED)
    root = parse(render_html([report], library))
    ids = by_id(root)
    expected = expected_cells(report)
    assert expected["r1-t1-r3-c3"] == ("error", {"N101", "P106"})
    assert expected["r1-t1-r4-c3"] == ("warning", {"P110"})
    for cell_id, (severity, rules) in expected.items():
        cell = ids[cell_id]
        assert cell.tag == "td" and f"cell-{severity}" in cell.classes
        assert set(cell.attrs["title"].split()) == rules
    marks = {"cell-error", "cell-warning", "cell-info"}
    marked = {n.attrs["id"] for n in root.walk() if n.tag == "td" and n.classes & marks}
    assert marked == set(expected)
    mark = next(n for n in root.walk() if n.tag == "mark" and "fig-error" in n.classes)
    assert mark.text().startswith("135条") and mark.attrs["title"] == "N101"


def test_narrative_blocks_shown_and_the_rest_folded(audited, library):
    report = audited(SEED)
    root = parse(render_html([report], library))
    details = [n for n in root.walk() if n.tag == "details"]
    assert len(details) == 1
    folded = [n for n in details[0].walk() if n.tag == "p" and "block" in n.classes]
    assert folded and not any(m.classes for b in folded for m in b.walk() if m.tag == "mark")
    shown = [n for n in root.walk() if n.tag == "p" and "block" in n.classes and n not in folded]
    # the paragraphs of the findings: 135条, and the text rules' 《…“…》, 企业企业 and ”, 》》
    assert len(shown) == 4 and "135条" in shown[0].text()
    marked = [m.text() for b in shown[1:] for m in b.walk() if m.tag == "mark" and m.classes]
    assert [text.rstrip("0123456789") for text in marked] == ["“", "”", "企业企业", "》"]  # each with its back link


@pytest.mark.parametrize("paths", [[SEED], [SEED, N101, CLEAN, RUN_TOGETHER]])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_self_contained(audited, library, paths, lang):
    html = render_html([audited(p) for p in paths], library, lang)
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    for tag in ("<link", "<img", "<iframe", "<object", "<embed", "@import", "@font-face", "<script src"):
        assert tag not in html.lower()
    assert html.count("<script>") == 1  # the one line that opens <details> for printing
    by_id(parse(html))  # ids are unique


def test_external_url_pattern():
    for bad in ('<img src="https://x/y.png">', "<a href='//cdn/x'>", "background: url(http://x)",
                '<link href="file:///etc/passwd">', "url( 'https://x')"):
        assert EXTERNAL.search(bad), bad
    for good in ('<a href="#f1-2">', "全文见 http://www.example.gov.cn 。", 'title="url"'):
        assert not EXTERNAL.search(good), good


def test_words_zh_and_en(audited, library):
    report = audited(SEED)
    zh = render_html([report], library)
    en = render_html([report], library, "en")
    assert '<html lang="zh-CN">' in zh and '<html lang="en">' in en
    for word in ("政府信息公开工作年度报告审核结果", "错误", "警告", "应为", "实际", "统计表",
                 "正文中的数字", "统计表“(一)主动公开政府信息数”行「28」"):
        assert word in zh, word
    for word in ("Audit of the annual reports", ">error<", ">warning<", "expected", "actual", "Statistics tables",
                 "Figures in the text", 'the statistics table, row “(一)主动公开政府信息数”: &quot;28&quot;'):
        assert word in en, word
    assert "统计表</h3>" not in en and "应为" not in en


def test_report_text_is_escaped(tmp_path, library):
    source = (ROOT / N101).read_text(encoding="utf-8")
    source = source.replace("# 某某区人民政府", "# 某某区<b>人民政府</b>")
    source = source.replace("全年全区共主动公开政府信息1180条",
                            "全年全区<script>alert('x')</script>共主动公开政府信息1180条")
    assert "<script>" in source
    path = tmp_path / "a&b<i>.md"
    path.write_text(source, encoding="utf-8")
    report = audit(path, library)
    html = render_html([report, report], library)
    assert html.count("<script>") == 1 and "alert(" not in html.split("</script>", 1)[0]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;人民政府&lt;/b&gt;" in html and "<b>人民政府" not in html
    assert "a&amp;b&lt;i&gt;.md" in html and "<i>.md" not in html
    root = parse(html)
    assert not any(n.tag in ("i",) for n in root.walk())
    mark = next(n for n in root.walk() if n.tag == "mark" and "fig-error" in n.classes)
    block = next(a for a in mark.ancestors() if a.tag == "p")
    assert "<script>alert('x')</script>" in block.text()  # shown as text


def test_batch_summary_worst_first(audited, library):
    reports = [audited(CLEAN), audited(N101), audited(SEED)]
    root = parse(render_html(reports, library))
    summary = by_id(root)["summary"]
    rows = [n for n in summary.walk() if n.tag == "tr" and n.parent and n.parent.tag == "tbody"]
    assert [r.attrs["id"] for r in rows] == ["s3", "s2", "s1"]  # seed (4 errors), N101 (1), clean
    links = [next(a for a in r.walk() if a.tag == "a").attrs["href"] for r in rows]
    assert links == ["#r3", "#r2", "#r1"]
    cells = [c.text() for c in rows[0].walk() if c.tag == "td"]
    assert cells[0] == SEED and cells[1] == "西山区政务服务管理局2018年度政府信息公开年度报告"
    assert cells[2:] == ["2018", "政府信息公开情况统计表（2019年以前格式）", "4", "5", "0", "0"]
    ids = by_id(root)
    assert {"r1", "r2", "r3"} <= set(ids)
    second = [c.text() for c in rows[1].walk() if c.tag == "td"]
    assert second[1] == "某某区人民政府2018年政府信息公开工作年度报告"


def test_single_report_has_no_summary(audited, library):
    html = render_html([audited(SEED)], library)
    assert 'id="summary"' not in html and 'id="r1"' in html


def test_clean_report(audited, library):
    html = render_html([audited(CLEAN)], library)
    assert "未发现问题" in html
    root = parse(html)
    assert not any(n.classes & {"cell-error", "cell-warning", "cell-info"} for n in root.walk())
    assert not any(n.tag == "mark" and n.classes for n in root.walk())
    assert any(n.tag == "table" and "stats" in n.classes for n in root.walk())


# ---- in the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    """The browser; without one these tests are skipped, with the reason in the summary, except
    where AUDITOR_REQUIRE_BROWSER is set (.ci/run sets it: CI always runs them)."""
    try:
        return browser.chromium()
    except browser.BrowserMissing as missing:
        if os.environ.get("AUDITOR_REQUIRE_BROWSER"):
            pytest.fail(str(missing))
        pytest.skip(f"{browser.SKIPPED}: {missing}")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _render(tmp_path: Path, name: str, reports: list[Report], library, lang: str = "zh") -> Path:
    page = tmp_path / name
    page.write_text(render_html(reports, library, lang), encoding="utf-8")
    return page


def _browser_checks(chromium, tmp_path, library, report: Report) -> None:
    page = _render(tmp_path, "report.html", [report], library)
    dom = parse(browser.dump_dom(page))
    ids = by_id(dom)
    assert "r1" in ids, "the browser did not parse the page"
    for cell_id, (severity, rules) in expected_cells(report).items():
        assert ids[cell_id].tag == "td" and f"cell-{severity}" in ids[cell_id].classes
    check_links(dom, report)

    image = browser.screenshot(page, tmp_path / "report.png")
    assert (image.width, image.height) == (1200, 3000)
    severities = {f.severity for f in report.findings}
    for severity in severities:
        seen = image.count(_rgb(BACKGROUND[severity]))
        assert seen > 800, f"{severity} marks: {seen} pixels of {BACKGROUND[severity]} in the screenshot"


def test_browser_seed(chromium, tmp_path, audited, library):
    report = audited(SEED)
    assert {f.severity for f in report.findings} == {"error", "warning"}
    _browser_checks(chromium, tmp_path, library, report)


def test_browser_pingtan(chromium, tmp_path, audited, library):
    _browser_checks(chromium, tmp_path, library, audited(pingtan_path()))


def test_browser_clean_page_has_no_mark_colours(chromium, tmp_path, audited, library):
    page = _render(tmp_path, "clean.html", [audited(CLEAN)], library)
    image = browser.screenshot(page, tmp_path / "clean.png", height=1500)
    for colour in BACKGROUND.values():
        assert image.count(_rgb(colour)) == 0, colour
    assert image.count((255, 255, 255)) > image.width * image.height // 2


def test_browser_batch_shows_summary(chromium, tmp_path, audited, library):
    page = _render(tmp_path, "batch.html", [audited(N101), audited(SEED)], library, "en")
    dom = parse(browser.dump_dom(page))
    summary = by_id(dom)["summary"]
    headers = [n.text() for n in summary.walk() if n.tag == "th"]
    assert headers == ["file", "title", "year", "template", "error", "warning", "info", "not assessable"]
    rows = [n for n in summary.walk() if n.tag == "tr" and n.parent and n.parent.tag == "tbody"]
    assert [next(a for a in r.walk() if a.tag == "a").attrs["href"] for r in rows] == ["#r2", "#r1"]
    assert [next(a for a in r.walk() if a.tag == "a").text() for r in rows] == [SEED, N101]
    # The summary is on screen: its header row's background is in the top of a screenshot.
    image = browser.screenshot(page, tmp_path / "batch.png", height=600)
    assert image.count((0xF1, 0xF3, 0xF4)) > 2000


def test_chromium_version_reported(chromium):
    assert "Chromium" in browser.version() or "Chrome" in browser.version()


def test_png_decoder_filters():
    """The decoder on a PNG using every filter type, built here with zlib."""
    import struct
    import zlib

    width, height, bpp = 3, 5, 3
    pixels = [bytes((x * 40 + y * 7) % 256 for x in range(width * bpp)) for y in range(height)]
    raw, prior = b"", bytes(width * bpp)
    for kind, row in enumerate(pixels):
        filtered = bytearray()
        for i, value in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            p = a + b - c
            paeth = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
            predictor = [0, a, b, (a + b) // 2, paeth][kind]
            filtered.append((value - predictor) & 255)
        raw += bytes([kind]) + bytes(filtered)
        prior = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    image = browser.decode_png(png)
    assert (image.width, image.height, image.channels) == (width, height, 3)
    assert image.rows == pixels
    assert image.count(tuple(pixels[0][0:3])) == 1


def test_browser_helper_says_how_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("CHROMIUM", raising=False)
    with pytest.raises(browser.BrowserMissing, match="apt-get install -y chromium"):
        browser.chromium()


# ---- a reviewer's decisions ----------------------------------------------------------------------


@pytest.mark.parametrize("lang, words", [("zh", ("确认", "非问题", "备注", "导出审核决定", "问题 1 的审核决定")),
                                         ("en", ("confirmed", "not a problem", "note", "Export decisions",
                                                 "review decision on finding 1"))])
def test_each_finding_has_labelled_decision_controls(audited, library, lang, words):
    report = audited(SEED)
    root = parse(render_html([report], library, lang))
    ids = by_id(root)
    for word in words:
        assert word in " ".join(n.text() for n in root.walk() if n.tag in ("button", "label", "p")) + " ".join(
            n.attrs.get("aria-label", "") for n in root.walk()), word
    assert ids["export"].tag == "button" and ids["decided"].attrs.get("role") == "status"
    for n, finding in enumerate(report.findings, 1):
        item = ids[f"f1-{n}"]
        assert item.attrs["data-fp"] == finding.fingerprint and item.attrs["data-path"] == report.path
        [group] = [g for g in item.walk() if g.attrs.get("role") == "group"]
        buttons = [b for b in group.walk() if b.tag == "button"]
        assert [b.attrs["value"] for b in buttons] == ["confirmed", "dismissed"]
        assert all(b.attrs["type"] == "button" and b.attrs["aria-pressed"] == "false" and b.text() for b in buttons)
        [label] = [x for x in group.walk() if x.tag == "label"]
        assert ids[label.attrs["for"]].tag == "textarea"
    if lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", ids["review"].text() + ids["f1-1"].attrs.get("aria-label", ""))


def test_a_page_without_findings_has_no_decisions_bar(audited, library):
    assert 'id="review"' not in render_html([audited(CLEAN)], library)


def _press(tab, key: str, code: int) -> None:
    """A key pressed and released on the focused element, as a keyboard does."""
    text = {"Enter": "\r", " ": " "}.get(key, "")
    for kind in ("keyDown", "keyUp"):
        tab.send("Input.dispatchKeyEvent", session=True, type=kind, key=key, windowsVirtualKeyCode=code,
                 **({"text": text} if kind == "keyDown" and text else {}))


def test_browser_reviewer_dismisses_a_finding_and_check_reads_the_export(chromium, tmp_path):
    """By keyboard alone: 非问题 on the one finding, a note typed, the decisions exported (a Blob
    download from a file:// page); `auditor check --decisions` on the downloaded file then lists
    the finding as dismissed, with the note, and exits 0 instead of 1."""
    from typer.testing import CliRunner

    from auditor.cli import app

    page, downloads = tmp_path / "page.html", tmp_path / "downloads"
    downloads.mkdir()
    first = CliRunner().invoke(app, ["check", N101, "--format", "html", "--output", str(page)])
    assert first.exit_code == 1, first.output
    with browser.DevTools() as tab:
        tab.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads), eventsEnabled=True)
        tab.open(page.as_uri())
        pressed = 'document.querySelector("#f1-1 button[value=dismissed]").getAttribute("aria-pressed")'
        assert tab.evaluate(pressed) == "false"
        tab.evaluate('document.querySelector("#f1-1 button[value=dismissed]").focus()')
        _press(tab, "Enter", 13)
        assert tab.evaluate(pressed) == "true"
        tab.evaluate('document.querySelector("#f1-1 textarea").focus()')
        tab.send("Input.insertText", session=True, text="口径不同，已与编制人员核实")
        assert "非问题 1" in tab.evaluate('document.getElementById("decided").textContent')
        tab.open(page.as_uri())  # kept in the browser for this run
        assert tab.evaluate(pressed) == "true"
        assert tab.evaluate('document.querySelector("#f1-1 textarea").value') == "口径不同，已与编制人员核实"
        tab.evaluate('document.getElementById("export").focus()')
        _press(tab, " ", 32)
        while tab.wait_for("Browser.downloadProgress")["params"]["state"] != "completed":
            pass
    [exported] = downloads.iterdir()
    assert exported.name == "审核决定.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    [decision] = data["decisions"]
    assert (decision["rule"], decision["decision"], decision["note"]) == ("N101", "dismissed", "口径不同，已与编制人员核实")
    again = CliRunner().invoke(app, ["check", N101, "--decisions", str(exported)])
    assert again.exit_code == 0, again.output
    assert "审核确认非问题（不计入）" in again.output and "审核备注：口径不同，已与编制人员核实" in again.output
    assert "1 份报告：0 个错误" in again.output
    dismissed = CliRunner().invoke(app, ["check", N101, "--decisions", str(exported), "--format", "json"])
    assert json.loads(dismissed.output)["reports"][0]["dismissed"][0]["note"] == "口径不同，已与编制人员核实"


def test_a_page_made_with_decisions_shows_them_pressed(library):
    from auditor.policy.decisions import Decision, apply_decisions

    report = audit(SEED, library)
    n101, p110 = (next(f for f in report.findings if f.rule.id == rule) for rule in ("N101", "P110"))
    apply_decisions((Decision(SEED, "N101", n101.fingerprint, "dismissed", "口径<不同>"),
                     Decision(SEED, "P110", p110.fingerprint, "confirmed", "请修改")), [report])
    root = parse(render_html([report], library))
    ids = by_id(root)  # unique ids, the dismissed finding's too
    dismissed = next(n for n in root.walk() if n.tag == "ol" and "dismissed" in n.classes)
    [item] = [n for n in dismissed.walk() if n.tag == "li" and "finding" in n.classes]
    assert item.attrs["data-fp"] == n101.fingerprint and item.attrs["data-decision"] == "dismissed"
    assert {b.attrs["value"]: b.attrs["aria-pressed"] for b in item.walk() if b.tag == "button"} == {
        "confirmed": "false", "dismissed": "true"}
    assert next(n for n in item.walk() if n.tag == "textarea").text() == "口径<不同>"
    assert not any(n.tag == "a" for n in item.walk())  # its places are not marked below
    assert ids[f"f1-{report.findings.index(p110) + 1}"].attrs["data-decision"] == "confirmed"
    check_links(root, report)
