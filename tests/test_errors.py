"""Errors the user can act on speak the user's language: one catalogue (words.toml [input]),
Chinese by default, English complete with --lang en (issue 14, item 1)."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.model.errors import InputError, Said, say
from auditor.model.words import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
# Texts that only join other texts (a place and its reason): nothing of their own to translate.
JOINERS = {"input.at", "input.at_line", "input.at_key", "input.output_not_regular", "input.docx_member",
           "input.os.other"}


def test_every_input_reason_is_said_in_chinese():
    untranslated = [key for key, texts in CATALOGUE.items()
                    if key.startswith("input.") and key not in JOINERS and not CJK.search(texts["zh"])]
    assert untranslated == []


def _reason_arguments():
    """(file, line, argument) for each reason given to InputError, RuleFileError or AuditorError."""
    positions = {"InputError": 1, "RuleFileError": 3, "AuditorError": 0, "OverBudget": 1}
    for path in sorted((ROOT / "auditor").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in positions:
                index = positions[node.func.id]
                if len(node.args) > index:
                    yield path.relative_to(ROOT), node.lineno, node.args[index]


def test_no_reason_is_written_in_english_at_its_raise_site():
    # A literal or an f-string is one language only; a reason comes from the catalogue (Said) or
    # from a variable holding one (a library's own detail goes inside a catalogued text).
    literal = [f"{path}:{line}" for path, line, argument in _reason_arguments()
               if isinstance(argument, (ast.Constant, ast.JoinedStr, ast.BinOp))]
    assert literal == []


def test_a_said_text_is_its_english_str_and_says_itself_in_any_language():
    reason = Said("input.too_large", what=Said("input.what.file"), size="3.0 MB", limit=1)
    assert reason == "the file is too large (3.0 MB; the limit is 1 MB)"
    assert say(reason, "zh") == "文件过大（3.0 MB，上限为 1 MB）"
    assert pickle.loads(pickle.dumps(reason)).text("zh") == say(reason, "zh")  # across worker processes
    error = InputError("报告.txt", Said("input.empty"))
    assert str(error) == "报告.txt: the file is empty" and error.message("zh") == "报告.txt：文件是空的"


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (tmp_path / "report.xyz").write_text("x", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    return {"missing": tmp_path / "missing.txt", "empty": tmp_path / "empty.txt",
            "binary": tmp_path / "binary.txt", "suffix": tmp_path / "report.xyz", "folder": tmp_path}


@pytest.mark.parametrize("case, zh, en", [
    ("missing", "文件不存在", "no such file"),
    ("empty", "文件是空的", "the file is empty"),
    ("binary", "不是文本文件", "not a text file"),
    ("suffix", "不支持的文件类型", "unsupported file type"),
])
def test_a_bad_input_is_one_line_in_the_users_language(bad_inputs: dict[str, Path], case: str, zh: str, en: str):
    path = bad_inputs[case]
    for args, needle, absent in (([], zh, en), (["--lang", "en"], en, zh)):
        result = CliRunner().invoke(app, ["check", *args, str(path)])
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1, result.output
        assert f"{path.name}" in lines[0] and needle in lines[0] and absent not in lines[0]
