"""What extraction produces: the report's figures, each with the place it stands."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from typing import Literal

from auditor.library.schema import Text
from auditor.model.document import Cell, Document, Location, TextBlock
from auditor.model.numbers import Quantity

# blank, "/" or "—", a word such as 无, a number, or text that does not read as a number.
CellState = Literal["value", "blank", "dash", "word", "unreadable"]
# A value the report does not state: a blank read as 0 (the table's evidence says its zeros were
# left blank), or a blank total derived from its parts.
Assumption = Literal["blank_zero", "derived"]


@dataclass
class TableFigure:
    """A template field as the table states it."""

    field: str
    label: Cell
    cell: Cell
    state: CellState
    quantity: Quantity | None = None
    _: KW_ONLY  # (subclasses add positional fields after these)
    assumption: Assumption | None = None
    derived_from: frozenset[frozenset[str]] | None = None  # a derived total's equation: {{total}, {parts}}

    @property
    def location(self) -> Location:
        return self.cell.location


@dataclass
class NarrativeFigure:
    """A figure the narrative states, with the sentence around it."""

    quantity: Quantity
    block: TextBlock
    start: int  # offsets of the figure in block.text
    end: int
    sentence: str

    @property
    def location(self) -> Location:
        return self.block.locate(self.start)


@dataclass
class Doubt:
    """Something extraction could not read with confidence. Not a report error."""

    code: str  # names the extraction rule that documents it (checks/extraction.toml)
    params: dict[str, str] = field(default_factory=dict)
    location: Location | None = None
    text: str = ""


@dataclass
class Extraction:
    document: Document
    template: str | None
    year: int | None
    template_title: Text | None = None
    body: str | None = None  # the issuing body, as the title names it
    fields: dict[str, TableFigure] = field(default_factory=dict)
    # Table id → id of the template whose definition of that table the report follows (hybrids mix them).
    table_generations: dict[str, str] = field(default_factory=dict)
    narrative: list[NarrativeFigure] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)

    @property
    def assumptions(self) -> dict[str, int]:
        """How many figures each assumption gave ({"blank_zero": 12, "derived": 0}), for every output."""
        counts = {"blank_zero": 0, "derived": 0}
        for figure in self.fields.values():
            if figure.assumption:
                counts[figure.assumption] += 1
        return counts

    @property
    def figure_count(self) -> int:
        """The figures the report states (a blank read as 0 or a derived total is not one)."""
        return self.stated_cells + len(self.narrative)

    @property
    def stated_cells(self) -> int:
        """The table cells the report states a number in (a blank read as 0 or a derived total is not one)."""
        return sum(1 for f in self.fields.values() if f.quantity is not None and not f.assumption)
