"""节假日安排: entering, changing, listing and deleting days; entries win in the calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from alliance_desk.core.errors import DomainError, NotFoundError
from alliance_desk.core.meetings import FALLBACK_NOTE, DaySource
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.calendar_days import (
    delete_calendar_day,
    list_calendar_days,
    set_calendar_day,
)
from alliance_desk.services.clock import local_today

FRIDAY = date(2026, 11, 20)  # an ordinary working day in the package
NATIONAL_DAY = date(2026, 10, 1)


def test_an_entered_holiday_wins_over_the_package(db: Database) -> None:
    assert mt.day_kind_on(db, FRIDAY).is_workday
    set_calendar_day(db, day=FRIDAY, is_workday=False, name=" 临时休息日 ")
    kind = mt.day_kind_on(db, FRIDAY)
    assert (kind.is_workday, kind.name, kind.source) == (False, "临时休息日", DaySource.ENTERED)
    assert kind.label == "临时休息日（休息日）"


def test_an_entered_working_day_wins_over_a_package_holiday(db: Database) -> None:
    assert not mt.day_kind_on(db, NATIONAL_DAY).is_workday
    set_calendar_day(db, day=NATIONAL_DAY, is_workday=True, name="")
    calendar = mt.workday_calendar(db)
    assert calendar.is_workday(NATIONAL_DAY)
    assert calendar.day_kind(NATIONAL_DAY).source is DaySource.ENTERED
    assert calendar.day_kind(datetime(2026, 10, 2, 9, 0)).name == "国庆节"  # untouched day


def test_entering_a_day_of_a_new_year_clears_the_fallback_note(db: Database) -> None:
    year = max(2027, local_today().year + 5)
    new_years_day = date(year, 1, 1)
    assert mt.workday_calendar(db).year_note(year) == FALLBACK_NOTE
    set_calendar_day(db, day=new_years_day, is_workday=False, name="元旦")
    calendar = mt.workday_calendar(db)
    assert calendar.year_note(year) == ""
    assert calendar.day_kind(new_years_day).name == "元旦"
    assert calendar.day_kind(date(year, 3, 2)).source is DaySource.WEEKDAY


def test_setting_a_day_again_changes_the_one_entry(db: Database) -> None:
    first = set_calendar_day(db, day=FRIDAY, is_workday=False, name="休息")
    second = set_calendar_day(db, day=FRIDAY, is_workday=True, name="调休上班")
    assert second.version == first.version + 1
    assert list_calendar_days(db, 2026) == [second]
    assert mt.day_kind_on(db, FRIDAY).is_workday


def test_list_is_one_year_in_date_order(db: Database) -> None:
    for day in (date(2026, 12, 31), date(2027, 1, 1), date(2026, 1, 1), date(2025, 12, 31)):
        set_calendar_day(db, day=day, is_workday=False, name="")
    assert [row.day for row in list_calendar_days(db, 2026)] == [
        date(2026, 1, 1),
        date(2026, 12, 31),
    ]
    assert list_calendar_days(db, 2030) == []


def test_deleting_hands_the_day_back_to_the_package(db: Database) -> None:
    set_calendar_day(db, day=FRIDAY, is_workday=False, name="临时休息日")
    delete_calendar_day(db, FRIDAY)
    assert list_calendar_days(db, 2026) == []
    kind = mt.day_kind_on(db, FRIDAY)
    assert kind.is_workday and kind.source is DaySource.OFFICIAL
    with pytest.raises(NotFoundError, match="没有录入"):
        delete_calendar_day(db, FRIDAY)


def test_bad_input_is_refused_in_chinese(db: Database) -> None:
    with pytest.raises(DomainError, match="名称不能超过 50 个字") as caught:
        set_calendar_day(db, day=FRIDAY, is_workday=False, name="节" * 51)
    assert caught.value.field == "name"
    with pytest.raises(DomainError, match="请选择日期") as caught:
        set_calendar_day(db, day=None, is_workday=False)  # type: ignore[arg-type]
    assert caught.value.field == "day"
    with pytest.raises(DomainError, match="工作日还是休息日"):
        set_calendar_day(db, day=FRIDAY, is_workday=None)  # type: ignore[arg-type]
    assert list_calendar_days(db, 2026) == []
