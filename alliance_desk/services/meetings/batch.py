"""Every meeting of every alliance in a month, in full: the month's printed agendas."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from alliance_desk.core.errors import ValidationError
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.reading import load_detail
from alliance_desk.services.meetings.records import MeetingDetail
from alliance_desk.storage.models import Meeting


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first moment of the month and of the next one."""
    if not 1 <= month <= 12 or not 1 <= year <= 9998:
        raise ValidationError({"month": f"月份无效：{year}年{month}月"})
    start = datetime(year, month, 1)
    return start, datetime(year + month // 12, month % 12 + 1, 1)


def meetings_in_month(db: Database, year: int, month: int) -> list[MeetingDetail]:
    """The meetings starting in that month, in time order (then alliance and number).

    One read transaction; each meeting is read as ``get_meeting`` reads it (a few
    indexed queries each: 24 meetings take a few tens of milliseconds on SQLite).
    """
    start, end = month_bounds(year, month)
    query = (
        select(Meeting.id)
        .where(Meeting.starts_at >= start, Meeting.starts_at < end)
        .order_by(Meeting.starts_at, Meeting.alliance_id, Meeting.sequence_no)
    )
    with db.reading() as session:
        return [load_detail(session, meeting_id) for meeting_id in session.scalars(query)]
