"""Pasting a year's 节假日与调休 list: every line checked first, then all days or none."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_desk.core.errors import ValidationError
from alliance_desk.core.meetings import DaySource
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.calendar_days import list_calendar_days, set_calendar_day
from alliance_desk.services.calendar_entry import (
    import_calendar_days,
    package_has_year,
    parse_calendar_lines,
)

YEAR = 2031  # far beyond the package's data

PASTED = """
2031-01-01 放假 元旦
2031/1/25　调休上班　春节
2031年1月27日 放假 春节

2031-01-28 休息
"""


def test_pasted_lines_enter_every_day(db: Database) -> None:
    rows = import_calendar_days(db, PASTED, year=YEAR)
    assert [(r.day, r.is_workday, r.name) for r in rows] == [
        (date(YEAR, 1, 1), False, "元旦"),
        (date(YEAR, 1, 25), True, "春节"),
        (date(YEAR, 1, 27), False, "春节"),
        (date(YEAR, 1, 28), False, ""),
    ]
    assert list_calendar_days(db, YEAR) == rows
    saturday = mt.day_kind_on(db, date(YEAR, 1, 25))
    assert saturday.is_workday and saturday.source is DaySource.ENTERED
    assert mt.workday_calendar(db).year_note(YEAR) == ""


def test_one_bad_line_writes_nothing_and_every_error_names_its_line(db: Database) -> None:
    text = "\n".join(
        [
            "2031-01-01 放假 元旦",
            "2031-02-30 放假 春节",
            "2031-03-01 休假",
            "2031-01-01 调休上班",
            "2032-01-01 放假 元旦",
            "只有一个词",
            "2031-05-01 放假 " + "节" * 51,
        ]
    )
    with pytest.raises(ValidationError) as caught:
        import_calendar_days(db, text, year=YEAR)
    assert list(caught.value.errors.values()) == [
        "第 2 行：日期“2031-02-30”不正确，应写作 2027-01-01",
        "第 3 行：“休假”应为“放假”或“调休上班”",
        "第 4 行：2031-01-01 与第 1 行重复",
        "第 5 行：2032-01-01 不在 2031 年",
        "第 6 行：应为“日期 放假/调休上班 名称”，如“2027-01-01 放假 元旦”",
        "第 7 行：名称不能超过 50 个字",
    ]
    assert list_calendar_days(db, YEAR) == []


def test_an_empty_paste_is_refused() -> None:
    with pytest.raises(ValidationError, match="请粘贴至少一行"):
        parse_calendar_lines(" \n\n")


def test_pasting_again_changes_the_entered_day(db: Database) -> None:
    first = set_calendar_day(db, day=date(YEAR, 1, 1), is_workday=True, name="错录")
    (row,) = import_calendar_days(db, "2031-01-01 放假 元旦")
    assert (row.is_workday, row.name, row.version) == (False, "元旦", first.version + 1)
    assert list_calendar_days(db, YEAR) == [row]


def test_package_years_are_known() -> None:
    assert package_has_year(2025)
    assert not package_has_year(YEAR)
