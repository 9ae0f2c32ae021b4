"""Enter paper sign-in sheets (签到表) in bulk from Excel or CSV: every row checked — the
activity and the member exist, the 考勤 and the times read, and the sheet's own checks of
``core.workday.hours.check_sheet`` (duplicates, more than 24 hours in a day, overlapping
sessions of one member) — then all rows or none. Rows entered this way are unconfirmed:
the community confirms them like any other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.text import normalize_name, person_name
from alliance_desk.core.vocab import AuditAction
from alliance_desk.core.workday.hours import (
    ATTENDANCE_LABELS,
    ZERO_HOUR_ATTENDANCE,
    Attendance,
    SheetRow,
    check_against_recorded,
    check_sheet,
    service_hours,
)
from alliance_desk.core.workday.states import EXPECTED_STATES
from alliance_desk.services.commitments.progress_import import (
    ImportColumn,
    RowStatus,
    cell_date,
    map_columns,
)
from alliance_desk.services.database import Database
from alliance_desk.services.register_io.bulk_audit import write_audit
from alliance_desk.services.register_io.cells import (
    PHONE_LOST_DIGITS,
    cell_count,
    cell_phone,
    cell_text,
    phone_lost_digits,
)
from alliance_desk.services.register_io.columns import header_key
from alliance_desk.services.register_io.table_file import Table as FileTable
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.workday.activities import recorded_sessions
from alliance_desk.services.workday.common import chunks
from alliance_desk.storage.models import ServiceAttendance, Unit, WorkdayActivity, WorkdayMember

COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn(
        "activity", "活动编号", True, ("活动id", "活动序号", "编号"), 10, "必填。活动列表中的编号。"
    ),
    ImportColumn("name", "姓名", True, ("党员姓名",), 10, "必填。"),
    ImportColumn("unit", "工作单位", False, ("单位",), 24, "选填；同一活动中有同名党员时必填。"),
    ImportColumn("phone", "联系电话", False, ("电话", "手机"), 14, "选填；可区分同名党员。"),
    ImportColumn(
        "attendance",
        "考勤",
        False,
        ("考勤情况", "出勤"),
        8,
        "选填。正常、请假、迟到或缺席；不填为正常。",
    ),
    ImportColumn(
        "sign_in",
        "签到时间",
        False,
        ("签到", "实际签到"),
        18,
        "正常、迟到必填。如 09:00 或 2026-05-09 09:00。",
    ),
    ImportColumn(
        "sign_out", "签退时间", False, ("签退", "实际签退"), 18, "正常、迟到必填。如 11:30。"
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
_LOOKUP = {header_key(n): c.key for c in COLUMNS for n in (c.header, *c.synonyms)}
NO_HEADER = "在文件“{name}”中没有找到表头：前 50 行中应有一行写着“活动编号”“姓名”等列名。"
MAX_ROWS = 100_000
"""A year of the article's 1,400 activities is about 40,000 lines; more is not one batch."""
_TIME = re.compile(r"^(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?分?$")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_ISO_T = re.compile(r"(?<=\d)T(?=\d)")
_MORNING = ("上午", "早上", "a.m.", "am")
_AFTERNOON = ("下午", "晚上", "p.m.", "pm")


@dataclass(frozen=True, slots=True)
class AttendanceImportRow:
    row_number: int
    activity_id: int | None
    name: str
    member_id: int | None
    attendance: Attendance | None
    sign_in: datetime | None
    sign_out: datetime | None
    hours: float
    errors: tuple[str, ...] = ()

    @property
    def status(self) -> RowStatus:
        return RowStatus.ERROR if self.errors else RowStatus.OK

    @property
    def reason(self) -> str:
        return "；".join(self.errors)


@dataclass(frozen=True, slots=True)
class AttendanceImportPreview:
    path: Path
    sheet: str
    header_row: int
    rows: tuple[AttendanceImportRow, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ok_count(self) -> int:
        return sum(1 for r in self.rows if not r.errors)

    @property
    def error_rows(self) -> tuple[AttendanceImportRow, ...]:
        return tuple(r for r in self.rows if r.errors)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.error_rows


def is_header_row(cells: Sequence[object]) -> bool:
    keys = {_LOOKUP.get(header_key(cell)) for cell in cells}
    return "activity" in keys and "name" in keys


def read_rows(path: Path) -> FileTable:
    table = read_table(path, is_header_row, max_rows=MAX_ROWS)
    if table is None:
        raise DomainError(NO_HEADER.format(name=path.name))
    return table


def cell_moment(value: object, day: date) -> datetime | None:
    """A time on ``day`` or a full date and time, as a sheet holds it: a time or datetime
    cell, Excel's fraction of a day (0.354…) or serial number (46151.354…) as a number or
    as the text a CSV carries, 09:00, 9:00:00, 9时05分, 上午8:30, 2026/5/9 8:30,
    2026年5月9日 8:30."""
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, time):
        return datetime.combine(day, value.replace(second=0, microsecond=0, tzinfo=None))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(float(value), day)
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    if not text:
        return None
    if _NUMBER.match(text):
        return _from_number(float(text), day)
    clock = _clock(text)
    if clock is not None:
        return datetime.combine(day, clock)
    parts = _ISO_T.sub(" ", text).split(None, 1)
    if len(parts) == 2:
        on, clock = cell_date(parts[0]), _clock(parts[1])
        if on is not None and clock is not None:
            return datetime.combine(on, clock)
    return None


def _from_number(number: float, day: date) -> datetime | None:
    if 0 <= number < 1:
        return datetime.combine(day, time()) + timedelta(minutes=min(round(number * 1440), 1439))
    if 20_000 <= number <= 80_000:
        return _EXCEL_EPOCH + timedelta(minutes=round(number * 1440))
    return None


def _clock(text: str) -> time | None:
    """09:00, 9:00:00, 9时05分, 上午8:30, 2:30 PM (seconds dropped)."""
    text = text.strip()
    afternoon: bool | None = None
    for marks, later in ((_MORNING, False), (_AFTERNOON, True)):
        for mark in marks:
            if text.casefold().startswith(mark):
                text, afternoon = text[len(mark) :].strip(), later
            elif text.casefold().endswith(mark):
                text, afternoon = text[: -len(mark)].strip(), later
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if afternoon is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if afternoon else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


@dataclass
class _Register:
    activities: dict[int, date]
    members: dict[str, list[tuple[int, str, str, bool]]]
    """normalised name → (id, unit name key, phone digits, still on the roll)."""
    existing: set[tuple[int, int]]
    """(activity id, member id) already recorded."""


def _register(session: Session, activity_ids: set[int], names: set[str]) -> _Register:
    activities: dict[int, date] = {}
    existing: set[tuple[int, int]] = set()
    wanted = sorted(activity_ids)
    for part in chunks(wanted):
        activities.update(
            (int(i), d)
            for i, d in session.execute(
                select(WorkdayActivity.id, WorkdayActivity.held_on).where(
                    WorkdayActivity.id.in_(list(part))
                )
            )
        )
        existing.update(
            (int(a), int(m))
            for a, m in session.execute(
                select(ServiceAttendance.activity_id, ServiceAttendance.member_id).where(
                    ServiceAttendance.activity_id.in_(list(part)),
                    ServiceAttendance.superseded.is_(False),
                )
            )
        )
    members: dict[str, list[tuple[int, str, str, bool]]] = {}
    raw = sorted(names)
    expected = {s.value for s in EXPECTED_STATES}
    for part in chunks(raw):
        for i, n, unit, phone, state in session.execute(
            select(
                WorkdayMember.id,
                WorkdayMember.name,
                Unit.name,
                WorkdayMember.phone,
                WorkdayMember.state,
            )
            .join(Unit, Unit.id == WorkdayMember.unit_id)
            .where(WorkdayMember.name.in_(list(part)))
        ):
            members.setdefault(normalize_name(n), []).append(
                (int(i), normalize_name(unit), _digits(phone), state in expected)
            )
    return _Register(activities, members, existing)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _parse(number: int, cells: Mapping[str, Any], reg: _Register) -> AttendanceImportRow:
    texts = {key: cell_text(value) for key, value in cells.items()}
    errors: list[str] = []
    if "phone" in cells:
        texts["phone"] = cell_phone(cells["phone"])
        if phone_lost_digits(texts["phone"]):
            errors.append("联系电话" + PHONE_LOST_DIGITS.format(text=texts["phone"]))
    activity_id = cell_count(cells.get("activity")) if texts.get("activity") else None
    day: date | None = None
    if not texts.get("activity"):
        errors.append("活动编号不能为空")
    elif activity_id is None or activity_id not in reg.activities:
        errors.append(f"活动编号“{texts['activity']}”不存在")
        activity_id = None
    else:
        day = reg.activities[activity_id]
    name = person_name(texts.get("name", ""))
    member_id: int | None = None
    if not name:
        errors.append("姓名不能为空")
    else:
        found = reg.members.get(normalize_name(name), [])
        if texts.get("unit"):
            found = [m for m in found if m[1] == normalize_name(texts["unit"])]
        if texts.get("phone"):
            found = [m for m in found if m[2] == _digits(texts["phone"])]
        if not found:
            errors.append(f"党员“{name}”不在名单中（请核对姓名、工作单位和电话）")
        elif len(found) > 1:
            errors.append(f"名单中有 {len(found)} 名“{name}”：请填写工作单位或电话以区分")
        elif not found[0][3]:
            errors.append(f"党员“{name}”已调离、退休或转出")
        else:
            member_id = found[0][0]
    kind_text = texts.get("attendance", "")
    kind: Attendance | None = Attendance.NORMAL
    if kind_text:
        kind = next(
            (k for k, label in ATTENDANCE_LABELS.items() if kind_text in (label, k.value)), None
        )
        if kind is None:
            errors.append(f"考勤“{kind_text}”应为正常、请假、迟到或缺席")
    sign_in = sign_out = None
    hours = 0.0
    if day is not None and kind is not None and kind not in ZERO_HOUR_ATTENDANCE:
        for key in ("sign_in", "sign_out"):
            moment = cell_moment(cells.get(key), day)
            if moment is None:
                label = BY_KEY[key].header
                errors.append(
                    f"{label}“{texts[key]}”无法识别，应写成如 09:00"
                    if texts.get(key)
                    else f"考勤为{ATTENDANCE_LABELS[kind]}时须填写{label}"
                )
            elif key == "sign_in":
                sign_in = moment
            else:
                sign_out = moment
        if sign_in is not None and sign_out is not None:
            if sign_in.date() != day:
                errors.append(f"签到日期应为活动当天（{day.isoformat()}）")
            elif sign_out > sign_in:
                hours = (
                    service_hours(kind, sign_in, sign_out)
                    if sign_out - sign_in <= timedelta(hours=24)
                    else 0.0
                )
    if (
        activity_id is not None
        and member_id is not None
        and (activity_id, member_id) in reg.existing
    ):
        errors.append(f"党员“{name}”在该活动已有考勤记录")
    return AttendanceImportRow(
        number, activity_id, name, member_id, kind, sign_in, sign_out, hours, tuple(errors)
    )


def preview_attendance_import(db: Database, path: Path | str) -> AttendanceImportPreview:
    """Read ``path`` and check every row and the whole sheet; nothing is written."""
    path = Path(path)
    table = read_rows(path)
    positions, warnings = map_columns(table.header, COLUMNS, _LOOKUP, "签到表")
    raw: list[tuple[int, dict[str, Any]]] = []
    for number, cells in table.rows:
        values = {key: cells[i] for key, i in positions.items() if i < len(cells)}
        if any(cell_text(v) for v in values.values()):
            raw.append((number, values))
    activity_ids = {
        n for _r, v in raw if (n := cell_count(v.get("activity"))) is not None and n > 0
    }
    names = {person_name(cell_text(v.get("name"))) for _r, v in raw if cell_text(v.get("name"))}
    with db.reading() as session:
        reg = _register(session, activity_ids, names)
        rows = [_parse(number, values, reg) for number, values in raw]
        sheet = [
            SheetRow(r.row_number, str(r.member_id), str(r.activity_id), r.sign_in, r.sign_out)
            for r in rows
            if r.member_id is not None and r.sign_in is not None and r.sign_out is not None
        ]
        recorded = recorded_sessions(session, sheet)
    problems: dict[int, list[str]] = {}
    for problem in [*check_sheet(sheet), *check_against_recorded(sheet, recorded)]:
        problems.setdefault(problem.row, []).append(problem.message)
    names_by_id = {str(r.member_id): r.name for r in rows}
    # whole-row duplicates of 请假/缺席 rows (no times) are caught here
    seen: dict[tuple[int | None, int | None], int] = {}
    for r in rows:
        if r.member_id is None or r.activity_id is None:
            continue
        key = (r.activity_id, r.member_id)
        if key in seen and not any("重复" in m for m in problems.get(r.row_number, [])):
            problems.setdefault(r.row_number, []).append(f"与第{seen[key]}行是同一活动的同一党员")
        seen.setdefault(key, r.row_number)
    out: list[AttendanceImportRow] = []
    for r in rows:
        extra = [_named(m, names_by_id) for m in problems.get(r.row_number, [])]
        out.append(r if not extra else _with_errors(r, extra))
    return AttendanceImportPreview(path, table.sheet, table.header_row, tuple(out), tuple(warnings))


def _named(message: str, names: dict[str, str]) -> str:
    """The core check names members by key (their id here): say their name instead."""
    head, _sep, rest = message.partition(" ")
    return f"{names[head]}{rest and ' ' + rest}" if head in names else message


def _with_errors(row: AttendanceImportRow, extra: list[str]) -> AttendanceImportRow:
    return AttendanceImportRow(
        row.row_number,
        row.activity_id,
        row.name,
        row.member_id,
        row.attendance,
        row.sign_in,
        row.sign_out,
        row.hours,
        (*row.errors, *extra),
    )


_ATTENDANCE = cast(Table, ServiceAttendance.__table__)


def apply_attendance_import(
    db: Database,
    preview: AttendanceImportPreview,
    *,
    report: Callable[[int, int], None] | None = None,
) -> int:
    """Write every row of a clean preview in one transaction (unconfirmed); returns how many."""
    if not preview.can_apply:
        raise DomainError("签到表中有错误的行，未导入任何数据。请改正后重新导入。")
    with db.transaction() as session:
        activity_ids = {r.activity_id for r in preview.rows if r.activity_id is not None}
        planned: dict[int, tuple[datetime | None, datetime | None]] = {}
        taken: set[tuple[int, int]] = set()
        for part in chunks(sorted(activity_ids)):
            planned.update(
                (int(i), (s, e))
                for i, s, e in session.execute(
                    select(
                        WorkdayActivity.id,
                        WorkdayActivity.planned_start,
                        WorkdayActivity.planned_end,
                    ).where(WorkdayActivity.id.in_(list(part)))
                )
            )
            taken.update(
                (int(a), int(m))
                for a, m in session.execute(
                    select(ServiceAttendance.activity_id, ServiceAttendance.member_id).where(
                        ServiceAttendance.activity_id.in_(list(part)),
                        ServiceAttendance.superseded.is_(False),
                    )
                )
            )
        values = []
        for r in preview.rows:
            assert r.activity_id is not None and r.member_id is not None and r.attendance
            if r.activity_id not in planned:
                raise DomainError(f"第 {r.row_number} 行：活动已被删除。未导入任何数据。")
            if (r.activity_id, r.member_id) in taken:
                raise DomainError(
                    f"第 {r.row_number} 行：党员“{r.name}”在该活动已有考勤记录"
                    "（可能刚由他人录入）。未导入任何数据。"
                )
            start, end = planned[r.activity_id]
            values.append(
                {
                    "activity_id": r.activity_id,
                    "member_id": r.member_id,
                    "planned_in": start,
                    "planned_out": end,
                    "sign_in": r.sign_in,
                    "sign_out": r.sign_out,
                    "attendance": r.attendance.value,
                    "hours": r.hours,
                    "confirmed": False,
                    "superseded": False,
                    "correction_reason": "",
                    "version": 1,
                }
            )
        before = session.scalar(
            select(ServiceAttendance.id).order_by(ServiceAttendance.id.desc()).limit(1)
        )
        done = 0
        for part in chunks(values):
            session.execute(insert(_ATTENDANCE), list(part))
            done += len(part)
            if report is not None:
                report(done, len(values))
        ids = list(
            session.scalars(
                select(ServiceAttendance.id)
                .where(ServiceAttendance.id > (before or 0))
                .order_by(ServiceAttendance.id)
            )
        )
        write_audit(
            session,
            "workday_attendance",
            AuditAction.INSERT,
            ((i, None, {"id": i, **v}) for i, v in zip(ids, values, strict=True)),
        )
    return len(values)
