"""Lists of parts in the narrative and the totals they divide (A101, A102, A104).

"共…173个，其中工程类126个、政府采购47个": the parts must not exceed their total, and must add up
to it where the list says it is complete (its shares add up to 100%, or its last part is the rest:
其余/其他). A list opens after its total with 其中, after a whole the text names ("在…的1913条信息
中，"), or after a head that refers back to a total stated earlier: a topic ("主动公开的政府信息，")
or a category head ("…的主要类别有："). It continues past ； (and, when its parts carry shares, past
。) while the next sentence begins with a part of the same unit and shape; it ends at another unit,
a new total (共, 办结…), a nested 其中, or when its shares reach 100%.

The words are the rules' keys (BreakdownRule: `openers`, `incomplete`, `rest`, `ends`, …) with
their defaults in the vocabulary of auditor/model/words.toml. Shares are auditor/check/shares.py's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from auditor.check import intervals as iv
from auditor.check.context import Context
from auditor.check.narrative import place_key
from auditor.extract.narrative import TextIndex, index_of
from auditor.library.schema import BreakdownRule
from auditor.model.extraction import NarrativeFigure
from auditor.model.findings import Outcome
from auditor.model.numbers import wide
from auditor.model.words import VOCABULARY, alternation

WHOLE_REACH = 20  # characters after a count in which its clause may end in a whole word
LABEL_REACH = 30  # characters before a part read as its label
TOTAL_LOOKBACK = 8  # same-unit figures before 其中 tried as its total (asides in brackets skipped)
EARLIER_LOOKBACK = 40  # same-unit figures before a head tried as the total it refers back to
HUNDRED = Decimal(100)
_OPEN, _CLOSE = "（(", "）)"
_LEAD = " ，,：:" + _OPEN  # what may stand between a sentence's start and its 其中
_PART_MARKS = "、，,；;：:。！？!?\n" + _OPEN + _CLOSE  # what stands before a part's label
_SENTENCE_BREAK = "。！？!?"  # past one, only a list with shares continues
_LABELS = VOCABULARY["breakdown"]  # how labels are read: see [vocabulary.breakdown]
_CONJUNCTIONS = tuple(_LABELS["conjunctions"])
_TIMES = tuple(_LABELS["times"])
_NOT_NAMING = (*_TIMES, *_LABELS["quantities"])
_YEARS = re.compile(_LABELS["year"])
_FILLERS = re.compile("|".join([r"\s", "\u3000", _LABELS["year"], *map(re.escape, _LABELS["fillers"])]))
_TRAILING_FILLERS = re.compile("(?:" + "|".join(map(re.escape, _LABELS["fillers"])) + ")+$")


@dataclass(frozen=True)
class ListWords:
    """The words a reading of lists uses (a rule's keys); lists are found once per words."""

    openers: tuple[str, ...]
    incomplete: tuple[str, ...]
    rest: tuple[str, ...]
    not_rest: tuple[str, ...]
    ends: tuple[str, ...]
    whole_words: tuple[str, ...]
    heads: tuple[str, ...]
    topics: tuple[str, ...]
    scopes: tuple[str, ...]
    overlapping: tuple[str, ...]

    @classmethod
    def of(cls, rule: object | None = None) -> ListWords:
        """The rule's words; a key the rule lacks (a share rule has no `rest`) takes its default."""
        defaults = BreakdownRule.model_fields
        return cls(*(tuple(getattr(rule, key) if hasattr(rule, key) else defaults[key].default)
                     for key in cls.__dataclass_fields__))


@dataclass
class Breakdown:
    total: NarrativeFigure
    parts: list[NarrativeFigure]
    complete: bool  # the list says so: its shares add up to 100%, or its last part is the rest
    shares: list[NarrativeFigure | None] = field(default_factory=list)  # each part's stated share
    earlier: bool = False  # the total is stated earlier; the list refers back to it by `topic`
    topic: str = ""
    overlapping: bool = False  # every part names a channel: one item may count in several parts

    def exceeds(self) -> bool:
        return bool(self.exceeding())

    def exceeding(self) -> list[NarrativeFigure]:
        """The parts that exceed the total: all of them when their sum does, or, in a list of
        channels, each part that does by itself."""
        total = self.total.quantity.interval()
        if self.overlapping:
            return [p for p in self.parts if iv.greater(p.quantity.interval(), total)]
        return self.parts if iv.greater(iv.total(p.quantity for p in self.parts), total) else []


def _same_unit(a: NarrativeFigure, b: NarrativeFigure) -> bool:
    """Same kind of thing: the same count unit, or money in any of 元, 万元, 亿元 (all held in 元)."""
    return kind_of(a) == kind_of(b)


def is_share(figure: NarrativeFigure) -> bool:
    return figure.quantity.dimension in ("percent", "points")


def kind_of(figure: NarrativeFigure) -> str | None:
    """What _same_unit compares: two figures are of the same unit when their kinds are equal."""
    return "money" if figure.quantity.dimension == "money" else figure.quantity.unit


def follows_share_word(share: NarrativeFigure, words: Sequence[str], reach: int) -> bool:
    """占79%, 占比79%, 占总数的79%: a share word (占) at most `reach` characters before, in the same
    clause."""
    lead = share.block.text[max(0, share.start - reach):share.start]
    at = max((lead.rfind(word) for word in words), default=-1)
    return at >= 0 and not any(c in lead[at:] for c in "，,。；;")


@dataclass
class Block:
    """One block's figures in text order, with what the list and share readings look up by
    bisection instead of walking every figure of the block (or of the report) again."""

    figures: list[NarrativeFigure]
    index: TextIndex
    counts: list[NarrativeFigure] = field(default_factory=list)  # the figures that are no shares
    count_starts: list[int] = field(default_factory=list)
    by_kind: dict[str | None, list[NarrativeFigure]] = field(default_factory=dict)  # counts by unit
    kind_ends: dict[str | None, list[int]] = field(default_factory=dict)
    _uncovered: list[int] | None = None
    _shares: dict[int, NarrativeFigure] | None = None

    def __post_init__(self) -> None:
        self.counts = [f for f in self.figures if not is_share(f)]
        self.count_starts = [f.start for f in self.counts]
        for figure in self.counts:
            self.by_kind.setdefault(kind_of(figure), []).append(figure)
        self.kind_ends = {kind: [f.end for f in figures] for kind, figures in self.by_kind.items()}

    def last_before(self, kind: str | None, offset: int) -> int:
        """How many counts of `kind` end at or before `offset` (figures do not overlap)."""
        return bisect_right(self.kind_ends.get(kind, []), offset)

    def uncovered_digit(self, start: int, end: int) -> bool:
        """Is a digit in text[start:end] outside every figure of the block?"""
        if self._uncovered is None:
            self._uncovered, spans = [], iter(self.figures)
            figure = next(spans, None)
            for at in self.index.digits:
                while figure is not None and figure.end <= at:
                    figure = next(spans, None)
                if figure is None or at < figure.start:
                    self._uncovered.append(at)
        i = bisect_left(self._uncovered, start)
        return i < len(self._uncovered) and self._uncovered[i] < end

    def share_of(self, part: NarrativeFigure) -> NarrativeFigure | None:
        """The share stated right after a count ("1397条，占73%", "60件（占50.8%）"), if any."""
        if self._shares is None:
            self._shares = {}
            words, text = VOCABULARY["share"]["words"], self.index.text
            for before, after in zip(self.figures, self.figures[1:]):
                if not is_share(before) and is_share(after) and follows_share_word(after, words, 8) \
                        and not any(c in text[before.end:after.start] for c in "。；;！？!?"):
                    self._shares[id(before)] = after
        return self._shares.get(id(part))


def blocks(ctx: Context) -> dict[int, Block]:
    """The narrative's figures by block (id of the block), indexed once per report."""
    if "arithmetic-blocks" not in ctx.memo:
        by_block: dict[int, list[NarrativeFigure]] = {}
        for figure in ctx.extraction.narrative:
            by_block.setdefault(id(figure.block), []).append(figure)
        ctx.memo["arithmetic-blocks"] = {key: Block(figures, index_of(figures[0].block.text))
                                         for key, figures in by_block.items()}
    return ctx.memo["arithmetic-blocks"]


def breakdowns(ctx: Context, words: ListWords | None = None) -> list[Breakdown]:
    """Every list of parts in the narrative with its total, read with `words` (default: the
    vocabulary's); found once per report and words, for the rules that read them."""
    words = words or ListWords.of()
    key = f"breakdowns {words!r}"
    if key not in ctx.memo:
        ctx.memo[key] = list(_find_breakdowns(ctx, words))
    return ctx.memo[key]


def _find_breakdowns(ctx: Context, words: ListWords) -> Iterator[Breakdown]:
    earlier = _Earlier(ctx.extraction.narrative, words)
    openers = re.compile(alternation(words.openers))
    heads = re.compile(alternation(words.heads))
    for block in blocks(ctx).values():
        text = block.index.text
        for opener in openers.finditer(text) if words.openers else ():
            yield from _after_opener(block, opener.start(), opener.end(), words)
        for figure in block.counts:
            if _names_a_whole(text, figure, words.whole_words):
                yield from _after_whole(block, figure, words)
        for head in heads.finditer(text) if words.heads else ():
            yield from _after_head(block, head.start(), head.end(), words, earlier)
        for start, end, topic in _topics(block, words.topics):
            yield from _listed(block, end, None, words, earlier.total(topic, block, start), topic)


def _after_opener(block: Block, marker: int, begin: int, words: ListWords) -> Iterator[Breakdown]:
    """其中: the total is the last figure in the parts' unit before it, outside an aside in brackets,
    in the same sentence (or the one just before, when 其中 opens its sentence)."""
    index, text = block.index, block.index.text
    start, end = index.sentence_at(marker)
    close = index.bracket_close(marker, end, _OPEN, _CLOSE)  # "(其中 a、b)": the list ends with its bracket
    parts, shares = _read_parts(block, begin, close if close < end else None, words)
    if not parts:
        return
    kind = kind_of(parts[0])
    opening = _opens_with_words(text, start, marker)
    total = _total_before(block, kind, marker, start if opening else index.sentence_at(max(start - 1, 0))[0])
    if total is None:
        return
    if close >= end and any(w in text[start:total.start] for w in words.openers):
        # a list nested in another ("其中网上申请30件，其中…") ends with its sentence: past it the outer goes on
        parts, shares = _read_parts(block, begin, end, words)
    yield _breakdown(block, total, parts, shares, begin, words)


def _total_before(block: Block, kind: str | None, marker: int, earliest: int) -> NarrativeFigure | None:
    """The last figure of `kind` ending before `marker` and starting at or after `earliest` that no
    bracket closed since holds ("办结846件（含上年结转57件），…其中": 846, not 57)."""
    same, count = block.by_kind.get(kind, []), block.last_before(kind, marker)
    for figure in reversed(same[max(0, count - TOTAL_LOOKBACK):count]):
        if figure.start < earliest:
            return None
        if block.index.bracket_depth(figure.end, marker, _OPEN, _CLOSE) >= 0:
            return figure
    return None


def _after_whole(block: Block, whole: NarrativeFigure, words: ListWords) -> Iterator[Breakdown]:
    """'在…主动公开的1913条政府信息中，A类a条，…': the list after the clause the whole ends."""
    mark = block.index.next_clause_mark(whole.end)
    if mark is None:
        return
    parts, shares = _read_parts(block, mark + 1, None, words)
    if parts and _same_unit(parts[0], whole):
        yield _breakdown(block, whole, parts, shares, mark + 1, words)


def _after_head(block: Block, head: int, begin: int, words: ListWords, earlier: _Earlier) -> Iterator[Breakdown]:
    """'…主动公开政府信息的主要类别有：A类a条，…': the total stated before the head in its sentence,
    else the one stated earlier under the head's topic."""
    index = block.index
    begin = begin + 1 if index.text[begin:begin + 1] in "：:，," else begin
    parts, shares = _read_parts(block, begin, None, words)
    if not parts:
        return
    start = index.sentence_at(head)[0]
    stated = _total_before(block, kind_of(parts[0]), head, start)
    if stated is not None:
        yield _breakdown(block, stated, parts, shares, begin, words)
        return
    marks = index.clause_marks_between(start, head)
    topic = _TRAILING_FILLERS.sub("", index.text[(marks[-1] + 1) if len(marks) else start:head])
    yield from _listed(block, begin, (parts, shares), words, earlier.total(topic, block, head), topic)


def _listed(block: Block, begin: int, read: tuple | None, words: ListWords,
            total: NarrativeFigure | None, topic: str) -> Iterator[Breakdown]:
    """A list whose total is stated earlier (or not found: no list)."""
    if total is None:
        return
    parts, shares = read or _read_parts(block, begin, None, words)
    if parts and _same_unit(parts[0], total):
        found = _breakdown(block, total, parts, shares, begin, words)
        found.earlier, found.topic = True, topic
        yield found


def _topics(block: Block, endings: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """Sentences that open with a topic and a comma ("主动公开的政府信息，县直…"): (start, end of the
    comma, topic), where the topic ends in one of `endings` and states no figure."""
    if not endings:
        return
    text, index = block.index.text, block.index
    for ending in endings:
        at = text.find(ending + "，")
        while at >= 0:
            end = at + len(ending)
            start = index.sentence_at(at)[0]
            head = text[start:end].strip()
            if head and not index.clause_marks_between(start, end) and not block.uncovered_digit(start, end) \
                    and bisect_left(block.count_starts, start) == bisect_left(block.count_starts, end):
                yield start, end + 1, head
            at = text.find(ending + "，", at + 1)


def _read_parts(block: Block, begin: int, limit: int | None,
                words: ListWords) -> tuple[list[NarrativeFigure], list[NarrativeFigure | None]]:
    """The parts of a list starting at `begin`: within `limit` (the bracket it stands in), else to the
    end of its sentence and on through sentences that continue the enumeration."""
    index = block.index
    anchor = begin
    segment_end = limit if limit is not None else index.sentence_at(begin)[1]
    parts: list[NarrativeFigure] = []
    shares: list[NarrativeFigure | None] = []
    summed = _ShareSum()
    for i in range(bisect_left(block.count_starts, begin), len(block.counts)):
        figure = block.counts[i]
        if figure.start >= segment_end:
            if limit is not None or not parts or not _continues(block, figure, parts[0], shares[0], segment_end, words):
                break
            anchor, segment_end = index.sentence_at(figure.start)
        if index.bracket_depth(anchor, figure.start, _OPEN, _CLOSE) > 0:
            continue  # "197条（政府预决算32条、…）": a breakdown of a part, not a part
        if parts and (not _same_unit(figure, parts[0]) or _ends_list(block, figure, words)):
            break  # "…181件，发布政务动态754条", "…，办结48件": another thing, the list is over
        if _names_a_whole(index.text, figure, words.whole_words):
            break
        parts.append(figure)
        shares.append(block.share_of(figure))
        summed.add(shares[-1])
        if _opener_follows(block, figure, words) or summed.complete():
            break  # "网上申请30件，其中…": a total of its own; or the shares have reached 100%
    return parts, shares


def _continues(block: Block, figure: NarrativeFigure, first: NarrativeFigure, first_share: NarrativeFigure | None,
               segment_end: int, words: ListWords) -> bool:
    """Does the sentence of `figure` (the first count past the list's sentence) continue the list?
    It follows at once, begins with a part like the first (unit, and a share or none), and its label
    is one clause with no other number, no new total and no 其中. Past 。 only a list with shares goes on."""
    text, index = block.index.text, block.index
    start = index.sentence_at(figure.start)[0]
    if start != segment_end or not _same_unit(figure, first):
        return False
    if text[segment_end - 1] in _SENTENCE_BREAK and first_share is None:
        return False
    if (block.share_of(figure) is None) != (first_share is None):
        return False
    label = text[start:figure.start]
    if len(label) > LABEL_REACH or index.clause_marks_between(start, figure.start) \
            or block.uncovered_digit(start, figure.start):
        return False
    return not any(w in label for w in (*words.ends, *words.openers)) and not _opener_follows(block, figure, words)


def _label(block: Block, figure: NarrativeFigure) -> str:
    """The words right before a part ("、政策法规类", "其余"): back to the mark before it, without
    a leading conjunction."""
    text = block.index.text
    lead = text[max(0, figure.start - LABEL_REACH):figure.start]
    cut = max(lead.rfind(mark) for mark in _PART_MARKS)
    label = lead[cut + 1:].strip()
    for conjunction in _CONJUNCTIONS:
        if label.startswith(conjunction):
            return label[len(conjunction):]
    return label


def _ends_list(block: Block, figure: NarrativeFigure, words: ListWords) -> bool:
    """A new total or another stage begins at this figure: its label starts with an end word (共,
    合计, 办结, 答复, …), after a time word or a year."""
    if not words.ends:
        return False
    label = _label(block, figure)
    if not label:  # the figure opens its clause, its words follow: "；1件结转下年度继续办理"
        return block.index.text.startswith(words.ends, figure.end)
    year = _YEARS.match(label)
    label = label[year.end():] if year else label
    lead = next((t for t in _TIMES if label.startswith(t)), "")
    return label.startswith(words.ends, len(lead))


def _opener_follows(block: Block, figure: NarrativeFigure, words: ListWords) -> bool:
    after = block.index.text[figure.end:figure.end + 4].lstrip("，,：: ")
    return bool(words.openers) and after.startswith(words.openers)


def _names_a_whole(text: str, figure: NarrativeFigure, endings: tuple[str, ...]) -> bool:
    """'在…主动公开的1913条政府信息中，…': the figure is the whole of what follows (its clause ends
    in one of `endings`)."""
    if not endings:
        return False
    clause = re.split(r"[，,。；;：:]", text[figure.end:figure.end + WHOLE_REACH], maxsplit=1)[0]
    return clause.endswith(endings)


def _opens_with_words(text: str, start: int, marker: int) -> bool:
    """Does text[start:marker] hold more than blanks, commas, colons and opening brackets?"""
    at = marker
    while at > start and text[at - 1] in _LEAD:
        at -= 1
    return at > start


class _ShareSum:
    """The parts' shares added up as they are read: complete when every part has a share in % and
    the shares (each within half a unit of its last digit) can add up to 100%."""

    def __init__(self) -> None:
        self.low = self.high = Decimal(0)
        self.count = 0
        self.broken = False  # a part without a share, or a share without bounds

    @wide
    def add(self, share: NarrativeFigure | None) -> None:
        low, high = share.quantity.interval() if share is not None else (None, None)
        if share is None or share.quantity.unit not in ("%", "％") or low is None or high is None:
            self.broken = True
            return
        self.low, self.high, self.count = self.low + low, self.high + high, self.count + 1

    def complete(self) -> bool:
        return not self.broken and self.count > 0 and self.low <= HUNDRED <= self.high


def _shares_complete(shares: list[NarrativeFigure | None]) -> bool:
    summed = _ShareSum()
    for share in shares:
        summed.add(share)
    return summed.complete()


def _breakdown(block: Block, total: NarrativeFigure, parts: list[NarrativeFigure],
               shares: list[NarrativeFigure | None], begin: int, words: ListWords) -> Breakdown:
    overlapping = len(parts) > 1 and all(any(w in _label(block, p) for w in words.overlapping) for p in parts)
    return Breakdown(total, parts, _complete(block, begin, total, parts, shares, words), shares,
                     overlapping=overlapping)


def _complete(block: Block, begin: int, total: NarrativeFigure, parts: list[NarrativeFigure],
              shares: list[NarrativeFigure | None], words: ListWords) -> bool:
    """The list says it is complete: its shares add up to 100%, or its last part (of two or more)
    is the rest (其余, 其他…, not a category such as 其他处理). Never with a bound (约, 余), 等
    after the last part, or a number in the list left unread (不予公开信息数1402)."""
    if any(f.quantity.bound != "exact" for f in (total, *parts)):
        return False
    text, at = block.index.text, parts[-1].end
    while at < len(text) and text[at] in _CLOSE:
        at += 1
    if any(text.startswith(word, at) for word in words.incomplete):
        return False
    if block.uncovered_digit(begin, parts[-1].start):
        return False
    if _shares_complete(shares):
        return True
    label = _label(block, parts[-1])
    return len(parts) > 1 and label.startswith(words.rest) and not label.startswith(words.not_rest) \
        if words.rest else False


class _Earlier:
    """Totals stated earlier in the report, looked up by the topic a later list names: the nearest
    earlier figure in the unit whose label is the topic's own ("主动公开政府信息1650条" for
    "主动公开的政府信息，"), or that with a word of the whole scope before it (全区, 我县)."""

    def __init__(self, narrative: list[NarrativeFigure], words: ListWords) -> None:
        self.scopes, self.openers = words.scopes, words.openers
        self.by_kind: dict[str | None, list[NarrativeFigure]] = {}
        self.rank: dict[int, int] = {}  # id of a count → its place among the report's counts of its unit
        for figure in narrative:
            if not is_share(figure):
                same = self.by_kind.setdefault(kind_of(figure), [])
                self.rank[id(figure)] = len(same)
                same.append(figure)

    def total(self, topic: str, block: Block, offset: int) -> NarrativeFigure | None:
        core = _core(topic, self.openers)
        if len(core) < 4:
            return None
        i = bisect_left(block.count_starts, offset)
        if i >= len(block.counts):
            return None
        following = block.counts[i]  # the list's first part: the total stands before it
        same = self.by_kind.get(kind_of(following), [])
        rank = self.rank[id(following)]
        for figure in reversed(same[max(0, rank - EARLIER_LOOKBACK):rank]):
            if self._same_topic(_core(_clause_before(figure), self.openers), core):
                return figure
        return None

    def _same_topic(self, label: str, core: str) -> bool:
        """The label ends as the topic does (four characters or more), and what it has before that
        is in the topic too, or a word of the whole scope."""
        common = 0
        while common < min(len(label), len(core)) and label[-1 - common] == core[-1 - common]:
            common += 1
        rest = label[:len(label) - common]
        return common >= 4 and (not rest or rest in core or rest in self.scopes)


def _clause_before(figure: NarrativeFigure) -> str:
    """The words before a figure back to the mark or the year before them (a heading run into the
    text ends there: "（一）主动公开政府信息的数量2017年全区主动公开政府信息2122条")."""
    text = figure.block.text
    lead = text[max(0, figure.start - LABEL_REACH):figure.start]
    cut = max(lead.rfind(mark) for mark in _PART_MARKS)
    lead = lead[cut + 1:]
    years = list(_YEARS.finditer(lead))
    return lead[years[-1].end():] if years else lead


def _core(words: str, openers: tuple[str, ...]) -> str:
    """A label or topic without what does not name the thing: blanks, 的, 主要, a year, a time or
    quantity word, 其中 ("2012年共主动公开政府信息" → "主动公开政府信息")."""
    core = _FILLERS.sub("", words)
    lead = next((w for w in (*_NOT_NAMING, *openers) if w and core.startswith(w)), None)
    while lead is not None:
        core = core[len(lead):]
        lead = next((w for w in (*_NOT_NAMING, *openers) if w and core.startswith(w)), None)
    return core


def check_breakdown(rule: BreakdownRule, ctx: Context) -> list[Outcome]:
    outcomes = []
    for found in breakdowns(ctx, ListWords.of(rule)):
        if rule.totals != "any" and found.earlier != (rule.totals == "earlier"):
            continue
        if rule.check == "shares":
            outcome = _shares_within_hundred(rule, ctx, found)
            if outcome is not None:
                outcomes.append(outcome.about(place_key(found.total)))
            continue
        total = found.total.quantity
        parts = [p.quantity for p in found.parts]
        message = None
        if rule.check == "exceeds":
            failed = found.exceeds()
            if failed and found.overlapping:  # the largest channel that exceeds, not a sum of channels
                parts = [max((p.quantity for p in found.exceeding()), key=lambda q: q.value)]
                message = rule.overlap_message
        elif not found.complete or found.exceeds():
            continue  # parts that exceed are the other rules' finding; here: a complete list falls short
        else:
            failed = iv.greater(total.interval(), iv.total(parts))
        if not failed:
            outcomes.append(Outcome(rule, "passed").about(place_key(found.total)))
            continue
        params = {"total": total.text, "parts_sum": iv.show(iv.point(parts), total.unit) + (total.unit or ""),
                  "parts": " + ".join(p.text for p in parts), "topic": found.topic}
        outcomes.append(ctx.fail(rule, params, expected=params["total"], actual=params["parts_sum"],
                                 figures=[found.total, *found.parts], message=message).about(place_key(found.total)))
    return outcomes


@wide
def _shares_within_hundred(rule: BreakdownRule, ctx: Context, found: Breakdown) -> Outcome | None:
    """The shares stated for two or more parts of one list (in %) cannot add up to more than 100%,
    each taken at the lowest value it rounds from."""
    shares = [s for s in found.shares if s is not None and s.quantity.unit in ("%", "％")]
    if len(shares) < 2 or found.overlapping:  # channels' shares may add up to more than 100%
        return None
    lows = [s.quantity.interval()[0] for s in shares]
    if any(low is None for low in lows):
        return None
    if sum(lows, Decimal(0)) <= HUNDRED:  # type: ignore[arg-type]
        return Outcome(rule, "passed")
    shown = format(sum((s.quantity.value for s in shares), Decimal(0)).normalize(), "f") + "%"
    params = {"total": found.total.quantity.text, "shares": " + ".join(s.quantity.text for s in shares),
              "shares_sum": shown, "parts": " + ".join(p.quantity.text for p in found.parts),
              "parts_sum": "", "topic": found.topic}
    return ctx.fail(rule, params, expected="≤ 100%", actual=shown, figures=[*shares, found.total])
