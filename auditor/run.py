"""A run over many files, as the command line does it: folders and globs expanded, each file with
its own configuration (the closest one above it, or --config), audited in worker processes, one
unreadable file reported without stopping the rest, and the cross-year rules over the batch.

`audit_file` is the worker-safe unit: give it a path, get a Report (picklable) or an error line.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import glob
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor import internal, resultcache
from auditor.api import audit_document
from auditor.check.crossyear import check_cross_year, fullest, related
from auditor.extract import Prior
from auditor.library import Library, load_library
from auditor.library.schema import SEVERITY_ORDER, CrossYearRule
from auditor.library.tomlfile import read_toml
from auditor.load import FORMATS, load_data, read
from auditor.model.document import Document
from auditor.model.errors import AuditorError, InputError, Said, say
from auditor.model.findings import CheckResult
from auditor.model.report import Report, Unaudited
from auditor.policy.config import Config, find_config, load_config
from auditor.policy.decisions import Decision, apply_decisions


@dataclass
class Options:
    rules: list[Path] = field(default_factory=list)  # --rules
    template: str | None = None  # --template
    config: Path | None = None  # --config: one file for every report, instead of discovery
    lang: str | None = None
    fail_on: str | None = None
    mapping: Path | None = None  # --mapping: body and year per file, where titles do not say
    seconds: float = 300  # the time budget of one file (docs/limits.md); 0: none
    blank: str | None = None  # --blank: when a blank cell reads as 0, over the configuration's
    select: list[str] = field(default_factory=list)  # --select: rule ids and prefixes, over the configuration's
    ignore: list[str] = field(default_factory=list)  # --ignore
    stdin: Stdin | None = None  # the report `-` read from standard input
    cache: Path | None = None  # the folder of the result cache (auditor.resultcache); None: no cache
    decisions: tuple[Decision, ...] = ()  # --decisions: a reviewer's, from the HTML page


@dataclass(frozen=True)
class Stdin:
    """A report read from standard input: its name (--stdin-filename, whose suffix gives the
    format) and its bytes, sent along to the worker that audits it."""

    name: str
    data: bytes


STDIN_NAME = "<stdin>"  # the name of a report on standard input without --stdin-filename


def read_stdin(name: str | None) -> Stdin:
    """Standard input, whole (at most the largest input any format reads, InputError beyond)."""
    import sys

    from auditor.load import LIMITS
    from auditor.model.files import too_large

    limit = max(LIMITS.values())
    data = sys.stdin.buffer.read(limit + 1)
    shown = name or STDIN_NAME
    if len(data) > limit:
        raise InputError(shown, too_large(len(data), limit, "stdin"))
    return Stdin(shown, data)


@dataclass
class FileResult:
    """What auditing one file gave: a report (with the configuration it ran under) or an error."""

    path: Path
    report: Report | None = None
    config: Config | None = None
    error: str | None = None
    trace: str = ""  # an internal error's traceback (a bug in auditor, not bad input), for --debug
    reason: str = ""  # the error without its path
    kind: str = "unreadable"  # see Unaudited


@dataclass
class Run:
    reports: list[Report] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per file that could not be audited
    traces: list[str] = field(default_factory=list)  # the tracebacks of internal errors, for --debug
    unaudited: list[Unaudited] = field(default_factory=list)  # the files behind `errors`, for the outputs
    configs: dict[str, Config] = field(default_factory=dict)  # report path → its configuration
    library: Library | None = None  # the built-in rules and --rules (a config's own folders add to it per file)
    failed: bool = False  # a streamed run: some report fails its fail-on (a batch asks `fails`)
    stale: list[Decision] = field(default_factory=list)  # --decisions that match no finding of the run

    def add(self, outcome: FileResult) -> None:
        if outcome.report is None:
            line = outcome.error or f"{outcome.path}: {Said('input.cannot_audit')}"
            self.errors.append(line)
            self.unaudited.append(Unaudited(str(outcome.path), outcome.reason or line, outcome.kind))
            if outcome.trace:
                self.traces.append(outcome.trace)
        else:
            self.reports.append(outcome.report)
            self.configs[outcome.report.path] = outcome.config or Config()

    def lang(self, options: Options) -> str:
        return options.lang or next((c.lang for c in self.configs.values() if c.lang), None) or "zh"

    def fails(self, options: Options) -> bool:
        return any(fails(r, self.configs.get(r.path), options) for r in self.reports)


def fails(report: Report, config: Config | None, options: Options) -> bool:
    """A shown finding at or above the report's fail-on (the option, else its config, else error)?"""
    threshold = options.fail_on or (config.fail_on if config else None) or "error"
    return threshold != "never" and any(SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[threshold]
                                        for f in report.findings)


def expand(arguments: Iterable[str | Path], lang: str = "en", stdin: str | None = None) -> tuple[list[Path], list[str]]:
    """Files to audit: folders searched recursively for report files, globs expanded (for shells
    that do not), `-` as the report on standard input named `stdin`; and an error line for each
    argument that names nothing and each folder that holds no report. A file in a folder that
    looks like a report but cannot be one (a damaged .doc, a broken link, a FIFO) is kept, so that
    it gets the same one-line reason as when named directly."""
    files: list[Path] = []
    errors: list[str] = []
    for argument in map(str, arguments):
        if argument == "-" and stdin:
            files.append(Path(stdin))
        elif os.path.isdir(argument):
            found = _walk(argument)
            files += found
            if not found:
                errors.append(Said("input.at", path=argument, reason=Said("input.no_reports", suffixes=_SUFFIXES)).text(lang))
        elif not os.path.lexists(argument) and glob.has_magic(argument):
            matched = sorted(Path(p) for p in glob.glob(argument, recursive=True) if not os.path.isdir(p))
            files += matched
            if not matched:
                errors.append(Said("input.at", path=argument, reason=Said("input.no_match")).text(lang))
        else:
            files.append(Path(argument))
    return list(dict.fromkeys(files)), errors


_REPORT_SUFFIXES = frozenset(FORMATS)
_SUFFIXES = " ".join(dict.fromkeys(FORMATS))


def _walk(folder: str) -> list[Path]:
    """Every entry below `folder` with a report's suffix that is not a folder, in path order.
    Links to folders are not followed (no cycles); links to files are taken, broken or not."""
    found = []
    for root, dirs, names in os.walk(folder):
        # os.walk lists a link to a folder under dirs and does not enter it
        linked = [name for name in dirs if os.path.islink(os.path.join(root, name))]
        found += [Path(root, name) for name in (*names, *linked)
                  if os.path.splitext(name)[1].lower() in _REPORT_SUFFIXES]
    return sorted(found)


def audit_file(path: Path, options: Options, prior: Prior | None = None) -> FileResult:
    """Audit one file under its configuration (`prior`: the same body's report of the year
    before, see `settle_splits`). Safe in a worker process: takes and returns plain, picklable
    values, and reports errors instead of raising them."""
    config = None
    try:
        config, library = _settings(path, options)
        with time_budget(path, options.seconds):
            report = _audit(path, options, library, config, prior)
        apply_decisions(options.decisions, [report])
        return FileResult(path, report, config)
    except AuditorError as exc:
        lang = options.lang or (config and config.lang) or "zh"
        reason = say(exc.reason, lang) if isinstance(exc, InputError) else exc.message(lang)
        return FileResult(path, error=exc.message(lang), reason=reason,
                          kind="timeout" if isinstance(exc, OverBudget) else "unreadable")
    except Exception as exc:  # noqa: BLE001 - a bug must not cost the user the other files
        line, trace = internal.record(path, exc, options.lang or "zh")
        return FileResult(path, error=line, trace=trace, kind="internal")


def _settings(path: Path, options: Options) -> tuple[Config, Library]:
    """The file's configuration under the command line's options, and its library."""
    config = load_config(options.config) if options.config else find_config(path)
    if options.blank:
        config = config.model_copy(update={"blank": options.blank})
    config = config.selecting(options.select, options.ignore)
    return config, load_library([*options.rules, *config.rule_folders()])


def _audit(path: Path, options: Options, library: Library, config: Config, prior: Prior | None) -> Report:
    """The report at `path`, or the one read from standard input under that name, audited, or
    read back from the result cache when the same file was audited so before."""
    name, data = _input(path, options)
    template = options.template or config.template

    def compute() -> Report:
        return audit_document(load_data(name, data), library, template, config, prior)

    entry = resultcache.key(name, data, library, config, template, prior) if options.cache else None
    return resultcache.cached(options.cache, entry, compute) if entry else compute()


def _input(path: Path, options: Options) -> tuple[str, bytes]:
    """The report's name and bytes: the file's, or standard input's under that name."""
    if options.stdin and str(path) == options.stdin.name:
        return options.stdin.name, options.stdin.data
    return str(path), read(path)


def kept(path: Path, options: Options) -> bool:
    """Does the result cache hold the report `audit_file(path, options)` gives?"""
    try:
        config, library = _settings(path, options)
        name, data = _input(path, options)
        entry = resultcache.key(name, data, library, config, options.template or config.template, None)
    except Exception:  # noqa: BLE001 - auditing the file says what is wrong with it
        return False
    return entry is not None and resultcache.path_of(options.cache, entry).is_file()


class OverBudget(InputError):
    """Auditing one file took longer than its time budget."""


@contextlib.contextmanager
def time_budget(path: Path, seconds: float) -> Iterator[None]:
    """Raise OverBudget in the block after `seconds` (0: no budget). Every stage is linear in its
    input, so only a machine far too slow for the file meets it."""
    message = Said("input.timeout", seconds=f"{seconds:g}")
    with deadline(seconds, lambda: OverBudget(str(path), message)):
        yield


@contextlib.contextmanager
def deadline(seconds: float, error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise `error()` in the block after `seconds`, where the system can say so (a Unix main
    thread: every worker process, and the command line); elsewhere run the block unbounded."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise error()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def audits(paths: list[Path], options: Options, jobs: int = 1, ordered: bool = True,
           work: Callable[..., Any] = audit_file, *extra: Any) -> Iterator[Any]:
    """`work(path, options, *extra)` for each file — by default its FileResult — in order, or
    (ordered=False) as the workers finish them. A file whose report the result cache holds is
    done here while the workers audit the others (a worker would only pass the report on, at
    the cost of pickling it once more). Should a worker process die (killed for memory, or a
    crash inside a library), each file it left unfinished gets an error line and the rest of
    the batch its result; the run never stops on it."""
    here = {path for path in paths if kept(path, options)} if options.cache and jobs > 1 else set()
    rest = [path for path in paths if path not in here]
    if jobs <= 1 or len(rest) <= 1:
        yield from (work(path, options, *extra) for path in paths)
        return
    died = internal.WORKER_DIED[options.lang or "zh"]
    failure = Streamed if work is stream_file else FileResult
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        if ordered:
            columns = [[value] * len(rest) for value in (options, *extra)]
            pending, broken = pool.map(work, rest, *columns, chunksize=_chunk(len(rest), jobs)), False
            for path in paths:
                if path in here:
                    yield work(path, options, *extra)
                    continue
                try:
                    result = None if broken else next(pending)
                except BrokenProcessPool:
                    broken = True
                yield failure(path, error=died.format(path=path), kind="internal") if broken else result
        else:
            futures = {pool.submit(work, path, options, *extra): path for path in rest}
            yield from (work(path, options, *extra) for path in paths if path in here)
            for future in as_completed(futures):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    yield failure(futures[future], error=died.format(path=futures[future]), kind="internal")


def _chunk(count: int, jobs: int) -> int:
    return max(1, min(16, count // (jobs * 8)))


def check_files(paths: list[Path], options: Options, jobs: int = 1,
                progress: Callable[[FileResult], None] | None = None) -> Run:
    """Audit every file (in `jobs` worker processes), then the cross-year rules over the batch.
    A configuration error in --config stops the run (raised); anything else is per file."""
    mapping = _prepare(options)
    run = Run()
    try:
        for outcome in audits(paths, options, jobs):
            if outcome.report:
                apply_mapping(outcome.report, mapping)
            run.add(outcome)
            if progress:
                progress(outcome)
            # The run holds every report to its end: once this file's own garbage is collected, its
            # report is kept out of the collector's walks (they were a third of a cached re-run).
            gc.collect(1)
            gc.freeze()
    finally:
        gc.unfreeze()
    settle_splits(run, options, mapping)
    run.library = load_library(options.rules)
    check_cross_year(run.reports, run.library, run.configs)
    if options.cache:
        resultcache.prune(options.cache)
    run.stale = apply_decisions(options.decisions, run.reports)  # the cross-year findings too
    return run


def settle_splits(run: Run, options: Options, mapping: dict[str, dict[str, object]]) -> None:
    """Audit again each report that left a row of run-together digits unsplit (X104), with what
    else the batch knows of it as `prior`: last year's report of the same body (a chain such as
    历年累计 may decide the split) and another form of the same report (its .docx for its .txt).
    Only such reports; in year order, so that a report settled so is the prior of the next year's."""
    for number, prior in _priors(run, open_split):
        again = audit_file(Path(run.reports[number].path), options, prior)
        if again.report:
            apply_mapping(again.report, mapping)
            run.reports[number] = again.report


def _priors(run: Run, left_open: Callable[[Report], bool]) -> Iterator[tuple[int, Prior]]:
    """(index in run.reports, prior) for each report that `left_open` says left a split open and
    that the batch may settle, read as the reports stand when it is reached (an earlier year
    settled first)."""
    at = {report.path: number for number, report in enumerate(run.reports)}
    for previous, current, twins in related(run.reports):
        if not left_open(run.reports[at[current.path]]):
            continue
        twin = fullest([run.reports[at[t.path]] for t in twins]) if twins else None
        twin = None if twin is None or left_open(twin) else twin
        year = current.extraction.year or 0
        prior = Prior.of(run.reports[at[previous.path]].extraction) if previous else Prior(year - 1, None, {})
        if prior is not None and (previous or twin):
            yield at[current.path], prior.with_twin(twin.extraction, twin.path) if twin else prior


def open_split(report: Report) -> bool:
    """Did the report leave a row of run-together digits unsplit (X104)?"""
    return any(d.code == "ambiguous-split" for d in report.extraction.doubts)


def _prepare(options: Options) -> dict[str, dict[str, object]]:
    """Read what the whole run shares, so that a broken --config or --mapping is the user's one
    error, said once: the mapping of body and year per file."""
    if options.config:
        load_config(options.config)
    return read_mapping(options.mapping) if options.mapping else {}


# --- body and year, where the titles do not say ---------------------------------------------


def read_mapping(path: Path) -> dict[str, dict[str, object]]:
    """A TOML table per file (path relative to the mapping file, globs allowed): body, year."""
    data, _ = read_toml(path)
    base = path.resolve().parent
    mapping = {}
    for key, value in data.items():
        if not isinstance(value, dict) or set(value) - {"body", "year"}:
            raise InputError(str(path), Said("input.mapping_keys", key=repr(key)))
        mapping[str((base / key).resolve())] = value
    return mapping


def apply_mapping(report: Report, mapping: dict[str, dict[str, object]]) -> None:
    here = str(Path(report.path).resolve())
    for pattern, values in mapping.items():
        if here == pattern or fnmatch.fnmatch(here, pattern):
            extraction = report.extraction
            extraction.body = str(values.get("body", extraction.body))
            extraction.year = int(values.get("year", extraction.year))  # type: ignore[arg-type]


# --- streaming: a batch of any size in the memory of one report ---------------------------------


@dataclass
class Streamed:
    """One file of a streamed run, as small as it can be sent back from a worker."""

    path: Path
    line: str | None = None  # the report as one line of JSON
    error: str | None = None
    trace: str = ""
    reason: str = ""  # the error without its path
    kind: str = "unreadable"  # see Unaudited
    failed: bool = False
    light: Report | None = None  # what the cross-year rules need of it
    config: Config | None = None
    open_split: bool = False  # a row left unsplit: last year's report in the batch may settle it


def stream_files(paths: list[Path], options: Options, jobs: int, write: Callable[[str], None]) -> Run:
    """Audit every file, passing each report to `write` as one line of JSON as the workers finish
    it, then a line per cross-year finding. Only what the cross-year rules need is kept, so a
    batch of any size needs the memory of one report. The Run holds those light reports. A
    report with a row left unsplit is written once the second pass (`settle_splits`) is done."""
    import json

    from auditor.render.json import finding_data

    mapping = _prepare(options)
    run = Run(library=load_library(options.rules))
    lang, wanted = options.lang or "zh", frozenset(cross_year_fields(run.library.rules))
    held: dict[str, Streamed] = {}
    for result in audits(paths, options, jobs, False, stream_file, lang, wanted):
        if result.error:
            run.add(FileResult(result.path, error=result.error, trace=result.trace, reason=result.reason,
                               kind=result.kind))
            write(json.dumps({"type": "unaudited", **run.unaudited[-1].__dict__}, ensure_ascii=False))
            continue
        apply_mapping(result.light, mapping)
        run.add(FileResult(result.path, result.light, result.config))
        if result.open_split:
            held[result.light.path] = result
        else:
            write(result.line)
            run.failed = run.failed or result.failed
    for result in _settle_streamed(run, held, options, mapping, lang, wanted):
        write(result.line)
        run.failed = run.failed or result.failed
    check_cross_year(run.reports, run.library, run.configs)
    apply_decisions(options.decisions, run.reports)
    for report in run.reports:
        for finding in [*report.findings, *report.dismissed]:  # a dismissed one said so by its "decision"
            write(json.dumps({"type": "cross-year", "path": report.path, **finding_data(finding, lang)},
                             ensure_ascii=False))
            run.failed = run.failed or fails(report, run.configs.get(report.path), options)
    if options.cache:
        resultcache.prune(options.cache)
    return run


def _settle_streamed(run: Run, held: dict[str, Streamed], options: Options, mapping: dict[str, dict[str, object]],
                     lang: str, wanted: frozenset[str]) -> list[Streamed]:
    """`settle_splits` for a streamed run: the held reports audited again with last year's light
    report as prior (it keeps every field a cross-year chain reads), in year order."""
    for number, prior in _priors(run, lambda report: report.path in held):
        path = run.reports[number].path
        again = stream_file(Path(path), options, lang, wanted, prior)
        if again.light is not None:
            apply_mapping(again.light, mapping)
            run.reports[number] = again.light
            held[path] = again
    return list(held.values())


def stream_file(path: Path, options: Options, lang: str, wanted: frozenset[str],
                prior: Prior | None = None) -> Streamed:
    """Audit one file in a worker and render it there: only a line of text and the few fields
    the cross-year rules read travel back."""
    import json

    from auditor.render.json import report_data_one

    result = audit_file(path, options, prior)
    if result.report is None:
        return Streamed(path, error=result.error, trace=result.trace, reason=result.reason, kind=result.kind)
    report = result.report
    line = json.dumps({"type": "report", **report_data_one(report, lang)}, ensure_ascii=False)
    return Streamed(path, line, failed=fails(report, result.config, options),
                    light=keep_for_cross_year(report, set(wanted)), config=result.config,
                    open_split=open_split(report))


def cross_year_fields(library_rules: Iterable[object]) -> set[str]:
    """The fields cross-year rules read: all a streamed run keeps of each report."""
    return {f for rule in library_rules if isinstance(rule, CrossYearRule) for f in rule.field_refs()}


def keep_for_cross_year(report: Report, wanted: set[str]) -> Report:
    """A light copy of `report` for the cross-year pass: its body, year, template and the few
    fields the cross-year rules read; no document text, no narrative, no other outcomes."""
    extraction = replace(report.extraction, document=Document(report.path, report.document.format, None),
                         fields={k: v for k, v in report.extraction.fields.items() if k in wanted},
                         narrative=[], doubts=[])
    return Report(report.path, extraction, CheckResult())
