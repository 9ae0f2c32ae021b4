"""双向评价 on a commitment: after fulfilment, each side rates the other once.

- only a 已履诺 commitment can be rated, not before the day it was fulfilled;
- the rater is the promisor or the promisee; the ratee is the other party;
- one rating per side: rating again replaces that side's rating (and its date);
- the stored score is ``RATING_SCORES[rating]`` (满意 100, 基本满意 80, 不满意 40).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from alliance_desk.core.commitments import rating_comment_error
from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error
from alliance_desk.core.vocab import RATING_SCORES, CommitmentState, Rating
from alliance_desk.services.commitments.detail import load_detail
from alliance_desk.services.commitments.records import CommitmentDetail
from alliance_desk.services.commitments.transitions import load_commitment
from alliance_desk.services.database import Database
from alliance_desk.storage.models import Evaluation

COMMENT_LIMIT = 1000


def rate(
    db: Database,
    commitment_id: int,
    *,
    rater_unit_id: int,
    rating: Rating,
    comment: str,
    rated_on: date,
    expected_version: int | None = None,
) -> CommitmentDetail:
    """Save (or replace) ``rater_unit_id``'s rating of the other party.

    ``expected_version`` is the version of that side's existing rating, when the clerk
    edits one; ``None`` means the clerk saw no rating. Either way, a rating the clerk did
    not see (saved by someone else meanwhile) raises ``ConflictError`` and is kept.
    """
    if rating not in Rating._value2member_map_:
        raise DomainError("请选择评价：满意、基本满意或不满意。", field="rating")
    level = Rating(rating)
    text = clean_text(comment)
    problem = length_error(text, "评价意见", COMMENT_LIMIT, multiline=True) or (
        rating_comment_error(level, text)
    )
    if problem:
        raise DomainError(f"{problem}。", field="comment")
    with db.transaction() as session:
        commitment = load_commitment(session, commitment_id, None)
        if commitment.state is not CommitmentState.FULFILLED:
            raise DomainError(
                f"承诺履诺后才能评价，该承诺现为“{commitment.state.label}”。", field="rating"
            )
        parties = {
            commitment.promisor_unit_id: commitment.promisee_unit_id,
            commitment.promisee_unit_id: commitment.promisor_unit_id,
        }
        if rater_unit_id not in parties:
            raise DomainError("只有承诺方或受诺方可以评价该承诺。", field="rater_unit_id")
        if commitment.fulfilled_on is not None and rated_on < commitment.fulfilled_on:
            raise DomainError(
                f"评价日期不能早于履诺日期（{commitment.fulfilled_on:%Y-%m-%d}）。",
                field="rated_on",
            )
        evaluation = session.scalar(
            select(Evaluation).where(
                Evaluation.commitment_id == commitment_id,
                Evaluation.rater_unit_id == rater_unit_id,
            )
        )
        if evaluation is None:
            evaluation = Evaluation(
                commitment_id=commitment_id,
                rater_unit_id=rater_unit_id,
                ratee_unit_id=parties[rater_unit_id],
            )
            session.add(evaluation)
        elif expected_version is None or evaluation.version != expected_version:
            raise ConflictError("该评价")
        evaluation.rating = level
        evaluation.score = RATING_SCORES[level]
        evaluation.comment = clean_text(comment)
        evaluation.rated_on = rated_on
        session.flush()
        return load_detail(session, commitment_id)
