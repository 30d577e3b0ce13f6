"""The JSON report: a stable contract for machines (documented in docs/json-format.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from auditor.model.findings import Finding, Place, Suggestion
from auditor.model.report import Report, Unaudited
from auditor.render.places import describe_place
from auditor.render.summary import dismissed_count, severity_counts
from auditor.version import __version__


def report_data(reports: list[Report], lang: str, unaudited: Sequence[Unaudited] = ()) -> dict[str, Any]:
    return {
        "tool": {"name": "auditor", "version": __version__},
        "reports": [report_data_one(r, lang) for r in reports],
        "unaudited": [vars(u) for u in unaudited],  # files that could not be audited: path, reason, kind
        "summary": {"reports": len(reports), "unaudited": len(unaudited), **severity_counts(reports),
                    "dismissed": dismissed_count(reports)},
    }


def render_json(reports: list[Report], library: object = None, lang: str = "zh",
                unaudited: Sequence[Unaudited] = ()) -> str:
    return json.dumps(report_data(reports, lang, unaudited), ensure_ascii=False, indent=2) + "\n"


def report_data_one(report: Report, lang: str) -> dict[str, Any]:
    """One report's entry of the JSON output (a line of --format jsonl)."""
    return {
        "path": report.path,
        "template": report.extraction.template,
        "table_generations": report.extraction.table_generations,  # table id → the template it follows
        "year": report.extraction.year,
        "body": report.extraction.body,
        "stats": report.stats(),
        "assumptions": report.extraction.assumptions,
        "findings": [finding_data(f, lang) for f in report.findings],
        "dismissed": [finding_data(f, lang) for f in report.dismissed],  # 非问题, by a reviewer (--decisions)
    }


def finding_data(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "rule": finding.rule.id,
        "name": finding.rule.name,
        "severity": finding.severity,
        "doubt": finding.doubt,
        "message": finding.message(lang),
        "expected": finding.expected,
        "actual": finding.actual,
        "assumptions": list(finding.assumptions),
        **({"suggestion": _suggestion(finding.suggestion, lang)} if finding.suggestion else {}),
        "locations": [_place(p, lang) for p in finding.places],
        "fingerprint": finding.fingerprint,
        **({"decision": finding.decision, "note": finding.note} if finding.decision else {}),
    }


def _suggestion(suggestion: Suggestion, lang: str) -> dict[str, Any]:
    """Its wording, and each alternative: `location` indexes the finding's locations."""
    return {"text": suggestion.text(lang), "fixes": [{"location": f.place, "text": f.text} for f in suggestion.fixes]}


def _place(place: Place, lang: str) -> dict[str, Any]:
    loc = place.location
    return {
        "where": describe_place(place, lang),
        "line": loc.line,
        "column": loc.column,
        "page": loc.page,
        "text": place.text,
        "context": place.context,
        "field": place.field,
        "role": place.role,
        **({"table": place.table, "column_label": place.column} if place.role == "table" else
           {"section": place.section, "quote": place.quote}),
        **({"path": place.path} if place.path else {}),
    }
