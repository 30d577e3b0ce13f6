"""Configuration: `[tool.auditor]` in pyproject.toml, or auditor.toml / .auditor.toml.

Found by walking up from each audited file (the closest wins), or named with --config.
Command-line options override the file; unknown keys are errors naming file, line and key.

    [tool.auditor]
    select = ["P", "N1", "S101"]        # rule ids or prefixes; default: all
    ignore = ["A102"]
    fail-on = "warning"
    lang = "en"
    template = "new2021"
    blank = "auto"                       # blank cells: "auto" (as each table's evidence says), "zero", "unknown"
    rules = ["team-checks"]              # folders of the team's own rule files, relative to this file
    [tool.auditor.severity]
    N201 = "error"
    [tool.auditor.per-path-ignores]
    "archive/**" = ["N"]
"""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor.library.schema import Rule, Severity
from auditor.library.tomlfile import line_of, read_toml
from auditor.model.errors import RuleFileError, validation_reason

CONFIG_FILES = ("auditor.toml", ".auditor.toml", "pyproject.toml")


class Config(BaseModel):
    # defer_build: the validator is built only when a configuration file is read
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)

    select: list[str] = []
    ignore: list[str] = []
    severity: dict[str, Severity] = {}
    per_path_ignores: dict[str, list[str]] = Field(default={}, alias="per-path-ignores")
    rules: list[str] = []
    template: Optional[str] = None
    blank: Optional[Literal["auto", "zero", "unknown"]] = None  # when a blank cell reads as 0 (extract/blanks.py)
    lang: Optional[Literal["zh", "en"]] = None
    fail_on: Optional[Literal["error", "warning", "info", "never"]] = Field(default=None, alias="fail-on")
    path: Optional[Path] = Field(default=None, exclude=True)  # the file it was read from

    def rule_folders(self) -> list[Path]:
        base = self.path.parent if self.path else Path.cwd()
        return [(base / folder).resolve() for folder in self.rules]

    def enabled(self, rule_id: str, report: Path) -> bool:
        """Is the rule selected, not ignored, and not ignored for this file's path?"""
        return self.rule_filter(report)(rule_id)

    def rule_filter(self, report: Path) -> Callable[[str], bool]:
        """`enabled` for one report: the report's path is matched against the per-path ignores
        once, not once per rule (and not resolved at all when there are none)."""
        ignored = self._path_ignores(report)

        def enabled(rule_id: str) -> bool:
            if self.select and not _matches(rule_id, self.select):
                return False
            return not _matches(rule_id, self.ignore) and not any(_matches(rule_id, ids) for ids in ignored)

        return enabled

    def selecting(self, select: list[str], ignore: list[str]) -> Config:
        """This configuration under the command line's --select and --ignore, as ruff layers them:
        a --select replaces the file's selection (its select and its ignore), an --ignore alone
        adds to the file's ignore; the per-path ignores stay."""
        if select:
            return self.model_copy(update={"select": list(select), "ignore": list(ignore)})
        if ignore:
            return self.model_copy(update={"ignore": [*self.ignore, *ignore]})
        return self

    def _path_ignores(self, report: Path) -> list[list[str]]:
        """The rule selectors the per-path ignores give `report`."""
        if not self.per_path_ignores:
            return []
        relative = self._relative(report)
        return [ids for pattern, ids in self.per_path_ignores.items()
                if fnmatch.fnmatch(relative, pattern) or PurePosixPath(relative).match(pattern)]

    def _relative(self, report: Path) -> str:
        base = self.path.parent if self.path else Path.cwd()
        try:
            return report.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return report.as_posix()


# Every setting at its default. Built without validation (there is nothing to validate), so that a
# run without a configuration file never builds the model's validator.
DEFAULTS = Config.model_construct()


def _matches(rule_id: str, selectors: list[str]) -> bool:
    return any(rule_id == s.upper() or rule_id.startswith(s.upper()) for s in selectors)


def resolve_selectors(selectors: list[str], rules: Iterable[Rule]) -> tuple[list[str], list[str]]:
    """Rule selectors as the configuration takes them — ids and id prefixes (N101, N1, N), any
    case — with rule names turned into their ids; and the selectors that match no rule."""
    rules = list(rules)
    by_name = {rule.name: rule.id for rule in rules}
    resolved, unknown = [], []
    for selector in selectors:
        if selector in by_name:
            resolved.append(by_name[selector])
        elif any(_matches(rule.id, [selector]) for rule in rules):
            resolved.append(selector.upper())
        else:
            unknown.append(selector)
    return resolved, unknown


def load_config(path: Path) -> Config:
    """The configuration in `path` (auditor.toml, .auditor.toml, or pyproject.toml's [tool.auditor])."""
    data, source = read_toml(path)
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        data, prefix = data.get("tool", {}).get("auditor", {}), ("tool", "auditor")
    try:
        return Config.model_validate({**data, "path": path})
    except ValidationError as exc:
        error = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        loc = tuple(str(part) for part in error["loc"])
        raise RuleFileError(str(path), line_of(source, (*prefix, *loc)), ".".join(loc), validation_reason(error)) from None


def find_config(report: Path) -> Config:
    """The closest configuration above `report`, or the defaults."""
    return _config_in(report.resolve().parent)


@functools.lru_cache(maxsize=256)
def _config_in(folder: Path) -> Config:
    for name in CONFIG_FILES:
        candidate = folder / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
            return load_config(candidate)
    return DEFAULTS if folder.parent == folder else _config_in(folder.parent)


def _has_tool_table(pyproject: Path) -> bool:
    data, _ = read_toml(pyproject)
    return "auditor" in data.get("tool", {})
