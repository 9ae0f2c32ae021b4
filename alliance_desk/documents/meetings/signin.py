"""签到表: one row per member unit, blank name and signature cells tall enough to write in.

Guests already known (列席) get their rows after the member units, and up to
:data:`BLANK_ROWS` blank rows follow for those who come unannounced — only as many as fit
on the page where the known rows end: blank rows never add a page. The header row repeats
on every page.
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
    new_section_document,
    section,
    title_markup,
    when_label,
)
from alliance_desk.documents.pagination import page_of, prepare_document, row_extent, tables
from alliance_desk.documents.richtext import Markup, element, paragraph
from alliance_desk.documents.roster import center_header_cells

if TYPE_CHECKING:
    from alliance_desk.services.meetings.records import MeetingDetail

__all__ = [
    "BLANK_ROWS",
    "SIGNIN_HEADER",
    "SIGNIN_POINT_SIZE",
    "blank_rows_that_fit",
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
    """The sheet with exactly ``blank_rows`` blank rows (:func:`signin_section` fits them)."""
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


def _blank_rows_stay(detail: MeetingDetail, blank_rows: int, document_pt: float) -> bool:
    """Whether, with ``blank_rows``, the last blank row and the closing line (with its
    leading, which a following part's page break would count) end on the page where the
    known rows end.

    The sheet is laid out alone as it prints (from the top of a page, in a document of
    ``document_pt``, as the pack's part or the sheet on its own).
    """
    probe = new_section_document(
        signin_sheet_section(detail, blank_rows, new_page=False), title=None, body_pt=document_pt
    )
    printable = prepare_document(center_header_cells(probe))
    page_height = printable.pageSize().height()
    (sheet,) = tables(printable)
    known = sheet.format().headerRowCount() + len(detail.members) + len(detail.guests) - 1
    page = page_of(row_extent(printable, sheet, known)[1] - 1, page_height)
    last_row_bottom = row_extent(printable, sheet, sheet.rows() - 1)[1]
    closing = printable.documentLayout().blockBoundingRect(printable.lastBlock())
    return (
        page_of(last_row_bottom - 1, page_height) == page
        and page_of(closing.bottom() - 1, page_height) == page
    )


def blank_rows_that_fit(detail: MeetingDetail, *, document_pt: float) -> int:
    """How many of the :data:`BLANK_ROWS` fit on the page where the known rows end (0–3).

    Lays the sheet out with 3, 2, 1 blank rows until they stay on that page: usually
    one layout of a one-page sheet.
    """
    for blank_rows in range(BLANK_ROWS, 0, -1):
        if _blank_rows_stay(detail, blank_rows, document_pt):
            return blank_rows
    return 0


def signin_section(
    detail: MeetingDetail,
    *,
    printed_on: date,
    new_page: bool = False,
    document_pt: float = SIGNIN_POINT_SIZE,
) -> Markup:
    """The sheet as a section of a document whose body size is ``document_pt``.

    ``printed_on`` is unused (the sheet is dated by the meeting) but kept for symmetry.
    The sheet starts a page (on its own, or ``new_page`` in the pack).
    """
    del printed_on
    blank_rows = blank_rows_that_fit(detail, document_pt=document_pt)
    return signin_sheet_section(detail, blank_rows, new_page=new_page)


def signin_document(detail: MeetingDetail, *, printed_on: date) -> QTextDocument:
    """签到表 of one meeting, A4 portrait."""
    return finish(
        signin_section(detail, printed_on=printed_on),
        title=document_title(DocumentKind.SIGNIN, detail),
        body_pt=SIGNIN_POINT_SIZE,
    )
