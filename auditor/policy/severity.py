"""What the team asked for, decided before any finding is made: the rules they chose, the
severities they set and the findings they suppressed in the file. A finding is created with its
final severity and visibility (see FindingPolicy); afterwards, directives that suppressed nothing
become notes of their own."""

from __future__ import annotations

from pathlib import Path

from auditor.library import Library
from auditor.library.schema import ExtractionRule
from auditor.model.document import Document
from auditor.model.findings import Finding, FindingPolicy, Place
from auditor.policy.config import Config
from auditor.policy.suppress import Directive, directives, suppressed

UNUSED_DIRECTIVE = "unused-directive"


def finding_policy(document: Document, config: Config) -> tuple[FindingPolicy, list[Directive]]:
    """The policy findings of `document` are made under, and the file's directives (marked as
    they are used)."""
    found = directives(document)

    def hide(finding: Finding) -> str | None:
        return "suppressed" if suppressed(finding, found) else None

    return FindingPolicy(severities=dict(config.severity), hide=hide), found


def unused_directives(document: Document, config: Config, library: Library, policy: FindingPolicy,
                      found: list[Directive]) -> list[Finding]:
    """A note for each directive that suppressed nothing (when the team keeps that note), once
    every finding has been made under `policy` and so has had its say on `found`."""
    note = next((r for r in library.rules if isinstance(r, ExtractionRule) and r.code == UNUSED_DIRECTIVE), None)
    if note is None or not config.enabled(note.id, Path(document.path)):
        return []
    severity = policy.severity(note.id, note.severity)
    return [_unused(note, document, d, severity) for d in found if not d.used and d.verb != "enable"]


def _unused(rule: ExtractionRule, document: Document, directive: Directive, severity: str) -> Finding:
    text = document.source_line(directive.line).strip()
    rules = ", ".join(sorted(directive.rules)) or "*"
    place = Place(directive.location, text, text, "narrative")
    return Finding(rule, {"text": text, "label": rules}, expected="", actual=text, places=[place], severity=severity)
