"""The words of auditor come from one catalogue (auditor/model/words.toml): every text in both
languages with the same placeholders, every key the code looks up defined, and no Chinese left in
the code of the render and check stages (docstrings and comments aside)."""

from __future__ import annotations

import ast
import re
import string
import sys
import typing
from pathlib import Path

import pytest

from auditor.model import numbers
from auditor.model.words import CATALOGUE, LANGS, VOCABULARY, alternation, has, word, words

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACKAGE = Path(__file__).parent.parent / "auditor"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
# Modules of the render and check stages whose Chinese has not moved, each with its reason (the
# HTML report's package, render/html_report/, keeps its own words for now and is not scanned).
NOT_SCANNED = {
    "render/ruleformat.py": "writes docs/rule-format.md, an English document whose Chinese is example report text",
}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_is_in_both_languages() -> None:
    data = tomllib.loads((PACKAGE / "model" / "words.toml").read_text(encoding="utf-8"))
    data.pop("vocabulary")

    def leaves(prefix: str, table: dict) -> list[tuple[str, dict]]:
        if set(table) & set(LANGS):
            return [(prefix, table)]
        return [leaf for key, value in table.items() for leaf in leaves(f"{prefix}.{key}".lstrip("."), value)]

    found = leaves("", data)
    assert found and len(found) == len(CATALOGUE)
    for key, texts in found:
        assert set(texts) == set(LANGS), key
        assert all(isinstance(t, str) and t.strip() for t in texts.values()), key


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_use_the_same_placeholders(key: str) -> None:
    zh, en = (_placeholders(CATALOGUE[key][lang]) for lang in ("zh", "en"))
    assert zh == en, key


def test_word_fills_placeholders() -> None:
    assert word("place.more", "zh", count=3) == "…另有 3 处"
    assert word("place.more", "en", count=3) == "… 3 more"
    assert word("verdict.clean", "en") == "no findings"
    assert words("severity", "zh") == {"error": "错误", "warning": "警告", "info": "提示"}
    assert has("severity.error") and not has("severity.fatal")
    with pytest.raises(KeyError):
        word("no.such.key", "zh")


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id == "word" and node.args]


def test_every_key_the_code_looks_up_is_defined() -> None:
    """word("a.b", …) names a key; word("a." + x, …) and word(f"a.{x}", …) a section."""
    sections = {key.rsplit(".", 1)[0] for key in CATALOGUE}
    checked = 0
    for path in PACKAGE.rglob("*.py"):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            key = call.args[0]
            where = f"{path.relative_to(PACKAGE)}:{call.lineno}"
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                assert key.value in CATALOGUE, where
            elif isinstance(key, ast.BinOp) and isinstance(key.left, ast.Constant):
                assert key.left.value.rstrip(".") in sections, where
            elif isinstance(key, ast.JoinedStr) and isinstance(key.values[0], ast.Constant):
                assert key.values[0].value.rstrip(".") in sections, where
            else:
                continue
            checked += 1
    assert checked > 50


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _scanned() -> list[Path]:
    paths = [*PACKAGE.glob("render/*.py"), *PACKAGE.glob("check/*.py")]
    return sorted(p for p in paths if p.relative_to(PACKAGE).as_posix() not in NOT_SCANNED)


@pytest.mark.parametrize("path", _scanned(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_chinese_in_the_code_of_render_and_check(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    chinese = [f"{node.lineno}: {node.value!r}" for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
               and HAN.search(node.value)]
    assert not chinese, "words belong in auditor/model/words.toml: " + "; ".join(chinese)


def test_the_exemptions_are_still_needed() -> None:
    for name in NOT_SCANNED:
        path = PACKAGE / name
        assert not path.exists() or HAN.search(path.read_text(encoding="utf-8")), f"{name} needs no exemption"


# --- the vocabulary ------------------------------------------------------------------------


def test_bounds_are_bounds() -> None:
    known = set(typing.get_args(numbers.Bound))
    for position in ("before", "after_number", "after_unit"):
        assert VOCABULARY["bounds"][position] and set(VOCABULARY["bounds"][position].values()) <= known


def test_the_figure_pattern_and_phrases_read_the_same_bounds() -> None:
    assert numbers.parse_quantity("将近2万条").bound == "at_most"
    assert numbers.parse_quantity("180余条").bound == "at_least"
    assert numbers.parse_quantity("50件左右").bound == "about"
    from auditor.library.phrases import compile_phrase

    for text in ("接近100件", "100余件", "100件以上"):
        assert compile_phrase("收到{N:件}").search("收到" + text)["n"] == text


def test_alternation_tries_the_longest_word_first() -> None:
    assert re.match(alternation(["近", "将近"]), "将近").group() == "将近"
    assert re.search(alternation([]), "任何文字") is None


def test_units_come_from_the_vocabulary() -> None:
    units = VOCABULARY["units"]
    assert numbers.COUNT_UNITS == tuple(units["count"])
    assert set(numbers.MONEY_UNITS) == set(units["money"]) and numbers.MONEY_UNITS["万元"] == 10000
    assert numbers.parse_quantity("3个百分点").dimension == "points"
    assert numbers.parse_quantity("3％").dimension == "percent"


def test_rule_keys_default_to_the_vocabulary() -> None:
    from auditor.library.schema import BreakdownRule, ShareRule

    assert BreakdownRule.model_fields["openers"].default == VOCABULARY["breakdown"]["openers"]
    assert BreakdownRule.model_fields["incomplete"].default == VOCABULARY["breakdown"]["incomplete"]
    assert ShareRule.model_fields["share_words"].default == VOCABULARY["share"]["words"]
    assert ShareRule.model_fields["whole_words"].default == VOCABULARY["share"]["whole"]
