"""会议通知: to the member units (主送), time, place, host, agenda summary, contact.

Laid out as an official notice: title, the member units as 主送 ending in a colon, an
opening paragraph, numbered points (一、二、…), the alliance and the date at the foot.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.documents.compose import BODY_POINT_SIZE
from alliance_desk.documents.meetings.common import (
    DocumentKind,
    document_title,
    finish,
    indent_style,
    long_date,
    right_margin_style,
    section,
    title_markup,
    when_label,
)
from alliance_desk.documents.richtext import Markup, element

if TYPE_CHECKING:
    from alliance_desk.services.meetings.records import AgendaSlot, MeetingDetail

__all__ = ["NOTICE_POINT_SIZE", "notice_document", "notice_section"]

NOTICE_POINT_SIZE = BODY_POINT_SIZE  # 仿宋 3号, as GB/T 9704 asks
CHINESE_NUMERALS = "一二三四五六七八九十"
SIGNATURE_MARGIN_EMS = 2.0
ATTENDEES = "各成员单位负责同志（书记或联络员）。"
REQUIREMENTS = (
    "请各成员单位确认参会人员并准时参会；因故不能参会的，请提前向联系人请假或委托他人出席。"
)
NO_ITEMS = "（议题另行通知）"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (points of a notice rarely pass ten)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


def _item_line(number: int, slot: AgendaSlot) -> str:
    presenter = f"（{slot.presenter_name}）" if slot.presenter_name else ""
    return f"{number}. {slot.title}{presenter}"


def _paragraph(text: object, point_size: float) -> Markup:
    return element("p", text, style=indent_style(point_size))


def issued_on(detail: MeetingDetail, printed_on: date) -> date:
    """The 落款 date: the stored 发文日期; a notice not yet issued is dated when printed."""
    return detail.notice_issued_on or printed_on


def notice_section(detail: MeetingDetail, *, printed_on: date, new_page: bool = False) -> Markup:
    meeting = detail.meeting
    size = NOTICE_POINT_SIZE
    recipients = "、".join(row.unit_name for row in detail.members) or "各成员单位"
    points: list[tuple[str, list[str]]] = [
        ("会议时间", [when_label(detail)]),
        ("会议地点", [meeting.place or "另行通知"]),
    ]
    if meeting.host_name:
        points.append(("主持单位", [meeting.host_name]))
    points.append(("参会人员", [ATTENDEES]))
    items = [_item_line(n, slot) for n, slot in enumerate(detail.agenda, start=1)]
    points.append(("会议议题", items or [NO_ITEMS]))
    points.append(("有关要求", [REQUIREMENTS]))
    if detail.contact:
        points.append(("联系人及电话", [detail.contact]))
    body: list[Markup] = [
        title_markup(DocumentKind.NOTICE, detail, new_page=new_page),
        element("p", recipients + "："),
        _paragraph(
            f"经研究，定于{when_label(detail)}召开{meeting.title}。现将有关事项通知如下：", size
        ),
    ]
    for number, (label, lines) in enumerate(points, start=1):
        head = f"{chinese_number(number)}、{label}："
        if len(lines) == 1 and label != "会议议题":
            body.append(_paragraph(head + lines[0], size))
        else:
            body.append(_paragraph(head, size))
            body.extend(_paragraph(line, size) for line in lines)
    signature = right_margin_style(size, SIGNATURE_MARGIN_EMS)
    body += [
        element("p", meeting.alliance_name, align="right", style=f"{signature}; margin-top: 24px"),
        element("p", long_date(issued_on(detail, printed_on)), align="right", style=signature),
    ]
    return section(Markup("").join(body), size)


def notice_document(detail: MeetingDetail, *, printed_on: date) -> QTextDocument:
    """会议通知 of one meeting, dated by its 发文日期 (``printed_on`` when it has none)."""
    return finish(
        notice_section(detail, printed_on=printed_on),
        title=document_title(DocumentKind.NOTICE, detail),
        body_pt=NOTICE_POINT_SIZE,
    )
