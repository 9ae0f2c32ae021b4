"""Progress (进展) on a commitment, and moving due dates (延期) of a selection."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.commitments import FINAL_STATES, check_transition
from alliance_desk.core.errors import DomainError
from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.commitments.detail import load_detail
from alliance_desk.services.commitments.records import CommitmentDetail, local_today
from alliance_desk.services.commitments.transitions import (
    load_commitment,
    load_many,
    short_title,
)
from alliance_desk.services.database import Database
from alliance_desk.services.editing import claim_version
from alliance_desk.storage.models import AttachmentContent, Commitment, ProgressUpdate


def add_progress(
    db: Database,
    commitment_id: int,
    *,
    recorded_on: date,
    note: str,
    percent: int,
    evidence_note: str = "",
    attachment_path: str = "",
    attachment_content: bytes | None = None,
    expected_version: int | None = None,
) -> CommitmentDetail:
    """Record a progress update (进展) on an accepted or in-progress commitment.

    ``attachment_content``: the attached file's bytes, kept in the database beside
    ``attachment_path`` so every clerk of a shared database can open it.

    - ``percent`` is a whole number 0–100 and never below the previous update's;
      ``recorded_on`` is not before the previous update nor before the made day.
    - the first update of an 已认领 commitment moves it to 推进中.
    - 100 % does **not** fulfil it: 已履诺 is the clerk's explicit ``transition``, with
      its own date (the promisee may not agree that the work is done).
    """
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise DomainError("完成进度须是 0 到 100 之间的整数。", field="percent")
    if not clean_text(note):
        raise DomainError("进展情况不能为空。", field="note")
    with db.transaction() as session:
        commitment = load_commitment(session, commitment_id, expected_version)
        if commitment.state not in (CommitmentState.ACCEPTED, CommitmentState.IN_PROGRESS):
            hint = "请先标记为已认领。" if commitment.state is CommitmentState.PROPOSED else ""
            raise DomainError(
                f"“{commitment.state.label}”的承诺不能登记进展。{hint}", field="state"
            )
        if recorded_on < commitment.made_on:
            raise DomainError(
                f"进展日期不能早于承诺日期（{commitment.made_on:%Y-%m-%d}）。", field="recorded_on"
            )
        last = _last_updates(session, [commitment_id]).get(commitment_id)
        if last is not None:
            last_on, last_percent = last
            if recorded_on < last_on:
                raise DomainError(
                    f"进展日期不能早于上一次进展（{last_on:%Y-%m-%d}）。", field="recorded_on"
                )
            if percent < last_percent:
                raise DomainError(
                    f"完成进度不能低于上一次登记的 {last_percent}%。", field="percent"
                )
        update = ProgressUpdate(
            commitment_id=commitment_id,
            recorded_on=recorded_on,
            note=note.strip(),
            percent=percent,
            evidence_note=evidence_note.strip(),
            attachment_path=attachment_path,
        )
        session.add(update)
        if attachment_content is not None and attachment_path:
            session.flush()
            session.add(
                AttachmentContent(
                    progress_update_id=update.id,
                    file_name=attachment_path.rsplit("/", 1)[-1][:255],
                    size=len(attachment_content),
                    content=attachment_content,
                )
            )
        if commitment.state is CommitmentState.ACCEPTED:
            check_transition(commitment.state, CommitmentState.IN_PROGRESS)
            commitment.state = CommitmentState.IN_PROGRESS
        claim_version(commitment)
        session.flush()
        return load_detail(session, commitment_id)


def extend_due(
    db: Database,
    commitment_ids: Sequence[int],
    *,
    new_due: date,
    reason: str,
    on: date | None = None,
    expected_versions: Mapping[int, int] | None = None,
) -> int:
    """Move the due date of several commitments to ``new_due``: all of them or none.

    Refused when the reason is empty, when any is 已履诺 / 已取消, or when ``new_due``
    is not later than its current due date. The reason is kept as a progress-log line
    dated ``on`` (default today), carrying the last percentage, so the detail shows
    why the date moved; the audit trail keeps the old and new dates.
    Returns how many commitments were extended.
    """
    text = clean_text(reason)
    if not text:
        raise DomainError("延期须填写原因。", field="reason")
    day = on or local_today()
    with db.transaction() as session:
        selected = load_many(session, commitment_ids, expected_versions)
        refused = [p for p in (_extend_problem(c, new_due) for c in selected) if p]
        if refused:
            more = f"等 {len(refused)} 项" if len(refused) > 3 else ""
            raise DomainError(
                f"没有延期任何承诺：{'；'.join(refused[:3])}{more}。", field="new_due"
            )
        last = _last_updates(session, [c.id for c in selected])
        for commitment in selected:
            last_on, last_percent = last.get(commitment.id, (day, 0))
            session.add(
                ProgressUpdate(
                    commitment_id=commitment.id,
                    recorded_on=max(day, last_on),
                    note=f"到期日期由 {commitment.due_on:%Y-%m-%d} 延至 {new_due:%Y-%m-%d}。"
                    f"原因：{text}",
                    percent=last_percent,
                    evidence_note="",
                    attachment_path="",
                )
            )
            commitment.due_on = new_due
        return len(selected)


def _last_updates(session: Session, commitment_ids: list[int]) -> dict[int, tuple[date, int]]:
    """commitment id → (date, percent) of its latest progress update."""
    last: dict[int, tuple[date, int]] = {}
    for commitment_id, recorded_on, percent in session.execute(
        select(ProgressUpdate.commitment_id, ProgressUpdate.recorded_on, ProgressUpdate.percent)
        .where(ProgressUpdate.commitment_id.in_(commitment_ids))
        .order_by(ProgressUpdate.recorded_on, ProgressUpdate.id)
    ):
        last[commitment_id] = (recorded_on, percent)
    return last


def _extend_problem(commitment: Commitment, new_due: date) -> str | None:
    if commitment.state in FINAL_STATES:
        return f"{short_title(commitment)}{commitment.state.label}"
    if new_due <= commitment.due_on:
        return f"{short_title(commitment)}原到期日期 {commitment.due_on:%Y-%m-%d} 不早于新日期"
    return None
