"""`auditor serve`: the reviewer page without a terminal. A local page, on this machine only
(127.0.0.1), where the user drops or chooses reports and gets the page `auditor check --format
html` writes for them, to read or download (docs/serve.md).

The web stack (Starlette, uvicorn, python-multipart) is the optional extra `report-auditor[web]`,
imported only here, when the page is served: `auditor check` never pays for it.

    app.py    the routes: the upload page, the check of an upload, its answers
    audit.py  the check itself, in a worker process of its own
    page.py   the upload page and the page of an answer that is no report
"""

from __future__ import annotations

import socket
import webbrowser
from collections.abc import Callable

from auditor.model.errors import AuditorError
from auditor.model.files import os_reason
from auditor.model.words import word

HOST = "127.0.0.1"  # this machine only: the page reads the user's files
STACK = frozenset({"starlette", "uvicorn", "python_multipart", "multipart"})  # the web extra's modules


def listen(port: int = 0, lang: str = "zh") -> socket.socket:
    """A socket listening on HOST at `port` (0: a free one the system chooses)."""
    try:
        return socket.create_server((HOST, port))
    except OSError as exc:  # its own message repeats the address: the system's words say it all
        reason = os_reason(exc).text(lang)
        raise AuditorError(word("serve.port_taken", lang, port=port, reason=reason)) from None


def serve(port: int = 0, open_browser: bool = True, lang: str = "zh", say: Callable[[str], None] = print) -> None:
    """Serve the page until interrupted (Ctrl+C), saying where it is and opening it in the browser."""
    uvicorn, create_app = _stack(lang)
    sock = listen(port, lang)
    url = f"http://{HOST}:{sock.getsockname()[1]}/" + ("?lang=en" if lang == "en" else "")
    server = uvicorn.Server(uvicorn.Config(create_app(lang), log_level="warning", lifespan="off"))
    say(word("serve.started", lang, url=url))
    if open_browser:
        webbrowser.open(url)  # the socket already listens: the browser's request waits for the server
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn raises Ctrl+C again once it has shut down: the way to stop, not an error
        pass
    finally:
        sock.close()


def _stack(lang: str):  # noqa: ANN202 - (uvicorn, create_app), imported here
    """The web stack, or one line saying how to install it."""
    try:
        import uvicorn

        from auditor.web.app import create_app
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in STACK:
            raise
        raise AuditorError(word("serve.needs_web", lang)) from None
    return uvicorn, create_app
