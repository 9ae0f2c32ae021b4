"""Activity sign-in sheet (签到表), in the meeting sign-in layout: 4号 type, rows tall
enough to sign, planned participants first, then blank rows for those who come unannounced.
Columns for the sign-in and sign-out times feed the 服务时长."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.documents.meetings.common import NOT_GIVEN, day_label, finish, section
from alliance_desk.documents.meetings.signin import BLANK_ROWS, ROW_PADDING_PX, SIGNIN_POINT_SIZE
from alliance_desk.documents.richtext import Markup, element, paragraph
from alliance_desk.documents.richtext import title as title_markup

if TYPE_CHECKING:
    from alliance_desk.services.workday.activities import ActivityRow, AttendanceRow

ACTIVITY_SIGNIN_HEADER = ("序号", "姓名", "工作单位", "签到时间", "签退时间", "签名")
_WIDTHS = (8, 15, 29, 15, 15, 18)
_ALIGN = ("center", None, None, "center", "center", None)


def _cell(text: str, align: str | None) -> Markup:
    style = f"padding-top: {ROW_PADDING_PX}px; padding-bottom: {ROW_PADDING_PX}px"
    return element("td", text, align=align, style=style)


def activity_title(activity: ActivityRow) -> str:
    return f"{activity.community_name}社区工作日活动签到表"


def activity_signin_document(
    activity: ActivityRow, planned: Sequence[AttendanceRow], *, blank_rows: int = BLANK_ROWS
) -> QTextDocument:
    """签到表 of one activity, A4 portrait: the planned participants, then blank rows."""
    names = [(a.member_name, a.unit_name) for a in planned]
    names += [("", "")] * max(blank_rows, 0)
    header = element(
        "thead",
        element(
            "tr",
            *(
                element("th", text, width=f"{width:g}%", align="center")
                for text, width in zip(ACTIVITY_SIGNIN_HEADER, _WIDTHS, strict=True)
            ),
        ),
    )
    body = (
        element(
            "tr",
            *(
                _cell(text, align)
                for text, align in zip((str(n), name, unit, "", "", ""), _ALIGN, strict=True)
            ),
        )
        for n, (name, unit) in enumerate(names, start=1)
    )
    sheet = element(
        "table",
        header,
        element("tbody", *body),
        width="100%",
        border=1,
        cellspacing=0,
        cellpadding=4,
    )
    when = day_label(activity.planned_start) if activity.planned_start else ""
    if activity.planned_start and activity.planned_end:
        when += f"{activity.planned_start:%H:%M}–{activity.planned_end:%H:%M}"
    elif not when:
        from alliance_desk.core.text import long_date

        when = long_date(activity.held_on)
    parts = [
        title_markup(activity_title(activity)),
        paragraph(f"活动：{activity.category}　{activity.content or ''}".rstrip()),
        paragraph(f"时间：{when}"),
        paragraph(
            f"地点：{activity.location or NOT_GIVEN}　组织方：{activity.organiser or NOT_GIVEN}"
        ),
        sheet,
        paragraph(
            f"计划参加 {activity.planned_participants or len(planned)} 人。请签到、签退时写明时刻。"
        ),
    ]
    return finish(
        section(Markup("").join(parts), SIGNIN_POINT_SIZE),
        title=activity_title(activity),
        body_pt=SIGNIN_POINT_SIZE,
    )
