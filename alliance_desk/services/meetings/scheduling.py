"""Scheduling a joint meeting: number, time, place, host; changing and deleting a draft.

Numbers (第 N 次) follow time: a new meeting gets the alliance's next number and may not
be dated before its latest one, a draft may not move past its neighbours, and only the
latest meeting may be deleted, so numbers never have gaps or duplicates. Two clerks
scheduling at once are serialised by ``lock_numbering``; the unique constraint on
(alliance, number) is the last guard.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.meetings import DayKind, MeetingEdit
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.agenda import suggestions_for
from alliance_desk.services.meetings.common import (
    calendar,
    load_alliance,
    load_meeting,
    lock_numbering,
    require_member,
)
from alliance_desk.services.meetings.reading import load_detail
from alliance_desk.services.meetings.records import ScheduleResult
from alliance_desk.services.rotation import chair_on
from alliance_desk.storage.models import AgendaItem, Meeting


def _details_errors(place: str, contact: str, host_note: str) -> None:
    errors = {
        "place": length_error(clean_text(place), "会议地点", 200),
        "contact": length_error(clean_text(contact), "联系人及电话", 100),
        "host_note": length_error(clean_text(host_note), "主持单位说明", 2000, multiline=True),
    }
    found = {k: v for k, v in errors.items() if v}
    if found:
        raise ValidationError(found)


def _minute(value: datetime) -> datetime:
    return value.replace(second=0, microsecond=0)


def _day(db: Database, starts_at: datetime) -> DayKind:
    with db.reading() as session:
        return calendar(session).day_kind(starts_at.date())


def _host(
    session: Session, alliance_id: int, on: date, host_unit_id: int | None, host_note: str
) -> int | None:
    """The chair unit of ``on`` unless another member is chosen, which needs a note."""
    default = chair_on(session, alliance_id, on)
    if host_unit_id is None or host_unit_id == default:
        return default
    require_member(session, alliance_id, host_unit_id, on, "主持单位")
    if default is not None and not clean_text(host_note):
        raise ValidationError({"host_note": "主持单位不是当期轮值主席单位，请填写说明。"})
    return host_unit_id


def _neighbour(session: Session, alliance_id: int, number: int) -> Meeting | None:
    return session.scalar(
        select(Meeting).where(Meeting.alliance_id == alliance_id, Meeting.sequence_no == number)
    )


def _refuse_before(previous: Meeting) -> None:
    raise DomainError(
        f"会议时间不能早于本联盟第{previous.sequence_no}次会议"
        f"（{previous.starts_at:%Y-%m-%d %H:%M}）：会议按时间先后编号。",
        field="starts_at",
    )


def schedule_meeting(
    db: Database,
    *,
    alliance_id: int,
    starts_at: datetime,
    place: str = "",
    host_unit_id: int | None = None,
    host_note: str = "",
    contact: str = "",
    confirm_non_working_day: bool = False,
    today: date | None = None,
) -> ScheduleResult:
    """Create the alliance's next meeting as a draft; see ``ScheduleResult``.

    On a non-working day nothing is saved unless ``confirm_non_working_day``: the result
    says ``needs_confirmation`` and the UI asks. The created meeting comes back with the
    agenda items the clerk may accept (action review, items carried over).
    """
    _details_errors(place, contact, host_note)
    starts_at = _minute(starts_at)
    day = _day(db, starts_at)
    if not day.is_workday and not confirm_non_working_day:
        return ScheduleResult(None, day, needs_confirmation=True)
    with db.transaction() as session:
        lock_numbering(session, alliance_id)
        alliance = load_alliance(session, alliance_id)
        if not alliance.active:
            raise DomainError(f"联盟“{alliance.name}”已停用，不能安排会议。")
        last_number = session.scalar(
            select(func.max(Meeting.sequence_no)).where(Meeting.alliance_id == alliance_id)
        )
        previous = _neighbour(session, alliance_id, last_number) if last_number else None
        if previous is not None and starts_at < previous.starts_at:
            _refuse_before(previous)
        meeting = Meeting(
            alliance_id=alliance_id,
            sequence_no=(last_number or 0) + 1,
            starts_at=starts_at,
            place=clean_text(place),
            host_unit_id=_host(session, alliance_id, starts_at.date(), host_unit_id, host_note),
            host_note=clean_text(host_note),
            contact=clean_text(contact),
        )
        session.add(meeting)
        session.flush()
        suggestions = suggestions_for(session, meeting, today or local_today())
        detail = load_detail(session, meeting.id)
    return ScheduleResult(detail, day, suggestions=suggestions)


def update_meeting(
    db: Database,
    meeting_id: int,
    *,
    starts_at: datetime,
    place: str,
    host_unit_id: int | None = None,
    host_note: str = "",
    contact: str = "",
    confirm_non_working_day: bool = False,
    expected_version: int,
) -> ScheduleResult:
    """Change a draft's time, place, host or contact (a notified meeting: withdraw first).

    ``host_unit_id=None`` means the chair of the (new) date. Moving the meeting to
    another non-working day asks again, like scheduling.
    """
    _details_errors(place, contact, host_note)
    starts_at = _minute(starts_at)
    day = _day(db, starts_at)
    with db.reading() as session:
        old = load_meeting(session, meeting_id).starts_at
    if not day.is_workday and old.date() != starts_at.date() and not confirm_non_working_day:
        return ScheduleResult(None, day, needs_confirmation=True)
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, expected_version, edit=MeetingEdit.DETAILS)
        previous = _neighbour(session, meeting.alliance_id, meeting.sequence_no - 1)
        if previous is not None and starts_at < previous.starts_at:
            _refuse_before(previous)
        following = _neighbour(session, meeting.alliance_id, meeting.sequence_no + 1)
        if following is not None and starts_at > following.starts_at:
            raise DomainError(
                f"会议时间不能晚于本联盟第{following.sequence_no}次会议"
                f"（{following.starts_at:%Y-%m-%d %H:%M}）：会议按时间先后编号。",
                field="starts_at",
            )
        host = _host(session, meeting.alliance_id, starts_at.date(), host_unit_id, host_note)
        meeting.starts_at = starts_at
        meeting.place = clean_text(place)
        meeting.host_unit_id = host
        meeting.host_note = clean_text(host_note)
        meeting.contact = clean_text(contact)
        session.flush()
        detail = load_detail(session, meeting_id)
    return ScheduleResult(detail, day)


def delete_meeting(db: Database, meeting_id: int, *, expected_version: int) -> None:
    """Delete a draft; only the alliance's latest meeting, so no number is left out."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, expected_version, edit=MeetingEdit.DELETE)
        last = session.scalar(
            select(func.max(Meeting.sequence_no)).where(Meeting.alliance_id == meeting.alliance_id)
        )
        if meeting.sequence_no != last:
            raise DomainError(f"只能删除本联盟最近一次会议（第{last}次），以免会议编号出现空缺。")
        for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)):
            session.delete(item)
        session.flush()
        session.delete(meeting)
