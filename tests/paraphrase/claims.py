"""Where the library's narrative rules read figures in a report, sentence by sentence, and what each
rule's check made of them (the reading a paraphrase must keep)."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.extract.narrative import index_of
from auditor.extract.stated import place_key, stated_figures
from auditor.library import Library
from auditor.library.phrases import compile_phrase
from auditor.library.schema import NarrativeRule
from auditor.model.document import Document, TextBlock
from auditor.model.extraction import NarrativeFigure
from auditor.model.report import Report
from paraphrase.sentence import Claim, Sentence, Span

Reading = tuple[str, str, str]  # the figure (value and unit, bound), the outcome (status, severity)


@dataclass(frozen=True)
class Place:
    """A sentence of a report: its text block (index among the document's blocks) and its span."""

    block: int
    span: Span


def narrative_rules(library: Library) -> list[NarrativeRule]:
    return [r for r in library.rules if isinstance(r, NarrativeRule)]


def ran(report: Report, library: Library) -> list[NarrativeRule]:
    """The narrative rules that checked something in the report (those of its template)."""
    ids = {o.rule.id for o in report.result.outcomes}
    return [r for r in narrative_rules(library) if r.id in ids]


def sentences(document: Document, rules: list[NarrativeRule]) -> dict[Place, Sentence]:
    """Every sentence of `document` in which one of `rules` reads a figure."""
    found: dict[Place, list[Claim]] = {}
    for number, block in enumerate(document.blocks):
        if not isinstance(block, TextBlock):
            continue
        index = None
        for rule in rules:
            for figure in stated_figures(rule, [block]):
                index = index or index_of(block.text)
                start, end = index.sentence_at(figure.start)
                found.setdefault(Place(number, (start, end)), []).append(_claim(rule, figure, start))
    return {place: Sentence(document.blocks[place.block].text[slice(*place.span)], tuple(claims))
            for place, claims in found.items()}


def _claim(rule: NarrativeRule, figure: NarrativeFigure, offset: int) -> Claim:
    """The claim, in sentence offsets: the phrase's match that gave this figure."""
    text = figure.block.text
    if any(m.span() == (figure.start, figure.end) for p in rule.zero_phrases for m in compile_phrase(p).finditer(text)):
        return Claim(rule.id, (figure.start - offset, figure.end - offset), None, figure.quantity)
    match = next(m for p in rule.phrases for m in compile_phrase(p).finditer(text)
                 if m.span("n") == (figure.start, figure.end))
    return Claim(rule.id, (match.start() - offset, match.end() - offset),
                 (figure.start - offset, figure.end - offset), figure.quantity)


def readings(report: Report, library: Library, places: list[Place]) -> dict[Place, dict[str, list[Reading]]]:
    """Per place and rule, what the rule read in the sentence there and the outcome of each
    figure, in order. Each block is read once by each rule (a text report's paragraph may be a
    whole page)."""
    outcomes = {(o.rule.id, o.subject): o for o in report.result.outcomes}
    found: dict[Place, dict[str, list[Reading]]] = {place: {} for place in places}
    for number in sorted({place.block for place in places}):
        block = report.document.blocks[number]
        assert isinstance(block, TextBlock)
        here = [place for place in places if place.block == number]
        for rule in narrative_rules(library):
            for figure in stated_figures(rule, [block]):
                outcome = outcomes.get((rule.id, place_key(figure)))
                place = next((p for p in here if p.span[0] <= figure.start < p.span[1]), None)
                if outcome and place:
                    q = figure.quantity
                    status = outcome.status + (f" ({outcome.finding.severity})" if outcome.finding else "")
                    found[place].setdefault(rule.id, []).append((f"{q.value.normalize():f}{q.unit or ''}", q.bound,
                                                                status))
    return found
