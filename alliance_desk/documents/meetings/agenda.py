"""会议议程: numbered items with clock-time slots, kind and presenting unit, and the end time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.core.vocab import AgendaOrigin
from alliance_desk.documents.compose import DENSE_POINT_SIZE
from alliance_desk.documents.meetings.common import (
    NOT_GIVEN,
    DocumentKind,
    document_title,
    finish,
    long_date,
    section,
    title_markup,
    when_label,
)
from alliance_desk.documents.richtext import Markup, element, paragraph, table
from alliance_desk.documents.roster import GAP

if TYPE_CHECKING:
    from alliance_desk.services.meetings.records import AgendaSlot, MeetingDetail

__all__ = [
    "AGENDA_HEADER",
    "AGENDA_POINT_SIZE",
    "agenda_document",
    "agenda_section",
    "agendas_document",
]

AGENDA_POINT_SIZE = DENSE_POINT_SIZE  # 小4号: six columns in the 156 mm block
AGENDA_HEADER = ("序号", "时间", "议题", "类型", "汇报单位", "用时")
_WIDTHS = (7, 17, 32, 13, 21, 10)
_ALIGN = ("center", "center", None, "center", None, "center")
CARRIED_OVER_MARK = "（上次顺延）"
NO_ITEMS = "（尚未安排议题）"
NO_MEETINGS = "（本月没有安排联席会议）"


def _row(number: int, slot: AgendaSlot) -> list[str]:
    mark = CARRIED_OVER_MARK if slot.origin is AgendaOrigin.CARRIED_OVER else ""
    return [
        str(number),
        slot.time_label,
        slot.title + mark,
        slot.kind.label,
        slot.presenter_name or NOT_GIVEN,
        f"{slot.minutes_allotted}分钟",
    ]


def agenda_section(detail: MeetingDetail, *, printed_on: date, new_page: bool = False) -> Markup:
    meeting = detail.meeting
    facts = [f"时间：{when_label(detail)}", f"地点：{meeting.place or NOT_GIVEN}"]
    host = f"主持单位：{meeting.host_name or NOT_GIVEN}"
    body = [
        title_markup(DocumentKind.AGENDA, detail, new_page=new_page),
        *(paragraph(line) for line in facts),
        paragraph(GAP.join([host, f"打印日期：{long_date(printed_on)}"])),
        table(
            AGENDA_HEADER,
            [_row(n, slot) for n, slot in enumerate(detail.agenda, start=1)],
            widths=_WIDTHS,
            align=_ALIGN,
        ),
    ]
    if detail.agenda:
        timing = detail.timing
        body.append(
            paragraph(
                f"共 {len(detail.agenda)} 项议题，合计用时 {timing.total_label}，"
                f"预计 {timing.end_label} 结束。"
            )
        )
    else:
        body.append(paragraph(NO_ITEMS, class_="center"))
    return section(Markup("").join(body), AGENDA_POINT_SIZE)


def agenda_document(detail: MeetingDetail, *, printed_on: date) -> QTextDocument:
    """会议议程 of one meeting."""
    return finish(
        agenda_section(detail, printed_on=printed_on),
        title=document_title(DocumentKind.AGENDA, detail),
        body_pt=AGENDA_POINT_SIZE,
    )


def agendas_document(
    details: Sequence[MeetingDetail], *, title: str, printed_on: date
) -> QTextDocument:
    """The month's batch: every meeting's agenda, each starting on a new page.

    ``title`` names the file (e.g. ``2026年12月联席会议议程``); without any meeting the
    one page says so under it.
    """
    if not details:
        body = element("h1", title) + paragraph(NO_MEETINGS, class_="center")
    else:
        body = Markup("").join(
            agenda_section(detail, printed_on=printed_on, new_page=index > 0)
            for index, detail in enumerate(details)
        )
    return finish(body, title=title, body_pt=AGENDA_POINT_SIZE)
