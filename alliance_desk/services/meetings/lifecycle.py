"""The meeting's steps: notify (agenda frozen), hold, approve minutes (locked), and back.

``core.meetings.states`` decides; this module gathers the facts it looks at, applies the
new state in one transaction and audits the reason of a backward step.
"""

from __future__ import annotations

from datetime import UTC, date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError
from alliance_desk.core.meetings import (
    MeetingFacts,
    MeetingStep,
    check_step,
    default_notice_date,
    notice_date_error,
)
from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import MeetingState
from alliance_desk.services.clock import local_now, local_today
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.common import (
    audit_reason,
    load_meeting,
    load_minutes,
    members_on,
)
from alliance_desk.services.meetings.reading import load_detail
from alliance_desk.services.meetings.records import MeetingDetail, MeetingEvent
from alliance_desk.storage.models import AgendaItem, Attendance, AuditEntry, Decision, Meeting


def notify(db: Database, meeting_id: int, *, expected_version: int | None = None) -> MeetingDetail:
    """Draft → notified: the agenda, time and place are frozen for the printed notice."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, expected_version)
        items = session.scalar(
            select(func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
        )
        facts = MeetingFacts(
            meeting.state, agenda_items=items or 0, place=meeting.place, starts_at=meeting.starts_at
        )
        meeting.state = check_step(MeetingStep.NOTIFY, facts)
        if meeting.notice_issued_on is None:
            meeting.notice_issued_on = default_notice_date(local_today(), meeting.starts_at.date())
        session.flush()
        return load_detail(session, meeting_id)


def issue_notice(db: Database, meeting_id: int, *, today: date | None = None) -> MeetingDetail:
    """The meeting with its notice's 发文日期, storing today's (or the meeting day's, for a
    meeting already past) if the notice has none yet: called before the notice is printed,
    so every later print carries the same date."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        if meeting.notice_issued_on is None:
            meeting.notice_issued_on = default_notice_date(
                today or local_today(), meeting.starts_at.date()
            )
            session.flush()
        return load_detail(session, meeting_id)


def set_notice_date(
    db: Database, meeting_id: int, issued_on: date, *, expected_version: int
) -> MeetingDetail:
    """The clerk changes the notice's 发文日期 (never after the meeting day)."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, expected_version)
        error = notice_date_error(issued_on, meeting.starts_at.date())
        if error:
            raise DomainError(error, field="notice_issued_on")
        meeting.notice_issued_on = issued_on
        session.flush()
        return load_detail(session, meeting_id)


def withdraw_notice(
    db: Database, meeting_id: int, *, reason: str, expected_version: int | None = None
) -> MeetingDetail:
    """Notified → draft, to change the agenda, time or place; the reason is audited."""
    return _back(db, meeting_id, MeetingStep.WITHDRAW, reason, expected_version)


def hold_meeting(
    db: Database,
    meeting_id: int,
    *,
    today: date | None = None,
    expected_version: int | None = None,
) -> MeetingDetail:
    """Notified → held, once every member unit's attendance is recorded; minutes open."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, expected_version)
        facts = MeetingFacts(
            meeting.state,
            starts_at=meeting.starts_at,
            today=today or local_today(),
            members_without_attendance=_unrecorded(session, meeting),
        )
        meeting.state = check_step(MeetingStep.HOLD, facts)
        load_minutes(session, meeting)
        session.flush()
        return load_detail(session, meeting_id)


def _unrecorded(session: Session, meeting: Meeting) -> tuple[str, ...]:
    recorded = set(
        session.scalars(
            select(Attendance.unit_id).where(
                Attendance.meeting_id == meeting.id, Attendance.unit_id.is_not(None)
            )
        )
    )
    members = members_on(session, meeting.alliance_id, meeting.starts_at.date())
    return tuple(name for unit_id, name in members if unit_id not in recorded)


def approve_minutes(
    db: Database,
    meeting_id: int,
    *,
    approved_by: str,
    expected_version: int | None = None,
) -> MeetingDetail:
    """Held → approved: the minutes are locked. ``expected_version`` is the minutes'."""
    who = clean_text(approved_by)
    if not who:
        raise DomainError("请填写审定人。", field="approved_by")
    if len(who) > 100:
        raise DomainError("审定人不能超过 100 个字。", field="approved_by")
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        minutes = load_minutes(session, meeting)
        if expected_version is not None and minutes.version != expected_version:
            raise ConflictError(f"第{meeting.sequence_no}次会议纪要")
        contents = session.scalars(
            select(Decision.content)
            .where(Decision.minutes_id == minutes.id)
            .order_by(Decision.position, Decision.id)
        ).all()
        facts = MeetingFacts(
            meeting.state,
            minutes_summary=minutes.summary,
            blank_decisions=tuple(i for i, c in enumerate(contents, start=1) if not c.strip()),
        )
        meeting.state = check_step(MeetingStep.APPROVE, facts)
        minutes.approved_at = local_now()
        minutes.approved_by = who
        session.flush()
        return load_detail(session, meeting_id)


def reopen_minutes(
    db: Database, meeting_id: int, *, reason: str, expected_version: int | None = None
) -> MeetingDetail:
    """Approved → held: the minutes can be edited again; the reason is audited."""
    return _back(db, meeting_id, MeetingStep.REOPEN, reason, expected_version)


def _back(
    db: Database, meeting_id: int, step: MeetingStep, reason: str, expected_version: int | None
) -> MeetingDetail:
    text = reason.strip()
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, expected_version)
        meeting.state = check_step(step, MeetingFacts(meeting.state), reason=text)
        if step is MeetingStep.REOPEN:
            minutes = load_minutes(session, meeting)
            minutes.approved_at = None
            minutes.approved_by = ""
        audit_reason(session, meeting, step, text)
        return load_detail(session, meeting_id)


def meeting_history(db: Database, meeting_id: int) -> list[MeetingEvent]:
    """The meeting's changes of state, oldest first, with the reasons of backward steps."""
    with db.reading() as session:
        if session.get(Meeting, meeting_id) is None:
            raise NotFoundError("该会议不存在，可能已被他人删除。")
        entries = session.execute(
            select(AuditEntry.at, AuditEntry.actor, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity == Meeting.__tablename__, AuditEntry.entity_id == meeting_id)
            .order_by(AuditEntry.id)
        ).all()
    events: list[MeetingEvent] = []
    for at, actor, before, after in entries:
        after = after or {}
        if "state" in after:
            old = (before or {}).get("state")
            events.append(
                MeetingEvent(
                    at.replace(tzinfo=UTC),
                    actor,
                    MeetingState(old) if old else None,
                    MeetingState(after["state"]),
                )
            )
        elif "reason" in after and events:
            last = events[-1]
            events[-1] = MeetingEvent(last.at, last.actor, last.before, last.after, after["reason"])
    return events
