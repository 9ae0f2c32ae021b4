"""One commitment in full: parties, source, progress log, both ratings, state history."""

from __future__ import annotations

from datetime import UTC, date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.commitments import fulfilled_late, is_overdue
from alliance_desk.core.errors import NotFoundError
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.commitments.records import (
    CommitmentDetail,
    ProgressEntry,
    RatingEntry,
    StateChange,
    local_today,
)
from alliance_desk.services.database import Database
from alliance_desk.storage.models import (
    Alliance,
    AuditEntry,
    Commitment,
    Decision,
    Evaluation,
    Meeting,
    Minutes,
    ProgressUpdate,
    Unit,
)

NOT_FOUND = "该承诺不存在，可能已被他人删除。"


def get_commitment(
    db: Database, commitment_id: int, *, today: date | None = None
) -> CommitmentDetail:
    """The commitment as the detail pane shows it; ``today`` (default: today in
    Asia/Shanghai) decides the overdue flag."""
    with db.reading() as session:
        return load_detail(session, commitment_id, today=today)


def load_detail(
    session: Session, commitment_id: int, *, today: date | None = None
) -> CommitmentDetail:
    promisor, promisee = aliased(Unit), aliased(Unit)
    row = session.execute(
        select(Commitment, Alliance.name, promisor.name, promisee.name)
        .join(Alliance, Alliance.id == Commitment.alliance_id)
        .join(promisor, promisor.id == Commitment.promisor_unit_id)
        .join(promisee, promisee.id == Commitment.promisee_unit_id)
        .where(Commitment.id == commitment_id)
    ).first()
    if row is None:
        raise NotFoundError(NOT_FOUND)
    c, alliance_name, promisor_name, promisee_name = row
    meeting_id, source_label = _source(session, c.source_decision_id)
    ratings = _ratings(session, commitment_id)
    return CommitmentDetail(
        id=c.id,
        alliance_id=c.alliance_id,
        alliance_name=alliance_name,
        promisor_unit_id=c.promisor_unit_id,
        promisor_name=promisor_name,
        promisee_unit_id=c.promisee_unit_id,
        promisee_name=promisee_name,
        direction=c.direction,
        content=c.content,
        category=c.category,
        made_on=c.made_on,
        due_on=c.due_on,
        state=c.state,
        fulfilled_on=c.fulfilled_on,
        cancel_reason=c.cancel_reason,
        version=c.version,
        overdue=is_overdue(c.state, c.due_on, today or local_today()),
        late=c.state is CommitmentState.FULFILLED and fulfilled_late(c.due_on, c.fulfilled_on),
        source_decision_id=c.source_decision_id,
        source_meeting_id=meeting_id,
        source_label=source_label,
        progress=_progress(session, commitment_id),
        rating_by_promisor=ratings.get(c.promisor_unit_id),
        rating_by_promisee=ratings.get(c.promisee_unit_id),
        history=state_history(session, commitment_id),
    )


def _source(session: Session, decision_id: int | None) -> tuple[int | None, str]:
    if decision_id is None:
        return None, ""
    row = session.execute(
        select(Meeting.id, Meeting.sequence_no, Meeting.starts_at, Decision.position)
        .select_from(Decision)
        .join(Minutes, Minutes.id == Decision.minutes_id)
        .join(Meeting, Meeting.id == Minutes.meeting_id)
        .where(Decision.id == decision_id)
    ).first()
    if row is None:
        return None, ""
    meeting_id, sequence_no, starts_at, position = row
    return meeting_id, f"第{sequence_no}次联席会议（{starts_at:%Y-%m-%d}）第{position}项议定事项"


def _progress(session: Session, commitment_id: int) -> tuple[ProgressEntry, ...]:
    return tuple(
        ProgressEntry(*r)
        for r in session.execute(
            select(
                ProgressUpdate.id,
                ProgressUpdate.recorded_on,
                ProgressUpdate.note,
                ProgressUpdate.percent,
                ProgressUpdate.evidence_note,
                ProgressUpdate.attachment_path,
            )
            .where(ProgressUpdate.commitment_id == commitment_id)
            .order_by(ProgressUpdate.recorded_on, ProgressUpdate.id)
        )
    )


def _ratings(session: Session, commitment_id: int) -> dict[int, RatingEntry]:
    """rater unit id → that side's rating."""
    rater, ratee = aliased(Unit), aliased(Unit)
    rows = session.execute(
        select(
            Evaluation.id,
            Evaluation.rater_unit_id,
            rater.name,
            Evaluation.ratee_unit_id,
            ratee.name,
            Evaluation.rating,
            Evaluation.score,
            Evaluation.comment,
            Evaluation.rated_on,
            Evaluation.version,
        )
        .join(rater, rater.id == Evaluation.rater_unit_id)
        .join(ratee, ratee.id == Evaluation.ratee_unit_id)
        .where(Evaluation.commitment_id == commitment_id)
        .order_by(Evaluation.id)
    )
    return {r[1]: RatingEntry(*r) for r in rows}  # type: ignore[call-arg]


def state_history(session: Session, commitment_id: int) -> tuple[StateChange, ...]:
    """State changes from the audit trail (entity ``commitment``, a ``state`` change).

    The creation counts as the first change (from None). Oldest first.
    """
    changes: list[StateChange] = []
    for at, actor, before, after in session.execute(
        select(AuditEntry.at, AuditEntry.actor, AuditEntry.before, AuditEntry.after)
        .where(AuditEntry.entity == Commitment.__tablename__, AuditEntry.entity_id == commitment_id)
        .order_by(AuditEntry.id)
    ):
        if not after or "state" not in after:
            continue
        old = (before or {}).get("state")
        fulfilled_on = after.get("fulfilled_on")
        changes.append(
            StateChange(
                at=at.replace(tzinfo=UTC),
                actor=actor,
                from_state=CommitmentState(old) if old else None,
                to_state=CommitmentState(after["state"]),
                reason=after.get("cancel_reason") or "",
                fulfilled_on=date.fromisoformat(fulfilled_on) if fulfilled_on else None,
            )
        )
    return tuple(changes)
