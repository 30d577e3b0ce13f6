"""The check library: the built-in rules are valid, and a broken rule file is named precisely."""

from __future__ import annotations

import pytest

from auditor.library import builtin_dir, load_library
from auditor.model.errors import RuleFileError

GOOD = '''[[rule]]
id = "U001"
name = "mine"
kind = "sum"
severity = "error"
templates = ["pre2019"]
total = "request.received"
parts = ["request.online"]
title = { zh = "甲", en = "a" }
message = { zh = "{total}", en = "{total}" }
doc = { zh = "甲", en = "a" }
'''


def load_text(tmp_path, text: str):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return load_library([path])


def broken(tmp_path, text: str) -> RuleFileError:
    with pytest.raises(RuleFileError) as caught:
        load_text(tmp_path, text)
    return caught.value


def test_builtin_library_loads():
    library = load_library()
    assert "pre2019" in library.templates
    ids = [r.id for r in library.rules]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    names = [r.name for r in library.rules]
    assert len(names) == len(set(names))  # a name selects one rule, as an id does
    assert {"P101", "N101", "A101", "A103"} <= set(ids)
    assert builtin_dir().is_dir()


def test_a_valid_user_rule_is_added(tmp_path):
    library = load_text(tmp_path, GOOD)
    assert library.rule("U001") is not None and library.rule("mine") is library.rule("U001")


@pytest.mark.parametrize("edit, line, key, reason", [
    (lambda t: t + 'colour = "red"\n', 12, "colour", "unknown key"),
    (lambda t: t.replace('severity = "error"', 'severity = "fatal"'), 5, "severity", "'error', 'warning' or 'info'"),
    (lambda t: t.replace('kind = "sum"', 'kind = "average"'), 4, "kind", "unknown kind 'average'"),
    (lambda t: t.replace('total = "request.received"', 'total = "request.recieved"'), 7, "total",
     "unknown field 'request.recieved'"),
    (lambda t: t.replace('templates = ["pre2019"]', 'templates = ["2030"]'), 6, "templates", "unknown template"),
    (lambda t: t.replace('message = { zh = "{total}"', 'message = { zh = "{totl}"'), 10, "message",
     "unknown placeholder {totl}"),
    (lambda t: t.replace('id = "U001"', 'id = "P101"'), 2, "id", "already defined"),
    (lambda t: t.replace('name = "mine"', 'name = "request-channels-sum"'), 3, "name",
     "rule name 'request-channels-sum' is already P101's"),
    (lambda t: t.replace('id = "U001"', 'id = "rule one"'), 2, "id", "pattern"),
    (lambda t: t.replace('title = { zh = "甲", en = "a" }\n', ''), 1, "title", "required key is missing"),
])
def test_broken_rule_names_file_line_and_key(tmp_path, edit, line, key, reason):
    error = broken(tmp_path, edit(GOOD))
    assert (error.line, error.key) == (line, key)
    assert reason in error.reason
    assert str(error).startswith(f"{tmp_path / 'mine.toml'}:{line}: {key}: ")


def test_second_rule_in_a_file_is_located(tmp_path):
    second = GOOD.replace("U001", "U002").replace('name = "mine"', 'name = "mine-two"')
    error = broken(tmp_path, GOOD + "\n" + second.replace('parts = ["request.online"]', 'parts = "x"'))
    assert (error.line, error.key) == (20, "parts")


def test_toml_syntax_error_has_a_line(tmp_path):
    error = broken(tmp_path, GOOD.replace('name = "mine"', 'name = "mine'))
    assert error.line == 3 and "invalid TOML" in error.reason


def test_narrative_phrase_must_compile(tmp_path):
    text = GOOD.replace('kind = "sum"', 'kind = "narrative"').replace(
        'total = "request.received"\nparts = ["request.online"]\n',
        'fields = ["request.received"]\nphrases = ["收到(申请{N}"]\n').replace("{total}", "{stated}")
    error = broken(tmp_path, text)
    assert (error.line, error.key) == (8, "phrases") and "does not compile" in error.reason


def test_missing_rules_folder_is_an_error(tmp_path):
    with pytest.raises(RuleFileError, match="no such file or folder"):
        load_library([tmp_path / "nowhere"])


def test_every_rule_has_both_messages_and_docs():
    for rule in load_library().rules:
        for text in (rule.title, rule.message, rule.doc):
            assert text.zh.strip() and text.en.strip(), rule.id


def test_unknown_phrase_word_names_file_line_and_key(tmp_path):
    text = GOOD.replace('kind = "sum"', 'kind = "narrative"').replace(
        'total = "request.received"\nparts = ["request.online"]\n',
        'fields = ["request.received"]\nphrases = ["{收妥}…申请{N}"]\n').replace("{total}", "{stated}")
    error = broken(tmp_path, text)
    assert (error.line, error.key) == (8, "phrases") and "{收妥} is no phrase word" in error.reason


def test_exclusion_pattern_must_compile(tmp_path):
    text = GOOD.replace('kind = "sum"', 'kind = "narrative"').replace(
        'total = "request.received"\nparts = ["request.online"]\n',
        'fields = ["request.received"]\nphrases = ["收到…申请{N}"]\nexclude = ["(?<!各类信息"]\n').replace(
        "{total}", "{stated}")
    error = broken(tmp_path, text)
    assert (error.line, error.key) == (9, "exclude") and "does not compile" in error.reason
