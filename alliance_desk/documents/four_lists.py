"""四项清单 prints: the 公示表 (第N期, A4 or A3 landscape, with 本期调整), the 完成情况公示表
with the residents' votes, the 四项清单统计表, and two blank forms — the
需求征集登记表 for door-to-door collection and the 群众评议表 ballot.

Public prints take the services' lines, which are already masked (``core.four_lists
.masking``): no proposer names, phones or house numbers reach this module. Nothing here
touches the database; the service types are imported for type checking only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.core.four_lists.masking import mask_text
from alliance_desk.core.four_lists.rates import GOOD_DEEDS_FORMULA, RATES, ListCounts, percent_text
from alliance_desk.documents.compose import DENSE_POINT_SIZE, new_document
from alliance_desk.documents.geometry import A3_LANDSCAPE, LANDSCAPE, PageSpec
from alliance_desk.documents.long_table import LongTable, LongTableDocument, Part
from alliance_desk.documents.richtext import Markup, element, heading, paragraph, table
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.roster import GAP, long_date

if TYPE_CHECKING:
    from alliance_desk.services.four_lists.postings import PostingIssue
    from alliance_desk.services.four_lists.records import ProjectRow, RatingRow
    from alliance_desk.services.four_lists.stats import ListStatistics

POSTING_HEADER = (
    "序号",
    "需求事项",
    "对接资源／提供单位",
    "项目",
    "责任单位",
    "责任人",
    "完成时限",
    "进度",
)
_POSTING_WIDTHS = (5, 19, 19, 16, 13, 8, 9.5, 10.5)
_POSTING_ALIGN = ("center", None, None, None, None, "center", "center", "center")
POSTING_POINT_SIZE = 10.5
POSTING_A3_POINT_SIZE = 14.0


def posting_spec(paper: str) -> PageSpec:
    return A3_LANDSCAPE if paper == "A3" else LANDSCAPE


def issue_label(issue: PostingIssue) -> str:
    return f"第{issue.number}期"


def posting_document(issue: PostingIssue, *, preview: bool = False) -> LongTableDocument:
    """The 四项清单公示表 of one issue; print it on :func:`posting_spec` (issue.paper)."""
    facts = GAP.join(
        [
            issue_label(issue) + ("（预览，尚未登记）" if preview else ""),
            f"公示日期：{long_date(issue.posted_on)}",
            f"共 {len(issue.lines)} 项",
        ]
    )
    rows = [
        [
            str(n),
            line.need,
            line.resource,
            line.project,
            line.unit,
            line.person,
            line.due,
            line.progress,
        ]
        for n, line in enumerate(issue.lines, start=1)
    ]
    parts: list[Part] = [title_markup(issue.title) + paragraph(facts, class_="center")]
    if rows:
        parts.append(LongTable(POSTING_HEADER, rows, widths=_POSTING_WIDTHS, align=_POSTING_ALIGN))
    else:
        parts.append(paragraph("（本期没有公示的项目）", class_="center"))
    adjustments: Markup = heading("本期调整")
    if issue.first:
        adjustments += paragraph("本期为首期公示。")
    elif not issue.adjustments:
        adjustments += paragraph("与上期相比无调整。")
    else:
        for number, text in enumerate(issue.adjustments, start=1):
            adjustments += paragraph(f"{number}. {text}")
    adjustments += paragraph(
        "注：需求事项中涉及居民个人信息的内容不予公示。对公示内容有意见建议的，"
        "请向社区党组织或街道党工委反映。"
    )
    parts.append(adjustments)
    size = POSTING_A3_POINT_SIZE if issue.paper == "A3" else POSTING_POINT_SIZE
    return LongTableDocument(parts, body_pt=size, title=f"{issue.title}（{issue_label(issue)}）")


COMPLETION_HEADER = (
    "序号",
    "项目",
    "责任单位",
    "办结日期",
    "完成情况",
    "参评\n人数",
    "满意",
    "基本\n满意",
    "不满意",
    "满意率",
)
_COMPLETION_WIDTHS = (5, 20, 16, 10, 23, 6, 5, 5, 5, 5)
_COMPLETION_ALIGN = ("center", None, None, "center", None, *("right",) * 5)


def completion_document(
    scope_title: str,
    projects: Sequence[ProjectRow],
    ratings: dict[int, RatingRow],
    *,
    printed_on: date,
) -> LongTableDocument:
    """完成情况公示表: finished projects and the residents' votes (landscape A4)."""
    rows = []
    for n, p in enumerate(projects, start=1):
        r = ratings.get(p.id)
        votes = (
            [
                str(r.participants),
                str(r.satisfied),
                str(r.basically_satisfied),
                str(r.unsatisfied),
                percent_text(r.satisfaction_rate),
            ]
            if r
            else ["", "", "", "", "待评议"]
        )
        rows.append(
            [
                str(n),
                mask_text(p.name),
                "、".join(p.claim_units) or p.lead_name,
                p.finished_on.isoformat() if p.finished_on else "",
                p.outcome or "已完成",
                *votes,
            ]
        )
    title = f"{scope_title}四项清单完成情况公示表"
    facts = GAP.join([f"已办结 {len(projects)} 项", f"公示日期：{long_date(printed_on)}"])
    parts: list[Part] = [title_markup(title) + paragraph(facts, class_="center")]
    if rows:
        parts.append(
            LongTable(COMPLETION_HEADER, rows, widths=_COMPLETION_WIDTHS, align=_COMPLETION_ALIGN)
        )
    parts.append(paragraph("注：" + RATES[-1][2] + "。欢迎群众继续监督评议。"))
    return LongTableDocument(parts, body_pt=POSTING_POINT_SIZE, title=title)


STAT_HEADER = (
    "序号",
    "党建联盟（社区）",
    "需求",
    "已核实",
    "已对接",
    "资源",
    "项目",
    "公示",
    "已认领",
    "已办结",
    "需求\n对接率",
    "认领率",
    "办结率",
    "按期\n办结率",
    "满意率",
)
_STAT_WIDTHS = (4.5, 17, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 8.5, 8.5, 8.5, 8.5, 8.5)
"""Percentages summing to 100; rates get room for “100.0%” on one line."""
_STAT_ALIGN = ("center", None, *("right",) * 13)


def _stat_cells(number: str, name: str, c: ListCounts) -> list[str]:
    counts = (
        c.needs,
        c.verified,
        c.matched,
        c.resources,
        c.projects,
        c.published,
        c.claimed,
        c.finished,
    )
    rates = [percent_text(getattr(c, attribute)) for _label, attribute, _f in RATES]
    return [number, name, *(str(v) for v in counts), *rates]


def statistics_document(stats: ListStatistics) -> LongTableDocument:
    """四项清单统计表 per alliance (its community) for a year, with the formulas."""
    t = stats.total
    facts = GAP.join(
        [
            f"统计年度：{stats.year}年",
            f"好事实事 {t.good_deeds} 件",
            f"统计日期：{long_date(stats.today)}",
        ]
    )
    rows = [
        _stat_cells(
            str(n),
            f"{line.name}（{line.community}）"
            if line.community and line.community not in line.name
            else line.name,
            line.counts,
        )
        for n, line in enumerate(stats.lines, start=1)
    ]
    rows.append(_stat_cells("", "合计", t))
    notes: Markup = element("p", "注：", style="margin-top: 8px")
    for _label, _attribute, formula in RATES:
        notes += paragraph("\u3000\u3000" + formula)
    notes += paragraph("\u3000\u3000" + GOOD_DEEDS_FORMULA)
    notes += paragraph(
        f"\u3000\u3000统计范围：{stats.year}年登记的需求、{stats.year}年拟定的项目及其评议；资源按现状统计。"
    )
    return LongTableDocument(
        [
            title_markup(stats.title) + paragraph(facts, class_="center"),
            LongTable(STAT_HEADER, rows, widths=_STAT_WIDTHS, align=_STAT_ALIGN),
            notes,
        ],
        body_pt=POSTING_POINT_SIZE,
        title=stats.title,
    )


NEEDS_FORM_HEADER = (
    "序号",
    "需求名称及内容",
    "类别",
    "来源",
    "提出主体",
    "提出人",
    "联系电话",
    "涉及\n户数",
    "紧急\n程度",
    "可否\n公示",
)
_FORM_WIDTHS = (5, 33, 8, 9, 8, 8, 12, 6, 6, 5)
NEEDS_FORM_ROWS = 8


def needs_form_document(*, rows: int = NEEDS_FORM_ROWS) -> QTextDocument:
    """A blank 需求征集登记表 (landscape A4) for door-to-door collection; the columns are
    those of the Excel import, so a filled form is typed straight into the template."""
    header = paragraph(
        GAP.join(
            [
                "所属联盟：____________",
                "社区：__________",
                "网格：______",
                "登记人：______",
                "登记日期：____年__月__日",
            ]
        ),
    )
    blank = [[str(n), *[""] * (len(NEEDS_FORM_HEADER) - 1)] for n in range(1, rows + 1)]
    legend = paragraph(
        "填写说明：类别填养老服务、环境整治、就业帮扶、助残、教育、文体、法律、平安或其他；"
        "来源填入户走访、座谈会、征求意见、民情信箱、报到单位走访、12345或其他；提出主体填居民、"
        "驻区单位或党员；紧急程度填一般、较急或紧急。提出人和联系电话仅供核实，不对外公示。"
    )
    markup = (
        title_markup("四项清单需求征集登记表")
        + header
        + table(
            NEEDS_FORM_HEADER,
            blank,
            widths=_FORM_WIDTHS,
            align=("center", *(None,) * (len(NEEDS_FORM_HEADER) - 1)),
        )
        + legend
    )
    return new_document(
        Markup(markup.replace("<td></td>", "<td>\u3000<br/>\u3000</td>")),
        body_pt=DENSE_POINT_SIZE,
        document_title="四项清单需求征集登记表",
    )


def ballot_document(projects: Sequence[ProjectRow], *, copies: int = 1) -> QTextDocument:
    """群众评议表 ballots (A4 portrait): one per project (or a blank one), ``copies`` each."""
    subjects: list[ProjectRow | None] = list(projects) or [None]
    parts: list[Markup] = []
    for index, project in enumerate(s for s in subjects for _ in range(copies)):
        style = "page-break-before: always" if index else ""
        name = mask_text(project.name) if project else "______________________________"
        units = ("、".join(project.claim_units) or project.lead_name) if project else "__________"
        finished = (
            long_date(project.finished_on) if project and project.finished_on else "____年__月__日"
        )
        parts.append(
            element("h1", "四项清单项目群众评议表", style=style)
            + paragraph(f"项目名称：{name}")
            + paragraph(f"责任单位：{units}")
            + paragraph(f"办结日期：{finished}")
            + paragraph("请在您的评价前的方框内打“√”（只选一项）：")
            + paragraph("\u3000\u3000□ 满意\u3000\u3000□ 基本满意\u3000\u3000□ 不满意")
            + paragraph("意见建议：")
            + paragraph("________________________________________")
            + paragraph("________________________________________")
            + paragraph("评议日期：____年__月__日\u3000\u3000（本表不记名）")
        )
    return new_document(Markup("").join(parts), document_title="四项清单项目群众评议表")
