#!/usr/bin/env python3
"""Extraction coverage: for every real report and form, the share of its statutory cells read.

    python bench/coverage.py [--corpus PATH] [--markdown FILE]

For each report (.txt, .html, .docx, .pdf of the corpus) it audits the file and counts:
- statutory cells: what the report's form has. The 2019 and 2021 forms fix their tables, so it is
  every cell of the detected template's tables 二, 三 and 四. The pre-2019 统计表 differs from
  province to province, so it is the template's rows whose label (any of its variants) is a cell
  of the report's tables (in a text file, whose rows run together in lines, anywhere in its text),
  and their 历年累计 twins where the report has that column. A report whose template is not
  detected is charged with the template its tables name most; one without tables (narrative
  only) has no statutory cell.
- read: those cells with a value (a number);
- no value: those read as blank, "/", "—" or 无 (read, but with nothing to check);
and prints a table per report, then per form (suffix). This is not a test: it asserts nothing.
See docs/coverage.md for the figures.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's `auditor`, whether or not it is installed
DEFAULT_CORPUS = ROOT / "fixtures" / "corpus"
FORMS = (".txt", ".html", ".docx", ".pdf")
CUMULATIVE_WORD = "累计"  # the header of the 历年累计 column


@dataclass
class Coverage:
    name: str
    form: str
    template: str
    cells: int
    read: int
    no_value: int

    @property
    def share(self) -> str:
        return f"{100 * self.read / self.cells:.1f} %" if self.cells else "—"


def statutory(template, document) -> set[str]:
    """The fields of `template` the report's form has (see the module docstring)."""
    from auditor.library import CUMULATIVE

    if template.tables:
        return {cell.id for table in template.tables for cell in table.cells()}
    present = _by_label(template.single_fields, document)
    if any(CUMULATIVE_WORD in cell.text for table in document.tables for row in table.rows for cell in row) \
            or (not document.tables and CUMULATIVE_WORD in _flat(document)):
        present |= {CUMULATIVE + name for name in present if CUMULATIVE + name in template.fields}
    return present


def _by_label(fields, document) -> set[str]:
    """The fields whose label (any variant) names a row of the report: a table cell that reads as
    the label, or, in a text file whose rows run together in lines of text, the label anywhere."""
    from auditor.extract.labels import normalize

    if document.tables:
        keys = {normalize(cell.text) for table in document.tables for row in table.rows for cell in row}
        return {f.id for f in fields if any(normalize(label) in keys for label in f.labels)}
    text = _flat(document)
    return {f.id for f in fields if any(normalize(label) in text for label in f.labels)}


def _flat(document) -> str:
    """The report's text, width folded and spaces removed."""
    return "".join(unicodedata.normalize("NFKC", "".join(b.text for b in document.text_blocks)).split())


def coverage(path: Path, library) -> Coverage:
    from auditor.api import audit

    report = audit(path, library=library)
    extraction = report.extraction
    if extraction.template:
        cells = statutory(library.templates[extraction.template], report.document)
    elif report.document.tables:  # no template: charge the report with the form its tables name most
        cells = max((_by_label(t.fields.values(), report.document) for t in library.templates.values()), key=len)
    else:  # a narrative-only report: nothing statutory to read
        cells = set()
    figures = [extraction.fields[name] for name in cells if name in extraction.fields]
    read = sum(1 for f in figures if f.quantity is not None)
    return Coverage(path.name, path.suffix, extraction.template or "none", len(cells), read,
                    len(figures) - read)


def by_form(rows: list[Coverage]) -> list[tuple[str, int, int, int, int]]:
    """(form, reports, statutory cells, read, no value) per suffix, then all together."""
    out = []
    for form in [*FORMS, "all"]:
        chosen = [r for r in rows if form in (r.form, "all")]
        if chosen:
            out.append((form, len(chosen), sum(r.cells for r in chosen), sum(r.read for r in chosen),
                        sum(r.no_value for r in chosen)))
    return out


def markdown(rows: list[Coverage]) -> str:
    lines = ["| report | template | statutory cells | read | no value | share read |",
             "| :--- | :--- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r.name} | {r.template} | {r.cells} | {r.read} | {r.no_value} | {r.share} |" for r in rows]
    lines += ["", "| form | reports | statutory cells | read | no value | share read |",
              "| :--- | ---: | ---: | ---: | ---: | ---: |"]
    for form, count, cells, read, no_value in by_form(rows):
        share = f"{100 * read / cells:.1f} %" if cells else "—"
        lines.append(f"| {form} | {count} | {cells} | {read} | {no_value} | {share} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    from auditor.library import load_library

    library = load_library()
    paths = sorted(p for p in args.corpus.iterdir() if p.suffix in FORMS)
    table = markdown([coverage(p, library) for p in paths])
    print(table, end="")
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
