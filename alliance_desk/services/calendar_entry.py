"""Entering a year's 节假日与调休 by pasting the State Council's list, all or nothing.

One line per day: ``2027-01-01 放假 元旦`` or ``2027-02-07 调休上班 春节``; the name is
optional. Every line is checked before anything is written; the errors name the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from alliance_desk.core.errors import ValidationError
from alliance_desk.core.meetings import package_years
from alliance_desk.core.text import clean_text
from alliance_desk.services.calendar_days import NAME_LIMIT, CalendarDayRow
from alliance_desk.services.database import Database
from alliance_desk.storage.models import CalendarDay

HOLIDAY_WORDS = frozenset({"放假", "休息", "休息日", "休", "节假日"})
WORKDAY_WORDS = frozenset({"调休上班", "上班", "班", "工作日", "补班"})
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True, slots=True)
class CalendarLine:
    """One pasted line, understood: the day, whether people work, and its name."""

    line_no: int
    day: date
    is_workday: bool
    name: str


def package_has_year(year: int) -> bool:
    """Whether the ``chinesecalendar`` package knows ``year``'s official holidays."""
    return year in package_years()


def _parse_day(text: str) -> date | None:
    match = _DATE.match(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _parse_line(line_no: int, text: str, year: int | None) -> CalendarLine | str:
    parts = text.split(maxsplit=2)
    if len(parts) < 2:
        return f"第 {line_no} 行：应为“日期 放假/调休上班 名称”，如“2027-01-01 放假 元旦”"
    day = _parse_day(parts[0])
    if day is None:
        return f"第 {line_no} 行：日期“{parts[0]}”不正确，应写作 2027-01-01"
    if year is not None and day.year != year:
        return f"第 {line_no} 行：{day:%Y-%m-%d} 不在 {year} 年"
    kind = parts[1]
    if kind in HOLIDAY_WORDS:
        is_workday = False
    elif kind in WORKDAY_WORDS:
        is_workday = True
    else:
        return f"第 {line_no} 行：“{kind}”应为“放假”或“调休上班”"
    name = clean_text(parts[2]) if len(parts) > 2 else ""
    if len(name) > NAME_LIMIT:
        return f"第 {line_no} 行：名称不能超过 {NAME_LIMIT} 个字"
    return CalendarLine(line_no, day, is_workday, name)


def parse_calendar_lines(text: str, *, year: int | None = None) -> list[CalendarLine]:
    """The pasted lines (blank lines skipped), or ``ValidationError`` naming every bad line.

    ``year``, when given, is the year being entered: a day of another year is refused.
    """
    found: list[CalendarLine] = []
    errors: dict[str, str] = {}
    seen: dict[date, int] = {}
    for line_no, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.replace("\u3000", " ").strip()
        if not stripped:
            continue
        parsed = _parse_line(line_no, stripped, year)
        if isinstance(parsed, str):
            errors[f"line_{line_no}"] = parsed
            continue
        if parsed.day in seen:
            errors[f"line_{line_no}"] = (
                f"第 {line_no} 行：{parsed.day:%Y-%m-%d} 与第 {seen[parsed.day]} 行重复"
            )
            continue
        seen[parsed.day] = line_no
        found.append(parsed)
    if errors:
        raise ValidationError(errors)
    if not found:
        raise ValidationError({"text": "请粘贴至少一行，如“2027-01-01 放假 元旦”"})
    return found


def import_calendar_days(
    db: Database, text: str, *, year: int | None = None
) -> list[CalendarDayRow]:
    """Enter every pasted day in one transaction (a day already entered is changed).

    Nothing is written when any line is wrong. Returns the entered days in date order.
    """
    lines = parse_calendar_lines(text, year=year)
    with db.transaction() as session:
        stored = {
            entry.day: entry
            for entry in session.scalars(
                select(CalendarDay).where(CalendarDay.day.in_([line.day for line in lines]))
            )
        }
        entries: list[CalendarDay] = []
        for line in lines:
            entry = stored.get(line.day)
            if entry is None:
                entry = CalendarDay(day=line.day, is_workday=line.is_workday, name=line.name)
                session.add(entry)
            else:
                if entry.is_workday != line.is_workday:
                    entry.is_workday = line.is_workday
                if entry.name != line.name:
                    entry.name = line.name
            entries.append(entry)
        session.flush()
        rows = [CalendarDayRow(e.day, e.is_workday, e.name, e.version) for e in entries]
    return sorted(rows, key=lambda row: row.day)
