"""议程: add, edit, delete and reorder items while the meeting is a draft; suggestions.

When a meeting is created the clerk is *offered* (``suggested_items``), not given:
the review of open commitments (上次议定事项落实情况) and the items the previous
meeting did not reach. Accepting one is ``add_agenda_items([suggestion.item])``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.commitments import OPEN_STATES
from alliance_desk.core.errors import ConflictError, NotFoundError, ValidationError
from alliance_desk.core.meetings import MeetingEdit, minutes_error
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, required_error
from alliance_desk.core.vocab import AgendaKind, AgendaOrigin, MeetingState
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.common import load_item, load_meeting, touch
from alliance_desk.services.meetings.inputs import AgendaInput
from alliance_desk.services.meetings.reading import commitment_query, load_detail
from alliance_desk.services.meetings.records import (
    AgendaSuggestion,
    CommitmentRow,
    MeetingDetail,
)
from alliance_desk.storage.models import AgendaItem, Commitment, Meeting, Unit

ACTION_REVIEW_TITLE = "上次议定事项落实情况"
ACTION_REVIEW_MINUTES = 15


def validate_item(data: AgendaInput) -> dict[str, str]:
    errors = {
        "title": required_error(data.title, "议题")
        or length_error(clean_text(data.title), "议题", 500),
        "kind": None if data.kind in AgendaKind._value2member_map_ else "请选择议题类别",
        "minutes_allotted": minutes_error(data.minutes_allotted),
        "origin": None if data.origin in AgendaOrigin._value2member_map_ else "议题来源不正确",
    }
    return {k: v for k, v in errors.items() if v}


def _check(session: Session, data: AgendaInput, position: int | None = None) -> None:
    errors = validate_item(data)
    if data.presenter_unit_id is not None and session.get(Unit, data.presenter_unit_id) is None:
        errors["presenter_unit_id"] = "汇报单位不存在，可能已被删除"
    if errors:
        if position is not None:
            errors = {k: f"第 {position} 项：{v}" for k, v in errors.items()}
        raise ValidationError(errors)


def _apply(item: AgendaItem, data: AgendaInput) -> None:
    item.title = clean_text(data.title)
    item.kind = AgendaKind(data.kind)
    item.presenter_unit_id = data.presenter_unit_id
    item.minutes_allotted = data.minutes_allotted
    item.origin = AgendaOrigin(data.origin)


def add_agenda_items(db: Database, meeting_id: int, items: Sequence[AgendaInput]) -> MeetingDetail:
    """Append items at the end of a draft's agenda, in the order given; all or none."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, edit=MeetingEdit.AGENDA)
        last = session.scalar(
            select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
        )
        for offset, data in enumerate(items, start=1):
            _check(session, data, offset if len(items) > 1 else None)
            item = AgendaItem(meeting_id=meeting_id, position=(last or 0) + offset)
            _apply(item, data)
            session.add(item)
        touch(meeting)
        session.flush()
        return load_detail(session, meeting_id)


def update_agenda_item(
    db: Database, item_id: int, data: AgendaInput, *, expected_version: int
) -> MeetingDetail:
    with db.transaction() as session:
        item = load_item(session, item_id, expected_version)
        meeting = load_meeting(session, item.meeting_id, edit=MeetingEdit.AGENDA)
        _check(session, data)
        _apply(item, data)
        touch(meeting)
        session.flush()
        return load_detail(session, item.meeting_id)


def delete_agenda_item(db: Database, item_id: int, *, expected_version: int) -> MeetingDetail:
    """Delete an item; the ones after it move up."""
    with db.transaction() as session:
        item = load_item(session, item_id, expected_version)
        meeting = load_meeting(session, item.meeting_id, edit=MeetingEdit.AGENDA)
        session.delete(item)
        session.flush()
        _renumber(session, meeting.id, None)
        touch(meeting)
        session.flush()
        return load_detail(session, meeting.id)


def reorder_agenda(db: Database, meeting_id: int, item_ids: Sequence[int]) -> MeetingDetail:
    """Put a draft's items in the order given (every item, once); others' edits refuse it."""
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, edit=MeetingEdit.AGENDA)
        _renumber(session, meeting_id, item_ids)
        touch(meeting)
        session.flush()
        return load_detail(session, meeting_id)


def _renumber(session: Session, meeting_id: int, order: Sequence[int] | None) -> None:
    items = {
        i.id: i
        for i in session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    }
    if order is None:
        order = list(items)
    elif len(order) != len(items) or set(order) != set(items):
        raise ConflictError("议程")
    for position, item_id in enumerate(order, start=1):
        if items[item_id].position != position:
            items[item_id].position = position


# --- suggestions ---------------------------------------------------------------------------
def suggested_items(
    db: Database, meeting_id: int, *, today: date | None = None
) -> list[AgendaSuggestion]:
    """What to offer for a draft's agenda; what its agenda already holds is left out."""
    with db.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError("该会议不存在，可能已被他人删除。")
        if meeting.state is not MeetingState.DRAFT:
            return []
        return list(suggestions_for(session, meeting, today or local_today()))


def suggestions_for(
    session: Session, meeting: Meeting, today: date
) -> tuple[AgendaSuggestion, ...]:
    present = session.execute(
        select(AgendaItem.origin, AgendaItem.title).where(AgendaItem.meeting_id == meeting.id)
    ).all()
    found: list[AgendaSuggestion] = []
    if not any(origin is AgendaOrigin.ACTION_REVIEW for origin, _title in present):
        review = _action_review(session, meeting, today)
        if review is not None:
            found.append(review)
    titles = {title for _origin, title in present}
    found.extend(s for s in _carried_over(session, meeting) if s.item.title not in titles)
    return tuple(found)


def _action_review(session: Session, meeting: Meeting, today: date) -> AgendaSuggestion | None:
    rows = [
        CommitmentRow(*r)
        for r in session.execute(
            commitment_query()
            .where(
                Commitment.alliance_id == meeting.alliance_id,
                Commitment.state.in_(OPEN_STATES),
            )
            .order_by(Commitment.due_on, Commitment.id)
        )
    ]
    if not rows:
        return None
    overdue = [r for r in rows if r.overdue(today)]
    ordered = tuple(overdue + [r for r in rows if not r.overdue(today)])
    reason = f"本联盟有 {len(rows)} 项承诺尚未履行" + (
        f"，其中 {len(overdue)} 项已逾期" if overdue else ""
    )
    item = AgendaInput(
        title=ACTION_REVIEW_TITLE,
        kind=AgendaKind.BRIEFING,
        presenter_unit_id=meeting.host_unit_id,
        minutes_allotted=ACTION_REVIEW_MINUTES,
        origin=AgendaOrigin.ACTION_REVIEW,
    )
    return AgendaSuggestion(item, reason + "。", ordered, len(overdue))


def _carried_over(session: Session, meeting: Meeting) -> list[AgendaSuggestion]:
    previous = session.scalar(
        select(Meeting).where(
            Meeting.alliance_id == meeting.alliance_id,
            Meeting.sequence_no == meeting.sequence_no - 1,
            Meeting.state.in_((MeetingState.HELD, MeetingState.APPROVED)),
        )
    )
    if previous is None:
        return []
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == previous.id, AgendaItem.reached.is_(False))
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    reason = f"第{previous.sequence_no}次会议未议及。"
    return [
        AgendaSuggestion(
            AgendaInput(
                title=i.title,
                kind=i.kind,
                presenter_unit_id=i.presenter_unit_id,
                minutes_allotted=i.minutes_allotted,
                origin=AgendaOrigin.CARRIED_OVER,
            ),
            reason,
        )
        for i in items
    ]
