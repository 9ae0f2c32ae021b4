"""社区工作日 / 服务活动 and their attendance (考勤, 服务时长, confirmation and corrections).

Hours follow ``core.workday.hours.service_hours`` (请假 / 缺席 give 0). Confirming an
activity's attendance locks every row; a locked row is corrected only by a new row that
names it and gives a reason — the corrected row stays, marked superseded, and only the
newest row of each chain counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError, NotFoundError, ValidationError
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, required_error
from alliance_desk.core.workday.hours import (
    ATTENDANCE_LABELS,
    Attendance,
    RecordedSession,
    SheetRow,
    check_against_recorded,
    check_correction,
    service_hours,
)
from alliance_desk.core.workday.states import EXPECTED_STATES, MemberState
from alliance_desk.services.database import Database
from alliance_desk.services.editing import claim_version, load_for_edit
from alliance_desk.services.workday.common import chunks, community_error
from alliance_desk.storage.models import (
    ServiceAttendance,
    Unit,
    WorkdayActivity,
    WorkdayMember,
)

NOT_FOUND = "该活动不存在，可能已被删除"
ATTENDANCE_NOT_FOUND = "该考勤记录不存在，可能已被删除"


@dataclass(frozen=True, slots=True)
class ActivityInput:
    held_on: date
    community_unit_id: int
    category: str
    content: str = ""
    organiser: str = ""
    planned_start: datetime | None = None
    planned_end: datetime | None = None
    planned_participants: int = 0
    location: str = ""


@dataclass(frozen=True, slots=True)
class ActivityRow:
    id: int
    held_on: date
    community_unit_id: int
    community_name: str
    category: str
    content: str
    organiser: str
    planned_start: datetime | None
    planned_end: datetime | None
    planned_participants: int
    location: str
    attendees: int
    """Rows that count (not superseded) and were not 请假 / 缺席."""
    total_hours: float
    confirmed: bool
    """Every counting row confirmed (and at least one row)."""
    version: int


@dataclass(frozen=True, slots=True)
class AttendanceInput:
    member_id: int
    attendance: Attendance = Attendance.NORMAL
    sign_in: datetime | None = None
    sign_out: datetime | None = None
    planned_in: datetime | None = None
    planned_out: datetime | None = None


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    id: int
    activity_id: int
    member_id: int
    member_name: str
    unit_name: str
    planned_in: datetime | None
    planned_out: datetime | None
    sign_in: datetime | None
    sign_out: datetime | None
    attendance: Attendance
    hours: float
    confirmed: bool
    confirmed_on: date | None
    superseded: bool
    corrects_id: int | None
    correction_reason: str
    version: int

    @property
    def attendance_label(self) -> str:
        return ATTENDANCE_LABELS[self.attendance]


# --- activities ---------------------------------------------------------------------------
def _errors(session: Session, data: ActivityInput) -> dict[str, str]:
    errors = {
        "community_unit_id": community_error(session, data.community_unit_id),
        "category": required_error(data.category, "活动类别")
        or length_error(clean_text(data.category), "活动类别", 50),
        "organiser": length_error(clean_text(data.organiser), "组织方", 200),
        "location": length_error(clean_text(data.location), "地点", 200),
        "planned_participants": "计划人数不能为负数" if data.planned_participants < 0 else None,
        "planned_end": (
            "计划结束时间须晚于开始时间"
            if data.planned_start and data.planned_end and data.planned_end <= data.planned_start
            else None
        ),
    }
    return {k: v for k, v in errors.items() if v}


def _apply(activity: WorkdayActivity, data: ActivityInput) -> None:
    activity.held_on = data.held_on
    activity.community_unit_id = data.community_unit_id
    activity.category = clean_text(data.category)
    activity.content = data.content.strip()
    activity.organiser = clean_text(data.organiser)
    activity.planned_start = data.planned_start
    activity.planned_end = data.planned_end
    activity.planned_participants = data.planned_participants
    activity.location = clean_text(data.location)


def create_activity(db: Database, data: ActivityInput) -> ActivityRow:
    with db.transaction() as session:
        errors = _errors(session, data)
        if errors:
            raise ValidationError(errors)
        activity = WorkdayActivity()
        _apply(activity, data)
        session.add(activity)
        session.flush()
        return _load(session, activity.id)


def update_activity(
    db: Database, activity_id: int, data: ActivityInput, *, expected_version: int
) -> ActivityRow:
    with db.transaction() as session:
        activity = load_for_edit(
            session, WorkdayActivity, activity_id, expected_version, missing=NOT_FOUND, what=_title
        )
        errors = _errors(session, data)
        if _has_confirmed(session, activity_id) and (
            data.held_on != activity.held_on or data.community_unit_id != activity.community_unit_id
        ):
            errors["held_on"] = "活动时长已确认，不能再改日期或社区"
        if errors:
            raise ValidationError(errors)
        _apply(activity, data)
        session.flush()
        return _load(session, activity.id)


def delete_activity(db: Database, activity_id: int, *, expected_version: int) -> None:
    """Delete an activity entered by mistake (refused once any hours are confirmed)."""
    with db.transaction() as session:
        activity = load_for_edit(
            session, WorkdayActivity, activity_id, expected_version, missing=NOT_FOUND, what=_title
        )
        if _has_confirmed(session, activity_id):
            raise ValidationError({"activity": "活动时长已确认，不能删除"})
        session.delete(activity)


def _title(activity: WorkdayActivity) -> str:
    return f"{activity.held_on.isoformat()}的活动"


def _has_confirmed(session: Session, activity_id: int) -> bool:
    return bool(
        session.scalar(
            select(ServiceAttendance.id)
            .where(
                ServiceAttendance.activity_id == activity_id,
                ServiceAttendance.confirmed.is_(True),
            )
            .limit(1)
        )
    )


def _activity_select():  # type: ignore[no-untyped-def]
    counting = ServiceAttendance.superseded.is_(False)
    present = ServiceAttendance.attendance.in_([Attendance.NORMAL.value, Attendance.LATE.value])
    figures = (
        select(
            ServiceAttendance.activity_id.label("activity_id"),
            func.sum(case((counting & present, 1), else_=0)).label("attendees"),
            func.sum(case((counting, ServiceAttendance.hours), else_=0.0)).label("hours"),
            func.sum(case((counting, 1), else_=0)).label("rows"),
            func.sum(case((counting & ServiceAttendance.confirmed, 1), else_=0)).label("confirmed"),
        )
        .where(counting)
        .group_by(ServiceAttendance.activity_id)
        .subquery()
    )
    return (
        select(
            WorkdayActivity.id,
            WorkdayActivity.held_on,
            WorkdayActivity.community_unit_id,
            Unit.name,
            WorkdayActivity.category,
            WorkdayActivity.content,
            WorkdayActivity.organiser,
            WorkdayActivity.planned_start,
            WorkdayActivity.planned_end,
            WorkdayActivity.planned_participants,
            WorkdayActivity.location,
            func.coalesce(figures.c.attendees, 0),
            func.coalesce(figures.c.hours, 0.0),
            func.coalesce(figures.c.rows, 0),
            func.coalesce(figures.c.confirmed, 0),
            WorkdayActivity.version,
        )
        .join(Unit, Unit.id == WorkdayActivity.community_unit_id)
        .outerjoin(figures, figures.c.activity_id == WorkdayActivity.id)
    )


def _activity_row(r: tuple[object, ...]) -> ActivityRow:
    (i, held, cid, cname, cat, content, org, ps, pe, pp, loc, att, hours, rows, conf, ver) = r
    return ActivityRow(
        int(i),  # type: ignore[arg-type]
        held,  # type: ignore[arg-type]
        int(cid),  # type: ignore[arg-type]
        str(cname),
        str(cat),
        str(content),
        str(org),
        ps,  # type: ignore[arg-type]
        pe,  # type: ignore[arg-type]
        int(pp),  # type: ignore[arg-type]
        str(loc),
        int(att),  # type: ignore[arg-type]
        round(float(hours), 1),  # type: ignore[arg-type]
        bool(rows) and int(conf) == int(rows),  # type: ignore[arg-type]
        int(ver),  # type: ignore[arg-type]
    )


def _load(session: Session, activity_id: int) -> ActivityRow:
    found = session.execute(_activity_select().where(WorkdayActivity.id == activity_id)).first()
    if found is None:
        raise NotFoundError(NOT_FOUND)
    return _activity_row(tuple(found))


def get_activity(db: Database, activity_id: int) -> ActivityRow:
    with db.reading() as session:
        return _load(session, activity_id)


def list_activities(
    db: Database,
    *,
    community_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    search: str = "",
) -> list[ActivityRow]:
    """Activities newest first, with their attendee count, hours and whether confirmed."""
    query = _activity_select()
    if community_id is not None:
        query = query.where(WorkdayActivity.community_unit_id == community_id)
    if start is not None:
        query = query.where(WorkdayActivity.held_on >= start)
    if end is not None:
        query = query.where(WorkdayActivity.held_on <= end)
    text = clean_text(search)
    if text:
        like = f"%{text}%"
        query = query.where(
            WorkdayActivity.category.like(like)
            | WorkdayActivity.content.like(like)
            | WorkdayActivity.organiser.like(like)
            | Unit.name.like(like)
        )
    with db.reading() as session:
        rows = session.execute(
            query.order_by(WorkdayActivity.held_on.desc(), WorkdayActivity.id.desc())
        ).all()
    return [_activity_row(tuple(r)) for r in rows]


# --- attendance ---------------------------------------------------------------------------------
def recorded_sessions(session: Session, sheet: Sequence[SheetRow]) -> list[RecordedSession]:
    """The sheet's members' sessions already recorded around the sheet's days (not
    superseded, with times), for :func:`check_against_recorded`."""
    if not sheet:
        return []
    first = min(r.sign_in for r in sheet) - timedelta(days=1)
    last = max(r.sign_out for r in sheet) + timedelta(days=1)
    out: list[RecordedSession] = []
    for part in chunks(sorted({int(r.member_key) for r in sheet})):
        for member_id, activity_id, held_on, category, sign_in, sign_out in session.execute(
            select(
                ServiceAttendance.member_id,
                ServiceAttendance.activity_id,
                WorkdayActivity.held_on,
                WorkdayActivity.category,
                ServiceAttendance.sign_in,
                ServiceAttendance.sign_out,
            )
            .join(WorkdayActivity, WorkdayActivity.id == ServiceAttendance.activity_id)
            .where(
                ServiceAttendance.member_id.in_(list(part)),
                ServiceAttendance.superseded.is_(False),
                ServiceAttendance.sign_in.is_not(None),
                ServiceAttendance.sign_out.is_not(None),
                ServiceAttendance.sign_in < last,
                ServiceAttendance.sign_out > first,
            )
        ):
            label = f"活动{activity_id}（{held_on.isoformat()} {category}）"
            out.append(
                RecordedSession(str(member_id), str(activity_id), label, sign_in, sign_out)
            )
    return out


def _attendance_errors(
    session: Session, activity: WorkdayActivity, data: AttendanceInput
) -> tuple[dict[str, str], float]:
    errors: dict[str, str] = {}
    member = session.get(WorkdayMember, data.member_id)
    if member is None:
        errors["member_id"] = "所选党员不存在"
    elif MemberState(member.state) not in EXPECTED_STATES:
        errors["member_id"] = f"党员“{member.name}”已不在报到名单中"
    hours = 0.0
    try:
        hours = service_hours(Attendance(data.attendance), data.sign_in, data.sign_out)
    except DomainError as exc:
        errors[exc.field or "sign_out"] = exc.message.rstrip("。")
    if (
        data.sign_in is not None
        and Attendance(data.attendance) not in (Attendance.LEAVE, Attendance.ABSENT)
        and data.sign_in.date() != activity.held_on
    ):
        errors.setdefault("sign_in", "签到日期应为活动当天")
    if (
        not errors
        and member is not None
        and data.sign_in is not None
        and data.sign_out is not None
        and Attendance(data.attendance) not in (Attendance.LEAVE, Attendance.ABSENT)
    ):
        entry = SheetRow(0, str(member.id), str(activity.id), data.sign_in, data.sign_out)
        for problem in check_against_recorded([entry], recorded_sessions(session, [entry])):
            errors["sign_in"] = problem.message.replace(str(member.id), member.name, 1)
    return errors, hours


def _apply_attendance(row: ServiceAttendance, data: AttendanceInput, hours: float) -> None:
    zero = Attendance(data.attendance) in (Attendance.LEAVE, Attendance.ABSENT)
    row.member_id = data.member_id
    row.attendance = Attendance(data.attendance).value
    row.sign_in = None if zero else data.sign_in
    row.sign_out = None if zero else data.sign_out
    row.planned_in = data.planned_in
    row.planned_out = data.planned_out
    row.hours = hours


def add_attendance(db: Database, activity_id: int, data: AttendanceInput) -> AttendanceRow:
    """Record one member's attendance (one counting row per member and activity)."""
    with db.transaction() as session:
        activity = session.get(WorkdayActivity, activity_id)
        if activity is None:
            raise NotFoundError(NOT_FOUND)
        errors, hours = _attendance_errors(session, activity, data)
        if not errors and session.scalar(
            select(ServiceAttendance.id).where(
                ServiceAttendance.activity_id == activity_id,
                ServiceAttendance.member_id == data.member_id,
                ServiceAttendance.superseded.is_(False),
            )
        ):
            errors["member_id"] = "该党员在本次活动已有考勤记录"
        if errors:
            raise ValidationError(errors)
        row = ServiceAttendance(activity_id=activity_id, confirmed=False, superseded=False)
        row.planned_in = activity.planned_start
        row.planned_out = activity.planned_end
        _apply_attendance(row, data, hours)
        if data.planned_in is None:
            row.planned_in = activity.planned_start
        if data.planned_out is None:
            row.planned_out = activity.planned_end
        session.add(row)
        claim_version(activity)
        session.flush()
        return _load_attendance(session, row.id)


def update_attendance(
    db: Database, attendance_id: int, data: AttendanceInput, *, expected_version: int
) -> AttendanceRow:
    """Change an unconfirmed row; a confirmed one is corrected with ``correct_attendance``."""
    with db.transaction() as session:
        row = load_for_edit(
            session,
            ServiceAttendance,
            attendance_id,
            expected_version,
            missing=ATTENDANCE_NOT_FOUND,
            what=lambda _r: "该考勤记录",
        )
        check_correction("", row.confirmed)
        if row.superseded:
            raise ValidationError({"attendance": "该记录已被更正，请修改最新的一条"})
        activity = session.get(WorkdayActivity, row.activity_id)
        assert activity is not None
        errors, hours = _attendance_errors(session, activity, data)
        if data.member_id != row.member_id:
            errors["member_id"] = "不能改换党员：请删除后重新录入"
        if errors:
            raise ValidationError(errors)
        _apply_attendance(row, data, hours)
        session.flush()
        return _load_attendance(session, row.id)


def delete_attendance(db: Database, attendance_id: int, *, expected_version: int) -> None:
    with db.transaction() as session:
        row = load_for_edit(
            session,
            ServiceAttendance,
            attendance_id,
            expected_version,
            missing=ATTENDANCE_NOT_FOUND,
            what=lambda _r: "该考勤记录",
        )
        if row.confirmed:
            raise ValidationError({"attendance": "时长已确认锁定，不能删除；请新增更正记录"})
        session.delete(row)


def confirm_attendance(db: Database, activity_id: int, *, on: date) -> int:
    """The community confirms the activity's hours: every unconfirmed row is locked.
    Returns how many rows were confirmed."""
    with db.transaction() as session:
        activity = session.get(WorkdayActivity, activity_id)
        if activity is None:
            raise NotFoundError(NOT_FOUND)
        rows = list(
            session.scalars(
                select(ServiceAttendance).where(
                    ServiceAttendance.activity_id == activity_id,
                    ServiceAttendance.confirmed.is_(False),
                    ServiceAttendance.superseded.is_(False),
                )
            )
        )
        if not rows:
            raise ValidationError({"attendance": "没有待确认的考勤记录"})
        for row in rows:
            row.confirmed = True
            row.confirmed_on = on
        claim_version(activity)
        return len(rows)


def correct_attendance(
    db: Database,
    attendance_id: int,
    data: AttendanceInput,
    *,
    reason: str,
    expected_version: int,
    on: date,
) -> AttendanceRow:
    """Correct a confirmed row: a new, confirmed row with ``reason`` replaces it (the old
    one stays, superseded)."""
    with db.transaction() as session:
        old = load_for_edit(
            session,
            ServiceAttendance,
            attendance_id,
            expected_version,
            missing=ATTENDANCE_NOT_FOUND,
            what=lambda _r: "该考勤记录",
        )
        if not old.confirmed:
            raise ValidationError({"attendance": "该记录尚未确认，可直接修改"})
        if old.superseded:
            raise ValidationError({"attendance": "该记录已被更正，请更正最新的一条"})
        check_correction(reason, True)
        activity = session.get(WorkdayActivity, old.activity_id)
        assert activity is not None
        errors, hours = _attendance_errors(session, activity, data)
        if data.member_id != old.member_id:
            errors["member_id"] = "更正记录须是同一名党员"
        if errors:
            raise ValidationError(errors)
        old.superseded = True
        new = ServiceAttendance(
            activity_id=old.activity_id,
            confirmed=True,
            confirmed_on=on,
            superseded=False,
            corrects_id=old.id,
            correction_reason=reason.strip(),
        )
        _apply_attendance(new, data, hours)
        if new.planned_in is None:
            new.planned_in = old.planned_in
        if new.planned_out is None:
            new.planned_out = old.planned_out
        session.add(new)
        session.flush()
        return _load_attendance(session, new.id)


def _attendance_select():  # type: ignore[no-untyped-def]
    return (
        select(
            ServiceAttendance.id,
            ServiceAttendance.activity_id,
            ServiceAttendance.member_id,
            WorkdayMember.name,
            Unit.name,
            ServiceAttendance.planned_in,
            ServiceAttendance.planned_out,
            ServiceAttendance.sign_in,
            ServiceAttendance.sign_out,
            ServiceAttendance.attendance,
            ServiceAttendance.hours,
            ServiceAttendance.confirmed,
            ServiceAttendance.confirmed_on,
            ServiceAttendance.superseded,
            ServiceAttendance.corrects_id,
            ServiceAttendance.correction_reason,
            ServiceAttendance.version,
        )
        .join(WorkdayMember, WorkdayMember.id == ServiceAttendance.member_id)
        .join(Unit, Unit.id == WorkdayMember.unit_id)
    )


def _attendance_row(r: tuple[object, ...]) -> AttendanceRow:
    values = list(r)
    values[9] = Attendance(values[9])
    values[10] = float(values[10])  # type: ignore[arg-type]
    return AttendanceRow(*values)  # type: ignore[arg-type]


def _load_attendance(session: Session, attendance_id: int) -> AttendanceRow:
    found = session.execute(
        _attendance_select().where(ServiceAttendance.id == attendance_id)
    ).first()
    if found is None:
        raise NotFoundError(ATTENDANCE_NOT_FOUND)
    return _attendance_row(tuple(found))


def list_attendance(
    db: Database, activity_id: int, *, with_superseded: bool = False
) -> list[AttendanceRow]:
    """The activity's attendance rows by member name (superseded rows only if asked)."""
    query = _attendance_select().where(ServiceAttendance.activity_id == activity_id)
    if not with_superseded:
        query = query.where(ServiceAttendance.superseded.is_(False))
    with db.reading() as session:
        rows = session.execute(query.order_by(WorkdayMember.name, ServiceAttendance.id)).all()
    return [_attendance_row(tuple(r)) for r in rows]


def member_attendance(db: Database, member_id: int) -> list[AttendanceRow]:
    """A member's counting attendance rows, newest first."""
    query = (
        _attendance_select()
        .join(WorkdayActivity, WorkdayActivity.id == ServiceAttendance.activity_id)
        .where(ServiceAttendance.member_id == member_id, ServiceAttendance.superseded.is_(False))
    )
    with db.reading() as session:
        rows = session.execute(
            query.order_by(WorkdayActivity.held_on.desc(), ServiceAttendance.id.desc())
        ).all()
    return [_attendance_row(tuple(r)) for r in rows]
