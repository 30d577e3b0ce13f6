"""Extract: from a loaded document to its template, its table fields and its narrative figures."""

from __future__ import annotations

import re

from auditor.extract.blanks import BLANK_POLICIES, BlankPolicy, read_blanks
from auditor.extract.flow import Constraints, Prior, SplitFigure, flow_figures, recovered
from auditor.extract.generations import choices, decide_tables, hybrid_notes, mixed_template, table_generations
from auditor.extract.grid import match_grids
from auditor.extract.narrative import figures_in
from auditor.extract.tables import TableMatch, match_tables
from auditor.library import Library, Template
from auditor.model.document import Document
from auditor.model.errors import AuditorError, Said
from auditor.model.extraction import Doubt, Extraction, NarrativeFigure, TableFigure
from auditor.model.words import LANGS, word

__all__ = ["extract", "Extraction", "TableFigure", "SplitFigure", "NarrativeFigure", "Doubt", "recovered", "TITLE",
           "BLANK_POLICIES", "BlankPolicy", "Prior"]

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?[^。，,]{0,30}?(?:报告|统计表)|[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]")


def extract(document: Document, library: Library, template: str | None = None,
            blank: BlankPolicy = "auto", prior: Prior | None = None) -> Extraction:
    """The report's figures. `template` forces a template id instead of detecting one; `blank`
    says when a blank cell reads as 0 (see extract/blanks.py); `prior`, the same body's report of
    the year before, may decide run-together digits (see extract/flow.py)."""
    match = _best_template(document, library, template, Constraints(library, prior))
    if match:
        read_blanks(match, match.template, blank)
    result = Extraction(document=document, template=match.template.id if match else None,
                        year=report_year(document), body=report_body(document))
    if match:
        result.template_title = match.template.info.title
        result.fields = match.figures
        result.table_generations = table_generations(match, library.templates.values())
        result.doubts.extend(match.doubts)
        result.doubts.extend(_many_blanks(match))
    else:
        result.doubts.append(Doubt("no-template"))
    for block in document.text_blocks:
        result.narrative.extend(figures_in(block))
    return result


def _best_template(document: Document, library: Library, forced: str | None,
                   constraints: Constraints | None = None) -> TableMatch | None:
    """The template whose fields the tables match best, if it matches enough of them; a table whose
    own structure follows another generation is read by that generation's definition of it."""
    if forced:
        if forced not in library.templates:
            raise AuditorError(Said("input.unknown_template", name=forced, known=", ".join(library.templates)))
        match = match_template(document, library.templates[forced], constraints)
        if match.score < match.template.info.min_fields:
            match.doubts.append(_unfit(match, _best_template(document, library, None, constraints)))
        return match
    matches = [match_template(document, t, constraints) for t in library.templates.values()]
    ranked = [c for c in choices(matches, decide_tables(matches)) if c.score >= c.template.info.min_fields]
    if not ranked:
        return None
    best = ranked[0]
    match = match_template(document, mixed_template(best.template, best.foreign), constraints) if best.foreign \
        else best.match
    match.doubts.extend(hybrid_notes(match, best.foreign))
    if len(ranked) >= 2 and (ranked[1].weight, ranked[1].score) == (best.weight, best.score):
        # The tables fit two templates equally (only the rows they share are there): say so; the
        # rules both templates have still apply to those rows.
        first, second = best.template.info.title, ranked[1].template.info.title
        match.doubts.append(Doubt("ambiguous-template", {"label_zh": first.zh, "label_en": first.en,
                                                         "text_zh": second.zh, "text_en": second.en}))
    return match


def _unfit(forced: TableMatch, detected: TableMatch | None) -> Doubt:
    """A forced template that reads fewer fields than detection requires, and what detection finds."""
    found = detected.template.info.title if detected else None
    params = {"count": str(forced.score), "text": str(forced.template.info.min_fields)}
    for lang in LANGS:
        params[f"label_{lang}"] = forced.template.info.title.get(lang)
        params[f"generation_{lang}"] = found.get(lang) if found else word("report.none", lang)
    return Doubt("forced-template-unfit", params)


MANY_BLANKS = 5  # blank cells in one table that make a note of their own, instead of silence


def _many_blanks(match: TableMatch) -> list[Doubt]:
    """One warning per table with many blank cells (a blank is not zero: checks that need them
    are not assessable), naming how many, rather than a finding per cell."""
    by_table: dict[int | None, list[TableFigure]] = {}
    for figure in match.figures.values():
        if figure.state == "blank" and figure.quantity is None:
            by_table.setdefault(figure.location.table, []).append(figure)
    return [Doubt("many-blank-cells", {"count": str(len(blanks)), "label": blanks[0].label.text},
                  blanks[0].location, "")
            for blanks in by_table.values() if len(blanks) >= MANY_BLANKS]


def match_template(document: Document, template: Template, constraints: Constraints | None = None) -> TableMatch:
    """Every field of `template` the document states: in its tables (single-value rows, then
    grids), then in running text that holds a table's rows with their cells run together (split
    by the template's equations, then by `constraints`)."""
    match = match_tables(document.tables, template)
    match_grids(document.tables, template.tables, match)
    flow_figures(document.text_blocks, template, match, constraints)
    return match


def report_year(document: Document) -> int | None:
    """The year the report covers: '2018年度政府信息公开…报告' in the title, else the table's '(2018年度)'."""
    for text in [document.title or "", *(block.text for block in document.text_blocks)]:
        found = _YEAR.search(text)
        if found:
            return int(found.group(1) or found.group(2))
    return None


TITLE = re.compile(r"(?:标题[:：]\s*)?(?P<body>[^\s，,。:：]{2,40}?)\s*(?:19|20)\d{2}\s*年度?[^。]{0,20}?信息公开[^。]{0,10}?报告")
_BODY_SUFFIX = re.compile(r"(?:人民政府|管理委员会|管委会|办公室|办公厅)$")


def report_body(document: Document) -> str | None:
    """The issuing body, from a title such as '平潭综合实验区2021年度政府信息公开工作年度报告', with
    the office words that vary between years (管委会, 人民政府, 办公室) taken off its end."""
    for text in [document.title or "", *(block.text for block in document.text_blocks[:5])]:
        found = TITLE.search(text)
        if found:
            body = found["body"]
            while _BODY_SUFFIX.search(body) and len(body) > 4:
                body = _BODY_SUFFIX.sub("", body)
            return body
    return None
