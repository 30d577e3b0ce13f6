"""`auditor extract`: the parsed document as JSON, every figure with its place."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from auditor.check.intervals import show
from auditor.model.document import Location
from auditor.model.extraction import Extraction
from auditor.model.numbers import Quantity


def render_extraction(extraction: Extraction, lang: str) -> str:
    return json.dumps(extraction_data(extraction, lang), ensure_ascii=False, indent=2) + "\n"


def extraction_data(extraction: Extraction, lang: str) -> dict[str, Any]:
    document = extraction.document
    return {
        "path": document.path,
        "format": document.format,
        "encoding": document.encoding,
        "template": extraction.template,
        "table_generations": extraction.table_generations,  # table id → the template it follows
        "year": extraction.year,
        "tables": len(document.tables),
        "assumptions": extraction.assumptions,
        "fields": [
            {
                "field": figure.field,
                "label": figure.label.text,
                "state": figure.state,
                "text": figure.cell.text,
                **_quantity(figure.quantity),
                "assumption": figure.assumption,
                "location": _location(figure.location),
            }
            for figure in extraction.fields.values()
        ],
        "narrative": [
            {
                "text": figure.quantity.text,
                **_quantity(figure.quantity),
                "location": _location(figure.location),
                "context": figure.sentence.strip(),
            }
            for figure in extraction.narrative
        ],
        "doubts": [{"code": d.code, "text": d.text, "location": _location(d.location) if d.location else None}
                   for d in extraction.doubts],
    }


def _quantity(quantity: Quantity | None) -> dict[str, Any]:
    if quantity is None:
        return {"value": None, "unit": None, "bound": None}
    return {"value": show(quantity.value, quantity.unit), "unit": quantity.unit, "bound": quantity.bound}


def _location(location: Location) -> dict[str, Any]:
    return {key: value for key, value in asdict(location).items() if value is not None}
