"""Printed documents of a joint meeting (联席会议): notice, agenda, sign-in sheet, minutes,
the pack of all four, and the month's agendas of every alliance.

Each builder takes a ``MeetingDetail`` (``alliance_desk.services.meetings``) and returns a
QTextDocument for :func:`alliance_desk.documents.pdf.write_pdf` or a print preview::

    document = build_document("agenda", detail, printed_on=local_today())
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from alliance_desk.documents.meetings.agenda import agenda_document, agendas_document
from alliance_desk.documents.meetings.common import DocumentKind, document_title
from alliance_desk.documents.meetings.minutes import minutes_document
from alliance_desk.documents.meetings.notice import notice_document
from alliance_desk.documents.meetings.pack import pack_document
from alliance_desk.documents.meetings.signin import signin_document

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

    from alliance_desk.services.meetings.records import MeetingDetail

__all__ = [
    "BUILDERS",
    "DocumentKind",
    "agenda_document",
    "agendas_document",
    "build_document",
    "document_title",
    "minutes_document",
    "month_title",
    "notice_document",
    "pack_document",
    "signin_document",
]

Builder = Callable[..., "QTextDocument"]
BUILDERS: dict[DocumentKind, Builder] = {
    DocumentKind.NOTICE: notice_document,
    DocumentKind.AGENDA: agenda_document,
    DocumentKind.SIGNIN: signin_document,
    DocumentKind.MINUTES: minutes_document,
    DocumentKind.PACK: pack_document,
}


def build_document(
    kind: DocumentKind | str, detail: MeetingDetail, *, printed_on: date
) -> QTextDocument:
    """The document of ``kind`` (``"notice"``, ``"agenda"``, ``"signin"``, ``"minutes"``,
    ``"pack"``) for one meeting."""
    return BUILDERS[DocumentKind(kind)](detail, printed_on=printed_on)


def month_title(year: int, month: int) -> str:
    """``2026年12月联席会议议程``: the month's batch."""
    return f"{year}年{month}月联席会议议程"
