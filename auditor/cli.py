"""The command line: a thin Typer layer over the library API.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import NamedTuple, NoReturn, Optional

import typer
import typer.core

try:
    from typer import _click as click  # Typer vendors Click since 0.2x
except ImportError:  # pragma: no cover - an older Typer, over Click itself
    import click

from auditor.model.errors import AuditorError
from auditor.model.words import LANGS, word
from auditor.version import __version__


def _argv_lang() -> str:
    """The language of help and usage errors, known before the command line is parsed: --lang in
    argv, else AUDITOR_LANG, else zh."""
    args = sys.argv[1:]
    chosen = os.environ.get("AUDITOR_LANG", "")
    for arg, after in zip(args, [*args[1:], ""]):
        if arg == "--lang":
            chosen = after
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return chosen if chosen in LANGS else "zh"


LANG = _argv_lang()


def _h(key: str) -> str:
    return word(f"help.{key}", LANG)


def _say(key: str, lang: str | None = None, **values: object) -> str:
    return word(f"cli.{key}", lang or LANG, **values)


class _Localised:
    """Help and usage errors in the user's language (LANG), the help drawn by auditor itself
    (render_help): the same in every Typer version, without the type labels (<bool>,
    <list[str]>) some add. Auditor's command and group classes mix this in."""

    def get_help_option(self, ctx: click.Context):  # noqa: ANN201
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _h("help")
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [_h("options_metavar")]
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _value_name(param)
                pieces.append(name if param.required else f"[{name}]")
        if isinstance(self, typer.core.TyperGroup):
            pieces.append(_h("command_metavar"))
        return pieces

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write(render_help(self, ctx))

    def main(self, *args, standalone_mode: bool = True, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        """Click's own run, but a usage error is one line in the user's language, exit 2."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except _NO_ARGS_IS_HELP as exc:
            typer.echo(exc.format_message(), err=True)
            sys.exit(2)
        except click.exceptions.UsageError as exc:
            typer.echo(_say("error", message=usage_message(exc, LANG)), err=True)
            sys.exit(2)
        except typer.Abort:
            typer.echo(_say("interrupted"), err=True)
            sys.exit(130)
        except click.exceptions.ClickException as exc:
            typer.echo(_say("error", message=exc.format_message()), err=True)
            sys.exit(exc.exit_code)
        if code == 130:  # Typer's answer to Ctrl+C
            typer.echo(_say("interrupted"), err=True)
        sys.exit(code if isinstance(code, int) else 0)


# `auditor` alone: Click (8.2 on, and as Typer vendors it) raises this to show the help
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class _Group(_Localised, typer.core.TyperGroup):
    pass


class _Command(_Localised, typer.core.TyperCommand):
    pass


HELP_WIDTH = 100  # the widest help, however wide the terminal


def render_help(command: click.Command, ctx: click.Context) -> str:
    """A command's help in the user's language: usage, what it does, its arguments, options and
    subcommands, each with its help, choices and default; wrapped to the terminal, Chinese too."""
    import io
    import shutil

    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, width=min(shutil.get_terminal_size((80, 24)).columns, HELP_WIDTH),
                      color_system=None, highlight=False)
    console.print(f"{_h('usage')}{ctx.command_path} {' '.join(command.collect_usage_pieces(ctx))}", markup=False)
    if command.help:
        console.print()
        console.print(Padding(command.help.strip(), (0, 0, 0, 2)), markup=False)
    for title, rows in _help_sections(command, ctx):
        if not rows:
            continue
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for row in rows:
            grid.add_row(*map(Text, row))  # as text: "[required]" is no Rich markup
        console.print()
        console.print(_h(title) + word("punct.colon", LANG).rstrip(), markup=False)
        console.print(Padding(grid, (0, 0, 0, 2)))
    return "\n".join(line.rstrip() for line in out.getvalue().rstrip().splitlines()) + "\n"


def _help_sections(command: click.Command, ctx: click.Context) -> list[tuple[str, list[tuple[str, str]]]]:
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    subcommands = [command.get_command(ctx, name) for name in command.list_commands(ctx)] \
        if isinstance(command, typer.core.TyperGroup) else []
    return [("arguments", [_param_row(p) for p in params if p.param_type_name == "argument"]),
            ("options", [_param_row(p) for p in params if p.param_type_name == "option"]),
            ("commands", [(sub.name, (sub.help or "").strip().partition("\n")[0]) for sub in subcommands
                          if sub and not sub.hidden])]


def _param_row(param: click.Parameter) -> tuple[str, str]:
    """An option's or argument's line of help: its names (and value) and what it does."""
    if param.param_type_name == "argument":
        names = _value_name(param)
    else:
        names = ", ".join(sorted(param.opts, key=len))
        if not getattr(param, "is_flag", False):
            names += f" {_value_name(param)}"
    said = [getattr(param, "help", None) or ""]
    choices = _choices(param)
    if choices:
        said.append("|".join(choices))
    default = _shown_default(param)
    if default:
        said.append(_h("default").format(default))
    if param.required:
        said.append(_h("required"))
    return names, " ".join(filter(None, said))


def _value_name(param: click.Parameter) -> str:
    name = param.metavar or (param.name or "").upper()
    many = param.param_type_name == "argument" and param.nargs != 1
    return name + ("..." if many and not name.endswith("...") else "")


def _choices(param: click.Parameter) -> list[str]:
    """The values an option takes, where they are few (Typer's type descriptor, or Click's Choice)."""
    descriptor = getattr(param, "type_descriptor", None)
    values = getattr(descriptor, "choices", None) or getattr(getattr(param, "type", None), "choices", None) or ()
    return [str(getattr(value, "value", value)) for value in values]


def _shown_default(param: click.Parameter) -> str:
    default = param.default
    if getattr(param, "is_flag", False) or not getattr(param, "show_default", True) or default in (None, (), []):
        return ""
    return str(getattr(default, "value", default))


def usage_message(exc: click.exceptions.UsageError, lang: str) -> str:
    """A Click usage error in `lang`, with where to read the usage."""
    said = _usage_reason(exc, lang)
    if exc.ctx is None:
        return said
    return word("usage.see_help", lang, message=said, command=exc.ctx.command_path)


def _usage_reason(exc: click.exceptions.UsageError, lang: str) -> str:
    import re

    errors, message = click.exceptions, exc.message

    def say(key: str, **values: object) -> str:
        return word(f"usage.{key}", lang, **values)

    if isinstance(exc, errors.NoSuchOption):
        said = say("no_such_option", option=exc.option_name)
        options = say("separator").join(sorted(exc.possibilities or ()))
        return say("did_you_mean", message=said, options=options) if options else said
    if isinstance(exc, errors.MissingParameter):
        name = _param_name(exc.param)
        return say("missing_option" if exc.param is not None and exc.param.param_type_name == "option"
                   else "missing_argument", name=name)
    if isinstance(exc, errors.BadParameter):
        return say("invalid_value", name=_param_name(exc.param), reason=_value_reason(message, lang))
    if isinstance(exc, errors.BadOptionUsage):
        key = "needs_value" if "requires an argument" in message else "takes_no_value" if "does not take" in message \
            else None
        return say(key, option=exc.option_name) if key else message
    extra = re.fullmatch(r"Got unexpected extra argument\S* \((.*)\)", message)
    if extra:
        return say("extra_arguments", arguments=extra.group(1))
    command = re.fullmatch(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?", message)
    if command:
        said = say("no_such_command", name=command.group(1))
        close = say("separator").join(re.findall(r"'([^']*)'", command.group(2) or ""))
        return say("did_you_mean", message=said, options=close) if close else said
    return say("missing_command") if message == "Missing command." else message


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return (param.metavar or param.name or "").upper()
    return " / ".join(param.opts)


def _value_reason(message: str, lang: str) -> str:
    """Why a value is refused (as Typer's validation says it), in `lang`."""
    import re

    choice = re.search(r"'(.*)' is not one of (.*?)\.?$", message)
    if choice:
        choices = re.findall(r"'([^']*)'", choice.group(2))
        return word("usage.not_one_of", lang, value=choice.group(1), choices=word("usage.separator", lang).join(choices))
    least = re.search(r"greater than or equal to (\S+)", message)
    if least:
        return word("usage.at_least", lang, min=least.group(1))
    if "valid integer" in message:
        return word("usage.integer", lang)
    if "valid number" in message:
        return word("usage.number", lang)
    return message


app = typer.Typer(
    name="auditor",
    help=_h("app"),
    cls=_Group,
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
    csv = "csv"
    xlsx = "xlsx"


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


LangOption = typer.Option(Lang.zh, "--lang", help=_h("lang"))
RulesOption = typer.Option(None, "--rules", metavar="PATH", help=_h("rules"))
TemplateOption = typer.Option(None, "--template", metavar="TEMPLATE", help=_h("template"))


class Blank(str, Enum):
    auto = "auto"
    zero = "zero"
    unknown = "unknown"


BlankOption = typer.Option(None, "--blank", metavar="MODE", help=f"{_h('blank')} {_h('blank_default')}")


def _fail(message: str, lang: str | None = None) -> NoReturn:
    """One line on stderr, exit code 2: never a traceback for input the user can fix."""
    typer.echo(_say("error", lang, message=message), err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"auditor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=_h("version")),
) -> None:
    # The help is the app's (_h("app")): a docstring here would stand in for it in English.
    return None


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


@app.command(cls=_Command, help=_h("check"))
def check(
    files: list[str] = typer.Argument(..., metavar="FILE...", help=_h("check_files"), show_default=False),
    fmt: CheckFormat = typer.Option(CheckFormat.rich, "--format", metavar="FORMAT", help=_h("format")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help=_h("output")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=_h("lang")),
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="RULES", help=_h("select")),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="RULES", help=_h("ignore")),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", metavar="LEVEL", help=_h("fail_on")),
    exit_zero: bool = typer.Option(False, "--exit-zero", help=_h("exit_zero")),
    statistics: bool = typer.Option(False, "--statistics", help=_h("statistics")),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=_h("quiet")),
    color: Color = typer.Option(Color.auto, "--color", metavar="WHEN", help=_h("color")),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help=_h("stdin_filename")),
    rules: Optional[list[Path]] = RulesOption,
    template: Optional[str] = TemplateOption,
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help=_h("config")),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE", help=_h("baseline")),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", metavar="FILE", help=_h("write_baseline")),
    decisions: Optional[Path] = typer.Option(None, "--decisions", metavar="FILE", help=_h("decisions")),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, metavar="N", help=_h("jobs")),
    mapping: Optional[Path] = typer.Option(None, "--mapping", metavar="FILE", help=_h("mapping")),
    timeout: float = typer.Option(300, "--timeout", min=0, metavar="SECONDS", help=_h("timeout")),
    blank: Optional[Blank] = BlankOption,
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", metavar="DIR", help=_h("cache_dir")),
    no_cache: bool = typer.Option(False, "--no-cache", help=_h("no_cache")),
    debug: bool = typer.Option(False, "--debug", help=_h("debug")),
) -> None:
    from auditor import resultcache
    from auditor.outputs import check_targets
    from auditor.run import Options, expand

    debug = debug or _DEBUG
    chosen, ignored = _selection(select, "--select", rules), _selection(ignore, "--ignore", rules)
    stdin = _stdin(files, stdin_filename)
    options = Options(list(rules or []), template, config, lang.value if lang else None,
                      fail_on.value if fail_on else None, mapping, timeout, blank.value if blank else None,
                      chosen, ignored, stdin, None if no_cache else cache_dir or resultcache.default_folder())
    said = lang.value if lang else LANG  # the language of error lines (a configuration's comes later)
    paths, missing = expand(files, said, stdin.name if stdin else None)
    read = [path for path in paths if not stdin or str(path) != stdin.name]
    try:
        check_targets({"--output": output, "--write-baseline": write_baseline},
                      [*read, *(rules or []), config, mapping, baseline, decisions])
        options.decisions = _decisions(decisions)
    except AuditorError as exc:
        _fail(exc.message(said), said)
    if output is None and not statistics and _is_binary(fmt.value) and sys.stdout.isatty():
        _fail(_say("binary_terminal", said, format=fmt.value), said)
    for error in missing:
        typer.echo(_say("error", message=error), err=True)
    show = Show(fmt.value, output, statistics, quiet, color.value)
    try:
        if fmt is CheckFormat.jsonl and not statistics:
            failed, errors = _stream(paths, options, jobs, output, debug)
        else:
            failed, errors = _batch(paths, options, jobs, show, baseline, write_baseline, debug)
    except AuditorError as exc:
        _fail(exc.message(said), said)
    if missing or errors:
        raise typer.Exit(2)
    raise typer.Exit(0 if exit_zero or not failed else 1)


def _is_binary(fmt: str) -> bool:
    from auditor.render import BINARY

    return fmt in BINARY


class Show(NamedTuple):
    """How `auditor check` shows a batch's outcome."""

    fmt: str
    output: Optional[Path]
    statistics: bool = False  # counts per rule instead of the findings
    quiet: bool = False  # the findings alone
    color: str = "auto"


def _decisions(file: Optional[Path]) -> tuple:
    """The reviewer's decisions (auditor.policy.decisions), read before any work."""
    if file is None:
        return ()
    from auditor.policy.decisions import read_decisions

    return read_decisions(file)


def _selection(values: Optional[list[str]], option: str, rules: Optional[list[Path]]) -> list[str]:
    """--select / --ignore as rule ids and prefixes (names become their ids); a selector that
    matches no rule is the user's error, not a silent check of nothing."""
    import difflib

    from auditor.policy.config import resolve_selectors

    selectors = [part.strip() for value in values or () for part in value.split(",") if part.strip()]
    if not selectors:
        return []
    library = _library(rules, LANG)
    resolved, unknown = resolve_selectors(selectors, library.rules)
    if unknown:
        known = [r.id for r in library.rules] + [r.name for r in library.rules]
        close = difflib.get_close_matches(unknown[0], known, n=1) or difflib.get_close_matches(unknown[0].upper(), known, n=1)
        message = _say("unknown_selector", option=option, selector=unknown[0])
        _fail(message + (_say("nearest", nearest=close[0]) if close else ""))
    return resolved


def _stdin(files: list[str], name: Optional[str]):  # noqa: ANN202 - run.Stdin, imported lazily
    """The report on standard input, when `-` is one of the files: read once, whole."""
    if "-" not in files:
        return None
    if files.count("-") > 1:
        _fail(_say("stdin_twice"))
    from auditor.run import read_stdin

    try:
        return read_stdin(name)
    except AuditorError as exc:
        _fail(exc.message(LANG), LANG)


def _batch(paths: list[Path], options, jobs: int, show: Show,  # noqa: ANN001
           baseline: Optional[Path], write: Optional[Path], debug: bool) -> tuple[bool, int]:
    """Audit everything, then render: formats that need the whole batch (summary, SARIF, …)."""
    from auditor.run import check_files

    with _progress(0 if show.quiet else len(paths)) as advance:
        run = check_files(paths, options, jobs, progress=advance)
    lang = run.lang(options)
    absent = _baselines(run, baseline, write, lang, show.quiet)
    _say_errors(run, debug)
    if run.stale and not show.quiet:
        typer.echo(_say("decisions_stale", lang, count=len(run.stale)), err=True)
    for entry in absent:
        typer.echo(_say("baseline_gone", lang, path=entry.path, rule=entry.rule, fingerprint=entry.fingerprint),
                   err=True)
    if show.statistics:
        _write_statistics(run, lang, show)
    else:
        _write_output(run, lang, show)
    return run.fails(options), len(run.errors)


def _write_statistics(run, lang: str, show: Show) -> None:  # noqa: ANN001
    from auditor.render.console import render_statistics

    with _console_for(show) as console:
        render_statistics(run.reports, console, lang)


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
        typer.echo(_say("error", message=error), err=True)
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
        task = bar.add_task(_say("progress"), total=total)
        yield lambda _result: bar.advance(task)


def _baselines(run, baseline: Optional[Path], write: Optional[Path], lang: str,  # noqa: ANN001
               quiet: bool) -> list:
    if not (baseline or write):
        return []
    from auditor.policy.baseline import apply_baseline, read_baseline, write_baseline

    absent = apply_baseline(baseline, read_baseline(baseline), run.reports) if baseline else []
    if write:
        count = write_baseline(write, run.reports)
        if not quiet:
            typer.echo(_say("wrote", lang, count=count, path=write), err=True)
    return absent


def _write_output(run, lang: str, show: Show) -> None:  # noqa: ANN001
    """The report in its format, to stdout or to a file; GitHub's step summary where Actions asks."""
    from auditor.outputs import clean, write_bytes, write_text
    from auditor.render import render

    fmt = show.fmt
    if fmt == "rich":
        from auditor.render.console import render_console

        if run.reports:
            with _console_for(show) as console:
                render_console(run.reports, console, lang, run.unaudited, quiet=show.quiet)
        return
    rendered = render(fmt, run.reports, run.library, lang, run.unaudited)
    (write_bytes if isinstance(rendered, bytes) else write_text)(show.output, rendered)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from auditor.render.github import step_summary

        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(clean(step_summary(run.reports, lang, run.unaudited)))


def _library(rules: Optional[list[Path]], lang: str):  # noqa: ANN202 - Library, imported lazily
    from auditor.library import load_library

    try:
        return load_library(rules or ())
    except AuditorError as exc:
        _fail(exc.message(lang), lang)


def _console(stream=None, color: str = "auto"):  # noqa: ANN001, ANN202 - rich.console.Console, imported lazily
    from auditor.render.console import make_console

    return make_console(stream, color)


@contextlib.contextmanager
def _console_for(show: Show):  # noqa: ANN202
    """The console `auditor check` writes to: its --output file, else stdout."""
    if not show.output:
        yield _console(None, show.color)
        return
    with show.output.open("w", encoding="utf-8", errors="replace") as stream:
        yield _console(stream, show.color)


@app.command(cls=_Command, help=_h("extract"))
def extract(
    file: Path = typer.Argument(..., metavar="FILE", help=_h("extract_file"), show_default=False),
    lang: Lang = LangOption,
    rules: Optional[list[Path]] = RulesOption,
    template: Optional[str] = TemplateOption,
    blank: Blank = typer.Option(Blank.auto, "--blank", metavar="MODE", help=_h("blank")),
    debug: bool = typer.Option(False, "--debug", help=_h("debug")),
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
        _fail(exc.message(lang.value), lang.value)
    except Exception as exc:  # noqa: BLE001 - a bug, said as one, naming the file
        line, trace = internal.record(file, exc, lang.value)
        if debug or _DEBUG:
            typer.echo(trace, err=True)
        _fail(line, lang.value)
    write_text(None, render_extraction(extraction, lang.value))


@app.command("rules", cls=_Command, help=_h("rules_command"))
def list_rules(
    lang: Lang = LangOption,
    fmt: RulesFormat = typer.Option(RulesFormat.rich, "--format", metavar="FORMAT", help=_h("format")),
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


@app.command(cls=_Command, help=_h("fields_command"))
def fields(
    template: Optional[str] = typer.Option(None, "--template", metavar="TEMPLATE", help=_h("fields_template")),
    lang: Lang = LangOption,
    fmt: RulesFormat = typer.Option(RulesFormat.rich, "--format", metavar="FORMAT", help=_h("fields_format")),
    rules: Optional[list[Path]] = RulesOption,
) -> None:
    """List every field id a rule can name, with its title and the labels that find it in a table."""
    from auditor.outputs import write_text
    from auditor.render.rules import field_rows, render_fields_table

    library = _library(rules, lang.value)
    if template and template not in library.templates:
        _fail(_say("no_template", lang.value, template=template, known=", ".join(library.templates)), lang.value)
    rows = field_rows(library, template, lang.value)
    if fmt is RulesFormat.json:
        import json

        write_text(None, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is RulesFormat.markdown:
        write_text(None, "".join(f"| `{r['field']}` | {r['template']} | {r['title']} | {' / '.join(r['labels'])} |\n"
                                 for r in rows))
    else:
        render_fields_table(rows, _console(), lang.value)


@app.command(cls=_Command, help=_h("explain"))
def explain(
    rule: str = typer.Argument(..., metavar="RULE", help=_h("explain_rule"), show_default=False),
    lang: Lang = LangOption,
    rules: Optional[list[Path]] = RulesOption,
) -> None:
    """Explain one rule: what it checks and why."""
    from auditor.render.rules import render_explain

    library = _library(rules, lang.value)
    found = library.rule(rule)
    if found is None:
        _fail(_say("no_rule", lang.value, rule=rule), lang.value)
    render_explain(found, library, _console(), lang.value)


@app.command("test-rules", cls=_Command, help=_h("test_rules"))
def test_rules(
    folders: Optional[list[Path]] = typer.Argument(None, metavar="FOLDER...", help=_h("test_rules_folders"),
                                                   show_default=False),
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
        _fail(exc.message(lang.value), lang.value)
    if not results:
        _fail(_say("no_cases", lang.value, folders=", ".join(map(str, folders))), lang.value)
    render_case_results(results, _console(), lang.value)
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


@app.command(cls=_Command, help=_h("serve"))
def serve(
    port: int = typer.Option(0, "--port", min=0, max=65535, metavar="PORT", help=_h("serve_port")),
    no_browser: bool = typer.Option(False, "--no-browser", help=_h("serve_no_browser")),
    lang: Lang = LangOption,
) -> None:
    from auditor.web import serve as serve_page

    try:
        serve_page(port, not no_browser, lang.value, typer.echo)
    except AuditorError as exc:
        _fail(exc.message(lang.value), lang.value)


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


COMPLETE_VAR = "_AUDITOR_COMPLETE"  # the shell's completion script sets it when it asks auditor


@app.command(cls=_Command, help=_h("completion"))
def completion(shell: Shell = typer.Argument(..., metavar="SHELL", help=_h("completion_shell"), show_default=False)) -> None:
    from typer.completion import get_completion_script

    typer.echo(get_completion_script(prog_name="auditor", complete_var=COMPLETE_VAR, shell=shell.value))


def main() -> None:
    """The one boundary: bad input is one line and exit 2; a bug is called a bug (internal error,
    traceback saved or shown with --debug), exit 2; never a traceback for the user to read."""
    if COMPLETE_VAR in os.environ:  # the shell asks for completions: Typer's own classes answer
        from typer.completion import completion_init

        completion_init()
    try:
        app(prog_name="auditor")
    except AuditorError as exc:  # raised outside a command's own handling
        typer.echo(_say("error", message=exc.message(LANG)), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo(_say("interrupted"), err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last boundary: a bug, said as one
        from auditor import internal

        line, trace = internal.record(None, exc, _argv_lang())
        typer.echo(_say("error", message=line), err=True)
        if _DEBUG or "--debug" in sys.argv:
            typer.echo(trace, err=True)
        sys.exit(2)

