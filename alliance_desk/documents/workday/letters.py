"""反馈函: the community's letter to each member unit about its in-service members.

All units' letters print in one run, each starting on a new page (a
:class:`~alliance_desk.documents.paged.DocumentPack` of one document per unit). The
letter names the unit's own members (it goes to their employer, not on a wall), so
names stay whole; members' phones and addresses are not printed at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from alliance_desk.core.text import long_date
from alliance_desk.core.workday.rates import PARTICIPATION_FORMULA, REPORT_RATE_FORMULA
from alliance_desk.documents.long_table import LongTable, LongTableDocument, Part
from alliance_desk.documents.paged import DocumentPack
from alliance_desk.documents.richtext import paragraph
from alliance_desk.documents.richtext import title as title_markup
from alliance_desk.documents.workday.common import PRINT_POINT_SIZE, hours_text, percent

if TYPE_CHECKING:
    from alliance_desk.services.workday.feedback import FeedbackLetter

LETTER_HEADER = (
    "序号",
    "姓名",
    "职务",
    "报到社区",
    "状态",
    "参加\n活动",
    "确认\n时长",
    "帮扶\n对子",
    "走访",
    "评价",
    "评语",
)
_WIDTHS = (5, 9, 10, 12, 9, 7, 7, 7, 7, 9, 18)
_ALIGN = ("center", None, None, None, "center", "right", "right", "right", "right", "center", None)


def letter_title(letter: FeedbackLetter) -> str:
    return f"关于{letter.unit_name}在职党员{letter.period.label}到社区报到服务情况的反馈函"


def letter_document(letter: FeedbackLetter, *, printed_on: date, sender: str) -> LongTableDocument:
    """One unit's 反馈函."""
    f = letter.figures
    addressee = letter.party_org_name or letter.unit_name
    rows = [
        [
            str(n),
            m.name,
            m.position,
            m.community_name,
            m.state_label,
            str(m.activities),
            hours_text(m.hours),
            str(m.pairs),
            str(m.visits),
            m.rating or "未评价",
            m.comment,
        ]
        for n, m in enumerate(letter.members, start=1)
    ]
    summary = (
        f"贵单位应到社区报到在职党员 {f.expected} 名，已报到 {f.reported} 名，报到率 "
        f"{percent(f.report_rate)}；{letter.period.label}参加社区服务活动 {f.attendances} 人次，"
        f"经社区确认服务时长 {hours_text(f.total_hours)} 小时，"
        f"参与率 {percent(f.participation_rate)}，"
        f"结成帮扶对子 {f.pairs} 个，走访 {f.visits} 次。"
    )
    parts: list[Part] = [
        title_markup(letter_title(letter))
        + paragraph(f"{addressee}：")
        + paragraph(
            "根据“双报到双服务”工作要求，现将贵单位在职党员"
            + ("在" + "、".join(letter.communities) if letter.communities else "")
            + "报到和服务情况反馈如下："
        )
        + paragraph(summary),
        LongTable(
            LETTER_HEADER, rows or [["", "（无在职党员）", *[""] * 9]], widths=_WIDTHS, align=_ALIGN
        ),
        paragraph(f"注：{REPORT_RATE_FORMULA}；{PARTICIPATION_FORMULA}。服务时长以社区确认的为准。")
        + paragraph("请贵单位将本反馈情况纳入党员日常管理和评先评优参考。")
        + paragraph(sender, align="right")
        + paragraph(long_date(printed_on), align="right"),
    ]
    return LongTableDocument(parts, body_pt=PRINT_POINT_SIZE, title=letter_title(letter))


def letters_pack(
    letters: Sequence[FeedbackLetter], *, printed_on: date, sender: str = "社区党组织（盖章）"
) -> DocumentPack:
    """Every unit's letter, each from the top of a page (raises ValueError for none)."""
    documents = [letter_document(x, printed_on=printed_on, sender=sender) for x in letters]
    label = letters[0].period.label if letters else ""
    return DocumentPack(documents, title=f"在职党员报到服务情况反馈函（{label}）")
