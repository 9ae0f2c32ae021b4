"""Reading meetings: the list, one meeting in full, and each alliance's next meeting."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.errors import NotFoundError
from alliance_desk.core.meetings import AgendaTiming, agenda_timing
from alliance_desk.core.vocab import MeetingState
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.common import calendar, members_on
from alliance_desk.services.meetings.records import (
    AgendaSlot,
    AttendanceRow,
    CommitmentRow,
    DecisionRow,
    GuestRow,
    MeetingDetail,
    MeetingRow,
    MinutesRow,
)
from alliance_desk.storage.models import (
    AgendaItem,
    Alliance,
    Attendance,
    Commitment,
    Decision,
    Meeting,
    Minutes,
    Unit,
)

_MEETING_COLUMNS = (
    Meeting.id,
    Meeting.alliance_id,
    Alliance.name,
    Meeting.sequence_no,
    Meeting.starts_at,
    Meeting.place,
    Meeting.host_unit_id,
    func.coalesce(Unit.name, ""),
    Meeting.state,
    Meeting.version,
)


def meeting_query() -> Select[*tuple[Any, ...]]:
    agenda_count = (
        select(func.count(AgendaItem.id))
        .where(AgendaItem.meeting_id == Meeting.id)
        .scalar_subquery()
    )
    return (
        select(*_MEETING_COLUMNS, agenda_count)
        .join(Alliance, Alliance.id == Meeting.alliance_id)
        .outerjoin(Unit, Unit.id == Meeting.host_unit_id)
    )


def list_meetings(
    db: Database, *, alliance_id: int | None = None, year: int | None = None
) -> list[MeetingRow]:
    """Meetings in time order (then alliance and number), optionally of one alliance / year."""
    query = meeting_query().order_by(Meeting.starts_at, Meeting.alliance_id, Meeting.sequence_no)
    if alliance_id is not None:
        query = query.where(Meeting.alliance_id == alliance_id)
    if year is not None:
        query = query.where(
            Meeting.starts_at >= datetime(year, 1, 1), Meeting.starts_at < datetime(year + 1, 1, 1)
        )
    with db.reading() as session:
        return [MeetingRow(*row) for row in session.execute(query)]


def get_meeting(db: Database, meeting_id: int) -> MeetingDetail:
    with db.reading() as session:
        return load_detail(session, meeting_id)


def load_detail(session: Session, meeting_id: int) -> MeetingDetail:
    row = session.execute(meeting_query().where(Meeting.id == meeting_id)).first()
    if row is None:
        raise NotFoundError("该会议不存在，可能已被他人删除。")
    meeting = MeetingRow(*row)
    host_note, contact, notice_issued_on = session.execute(
        select(Meeting.host_note, Meeting.contact, Meeting.notice_issued_on).where(
            Meeting.id == meeting_id
        )
    ).one()
    agenda, timing = _agenda(session, meeting)
    attendance, guests = _attendance(session, meeting)
    minutes, decisions = _minutes(session, meeting_id)
    return MeetingDetail(
        meeting=meeting,
        host_note=host_note,
        contact=contact,
        day=calendar(session).day_kind(meeting.starts_at.date()),
        timing=timing,
        agenda=agenda,
        attendance=attendance,
        guests=guests,
        minutes=minutes,
        decisions=decisions,
        notice_issued_on=notice_issued_on,
    )


def _agenda(session: Session, meeting: MeetingRow) -> tuple[tuple[AgendaSlot, ...], AgendaTiming]:
    rows = session.execute(
        select(
            AgendaItem.id,
            AgendaItem.position,
            AgendaItem.title,
            AgendaItem.kind,
            AgendaItem.presenter_unit_id,
            func.coalesce(Unit.name, ""),
            AgendaItem.minutes_allotted,
            AgendaItem.origin,
            AgendaItem.summary,
            AgendaItem.reached,
            AgendaItem.version,
        )
        .outerjoin(Unit, Unit.id == AgendaItem.presenter_unit_id)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    timing = agenda_timing(meeting.starts_at, [r.minutes_allotted for r in rows])
    slots = tuple(
        AgendaSlot(*r, start=slot.start, end=slot.end)
        for r, slot in zip(rows, timing.slots, strict=True)
    )
    return slots, timing


def _attendance(
    session: Session, meeting: MeetingRow
) -> tuple[tuple[AttendanceRow, ...], tuple[GuestRow, ...]]:
    recorded = session.execute(
        select(
            Attendance.id,
            Attendance.unit_id,
            func.coalesce(Unit.name, ""),
            Attendance.guest_name,
            Attendance.attendee,
            Attendance.state,
            Attendance.version,
        )
        .outerjoin(Unit, Unit.id == Attendance.unit_id)
        .where(Attendance.meeting_id == meeting.id)
        .order_by(Attendance.id)
    ).all()
    by_unit = {r.unit_id: r for r in recorded if r.unit_id is not None}
    rows: list[AttendanceRow] = []
    for unit_id, name in members_on(session, meeting.alliance_id, meeting.starts_at.date()):
        r = by_unit.pop(unit_id, None)
        if r is None:
            rows.append(AttendanceRow(unit_id, name, None))
        else:
            rows.append(AttendanceRow(unit_id, name, r.state, r.attendee, True, r.id, r.version))
    for r in by_unit.values():
        rows.append(AttendanceRow(r.unit_id, r[2], r.state, r.attendee, False, r.id, r.version))
    guests = tuple(
        GuestRow(r.id, r.guest_name, r.attendee, r.version) for r in recorded if r.unit_id is None
    )
    return tuple(rows), guests


def _minutes(
    session: Session, meeting_id: int
) -> tuple[MinutesRow | None, tuple[DecisionRow, ...]]:
    row = session.execute(
        select(
            Minutes.id, Minutes.summary, Minutes.approved_at, Minutes.approved_by, Minutes.version
        ).where(Minutes.meeting_id == meeting_id)
    ).first()
    if row is None:
        return None, ()
    minutes = MinutesRow(*row)
    decisions = session.execute(
        select(Decision.id, Decision.position, Decision.content, Decision.version)
        .where(Decision.minutes_id == minutes.id)
        .order_by(Decision.position, Decision.id)
    ).all()
    commitments = commitment_rows(session, [d.id for d in decisions])
    return minutes, tuple(DecisionRow(*d, commitments=tuple(commitments[d.id])) for d in decisions)


def commitment_query() -> Select[*tuple[Any, ...]]:
    promisor, promisee = aliased(Unit), aliased(Unit)
    return (
        select(
            Commitment.id,
            Commitment.promisor_unit_id,
            promisor.name,
            Commitment.promisee_unit_id,
            promisee.name,
            Commitment.direction,
            Commitment.content,
            Commitment.category,
            Commitment.made_on,
            Commitment.due_on,
            Commitment.state,
            Commitment.version,
            Commitment.source_decision_id,
        )
        .join(promisor, promisor.id == Commitment.promisor_unit_id)
        .join(promisee, promisee.id == Commitment.promisee_unit_id)
    )


def commitment_rows(session: Session, decision_ids: list[int]) -> dict[int, list[CommitmentRow]]:
    found: dict[int, list[CommitmentRow]] = defaultdict(list)
    if decision_ids:
        query = commitment_query().where(Commitment.source_decision_id.in_(decision_ids))
        for r in session.execute(query.order_by(Commitment.id)):
            found[r.source_decision_id].append(CommitmentRow(*r))
    return found


def next_meeting_by_alliance(db: Database, today: date) -> dict[int, str]:
    """alliance id → its next meeting for the alliance list, e.g. ``11-20 09:00 第3次（已通知）``.

    The earliest meeting not yet held; one dated before ``today`` still waits for its
    attendance to be recorded and says so.
    """
    pending = (MeetingState.DRAFT, MeetingState.NOTIFIED)
    first = (
        select(Meeting.alliance_id, func.min(Meeting.sequence_no).label("number"))
        .where(Meeting.state.in_(pending))
        .group_by(Meeting.alliance_id)
        .subquery()
    )
    query = select(Meeting.alliance_id, Meeting.sequence_no, Meeting.starts_at, Meeting.state).join(
        first,
        (first.c.alliance_id == Meeting.alliance_id) & (first.c.number == Meeting.sequence_no),
    )
    with db.reading() as session:
        found = session.execute(query).all()
    labels: dict[int, str] = {}
    for alliance_id, number, starts_at, state in found:
        late = "，待登记召开情况" if starts_at.date() < today else ""
        year = "" if starts_at.year == today.year else f"{starts_at.year}-"
        labels[alliance_id] = f"{year}{starts_at:%m-%d %H:%M} 第{number}次（{state.label}{late}）"
    return labels
