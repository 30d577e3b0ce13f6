"""Paraphrase tests (issue 12): every sentence of the real corpus in which a narrative rule reads a
table figure, written as another body would write it (tests/paraphrase/: synonyms, word order,
quantity words, Chinese numerals, an inserted clause, other punctuation), must give the same rule
the same figure and the same outcome; so must the made-up cases of tests/paraphrase/made_up.toml,
each a short named sentence with a habit of the issue.

Each paraphrase is substituted into the report's own sentence, the rest of the report unchanged,
and the edited document is audited again (once per report and paraphrase: every sentence it
applies to is rewritten at once). A paraphrase the tool reads wrongly today is a strict xfail
naming what is missing (GAPS), so that it fails the moment the phrase is read.
"""

from __future__ import annotations

import fnmatch
import functools
from collections import Counter
from pathlib import Path

import pytest
import tomllib
from corpus import REAL
from paraphrase.claims import Place, Reading, narrative_rules, ran, readings, sentences
from paraphrase.edit import replaced
from paraphrase.kinds import PARAPHRASES
from paraphrase.numerals import in_words
from paraphrase.sentence import NotApplicable, Sentence

from auditor.api import audit_document
from auditor.library import load_library
from auditor.library.cases import Case
from auditor.load import load
from auditor.load.text import load_bytes
from auditor.rulecases import run_case

# The text form of every report that has one, and the reports only held as PDF (other bodies).
_TEXT = sorted(p.name for p in REAL.glob("*.txt"))
_PDF_ONLY = sorted(p.name for p in REAL.glob("*.pdf") if not (REAL / (p.stem + ".txt")).exists())
REPORTS = _TEXT + _PDF_ONLY
MADE_UP = Path(__file__).parent / "paraphrase" / "made_up.toml"
ERROR = "failed (error)"  # a reading's outcome, as paraphrase.claims.readings says it

# (paraphrase ids, rules, reports (fnmatch patterns each; made-up cases are "made-up/<name>"),
# what the tool does not read yet): strict xfails, for the grammar of the narrative rules to take.
# None today: every paraphrase of the corpus and of made_up.toml is read as its original.
GAPS: list[tuple[list[str], list[str], list[str], str]] = []


def _gap(paraphrase: str, rule: str, report: str) -> str | None:
    return next((reason for ids, rules, reports, reason in GAPS
                 if any(fnmatch.fnmatch(paraphrase, p) for p in ids) and any(fnmatch.fnmatch(rule, r) for r in rules)
                 and any(fnmatch.fnmatch(report, r) for r in reports)), None)


def _param(values: tuple, paraphrase: str, rule: str, report: str, test_id: str):
    reason = _gap(paraphrase, rule, report)
    return pytest.param(*values, marks=[pytest.mark.xfail(strict=True, reason=reason)] if reason else [], id=test_id)


@functools.cache
def _library():
    return load_library()


@functools.cache
def _original(name: str):
    return audit_document(load(REAL / name), _library())


@functools.cache
def _sentences(name: str) -> dict[Place, Sentence]:
    report = _original(name)
    return sentences(report.document, ran(report, _library()))


@functools.cache
def _original_readings(name: str) -> dict[Place, dict[str, list[Reading]]]:
    return readings(_original(name), _library(), list(_sentences(name)))


def _paraphrase(paraphrase: str, sentence: Sentence, template: str | None) -> str | None:
    """The sentence paraphrased; None where the paraphrase would not change it, or changes the
    meaning of its words in this template."""
    chosen = PARAPHRASES[paraphrase]
    if chosen.templates and template not in chosen.templates:
        return None
    try:
        return chosen.apply(sentence)
    except NotApplicable:
        return None


@functools.cache
def _paraphrased(name: str, paraphrase: str):
    """The report with every sentence this paraphrase applies to rewritten and audited: what the
    rules read in each rewritten sentence (by its original place), and the sentences written."""
    template = _original(name).extraction.template
    new = {place: text for place, sentence in _sentences(name).items()
           if (text := _paraphrase(paraphrase, sentence, template)) is not None}
    document, moved = replaced(_original(name).document, new)
    report = audit_document(document, _library())
    now = readings(report, _library(), list(moved.values()))
    return {place: now[moved[place]] for place in new}, new


def _where(name: str, place: Place) -> str:
    location = _original(name).document.blocks[place.block].locate(place.span[0])
    return (f"p{location.page}" if location.page else "") + f"L{location.line}:{location.column}"


def _corpus_params() -> list:
    params = []
    for name in REPORTS:
        template = _original(name).extraction.template
        for place, sentence in _sentences(name).items():
            rules = sorted({claim.rule for claim in sentence.claims})
            for paraphrase in PARAPHRASES:
                if _paraphrase(paraphrase, sentence, template) is None:
                    continue
                for rule in rules:
                    params.append(_param((name, place, rule, paraphrase), paraphrase, rule, name,
                                         f"{name}-{rule}-{_where(name, place)}-{paraphrase}"))
    return params


# ---- the real corpus --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "place", "rule", "paraphrase"), _corpus_params())
def test_paraphrase_reads_the_same(real, name, place, rule, paraphrase):
    """The rule reads the same figures in the paraphrased sentence, with the same outcomes."""
    now, texts = _paraphrased(name, paraphrase)
    want = _original_readings(name)[place].get(rule, [])
    got = now[place].get(rule, [])
    assert got == want, (f"{PARAPHRASES[paraphrase].says}\n  original:    {_sentences(name)[place].text}\n"
                         f"  paraphrased: {texts[place]}\n  {rule} read {got} instead of {want}")


def _applied_params() -> list:
    """(report, paraphrase) for each paraphrase that rewrites some sentence of the report."""
    return [pytest.param(name, paraphrase, id=f"{name}-{paraphrase}") for name in REPORTS for paraphrase in PARAPHRASES
            if any(_paraphrase(paraphrase, s, _original(name).extraction.template) is not None
                   for s in _sentences(name).values())]


@pytest.mark.parametrize(("name", "paraphrase"), _applied_params())
def test_paraphrase_raises_no_new_error(real, name, paraphrase):
    """No rule reads a figure in a paraphrased sentence into an error it did not raise before (a
    rule may read a figure it missed, and agree with the table)."""
    now, texts = _paraphrased(name, paraphrase)
    added = []
    for place, text in texts.items():
        before = _original_readings(name)[place]
        for rule, got in now[place].items():
            errors = Counter(r for r in got if r[2] == ERROR) - Counter(r for r in before.get(rule, []) if r[2] == ERROR)
            added += [f"{rule} {reading} in: {text}" for reading in errors.elements()]
    assert not added, "\n".join(added)


@pytest.mark.parametrize("name", REPORTS)
def test_sentences_put_back_unchanged_read_the_same(real, name):
    """The machinery changes nothing by itself: each sentence substituted by itself audits as the
    report (so a difference in a paraphrase comes from the paraphrase)."""
    original = _original(name)
    document, moved = replaced(original.document, {place: s.text for place, s in _sentences(name).items()})
    again = audit_document(document, _library())
    assert [(o.rule.id, o.status) for o in again.result.outcomes] == \
        [(o.rule.id, o.status) for o in original.result.outcomes]
    now = readings(again, _library(), list(moved.values()))
    assert {place: now[moved[place]] for place in _sentences(name)} == _original_readings(name)


def test_the_corpus_states_figures_for_every_generation(real):
    """The corpus sentences cover the rules of both generations (so the test is not empty)."""
    rules = {claim.rule for name in REPORTS for s in _sentences(name).values() for claim in s.claims}
    assert {"N101", "N102", "N103", "N201", "N202", "N213"} <= rules


# ---- made-up cases ------------------------------------------------------------------------


def _made_up() -> list[dict]:
    return tomllib.loads(MADE_UP.read_text(encoding="utf-8"))["case"]


def _case(entry: dict) -> Case:
    return Case.model_validate({k: v for k, v in entry.items() if k not in ("rule", "gap")})


def _verdict(entry: dict, text: str) -> str:
    library = _library()
    case = _case(entry).model_copy(update={"text": text})
    result = run_case(library.rule(entry["rule"]), case, library)
    return result.got if not result.detail else f"{result.got} ({result.detail})"


def _template(entry: dict) -> str:
    """The case's template, chosen as auditor.rulecases.run_case chooses it."""
    rule = _library().rule(entry["rule"])
    return _case(entry).template or (rule.templates[0] if rule.templates else next(iter(_library().templates)))


def _case_sentences(entry: dict) -> tuple[str, dict[Place, Sentence]]:
    """The case's one paragraph and the sentences in which its rule reads a figure."""
    document = load_bytes(entry["name"], entry["text"].encode("utf-8"), "markdown")
    assert len(document.blocks) == 1, f"{entry['name']}: a made-up case is one paragraph"
    rule = _library().rule(entry["rule"])
    rules = [rule] if rule.kind == "narrative" else \
        [r for r in narrative_rules(_library()) if _template(entry) in r.templates]
    return document.blocks[0].text, sentences(document, rules)


def _made_up_params() -> list:
    params = []
    for entry in _made_up():
        name = f"made-up/{entry['name']}"
        marks = [pytest.mark.xfail(strict=True, reason=entry["gap"])] if "gap" in entry else []
        params.append(pytest.param(entry, None, marks=marks, id=f"{entry['rule']}-{entry['name']}"))
        if "gap" in entry:
            continue  # a paraphrase of a sentence the tool does not read yet says nothing more
        _, found = _case_sentences(entry)
        for paraphrase in PARAPHRASES:
            if any(_paraphrase(paraphrase, s, _template(entry)) is not None for s in found.values()):
                params.append(_param((entry, paraphrase), paraphrase, entry["rule"], name,
                                     f"{entry['rule']}-{entry['name']}-{paraphrase}"))
    return params


@pytest.mark.parametrize(("entry", "paraphrase"), _made_up_params())
def test_made_up_case(entry, paraphrase):
    """A made-up sentence gives its rule the expected outcome; paraphrased, the same one."""
    text, found = _case_sentences(entry)
    if paraphrase is not None:
        new = {place: t for place, s in found.items()
               if (t := _paraphrase(paraphrase, s, _template(entry))) is not None}
        for place in sorted(new, key=lambda p: p.span, reverse=True):
            text = text[:place.span[0]] + new[place] + text[place.span[1]:]
    assert _verdict(entry, text) == entry["expect"], text


# ---- the paraphrases do what they say -----------------------------------------------------


def _sentence_of(text: str, rule: str) -> Sentence:
    entry = {"rule": rule, "name": "probe", "text": text, "expect": "pass"}
    _, found = _case_sentences(entry)
    (sentence,) = found.values()
    return sentence


@pytest.mark.parametrize(("rule", "text", "paraphrase", "written"), [
    ("N201", "全年共受理政府信息公开申请75件。", "synonym:received-01", "全年共收到政府信息公开申请75件。"),
    ("N201", "全年共受理政府信息公开申请75件。", "synonym:request-01", "全年共受理依申请公开申请75件。"),
    ("N201", "全年收到政府信息公开申请75件。", "quantity-word:gongji", "全年收到政府信息公开申请共计75件。"),
    ("N201", "全年共收到政府信息公开申请75件。", "quantity-word:heji", "全年合计收到政府信息公开申请75件。"),
    ("N201", "全年收到政府信息公开申请共75件。", "word-order:swap", "全年收到共75件政府信息公开申请。"),
    ("N201", "全年共收到75件申请，均已答复。", "word-order:swap", "全年共收到申请75件，均已答复。"),
    ("N201", "全年收到政府信息公开申请35件。", "chinese-numeral:small-counts", "全年收到政府信息公开申请三十五件。"),
    ("N201", "全年收到政府信息公开申请共75件。", "inserted-clause:jingtongji", "全年收到政府信息公开申请，经统计，共75件。"),
    ("N201", "全年收到政府信息公开申请75件，均已答复。", "semicolon:swap", "全年收到政府信息公开申请75件；均已答复。"),
    ("N201", "2022年，收到政府信息公开申请75件。", "half-width-marks:all", "2022年,收到政府信息公开申请75件。"),
    ("N201", "全年收到政府信息公开申请75件。", "full-width-digits:all", "全年收到政府信息公开申请７５件。"),
    ("N201", "全年收到政府信息公开申请3119件。", "thousands-separator:ascii", "全年收到政府信息公开申请3,119件。"),
])
def test_paraphrase_writes(rule, text, paraphrase, written):
    assert PARAPHRASES[paraphrase].apply(_sentence_of(text, rule)) == written


def test_a_paraphrase_that_changes_nothing_does_not_apply():
    sentence = _sentence_of("全年收到政府信息公开申请3119件。", "N201")
    for paraphrase in ("chinese-numeral:small-counts", "synonym:received-01", "semicolon:swap"):
        with pytest.raises(NotApplicable):
            PARAPHRASES[paraphrase].apply(sentence)


def test_small_counts_in_words():
    assert [in_words(n) for n in (1, 2, 10, 12, 20, 35, 99)] == ["一", "两", "十", "十二", "二十", "三十五", "九十九"]


def test_every_made_up_case_names_a_narrative_rule():
    rules = {r.id for r in narrative_rules(_library())} | {"A101", "A102", "A103"}
    assert {entry["rule"] for entry in _made_up()} <= rules
