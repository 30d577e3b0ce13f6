"""`auditor serve`, the page for people without a terminal: the upload page, the reviewer page it
gives back (the HTML of `auditor check --format html`), the one-line answers for files it cannot
read, nothing left behind, 127.0.0.1 only; and, in headless Chromium (tests/browser.py), a user
choosing a report on the real server and reading the findings."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from html import unescape
from pathlib import Path

import browser
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from auditor import audit
from auditor.cli import app as cli_app
from auditor.library import load_library
from auditor.render import render
from auditor.web import HOST, listen
from auditor.web import app as web_app
from auditor.web import audit as web_audit
from auditor.web.app import create_app, safe_name

ROOT = Path(__file__).parent.parent
SEED = ROOT / "fixtures" / "seed-xishan-2018.txt"  # 4 errors, 1 warning
N101 = ROOT / "fixtures" / "rules" / "N101" / "fail.md"  # 1 error
ERROR_LINES = re.compile(r'<p class="error">(.*?)</p>')


@pytest.fixture
def temp(tmp_path, monkeypatch) -> Path:
    """The system's temporary folder, for this test alone: what the server leaves there is seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def client(temp) -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def upload(*paths: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("file", (path.name, path.read_bytes())) for path in paths]


def error_lines(page: str) -> list[str]:
    return [unescape(line) for line in ERROR_LINES.findall(page)]


def cli_page(folder: Path, *names: str, lang: str = "zh") -> str:
    """What `auditor check NAME… --format html` writes in `folder`."""
    result = subprocess.run([sys.executable, "-m", "auditor", "check", *names, "--format", "html", "--lang", lang],
                            cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    return result.stdout


# ---- the upload page ----------------------------------------------------------------------------


def test_the_page_has_a_file_input_and_a_drop_zone(client):
    answer = client.get("/")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    page = answer.text
    tag = re.search(r"<input [^>]*>", page).group()
    assert 'type="file"' in tag and 'name="file"' in tag and " multiple" in tag
    accepted = re.search(r'accept="([^"]*)"', tag).group(1).split(",")
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= set(accepted)
    assert 'id="drop"' in page and 'action="/check?lang=zh"' in page and 'enctype="multipart/form-data"' in page
    assert '<html lang="zh-CN">' in page and "把报告文件拖到这里" in page


def test_the_page_in_english(client):
    page = client.get("/?lang=en").text
    assert '<html lang="en">' in page and "Drop report files here" in page and 'action="/check?lang=en"' in page
    assert "把报告文件拖到这里" not in page


def test_the_page_loads_nothing_from_elsewhere(client):
    page = client.get("/").text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:[a-z]+:|//)""", page)


def test_only_requests_addressed_to_this_machine_are_answered(client):
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    refused = client.post("/check", headers={"host": "rebound.example"}, files=upload(SEED))
    assert refused.status_code == 400 and "finding" not in refused.text


# ---- checking an upload -------------------------------------------------------------------------


def test_one_report_gives_the_page_check_gives(client, tmp_path):
    answer = client.post("/check", files=upload(SEED))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "no-store" and "content-disposition" not in answer.headers
    shutil.copy(SEED, tmp_path)
    assert answer.text == cli_page(tmp_path, SEED.name)
    report = audit(SEED)
    assert {f.rule.id for f in report.findings} == {"N101", "P106", "P110", "T101", "T201", "T202", "T203"}
    for finding in report.findings:
        assert f">{finding.rule.id}<" in answer.text


def test_two_reports_give_one_page_with_both(client, tmp_path):
    answer = client.post("/check?lang=en", files=upload(SEED, N101))
    assert answer.status_code == 200
    for path in (SEED, N101):
        shutil.copy(path, tmp_path)
    assert answer.text == cli_page(tmp_path, SEED.name, N101.name, lang="en")
    assert 'id="summary"' in answer.text and 'id="r1"' in answer.text and 'id="r2"' in answer.text
    assert f"<h2>{SEED.name}</h2>" in answer.text and f"<h2>{N101.name}</h2>" in answer.text


def test_the_rendering_is_the_library_s(client, monkeypatch):
    """The served page is render('html', …) of the reports, named as uploaded."""
    monkeypatch.chdir(SEED.parent)
    expected = render("html", [audit(SEED.name)], load_library(), "zh")
    assert client.post("/check", files=upload(SEED)).text == expected


def test_download_asks_the_browser_to_save_it(client):
    answer = client.post("/check", files=upload(SEED), data={"download": "1"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="auditor-report.html"'
    assert 'id="r1"' in answer.text


def test_nothing_is_left_after_the_answer(client, temp, monkeypatch):
    seen: list[tuple[Path, list[str]]] = []
    real = web_audit.in_worker

    def watch(folder: str, *args):
        seen.append((Path(folder), sorted(os.listdir(folder))))
        return real(folder, *args)

    monkeypatch.setattr(web_audit, "in_worker", watch)
    assert client.post("/check", files=upload(SEED, N101)).status_code == 200
    folder, names = seen[0]
    assert names == sorted([SEED.name, N101.name]) and temp in folder.parents
    assert not folder.exists() and list(temp.iterdir()) == []


def test_the_reports_folder_is_private(client, monkeypatch):
    modes = []
    real = web_audit.in_worker

    def watch(folder: str, *args):
        modes.append(os.stat(Path(folder).parent).st_mode & 0o777)
        return real(folder, *args)

    monkeypatch.setattr(web_audit, "in_worker", watch)
    client.post("/check", files=upload(SEED))
    assert modes == [0o700] or os.name == "nt"


# ---- what cannot be checked ---------------------------------------------------------------------


def test_a_file_it_cannot_read_is_one_line_naming_it(client, temp):
    answer = client.post("/check", files=[("file", ("报告.docx", b"PK\x03\x04 not really a document"))])
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("text/html")
    assert error_lines(answer.text) == ["报告.docx：不是有效的 .docx 文件（不是 zip 压缩包）"]
    assert "Traceback" not in answer.text and list(temp.iterdir()) == []


def test_a_broken_file_among_good_ones_is_named(client, temp):
    files = [*upload(SEED), ("file", ("broken.pdf", b"%PDF-1.4 not really"))]
    answer = client.post("/check?lang=en", files=files)
    assert answer.status_code == 422
    (line,) = error_lines(answer.text)
    assert line.startswith("broken.pdf: ") and "\n" not in line
    assert "Traceback" not in answer.text and list(temp.iterdir()) == []


def test_no_file_is_a_bad_request(client):
    answer = client.post("/check", data={"download": "1"})
    assert answer.status_code == 400
    assert error_lines(answer.text) == ["没有收到文件：请选择至少一个报告文件"]


def test_an_upload_is_bounded(client, temp, monkeypatch):
    monkeypatch.setattr(web_app, "MAX_UPLOAD", 50_000)
    answer = client.post("/check?lang=en", files=[("file", ("big.txt", b"x" * 60_000))])
    assert answer.status_code == 413
    assert error_lines(answer.text) == ["the upload is too large (the limit is 0 MB): audit the files in "
                                        + "smaller batches"]
    assert list(temp.iterdir()) == []


def test_a_file_over_the_limit_is_named(client, temp, monkeypatch):
    monkeypatch.setattr(web_app, "MAX_FILE", 1000)
    answer = client.post("/check", files=[*upload(SEED), ("file", ("big.txt", b"x" * 2000))])
    assert answer.status_code == 422
    (line,) = error_lines(answer.text)
    assert line.startswith("seed-xishan-2018.txt：文件过大")  # the seed is 9 kB
    assert list(temp.iterdir()) == []


def test_a_bug_is_an_internal_error(client, temp, monkeypatch, tmp_path):
    """A bug (here: in the HTML renderer, the check run in this process to plant it) is a 500 with
    the internal-error line, and still leaves nothing behind."""
    from auditor.render import html_report

    def broken(*args):
        raise RuntimeError("planted")

    monkeypatch.chdir(tmp_path)  # audit_uploads changes the working folder: restored after
    monkeypatch.setattr(web_audit, "in_worker", web_audit.audit_uploads)
    monkeypatch.setattr(html_report, "render_html", broken)
    answer = client.post("/check?lang=en", files=upload(SEED))
    assert answer.status_code == 500
    (line,) = error_lines(answer.text)
    assert line.startswith("internal error: RuntimeError: planted; please report it")
    assert "Traceback" not in answer.text and list(temp.iterdir()) == []


def test_a_bug_in_the_server_is_an_internal_error_too(client, temp, monkeypatch):
    def broken(*args):
        raise OSError("planted")

    monkeypatch.setattr(web_app, "save", broken)
    answer = client.post("/check", files=upload(SEED))
    assert answer.status_code == 500
    (line,) = error_lines(answer.text)
    assert line.startswith("内部错误：OSError: planted；这是 auditor 的缺陷，请报告")
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("given, taken, name", [
    ("报告.pdf", set(), "报告.pdf"),
    ("../../etc/passwd", set(), "passwd"),
    ("C:\\Users\\me\\年报.docx", set(), "年报.docx"),
    ("a:b?.txt", set(), "a_b_.txt"),
    ("con.txt", set(), "_con.txt"),
    ("", set(), "report"),
    ("年报.pdf", {"年报.pdf"}, "年报 (2).pdf"),
    ("年报.PDF", {"年报.pdf", "年报 (2).pdf"}, "年报 (3).PDF"),
])
def test_upload_names_are_safe_and_distinct(given, taken, name):
    assert safe_name(given, taken) == name


# ---- the command --------------------------------------------------------------------------------


def test_it_listens_on_this_machine_only():
    with listen(0) as sock:
        host, port = sock.getsockname()[:2]
        assert (host, HOST) == ("127.0.0.1", "127.0.0.1") and port > 0


def test_a_port_in_use_is_one_line():
    with listen(0) as sock:
        port = sock.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--no-browser", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert result.output.startswith(f"auditor：错误：无法使用端口 {port}：端口已被占用")


def test_without_the_web_extra_it_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed: importing it fails
    monkeypatch.delitem(sys.modules, "auditor.web.app", raising=False)
    result = CliRunner().invoke(cli_app, ["serve", "--no-browser", "--lang", "en"])
    assert result.exit_code == 2
    assert result.output == ('auditor: error: auditor serve needs the web extra: run pip install '
                             '"report-auditor[web]" (from the source folder: pip install ".[web]")\n')


def test_check_does_not_import_the_web_stack():
    code = ("import sys; from auditor.cli import main; sys.argv = ['auditor', 'check', sys.argv[1]]\n"
            "try: main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'python_multipart')"
            " or m.startswith('auditor.web')))")
    result = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.stdout.strip().splitlines()[-1] == "[]"


class Server:
    """`auditor serve` as a user starts it, in a process of its own; stopped with Ctrl+C."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "auditor", "serve", *args], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
        line = self.process.stdout.readline()
        found = re.search(r"http://\S+", line)
        if not found:
            self.process.kill()
            pytest.fail(f"no address from auditor serve: {line!r} {self.process.stderr.read()}")
        self.url = found.group()

    def stop(self) -> str:
        """Interrupt it as Ctrl+C does; what it said on stderr."""
        self.process.send_signal(signal.SIGINT)
        try:
            _, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        assert self.process.returncode == 0, err
        return err


def outside_address() -> str | None:
    """An address of this machine that is not a loopback one, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@pytest.mark.skipif(os.name == "nt", reason="stopped with SIGINT")
def test_serve_answers_on_127_0_0_1_only_and_opens_the_browser(tmp_path):
    opened = tmp_path / "opened"
    fake = tmp_path / "fake-browser"  # webbrowser runs $BROWSER with the address
    fake.write_text(f'#!/bin/sh\necho "$1" > "{opened}"\n')
    fake.chmod(0o755)
    server = Server(env={"BROWSER": str(fake)})
    try:
        assert server.url.startswith("http://127.0.0.1:")
        port = int(server.url.rsplit(":", 1)[1].rstrip("/"))
        with socket.create_connection(("127.0.0.1", port), timeout=10):
            pass
        address = outside_address()
        if address:
            with pytest.raises(OSError):
                socket.create_connection((address, port), timeout=5).close()
        for _ in range(100):
            if opened.exists() and opened.read_text().strip():
                break
            time.sleep(0.1)
        assert opened.read_text().strip() == server.url
    finally:
        err = server.stop()
    assert "Traceback" not in err


# ---- in the browser -----------------------------------------------------------------------------


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


@pytest.fixture(scope="module")
def server():
    if os.name == "nt":
        pytest.skip("the browser is driven over a POSIX pipe")
    running = Server("--no-browser")
    yield running
    assert "Traceback" not in running.stop()


def test_browser_choose_a_report_and_read_its_findings(chromium, server):
    with browser.DevTools() as tab:
        tab.open(server.url)
        assert tab.evaluate("document.querySelector('input[type=file]').name") == "file"
        tab.set_files("#file", [SEED])
        assert tab.evaluate("document.getElementById('chosen').textContent") == f"已选择：{SEED.name}"
        tab.submit("document.getElementById('check').click()")
        assert tab.evaluate("location.pathname") == "/check"
        heading = tab.evaluate("document.querySelector('#r1 h2').textContent")
        shown = tab.evaluate("Array.from(document.querySelectorAll('.finding'), f => f.textContent).join('\\n')")
    assert heading == SEED.name
    for finding in audit(SEED).findings:
        assert finding.rule.id in shown


def test_browser_dropped_files_are_chosen(chromium, server):
    """A drop on the zone puts the files in the file input, as choosing them does."""
    drop = ("const files = new DataTransfer(); files.items.add(new File(['x'], 'a.txt'));"
            "files.items.add(new File(['y'], 'b.pdf'));"
            "document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: files,"
            " bubbles: true, cancelable: true}));"
            "Array.from(document.getElementById('file').files, f => f.name).join(',')")
    with browser.DevTools() as tab:
        tab.open(server.url + "?lang=en")
        assert tab.evaluate(drop) == "a.txt,b.pdf"
        assert tab.evaluate("document.getElementById('chosen').textContent") == "Chosen: a.txt, b.pdf"
