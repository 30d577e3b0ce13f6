"""One report published in several forms is one report to the cross-year rules: every form of
year y is compared with the same form of year y − 1 (the one whose tables were read most
completely), whatever the order of the batch, so every form gets the same cross-year verdict."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from auditor.check.crossyear import consecutive, related
from auditor.model.extraction import Extraction


@dataclass
class _Figure:
    quantity: object = 1
    assumption: str | None = None


@dataclass
class _Report:
    path: str
    extraction: Extraction


def form(path, body, year, cells):
    return _Report(path, Extraction(None, None, year, body=body, fields={f"f{i}": _Figure() for i in range(cells)}))


BATCH = [form("2012.pdf", "某县", 2012, 5), form("2012.docx", "某县", 2012, 9), form("2012.txt", "某县", 2012, 9),
         form("2013.docx", "某县", 2013, 9), form("2013.pdf", "某县", 2013, 3), form("2013.html", "某县", 2013, 9),
         form("other-2013.txt", "另一县", 2013, 9), form("nameless.txt", None, 2013, 9)]


def test_every_form_is_paired_with_the_fullest_form_of_the_year_before():
    pairs = {(p.path, c.path) for p, c in consecutive(BATCH)}
    # 2012.docx and 2012.txt read as many cells; the first by path is taken
    assert pairs == {("2012.docx", "2013.docx"), ("2012.docx", "2013.pdf"), ("2012.docx", "2013.html")}


def test_the_pairing_does_not_depend_on_the_order_of_the_batch():
    expected = consecutive(BATCH)
    for order in itertools.islice(itertools.permutations(BATCH), 0, 5000, 97):
        assert {(p.path, c.path) for p, c in consecutive(list(order))} == {(p.path, c.path) for p, c in expected}


def test_a_blank_read_as_zero_is_no_read_cell():
    batch = [form("2012.docx", "某县", 2012, 4), form("2012.txt", "某县", 2012, 2), form("2013.txt", "某县", 2013, 1)]
    batch[1].extraction.fields.update({f"z{i}": _Figure(assumption="blank_zero") for i in range(5)})
    assert [(p.path, c.path) for p, c in consecutive(batch)] == [("2012.docx", "2013.txt")]


def test_each_form_knows_its_other_forms():
    found = {c.path: (p.path if p else None, sorted(t.path for t in twins)) for p, c, twins in related(BATCH)}
    assert found["2013.pdf"] == ("2012.docx", ["2013.docx", "2013.html"])
    assert found["other-2013.txt"] == (None, [])
    assert "nameless.txt" not in found
