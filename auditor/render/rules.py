"""`auditor rules` and `auditor explain`: the check library, documented from the rules themselves."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.library import Library, builtin_dir
from auditor.library.schema import Rule
from auditor.render.console import STYLE, WORDS

HEAD = {
    "zh": ("编号", "名称", "级别", "类型", "标题"),
    "en": ("id", "name", "severity", "kind", "title"),
}


def render_rules_table(library: Library, console: Console, lang: str) -> None:
    table = Table(*HEAD[lang], box=None, header_style="bold")
    for rule in library.rules:
        table.add_row(rule.id, rule.name, Text(WORDS[lang][rule.severity], style=STYLE[rule.severity]),
                      rule.kind, rule.title.get(lang))
    console.print(table)


def render_rules_json(library: Library, lang: str) -> str:
    rows = [{"id": r.id, "name": r.name, "severity": r.severity, "kind": r.kind, "title": r.title.get(lang),
             "templates": r.templates} for r in library.rules]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def render_explain(rule: Rule, library: Library, console: Console, lang: str) -> None:
    console.print(Text.assemble((rule.id, "bold"), " ", (rule.name, "bold"), "  ",
                                (WORDS[lang][rule.severity], STYLE[rule.severity])))
    console.print(Text(rule.title.get(lang), style="bold"))
    console.print()
    console.print(rule.doc.get(lang))
    console.print()
    label = {"zh": ("类型", "适用模板", "所有模板", "定义于", "字段"),
             "en": ("kind", "templates", "all", "defined in", "fields")}[lang]
    console.print(Text.assemble((f"{label[0]}: ", "dim"), rule.kind))
    console.print(Text.assemble((f"{label[1]}: ", "dim"), ", ".join(rule.templates) or label[2]))
    fields = rule.field_refs()
    if fields:
        names = ", ".join(f"{f} ({_title(library, f, lang)})" for f in dict.fromkeys(fields))
        console.print(Text.assemble((f"{label[4]}: ", "dim"), names))
    console.print(Text.assemble((f"{label[3]}: ", "dim"), _origin(library, rule)))


def _origin(library: Library, rule: Rule) -> str:
    """Where the rule is written: built-in rules as checks/…, the user's own as given."""
    path = library.origin.get(rule.id)
    if path is None:
        return ""
    try:
        return "checks/" + path.relative_to(builtin_dir()).as_posix()
    except ValueError:
        return str(path)


def _title(library: Library, field: str, lang: str) -> str:
    definition = library.field_def(field)
    return definition.title.get(lang) if definition else field
