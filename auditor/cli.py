"""The command line: a thin Typer layer over the library API.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import NoReturn, Optional

import typer

from auditor.model.errors import AuditorError
from auditor.version import __version__

app = typer.Typer(
    name="auditor",
    help="Audit 政府信息公开工作年度报告 for internal consistency: narrative vs tables, sums, shares.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


_DEBUG = bool(os.environ.get("AUDITOR_DEBUG"))  # the environment's --debug: show internal tracebacks


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class CheckFormat(str, Enum):
    rich = "rich"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    gitlab = "gitlab"
    markdown = "markdown"
    html = "html"


class RulesFormat(str, Enum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    rule_format = "rule-format"  # docs/rule-format.md: how to write a rule


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


LangOption = typer.Option(Lang.zh, "--lang", help="Language of messages: zh (default) or en.")
RulesOption = typer.Option(None, "--rules", help="A folder (or file) of your own rule files; repeatable.")
TemplateOption = typer.Option(None, "--template", help="Use this template instead of detecting one.")


class Blank(str, Enum):
    auto = "auto"
    zero = "zero"
    unknown = "unknown"


BLANK_HELP = ("Blank table cells: auto (read as 0 where the table's own evidence says its zeros were left blank, "
              "and say so), zero (always 0), unknown (never 0: the checks needing them are not assessable).")
BlankOption = typer.Option(None, "--blank", help=BLANK_HELP + " Default: the configuration's, else auto.")


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
    files: list[str] = typer.Argument(..., help="Report files, folders (searched recursively) or globs: "
                                      ".txt .md .html .docx .pdf .doc .wps (needs LibreOffice).", show_default=False),
    fmt: CheckFormat = typer.Option(CheckFormat.rich, "--format", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of messages: zh (default) or en."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 when a finding is at or above this "
                                             "(default: error)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings (2 still means bad input)."),
    rules: Optional[list[Path]] = RulesOption,
    template: Optional[str] = TemplateOption,
    config: Optional[Path] = typer.Option(None, "--config", help="Use this configuration file instead of the "
                                          "closest auditor.toml / .auditor.toml / pyproject.toml."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Hide the findings recorded in this file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the findings in this file."),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, help="Worker processes."),
    mapping: Optional[Path] = typer.Option(None, "--mapping", help="TOML file giving body and year per report "
                                           "file, for the cross-year rules."),
    timeout: float = typer.Option(300, "--timeout", min=0, help="Seconds one file may take (0: no limit)."),
    blank: Optional[Blank] = BlankOption,
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
) -> None:
    """Audit report files and print the findings."""
    from auditor.outputs import check_targets
    from auditor.run import Options, expand

    debug = debug or _DEBUG
    options = Options(list(rules or []), template, config, lang.value if lang else None,
                      fail_on.value if fail_on else None, mapping, timeout, blank.value if blank else None)
    said = lang.value if lang else "zh"  # the language of error lines (a configuration's comes later)
    paths, missing = expand(files, said)
    try:
        check_targets({"--output": output, "--write-baseline": write_baseline},
                      [*paths, *(rules or []), config, mapping, baseline])
    except AuditorError as exc:
        _fail(exc.message(said))
    for error in missing:
        typer.echo(f"auditor: error: {error}", err=True)
    try:
        if fmt is CheckFormat.jsonl:
            failed, errors = _stream(paths, options, jobs, output, debug)
        else:
            failed, errors = _batch(paths, options, jobs, fmt.value, output, baseline, write_baseline, debug)
    except AuditorError as exc:
        _fail(exc.message(said))
    if missing or errors:
        raise typer.Exit(2)
    raise typer.Exit(0 if exit_zero or not failed else 1)


def _batch(paths: list[Path], options, jobs: int, fmt: str, output: Optional[Path],  # noqa: ANN001
           baseline: Optional[Path], write: Optional[Path], debug: bool) -> tuple[bool, int]:
    """Audit everything, then render: formats that need the whole batch (summary, SARIF, …)."""
    from auditor.run import check_files

    with _progress(len(paths)) as advance:
        run = check_files(paths, options, jobs, progress=advance)
    absent = _baselines(run, baseline, write)
    _say_errors(run, debug)
    for entry in absent:
        typer.echo(f"auditor: baseline: no longer found: {entry.path} {entry.rule} {entry.fingerprint}", err=True)
    _write_output(run, fmt, run.lang(options), output)
    return run.fails(options), len(run.errors)


def _stream(paths: list[Path], options, jobs: int, output: Optional[Path],  # noqa: ANN001
            debug: bool) -> tuple[bool, int]:
    """--format jsonl: one JSON object per line as the workers finish each report."""
    from auditor.outputs import clean, utf8_stdout
    from auditor.run import stream_files

    stream = output.open("w", encoding="utf-8") if output else utf8_stdout()

    def write(line: str) -> None:
        stream.write(clean(line) + "\n")
        stream.flush()

    try:
        run = stream_files(paths, options, jobs, write)
    finally:
        if output:
            stream.close()
    _say_errors(run, debug)
    return run.failed, len(run.errors)


def _say_errors(run, debug: bool) -> None:  # noqa: ANN001
    for error in run.errors:
        typer.echo(f"auditor: error: {error}", err=True)
    if debug:
        for trace in run.traces:
            typer.echo(trace, err=True)


@contextlib.contextmanager
def _progress(total: int):  # noqa: ANN202
    """A progress bar on stderr for a batch on a terminal; nothing otherwise."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("auditor", total=total)
        yield lambda _result: bar.advance(task)


def _baselines(run, baseline: Optional[Path], write: Optional[Path]) -> list:  # noqa: ANN001
    if not (baseline or write):
        return []
    from auditor.policy.baseline import apply_baseline, read_baseline, write_baseline

    absent = apply_baseline(baseline, read_baseline(baseline), run.reports) if baseline else []
    if write:
        count = write_baseline(write, run.reports)
        typer.echo(f"auditor: wrote {count} finding(s) to {write}", err=True)
    return absent


def _write_output(run, fmt: str, lang: str, output: Optional[Path]) -> None:  # noqa: ANN001
    """The report in `fmt`, to stdout or to `output`; GitHub's step summary where Actions asks."""
    from auditor.outputs import clean, write_text
    from auditor.render import render

    if fmt == "rich":
        from auditor.render.console import render_console

        if run.reports:
            if output:
                with output.open("w", encoding="utf-8", errors="replace") as stream:
                    render_console(run.reports, _console(stream), lang, run.unaudited)
            else:
                render_console(run.reports, _console(), lang, run.unaudited)
        return
    write_text(output, render(fmt, run.reports, run.library, lang, run.unaudited))
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from auditor.render.github import step_summary

        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(clean(step_summary(run.reports, lang, run.unaudited)))


def _library(rules: Optional[list[Path]], lang: str):  # noqa: ANN202 - Library, imported lazily
    from auditor.library import load_library

    try:
        return load_library(rules or ())
    except AuditorError as exc:
        _fail(exc.message(lang))


def _console(stream=None):  # noqa: ANN001, ANN202 - rich.console.Console, imported lazily
    from auditor.render.console import make_console

    return make_console(stream)


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A report file.", show_default=False),
    lang: Lang = LangOption,
    rules: Optional[list[Path]] = RulesOption,
    template: Optional[str] = TemplateOption,
    blank: Blank = typer.Option(Blank.auto, "--blank", help=BLANK_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error."),
) -> None:
    """Print the parsed report as JSON: template, every field and narrative figure with its place."""
    from auditor import internal
    from auditor.extract import extract as run_extract
    from auditor.load import load
    from auditor.outputs import write_text
    from auditor.render.extraction import render_extraction

    library = _library(rules, lang.value)
    try:
        extraction = run_extract(load(file), library, template, blank=blank.value)
    except AuditorError as exc:
        _fail(exc.message(lang.value))
    except Exception as exc:  # noqa: BLE001 - a bug, said as one, naming the file
        line, trace = internal.record(file, exc, lang.value)
        if debug or _DEBUG:
            typer.echo(trace, err=True)
        _fail(line)
    write_text(None, render_extraction(extraction, lang.value))


@app.command("rules")
def list_rules(
    lang: Lang = LangOption,
    fmt: RulesFormat = typer.Option(RulesFormat.rich, "--format", help="Output format."),
    rules: Optional[list[Path]] = RulesOption,
) -> None:
    """List every rule: id, name, severity, kind and title."""
    from auditor.outputs import write_text
    from auditor.render.rules import (
        render_rules_json,
        render_rules_markdown,
        render_rules_table,
    )

    library = _library(rules, lang.value)
    if fmt is RulesFormat.json:
        write_text(None, render_rules_json(library, lang.value))
    elif fmt is RulesFormat.markdown:
        write_text(None, render_rules_markdown(library))
    elif fmt is RulesFormat.rule_format:
        from auditor.render.ruleformat import render_rule_format

        write_text(None, render_rule_format(library))
    else:
        render_rules_table(library, _console(), lang.value)


@app.command()
def fields(
    template: Optional[str] = typer.Option(None, "--template", help="Only this template's fields."),
    lang: Lang = LangOption,
    fmt: RulesFormat = typer.Option(RulesFormat.rich, "--format", help="Output format: rich, json or markdown."),
    rules: Optional[list[Path]] = RulesOption,
) -> None:
    """List every field id a rule can name, with its title and the labels that find it in a table."""
    from auditor.outputs import write_text
    from auditor.render.rules import field_rows, render_fields_table

    library = _library(rules, lang.value)
    if template and template not in library.templates:
        _fail(f"no template {template!r} (known: {', '.join(library.templates)})")
    rows = field_rows(library, template, lang.value)
    if fmt is RulesFormat.json:
        import json

        write_text(None, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is RulesFormat.markdown:
        write_text(None, "".join(f"| `{r['field']}` | {r['template']} | {r['title']} | {' / '.join(r['labels'])} |\n"
                                 for r in rows))
    else:
        render_fields_table(rows, _console(), lang.value)


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A rule id (P101) or name (request-channels-sum).", show_default=False),
    lang: Lang = LangOption,
    rules: Optional[list[Path]] = RulesOption,
) -> None:
    """Explain one rule: what it checks and why."""
    from auditor.render.rules import render_explain

    library = _library(rules, lang.value)
    found = library.rule(rule)
    if found is None:
        _fail(f"no rule {rule!r} (see `auditor rules`)")
    render_explain(found, library, _console(), lang.value)


@app.command("test-rules")
def test_rules(
    folders: Optional[list[Path]] = typer.Argument(None, help="Rule folders with a cases/ folder (default: the "
                                                   "built-in library).", show_default=False),
    lang: Lang = LangOption,
) -> None:
    """Run the cases of rule folders (cases/<RULE-ID>.toml): exit 1 when one gives another outcome."""
    from auditor.library import builtin_dir
    from auditor.render.rules import render_case_results
    from auditor.rulecases import run_folder

    folders = list(folders or [builtin_dir()])
    library = _library([f for f in folders if f.resolve() != builtin_dir().resolve()], lang.value)
    try:
        results = [result for folder in folders for result in run_folder(folder, library)]
    except AuditorError as exc:
        _fail(exc.message(lang.value))
    if not results:
        _fail(f"{', '.join(map(str, folders))}: no cases (cases/<RULE-ID>.toml)")
    render_case_results(results, _console(), lang.value)
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


@app.command()
def serve(
    port: int = typer.Option(0, "--port", min=0, max=65535, help="Port on 127.0.0.1 (default: a free one)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open the page in the browser."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the page: zh (default) or en."),
) -> None:
    r"""Open the audit page in the browser: drop reports on it, read or download the reviewer page.
    Needs the web extra: pip install "report-auditor\[web]"."""
    from auditor.web import serve as serve_page

    try:
        serve_page(port, not no_browser, lang.value, typer.echo)
    except AuditorError as exc:
        _fail(str(exc))


def main() -> None:
    """The one boundary: bad input is one line and exit 2; a bug is called a bug (internal error,
    traceback saved or shown with --debug), exit 2; never a traceback for the user to read."""
    try:
        app()
    except AuditorError as exc:  # raised outside a command's own handling
        typer.echo(f"auditor: error: {exc.message(_argv_lang())}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("auditor: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last boundary: a bug, said as one
        from auditor import internal

        line, trace = internal.record(None, exc, _argv_lang())
        typer.echo(f"auditor: error: {line}", err=True)
        if _DEBUG or "--debug" in sys.argv:
            typer.echo(trace, err=True)
        sys.exit(2)


def _argv_lang() -> str:
    args = sys.argv[1:]
    if "--lang=en" in args or any(a == "--lang" and b == "en" for a, b in zip(args, args[1:])):
        return "en"
    return "zh"
