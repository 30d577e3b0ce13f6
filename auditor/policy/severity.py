"""What the team asked for, applied to a checked report: rules they chose, severities they set,
findings they suppressed in the file, and findings already known from a baseline."""

from __future__ import annotations

from pathlib import Path

from auditor.library import Library
from auditor.library.schema import ExtractionRule
from auditor.model.document import Document
from auditor.model.findings import CheckResult, Finding, Place
from auditor.policy.config import Config
from auditor.policy.suppress import Directive, directives, suppressed

UNUSED_DIRECTIVE = "unused-directive"


def apply_policy(result: CheckResult, document: Document, config: Config, library: Library) -> None:
    for finding in result.findings:
        finding.severity = config.severity.get(finding.rule.id, finding.severity)
    found = directives(document)
    for outcome in result.outcomes:
        if outcome.finding and suppressed(outcome.finding, found):
            outcome.status, outcome.finding.hidden = "suppressed", "suppressed"
    for finding in result.doubts:
        if suppressed(finding, found):
            finding.hidden = "suppressed"
    note = next((r for r in library.rules if isinstance(r, ExtractionRule) and r.code == UNUSED_DIRECTIVE), None)
    if note is not None and config.enabled(note.id, Path(document.path)):
        result.doubts.extend(_unused(note, document, d) for d in found if not d.used and d.verb != "enable")


def _unused(rule: ExtractionRule, document: Document, directive: Directive) -> Finding:
    text = document.source_line(directive.line).strip()
    rules = ", ".join(sorted(directive.rules)) or "*"
    place = Place(directive.location, text, text, "narrative")
    return Finding(rule, {"text": text, "label": rules}, expected="", actual=text, places=[place])

