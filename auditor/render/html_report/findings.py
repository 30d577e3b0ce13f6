"""A report's findings as a numbered list: severity, rule, message, expected and actual values,
and each place the finding involves, linking to where it is marked below (or said to be not
located there)."""

from __future__ import annotations

from html import escape

from auditor.model.findings import Finding, Place
from auditor.model.report import Report
from auditor.model.words import word
from auditor.policy.decisions import CHOICES
from auditor.render.console import EXCERPT, WORDS
from auditor.render.html_report.words import HEAD
from auditor.render.places import describe_place
from auditor.render.summary import verdict


def findings_list(report: Report, number: int, lang: str, targets: dict[str, str]) -> str:
    """The findings of the report numbered `number` on the page, then those a reviewer dismissed
    (numbered on, their places not marked); `targets` holds the ids of the places that are marked."""
    headline = "".join(f'<p class="muted">{escape(line)}</p>' for line in verdict(report, lang))
    out = [headline] if headline else []
    shown, dismissed = report.findings, report.dismissed
    if shown:
        out.append('<ol class="findings">')
        for n, finding in enumerate(shown, 1):
            out += _finding(finding, n, f"f{number}-{n}", report, lang, targets)
        out.append("</ol>")
    if dismissed:
        out += [f'<h4 class="dismissed">{escape(word("review.title", lang))}</h4>', '<ol class="findings dismissed">']
        for n, finding in enumerate(dismissed, len(shown) + 1):
            out += _finding(finding, n, f"f{number}-{n}", report, lang, None)
        out.append("</ol>")
    return "\n".join(out)


def _finding(finding: Finding, n: int, fid: str, report: Report, lang: str,
             targets: dict[str, str] | None) -> list[str]:
    words, rule = WORDS[lang], finding.rule
    data = (f' data-path="{escape(report.path)}" data-rule="{escape(rule.id)}" data-fp="{finding.fingerprint}"'
            f' data-decision="{finding.decision or ""}"')  # for report.js
    out = [f'<li class="finding {finding.severity}" id="{fid}"{data}>',
           (f'<div class="head"><span class="num">{n}.</span>'
            f'<span class="sev {finding.severity}">{escape(words[finding.severity])}</span> '
            f"<b>{escape(rule.id)}</b> {escape(rule.title.get(lang))} "
            f'<span class="rule-name">{escape(rule.name)}</span></div>'),
           f'<p class="message">{escape(finding.message(lang))}</p>']
    if finding.doubt == "extraction":
        out.append(f'<p class="note">{escape(words["extraction"])}</p>')
    values = [f'<span class="k">{escape(words[k])}</span>{escape(v)}'
              for k, v in (("expected", finding.expected), ("actual", finding.actual)) if v]
    if values:
        out.append(f'<p class="ea">{"　".join(values)}</p>')
    if finding.places:
        wide = any(p.role == "narrative" or p.location.table is None for p in finding.places)
        out.append(f'<ul class="places{" wide" if wide else ""}">')
        for k, place in enumerate(finding.places, 1):
            out.append("<li>" + _place(place, f"{fid}-p{k}", report, lang, targets) + "</li>")
        out.append("</ul>")
    out += [_decide(finding, n, fid, lang), "</li>"]
    return out


def _decide(finding: Finding, n: int, fid: str, lang: str) -> str:
    """The reviewer's controls: 确认 / 非问题 (toggle buttons) and a note; report.js keeps them."""
    buttons = "".join(f'<button type="button" value="{choice}" aria-pressed="{str(finding.decision == choice).lower()}">'
                      f"{escape(word(f'review.{choice}', lang))}</button>" for choice in CHOICES)
    return (f'<div class="decide" role="group" aria-label="{escape(word("review.group", lang, number=n))}">{buttons}'
            f'<label for="{fid}-note">{escape(word("review.note_label", lang))}</label>'
            f'<textarea id="{fid}-note" rows="1">{escape(finding.note)}</textarea></div>')


def _place(place: Place, place_id: str, report: Report, lang: str, targets: dict[str, str] | None) -> str:
    """A place: where it is and its figure, linking to where it is marked (`targets` None: a
    dismissed finding's, not marked); a figure in the text with the sentence around it."""
    link, context = _where(place, report, lang)
    title = f' title="{escape(place.context)}"' if place.context else ""
    if targets is None:
        html = f'<span{title}>{escape(link)}</span>'
    elif place_id in targets:
        html = f'<a href="#{place_id}"{title}>{escape(link)}</a>'
    else:
        html = f'<span{title}>{escape(link)}</span> <span class="unlocated">{escape(HEAD[lang]["unlocated"])}</span>'
    return html + (f' <span class="ctx">{context}</span>' if context else "")


def _where(place: Place, report: Report, lang: str) -> tuple[str, str]:
    """The place as the compiler finds it (describe_place, as in every format; another report's
    file first), and for a figure in the text the sentence around it (escaped HTML; "" for a cell)."""
    link = describe_place(place, lang)
    if place.path is not None:
        link = f"{place.path} · {link}"
    return link, "" if place.role == "table" else _excerpt(place)


def _excerpt(place: Place) -> str:
    """The sentence around a figure, cut to EXCERPT characters either side, the figure in bold
    (escaped HTML)."""
    context = " ".join(place.context.split())
    start = context.find(place.text) if place.text else -1
    if start < 0:
        return escape(context[: 2 * EXCERPT] + ("…" if len(context) > 2 * EXCERPT else ""))
    end = start + len(place.text)
    lo, hi = max(0, start - EXCERPT), min(len(context), end + EXCERPT)
    return (escape(("…" if lo else "") + context[lo:start]) + f"<b>{escape(place.text)}</b>"
            + escape(context[end:hi] + ("…" if hi < len(context) else "")))
