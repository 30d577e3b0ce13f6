"""A run over several files, as the command line does it: each file with its own configuration
(the closest one above it, or --config), one unreadable file reported without stopping the rest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from auditor.api import Report, audit
from auditor.config import Config, find_config, load_config
from auditor.errors import AuditorError
from auditor.library import load_library
from auditor.library.schema import SEVERITY_ORDER


@dataclass
class Options:
    rules: list[Path] = field(default_factory=list)  # --rules
    template: str | None = None  # --template
    config: Path | None = None  # --config: one file for every report, instead of discovery
    lang: str | None = None
    fail_on: str | None = None


@dataclass
class Run:
    reports: list[Report] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per file that could not be audited
    configs: dict[str, Config] = field(default_factory=dict)  # report path → its configuration

    def lang(self, options: Options) -> str:
        return options.lang or next((c.lang for c in self.configs.values() if c.lang), None) or "zh"

    def fails(self, options: Options) -> bool:
        """A shown finding at or above each report's fail-on (the option, else its config, else error)?"""
        for report in self.reports:
            threshold = options.fail_on or self.configs[report.path].fail_on or "error"
            if threshold != "never" and any(SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[threshold]
                                            for f in report.findings):
                return True
        return False


def check_files(paths: list[Path], options: Options) -> Run:
    """Audit each file; a configuration or rule-file error stops the run (raised), a file that
    cannot be read is recorded in `errors` and the others go on."""
    run = Run()
    fixed = load_config(options.config) if options.config else None
    for path in paths:
        config = fixed or find_config(path)
        library = load_library([*options.rules, *config.rule_folders()])
        try:
            report = audit(path, library=library, template=options.template or config.template, config=config)
        except AuditorError as exc:
            run.errors.append(str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug must not cost the user the other files
            if os.environ.get("AUDITOR_DEBUG"):
                raise
            run.errors.append(f"{path}: cannot audit ({type(exc).__name__}: {exc})")
            continue
        run.reports.append(report)
        run.configs[report.path] = config
    return run
