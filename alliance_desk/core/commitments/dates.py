"""Dates of a commitment: overdue (逾期) and late (逾期履诺) are derived, never stored.

Every rule takes "today" as an argument; nothing here reads the clock. The caller
turns "now" into the clerk's local date with ``local_date`` (Asia/Shanghai unless told
otherwise), so a commitment due today is not overdue at 23:59 and is at 00:00 the next
day, whatever time zone the computer or the database server runs in.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from alliance_desk.core.commitments.states import OPEN_STATES
from alliance_desk.core.vocab import CommitmentState, LabelledEnum

DEFAULT_TZ_NAME = "Asia/Shanghai"
#: China has kept UTC+8 without daylight saving since 1991: the fallback when the
#: system has no time-zone database (Windows without the ``tzdata`` package).
_CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def default_tz() -> tzinfo:
    try:
        return ZoneInfo(DEFAULT_TZ_NAME)
    except ZoneInfoNotFoundError:
        return _CHINA_STANDARD_TIME


def local_date(moment: datetime, tz: tzinfo | str | None = None) -> date:
    """The calendar date of the aware ``moment`` in ``tz`` (default Asia/Shanghai).

    A naive datetime is refused: whether 16:30 is "today" depends on where it was read.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("local_date needs an aware datetime (with tzinfo)")
    zone = ZoneInfo(tz) if isinstance(tz, str) else (tz or default_tz())
    return moment.astimezone(zone).date()


def is_overdue(state: CommitmentState, due_on: date, today: date) -> bool:
    """Overdue: still open (已提出 / 已认领 / 推进中) and the due day has passed.

    Due today is not overdue; fulfilled and cancelled commitments never are.
    """
    return CommitmentState(state) in OPEN_STATES and due_on < today


def fulfilled_late(due_on: date, fulfilled_on: date | None) -> bool:
    """Fulfilled after the due day (逾期履诺); on the due day itself is on time."""
    return fulfilled_on is not None and fulfilled_on > due_on


class Outcome(StrEnum):
    """Where one commitment stands on a day: the columns of the fulfilment table.

    Every commitment has exactly one outcome, so the columns add up to the total.
    """

    ON_TIME = "on_time"  # 按期履诺: fulfilled on or before the due day
    LATE = "late"  # 逾期履诺: fulfilled after the due day
    OPEN = "open"  # 未到期: open, due today or later
    OVERDUE = "overdue"  # 逾期未履诺: open, due day passed
    CANCELLED = "cancelled"  # 已取消


def outcome(
    state: CommitmentState, due_on: date, fulfilled_on: date | None, today: date
) -> Outcome:
    state = CommitmentState(state)
    if state is CommitmentState.CANCELLED:
        return Outcome.CANCELLED
    if state is CommitmentState.FULFILLED:
        return Outcome.LATE if fulfilled_late(due_on, fulfilled_on) else Outcome.ON_TIME
    return Outcome.OVERDUE if due_on < today else Outcome.OPEN


class DueWindow(LabelledEnum):
    """The due-date windows of the commitment list."""

    THIS_WEEK = "this_week", "本周到期"
    THIS_MONTH = "this_month", "本月到期"
    NEXT_7_DAYS = "next_7_days", "7天内到期"
    OVERDUE = "overdue", "已逾期"


def due_window_range(window: DueWindow, today: date) -> tuple[date | None, date | None]:
    """The due dates ``(first, last)`` (both included; None = unbounded) of ``window``.

    本周 is Monday to Sunday of today's week; 本月 the calendar month; 7天内 today and
    the six days after it. 已逾期 is everything due before today — and, unlike the
    others, also requires an open state (the caller adds that condition).
    """
    window = DueWindow(window)
    if window is DueWindow.THIS_WEEK:
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    if window is DueWindow.THIS_MONTH:
        last_day = calendar.monthrange(today.year, today.month)[1]
        return today.replace(day=1), today.replace(day=last_day)
    if window is DueWindow.NEXT_7_DAYS:
        return today, today + timedelta(days=6)
    return None, today - timedelta(days=1)
