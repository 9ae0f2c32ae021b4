"""Print jobs of the meetings page: one meeting's documents, and a month's agendas.

Each returns a :class:`~alliance_desk.ui.printing.PrintJob` whose document is built when
the clerk previews, prints or saves it; a ``DomainError`` explains what cannot be printed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from alliance_desk.core.errors import DomainError
from alliance_desk.services.clock import local_today
from alliance_desk.ui.printing import PrintJob

if TYPE_CHECKING:
    from alliance_desk.services import Database
    from alliance_desk.services.meetings import MeetingDetail

__all__ = ["MEETING_DOCUMENT_KINDS", "meeting_document_job", "month_agendas_job"]

MEETING_DOCUMENT_KINDS = ("notice", "agenda", "signin", "minutes", "pack")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeetingPrinting", text)


def meeting_document_job(kind: str, detail: MeetingDetail) -> PrintJob:
    """通知 / 议程 / 签到表 / 纪要 / 合订本 of ``detail`` (``kind``: ``"notice"`` … ``"pack"``)."""
    from alliance_desk.documents.meetings import build_document, document_title

    if kind not in MEETING_DOCUMENT_KINDS:
        raise ValueError(f"unknown meeting document: {kind!r}")
    build = partial(build_document, kind, detail, printed_on=local_today())
    return PrintJob(document_title(kind, detail), build)


def month_agendas_job(db: Database, year: int, month: int) -> PrintJob:
    """Every alliance's agendas of the month in one document; refused for an empty month."""
    from alliance_desk.documents.meetings import agendas_document, month_title
    from alliance_desk.services.meetings.batch import meetings_in_month

    details = meetings_in_month(db, year, month)
    if not details:
        raise DomainError(
            _tr("%1年%2月没有安排联席会议。").replace("%1", str(year)).replace("%2", str(month))
        )
    title = month_title(year, month)
    build = partial(agendas_document, details, title=title, printed_on=local_today())
    return PrintJob(title, build)
