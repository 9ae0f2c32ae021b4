"""节假日安排 (系统 page): the days a clerk enters from the State Council's yearly list.

An entered day wins over the ``chinesecalendar`` package and the weekday rule wherever
the meetings services ask whether a day is a working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from alliance_desk.core.errors import DomainError, NotFoundError
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error
from alliance_desk.services.database import Database
from alliance_desk.storage.models import CalendarDay

NAME_LIMIT = 50


@dataclass(frozen=True, slots=True)
class CalendarDayRow:
    day: date
    is_workday: bool
    name: str
    version: int


def _row(entry: CalendarDay) -> CalendarDayRow:
    return CalendarDayRow(entry.day, entry.is_workday, entry.name, entry.version)


def _plain_day(day: date) -> date:
    if not isinstance(day, date):
        raise DomainError("请选择日期。", field="day")
    return day.date() if isinstance(day, datetime) else day


def set_calendar_day(
    db: Database, *, day: date, is_workday: bool, name: str = ""
) -> CalendarDayRow:
    """Enter (or change) one day: a holiday (``is_workday=False``) or an adjusted working day."""
    day = _plain_day(day)
    if not isinstance(is_workday, bool):
        raise DomainError("请选择该日是工作日还是休息日。", field="is_workday")
    text = clean_text(name)
    too_long = length_error(text, "名称", NAME_LIMIT)
    if too_long:
        raise DomainError(f"{too_long}。", field="name")
    with db.transaction() as session:
        entry = session.scalar(select(CalendarDay).where(CalendarDay.day == day))
        if entry is None:
            entry = CalendarDay(day=day, is_workday=is_workday, name=text)
            session.add(entry)
        else:
            entry.is_workday = is_workday
            entry.name = text
        session.flush()
        return _row(entry)


def delete_calendar_day(db: Database, day: date) -> None:
    """Remove an entered day; the package (or the weekday rule) decides it again."""
    day = _plain_day(day)
    with db.transaction() as session:
        entry = session.scalar(select(CalendarDay).where(CalendarDay.day == day))
        if entry is None:
            raise NotFoundError(f"{day:%Y-%m-%d} 没有录入的节假日安排，可能已被他人删除。")
        session.delete(entry)


def list_calendar_days(db: Database, year: int) -> list[CalendarDayRow]:
    """The days entered for ``year``, in date order."""
    with db.reading() as session:
        entries = session.scalars(
            select(CalendarDay)
            .where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
            .order_by(CalendarDay.day)
        ).all()
        return [_row(entry) for entry in entries]
