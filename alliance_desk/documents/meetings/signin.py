"""签到表: one row per member unit, blank name and signature cells tall enough to write in.

Guests already known (列席) get their rows after the member units, and always
:data:`BLANK_ROWS` blank rows follow for those who come unannounced — the same on every
sheet, whichever path prints it (on its own, in the pack, preview or PDF); when they do not
fit under the known rows they continue on the next page. The header row repeats on every
page.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.documents.meetings.common import (
    NOT_GIVEN,
    DocumentKind,
    document_title,
    finish,
    section,
    title_markup,
    when_label,
)
from alliance_desk.documents.richtext import Markup, element, paragraph

if TYPE_CHECKING:
    from alliance_desk.services.meetings.records import MeetingDetail

__all__ = [
    "BLANK_ROWS",
    "SIGNIN_HEADER",
    "SIGNIN_POINT_SIZE",
    "signin_document",
    "signin_section",
    "signin_sheet_section",
]

SIGNIN_POINT_SIZE = 14.0  # 4号
SIGNIN_HEADER = ("序号", "单位", "参会人员", "签名", "备注")
_WIDTHS = (8, 40, 18, 24, 10)  # signature ≈ 37 mm, name ≈ 28 mm of the 156 mm block
_ALIGN = ("center", None, None, None, None)
BLANK_ROWS = 3
GUEST_MARK = "（列席）"
# Extra room above and below a line of 4号 text: a row is about 12 mm, enough to sign.
ROW_PADDING_PX = 12


def _cell(text: str, align: str | None) -> Markup:
    style = f"padding-top: {ROW_PADDING_PX}px; padding-bottom: {ROW_PADDING_PX}px"
    return element("td", text, align=align, style=style)


def _header() -> Markup:
    cells = (
        element("th", text, width=f"{width:g}%", align="center")
        for text, width in zip(SIGNIN_HEADER, _WIDTHS, strict=True)
    )
    return element("thead", element("tr", *cells))


def _rows(detail: MeetingDetail, blank_rows: int) -> list[list[str]]:
    rows = [[row.unit_name, ""] for row in detail.members]
    rows += [[guest.name + GUEST_MARK, guest.attendee] for guest in detail.guests]
    rows += [["", ""] for _ in range(blank_rows)]
    return [
        [str(number), unit, attendee, "", ""] for number, (unit, attendee) in enumerate(rows, 1)
    ]


def signin_sheet_section(
    detail: MeetingDetail, blank_rows: int, *, new_page: bool = False
) -> Markup:
    """The sheet with exactly ``blank_rows`` blank rows."""
    meeting = detail.meeting
    body_rows = (
        element("tr", *(_cell(text, align) for text, align in zip(row, _ALIGN, strict=True)))
        for row in _rows(detail, blank_rows)
    )
    sheet = element(
        "table",
        _header(),
        element("tbody", *body_rows),
        width="100%",
        border=1,
        cellspacing=0,
        cellpadding=4,
    )
    body = [
        title_markup(DocumentKind.SIGNIN, detail, new_page=new_page),
        paragraph(f"时间：{when_label(detail)}"),
        paragraph(f"地点：{meeting.place or NOT_GIVEN}"),
        sheet,
        paragraph(f"应到成员单位 {len(detail.members)} 个。"),
    ]
    return section(Markup("").join(body), SIGNIN_POINT_SIZE)


def signin_section(
    detail: MeetingDetail,
    *,
    printed_on: date,
    new_page: bool = False,
    document_pt: float = SIGNIN_POINT_SIZE,
) -> Markup:
    """The sheet, with :data:`BLANK_ROWS` blank rows, as a section of a document.

    ``printed_on`` and ``document_pt`` are unused (the sheet is dated by the meeting and
    sized by its own section) but kept for symmetry with the other parts. The sheet
    starts a page (on its own, or ``new_page`` in the pack).
    """
    del printed_on, document_pt
    return signin_sheet_section(detail, BLANK_ROWS, new_page=new_page)


def signin_document(detail: MeetingDetail, *, printed_on: date) -> QTextDocument:
    """签到表 of one meeting, A4 portrait."""
    return finish(
        signin_section(detail, printed_on=printed_on),
        title=document_title(DocumentKind.SIGNIN, detail),
        body_pt=SIGNIN_POINT_SIZE,
    )
