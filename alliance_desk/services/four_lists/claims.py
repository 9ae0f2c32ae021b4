"""责任清单: a unit claims a project — as a two-way commitment (单位→社区).

The claim is made through ``services.commitments``: the commitment is created (its
rules: parties seated in the alliance, content, dates) and accepted (已认领) in the
same transaction, and from then on lives in the commitments module — progress,
overdue, fulfilment and the two sides' ratings. This row adds 责任人 and 节点.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.commitments import is_overdue
from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.four_lists.states import CLAIMABLE
from alliance_desk.core.four_lists.vocab import ProjectOrigin, ProjectState
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, required_error
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState
from alliance_desk.services.commitments import create_commitment, transition
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.four_lists.projects import load_project
from alliance_desk.services.four_lists.records import ClaimRow
from alliance_desk.storage.models import (
    Alliance,
    Commitment,
    ProgressUpdate,
    Project,
    ProjectClaim,
    Unit,
)

CLAIM_CATEGORY = "四项清单"


def claim_project(
    db: Database,
    project_id: int,
    *,
    unit_id: int,
    responsible_person: str,
    content: str,
    due_on: date,
    claimed_on: date,
    milestones: str = "",
    expected_version: int | None = None,
) -> ClaimRow:
    """Record a claim; the project becomes 已认领 (the first claim sets its 牵头单位 if
    none was chosen). A unit claims a project once."""
    errors = {
        "responsible_person": required_error(responsible_person, "责任人")
        or length_error(clean_text(responsible_person), "责任人", 50),
        "due_on": "完成时限不能早于认领日期" if due_on < claimed_on else None,
    }
    errors = {k: v for k, v in errors.items() if v}
    with db.transaction() as session:
        project = load_project(session, project_id, expected_version)
        if project.state not in CLAIMABLE:
            raise DomainError(f"项目“{project.name}”是“{project.state.label}”，不能再认领。")
        taken = session.scalar(
            select(func.count())
            .select_from(ProjectClaim)
            .join(Commitment, Commitment.id == ProjectClaim.commitment_id)
            .where(ProjectClaim.project_id == project.id, Commitment.promisor_unit_id == unit_id)
        )
        if taken:
            errors["unit_id"] = "该单位已认领本项目"
        if errors:
            raise ValidationError(errors)
        inside = db.within(session)
        commitment = create_commitment(
            inside,
            alliance_id=project.alliance_id,
            promisor_unit_id=unit_id,
            promisee_unit_id=project.community_unit_id,
            direction=CommitmentDirection.UNIT_TO_COMMUNITY,
            content=content.strip() or f"认领项目“{project.name}”",
            category=CLAIM_CATEGORY,
            due_on=due_on,
            made_on=claimed_on,
        )
        transition(
            inside,
            commitment.id,
            CommitmentState.ACCEPTED,
            on=claimed_on,
            expected_version=commitment.version,
        )
        claim = ProjectClaim(
            project_id=project.id,
            commitment_id=commitment.id,
            responsible_person=clean_text(responsible_person),
            milestones=milestones.strip(),
        )
        session.add(claim)
        if project.state in (ProjectState.DRAFT, ProjectState.PUBLISHED):
            if project.published_on is None and project.origin is not ProjectOrigin.MEETING:
                project.published_on = claimed_on
            project.state = ProjectState.CLAIMED
            project.claimed_on = claimed_on
        if project.lead_unit_id is None:
            project.lead_unit_id = unit_id
        session.flush()
        return _load(session, claim.id, claimed_on)


def update_claim(
    db: Database,
    claim_id: int,
    *,
    responsible_person: str,
    milestones: str,
    expected_version: int,
    today: date,
) -> ClaimRow:
    """Change 责任人 and 节点; the promise itself is corrected as a commitment."""
    message = required_error(responsible_person, "责任人") or length_error(
        clean_text(responsible_person), "责任人", 50
    )
    if message:
        raise ValidationError({"responsible_person": message})
    with db.transaction() as session:
        claim = load_for_edit(
            session,
            ProjectClaim,
            claim_id,
            expected_version,
            missing="该认领记录不存在",
            what=lambda c: "该认领记录",
        )
        claim.responsible_person = clean_text(responsible_person)
        claim.milestones = milestones.strip()
        session.flush()
        return _load(session, claim.id, today)


def claim_query() -> Select[tuple[object, ...]]:
    unit, community = aliased(Unit), aliased(Unit)
    latest = (
        select(ProgressUpdate.percent)
        .where(ProgressUpdate.commitment_id == Commitment.id)
        .order_by(ProgressUpdate.recorded_on.desc(), ProgressUpdate.id.desc())
        .limit(1)
        .correlate(Commitment)
        .scalar_subquery()
    )
    return (
        select(
            ProjectClaim.id,
            Project.id,
            Project.code,
            Project.name,
            Alliance.name,
            Commitment.id,
            unit.id,
            unit.name,
            community.name,
            ProjectClaim.responsible_person,
            Commitment.content,
            Commitment.due_on,
            ProjectClaim.milestones,
            Commitment.state,
            Commitment.fulfilled_on,
            latest,
            ProjectClaim.version,
        )
        .join(Project, Project.id == ProjectClaim.project_id)
        .join(Alliance, Alliance.id == Project.alliance_id)
        .join(Commitment, Commitment.id == ProjectClaim.commitment_id)
        .join(unit, unit.id == Commitment.promisor_unit_id)
        .join(community, community.id == Commitment.promisee_unit_id)
    )


def _row(values: tuple[object, ...], today: date) -> ClaimRow:
    *head, state, fulfilled, percent, version = values
    due = head[11]
    assert isinstance(due, date)
    overdue = is_overdue(CommitmentState(state), due, today)  # type: ignore[arg-type]
    return ClaimRow(*head, state, fulfilled, percent, overdue, version)  # type: ignore[arg-type]


def _load(session: Session, claim_id: int, today: date) -> ClaimRow:
    return _row(
        tuple(session.execute(claim_query().where(ProjectClaim.id == claim_id)).one()), today
    )


def list_claims(
    db: Database, *, today: date, alliance_id: int | None = None, project_id: int | None = None
) -> list[ClaimRow]:
    query = claim_query()
    if alliance_id is not None:
        query = query.where(Project.alliance_id == alliance_id)
    if project_id is not None:
        query = query.where(Project.id == project_id)
    query = query.order_by(Commitment.due_on, ProjectClaim.id)
    with db.reading() as session:
        return [_row(tuple(r), today) for r in session.execute(query)]
