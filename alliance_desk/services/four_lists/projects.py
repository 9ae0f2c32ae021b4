"""项目清单: projects made by matching verified needs with resources, and their lives.

- A project links one or more 已核实 needs of one community (its alliance's) and any
  number of 有效 resources of the same alliance; its needs become 已对接.
- It comes about at a 联席会议 (the item 需求—资源对接 is added to that draft meeting's
  agenda), a unit volunteers (揭榜认领) or the street assigns one (协调认领).
- States follow ``core.four_lists.states``; 已认领 comes with the first claim
  (``claims.claim_project``). 办结 needs every claim's commitment closed and at least
  one 已履诺; the needs then become 已办结. 撤销 frees its needs (back to 已核实) unless
  another live project holds them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.errors import DomainError, NotFoundError, ValidationError
from alliance_desk.core.four_lists.matching import NeedItem, ResourceItem, suggest
from alliance_desk.core.four_lists.meeting_outcome import meeting_outcome_text
from alliance_desk.core.four_lists.states import (
    MATCHABLE_NEEDS,
    check_project_transition,
    unclaimed_too_long,
)
from alliance_desk.core.four_lists.vocab import (
    NeedState,
    ProjectOrigin,
    ProjectState,
    ResourceState,
)
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error, required_error
from alliance_desk.core.vocab import AgendaKind, CommitmentState
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.four_lists.common import (
    alliance_error,
    chunks,
    claim_days,
    next_code,
)
from alliance_desk.services.four_lists.records import ProjectInput, ProjectRow
from alliance_desk.storage.models import (
    AgendaItem,
    Alliance,
    Commitment,
    ListSettings,
    Meeting,
    Need,
    Project,
    ProjectClaim,
    ProjectNeed,
    ProjectResource,
    Resource,
    Unit,
)

NOT_FOUND = "该项目不存在，可能已被删除"
MEETING_ITEM_PREFIX = "需求—资源对接："
LIVE = (
    ProjectState.DRAFT,
    ProjectState.PUBLISHED,
    ProjectState.CLAIMED,
    ProjectState.IN_PROGRESS,
    ProjectState.DONE,
    ProjectState.RATED,
    ProjectState.SHELVED,
)


def _title(project: Project) -> str:
    return f"项目“{project.name[:20]}”"


def load_project(session: Session, project_id: int, expected_version: int | None) -> Project:
    return load_for_edit(
        session, Project, project_id, expected_version, missing=NOT_FOUND, what=_title
    )


# --- creating -----------------------------------------------------------------------------
def _field_errors(data: ProjectInput) -> dict[str, str]:
    errors = {
        "name": required_error(data.name, "项目名称")
        or length_error(clean_text(data.name), "项目名称", 200),
        "planned_end": "计划结束日期不能早于开始日期"
        if data.planned_end < data.planned_start
        else None,
        "need_ids": None if data.need_ids else "请至少选择一条已核实的需求",
        "meeting_id": "联席会议对接须选择会议"
        if data.origin is ProjectOrigin.MEETING and data.meeting_id is None
        else None,
    }
    return {k: v for k, v in errors.items() if v}


def _need_errors(session: Session, data: ProjectInput) -> tuple[dict[str, str], int | None]:
    needs = list(session.scalars(select(Need).where(Need.id.in_(list(data.need_ids)))))
    if len(needs) != len(set(data.need_ids)):
        return {"need_ids": "所选需求中有已被删除的，请刷新后重试"}, None
    wrong = [n for n in needs if n.alliance_id != data.alliance_id]
    if wrong:
        return {"need_ids": f"需求“{wrong[0].code}”不属于所选联盟"}, None
    unready = [n for n in needs if n.state not in MATCHABLE_NEEDS]
    if unready:
        n = unready[0]
        return {"need_ids": f"需求“{n.code}”是“{n.state.label}”，只有已核实的需求才能立项"}, None
    communities = {n.community_unit_id for n in needs}
    if len(communities) > 1:
        return {"need_ids": "一个项目的需求须来自同一个社区"}, None
    return {}, communities.pop()


def _resource_errors(session: Session, data: ProjectInput) -> dict[str, str]:
    if not data.resource_ids:
        return {}
    resources = list(
        session.scalars(select(Resource).where(Resource.id.in_(list(data.resource_ids))))
    )
    if len(resources) != len(set(data.resource_ids)):
        return {"resource_ids": "所选资源中有已被删除的，请刷新后重试"}
    for resource in resources:
        if resource.alliance_id != data.alliance_id:
            return {"resource_ids": "所选资源须是本联盟成员单位提供的"}
        if resource.state is not ResourceState.ACTIVE:
            return {"resource_ids": f"资源“{resource.content[:20]}”已{resource.state.label}"}
    return {}


def create_project(db: Database, data: ProjectInput, *, today: date) -> ProjectRow:
    """Make a project (拟定) from the chosen needs and resources; one transaction."""
    with db.transaction() as session:
        errors = _field_errors(data)
        message = alliance_error(session, data.alliance_id)
        if message:
            errors["alliance_id"] = message
        community: int | None = None
        if "need_ids" not in errors and not message:
            need_errors, community = _need_errors(session, data)
            errors.update(need_errors)
            errors.update(_resource_errors(session, data))
        if data.lead_unit_id is not None and session.get(Unit, data.lead_unit_id) is None:
            errors["lead_unit_id"] = "所选牵头单位不存在"
        if errors:
            raise ValidationError(errors)
        assert community is not None
        project = Project(
            code=next_code(session, Project.code, f"XM{today.year}-", 4),
            name=clean_text(data.name),
            alliance_id=data.alliance_id,
            community_unit_id=community,
            lead_unit_id=data.lead_unit_id,
            participants=clean_text(data.participants),
            measures=data.measures.strip(),
            expected_outcome=data.expected_outcome.strip(),
            planned_start=data.planned_start,
            planned_end=data.planned_end,
            origin=data.origin,
            state=ProjectState.DRAFT,
            created_on=today,
            state_reason="",
            outcome="",
        )
        session.add(project)
        session.flush()
        session.add_all(ProjectNeed(project_id=project.id, need_id=i) for i in set(data.need_ids))
        session.add_all(
            ProjectResource(project_id=project.id, resource_id=i) for i in set(data.resource_ids)
        )
        for need in session.scalars(select(Need).where(Need.id.in_(list(data.need_ids)))):
            need.state = NeedState.MATCHED
        if data.origin is ProjectOrigin.MEETING and data.meeting_id is not None:
            project.agenda_item_id = _add_agenda_item(db, session, data.meeting_id, project)
        session.flush()
        return load_project_row(session, project.id, today)


def _add_agenda_item(db: Database, session: Session, meeting_id: int, project: Project) -> int:
    """The 需求—资源对接 item on the meeting's agenda (a draft meeting: the agenda service's
    own rule), in this transaction."""
    from alliance_desk.services.meetings.agenda import add_agenda_items
    from alliance_desk.services.meetings.inputs import AgendaInput

    item = AgendaInput(
        MEETING_ITEM_PREFIX + project.name, AgendaKind.CONSULTATION, project.community_unit_id, 10
    )
    try:
        detail = add_agenda_items(db.within(session), meeting_id, [item])
    except DomainError as exc:
        raise ValidationError({"meeting_id": exc.message}) from exc
    return detail.agenda[-1].id


def update_project(
    db: Database, project_id: int, data: ProjectInput, *, expected_version: int, today: date
) -> ProjectRow:
    """Correct the name, units, measures, plan and outcome text (not the needs: withdraw
    the project and make another for that)."""
    with db.transaction() as session:
        project = load_project(session, project_id, expected_version)
        errors = {k: v for k, v in _field_errors(data).items() if k in ("name", "planned_end")}
        if errors:
            raise ValidationError(errors)
        project.name = clean_text(data.name)
        project.lead_unit_id = data.lead_unit_id
        project.participants = clean_text(data.participants)
        project.measures = data.measures.strip()
        project.expected_outcome = data.expected_outcome.strip()
        project.planned_start = data.planned_start
        project.planned_end = data.planned_end
        session.flush()
        return load_project_row(session, project.id, today)


# --- moving along ----------------------------------------------------------------------------
def transition_project(
    db: Database,
    project_id: int,
    target: ProjectState,
    *,
    on: date,
    expected_version: int | None,
    reason: str = "",
    outcome: str = "",
) -> ProjectRow:
    target = ProjectState(target)
    with db.transaction() as session:
        project = load_project(session, project_id, expected_version)
        apply_project_transition(session, project, target, on=on, reason=reason, outcome=outcome)
        session.flush()
        return load_project_row(session, project.id, on)


def apply_project_transition(
    session: Session,
    project: Project,
    target: ProjectState,
    *,
    on: date,
    reason: str = "",
    outcome: str = "",
) -> None:
    current = project.state
    check_project_transition(current, target, reason=reason)
    if current is ProjectState.SHELVED and target is not ProjectState.WITHDRAWN:
        if target is not project.shelved_from:
            back = project.shelved_from.label if project.shelved_from else "原状态"
            raise DomainError(f"搁置的项目只能恢复到搁置前的“{back}”。", field="state")
    elif target is ProjectState.CLAIMED:
        raise DomainError("项目由单位认领后自动变为“已认领”：请用“认领”登记认领单位。")
    if target is ProjectState.RATED:
        raise DomainError("登记群众评议后项目自动变为“已评议”。")
    if target is ProjectState.PUBLISHED and project.published_on is None:
        project.published_on = on
    if target is ProjectState.DONE:
        _check_finish(session, project, on)
        project.finished_on = on
        project.outcome = outcome.strip()
        move_needs(session, project.id, {NeedState.MATCHED}, NeedState.DONE)
    if target is ProjectState.SHELVED:
        project.shelved_from = current
    if target in (ProjectState.SHELVED, ProjectState.WITHDRAWN):
        project.state_reason = reason.strip()
    if target is ProjectState.WITHDRAWN:
        _free_needs(session, project.id)
    project.state = target


def _check_finish(session: Session, project: Project, on: date) -> None:
    states = list(
        session.scalars(
            select(Commitment.state)
            .join(ProjectClaim, ProjectClaim.commitment_id == Commitment.id)
            .where(ProjectClaim.project_id == project.id)
        )
    )
    if not states:
        raise DomainError("项目还没有认领单位，不能办结。")
    still_open = sum(
        1 for s in states if s not in (CommitmentState.FULFILLED, CommitmentState.CANCELLED)
    )
    if still_open:
        raise DomainError(f"还有 {still_open} 项认领承诺未履诺：请先在责任清单中登记履诺。")
    if CommitmentState.FULFILLED not in states:
        raise DomainError("认领承诺都已取消，项目不能办结：可以搁置或撤销。")
    if on < project.created_on:
        raise DomainError("办结日期不能早于项目拟定日期。", field="on")


def move_needs(
    session: Session, project_id: int, source: set[NeedState], target: NeedState
) -> None:
    ids = select(ProjectNeed.need_id).where(ProjectNeed.project_id == project_id)
    for need in session.scalars(select(Need).where(Need.id.in_(ids), Need.state.in_(source))):
        need.state = target


def _free_needs(session: Session, project_id: int) -> None:
    ids = list(
        session.scalars(select(ProjectNeed.need_id).where(ProjectNeed.project_id == project_id))
    )
    held = set(
        session.scalars(
            select(ProjectNeed.need_id)
            .join(Project, Project.id == ProjectNeed.project_id)
            .where(
                ProjectNeed.need_id.in_(ids),
                Project.id != project_id,
                Project.state.in_([s for s in LIVE if s is not ProjectState.SHELVED]),
            )
        )
    )
    for need in session.scalars(select(Need).where(Need.id.in_(ids))):
        if need.id not in held and need.state is NeedState.MATCHED:
            need.state = NeedState.VERIFIED


# --- settings -------------------------------------------------------------------------------
def get_claim_days(db: Database) -> int:
    with db.reading() as session:
        return claim_days(session)


def set_claim_days(db: Database, days: int) -> int:
    if not 1 <= days <= 365:
        raise ValidationError({"claim_days": "认领期限应在 1 到 365 天之间"})
    with db.transaction() as session:
        settings = session.scalar(select(ListSettings).order_by(ListSettings.id).limit(1))
        if settings is None:
            session.add(ListSettings(claim_days=days))
        else:
            settings.claim_days = days
    return days


# --- reading ---------------------------------------------------------------------------------
def project_query() -> Select[tuple[object, ...]]:
    community, lead = aliased(Unit), aliased(Unit)
    return (
        select(
            Project.id,
            Project.code,
            Project.name,
            Project.alliance_id,
            Alliance.name,
            Project.community_unit_id,
            community.name,
            Project.lead_unit_id,
            lead.name,
            Project.participants,
            Project.measures,
            Project.expected_outcome,
            Project.planned_start,
            Project.planned_end,
            Project.origin,
            Project.agenda_item_id,
            Project.state,
            Project.created_on,
            Project.published_on,
            Project.claimed_on,
            Project.finished_on,
            Project.state_reason,
            Project.outcome,
            Project.version,
        )
        .join(Alliance, Alliance.id == Project.alliance_id)
        .join(community, community.id == Project.community_unit_id)
        .outerjoin(lead, lead.id == Project.lead_unit_id)
    )


def _rows(session: Session, query: Select[tuple[object, ...]], today: date) -> list[ProjectRow]:
    raw = session.execute(query).all()
    ids = [r[0] for r in raw]
    needs: dict[int, list[str]] = defaultdict(list)
    resources: dict[int, list[str]] = defaultdict(list)
    claims: dict[int, list[str]] = defaultdict(list)
    for part in chunks(ids):
        for pid, title in session.execute(
            select(ProjectNeed.project_id, Need.title)
            .join(Need, Need.id == ProjectNeed.need_id)
            .where(ProjectNeed.project_id.in_(part))
            .order_by(Need.code)
        ):
            needs[pid].append(title)
        for pid, content, unit in session.execute(
            select(ProjectResource.project_id, Resource.content, Unit.name)
            .join(Resource, Resource.id == ProjectResource.resource_id)
            .join(Unit, Unit.id == Resource.unit_id)
            .where(ProjectResource.project_id.in_(part))
            .order_by(Resource.id)
        ):
            resources[pid].append(f"{content}（{unit}）")
        for pid, unit in session.execute(
            select(ProjectClaim.project_id, Unit.name)
            .join(Commitment, Commitment.id == ProjectClaim.commitment_id)
            .join(Unit, Unit.id == Commitment.promisor_unit_id)
            .where(ProjectClaim.project_id.in_(part))
            .order_by(ProjectClaim.id)
        ):
            claims[pid].append(unit)
    outcomes = _meeting_outcomes(session, [r.agenda_item_id for r in raw if r.agenda_item_id])
    days = claim_days(session)
    rows = []
    for r in raw:
        row = ProjectRow(*r[:8], r[8] or "", *r[9:])  # type: ignore[arg-type]
        rows.append(
            replace(
                row,
                need_titles=tuple(needs[row.id]),
                resource_texts=tuple(resources[row.id]),
                claim_units=tuple(dict.fromkeys(claims[row.id])),
                unclaimed_too_long=unclaimed_too_long(row.state, row.published_on, today, days),
                meeting_outcome=outcomes.get(row.agenda_item_id or 0, ""),
            )
        )
    return rows


def _meeting_outcomes(session: Session, agenda_item_ids: list[int]) -> dict[int, str]:
    """Agenda item id → what its meeting made of it (read from the minutes' item record)."""
    out: dict[int, str] = {}
    for part in chunks(agenda_item_ids):
        for item_id, sequence_no, starts_at, state, reached, summary in session.execute(
            select(
                AgendaItem.id,
                Meeting.sequence_no,
                Meeting.starts_at,
                Meeting.state,
                AgendaItem.reached,
                AgendaItem.summary,
            )
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(AgendaItem.id.in_(part))
        ):
            out[item_id] = meeting_outcome_text(sequence_no, starts_at, state, reached, summary)
    return out


def load_project_row(session: Session, project_id: int, today: date) -> ProjectRow:
    rows = _rows(session, project_query().where(Project.id == project_id), today)
    if not rows:
        raise NotFoundError(NOT_FOUND)
    return rows[0]


def get_project(db: Database, project_id: int, *, today: date) -> ProjectRow:
    with db.reading() as session:
        return load_project_row(session, project_id, today)


def list_projects(
    db: Database,
    *,
    today: date,
    alliance_id: int | None = None,
    states: Sequence[ProjectState] | None = None,
) -> list[ProjectRow]:
    query = project_query()
    if alliance_id is not None:
        query = query.where(Project.alliance_id == alliance_id)
    if states:
        query = query.where(Project.state.in_(list(states)))
    query = query.order_by(Project.created_on.desc(), Project.code.desc())
    with db.reading() as session:
        return _rows(session, query, today)


# --- matching suggestions ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MatchSuggestion:
    need_id: int
    need_code: str
    need_title: str
    need_category: str
    resource_id: int
    resource_content: str
    resource_category: str
    unit_id: int
    unit_name: str
    score: int
    reason: str


def matching_suggestions(
    db: Database, alliance_id: int, *, today: date | None = None, per_need: int = 3
) -> list[MatchSuggestion]:
    """Verified needs of the alliance's community × its active resources still within their
    有效期 on ``today`` (China's today by default), best first."""
    on = local_today() if today is None else today
    with db.reading() as session:
        needs = session.execute(
            select(
                Need.id, Need.code, Need.title, Need.category, Need.urgency, Need.households
            ).where(Need.alliance_id == alliance_id, Need.state == NeedState.VERIFIED)
        ).all()
        resources = session.execute(
            select(Resource.id, Resource.unit_id, Unit.name, Resource.category, Resource.content)
            .join(Unit, Unit.id == Resource.unit_id)
            .where(
                Resource.alliance_id == alliance_id,
                Resource.state == ResourceState.ACTIVE,
                or_(Resource.valid_until.is_(None), Resource.valid_until >= on),
            )
        ).all()
    need_items = [NeedItem(n.id, n.title, n.category, n.urgency, n.households) for n in needs]
    resource_items = [ResourceItem(*r) for r in resources]
    by_need = {n.id: n for n in needs}
    by_resource = {r.id: r for r in resources}
    found = []
    for s in suggest(need_items, resource_items, per_need=per_need):
        n, r = by_need[s.need_id], by_resource[s.resource_id]
        found.append(
            MatchSuggestion(
                n.id,
                n.code,
                n.title,
                n.category,
                r.id,
                r.content,
                r.category.label,
                r.unit_id,
                r.name,
                s.score,
                s.reason,
            )
        )
    return found
