"""Calendar-aligned chair periods: month, quarter (Jan/Apr/Jul/Oct), half-year (Jan/Jul), year.

A period starts on the first day of a month and ends (inclusive) on the last day of a
month, and every boundary of a longer kind is a boundary of each shorter kind. So any two
periods, of any kinds, are either nested or disjoint — a laminar family: *two periods
overlap exactly when one contains the other*, and no period crosses a year end. The
planner relies on both facts.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from alliance_desk.core.vocab import ChairPeriod

MONTHS: dict[ChairPeriod, int] = {
    ChairPeriod.MONTH: 1,
    ChairPeriod.QUARTER: 3,
    ChairPeriod.HALF_YEAR: 6,
    ChairPeriod.YEAR: 12,
}
_KIND_BY_MONTHS = {months: kind for kind, months in MONTHS.items()}
_THIS: dict[ChairPeriod, str] = {
    ChairPeriod.MONTH: "本月",
    ChairPeriod.QUARTER: "本季度",
    ChairPeriod.HALF_YEAR: "本半年",
    ChairPeriod.YEAR: "本年度",
}


class Period(NamedTuple):
    """One calendar period; ``end`` is its last day (inclusive), as in ``ChairTerm``."""

    start: date
    end: date
    kind: ChairPeriod

    @property
    def label(self) -> str:
        return period_label(self)

    @property
    def year(self) -> int:
        return self.start.year


@cache
def _make(kind: ChairPeriod, year: int, first_month: int) -> Period:
    last_month = first_month + MONTHS[kind] - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return Period(date(year, first_month, 1), date(year, last_month, last_day), kind)


def period_containing(kind: ChairPeriod, day: date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    months = MONTHS[kind]
    return _make(kind, day.year, (day.month - 1) // months * months + 1)


def next_period(period: Period) -> Period:
    """The period of the same kind that starts the day after ``period`` ends."""
    return period_containing(period.kind, period.end + timedelta(days=1))


def previous_period(period: Period) -> Period:
    """The period of the same kind that ends the day before ``period`` starts."""
    return period_containing(period.kind, period.start - timedelta(days=1))


def periods_between(kind: ChairPeriod, first: date, last: date) -> list[Period]:
    """Every period of ``kind`` overlapping ``[first, last]``, in order (none if last < first)."""
    if last < first:
        return []
    result = [period_containing(kind, first)]
    while result[-1].end < last:
        result.append(next_period(result[-1]))
    return result


def period_of(start: date, end: date) -> Period:
    """The calendar period spanning exactly ``[start, end]``; ValueError if there is none."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    kind = _KIND_BY_MONTHS.get(months)
    if kind is not None and start.year == end.year:
        period = period_containing(kind, start)
        if period.start == start and period.end == end:
            return period
    raise ValueError(f"{start}–{end} 不是自然月、季度、半年或年度")


def overlaps(a: Period, b: Period) -> bool:
    """True when the periods share a day (for calendar periods: when one contains the other)."""
    return a.start <= b.end and b.start <= a.end


def contains(outer: Period, inner: Period) -> bool:
    """True when ``inner`` lies within ``outer`` (a period contains itself)."""
    return outer.start <= inner.start and inner.end <= outer.end


def chronological_key(period: Period) -> tuple[date, int]:
    """Sort key: by start, and at the same start the longer period first."""
    return period.start, -period.end.toordinal()


def period_label(period: Period) -> str:
    """Chinese label: 2026年3月, 2026年第1季度, 2026年上半年, 2026年度."""
    year, month = period.start.year, period.start.month
    if period.kind == ChairPeriod.MONTH:
        return f"{year}年{month}月"
    if period.kind == ChairPeriod.QUARTER:
        return f"{year}年第{(month - 1) // 3 + 1}季度"
    if period.kind == ChairPeriod.HALF_YEAR:
        return f"{year}年{'上' if month == 1 else '下'}半年"
    return f"{year}年度"


def relative_label(period: Period, current: Period) -> str:
    """``本季度`` when ``period`` is ``current``, else its own label (e.g. ``2026年度``)."""
    if period == current:
        return _THIS[current.kind]
    return period_label(period)
