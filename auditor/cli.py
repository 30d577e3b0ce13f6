"""The command line: a thin Typer layer over the library API.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import NoReturn, Optional

import typer

from auditor import __version__
from auditor.errors import AuditorError

app = typer.Typer(
    name="auditor",
    help="Audit 政府信息公开工作年度报告 for internal consistency: narrative vs tables, sums, shares.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Format(str, Enum):
    rich = "rich"
    json = "json"


class RulesFormat(str, Enum):
    rich = "rich"
    json = "json"
    markdown = "markdown"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


LangOption = typer.Option(Lang.zh, "--lang", help="Language of messages: zh (default) or en.")
RulesOption = typer.Option(None, "--rules", help="A folder (or file) of your own rule files; repeatable.")
TemplateOption = typer.Option(None, "--template", help="Use this template instead of detecting one.")


def _fail(message: str) -> NoReturn:
    """One line on stderr, exit code 2: never a traceback for input the user can fix."""
    typer.echo(f"auditor: error: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"auditor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Audit 政府信息公开工作年度报告 for internal consistency."""


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="Report files (.txt, .md).", show_default=False),
    fmt: Format = typer.Option(Format.rich, "--format", help="Output format."),
    lang: Lang = LangOption,
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding is at or above this."),
    rules: Optional[list[Path]] = RulesOption,
    template: Optional[str] = TemplateOption,
) -> None:
    """Audit report files and print the findings."""
    from auditor.api import audit
    from auditor.library import load_library
    from auditor.render.summary import fails

    library = _library(rules)
    reports, bad = [], 0
    for path in files:
        try:
            reports.append(audit(path, library=library, template=template))
        except AuditorError as exc:
            typer.echo(f"auditor: error: {exc}", err=True)
            bad += 1
        except Exception as exc:  # noqa: BLE001 - a bug must not cost the user the other files
            if os.environ.get("AUDITOR_DEBUG"):
                raise
            typer.echo(f"auditor: error: {path}: cannot audit ({type(exc).__name__}: {exc})", err=True)
            bad += 1
    _print_reports(reports, fmt, lang.value)
    if bad:
        raise typer.Exit(2)
    raise typer.Exit(1 if fails(reports, fail_on.value) else 0)


def _library(rules: Optional[list[Path]]):  # noqa: ANN202 - Library, imported lazily
    from auditor.library import load_library

    try:
        return load_library(rules or ())
    except AuditorError as exc:
        _fail(str(exc))


def _print_reports(reports: list, fmt: Format, lang: str) -> None:
    if fmt is Format.json:
        from auditor.render.json import render_json

        sys.stdout.write(render_json(reports, lang))
    elif reports:
        from auditor.render.console import render_console

        render_console(reports, _console(), lang)


def _console():  # noqa: ANN202 - rich.console.Console, imported lazily
    from rich.console import Console

    return Console(highlight=False)


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A report file.", show_default=False),
    lang: Lang = LangOption,
    rules: Optional[list[Path]] = RulesOption,
    template: Optional[str] = TemplateOption,
) -> None:
    """Print the parsed report as JSON: template, every field and narrative figure with its place."""
    from auditor.extract import extract as run_extract
    from auditor.load import load
    from auditor.render.extraction import render_extraction

    library = _library(rules)
    try:
        extraction = run_extract(load(file), library, template)
    except AuditorError as exc:
        _fail(str(exc))
    sys.stdout.write(render_extraction(extraction, lang.value))


@app.command("rules")
def list_rules(
    lang: Lang = LangOption,
    fmt: RulesFormat = typer.Option(RulesFormat.rich, "--format", help="Output format."),
    rules: Optional[list[Path]] = RulesOption,
) -> None:
    """List every rule: id, name, severity, kind and title."""
    from auditor.render.rules import render_rules_json, render_rules_markdown, render_rules_table

    library = _library(rules)
    if fmt is RulesFormat.json:
        sys.stdout.write(render_rules_json(library, lang.value))
    elif fmt is RulesFormat.markdown:
        sys.stdout.write(render_rules_markdown(library))
    else:
        render_rules_table(library, _console(), lang.value)


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A rule id (P101) or name (request-channels-sum).", show_default=False),
    lang: Lang = LangOption,
    rules: Optional[list[Path]] = RulesOption,
) -> None:
    """Explain one rule: what it checks and why."""
    from auditor.render.rules import render_explain

    library = _library(rules)
    found = library.rule(rule)
    if found is None:
        _fail(f"no rule {rule!r} (see `auditor rules`)")
    render_explain(found, library, _console(), lang.value)


def main() -> None:
    try:
        app()
    except AuditorError as exc:  # raised outside a command's own handling
        typer.echo(f"auditor: error: {exc}", err=True)
        sys.exit(2)
