"""Shared steps of the meeting services: loading with a version check, the members of an
alliance on a day, the workday calendar, the numbering lock and the audit of reasons."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from alliance_desk.core.errors import DomainError, NotFoundError
from alliance_desk.core.meetings import MeetingEdit, MeetingStep, WorkdayCalendar, require_edit
from alliance_desk.core.meetings.workdays import Override
from alliance_desk.core.vocab import AuditAction
from alliance_desk.services.editing import load_for_edit
from alliance_desk.storage.models import (
    AgendaItem,
    Alliance,
    AuditEntry,
    CalendarDay,
    Meeting,
    Membership,
    Minutes,
    Unit,
)


def load_meeting(
    session: Session,
    meeting_id: int,
    expected_version: int | None = None,
    *,
    edit: MeetingEdit | None = None,
) -> Meeting:
    """The meeting, refused when it is gone, stale, or not editable that way now."""
    meeting = load_for_edit(
        session,
        Meeting,
        meeting_id,
        expected_version,
        missing="该会议不存在，可能已被他人删除。",
        what=lambda row: f"第{row.sequence_no}次会议",
    )
    if edit is not None:
        require_edit(meeting.state, edit)
    return meeting


def load_item(session: Session, item_id: int, expected_version: int) -> AgendaItem:
    return load_for_edit(
        session,
        AgendaItem,
        item_id,
        expected_version,
        missing="该议题不存在，可能已被他人删除。",
        what=lambda row: f"议题“{row.title}”",
    )


def load_minutes(session: Session, meeting: Meeting) -> Minutes:
    minutes = session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))
    if minutes is None:  # a held meeting always has one; be forgiving with older rows
        minutes = Minutes(meeting_id=meeting.id, summary="")
        session.add(minutes)
        session.flush()
    return minutes


def current_membership(on: date) -> ColumnElement[bool]:
    return (Membership.joined_on <= on) & (
        (Membership.left_on.is_(None)) | (Membership.left_on >= on)
    )


def members_on(session: Session, alliance_id: int, on: date) -> list[tuple[int, str]]:
    """(unit id, name) of the alliance's members on ``on``, in rotation order, once each."""
    rows = session.execute(
        select(Unit.id, Unit.name)
        .join(Membership, Membership.unit_id == Unit.id)
        .where(Membership.alliance_id == alliance_id, current_membership(on))
        .order_by(Membership.rotation_order, Membership.id)
    ).all()
    return list(dict.fromkeys((unit_id, name) for unit_id, name in rows))


def require_member(session: Session, alliance_id: int, unit_id: int, on: date, role: str) -> str:
    """The unit's name; ``DomainError`` when it is not a member of the alliance on ``on``."""
    name = session.scalar(select(Unit.name).where(Unit.id == unit_id))
    if name is None:
        raise NotFoundError(f"{role}不存在，可能已被删除，请刷新后重试。")
    if dict(members_on(session, alliance_id, on)).get(unit_id) is None:
        raise DomainError(f"{role}“{name}”在 {on:%Y-%m-%d} 不是本联盟成员单位。")
    return name


def unit_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(wanted))).all())


def load_alliance(session: Session, alliance_id: int) -> Alliance:
    alliance = session.get(Alliance, alliance_id)
    if alliance is None:
        raise NotFoundError("该联盟不存在，可能已被删除。")
    return alliance


def touch(row: Meeting | Minutes | AgendaItem) -> None:
    """Make the row dirty so its version moves on even when only its children changed.

    The new time can equal the stored one (same second), so the attribute is flagged too:
    the UPDATE, and with it the version bump, happens either way. The audit hook skips
    ``updated_at``, so a touch alone leaves no audit entry.
    """
    row.updated_at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    flag_modified(row, "updated_at")


# --- calendar ------------------------------------------------------------------------------
def load_overrides(session: Session) -> dict[date, Override]:
    """The clerk's entered holidays / adjusted working days (系统 page), in one query.

    They win over the ``chinesecalendar`` package and the weekday rule.
    """
    rows = session.execute(select(CalendarDay.day, CalendarDay.is_workday, CalendarDay.name))
    return {day: (is_workday, name) for day, is_workday, name in rows}


def calendar(session: Session) -> WorkdayCalendar:
    return WorkdayCalendar(load_overrides(session))


# --- numbering lock ------------------------------------------------------------------------
def lock_numbering(session: Session, alliance_id: int) -> None:
    """Serialise the writers that number this alliance's meetings, until commit.

    Must be the transaction's first statement. PostgreSQL: a row lock on the alliance
    (``FOR NO KEY UPDATE`` does not block inserts that merely reference it). SQLite: an
    UPDATE that matches nothing still takes the database's write lock, so a second
    writer waits (busy timeout) instead of failing on a stale snapshot.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE meeting SET sequence_no = sequence_no WHERE 1 = 0"))
        return
    session.execute(
        select(Alliance.id).where(Alliance.id == alliance_id).with_for_update(key_share=True)
    )


# --- reasons in the audit trail --------------------------------------------------------------
def audit_reason(session: Session, meeting: Meeting, step: MeetingStep, reason: str) -> None:
    """Record why a step went backwards, next to the hook's entry for the state change.

    The hook records what changed (the state); there is no column for the reason, so
    it gets an entry of its own on the same meeting: ``after = {"step", "reason"}``.
    """
    session.flush()
    session.add(
        AuditEntry(
            at=datetime.now(UTC).replace(tzinfo=None),
            actor=str(session.info.get("actor", ""))[:100],
            entity=Meeting.__tablename__,
            entity_id=meeting.id,
            action=AuditAction.UPDATE,
            before=None,
            after={"step": step.value, "reason": reason},
        )
    )
    session.flush()
