"""Errors the user can act on. The CLI prints them as one line and exits with code 2.

Their reasons are `Said` texts from the catalogue (auditor/model/words.toml, section [input]):
a str in English, as libraries and logs expect, that says itself in any language with `say`.
"""

from __future__ import annotations

from typing import Any


class Said(str):
    """A catalogue text: the English str of `key`, and its other languages by `say(text, lang)`.
    Values may be Said texts themselves (a reason inside a reason)."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> Said:
        self = super().__new__(cls, _text(key, "en", values))
        self.key, self.values = key, values
        return self

    def __reduce__(self):  # noqa: ANN204 - pickled with its key, for worker processes
        return _said, (self.key, self.values)

    def text(self, lang: str) -> str:
        return _text(self.key, lang, self.values)


def _said(key: str, values: dict[str, Any]) -> Said:
    return Said(key, **values)


def _text(key: str, lang: str, values: dict[str, Any]) -> str:
    from auditor.model.words import word

    return word(key, lang, **{name: say(value, lang) for name, value in values.items()})


def say(text: object, lang: str) -> str:
    """`text` in `lang`: a Said text in that language, anything else as it is."""
    return text.text(lang) if isinstance(text, Said) else str(text)


# Pydantic's error types a rule or configuration file most often meets, in the catalogue's words.
_VALIDATION = {"extra_forbidden": "unknown_key", "missing": "missing_key", "string_type": "not_text",
               "int_type": "not_integer", "int_parsing": "not_integer", "bool_type": "not_bool",
               "bool_parsing": "not_bool", "list_type": "not_list", "dict_type": "not_table",
               "model_type": "not_table", "float_type": "not_number", "float_parsing": "not_number"}


def validation_reason(error: dict[str, Any]) -> str:
    """The reason of one Pydantic validation error: in the catalogue's words where it has them."""
    kind = error.get("type", "")
    if kind in _VALIDATION:
        return Said(f"input.{_VALIDATION[kind]}")
    if kind in ("literal_error", "enum") and "expected" in error.get("ctx", {}):
        return Said("input.one_of", expected=error["ctx"]["expected"])
    return str(error.get("msg", kind)).removeprefix("Value error, ")


class AuditorError(Exception):
    """An error the user can act on: printed as one line, exit code 2."""

    def message(self, lang: str) -> str:
        return say(self.args[0], lang) if self.args else str(self)


class InputError(AuditorError):
    """The input file cannot be read as a report (missing, binary, empty, unsupported...)."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")

    def message(self, lang: str) -> str:
        return Said("input.at", path=self.path, reason=self.reason).text(lang)


class RuleFileError(AuditorError):
    """A check-library file (rules or template) that is not valid: names file, line and key."""

    def __init__(self, path: str, line: int | None, key: str | None, reason: str):
        self.path, self.line, self.key, self.reason = path, line, key, reason
        where = f"{path}:{line}" if line else path
        subject = f"{key}: " if key else ""
        super().__init__(f"{where}: {subject}{reason}")

    def message(self, lang: str) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.key:
            return Said("input.at_key", where=where, name=self.key, reason=self.reason).text(lang)
        return Said("input.at_line" if self.line else "input.at", where=where, path=where, reason=self.reason).text(lang)
