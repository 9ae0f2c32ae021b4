"""What the printed meeting documents share: titles, the facts under a title, sections.

Each document is one *section* of markup at its own type size; a single document is a
section on its own, the meeting pack and the month's agendas are several sections, each
starting on a new page. Nothing here touches the database: the service records are
imported for type checking only.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtGui import (
    QTextDocument,
)

from alliance_desk.core.text import long_date
from alliance_desk.documents.compose import BODY_POINT_SIZE, end_without_leading, new_document
from alliance_desk.documents.geometry import PORTRAIT, pt_to_layout
from alliance_desk.documents.richtext import Markup, element
from alliance_desk.documents.roster import center_header_cells

if TYPE_CHECKING:
    from alliance_desk.services.meetings.records import MeetingDetail, MeetingRow

__all__ = [
    "DRAFT_MARK",
    "NOT_GIVEN",
    "DocumentKind",
    "document_title",
    "finish",
    "long_date",
    "when_label",
]

WEEKDAYS = "一二三四五六日"
NOT_GIVEN = "—"
DRAFT_MARK = "（草稿）"


class DocumentKind(StrEnum):
    """The printable meeting documents; the values are the CLI's sub-command names."""

    NOTICE = "notice"
    AGENDA = "agenda"
    SIGNIN = "signin"
    MINUTES = "minutes"
    PACK = "pack"


def day_label(at: datetime) -> str:
    """``2026年12月10日（星期四）``."""
    return f"{long_date(at.date())}（星期{WEEKDAYS[at.weekday()]}）"


def when_label(detail: MeetingDetail) -> str:
    """``2026年12月10日（星期四）09:00–10:30``; the start only when there is no agenda yet."""
    at = detail.meeting.starts_at
    clock = detail.timing.label if detail.agenda else f"{at:%H:%M}"
    return day_label(at) + clock


def minutes_approved(detail: MeetingDetail) -> bool:
    return detail.minutes is not None and detail.minutes.locked


def title_parts(kind: DocumentKind, meeting: MeetingRow) -> tuple[str, str]:
    """The title as (the alliance's part, the rest): a long title breaks between them."""
    name, rest = meeting.alliance_name, f"{meeting.number_label}联席会议"
    if kind is DocumentKind.NOTICE:
        return f"关于召开{name}", f"{rest}的通知"
    suffix = {
        DocumentKind.AGENDA: "议程",
        DocumentKind.SIGNIN: "签到表",
        DocumentKind.MINUTES: "纪要",
        DocumentKind.PACK: "会议材料",
    }[kind]
    return name, rest + suffix


def document_title(kind: DocumentKind | str, detail: MeetingDetail) -> str:
    """``城东联盟第3次联席会议议程``; minutes not yet approved end in （草稿）."""
    kind = DocumentKind(kind)
    head, tail = title_parts(kind, detail.meeting)
    draft = DRAFT_MARK if kind is DocumentKind.MINUTES and not minutes_approved(detail) else ""
    return head + tail + draft


def _fits_on_one_line(heading: Markup) -> bool:
    """Whether a title laid out alone in the portrait text block takes one line."""
    probe = new_section_document(heading, title=None, body_pt=BODY_POINT_SIZE)
    probe.setDocumentMargin(0)
    probe.setTextWidth(PORTRAIT.text_rect().width())
    probe.documentLayout().documentSize()
    return probe.begin().layout().lineCount() <= 1


def title_markup(kind: DocumentKind, detail: MeetingDetail, *, new_page: bool = False) -> Markup:
    """The ``h1``; a title too long for one line breaks after the alliance's name.

    ``new_page`` starts it on a new page (the second and later parts of a pack).
    """
    style = "page-break-before: always" if new_page else None
    whole = document_title(kind, detail)
    one_line = element("h1", whole)
    if _fits_on_one_line(one_line):
        return element("h1", whole, style=style)
    head, _tail = title_parts(kind, detail.meeting)
    return element("h1", head, element("br"), whole.removeprefix(head), style=style)


def section(body: Markup, point_size: float) -> Markup:
    """A part of a document in the body face at ``point_size`` (its tables too)."""
    return element("div", body, style=f"font-size: {point_size:g}pt")


def indent_style(point_size: float, ems: float = 2.0) -> str:
    """First-line indent of ``ems`` characters (Qt reads indents in layout units)."""
    return f"text-indent: {pt_to_layout(ems * point_size):.0f}px"


def right_margin_style(point_size: float, ems: float) -> str:
    return f"margin-right: {pt_to_layout(ems * point_size):.0f}px"


def new_section_document(parts: Markup, *, title: str | None, body_pt: float) -> QTextDocument:
    """:func:`~alliance_desk.documents.compose.new_document` with true heading sizes."""
    return new_document(parts, body_pt=body_pt, document_title=title)


def finish(parts: Markup, *, title: str, body_pt: float = BODY_POINT_SIZE) -> QTextDocument:
    """The document of one or more sections; header cells centred like the rosters'."""
    document = new_section_document(parts, title=title, body_pt=body_pt)
    end_without_leading(document)
    return center_header_cells(document)
