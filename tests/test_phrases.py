"""Tests for check-pack phrases (auditor.library.phrases) and narrative figures (auditor.extract.narrative)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from auditor.extract.narrative import figures_in
from auditor.library.phrases import compile_phrase, exclusion_pattern
from auditor.model.document import Location, Segment, TextBlock
from auditor.model.numbers import parse_quantity

# ---------------------------------------------------------------------------------------------
# compile_phrase


def figure(phrase: str, text: str) -> str | None:
    """The figure `phrase` finds in `text` (group 'n'), or None."""
    match = compile_phrase(phrase).search(text)
    return match["n"] if match else None


def test_phrase_captures_the_figure_as_group_n() -> None:
    pattern = compile_phrase("主动公开…信息{N:条}")
    assert "n" in pattern.groupindex
    match = pattern.search("2018年，本机关主动公开信息135条。")
    assert match is not None
    assert match["n"] == "135条"
    assert parse_quantity(match["n"]).value == 135


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("主动公开信息135条", "135条"),
        ("主动公开政府信息180余条", "180余条"),
        ("主动公开政府信息1,234条", "1,234条"),
        ("主动公开政府信息１２３条", "１２３条"),
        ("主动公开政府信息一千三百条", "一千三百条"),
    ],
)
def test_gap_matches_words_between_phrase_parts(text: str, n: str) -> None:
    assert figure("主动公开…信息{N:条}", text) == n


def test_figure_follows_the_literal_before_it_directly() -> None:
    # {N} is not a gap: text between 信息 and the figure needs `…` or an explicit group, as the
    # check packs write it (主动公开…信息(?:共|共计|合计|总计)?{N:条|件}).
    text = "主动公开政府信息共180余条"
    assert figure("主动公开…信息{N:条}", text) is None
    assert figure("主动公开…信息(?:共|共计|合计|总计)?{N:条|件}", text) == "180余条"
    assert figure("主动公开…信息…{N:条}", text) == "180余条"
    assert parse_quantity(figure("主动公开…信息…{N:条}", text)).bound == "at_least"


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("20{N:条}", "2018条"),
        ("20{N}", "2018条"),
        ("２０{N:条}", "２０１８条"),
        ("1.{N:条}", "1.5条"),
        ("1．{N:条}", "1．5条"),
    ],
)
def test_figure_is_never_the_tail_of_a_longer_number(phrase: str, text: str) -> None:
    assert figure(phrase, text) is None


def test_figure_is_the_whole_number() -> None:
    assert figure("共{N:条}", "共2018条") == "2018条"
    assert figure("{N:条}", "本年度2018条") == "2018条"
    assert figure("{N}", "占5.33%") == "5.33%"


@pytest.mark.parametrize("stop", ["。", "；", ";", "！", "？", "\n"])
def test_gaps_do_not_cross_a_sentence_end(stop: str) -> None:
    for gap in ("…", "……"):
        assert figure(f"主动公开{gap}{{N:条}}", f"主动公开工作有序推进{stop}全年共5条") is None
        assert figure(f"主动公开{gap}{{N:条}}", f"主动公开工作全年共5条{stop}") == "5条"


@pytest.mark.parametrize("comma", ["，", ","])
def test_short_gap_stays_in_its_clause_long_gap_crosses_commas(comma: str) -> None:
    text = f"主动公开工作有序推进{comma}全年共5条。"
    assert figure("主动公开…{N:条}", text) is None
    assert figure("主动公开……{N:条}", text) == "5条"


@pytest.mark.parametrize("gap", ["…", "……"])
def test_gap_is_at_most_30_characters(gap: str) -> None:
    assert figure(f"公开{gap}{{N:条}}", "公开" + "甲" * 30 + "5条") == "5条"
    assert figure(f"公开{gap}{{N:条}}", "公开" + "甲" * 31 + "5条") is None


def test_gap_takes_the_nearest_figure() -> None:
    assert figure("公开…{N:条}", "公开信息5条，文件8条") == "5条"


def test_figure_needs_a_unit() -> None:
    assert figure("收到…{N}", "收到申请2018年") is None
    assert figure("收到…{N}", "收到申请3件") == "3件"


@pytest.mark.parametrize("phrase", ["{N}{N}", "公开{N:条}…发布{N:件}", "{N:条}…{N}"])
def test_two_figures_in_one_phrase_is_an_error(phrase: str) -> None:
    with pytest.raises(ValueError):
        compile_phrase(phrase)


@pytest.mark.parametrize("phrase", ["(公开…{N:条}", "公开{N:条})", "*公开{N}", "公开(?P<x{N}"])
def test_invalid_regex_raises_re_error(phrase: str) -> None:
    with pytest.raises(re.error):
        compile_phrase(phrase)


@pytest.mark.parametrize(
    ("phrase", "text", "n"),
    [
        ("收到…{N:件}", "收到申请5条", None),
        ("收到…{N:件}", "收到申请5件", "5件"),
        ("收到…{N:条|件}", "收到申请5条", "5条"),
        ("收到…{N:条|件}", "收到申请5件", "5件"),
        ("收到…{N:条|件}", "收到申请5篇", None),
        ("收到…{N:件}", "收到申请3件以上", "3件以上"),
        ("收到…{N:件}", "收到申请近20件", "近20件"),
        ("…{N:%}", "占比约5.33%", "约5.33%"),
    ],
)
def test_unit_restriction(phrase: str, text: str, n: str | None) -> None:
    assert figure(phrase, text) == n


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("服务…{N:人}", "服务群众5人次"),
        ("提高…{N:个}", "提高3个百分点"),
        ("收费…{N:元}", "收费5万元"),
    ],
)
def test_unit_restriction_does_not_match_the_start_of_a_longer_unit(phrase: str, text: str) -> None:
    assert figure(phrase, text) is None


def test_restricted_unit_still_matches_on_its_own() -> None:
    assert figure("服务…{N:人}", "服务群众5人。") == "5人"
    assert figure("服务…{N:人|人次}", "服务群众5人次。") == "5人次"
    assert figure("提高…{N:个}", "提高3个。") == "3个"


@pytest.mark.parametrize(
    ("phrase", "text", "n"),
    [
        ("收到…{N:件}", "收到申请3 件", "3 件"),
        ("收到…{N}", "收到申请3 件", "3 件"),
        ("收到…{N:件}", "收到申请3\u3000件", "3\u3000件"),
    ],
)
def test_phrase_figure_allows_a_space_before_the_unit(phrase: str, text: str, n: str) -> None:
    # Text from PDFs often reads "3 件"; figures_in and parse_quantity accept it, so phrases must too,
    # or the narrative check reports the figure as not stated while the arithmetic checks read it.
    found = figure(phrase, text)
    assert found == n, (
        f"BUG: compile_phrase({phrase!r}).search({text!r}) gives {found!r}, but figures_in reads {n!r} "
        "from the same text: {N} does not allow the space before the unit that numbers.py now accepts"
    )
    assert parse_quantity(n).value == 3


def test_unrestricted_figure_takes_the_longest_unit() -> None:
    assert figure("服务…{N}", "服务群众5人次") == "5人次"
    assert figure("提高…{N}", "提高3个百分点") == "3个百分点"
    assert figure("收费…{N}", "收费1629323.82万元") == "1629323.82万元"


# ---------------------------------------------------------------------------------------------
# figures_in


def block(text: str) -> TextBlock:
    return TextBlock("paragraph", text, [Segment(offset=0, line=1, column=1)])


def figures(text: str) -> list[tuple[str, Decimal, str | None, str]]:
    return [(text[f.start:f.end], f.quantity.value, f.quantity.unit, f.quantity.bound) for f in figures_in(block(text))]


@pytest.mark.parametrize(
    "text",
    [
        "召开第119次常务会议。",
        "召开第十二次常务会议。",
        "推行一次性告知书制度。",
        "印发《关于…10条措施的意见》。",
        "印发《关于进一步优化营商环境10条措施的意见》。",
        "2018年，本机关工作有序推进。",  # a year has no unit
    ],
)
def test_figures_in_leaves_out_ordinals_words_and_titles(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布信息37期。", [("37期", Decimal(37), "期", "exact")]),
        ("刊发两篇稿件。", [("两篇", Decimal(2), "篇", "exact")]),
        ("服务群众2000余人。", [("2000余人", Decimal(2000), "人", "at_least")]),
        ("累计访问量近2万人次。", [("近2万人次", Decimal(20000), "人次", "at_most")]),
        ("收费1629323.82万元。", [("1629323.82万元", Decimal(16293238200), "万元", "exact")]),
        ("占全部申请的5.33％。", [("5.33％", Decimal("5.33"), "%", "exact")]),
    ],
)
def test_figures_in_reads_figures(text: str, expected: list) -> None:
    assert figures(text) == expected


def test_figures_in_reads_a_space_before_the_unit() -> None:
    text = "共收到申请 3 件。"
    found = figures(text)
    assert found == [("3 件", Decimal(3), "件", "exact")]


@pytest.mark.parametrize("text", ["召开第 119 次常务会议。", "召开第 3 次会议。", "召开第3 次会议。"])
def test_figures_in_leaves_out_ordinals_written_with_spaces(text: str) -> None:
    found = figures(text)
    assert found == [], (
        f"BUG: figures_in reads the ordinal in {text!r} as a figure {found!r}: a space after 第 "
        "hides it from the ordinal check (text[start - 1] == '第')"
    )


def test_figures_in_after_a_title_closes() -> None:
    text = "《条例》实施以来，印发《关于…10条措施的意见》后公开信息5条。"
    assert figures(text) == [("5条", Decimal(5), "条", "exact")]


def test_figures_in_gives_each_figure_its_clause_and_place() -> None:
    text = "共收到申请3件；已办结2件，其中公开1件。"
    found = figures_in(block(text))
    assert [(text[f.start:f.end], f.sentence) for f in found] == [
        ("3件", "共收到申请3件；"),
        ("2件", "已办结2件，其中公开1件。"),
        ("1件", "已办结2件，其中公开1件。"),
    ]
    assert found[1].location == Location(line=1, column=text.index("2件") + 1)


def test_figures_in_locates_figures_across_segments() -> None:
    # A paragraph joined from two source lines: the second line starts at offset 6.
    text = "全年受理申请" + "共12件。"
    b = TextBlock("paragraph", text, [Segment(offset=0, line=3, column=1), Segment(offset=6, line=4, column=1)])
    (found,) = figures_in(b)
    assert (found.quantity.value, found.location) == (Decimal(12), Location(line=4, column=2))


# ---------------------------------------------------------------------------------------------
# phrase words ({受理}), counters ({N:申请}) and exclusion patterns


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("全年收到政府信息公开申请12件。", "12件"),
        ("全年受理依申请公开申请共计12件。", "12件"),
        ("全年接收政府信息公开申请合计12份。", "12份"),
        ("全年登记政府信息公开申请累计12个。", "12个"),
        ("全年新收政府信息公开申请总计三十五件。", "三十五件"),
        ("全年收到政府信息公开申请两千零一十件。", "两千零一十件"),
        ("全年收到政府信息公开申请120余件。", "120余件"),
    ],
)
def test_phrase_word_stands_for_each_of_its_words(text: str, n: str) -> None:
    assert figure("{受理}…公开…申请{共}?{N:申请}", text) == n


def test_phrase_word_matches_its_longest_word() -> None:
    # 行政复议案件 before 行政复议: the figure follows the whole word, not a tail of it
    assert figure("{复议}{共}?{N:案件}", "行政复议案件共3起") == "3起"
    assert figure("{复议}{N:案件}", "行政复议申请2宗") == "2宗"


@pytest.mark.parametrize(("text", "bound", "low", "high"), [
    ("收到政府信息公开申请120余件", "at_least", Decimal(120), None),
    ("收到政府信息公开申请120多件", "at_least", Decimal(120), None),
    ("收到政府信息公开申请近120件", "at_most", None, Decimal(120)),
    ("收到政府信息公开申请约120件", "about", Decimal(108), Decimal(132)),
])
def test_approximate_figure_is_a_bound(text: str, bound: str, low, high) -> None:
    quantity = parse_quantity(figure("{受理}…申请{N:申请}", text))
    assert (quantity.bound, quantity.interval()) == (bound, (low, high))


def test_counter_stands_for_its_units() -> None:
    assert figure("收到…{N:申请}", "收到申请5份") == "5份"
    assert figure("收到…{N:申请}", "收到申请5篇") is None
    assert figure("复议{N:案件}", "复议5宗") == "5宗"


@pytest.mark.parametrize("phrase", ["{未定义}…{N:件}", "{受理…{N:件}", "收到{N:申请书}"])
def test_unknown_phrase_word_or_unit_is_an_error(phrase: str) -> None:
    with pytest.raises((ValueError, re.error)):
        compile_phrase(phrase)


def test_repetitions_are_not_phrase_words() -> None:
    assert figure("收到[^，]{0,3}{N:件}", "收到申请3件") == "3件"
    assert figure("收到[^，]{2}{N:件}", "收到申请3件") == "3件"


def test_exclusion_is_a_word_or_a_pattern() -> None:
    assert exclusion_pattern("类信息") is None
    assert exclusion_pattern("予以公开、") is None
    pattern = exclusion_pattern("(?<!各)类信息")
    assert pattern is not None and pattern.search("重点领域类信息") and not pattern.search("各类信息")
    with pytest.raises(re.error):
        exclusion_pattern("(?<!各类信息")


@pytest.mark.parametrize(("text", "n"), [
    ("主动公开政府信息，经统计，共1913条。", "1913条"),
    ("主动公开政府信息，据统计，1913条。", "1913条"),
    ("主动公开政府信息，其中网站1913条。", None),  # only an aside of the vocabulary is crossed
])
def test_an_aside_clause_is_crossed(text: str, n: str | None) -> None:
    assert figure("主动公开…信息{共}?{N:信息}", text) == n
