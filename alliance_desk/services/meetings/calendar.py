"""The workday calendar as the app sees it: the package plus the clerk's entries."""

from __future__ import annotations

from datetime import date

from alliance_desk.core.meetings import DayKind, WorkdayCalendar
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.common import calendar


def workday_calendar(db: Database) -> WorkdayCalendar:
    """A calendar to keep for a date picker (it holds no session)."""
    with db.reading() as session:
        return calendar(session)


def day_kind_on(db: Database, day: date) -> DayKind:
    return workday_calendar(db).day_kind(day)
