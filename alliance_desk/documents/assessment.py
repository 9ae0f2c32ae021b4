"""年终考核 prints: 考核评分表 per unit, 综合考核结果汇总表, 述职测评票 (blank, numbered),
述职评议汇总表, 满意度测评汇总表. Each shows the formulas it used."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from alliance_desk.core.assessment import (
    BALLOT_FORMULA,
    SURVEY_FORMULA,
    TOTAL_FORMULA,
    VOTE_COEFFICIENTS,
    Grade,
    Vote,
    ballot_score,
)
from alliance_desk.documents.long_table import LongTable, LongTableDocument, Part
from alliance_desk.documents.paged import DocumentPack
from alliance_desk.documents.richtext import Markup, element, heading, paragraph
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.roster import GAP, long_date

if TYPE_CHECKING:
    from alliance_desk.services.assessment.results import AssessmentReport, ResultLine
    from alliance_desk.services.assessment.setup import (
        AssessmentSetup,
        BallotLine,
        RaterGroupRow,
        SurveyRow,
    )

__all__ = [
    "SUMMARY_LANDSCAPE",
    "ballots_document",
    "review_summary_document",
    "scorecards_document",
    "summary_document",
    "survey_summary_document",
]

SUMMARY_LANDSCAPE = True
DENSE_PT = 10.5


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _state_line(report_frozen: bool, setup: AssessmentSetup) -> str:
    if report_frozen and setup.signed_off_at is not None:
        return f"已签发：{setup.signed_off_by}，{setup.signed_off_at:%Y-%m-%d}"
    return "未签发（按当前数据计算，结果可能变化）"


def _scorecard(
    line: ResultLine, year: int, setup: AssessmentSetup, frozen: bool, printed_on: date
) -> LongTableDocument:
    title = f"{year}年度抓基层党建工作考核评分表"
    rank = "签发后确定" if line.rank is None else str(line.rank)
    facts = GAP.join([f"被考核单位：{line.unit_name}", f"打印日期：{long_date(printed_on)}"])
    result = GAP.join(
        [
            f"综合分：{line.total:.2f}",
            f"等次：{line.grade.label}",
            f"排名：{rank}",
        ]
    )
    rows = []
    for n, part in enumerate(line.parts, start=1):
        rows.append(
            [
                str(n),
                part.name,
                part.detail,
                _num(part.score),
                f"{part.weight:g}%",
                _num(part.weighted),
                part.source,
            ]
        )
    rows.append(["", "加分", "", "", "", f"+{line.bonus:g}", ""])
    rows.append(["", "扣分", "", "", "", f"−{line.penalty:g}", ""])
    rows.append(["", "一票否决", "", "", "", line.cap.label if line.cap else "无", ""])
    rows.append(
        ["", "综合分", "", "", f"{sum(p.weight for p in line.parts):g}%", f"{line.total:.2f}", ""]
    )
    parts: list[Part] = [
        title_markup(title)
        + paragraph(facts, class_="center")
        + paragraph(result, class_="center"),
        LongTable(
            ("序号", "考核指标", "原始数据", "得分", "权重", "加权得分", "数据来源"),
            rows,
            widths=(6, 20, 25, 10, 9, 11, 19),
            align=("center", None, None, "right", "right", "right", None),
        ),
    ]
    notes = [f"计分：{TOTAL_FORMULA}；{setup.rule.describe()}。"]
    notes += [f"{p.name}：{p.formula}。" for p in line.parts]
    notes += [f"加减分及否决事由：{r}" for r in line.reasons]
    notes.append(_state_line(frozen, setup) + "。")
    parts.append(heading("说明", level=3) + _paragraphs(notes))
    parts.append(
        element(
            "p",
            "考核组成员签字：______________　　被考核单位书记签字：______________",
            style="margin-top: 18px",
        )
    )
    return LongTableDocument(parts, body_pt=DENSE_PT, title=title)


def _paragraphs(lines: Sequence[str]) -> Markup:
    return Markup("").join(paragraph(line) for line in lines)


def scorecards_document(
    lines: Sequence[ResultLine],
    *,
    year: int,
    setup: AssessmentSetup,
    frozen: bool,
    printed_on: date,
) -> DocumentPack:
    """考核评分表: one page (or more) per unit."""
    documents = [_scorecard(line, year, setup, frozen, printed_on) for line in lines]
    return DocumentPack(documents, title=f"{year}年度抓基层党建工作考核评分表")


def summary_document(report: AssessmentReport, *, printed_on: date) -> LongTableDocument:
    """综合考核结果汇总表: rank, every part's score, adjustments, total, 等次 (landscape)."""
    title = f"{report.year}年度抓基层党建工作综合考核结果汇总表"
    weights = report.setup.counted
    counts = report.grade_counts()
    facts = GAP.join(
        [
            f"参加考核单位 {len(report.lines)} 个",
            "，".join(f"{g.label} {counts[g]} 个" for g in Grade),
            _state_line(report.frozen, report.setup),
            f"打印日期：{long_date(printed_on)}",
        ]
    )
    header = (
        "排名",
        "成员单位",
        *(f"{w.indicator.name}\n{w.weight:g}%" for w in weights),
        "加分",
        "扣分",
        "综合分",
        "等次",
    )
    share = 47 / max(1, len(weights))
    widths = (5, 27, *(share,) * len(weights), 4.5, 4.5, 6, 6)
    align = ("center", None, *("right",) * len(weights), "right", "right", "right", "center")
    rows = [
        [
            str(line.rank or ""),
            line.unit_name,
            *(_num(p.score) for p in line.parts),
            f"{line.bonus:g}",
            f"{line.penalty:g}",
            f"{line.total:.2f}",
            line.grade.label + ("*" if line.cap else ""),
        ]
        for line in report.lines
    ]
    parts: list[Part] = [title_markup(title) + paragraph(facts, class_="center")]
    if rows:
        parts.append(LongTable(header, rows, widths=widths, align=align))
    else:
        parts.append(paragraph("（没有参加考核的单位）", class_="center"))
    parts.append(
        _paragraphs(
            [
                f"注：{TOTAL_FORMULA}；分项无数据的按 0 分计。{report.setup.rule.describe()}。",
                "等次后标 * 的单位有一票否决事项，等次不高于否决所定上限。",
            ]
        )
    )
    return LongTableDocument(parts, body_pt=DENSE_PT, title=title)


def ballots_document(
    group: RaterGroupRow, units: Sequence[tuple[int, str]], *, year: int
) -> DocumentPack:
    """Blank 述职测评票 of one rater group, one per serial number issued."""
    title = f"{year}年度基层党组织书记抓党建工作述职评议测评票"
    votes = [v.label for v in Vote]
    rows = [[str(n), name, "", "", "", ""] for n, (_uid, name) in enumerate(units, start=1)]
    table = LongTable(
        ("序号", "被评议单位", *votes),
        rows,
        widths=(8, 52, 10, 10, 10, 10),
        align=("center", None, "center", "center", "center", "center"),
    )
    guide = (
        "请在每个单位对应的评价等次栏内划“√”，每个单位只能选一个等次；多选或不选的为无效票。"
        "测评票不记名，填好后投入票箱。"
    )
    documents = []
    for serial in group.serials():
        head = title_markup(title) + paragraph(
            GAP.join([f"评议组：{group.name}", f"编号：{serial}"]), class_="center"
        )
        documents.append(
            LongTableDocument(
                [head + paragraph(guide, class_="indent"), table], body_pt=DENSE_PT, title=title
            )
        )
    if not documents:
        raise ValueError("no ballots issued")
    return DocumentPack(documents, title=title)


def review_summary_document(
    lines: Sequence[BallotLine],
    groups: Sequence[RaterGroupRow],
    *,
    year: int,
    printed_on: date,
) -> LongTableDocument:
    """述职评议汇总表: each group's ballots issued/returned, each unit's votes and 折算分."""
    title = f"{year}年度述职评议测评汇总表"
    group_rows = [
        [
            g.name,
            f"{g.weight:g}%",
            str(g.issued),
            str(g.returned),
            "相符" if g.returned <= g.issued else "收回多于发出",
        ]
        for g in groups
    ]
    rows = [
        [
            line.group.name,
            line.unit_name,
            *(str(line.votes.of(v)) for v in Vote),
            str(line.votes.valid),
            _num(ballot_score(line.votes)),
        ]
        for line in lines
    ]
    coefficients = "，".join(f"{v.label} {c:g}" for v, c in VOTE_COEFFICIENTS.items())
    parts: list[Part] = [
        title_markup(title) + paragraph(f"打印日期：{long_date(printed_on)}", class_="center"),
        heading("一、发票和收票情况"),
        LongTable(
            ("评议组", "权重", "发出票数", "收回票数", "核对"),
            group_rows,
            widths=(30, 15, 18, 18, 19),
            align=(None, "right", "right", "right", "center"),
        ),
        heading("二、各单位得票及折算分"),
    ]
    if rows:
        parts.append(
            LongTable(
                ("评议组", "被评议单位", *(v.label for v in Vote), "有效票", "折算分"),
                rows,
                widths=(12, 36, 8, 8, 8, 8, 10, 10),
                align=(None, None, "right", "right", "right", "right", "right", "right"),
            )
        )
    else:
        parts.append(paragraph("（尚未录入测评票）"))
    parts.append(_paragraphs([f"注：{BALLOT_FORMULA}（档位系数：{coefficients}）。"]))
    return LongTableDocument(parts, body_pt=DENSE_PT, title=title)


def survey_summary_document(
    surveys: Sequence[SurveyRow], *, year: int, printed_on: date
) -> LongTableDocument:
    """满意度测评汇总表."""
    title = f"{year}年度群众满意度测评汇总表"
    rows = [
        [
            str(n),
            s.unit_name,
            str(s.participants),
            str(s.satisfied),
            str(s.basically_satisfied),
            str(s.unsatisfied),
            "—" if s.rate is None else f"{s.rate:.1f}%",
        ]
        for n, s in enumerate(surveys, start=1)
    ]
    parts: list[Part] = [
        title_markup(title) + paragraph(f"打印日期：{long_date(printed_on)}", class_="center")
    ]
    if rows:
        parts.append(
            LongTable(
                ("序号", "测评对象", "参评人数", "满意", "基本满意", "不满意", "满意率"),
                rows,
                widths=(7, 37, 11, 10, 11, 10, 14),
                align=("center", None, "right", "right", "right", "right", "right"),
            )
        )
    else:
        parts.append(paragraph("（尚未录入满意度测评）", class_="center"))
    parts.append(_paragraphs([f"注：{SURVEY_FORMULA}。"]))
    return LongTableDocument(parts, body_pt=DENSE_PT, title=title)
