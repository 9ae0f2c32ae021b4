"""Correct a commitment (修改承诺): a typo in the content, the wrong category or party.

What may change depends on the state (``locked_fields`` says which and why, for the
service and for the editor that disables those fields):

- 已履诺 / 已取消 are history: nothing changes.
- 已提出: everything the clerk typed when creating it.
- 已认领 / 推进中: content, category and the made day only. The parties and the
  direction were agreed when the promise was accepted; the due day moves only by 延期
  (``progress.extend_due``), which keeps the reason in the progress log.

Everything else is ``create.terms_errors``, the rules of a new commitment; the made
day also stays on or before the first progress update. The audit trail records the
old and new values.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from alliance_desk.core.commitments import FINAL_STATES
from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState
from alliance_desk.services.commitments.create import Terms, terms_errors
from alliance_desk.services.commitments.detail import load_detail
from alliance_desk.services.commitments.records import CommitmentDetail
from alliance_desk.services.commitments.transitions import load_commitment
from alliance_desk.services.database import Database
from alliance_desk.storage.models import Alliance, Commitment, ProgressUpdate

#: Fields fixed once the promise is accepted (the agreement between the two sides).
PARTY_FIELDS: tuple[str, ...] = ("promisor_unit_id", "promisee_unit_id", "direction")
#: Every field ``update_commitment`` takes.
EDIT_FIELDS: tuple[str, ...] = (*PARTY_FIELDS, "content", "category", "made_on", "due_on")


def final_message(state: CommitmentState) -> str:
    """Why a 已履诺 / 已取消 commitment cannot be corrected."""
    label = CommitmentState(state).label
    return f"“{label}”的承诺已成为历史记录，不能再修改。"


def locked_fields(state: CommitmentState) -> dict[str, str]:
    """field → why it may not change in ``state``; empty while 已提出."""
    state = CommitmentState(state)
    if state in FINAL_STATES:
        return dict.fromkeys(EDIT_FIELDS, final_message(state))
    if state is CommitmentState.PROPOSED:
        return {}
    label = state.label
    agreed = f"该承诺处于“{label}”状态：认领后承诺方、受诺方和方向已由双方认定，不能再修改。"
    due = (
        f"该承诺处于“{label}”状态：认领后不能在此修改到期日期，"
        "请使用“延期”并填写原因（会记入进度记录）。"
    )
    return {**dict.fromkeys(PARTY_FIELDS, agreed), "due_on": due}


def can_edit(state: CommitmentState) -> bool:
    """Whether anything at all may be corrected in ``state``."""
    return len(locked_fields(state)) < len(EDIT_FIELDS)


def update_commitment(
    db: Database,
    commitment_id: int,
    *,
    expected_version: int,
    content: str,
    category: str,
    promisor_unit_id: int,
    promisee_unit_id: int,
    direction: CommitmentDirection,
    made_on: date,
    due_on: date,
) -> CommitmentDetail:
    """Save the corrected commitment and return it fresh.

    Raises ``DomainError`` (field ``state``) on a final commitment, ``ConflictError``
    when another clerk saved it since ``expected_version``, and ``ValidationError``
    with a message under each field at fault. Unchanged values pass as they are.
    """
    terms = Terms(
        promisor_unit_id=promisor_unit_id,
        promisee_unit_id=promisee_unit_id,
        direction=direction,
        content=content,
        category=category,
        made_on=made_on,
        due_on=due_on,
    )
    with db.transaction() as session:
        commitment = load_commitment(session, commitment_id, expected_version)
        state = commitment.state
        if state in FINAL_STATES:
            raise DomainError(final_message(state), field="state")
        saved = _saved_terms(commitment)
        changed = terms.changed(saved)
        locked = locked_fields(state)
        errors = {field: locked[field] for field in EDIT_FIELDS if field in changed & set(locked)}
        alliance = session.get(Alliance, commitment.alliance_id)
        for field, message in terms_errors(session, alliance, terms, saved=saved).items():
            if field == "due_on" and "due_on" in locked and "due_on" not in changed:
                # The due day cannot move here, so the made day is what is wrong.
                field = "made_on"
                message = f"承诺日期不能晚于到期日期（{due_on:%Y-%m-%d}）"
            errors.setdefault(field, message)
        if "made_on" in changed and "made_on" not in errors:
            first = session.scalar(
                select(func.min(ProgressUpdate.recorded_on)).where(
                    ProgressUpdate.commitment_id == commitment_id
                )
            )
            if first is not None and made_on > first:
                errors["made_on"] = f"承诺日期不能晚于第一条进度记录的日期（{first:%Y-%m-%d}）"
        if errors:
            raise ValidationError(errors)
        commitment.promisor_unit_id = promisor_unit_id
        commitment.promisee_unit_id = promisee_unit_id
        commitment.direction = CommitmentDirection(direction)
        commitment.content = content.strip()
        commitment.category = clean_text(category)
        commitment.made_on = made_on
        commitment.due_on = due_on
        session.flush()
        return load_detail(session, commitment_id)


def _saved_terms(commitment: Commitment) -> Terms:
    return Terms(
        promisor_unit_id=commitment.promisor_unit_id,
        promisee_unit_id=commitment.promisee_unit_id,
        direction=commitment.direction,
        content=commitment.content,
        category=commitment.category,
        made_on=commitment.made_on,
        due_on=commitment.due_on,
    )
