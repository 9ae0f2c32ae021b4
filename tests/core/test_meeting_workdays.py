"""Workday calendar: package holidays, adjusted working days, the fallback, overrides."""

from __future__ import annotations

from datetime import date, datetime

from alliance_desk.core.meetings import (
    FALLBACK_NOTE,
    DayKind,
    DaySource,
    WorkdayCalendar,
    day_kind,
    package_years,
)


def test_national_day_2026_is_a_holiday() -> None:
    is_workday, name, source = day_kind(date(2026, 10, 1))
    assert (is_workday, name, source) == (False, "国庆节", DaySource.OFFICIAL)
    assert day_kind(date(2026, 10, 1)).note == ""
    assert day_kind(date(2026, 10, 1)).special
    assert day_kind(date(2026, 10, 1)).label == "国庆节（休息日）"
    # Mid-autumn falls on a Friday in 2026.
    assert day_kind(date(2026, 9, 25)) == DayKind(False, "中秋节", DaySource.OFFICIAL)


def test_an_adjusted_working_saturday_in_2026() -> None:
    # 2026-10-10 is a Saturday worked in lieu of the National Day holiday (chinesecalendar 1.11).
    assert date(2026, 10, 10).weekday() == 5
    kind = day_kind(date(2026, 10, 10))
    assert kind == DayKind(True, "国庆节调休上班", DaySource.OFFICIAL)
    assert kind.special and kind.label == "国庆节调休上班"
    # Sunday 2026-01-04 is worked for New Year's Day.
    assert day_kind(date(2026, 1, 4)) == DayKind(True, "元旦调休上班", DaySource.OFFICIAL)


def test_ordinary_days_of_a_year_with_data() -> None:
    assert day_kind(date(2026, 11, 20)) == DayKind(True, "工作日", DaySource.OFFICIAL)
    assert day_kind(date(2026, 11, 21)) == DayKind(False, "周六", DaySource.OFFICIAL)
    assert not day_kind(date(2026, 11, 22)).special


def test_2027_falls_back_to_weekdays_with_a_note() -> None:
    # chinesecalendar 1.11 ends at 2026; when a release with 2027 data is locked,
    # move these dates to the first year it lacks.
    assert 2027 not in package_years()
    friday, saturday = day_kind(date(2027, 1, 1)), day_kind(date(2027, 1, 2))
    assert friday == DayKind(True, "工作日", DaySource.FALLBACK)
    assert saturday == DayKind(False, "周六", DaySource.FALLBACK)
    assert (
        friday.note
        == saturday.note
        == FALLBACK_NOTE
        == ("本年度节假日安排尚未录入，按周一至周五计算")
    )
    assert WorkdayCalendar().year_note(2027) == FALLBACK_NOTE
    assert WorkdayCalendar().year_note(2026) == ""


def test_far_future_and_datetimes_do_not_crash() -> None:
    assert day_kind(date(2099, 6, 1)).source is DaySource.FALLBACK
    assert day_kind(datetime(2026, 10, 1, 9, 30)).name == "国庆节"


def test_an_entered_day_wins_over_the_package() -> None:
    overrides = {date(2026, 10, 1): (True, "值班日"), date(2026, 10, 10): (False, "")}
    calendar = WorkdayCalendar(overrides)
    assert calendar.day_kind(date(2026, 10, 1)) == DayKind(True, "值班日", DaySource.ENTERED)
    assert calendar.day_kind(date(2026, 10, 10)) == DayKind(False, "周六", DaySource.ENTERED)
    assert calendar.day_kind(date(2026, 10, 2)).source is DaySource.OFFICIAL
    assert day_kind(date(2026, 10, 1), overrides).is_workday


def test_an_entered_year_replaces_the_fallback() -> None:
    overrides = {
        date(2027, 1, 1): (False, "元旦"),
        datetime(2027, 2, 20, 0, 0): (True, "春节调休上班"),  # a Saturday
    }
    calendar = WorkdayCalendar(overrides)
    assert calendar.day_kind(date(2027, 1, 1)) == DayKind(False, "元旦", DaySource.ENTERED)
    assert calendar.day_kind(date(2027, 2, 20)) == DayKind(True, "春节调休上班", DaySource.ENTERED)
    other = calendar.day_kind(date(2027, 1, 4))
    assert other == DayKind(True, "工作日", DaySource.WEEKDAY)
    assert other.note == ""
    assert calendar.year_note(2027) == ""
    assert calendar.is_workday(date(2027, 2, 20))
    unnamed = WorkdayCalendar({date(2027, 2, 20): (True, " ")})
    assert unnamed.day_kind(date(2027, 2, 20)).name == "调休上班"
