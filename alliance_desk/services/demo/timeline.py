"""Days and moments of the demo's life: working days, office hours, month ends.

The working-day answers are the app's own (``core.meetings.WorkdayCalendar`` without
clerk-entered days, as in a fresh demo database), asked once per day and kept in a
table, so that 200,000 commitments cost table look-ups, not calendar calls.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, datetime, timedelta

from alliance_desk.core.meetings import WorkdayCalendar
from alliance_desk.services.demo.common import DEMO_TODAY, draw_int

FIRST_DAY = date(DEMO_TODAY.year - 3, 12, 1)
LAST_DAY = date(DEMO_TODAY.year + 1, 12, 31)

#: Audit times are stored as naive UTC; the clerks work in Asia/Shanghai (UTC+8, no DST).
UTC_OFFSET = timedelta(hours=8)
_OFFICE_MINUTES = (8 * 60 + 40, 17 * 60 + 10)  # 08:40–17:10 local


class Workdays:
    """Is a day a working day, and the working days near it, for the demo's years."""

    def __init__(self) -> None:
        self._calendar = WorkdayCalendar()
        count = (LAST_DAY - FIRST_DAY).days + 1
        self._flags = [
            self._calendar.is_workday(FIRST_DAY + timedelta(days=i)) for i in range(count)
        ]

    def is_workday(self, day: date) -> bool:
        index = (day - FIRST_DAY).days
        if 0 <= index < len(self._flags):
            return self._flags[index]
        return self._calendar.is_workday(day)

    def on_or_after(self, day: date) -> date:
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def on_or_before(self, day: date) -> date:
        while not self.is_workday(day):
            day -= timedelta(days=1)
        return day

    def between(self, rng: random.Random, first: date, last: date) -> date:
        """A working day in ``first..last`` (both included), or ``first``'s next one."""
        if last <= first:
            return self.on_or_after(first)
        for _ in range(8):
            day = first + timedelta(days=draw_int(rng, 0, (last - first).days))
            if self.is_workday(day):
                return day
        return self.on_or_after(first)


def month_end(day: date, months_ahead: int = 0) -> date:
    """The last day of the month ``months_ahead`` months after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months_ahead
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


class Stamper:
    """Audit times of one record: office hours on the given day, always moving forward."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._last: datetime | None = None

    def at(self, day: date, not_before: datetime | None = None) -> datetime:
        """A naive-UTC moment on local ``day``, later than the previous one and than the
        local time ``not_before`` (when given)."""
        minute = draw_int(self._rng, *_OFFICE_MINUTES)
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                         draw_int(self._rng, 0, 59))  # fmt: skip
        if not_before is not None and local < not_before:
            local = not_before + timedelta(minutes=draw_int(self._rng, 5, 40))
        moment = local - UTC_OFFSET
        if self._last is not None and moment <= self._last:
            moment = self._last + timedelta(minutes=draw_int(self._rng, 2, 20))
        self._last = moment
        return moment


def local_moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)
