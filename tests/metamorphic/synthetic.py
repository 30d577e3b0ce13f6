"""Made-up reports in the 2021 format, as Markdown, so that the variants run without the corpus.

Each is built from the applicants' counts of table 三's rows; 总计 (row and column), （七）总计 and
四、结转下年度 follow from them unless a report means to break an equation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Counts = tuple[int, int, int, int, int, int]  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他

# Table 三's rows in order: (label, counted in （七）总计); None marks a block label row.
OUTCOMES = [
    ("（一）予以公开", True), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", True),
    ("（三）不予公开", None), ("1.属于国家秘密", True), ("2.其他法律行政法规禁止公开", True), ("3.危及“三安全一稳定”", True),
    ("4.保护第三方合法权益", True), ("5.属于三类内部事务信息", True), ("6.属于四类过程性信息", True),
    ("7.属于行政执法案卷", True), ("8.属于行政查询事项", True),
    ("（四）无法提供", None), ("1.本机关不掌握相关政府信息", True), ("2.没有现成信息需要另行制作", True),
    ("3.补正后申请内容仍不明确", True),
    ("（五）不予处理", None), ("1.信访举报投诉类申请", True), ("2.重复申请", True), ("3.要求提供公开出版物", True),
    ("4.无正当理由大量反复申请", True), ("5.要求行政机关确认或重新出具已获取信息", True),
    ("（六）其他处理", None), ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", True),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", True), ("3.其他", True),
]
NEW, CARRIED = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"
HANDLED, FORWARD = "（七）总计", "四、结转下年度继续办理"
NONE: Counts = (0, 0, 0, 0, 0, 0)


@dataclass(frozen=True)
class MadeUp:
    name: str
    new: Counts
    carried: Counts
    outcomes: dict[str, Counts]  # label → counts; rows not named are all 0
    stated_new: int | None = None  # what the text says was received (default: the table's)
    wrong_totals: dict[str, int] = field(default_factory=dict)  # label → a 总计 that breaks its row
    review: tuple[int, int, int, int] = (0, 0, 0, 0)  # 结果维持, 结果纠正, 其他结果, 尚未审结
    normative: tuple[int, int, int] = (5, 1, 40)  # 本年制发, 本年废止, 现行有效

    def handled(self) -> Counts:
        rows = [self.outcomes.get(label, NONE) for label, counted in OUTCOMES if counted]
        return _sum(rows)

    def forward(self) -> Counts:
        return tuple(n + c - h for n, c, h in zip(self.new, self.carried, self.handled()))  # type: ignore[return-value]

    def markdown(self) -> str:
        return "\n\n".join([_opening(self), _table_two(self), "## 三、收到和处理政府信息公开申请情况",
                            _table_three(self), _table_four(self), _closing()]) + "\n"


def _sum(rows: list[Counts]) -> Counts:
    return tuple(sum(column) for column in zip(*rows)) if rows else NONE  # type: ignore[return-value]


def _opening(report: MadeUp) -> str:
    stated = sum(report.new) if report.stated_new is None else report.stated_new
    disclosed = sum(report.outcomes.get("（一）予以公开", NONE))
    return (f"# 某某县人民政府{report.name}2021年政府信息公开工作年度报告\n\n"
            "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n\n"
            "## 一、总体情况\n\n"
            f"全年共收到政府信息公开申请{stated}件，予以公开{disclosed}件。\n\n"
            "## 二、主动公开政府信息情况")


def _table_two(report: MadeUp) -> str:
    issued, repealed, in_force = report.normative
    return "\n".join([
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|",
        "| 规章 | 0 | 0 | 0 |", f"| 行政规范性文件 | {issued} | {repealed} | {in_force} |",
        "| 信息内容 | 本年处理决定数量 | | |", "| 行政许可 | 120 | | |",
        "| 信息内容 | 本年处理决定数量 | | |", "| 行政处罚 | 35 | | |", "| 行政强制 | 0 | | |",
        "| 信息内容 | 本年收费金额（单位：万元） | | |", "| 行政事业性收费 | 0 | | |"])


def _table_three(report: MadeUp) -> str:
    lines = [("| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 "
             "| 社会公益组织 | 法律服务机构 | 其他 | 总计 |"), "|---|---|---|---|---|---|---|---|",
             _t3_row(report, NEW, report.new), _t3_row(report, CARRIED, report.carried), "| 三、本年度办理结果 |" + " |" * 7]
    for label, counted in OUTCOMES:
        lines.append(_t3_row(report, label, report.outcomes.get(label, NONE)) if counted else f"| {label} |" + " |" * 7)
    lines += [_t3_row(report, HANDLED, report.handled()), _t3_row(report, FORWARD, report.forward())]
    return "\n".join(lines)


def _t3_row(report: MadeUp, label: str, counts: Counts) -> str:
    total = report.wrong_totals.get(label, sum(counts))
    return "| " + " | ".join([label, *map(str, counts), str(total)]) + " |"


def _table_four(report: MadeUp) -> str:
    review = [*report.review, sum(report.review)]
    cells = [*review, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    return "\n".join([
        "## 四、政府信息公开行政复议、行政诉讼情况",
        "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |", "|" + "---|" * 15,
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
        "| " + " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + " |",
        "| " + " | ".join(map(str, cells)) + " |"])


def _closing() -> str:
    return ("## 五、存在的主要问题及改进情况\n\n政策解读形式较为单一，将进一步丰富解读形式。\n\n"
            "## 六、其他需要报告的事项\n\n本年度未收取信息处理费。")


MADE_UP = [
    MadeUp("quiet", new=(3, 1, 0, 0, 0, 0), carried=(1, 0, 0, 0, 0, 0),
           outcomes={"（一）予以公开": (2, 1, 0, 0, 0, 0), "1.本机关不掌握相关政府信息": (1, 0, 0, 0, 0, 0)}),
    MadeUp("busy", new=(64, 4, 1, 0, 1, 2), carried=(2, 0, 0, 0, 0, 0), review=(3, 1, 0, 1),
           outcomes={"（一）予以公开": (30, 2, 1, 0, 0, 0), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (5, 1, 0, 0, 0, 0),
                     "4.保护第三方合法权益": (2, 0, 0, 0, 0, 0), "1.本机关不掌握相关政府信息": (20, 1, 0, 0, 1, 1),
                     "2.重复申请": (1, 0, 0, 0, 0, 0), "3.其他": (0, 0, 0, 0, 0, 1)}),
    # The text says 9 requests where the table has 8, and （一）予以公开's 总计 is 1 too many.
    MadeUp("flawed", new=(6, 2, 0, 0, 0, 0), carried=NONE, stated_new=9, wrong_totals={"（一）予以公开": 6},
           outcomes={"（一）予以公开": (4, 1, 0, 0, 0, 0), "3.补正后申请内容仍不明确": (2, 1, 0, 0, 0, 0)}),
]
