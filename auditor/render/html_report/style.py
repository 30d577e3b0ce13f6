"""The page's look: the stylesheet (report.css) and the script (report.js) inlined in every page,
and each severity's colours, from which the stylesheet's severity rules are made.

The two files ship inside the package and are read with importlib.resources, so an installed
auditor finds them wherever it is.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

SEVERITIES = ("error", "warning", "info")
# Backgrounds of marked cells and figures (the browser test looks for these pixels), and the ink
# of severity labels.
BACKGROUND = {"error": "#ffb4b4", "warning": "#ffe08a", "info": "#bfdcff"}
INK = {"error": "#b3141b", "warning": "#8a5a00", "info": "#1a5fa8"}  # labels, borders, back links
# The line of report.css that the severity rules stand in for.
SEVERITY_RULES = "/* severity rules: made from BACKGROUND and INK in style.py */"


@cache
def stylesheet() -> str:
    """report.css, its severity rules filled in."""
    css = _read("report.css")
    assert SEVERITY_RULES in css, "report.css has lost the line the severity rules stand in for"
    return css.replace(SEVERITY_RULES, severity_rules())


@cache
def script() -> str:
    """report.js, without its final newline (folded parts for printing, the reviewer's decisions)."""
    return _read("report.js").rstrip("\n")


def severity_rules() -> str:
    """The colours of each severity's marks, labels, borders and back links."""
    return "\n".join(
        f".cell-{s}, mark.fig-{s}, .badge.{s}.some {{ background: {BACKGROUND[s]}; }}\n"
        f".sev.{s}, .badge.{s}.some, table.summary td.n.{s} {{ color: {INK[s]}; }}\n"
        f".badge.{s}.some, li.finding.{s} {{ border-color: {INK[s]}; }}\n"
        f".refs a.{s} {{ background: {INK[s]}; }}" for s in SEVERITIES)


def _read(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")
