"""Calendar periods: arithmetic, leap years, year ends, labels, and the laminar property."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_rotation_support import examples

from alliance_desk.core.rotation import (
    Period,
    next_period,
    period_containing,
    period_label,
    period_of,
    periods_between,
    previous_period,
)
from alliance_desk.core.rotation.periods import contains, overlaps, relative_label
from alliance_desk.core.vocab import ChairPeriod

M, Q, H, Y = ChairPeriod.MONTH, ChairPeriod.QUARTER, ChairPeriod.HALF_YEAR, ChairPeriod.YEAR
DAYS = st.dates(date(1999, 1, 1), date(2101, 12, 31))


@pytest.mark.parametrize(
    ("kind", "start", "end", "label"),
    [
        (M, date(2026, 5, 1), date(2026, 5, 31), "2026年5月"),
        (Q, date(2026, 4, 1), date(2026, 6, 30), "2026年第2季度"),
        (H, date(2026, 1, 1), date(2026, 6, 30), "2026年上半年"),
        (Y, date(2026, 1, 1), date(2026, 12, 31), "2026年度"),
    ],
)
def test_period_containing_a_day(kind: ChairPeriod, start: date, end: date, label: str) -> None:
    period = period_containing(kind, date(2026, 5, 17))
    assert (period.start, period.end, period.kind) == (start, end, kind)
    assert period.label == period_label(period) == label


def test_labels_of_each_kind() -> None:
    assert period_containing(M, date(2026, 3, 9)).label == "2026年3月"
    assert period_containing(Q, date(2026, 1, 1)).label == "2026年第1季度"
    assert period_containing(Q, date(2026, 12, 31)).label == "2026年第4季度"
    assert period_containing(H, date(2026, 7, 1)).label == "2026年下半年"
    assert period_containing(Y, date(2026, 7, 1)).label == "2026年度"


def test_leap_years() -> None:
    assert period_containing(M, date(2028, 2, 10)).end == date(2028, 2, 29)
    assert period_containing(M, date(2026, 2, 10)).end == date(2026, 2, 28)
    assert period_containing(M, date(2100, 2, 10)).end == date(2100, 2, 28)  # not leap
    assert period_containing(M, date(2000, 2, 10)).end == date(2000, 2, 29)
    assert period_containing(Q, date(2028, 2, 29)).start == date(2028, 1, 1)
    assert next_period(period_containing(M, date(2028, 2, 1))).start == date(2028, 3, 1)
    assert period_of(date(2028, 2, 1), date(2028, 2, 29)).kind == M
    assert period_of(date(2026, 2, 1), date(2026, 2, 28)).kind == M
    with pytest.raises(ValueError):
        period_of(date(2028, 2, 1), date(2028, 2, 28))  # a day short of the leap month


def test_year_ends() -> None:
    assert next_period(period_containing(M, date(2026, 12, 5))).start == date(2027, 1, 1)
    assert next_period(period_containing(Q, date(2026, 12, 5))).label == "2027年第1季度"
    assert next_period(period_containing(H, date(2026, 12, 5))).label == "2027年上半年"
    assert next_period(period_containing(Y, date(2026, 12, 5))).label == "2027年度"
    assert previous_period(period_containing(Q, date(2027, 1, 1))).label == "2026年第4季度"
    assert previous_period(period_containing(M, date(2027, 1, 1))).end == date(2026, 12, 31)


def test_periods_between_takes_every_overlapping_period() -> None:
    quarters = periods_between(Q, date(2026, 2, 15), date(2026, 7, 1))
    assert [p.label for p in quarters] == ["2026年第1季度", "2026年第2季度", "2026年第3季度"]
    assert periods_between(Y, date(2026, 12, 31), date(2027, 1, 1))[-1].label == "2027年度"
    assert periods_between(M, date(2026, 3, 1), date(2026, 2, 1)) == []
    assert len(periods_between(M, date(2026, 1, 1), date(2028, 12, 31))) == 36


def test_period_of_refuses_what_is_not_a_calendar_period() -> None:
    assert period_of(date(2026, 7, 1), date(2026, 12, 31)) == period_containing(H, date(2026, 8, 1))
    for start, end in [
        (date(2026, 2, 15), date(2026, 5, 14)),  # not month-aligned
        (date(2026, 2, 1), date(2026, 4, 30)),  # three months, not a quarter
        (date(2026, 12, 1), date(2027, 2, 28)),  # crosses a year end
        (date(2026, 4, 1), date(2026, 9, 30)),  # six months, not a half-year
    ]:
        with pytest.raises(ValueError):
            period_of(start, end)


def test_relative_label_says_this_period_or_names_the_other() -> None:
    quarter = period_containing(Q, date(2026, 5, 1))
    assert relative_label(quarter, quarter) == "本季度"
    assert relative_label(period_containing(Y, date(2026, 5, 1)), quarter) == "2026年度"
    assert relative_label(period_containing(M, date(2026, 5, 1)), quarter) == "2026年5月"


@examples(200)
@given(st.sampled_from(list(ChairPeriod)), DAYS)
def test_a_period_holds_its_day_and_follows_on(kind: ChairPeriod, day: date) -> None:
    period = period_containing(kind, day)
    assert period.start <= day <= period.end
    assert period.start.day == 1 and (period.end + timedelta(days=1)).day == 1
    assert period_of(period.start, period.end) == period
    following = next_period(period)
    assert following.start == period.end + timedelta(days=1)
    assert previous_period(following) == period


@examples(300)
@given(st.sampled_from(list(ChairPeriod)), DAYS, st.sampled_from(list(ChairPeriod)), DAYS)
def test_periods_are_laminar(kind_a: ChairPeriod, a: date, kind_b: ChairPeriod, b: date) -> None:
    """Overlap means containment: two calendar periods nest or are disjoint."""
    p, q = period_containing(kind_a, a), period_containing(kind_b, b)
    assert overlaps(p, q) == (contains(p, q) or contains(q, p))
    assert p.start.year == p.end.year


@examples(100)
@given(st.sampled_from(list(ChairPeriod)), DAYS, st.integers(0, 800))
def test_periods_between_tile_the_span(kind: ChairPeriod, first: date, days: int) -> None:
    last = first + timedelta(days=days)
    periods = periods_between(kind, first, last)
    assert periods[0].start <= first and last <= periods[-1].end
    for before, after in pairwise(periods):
        assert after == next_period(before)
    assert all(isinstance(p, Period) for p in periods)
