"""The routes: GET / the upload page; POST /check the reviewer page for the uploaded files
(multipart field `file`, repeatable; `download=1` to have it saved instead of shown).

Nothing outlives a response: the uploads go to a private temporary folder (mkdtemp: readable by
this user only), removed before the answer is sent, whatever happened; the form parser's own
spool files are anonymous and closed with the form. An upload is bounded as it arrives."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.types import Message, Receive

from auditor import internal
from auditor.load import LIMITS
from auditor.model.errors import InputError
from auditor.model.files import MB, too_large
from auditor.model.words import LANGS, word
from auditor.web import audit
from auditor.web.audit import Answer
from auditor.web.page import failure_page, upload_page

MAX_FILE = max(LIMITS.values())  # the largest report auditor reads (docs/limits.md)
MAX_FILES = 50  # files in one upload
MAX_UPLOAD = 1000 * MB  # one upload in all, counted as it arrives
NO_STORE = {"Cache-Control": "no-store"}  # the browser keeps no copy of a report either
DOWNLOAD = 'attachment; filename="auditor-report.html"'


class TooLarge(Exception):
    """The upload went past MAX_UPLOAD."""


def create_app(lang: str = "zh") -> Starlette:
    """The page's application; `lang` is the page's language where the address does not say one."""
    # Only requests addressed to this machine by name: a web site whose name is made to point at
    # 127.0.0.1 (DNS rebinding) gets nothing from the page.
    local = Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"])
    app = Starlette(routes=[Route("/", show_upload_page), Route("/check", check, methods=["POST"])],
                    middleware=[local])
    app.state.lang = lang
    return app


def _lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else request.app.state.lang


async def show_upload_page(request: Request) -> HTMLResponse:
    return HTMLResponse(upload_page(_lang(request)), headers=NO_STORE)


async def check(request: Request) -> HTMLResponse:
    lang = _lang(request)
    folder = Path(tempfile.mkdtemp(prefix="auditor-serve-"))
    try:
        answer, download = await _check_upload(request, folder, lang)
    except Exception as exc:  # noqa: BLE001 - a bug here too is said as one, never a bare traceback
        answer, download = Answer(500, lines=[internal.record(None, exc, lang)[0]]), False
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if answer.page is None:
        return HTMLResponse(failure_page(answer.lines, lang), status_code=answer.status, headers=NO_STORE)
    headers = {**NO_STORE, "Content-Disposition": DOWNLOAD} if download else NO_STORE
    return HTMLResponse(answer.page, status_code=answer.status, headers=headers)


async def _check_upload(request: Request, folder: Path, lang: str) -> tuple[Answer, bool]:
    """Save the uploaded files in `folder` and check them; the answer and whether to download it."""
    bounded = Request(request.scope, _bounded(request.receive, MAX_UPLOAD))
    reports = folder / "reports"
    try:
        async with bounded.form(max_files=MAX_FILES, max_fields=10) as form:
            uploads = [u for u in form.getlist("file") if isinstance(u, UploadFile) and u.filename]
            download = form.get("download") == "1"
            if not uploads:
                return Answer(400, lines=[word("serve.no_file", lang)]), False
            names = await run_in_threadpool(save, uploads, reports)
    except TooLarge:
        return Answer(413, lines=[word("serve.too_large", lang, limit=MAX_UPLOAD // MB)]), False
    except MultiPartException as exc:
        return Answer(400, lines=[word("serve.bad_form", lang, reason=exc.message)]), False
    except InputError as exc:
        return Answer(422, lines=[exc.message(lang)]), False
    config = folder / "auditor.toml"  # empty: the defaults, never a configuration above the temporary folder
    config.touch()
    return await run_in_threadpool(audit.in_worker, str(reports), names, str(config), lang), download


def _bounded(receive: Receive, limit: int) -> Receive:
    """`receive`, raising TooLarge once the request's body passes `limit` bytes."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise TooLarge
        return message

    return bounded


def save(uploads: list[UploadFile], folder: Path) -> list[str]:
    """Write each upload in `folder` under its own name, made safe; the names, in order."""
    folder.mkdir()
    names: list[str] = []
    for upload in uploads:
        name = safe_name(upload.filename or "", {n.lower() for n in names})
        if upload.size is not None and upload.size > MAX_FILE:
            raise InputError(name, too_large(upload.size, MAX_FILE))
        upload.file.seek(0)
        with open(folder / name, "xb") as out:
            shutil.copyfileobj(upload.file, out)
        names.append(name)
    return names


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')  # what no file name on Windows may hold
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def safe_name(filename: str, taken: set[str]) -> str:
    """The upload's own file name, without any folder, as a name every system can write; another
    name if it is `taken` (two files of one name from two folders): 报告 (2).pdf."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem, suffix = os.path.splitext(_UNSAFE.sub("_", base))
    stem = stem[:120] or "report"
    if stem.split(".")[0].lower() in _RESERVED or stem in (".", ".."):
        stem = "_" + stem
    name, number = stem + suffix[:16], 2
    while name.lower() in taken:
        name, number = f"{stem} ({number}){suffix[:16]}", number + 1
    return name
