"""A Document with some sentences replaced and everything else as it was."""

from __future__ import annotations

import dataclasses

from auditor.model.document import Document, Segment, TextBlock
from paraphrase.claims import Place


def replaced(document: Document, new: dict[Place, str]) -> tuple[Document, dict[Place, Place]]:
    """`document` with the text at each place replaced by `new[place]`, and where each place is now.
    Places of one block must not overlap. Segments after an edit move with the text, so each
    figure keeps a location of its own."""
    blocks = list(document.blocks)
    moved: dict[Place, Place] = {}
    for number in sorted({place.block for place in new}):
        block = blocks[number]
        assert isinstance(block, TextBlock)
        text, segments, shift = block.text, list(block.segments), 0
        for place in sorted((p for p in new if p.block == number), key=lambda p: p.span):
            start, end = place.span[0] + shift, place.span[1] + shift
            delta = len(new[place]) - (end - start)
            text = text[:start] + new[place] + text[end:]
            segments = [s if s.offset <= start else Segment(max(s.offset + delta, start), s.line, s.column)
                        for s in segments]
            moved[place] = Place(number, (start, start + len(new[place])))
            shift += delta
        blocks[number] = TextBlock(block.kind, text, segments, block.page)
    return dataclasses.replace(document, blocks=blocks), moved
