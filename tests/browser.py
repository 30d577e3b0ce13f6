"""Headless Chromium for the HTML report tests: dump the parsed DOM of a page, take a screenshot,
and read the PNG with the standard library (zlib and the five PNG row filters); and, for the
page of `auditor serve`, drive a page as a user would (DevTools, below).

The browser runs on a `file://` URL with a fresh profile and its background networking off; the
page itself loads nothing. Set CHROMIUM to use another binary."""

from __future__ import annotations

import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 60  # seconds per browser run
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--force-color-profile=srgb", "--mute-audio"]


SKIPPED = "no browser"  # how a skip for a missing browser opens: the summary counts them


class BrowserMissing(RuntimeError):
    pass


def chromium() -> str:
    """The Chromium binary, or BrowserMissing saying how to install it."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and (found := shutil.which(name)):
            return found
    raise BrowserMissing("Chromium is not installed: run `apt-get update && apt-get install -y chromium` "
                         "(.ci/run does this in CI), or set CHROMIUM to a Chromium binary")


def version() -> str:
    return subprocess.run([chromium(), "--version"], capture_output=True, text=True, timeout=TIMEOUT).stdout.strip()


def _run(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                              env={**os.environ, "HOME": profile})
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
    return done


def dump_dom(page: Path) -> str:
    """The DOM as Chromium parsed the page, serialised."""
    return _run(page, "--dump-dom").stdout


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 3000) -> "Image":
    _run(page, f"--screenshot={png}", f"--window-size={width},{height}")
    if not png.exists():
        raise RuntimeError("chromium wrote no screenshot")
    return decode_png(png.read_bytes())


class DevTools:
    """A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
    commands on the browser's fd 3, answers and events on its fd 4, each a JSON text ended by a
    NUL), with the standard library: open a page, set files on a file input, run script, wait for
    the next page. POSIX only (the pipe is handed over at fixed descriptors).

        with DevTools() as tab:
            tab.open("http://127.0.0.1:8000/")
            tab.set_files("#file", [path])
    """

    def __init__(self) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        commands, self._commands = os.pipe()
        self._answers, answers = os.pipe()

        def at_3_and_4() -> None:  # in the child, before exec: its ends where Chromium looks
            import fcntl

            read, write = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands, answers))
            os.dup2(read, 3)
            os.dup2(write, 4)

        self._process = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={self._profile.name}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False,
            preexec_fn=at_3_and_4, env={**os.environ, "HOME": self._profile.name})
        os.close(commands)
        os.close(answers)
        self._buffer, self._events, self._last = b"", [], 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session=True)

    def __enter__(self) -> "DevTools":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, method: str, session: bool = False, **params: object) -> dict:
        """Send a command (to the page, with `session`) and return its result."""
        self._last += 1
        message: dict[str, object] = {"id": self._last, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._last:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self._events.append(answer)

    def wait_for(self, event: str) -> dict:
        """The next event of this name (the ones already received first)."""
        while True:
            for number, message in enumerate(self._events):
                if message.get("method") == event:
                    return self._events.pop(number)
            self._events.append(self._receive())

    def _receive(self) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._answers], [], [], TIMEOUT)
            chunk = os.read(self._answers, 1 << 16) if ready else b""
            if not chunk:
                raise RuntimeError("chromium did not answer" if not ready else "chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str) -> None:
        """Go to `url` and wait until the page has loaded."""
        self._events.clear()
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> object:
        """The value of a script run in the page."""
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def submit(self, expression: str) -> None:
        """Run a script that leaves the page (a click on a submit button); wait for the next page."""
        self._events.clear()
        self.evaluate(expression)
        self.wait_for("Page.loadEventFired")

    def set_files(self, selector: str, paths: list[Path]) -> None:
        """Choose files on a file input, as the file dialog does."""
        root = self.send("DOM.getDocument", session=True, depth=0)["root"]["nodeId"]
        node = self.send("DOM.querySelector", session=True, nodeId=root, selector=selector)["nodeId"]
        self.send("DOM.setFileInputFiles", session=True, nodeId=node, files=[str(p.resolve()) for p in paths])

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self._process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._commands, self._answers):
            os.close(fd)
        self._profile.cleanup()


@dataclass
class Image:
    width: int
    height: int
    channels: int  # 3 (RGB) or 4 (RGBA)
    rows: list[bytes]

    def count(self, rgb: tuple[int, int, int]) -> int:
        """How many pixels have exactly this colour (opaque, where there is alpha)."""
        pixel = bytes(rgb) + (b"\xff" if self.channels == 4 else b"")
        total = 0
        for row in self.rows:
            at = row.find(pixel)
            while at >= 0:
                if at % self.channels == 0:
                    total += 1
                    at = row.find(pixel, at + self.channels)
                else:
                    at = row.find(pixel, at + 1)
        return total



def decode_png(data: bytes) -> Image:
    """An 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    at, idat, header = 8, [], None
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        at += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows: list[bytes] = []
    prior = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1:start + 1 + stride]
        prior = _unfilter(kind, line, prior, channels)
        rows.append(prior)
    return Image(width, height, channels, rows)


def _unfilter(kind: int, line: bytes, prior: bytes, bpp: int) -> bytes:
    if kind == 0:
        return line
    if kind == 2:  # up
        if not any(line):
            return prior
        return bytes((a + b) & 255 for a, b in zip(line, prior))
    if kind == 4 and not any(line) and prior == prior[:bpp] * (len(prior) // bpp):
        return prior  # Paeth over a row of one colour, nothing added: the same row
    out = bytearray(line)
    n = len(out)
    if kind == 1:  # sub
        if not any(line):
            return bytes(n)
        for i in range(bpp, n):
            out[i] = (out[i] + out[i - bpp]) & 255
    elif kind == 3:  # average
        for i in range(n):
            left = out[i - bpp] if i >= bpp else 0
            out[i] = (out[i] + ((left + prior[i]) >> 1)) & 255
    elif kind == 4:  # Paeth
        for i in range(min(bpp, n)):
            out[i] = (out[i] + prior[i]) & 255
        for i in range(bpp, n):
            a, b, c = out[i - bpp], prior[i], prior[i - bpp]
            if a == b == c:
                out[i] = (out[i] + a) & 255
                continue
            pa = b - c if b > c else c - b  # |p - a| where p = a + b - c
            pb = a - c if a > c else c - a
            pc = a + b - c - c
            if pc < 0:
                pc = -pc
            out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    else:
        raise ValueError(f"bad PNG filter type {kind}")
    return bytes(out)
