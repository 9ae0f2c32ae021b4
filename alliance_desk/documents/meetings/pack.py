"""The meeting pack: notice, agenda, sign-in sheet and minutes in one document for the archive.

Each part starts on a new page at its own type size; the page numbers run through.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from alliance_desk.documents.compose import BODY_POINT_SIZE
from alliance_desk.documents.meetings.agenda import agenda_section
from alliance_desk.documents.meetings.common import DocumentKind, document_title, finish
from alliance_desk.documents.meetings.minutes import minutes_section
from alliance_desk.documents.meetings.notice import notice_section
from alliance_desk.documents.meetings.signin import signin_section
from alliance_desk.documents.richtext import Markup

if TYPE_CHECKING:
    from alliance_desk.services.meetings.records import MeetingDetail

__all__ = ["PACK_PARTS", "pack_document"]

PACK_PARTS = (DocumentKind.NOTICE, DocumentKind.AGENDA, DocumentKind.SIGNIN, DocumentKind.MINUTES)
_SECTIONS = {
    DocumentKind.NOTICE: notice_section,
    DocumentKind.AGENDA: agenda_section,
    DocumentKind.SIGNIN: partial(signin_section, document_pt=BODY_POINT_SIZE),
    DocumentKind.MINUTES: minutes_section,
}


def pack_document(detail: MeetingDetail, *, printed_on: date) -> QTextDocument:
    """通知、议程、签到表、纪要 of one meeting, each part from the top of a page."""
    body = Markup("").join(
        _SECTIONS[kind](detail, printed_on=printed_on, new_page=index > 0)
        for index, kind in enumerate(PACK_PARTS)
    )
    return finish(body, title=document_title(DocumentKind.PACK, detail), body_pt=BODY_POINT_SIZE)
