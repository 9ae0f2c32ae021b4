"""签到: every member unit's attendance, guests, and attendance rates for assessment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ValidationError
from alliance_desk.core.meetings import MeetingEdit
from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import AttendanceState, MeetingState
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.common import load_meeting, members_on
from alliance_desk.services.meetings.inputs import AttendanceInput, GuestInput
from alliance_desk.services.meetings.reading import load_detail, meeting_query
from alliance_desk.services.meetings.records import MeetingDetail, MeetingRow
from alliance_desk.storage.models import Attendance, Meeting, Unit

_NOBODY = frozenset({AttendanceState.ABSENT, AttendanceState.EXCUSED})


def _row_error(row: AttendanceInput, name: str) -> str | None:
    if row.state not in AttendanceState._value2member_map_:
        return f"{name}：出席情况不正确"
    attendee = clean_text(row.attendee)
    if row.state is AttendanceState.DELEGATED and not attendee:
        return f"{name}：委托出席须填写出席人姓名"
    if len(attendee) > 100:
        return f"{name}：出席人不能超过 100 个字"
    return None


def _guest_error(guest: GuestInput, number: int) -> str | None:
    name, attendee = clean_text(guest.name), clean_text(guest.attendee)
    if not name:
        return f"第 {number} 位列席人员：请填写单位或身份"
    if len(name) > 200 or len(attendee) > 100:
        return f"第 {number} 位列席人员：单位不能超过 200 个字，姓名不能超过 100 个字"
    return None


def record_attendance(
    db: Database,
    meeting_id: int,
    rows: Sequence[AttendanceInput],
    *,
    guests: Sequence[GuestInput] | None = None,
) -> MeetingDetail:
    """Record member units' attendance (the units given; others stay as they were).

    ``guests`` (列席), when given, replaces the guest list. Allowed once the notice is
    out and until the minutes are approved. Absent and excused lines keep no attendee.
    """
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, edit=MeetingEdit.ATTENDANCE)
        members = dict(members_on(session, meeting.alliance_id, meeting.starts_at.date()))
        errors: dict[str, str] = {}
        seen: set[int] = set()
        for row in rows:
            key = f"unit_{row.unit_id}"
            if row.unit_id not in members:
                name = session.scalar(select(Unit.name).where(Unit.id == row.unit_id))
                errors[key] = f"“{name or row.unit_id}”不是本联盟在会议当日的成员单位"
            elif row.unit_id in seen:
                errors[key] = f"{members[row.unit_id]}：重复登记"
            elif message := _row_error(row, members[row.unit_id]):
                errors[key] = message
            seen.add(row.unit_id)
        for number, guest in enumerate(guests or (), start=1):
            if message := _guest_error(guest, number):
                errors[f"guest_{number}"] = message
        if errors:
            raise ValidationError(errors)
        stored = {
            a.unit_id: a
            for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
            if a.unit_id is not None
        }
        for row in rows:
            state = AttendanceState(row.state)
            attendee = "" if state in _NOBODY else clean_text(row.attendee)
            line = stored.get(row.unit_id)
            if line is None:
                line = Attendance(meeting_id=meeting_id, unit_id=row.unit_id)
                session.add(line)
            if line.state is not state:
                line.state = state
            if line.attendee != attendee:
                line.attendee = attendee
        if guests is not None:
            _replace_guests(session, meeting_id, guests)
        session.flush()
        return load_detail(session, meeting_id)


def _replace_guests(session: Session, meeting_id: int, guests: Sequence[GuestInput]) -> None:
    """Keep identical lines, delete the rest, add the new ones (a short audit trail)."""
    wanted = [(clean_text(g.name), clean_text(g.attendee)) for g in guests]
    for line in session.scalars(
        select(Attendance)
        .where(Attendance.meeting_id == meeting_id, Attendance.unit_id.is_(None))
        .order_by(Attendance.id)
    ):
        key = (line.guest_name, line.attendee)
        if key in wanted:
            wanted.remove(key)
        else:
            session.delete(line)
    for name, attendee in wanted:
        session.add(
            Attendance(
                meeting_id=meeting_id,
                unit_id=None,
                guest_name=name,
                attendee=attendee,
                state=AttendanceState.PRESENT,
            )
        )


# --- rates -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AttendanceTally:
    counts: dict[AttendanceState, int] = field(default_factory=dict)

    def count(self, state: AttendanceState) -> int:
        return self.counts.get(state, 0)

    @property
    def expected(self) -> int:
        """应到: member units recorded (every member, once a meeting is held)."""
        return sum(self.counts.values())

    @property
    def attended(self) -> int:
        """实到: present or delegated."""
        return self.count(AttendanceState.PRESENT) + self.count(AttendanceState.DELEGATED)

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


@dataclass(frozen=True, slots=True)
class MeetingAttendance:
    meeting: MeetingRow
    tally: AttendanceTally


@dataclass(frozen=True, slots=True)
class UnitAttendance:
    unit_id: int
    unit_name: str
    tally: AttendanceTally
    alliance_names: tuple[str, ...] = ()
    """The alliances whose counted meetings the unit was recorded at."""


@dataclass(frozen=True, slots=True)
class AttendanceRates:
    year: int
    meetings: tuple[MeetingAttendance, ...]
    units: tuple[UnitAttendance, ...]
    """By unit over the same meetings (all alliances the unit attended, unless filtered)."""


def attendance_rates(db: Database, *, alliance_id: int | None = None, year: int) -> AttendanceRates:
    """Attendance of the meetings held in ``year`` (held or approved), per meeting and unit."""
    held = (MeetingState.HELD, MeetingState.APPROVED)
    scope = [
        Meeting.state.in_(held),
        Meeting.starts_at >= datetime(year, 1, 1),
        Meeting.starts_at < datetime(year + 1, 1, 1),
    ]
    if alliance_id is not None:
        scope.append(Meeting.alliance_id == alliance_id)
    counts = (
        select(Attendance.meeting_id, Attendance.unit_id, Attendance.state, func.count())
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.unit_id.is_not(None), *scope)
        .group_by(Attendance.meeting_id, Attendance.unit_id, Attendance.state)
    )
    with db.reading() as session:
        meetings = [
            MeetingRow(*r)
            for r in session.execute(
                meeting_query().where(*scope).order_by(Meeting.starts_at, Meeting.alliance_id)
            )
        ]
        found = session.execute(counts).all()
        names = dict(
            session.execute(
                select(Unit.id, Unit.name).where(Unit.id.in_({r.unit_id for r in found}))
            ).all()
        )
    by_meeting: dict[int, dict[AttendanceState, int]] = defaultdict(lambda: defaultdict(int))
    by_unit: dict[int, dict[AttendanceState, int]] = defaultdict(lambda: defaultdict(int))
    alliance_of = {m.id: m.alliance_name for m in meetings}
    alliances: dict[int, set[str]] = defaultdict(set)
    for meeting_id, unit_id, state, n in found:
        assert unit_id is not None  # guests were filtered out
        by_meeting[meeting_id][state] += n
        by_unit[unit_id][state] += n
        alliances[unit_id].add(alliance_of[meeting_id])
    return AttendanceRates(
        year,
        tuple(MeetingAttendance(m, AttendanceTally(dict(by_meeting[m.id]))) for m in meetings),
        tuple(
            UnitAttendance(
                unit_id,
                names[unit_id],
                AttendanceTally(dict(counts)),
                tuple(sorted(alliances[unit_id])),
            )
            for unit_id, counts in sorted(by_unit.items(), key=lambda kv: names[kv[0]])
        ),
    )
