"""群众评议: residents' votes on a finished project; the project and its needs become 已评议."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.four_lists.rates import vote_error
from alliance_desk.core.four_lists.vocab import NeedState, ProjectState
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.projects import load_project, move_needs
from alliance_desk.services.four_lists.records import RatingRow
from alliance_desk.storage.models import Alliance, Project, ResidentRating


def record_rating(
    db: Database,
    project_id: int,
    *,
    rated_on: date,
    participants: int,
    satisfied: int,
    basically_satisfied: int,
    unsatisfied: int,
    comments: str = "",
    expected_version: int | None = None,
) -> RatingRow:
    """Save the tally of a finished project (or correct it: pass the rating's version).

    Saving without having seen an existing rating is a conflict, never a silent overwrite.
    """
    message = vote_error(participants, satisfied, basically_satisfied, unsatisfied)
    if message:
        raise ValidationError({"votes": message})
    with db.transaction() as session:
        project = load_project(session, project_id, None)
        if project.state not in (ProjectState.DONE, ProjectState.RATED):
            raise DomainError(f"项目“{project.name}”是“{project.state.label}”：办结后才能评议。")
        if project.finished_on is not None and rated_on < project.finished_on:
            raise ValidationError({"rated_on": "评议日期不能早于办结日期"})
        rating = session.scalar(
            select(ResidentRating).where(ResidentRating.project_id == project_id)
        )
        if rating is None:
            if expected_version is not None:
                raise ConflictError("该项目的评议")
            rating = ResidentRating(project_id=project_id)
            session.add(rating)
        elif expected_version != rating.version:
            raise ConflictError("该项目的评议")
        rating.rated_on = rated_on
        rating.participants = participants
        rating.satisfied = satisfied
        rating.basically_satisfied = basically_satisfied
        rating.unsatisfied = unsatisfied
        rating.comments = comments.strip()
        if project.state is ProjectState.DONE:
            project.state = ProjectState.RATED
            move_needs(session, project.id, {NeedState.DONE}, NeedState.RATED)
        session.flush()
        return _load(session, project_id)


def rating_query() -> Select[tuple[object, ...]]:
    return (
        select(
            ResidentRating.id,
            Project.id,
            Project.name,
            Alliance.name,
            ResidentRating.rated_on,
            ResidentRating.participants,
            ResidentRating.satisfied,
            ResidentRating.basically_satisfied,
            ResidentRating.unsatisfied,
            ResidentRating.comments,
            ResidentRating.version,
        )
        .join(Project, Project.id == ResidentRating.project_id)
        .join(Alliance, Alliance.id == Project.alliance_id)
    )


def _load(session: Session, project_id: int) -> RatingRow:
    return RatingRow(*session.execute(rating_query().where(Project.id == project_id)).one())


def get_rating(db: Database, project_id: int) -> RatingRow | None:
    with db.reading() as session:
        row = session.execute(rating_query().where(Project.id == project_id)).one_or_none()
        return None if row is None else RatingRow(*row)


def list_ratings(db: Database, *, alliance_id: int | None = None) -> list[RatingRow]:
    query = rating_query()
    if alliance_id is not None:
        query = query.where(Project.alliance_id == alliance_id)
    with db.reading() as session:
        return [
            RatingRow(*r)
            for r in session.execute(
                query.order_by(ResidentRating.rated_on.desc(), ResidentRating.id.desc())
            )
        ]
