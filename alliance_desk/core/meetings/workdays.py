"""Workday calendar: Chinese public holidays and adjusted working days (调休上班).

Where the answer comes from, first match wins:

1. a day the clerk entered under 系统 (the State Council's list for a new year);
2. the ``chinesecalendar`` package, for the years it has data (2004–2026 in 1.11);
3. Monday to Friday: quietly for a year with entered days, with ``FALLBACK_NOTE``
   for a year nobody has entered (the package ends; a new year starts anyway).

``chinesecalendar`` is imported on first use (about 40 ms), never at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import NamedTuple

from alliance_desk.core.vocab import LabelledEnum

Override = tuple[bool, str]
"""(is_workday, name) a clerk entered for one day."""

FALLBACK_NOTE = "本年度节假日安排尚未录入，按周一至周五计算"
WORKDAY = "工作日"
WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
ORDINARY_NAMES = frozenset({WORKDAY, "周六", "周日"})
ADJUSTED_SUFFIX = "调休上班"

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


class DaySource(LabelledEnum):
    ENTERED = "entered", "系统中录入的安排"
    OFFICIAL = "official", "国务院节假日安排"
    WEEKDAY = "weekday", "周一至周五"
    FALLBACK = "fallback", "按周一至周五推算"


class DayKind(NamedTuple):
    """``(is_workday, name, source)``; ``name`` is 国庆节, 国庆节调休上班, 周六, 工作日 …"""

    is_workday: bool
    name: str
    source: DaySource

    @property
    def note(self) -> str:
        """What the date picker and the scheduling warning must show; usually empty."""
        return FALLBACK_NOTE if self.source is DaySource.FALLBACK else ""

    @property
    def special(self) -> bool:
        """A holiday or an adjusted working day: the date picker marks it."""
        return self.name not in ORDINARY_NAMES

    @property
    def label(self) -> str:
        """For a warning: ``国庆节（休息日）``, ``周六（休息日）``, ``工作日``."""
        if self.is_workday:
            return self.name
        return f"{self.name}（休息日）"


@cache
def package_years() -> range:
    """The years ``chinesecalendar`` has data for; empty when it is not installed."""
    try:
        from chinese_calendar.constants import holidays
    except ImportError:  # pragma: no cover - the dependency is declared
        return range(0)
    years = [day.year for day in holidays]
    return range(min(years), max(years) + 1)


def _plain(day: date) -> date:
    return day.date() if isinstance(day, datetime) else day


def _weekday_kind(day: date, source: DaySource) -> DayKind:
    if day.weekday() < 5:
        return DayKind(True, WORKDAY, source)
    return DayKind(False, WEEKDAY_NAMES[day.weekday()], source)


def _unnamed(day: date, is_workday: bool) -> str:
    weekend = day.weekday() >= 5
    if is_workday:
        return ADJUSTED_SUFFIX if weekend else WORKDAY
    return WEEKDAY_NAMES[day.weekday()] if weekend else "休息日"


def _package_kind(day: date) -> DayKind:
    from chinese_calendar import get_holiday_detail

    is_holiday, english = get_holiday_detail(day)
    if english is None:
        return _weekday_kind(day, DaySource.OFFICIAL)
    name = HOLIDAY_NAMES.get(english, "法定节假日")
    if is_holiday:
        return DayKind(False, name, DaySource.OFFICIAL)
    if day.weekday() >= 5:
        return DayKind(True, name + ADJUSTED_SUFFIX, DaySource.OFFICIAL)
    return DayKind(True, WORKDAY, DaySource.OFFICIAL)


class WorkdayCalendar:
    """The calendar with the clerk's entries; cheap to build, safe to keep for a session."""

    def __init__(self, overrides: Mapping[date, Override] | None = None) -> None:
        self._overrides = {_plain(d): v for d, v in (overrides or {}).items()}
        self._entered_years = frozenset(d.year for d in self._overrides)

    def day_kind(self, day: date) -> DayKind:
        day = _plain(day)
        entered = self._overrides.get(day)
        if entered is not None:
            is_workday, name = entered
            return DayKind(is_workday, name.strip() or _unnamed(day, is_workday), DaySource.ENTERED)
        if day.year in package_years():
            return _package_kind(day)
        if day.year in self._entered_years:
            return _weekday_kind(day, DaySource.WEEKDAY)
        return _weekday_kind(day, DaySource.FALLBACK)

    def is_workday(self, day: date) -> bool:
        return self.day_kind(day).is_workday

    def year_note(self, year: int) -> str:
        """``FALLBACK_NOTE`` when nothing is known about ``year``'s holidays, else ``""``."""
        known = year in package_years() or year in self._entered_years
        return "" if known else FALLBACK_NOTE


def day_kind(day: date, overrides: Mapping[date, Override] | None = None) -> DayKind:
    """Whether ``day`` is a working day, what it is called, and where that comes from."""
    return WorkdayCalendar(overrides).day_kind(day)
