"""The narrative: each paragraph that states a figure a finding involves, the figure marked in
its severity's colour with back links, then every other paragraph that states a figure folded
under a <details>."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from auditor.model.document import Block, TextBlock
from auditor.model.report import Report
from auditor.render.console import WORDS
from auditor.render.html_report.marks import Mark, back_links, figure_id
from auditor.render.html_report.words import HEAD

Stretch = tuple[int, int]  # (start, end) offsets in a block's text
TextMarks = dict[int, dict[Stretch, Mark]]  # block index → the marks of its stretches


@dataclass
class Span:
    """A stretch of a block shown as a <mark>."""

    start: int
    end: int
    mark: Mark | None  # None: a figure no finding involves


def narrative_html(report: Report, marks: TextMarks, report_id: str, lang: str) -> str:
    """The paragraphs of the report with marked figures first, then the others that state figures
    (folded)."""
    figures = _figures_by_block(report)
    marked = sorted(marks)
    others = sorted(set(figures) - set(marked))
    blocks = report.document.blocks

    def paragraph(index: int) -> str:
        return _paragraph(blocks[index], index, marks.get(index, {}), figures.get(index, []), report_id, lang)

    out = [paragraph(i) for i in marked]
    if others:
        summary = HEAD[lang]["others"].format(count=len(others))
        out.append(f"<details><summary>{escape(summary)}</summary>")
        out += [paragraph(i) for i in others]
        out.append("</details>")
    return "\n".join(out) if out else f'<p class="muted">{escape(HEAD[lang]["no_narrative"])}</p>'


def _figures_by_block(report: Report) -> dict[int, list[Stretch]]:
    """The figures read from the text, by the index of the block they stand in."""
    block_index = {id(b): i for i, b in enumerate(report.document.blocks)}
    figures: dict[int, list[Stretch]] = defaultdict(list)
    for figure in report.extraction.narrative:
        index = block_index.get(id(figure.block))
        if index is not None:
            figures[index].append((figure.start, figure.end))
    return figures


def _paragraph(block: Block, index: int, marks: dict[Stretch, Mark], figures: list[Stretch], report_id: str,
               lang: str) -> str:
    """One text block, where it stands (page, line) and its figures marked."""
    assert isinstance(block, TextBlock)
    text, pieces, at = block.text, [], 0
    for span in spans(marks, figures):
        pieces.append(escape(text[at:span.start]))
        inner = escape(text[span.start:span.end])
        if span.mark is None:
            pieces.append(f"<mark>{inner}</mark>")
        else:
            pieces.append(f'<mark class="fig-{span.mark.severity}" id="{figure_id(report_id, index, span.start)}" '
                          f'title="{escape(span.mark.rules)}">{inner}{back_links(span.mark, lang)}</mark>')
        at = span.end
    pieces.append(escape(text[at:]))
    loc = block.locate(0)
    where = f"{WORDS[lang]['line']} {loc.line}"
    if loc.page is not None:
        where = HEAD[lang]["page"].format(page=loc.page) + " " + where
    return (f'<p class="block {block.kind}" id="{report_id}-b{index}"><span class="loc">{escape(where)}</span>'
            + "".join(pieces) + "</p>")


def spans(marks: dict[Stretch, Mark], figures: list[Stretch]) -> list[Span]:
    """Non-overlapping spans, marked ones first: overlapping marks merge; a plain figure that
    overlaps a mark is dropped."""
    merged = _merged_marks(marks)
    starts = [s.start for s in merged]
    plain: list[Span] = []
    for start, end in sorted(figures):
        i = bisect.bisect_right(starts, start)
        if (i and merged[i - 1].end > start) or (i < len(merged) and merged[i].start < end):
            continue
        if plain and start < plain[-1].end:
            continue
        plain.append(Span(start, end, None))
    return sorted(merged + plain, key=lambda s: s.start)


def _merged_marks(marks: dict[Stretch, Mark]) -> list[Span]:
    """The marked stretches in order, overlapping ones merged (each place's back link once)."""
    merged: list[Span] = []
    for (start, end), mark in sorted(marks.items()):
        if merged and start < merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, end)
            assert last.mark is not None
            seen = {r.place_id for r in last.mark.refs}
            last.mark.refs.extend(r for r in mark.refs if r.place_id not in seen)
        else:
            merged.append(Span(start, end, Mark(list(mark.refs))))
    return merged
