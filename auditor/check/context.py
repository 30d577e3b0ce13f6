"""What a rule sees of a report: its fields and narrative, and how to word a finding about them."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from auditor.check import intervals as iv
from auditor.extract.generations import template_of
from auditor.library import CUMULATIVE, Library
from auditor.library.schema import Rule, Text
from auditor.model.document import TextBlock
from auditor.model.extraction import Extraction, NarrativeFigure, TableFigure
from auditor.model.findings import Finding, FindingPolicy, Outcome, Place, Suggestion
from auditor.model.numbers import Quantity
from auditor.model.words import LANGS, word


@dataclass
class Context:
    extraction: Extraction
    library: Library
    memo: dict[str, Any] = dataclass_field(default_factory=dict)  # what several rules derive from the report
    policy: FindingPolicy = dataclass_field(default_factory=FindingPolicy)

    # --- fields -------------------------------------------------------------------------

    def defined(self, fields: list[str]) -> bool:
        """Does the report's template have these rows (each in the definition its table follows)? A
        rule shared by two templates skips the instances one form has no row for; a row the form has
        but the report lacks is not assessable."""
        if self.extraction.template not in self.library.templates:
            return True
        return all(f in self.library.templates[template_of(self.extraction, f) or ""].fields for f in fields)

    def present(self, fields: list[str]) -> list[str]:
        return [f for f in fields if f in self.extraction.fields]

    def quantity(self, field: str) -> Quantity:
        quantity = self.extraction.fields[field].quantity
        assert quantity is not None, field
        return quantity

    def not_assessable(self, rule: Rule, fields: list[str]) -> Outcome | None:
        """An outcome saying which inputs are absent or not numbers, or None when all are there.

        A row the report lacks, a blank cell, '/' or 无 is never taken for zero."""
        problems, missing = [], []
        for field in fields:
            figure = self.extraction.fields.get(field)
            if figure is None:  # a reason is in English, as JSON's other keys
                problems.append(word("reason.no_row", "en", field=self.title(field, "en")))
                missing.append("no_row")
            elif figure.quantity is None:
                problems.append(word("reason.cell", "en", field=self.title(field, "en"),
                                     state=word(f"cell_state.{figure.state}", "en")))
                missing.append(figure.state)
        if not problems:
            return None
        return Outcome(rule, "not_assessable", reason="; ".join(problems), missing=tuple(missing))

    def title(self, field: str, lang: str) -> str:
        definition = self.library.field_def(field)
        return definition.title.get(lang) if definition else field

    # --- message parameters ----------------------------------------------------------------

    def labelled(self, prefix: str, field: str) -> dict[str, str]:
        """{prefix}: the value as written; {prefix}_label: the field's title, in each language."""
        params = {prefix: self.quantity(field).display}
        for lang in LANGS:
            params[f"{prefix}_label_{lang}"] = self.title(field, lang)
        return params

    def parts_params(self, fields: list[str], unit: str | None) -> dict[str, str]:
        """{parts}: 'a 1 + b 2'; {parts_sum}: their sum in the total's unit."""
        quantities = [self.quantity(f) for f in fields]
        params = {"parts_sum": iv.show(iv.point(quantities), unit) + (unit or "")}
        shown = [(f, q) for f, q in zip(fields, quantities) if q.value] or list(zip(fields, quantities))[:1]
        zeros = len(fields) - len(shown)
        for lang in LANGS:
            listed = " + ".join(f"{self.title(f, lang)} {q.display}" for f, q in shown)
            rest = word("parts.others", lang, count=zeros) if zeros else ""
            params[f"parts_{lang}"] = listed + rest
        return params

    def side_params(self, prefix: str, fields: list[str]) -> dict[str, str]:
        quantities = [self.quantity(f) for f in fields]
        unit = quantities[0].unit
        shown = quantities[0].display if len(quantities) == 1 else iv.show(iv.point(quantities), unit) + (unit or "")
        params = {prefix: shown}
        for lang in LANGS:
            params[f"{prefix}_label_{lang}"] = " + ".join(self.title(f, lang) for f in fields)
        return params

    # --- findings -------------------------------------------------------------------------

    def fail(self, rule: Rule, params: dict[str, str], expected: str, actual: str,
             fields: list[str] = (), figures: list[NarrativeFigure] = (),  # type: ignore[assignment]
             severity: str | None = None, message: Text | None = None,
             suggestion: Suggestion | None = None) -> Outcome:
        """A failed outcome with its finding, made once with its final severity (`severity` for a
        scope warning, else the rule's, as the team's policy sets it), wording and visibility."""
        # The narrative first: it is what a reader meets, and what the compiler most often mistyped.
        places = [self.narrative_place(f) for f in figures] + [self.table_place(f) for f in fields]
        finding = self.finding(rule, params, expected, actual, places, severity=severity, message=message)
        finding.assumptions = self.assumptions(fields)
        finding.suggestion = suggestion
        return Outcome(rule, "suppressed" if finding.hidden else "failed", finding)

    def finding(self, rule: Rule, params: dict[str, str], expected: str, actual: str, places: list[Place],
                severity: str | None = None, message: Text | None = None, doubt: str = "report") -> Finding:
        made = Finding(rule, params, expected=expected, actual=actual, places=places, doubt=doubt,  # type: ignore[arg-type]
                       severity=self.policy.severity(rule.id, severity or rule.severity),
                       message_template=message or rule.message)
        made.hidden = self.policy.hide(made)
        return made

    def assumptions(self, fields: list[str]) -> tuple[str, ...]:
        """What the figures of `fields` assume ("blank_zero", "derived"), each once, in a fixed order."""
        found = {figure.assumption for f in fields if (figure := self.extraction.fields.get(f)) and figure.assumption}
        return tuple(sorted(found))

    def table_place(self, field: str) -> Place:
        figure: TableFigure = self.extraction.fields[field]
        table, column, labelled = self._axes(field)
        label = figure.label.text if labelled else ""  # a row read by position: its "label" is a figure
        return Place(figure.location, figure.cell.text, label, "table", field, label, table=table, column=column)

    def _axes(self, field: str) -> tuple[str | None, str, bool]:
        """The cell's table number in the form ("" for the one 统计表 of the pre-2019 form, None where
        unknown), its column heading (the form's own words, as the report prints them), and whether
        its row has a label."""
        template = self.library.templates.get(template_of(self.extraction, field) or "")
        if template is None:
            return None, "", True
        if field in template.cell_axes:
            number, column, labelled = template.cell_axes[field]
            return number, column.zh, labelled
        cumulative = field.startswith(CUMULATIVE) and template.info.cumulative_headers
        return ("" if not template.tables else None), (template.info.cumulative_headers[0] if cumulative else ""), True

    def narrative_place(self, figure: NarrativeFigure) -> Place:
        # "135条", or a zero stated in words
        return self.text_place(figure.block, figure.start, figure.end, figure.sentence.strip())

    def text_place(self, block: TextBlock, start: int, end: int, context: str) -> Place:
        """Where block.text[start:end] stands: its line, the heading above it, a quote for Ctrl+F."""
        return Place(block.locate(start), block.text[start:end], context, "narrative",
                     section=self._heading(block), quote=quote_around(block.text, start, end))

    def _heading(self, block: TextBlock) -> str:
        """The heading a block stands under (itself, when it is one), from one pass over the document."""
        if "headings" not in self.memo:
            headings, current = {}, ""
            for item in self.extraction.document.blocks:
                if isinstance(item, TextBlock):
                    current = item.text.strip() if item.kind == "heading" else current
                    headings[id(item)] = current
            self.memo["headings"] = headings
        return self.memo["headings"].get(id(block), "")


QUOTE_BEFORE, QUOTE_AFTER = 10, 6  # characters either side of a figure in its Ctrl+F quote
SENTENCE_ENDS = "。；！？;!?"


def quote_around(text: str, start: int, end: int) -> str:
    """The figure with a few characters either side, exactly as written, within its sentence and never
    across a space or line break (which Word's search would not match): what a compiler pastes into Ctrl+F."""
    lo = start
    while lo > max(0, start - QUOTE_BEFORE) and not _stops_quote(text[lo - 1]):
        lo -= 1
    hi = end
    while hi < min(len(text), end + QUOTE_AFTER) and not text[hi].isspace():
        hi += 1
        if text[hi - 1] in SENTENCE_ENDS:
            break
    return text[lo:hi]


def _stops_quote(char: str) -> bool:
    return char.isspace() or char in SENTENCE_ENDS
