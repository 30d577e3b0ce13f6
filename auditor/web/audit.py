"""The check of an upload, run in a worker process of its own (spawned, never forked from the
server's threads). In there the uploads' folder is the working folder, so the reports are named
as the user named them, exactly as `auditor check --format html` names files given by name; the
per-file time budget applies (it needs a process's main thread); and a crash or the memory of a
large PDF costs that worker, not the server."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from auditor import internal
from auditor.model.errors import AuditorError


@dataclass
class Answer:
    """What a check gives: the reviewer page (status 200), or one line per problem."""

    status: int
    page: str | None = None
    lines: list[str] = field(default_factory=list)


def audit_uploads(folder: str, names: list[str], config: str, lang: str) -> Answer:
    """The reviewer page for the files `names` in `folder`, all under the configuration `config`;
    422 with the one-line reasons where a file cannot be read, 500 where auditor has a bug."""
    from auditor.render import render
    from auditor.run import Options, check_files

    os.chdir(folder)
    try:
        run = check_files([Path(name) for name in names], Options(config=Path(config), lang=lang))
        if run.errors:
            return Answer(500 if run.traces else 422, lines=run.errors)
        return Answer(200, page=render("html", run.reports, run.library, lang, run.unaudited))
    except AuditorError as exc:
        return Answer(422, lines=[exc.message(lang)])
    except Exception as exc:  # noqa: BLE001 - a bug, said as one
        line, _ = internal.record(None, exc, lang)
        return Answer(500, lines=[line])


def in_worker(folder: str, names: list[str], config: str, lang: str) -> Answer:
    """`audit_uploads` in a fresh worker process; a worker that dies is an internal error."""
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            return pool.submit(audit_uploads, folder, names, config, lang).result()
    except BrokenProcessPool:
        return Answer(500, lines=[internal.WORKER_DIED[lang].format(path=name) for name in names])
