"""Service hours (服务时长) and the checks on paper sign-in sheets entered in bulk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from alliance_desk.core.errors import DomainError


class Attendance(StrEnum):
    NORMAL = "normal"
    LEAVE = "leave"
    LATE = "late"
    ABSENT = "absent"


ATTENDANCE_LABELS: dict[Attendance, str] = {
    Attendance.NORMAL: "正常",
    Attendance.LEAVE: "请假",
    Attendance.LATE: "迟到",
    Attendance.ABSENT: "缺席",
}
#: 请假 and 缺席 give no hours whatever the times say.
ZERO_HOUR_ATTENDANCE: frozenset[Attendance] = frozenset({Attendance.LEAVE, Attendance.ABSENT})


def service_hours(
    attendance: Attendance, sign_in: datetime | None, sign_out: datetime | None
) -> float:
    """Hours from sign-in to sign-out, rounded to 0.1 h; 0 for 请假/缺席."""
    if attendance in ZERO_HOUR_ATTENDANCE:
        return 0.0
    if sign_in is None or sign_out is None:
        raise DomainError("正常或迟到的考勤须填写签到和签退时间。", field="sign_out")
    if sign_out <= sign_in:
        raise DomainError("签退时间须晚于签到时间。", field="sign_out")
    hours = (sign_out - sign_in).total_seconds() / 3600
    if hours > 24:
        raise DomainError("一次服务不能超过24小时。", field="sign_out")
    return round(hours, 1)


def check_correction(reason: str, locked: bool) -> None:
    """A confirmed (locked) entry is corrected only by a new entry that gives a reason."""
    if locked and not reason.strip():
        raise DomainError("时长已确认锁定，更正须新增一条记录并填写原因。", field="reason")


@dataclass(frozen=True)
class SheetRow:
    """One line of a paper sign-in sheet: ``row`` is the sheet's row number for messages."""

    row: int
    member_key: str
    activity_key: str
    sign_in: datetime
    sign_out: datetime


@dataclass(frozen=True)
class SheetProblem:
    row: int
    message: str


def _day_hours(start: datetime, end: datetime) -> dict[date, float]:
    """Split ``start..end`` over calendar days (hours per day)."""
    out: dict[date, float] = defaultdict(float)
    cursor = start
    while cursor < end:
        next_midnight = datetime.combine(
            cursor.date() + timedelta(days=1), datetime.min.time(), cursor.tzinfo
        )
        stop = min(end, next_midnight)
        out[cursor.date()] += (stop - cursor).total_seconds() / 3600
        cursor = stop
    return out


def check_sheet(rows: Iterable[SheetRow]) -> list[SheetProblem]:
    """Duplicates, more than 24 hours in one day and overlapping sessions, per member.

    Sessions touching end-to-start (09:00–11:00, 11:00–12:00) do not overlap.
    """
    problems: list[SheetProblem] = []
    seen: dict[tuple[str, str, datetime, datetime], int] = {}
    by_member: dict[str, list[SheetRow]] = defaultdict(list)
    for r in rows:
        if r.sign_out <= r.sign_in:
            problems.append(SheetProblem(r.row, "签退时间须晚于签到时间"))
            continue
        if r.sign_out - r.sign_in > timedelta(hours=24):
            problems.append(SheetProblem(r.row, "一次服务超过24小时"))
            continue
        key = (r.member_key, r.activity_key, r.sign_in, r.sign_out)
        if key in seen:
            problems.append(SheetProblem(r.row, f"与第{seen[key]}行重复"))
            continue
        seen[key] = r.row
        by_member[r.member_key].append(r)
    for member, sessions in by_member.items():
        sessions.sort(key=lambda s: (s.sign_in, s.row))
        latest: SheetRow | None = None
        per_day: dict[date, float] = defaultdict(float)
        flagged_days: set[date] = set()
        for s in sessions:
            if latest is not None and s.sign_in < latest.sign_out:
                problems.append(SheetProblem(s.row, f"{member} 的时段与第{latest.row}行重叠"))
            if latest is None or s.sign_out > latest.sign_out:
                latest = s
            for day, h in _day_hours(s.sign_in, s.sign_out).items():
                per_day[day] += h
                if per_day[day] > 24 + 1e-9 and day not in flagged_days:
                    flagged_days.add(day)
                    problems.append(
                        SheetProblem(s.row, f"{member} 在{day.isoformat()}的服务时长超过24小时")
                    )
    problems.sort(key=lambda p: p.row)
    return problems


@dataclass(frozen=True)
class RecordedSession:
    """A member's session already in the database, as a sheet is checked against it."""

    member_key: str
    activity_key: str
    label: str
    """How a message names it, e.g. “活动12（2026-03-05）”."""
    sign_in: datetime
    sign_out: datetime


def check_against_recorded(
    rows: Iterable[SheetRow], recorded: Iterable[RecordedSession]
) -> list[SheetProblem]:
    """Sheet rows overlapping a session already recorded for the member at another activity.

    (Sessions that do not overlap cannot pass 24 hours in a day, so this is the whole check
    against the database.) Rows :func:`check_sheet` refuses on their own (bad times) are
    skipped; a recorded session of the row's own activity is the “已有考勤记录” error.
    """
    by_member: dict[str, list[RecordedSession]] = defaultdict(list)
    for session in recorded:
        by_member[session.member_key].append(session)
    problems: list[SheetProblem] = []
    for r in sorted(rows, key=lambda r: r.row):
        sessions = by_member.get(r.member_key)
        if not sessions or not r.sign_in < r.sign_out <= r.sign_in + timedelta(hours=24):
            continue
        clash = next(
            (
                s
                for s in sessions
                if s.activity_key != r.activity_key
                and s.sign_in < r.sign_out
                and r.sign_in < s.sign_out
            ),
            None,
        )
        if clash is not None:
            problems.append(
                SheetProblem(r.row, f"{r.member_key} 的时段与已登记的{clash.label}重叠")
            )
    return problems
