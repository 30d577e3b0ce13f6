"""The upload page and the page of an answer that is no report: self-contained (inline style and
script, nothing loaded), every text from the catalogue's [serve] words."""

from __future__ import annotations

from html import escape

from auditor.load import FORMATS
from auditor.model.words import word

# Every suffix a report may have; .doc and .wps too, so that choosing one says what to do instead.
ACCEPT = ",".join(FORMATS)


def _first_suffixes() -> str:
    """The suffixes said on the page: the first of each format, as load's error messages name them."""
    first: dict[str, str] = {}
    for suffix, (fmt, _) in FORMATS.items():
        first.setdefault(fmt, suffix)
    return " ".join(first.values())


SHOWN = _first_suffixes()

STYLE = """
body { font-family: system-ui, "Microsoft YaHei", "PingFang SC", sans-serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1f; line-height: 1.6; }
h1 { font-size: 1.5rem; }
.drop { display: block; border: 3px dashed #8a94a6; border-radius: 12px; padding: 3rem 1rem; text-align: center;
        cursor: pointer; font-size: 1.2rem; background: #f7f8fa; }
.drop.over { border-color: #1a5fa8; background: #e8f1fc; }
.drop input { display: block; margin: 1rem auto 0; font-size: 1rem; }
#chosen { min-height: 1.6em; color: #444; }
button { font-size: 1.1rem; padding: .5rem 1.4rem; margin: .5rem .5rem 0 0; cursor: pointer; }
.note { color: #555; font-size: .9rem; }
.error { color: #b3141b; font-weight: 600; white-space: pre-wrap; }
"""

# Dropped files go into the file input, as chosen ones do; a long check says it is working.
SCRIPT = """
const zone = document.getElementById("drop"), input = document.getElementById("file");
const chosen = document.getElementById("chosen"), form = document.getElementById("upload");
function show() { chosen.textContent = input.files.length ?
  chosen.dataset.label + Array.from(input.files, f => f.name).join(", ") : ""; }
["dragenter", "dragover"].forEach(e => zone.addEventListener(e, ev => { ev.preventDefault();
  zone.classList.add("over"); }));
["dragleave", "drop"].forEach(e => zone.addEventListener(e, () => zone.classList.remove("over")));
zone.addEventListener("drop", ev => { ev.preventDefault(); input.files = ev.dataTransfer.files; show(); });
input.addEventListener("change", show);
form.addEventListener("submit", () => { document.getElementById("working").hidden = false; });
"""


def _head(lang: str, title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n")


def upload_page(lang: str) -> str:
    """The page with the file input and its drop zone; the form posts to /check."""
    def say(key: str, **values: object) -> str:
        return escape(word(f"serve.{key}", lang, **values))

    other = "zh" if lang == "en" else "en"
    return (_head(lang, word("serve.title", lang))
            + f'<p><a href="/?lang={other}" lang="{other}">{say("other_lang")}</a></p>\n'
            f'<h1>{say("title")}</h1>\n<p>{say("intro", suffixes=SHOWN)}</p>\n'
            f'<form id="upload" method="post" action="/check?lang={lang}" enctype="multipart/form-data">\n'
            f'<label id="drop" class="drop" for="file">{say("drop")}\n'
            f'<input type="file" id="file" name="file" multiple accept="{ACCEPT}" required></label>\n'
            f'<p id="chosen" data-label="{say("chosen")}"></p>\n'
            f'<button type="submit" id="check">{say("check")}</button>'
            f'<button type="submit" id="download" name="download" value="1">{say("download")}</button>\n'
            f'<p id="working" hidden>{say("working")}</p>\n</form>\n'
            f'<p class="note">{say("private")}</p>\n<script>{SCRIPT}</script>\n</body></html>\n')


def failure_page(lines: list[str], lang: str) -> str:
    """Why an upload gave no report: one line per file (or for the upload), and the way back."""
    shown = "".join(f'<p class="error">{escape(line)}</p>\n' for line in lines)
    return (_head(lang, word("serve.failed", lang)) + f"<h1>{escape(word('serve.failed', lang))}</h1>\n{shown}"
            f'<p><a href="/?lang={lang}">{escape(word("serve.back", lang))}</a></p>\n</body></html>\n')
