"""Change a commitment's state, one or a selection at a time, by the core state machine.

Each function is one transaction; a stale ``expected_version`` raises ``ConflictError``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.commitments import check_transition
from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.commitments.detail import NOT_FOUND, load_detail
from alliance_desk.services.commitments.records import CommitmentDetail
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.storage.models import Commitment


def short_title(commitment: Commitment) -> str:
    text = " ".join(commitment.content.split())
    return f"承诺“{text[:20]}…”" if len(text) > 20 else f"承诺“{text}”"


def load_commitment(
    session: Session, commitment_id: int, expected_version: int | None
) -> Commitment:
    return load_for_edit(
        session,
        Commitment,
        commitment_id,
        expected_version,
        missing=NOT_FOUND,
        what=short_title,
    )


def load_many(
    session: Session, commitment_ids: Sequence[int], expected_versions: Mapping[int, int] | None
) -> list[Commitment]:
    """The selected commitments in the given order (duplicates dropped), version-checked."""
    ids = list(dict.fromkeys(commitment_ids))
    if not ids:
        raise DomainError("请至少选择一项承诺。")
    found = {c.id: c for c in session.scalars(select(Commitment).where(Commitment.id.in_(ids)))}
    if len(found) != len(ids):
        raise NotFoundError("所选承诺中有已被删除的，请刷新后重试。")
    versions = expected_versions or {}
    for commitment_id, expected in versions.items():
        if commitment_id in found and found[commitment_id].version != expected:
            raise ConflictError(short_title(found[commitment_id]))
    return [found[i] for i in ids]


def apply_transition(
    commitment: Commitment, target: CommitmentState, *, on: date, reason: str
) -> None:
    """Check and make one change: 已履诺 sets ``fulfilled_on = on`` (not before the made
    day), 已取消 keeps the reason."""
    check_transition(commitment.state, target, reason=reason)
    if target is CommitmentState.FULFILLED:
        if on < commitment.made_on:
            raise DomainError(
                f"履诺日期不能早于承诺日期（{commitment.made_on:%Y-%m-%d}）。", field="on"
            )
        commitment.fulfilled_on = on
    if target is CommitmentState.CANCELLED:
        commitment.cancel_reason = reason.strip()
    commitment.state = target


def transition(
    db: Database,
    commitment_id: int,
    to_state: CommitmentState,
    *,
    on: date,
    reason: str = "",
    expected_version: int,
) -> CommitmentDetail:
    """Change the state by the rules of ``core.commitments.states``.

    已履诺 records ``fulfilled_on = on`` (after the due day it counts as late);
    已取消 needs ``reason``, which is kept. Other changes keep no date of their own:
    the audit trail records when they were saved.
    """
    with db.transaction() as session:
        commitment = load_commitment(session, commitment_id, expected_version)
        apply_transition(commitment, CommitmentState(to_state), on=on, reason=reason)
        session.flush()
        return load_detail(session, commitment_id)


def transition_many(
    db: Database,
    commitment_ids: Sequence[int],
    to_state: CommitmentState,
    *,
    on: date,
    reason: str = "",
    expected_versions: Mapping[int, int] | None = None,
) -> int:
    """The bulk action (e.g. 标记为已认领 on a selection): all of them or none.

    The first refusal names its commitment. Returns how many changed.
    """
    target = CommitmentState(to_state)
    with db.transaction() as session:
        selected = load_many(session, commitment_ids, expected_versions)
        for commitment in selected:
            try:
                apply_transition(commitment, target, on=on, reason=reason)
            except DomainError as exc:
                message = f"没有更改任何承诺：{short_title(commitment)}——{exc.message}"
                raise DomainError(message, field=exc.field) from exc
        return len(selected)
