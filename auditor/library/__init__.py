"""The check library: templates (the statutory tables' fields) and rules, read from TOML.

The built-in library is the top-level `checks/` folder, shipped inside the package as
`auditor/_checks`. Users add folders of their own rule files with `--rules DIR`; they are
validated the same way, and every error names the file, the line and the key.
"""

from __future__ import annotations

import fnmatch
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from auditor.library.cache import cache_key, cached_as
from auditor.library.cases import CASES_FOLDER
from auditor.library.schema import (
    RULE_KINDS,
    FieldDef,
    Rule,
    SectionDef,
    SplitDef,
    TableDef,
    TemplateFile,
    TemplateInfo,
    Text,
)
from auditor.library.tomlfile import line_of, read_toml
from auditor.model.errors import AuditorError, RuleFileError, Said, validation_reason
from auditor.model.files import not_regular


@dataclass
class Template:
    info: TemplateInfo
    sections: list[SectionDef]
    fields: dict[str, FieldDef]
    tables: list[TableDef] = field(default_factory=list)
    splits: list[SplitDef] = field(default_factory=list)  # the form's equations ([[split]])

    @property
    def id(self) -> str:
        return self.info.id

    def derive(self) -> None:
        """Compute the derived views below now, so that a library read back from the cache holds
        them and a run never builds (and validates) their FieldDefs."""
        for name in ("equations", "single_fields", "single_labels", "units", "cell_axes"):
            getattr(self, name)

    @functools.cached_property
    def equations(self) -> list[tuple[list[str], list[str]]]:
        """The form's equations as (left, right) lists of fields, in the template's order: what
        extraction cuts run-together digits by (derived once per template, never per report)."""
        return [side for split in self.splits for side in split.sides()]

    @functools.cached_property
    def single_fields(self) -> list[FieldDef]:
        """The fields of single-value rows (the pre-2019 form), not the cells of grid tables, nor
        their cumulative twins."""
        cells = {cell.id for table in self.tables for cell in table.cells()}
        return [f for f in self.fields.values() if f.id not in cells and not f.id.startswith(CUMULATIVE)]

    @functools.cached_property
    def single_labels(self) -> dict[str, str]:
        """Label → field, for the labels of single-value rows that name one field only."""
        owners: dict[str, set[str]] = {}
        for field_def in self.single_fields:
            for label in field_def.labels:
                owners.setdefault(label, set()).add(field_def.id)
        return {label: next(iter(ids)) for label, ids in owners.items() if len(ids) == 1}

    @functools.cached_property
    def cell_axes(self) -> dict[str, tuple[str, Text, bool]]:
        """Grid cell → its table's number in the form (三), its column's title, and whether its row
        has a label (table 四's one data row has none): how a reviewer names the cell (表三“自然人”列)."""
        return {f"{table.id}.{row.id}.{col.id}" if table.rows else f"{table.id}.{col.id}":
                (table.number, col.title, bool(table.rows))
                for table in self.tables for col in table.columns for row in (table.rows or [None])}

    @functools.cached_property
    def units(self) -> dict[str, str]:
        """Grid cell → the unit its column states (件, 万元)."""
        return {f"{table.id}.{row.id}.{col.id}" if table.rows else f"{table.id}.{col.id}": col.unit or ""
                for table in self.tables for col in table.columns for row in (table.rows or [None])}


@dataclass
class Library:
    templates: dict[str, Template] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    origin: dict[str, Path] = field(default_factory=dict)  # rule id → file it came from
    key: str = ""  # what it was built from, digested (auditor.library.cache); "" when not known

    def rule(self, rule_id: str) -> Rule | None:
        wanted = rule_id.strip()
        return next((r for r in self.rules if wanted in (r.id, r.name) or wanted.upper() == r.id), None)

    def field_def(self, field_id: str) -> FieldDef | None:
        for template in self.templates.values():
            if field_id in template.fields:
                return template.fields[field_id]
        return None


CUMULATIVE = "cumulative."  # the 历年累计 column of a row: field "cumulative.active.total"


def cumulative_twin(field_def: FieldDef) -> FieldDef:
    title = Text(zh=f"{field_def.title.zh}（历年累计）", en=f"{field_def.title.en} (cumulative)")
    return FieldDef(id=CUMULATIVE + field_def.id, labels=field_def.labels, title=title)


def builtin_dir() -> Path:
    """The installed check library, or the source tree's checks/ in a development checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_checks"
    return installed if installed.is_dir() else package.parent / "checks"


def examples_dir() -> Path:
    """Each rule's failing and passing example report (fixtures/rules in a checkout)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_examples"
    return installed if installed.is_dir() else package.parent / "fixtures" / "rules"


@functools.lru_cache(maxsize=8)
def _load_cached(folders: tuple[Path, ...]) -> Library:
    """Once per process; across processes through the cache folder (auditor.library.cache)."""
    files = [path for folder in folders for path in _toml_files(folder)]
    try:
        key = cache_key(files)
    except (OSError, AuditorError):  # a rule file vanished or is no file: building says so properly
        return _build(files)
    library = cached_as(key, lambda: _build(files))
    library.key = key  # the identity the result cache keys reports by
    return library


def _build(files: list[Path]) -> Library:
    library = Library()
    parsed = [(path, *read_toml(path)) for path in files]
    for path, data, source in parsed:  # templates first: rules refer to their fields
        if "template" in data:
            _add_template(library, path, data, source)
    for path, data, source in parsed:
        if "template" not in data:
            _add_rules(library, path, data, source)
    for path, data, source in parsed:  # after every rule is known: a team extends a built-in one
        for index, entry in enumerate(data.get("extend", [])):
            _extend(library, path, source, index, entry)
    library.rules.sort(key=lambda rule: rule.id)
    for template in library.templates.values():
        template.derive()
    return library


def load_library(extra: Iterable[Path | str] = ()) -> Library:
    """The built-in library plus the user's rule folders (or single files)."""
    folders = [builtin_dir()]
    for item in extra:
        path = Path(item)
        if not path.exists():
            raise RuleFileError(str(item), None, None, Said("input.no_such_path"))
        if not path.is_dir() and not path.is_file():  # a FIFO or a device: never opened
            raise RuleFileError(str(item), None, None, not_regular(path.stat().st_mode) or Said("input.not_a_file"))
        folders.append(path.resolve())
    return _load_cached(tuple(folders))


def _toml_files(folder: Path) -> list[Path]:
    """The rule and template files of a folder; its cases/ (see auditor.rulecases) are not rules."""
    files = [folder] if folder.is_file() else sorted(
        p for p in folder.rglob("*.toml") if CASES_FOLDER not in p.relative_to(folder).parts[:-1])
    if not files:
        raise RuleFileError(str(folder), None, None, Said("input.no_rule_files"))
    return files


def _add_template(library: Library, path: Path, data: dict[str, Any], source: str) -> None:
    try:
        parsed = TemplateFile.model_validate(data)
    except ValidationError as exc:
        raise _error_at(path, source, (), exc) from None
    info = parsed.template
    if info.id in library.templates:
        raise RuleFileError(str(path), line_of(source, ("template", "id")), "template.id",
                            Said("input.template_twice", id=repr(info.id)))
    fields = {f.id: f for f in parsed.all_fields()}
    if info.cumulative_headers:  # forms with a 历年累计 column: a twin of each single-value row
        fields |= {twin.id: twin for twin in map(cumulative_twin, parsed.field)}
    library.templates[info.id] = Template(info, parsed.section, fields, parsed.table, parsed.split)


def _add_rules(library: Library, path: Path, data: dict[str, Any], source: str) -> None:
    unknown = sorted(set(data) - {"rule", "extend"})
    if unknown:
        raise RuleFileError(str(path), line_of(source, (unknown[0], 0)), unknown[0],
                            Said("input.rule_file_key"))
    entries = data.get("rule", [])
    for key in ("rule", "extend"):
        if not isinstance(data.get(key, []), list):
            raise RuleFileError(str(path), line_of(source, (key,)), key, Said("input.array_of_tables", table=key))
    if not entries and not data.get("extend"):  # an empty file is a mistake (a failed save, the wrong file)
        raise RuleFileError(str(path), None, None, Said("input.no_rules"))
    for index, entry in enumerate(entries):
        rule = _validate_rule(path, source, index, entry)
        _check_references(library, path, source, index, rule)
        if library.rule(rule.id) is not None:
            raise RuleFileError(str(path), line_of(source, ("rule", index, "id")), "id",
                                Said("input.rule_twice", id=rule.id, origin=str(library.origin[rule.id])))
        _check_unique_name(library, path, source, index, rule)
        library.rules.append(rule)
        library.origin[rule.id] = path


def _check_unique_name(library: Library, path: Path, source: str, index: int, rule: Rule) -> None:
    """A rule's name selects it (--select, explain, [[extend]]) as its id does: two rules of one
    name would make the name mean whichever was loaded first."""
    other = next((r for r in library.rules if r.name == rule.name), None)
    if other is not None:
        raise RuleFileError(str(path), line_of(source, ("rule", index, "name")), "name",
                            Said("input.name_twice", name=rule.name, id=other.id, origin=str(library.origin[other.id])))


EXTENDABLE = ("phrases", "zero_phrases", "exclude", "hints", "templates", "openers", "incomplete", "share_words",
              "whole_words", "reduplicated", "pairs", "patterns")


def _extend(library: Library, path: Path, source: str, index: int, entry: Any) -> None:
    """`[[extend]] rule = "N201", phrases = [...]`: add to a rule's lists without copying it."""
    where = ("extend", index)
    if not isinstance(entry, dict) or not isinstance(entry.get("rule"), str):
        raise RuleFileError(str(path), line_of(source, where), "rule", Said("input.extend_which"))
    rule = library.rule(entry["rule"])
    if rule is None:
        raise RuleFileError(str(path), line_of(source, (*where, "rule")), "rule", Said("input.no_rule", id=repr(entry["rule"])))
    data = rule.model_dump(exclude_defaults=False)
    for key, values in entry.items():
        if key == "rule":
            continue
        if key not in EXTENDABLE or key not in data:
            raise RuleFileError(str(path), line_of(source, (*where, key)), key,
                                Said("input.not_extendable", name=repr(key), id=rule.id, extendable=", ".join(EXTENDABLE)))
        if not isinstance(values, list):
            raise RuleFileError(str(path), line_of(source, (*where, key)), key, Said("input.extend_list"))
        data[key] = [*data[key], *(v for v in values if v not in data[key])]
    try:
        extended = type(rule).model_validate(data)
    except ValidationError as exc:
        raise _error_at(path, source, where, exc) from None
    _check_references(library, path, source, index, extended, table="extend")
    library.rules[library.rules.index(rule)] = extended


def _validate_rule(path: Path, source: str, index: int, entry: dict[str, Any]) -> Rule:
    kind = entry.get("kind")
    model = RULE_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        known = ", ".join(RULE_KINDS)
        reason = Said("input.unknown_kind", kind=repr(kind), known=known) if kind else Said("input.no_kind", known=known)
        raise RuleFileError(str(path), line_of(source, ("rule", index, "kind")), "kind", reason)
    try:
        return model.model_validate(entry)  # type: ignore[return-value]
    except ValidationError as exc:
        raise _error_at(path, source, ("rule", index), exc) from None


def _check_references(library: Library, path: Path, source: str, index: int, rule: Rule,
                      table: str = "rule") -> None:
    """Templates and fields `rule` names exist; an error points at the index-th [[table]]."""
    for template_id in rule.templates:
        if template_id not in library.templates:
            raise RuleFileError(str(path), line_of(source, (table, index, "templates")), "templates",
                                Said("input.rule_template", id=repr(template_id)))
    scope = [library.templates[t] for t in rule.templates] or list(library.templates.values())
    known = {f for template in scope for f in template.fields}
    for pattern in getattr(rule, "fields", []) if rule.kind == "integer" else []:
        if not fnmatch.filter(known, pattern):
            raise RuleFileError(str(path), line_of(source, (table, index, "fields")), "fields",
                                Said("input.pattern_no_field", pattern=repr(pattern)))
    for field_id in rule.field_refs():
        if field_id not in known:
            key = next(k for k in ("total", "parts", "optional", "each", "left", "right", "fields", "hints")
                       if field_id in str(getattr(rule, k, "")))
            raise RuleFileError(str(path), line_of(source, (table, index, key)), key,
                                Said("input.unknown_field", id=repr(field_id)))


def _error_at(path: Path, source: str, prefix: tuple[str | int, ...], exc: ValidationError) -> RuleFileError:
    """The first validation problem, placed on its line; an unknown key (often a misspelt one)
    comes before the 'missing' that the misspelling causes."""
    error = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    full = (*prefix, *loc)
    key = ".".join(str(p) for p in loc if isinstance(p, str)) or None
    return RuleFileError(str(path), line_of(source, full), key, validation_reason(error))
