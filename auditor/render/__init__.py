"""Render a run's reports: one module per output format, registered here the way loaders are in
`auditor.load`, and imported only when used (so `--format json` never pays for the HTML page).

    from auditor.render import render
    text = render("sarif", reports, library, "en")
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

# format → (module, function(reports, library, lang, unaudited) -> str, or bytes for the formats in
# BINARY). "rich" (the default, for people) draws on a terminal instead: auditor.render.console.render_console.
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("auditor.render.json", "render_json"),
    "sarif": ("auditor.render.sarif", "render_sarif"),
    "junit": ("auditor.render.junit", "render_junit"),
    "github": ("auditor.render.github", "render_github"),
    "gitlab": ("auditor.render.gitlab", "render_gitlab"),
    "markdown": ("auditor.render.markdown", "render_markdown"),
    "html": ("auditor.render.html_report", "render_html"),
    "csv": ("auditor.render.sheets", "render_csv"),
    "xlsx": ("auditor.render.sheets", "render_xlsx"),
}
BINARY = frozenset({"xlsx"})  # formats that are files, not text: never for a terminal


def render(fmt: str, reports: Sequence[Any], library: Any = None, lang: str = "zh",
           unaudited: Sequence[Any] = ()) -> str | bytes:
    """`reports` in the format `fmt` (a key of FORMATS), with `library`'s rules (default: the
    built-in library) for formats that describe them; `unaudited` (auditor.model.report.Unaudited),
    the files of the run that could not be audited, which every format names. Text, or bytes for a
    format in BINARY."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if library is None:
        from auditor.library import load_library

        library = load_library()
    module, function = FORMATS[fmt]
    return getattr(importlib.import_module(module), function)(reports, library, lang, unaudited)
