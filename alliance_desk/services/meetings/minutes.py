"""会议纪要: autosaved drafts, decisions (议定事项), and the lock that approval puts on them.

``save_minutes_draft`` is built for an editor that saves as the clerk types: it writes
only what changed, writes nothing (and refuses nothing) when what is submitted is
already stored (a retried save whose answer was lost), keeps the text exactly as typed,
and moves the minutes' version on with every real change so that another clerk's stale
editor is refused (``ConflictError``) instead of overwriting.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.meetings import MeetingEdit, require_edit
from alliance_desk.services.database import Database
from alliance_desk.services.meetings.common import load_meeting, load_minutes, touch
from alliance_desk.services.meetings.inputs import DecisionInput
from alliance_desk.services.meetings.reading import load_detail
from alliance_desk.services.meetings.records import MeetingDetail, MinutesSaved
from alliance_desk.storage.models import AgendaItem, Commitment, Decision, Meeting, Minutes

TEXT_LIMIT = 50_000


def _length_errors(
    summary: str, item_summaries: Mapping[int, str], decisions: Sequence[DecisionInput]
) -> None:
    errors: dict[str, str] = {}
    if len(summary) > TEXT_LIMIT:
        errors["summary"] = f"纪要概述不能超过 {TEXT_LIMIT} 个字"
    for item_id, text in item_summaries.items():
        if len(text) > TEXT_LIMIT:
            errors[f"item_{item_id}"] = f"议题纪要不能超过 {TEXT_LIMIT} 个字"
    for position, decision in enumerate(decisions, start=1):
        if len(decision.content) > TEXT_LIMIT:
            errors[f"decision_{position}"] = f"第 {position} 项议定事项不能超过 {TEXT_LIMIT} 个字"
    if errors:
        raise ValidationError(errors)


def _same_decisions(stored: Sequence[Decision], wanted: Sequence[DecisionInput]) -> bool:
    return len(stored) == len(wanted) and all(
        w.id in (None, s.id) and w.content == s.content for s, w in zip(stored, wanted, strict=True)
    )


def save_minutes_draft(
    db: Database,
    meeting_id: int,
    *,
    summary: str,
    item_summaries: Mapping[int, str],
    decisions: Sequence[DecisionInput],
    expected_version: int,
    not_reached: Collection[int] | None = None,
) -> MinutesSaved:
    """Store the editor's whole state: summary, per-item summaries, decisions in order.

    ``item_summaries`` maps agenda item id → text (items not named keep theirs);
    ``not_reached``, when given, is the set of items the meeting did not get to (they
    are offered for carrying over next time). Decisions missing from ``decisions`` are
    deleted, unless commitments were made from them.
    """
    _length_errors(summary, item_summaries, decisions)
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id)
        minutes = session.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))
        if minutes is None:
            require_edit(meeting.state, MeetingEdit.MINUTES)
            minutes = load_minutes(session, meeting)
        items = {
            i.id: i
            for i in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
        }
        if not set(item_summaries) <= set(items) or not set(not_reached or ()) <= set(items):
            raise ConflictError("议程")
        stored = list(
            session.scalars(
                select(Decision)
                .where(Decision.minutes_id == minutes.id)
                .order_by(Decision.position, Decision.id)
            )
        )
        unchanged = (
            minutes.summary == summary
            and all(items[i].summary == text for i, text in item_summaries.items())
            and (
                not_reached is None
                or all(item.reached == (i not in not_reached) for i, item in items.items())
            )
            and _same_decisions(stored, decisions)
        )
        if unchanged:
            return MinutesSaved(minutes.version, tuple(d.id for d in stored), changed=False)
        require_edit(meeting.state, MeetingEdit.MINUTES)
        if minutes.version != expected_version:
            raise ConflictError(f"第{meeting.sequence_no}次会议纪要")
        if minutes.summary != summary:
            minutes.summary = summary
        for item_id, text in item_summaries.items():
            if items[item_id].summary != text:
                items[item_id].summary = text
        if not_reached is not None:
            for item_id, item in items.items():
                if item.reached != (item_id not in not_reached):
                    item.reached = item_id not in not_reached
        touch(minutes)
        ids = _store_decisions(session, minutes, stored, decisions)
        return MinutesSaved(minutes.version, ids, changed=True)


def _store_decisions(
    session: Session, minutes: Minutes, stored: list[Decision], wanted: Sequence[DecisionInput]
) -> tuple[int, ...]:
    by_id = {d.id: d for d in stored}
    kept = {w.id for w in wanted if w.id is not None}
    if not kept <= set(by_id):
        raise ConflictError("议定事项")
    for decision in stored:
        if decision.id not in kept:
            if session.scalar(select(exists().where(Commitment.source_decision_id == decision.id))):
                raise DomainError(
                    f"第 {decision.position} 项议定事项已生成承诺，不能删除；可修改其内容。"
                )
            session.delete(decision)
    rows: list[Decision] = []
    for position, w in enumerate(wanted, start=1):
        if w.id is None:
            decision = Decision(minutes_id=minutes.id, position=position, content=w.content)
            session.add(decision)
        else:
            decision = by_id[w.id]
            if decision.content != w.content:
                decision.content = w.content
            if decision.position != position:
                decision.position = position
        rows.append(decision)
    session.flush()
    return tuple(d.id for d in rows)


def decide(
    db: Database, meeting_id: int, *, content: str, expected_version: int | None = None
) -> MeetingDetail:
    """Add one decision at the end of the minutes (``expected_version``: the minutes')."""
    if not content.strip():
        raise DomainError("请填写议定事项内容。", field="content")
    _length_errors("", {}, [DecisionInput(content)])
    with db.transaction() as session:
        meeting = load_meeting(session, meeting_id, edit=MeetingEdit.MINUTES)
        minutes = load_minutes(session, meeting)
        if expected_version is not None and minutes.version != expected_version:
            raise ConflictError(f"第{meeting.sequence_no}次会议纪要")
        last = session.scalar(
            select(func.max(Decision.position)).where(Decision.minutes_id == minutes.id)
        )
        session.add(Decision(minutes_id=minutes.id, position=(last or 0) + 1, content=content))
        touch(minutes)
        session.flush()
        return load_detail(session, meeting_id)


def minutes_meeting(session: Session, decision: Decision) -> Meeting:
    minutes = session.get(Minutes, decision.minutes_id)
    assert minutes is not None
    return load_meeting(session, minutes.meeting_id)
