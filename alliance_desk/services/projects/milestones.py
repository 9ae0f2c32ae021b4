"""倒排工期 and milestone progress; 现场办公 and 督查 records with their 销号."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects import (
    RUNNING_STATES,
    BackwardPlan,
    InspectionMethod,
    ProjectState,
    plan_backwards,
)
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.projects.common import (
    check_date,
    check_unit,
    text,
    workday_calendar,
)
from alliance_desk.services.projects.records import (
    InspectionRow,
    inspection_rows,
    load_project,
)
from alliance_desk.storage.models import Inspection, Milestone, SecretaryProject, SiteVisit


def preview_plan(
    db: Database,
    *,
    deadline: date,
    steps: Sequence[tuple[str, int]],
    earliest: date,
) -> BackwardPlan:
    """The backward plan on the meetings' workday calendar (nothing is saved)."""
    check_date(deadline, "完成时限", "deadline")
    check_date(earliest, "最早开始日期", "earliest")
    with db.reading() as session:
        calendar = workday_calendar(session)
    return plan_backwards(deadline, steps, earliest=earliest, is_workday=calendar.is_workday)


def save_plan(
    db: Database,
    project_id: int,
    *,
    deadline: date,
    steps: Sequence[tuple[str, int]],
    version: int,
) -> BackwardPlan:
    """Replace a project's milestones by the backward plan from ``deadline``.

    The plan must fit between the project's planned start and the deadline (which
    becomes its planned end); milestones already completed may not be replanned away.
    """
    check_date(deadline, "完成时限", "deadline")
    with db.transaction() as session:
        project = load_project(session, project_id, version)
        if project.state not in RUNNING_STATES | {ProjectState.DECLARED}:
            raise DomainError(f"项目已{project.state.label}，不能再排工期。")
        done = session.scalar(
            select(Milestone.id).where(
                Milestone.project_id == project_id, Milestone.actual_on.is_not(None)
            )
        )
        if done is not None:
            raise DomainError("已有节点完成，不能整体重排；请逐个修改未完成节点。")
        calendar = workday_calendar(session)
        plan = plan_backwards(
            deadline, steps, earliest=project.planned_start, is_workday=calendar.is_workday
        )
        if not plan.fits:
            raise DomainError(plan.message, field="milestones")
        session.execute(delete(Milestone).where(Milestone.project_id == project_id))
        for seq, step in enumerate(plan.steps, start=1):
            session.add(
                Milestone(
                    project_id=project_id,
                    seq=seq,
                    name=step.name,
                    duration=step.duration,
                    planned_start=step.start,
                    planned_on=step.end,
                )
            )
        project.planned_end = deadline
        return plan


def record_milestone(
    db: Database,
    milestone_id: int,
    *,
    percent: int,
    actual_on: date | None,
    evidence: str,
    version: int,
) -> None:
    """完成度 and 佐证; an 实际完成日 marks the milestone done (100 %)."""
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise DomainError("完成度应在 0–100 之间。", field="percent")
    evidence = text(evidence, "佐证材料", 2000, "evidence")
    with db.transaction() as session:
        row = load_for_edit(
            session,
            Milestone,
            milestone_id,
            version,
            missing="该节点已被删除。",
            what=lambda m: f"节点“{m.name}”",
        )
        project = session.get(SecretaryProject, row.project_id)
        assert project is not None
        if project.state not in RUNNING_STATES:
            raise DomainError(f"项目为“{project.state.label}”，不能登记节点进度。")
        row.actual_on = actual_on
        row.percent = 100 if actual_on is not None else percent
        row.evidence = evidence


# --- 现场办公 ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SiteVisitInput:
    visited_on: date
    place: str
    participants: str
    issues: str
    outcome: str


def add_site_visit(db: Database, project_id: int, visit: SiteVisitInput) -> int:
    values = {
        "visited_on": check_date(visit.visited_on, "办公日期", "visited_on"),
        "place": text(visit.place, "地点", 200, "place", required=True),
        "participants": text(visit.participants, "参加人员", 2000, "participants"),
        "issues": text(visit.issues, "协调事项", 4000, "issues", required=True),
        "outcome": text(visit.outcome, "办理结果", 4000, "outcome"),
    }
    with db.transaction() as session:
        load_project(session, project_id, None)
        row = SiteVisit(project_id=project_id, **values)
        session.add(row)
        session.flush()
        return row.id


def delete_site_visit(db: Database, visit_id: int, *, version: int) -> None:
    with db.transaction() as session:
        row = load_for_edit(
            session,
            SiteVisit,
            visit_id,
            version,
            missing="该现场办公记录已被删除。",
            what=lambda v: "现场办公记录",
        )
        session.delete(row)


# --- 督查 ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InspectionInput:
    inspected_on: date
    method: InspectionMethod | None
    problem: str
    requirement: str
    fix_by: date | None
    project_id: int | None = None
    unit_id: int | None = None


def add_inspection(db: Database, inspection: InspectionInput) -> int:
    """A 督查 record; of a project its unit is the project's (the leading secretary's)."""
    if inspection.method is None:
        raise DomainError("请选择督查方式。", field="method")
    on = check_date(inspection.inspected_on, "督查日期", "inspected_on")
    if inspection.fix_by is not None and inspection.fix_by < on:
        raise DomainError("整改时限不能早于督查日期。", field="fix_by")
    values = {
        "inspected_on": on,
        "method": InspectionMethod(inspection.method),
        "problem": text(inspection.problem, "发现问题", 4000, "problem", required=True),
        "requirement": text(inspection.requirement, "整改要求", 4000, "requirement"),
        "fix_by": inspection.fix_by,
    }
    with db.transaction() as session:
        unit_id = inspection.unit_id
        if inspection.project_id is not None:
            unit_id = load_project(session, inspection.project_id, None).unit_id
        check_unit(session, unit_id)
        row = Inspection(project_id=inspection.project_id, unit_id=unit_id, **values)
        session.add(row)
        session.flush()
        return row.id


def close_inspection(
    db: Database, inspection_id: int, *, on: date, note: str, version: int
) -> None:
    """销号: the problem is fixed (the note says how)."""
    note = text(note, "整改情况", 2000, "close_note", required=True)
    check_date(on, "销号日期", "closed_on")
    with db.transaction() as session:
        row = _load_inspection(session, inspection_id, version)
        if row.closed_on is not None:
            raise DomainError("该问题已销号。")
        if on < row.inspected_on:
            raise DomainError("销号日期不能早于督查日期。", field="closed_on")
        row.closed_on, row.close_note = on, note


def reopen_inspection(db: Database, inspection_id: int, *, version: int) -> None:
    """Undo a 销号 (the fix did not hold)."""
    with db.transaction() as session:
        row = _load_inspection(session, inspection_id, version)
        row.closed_on, row.close_note = None, ""


def _load_inspection(session: Session, inspection_id: int, version: int | None) -> Inspection:
    return load_for_edit(
        session,
        Inspection,
        inspection_id,
        version,
        missing="该督查记录已被删除。",
        what=lambda i: "督查记录",
    )


def list_inspections(
    db: Database, *, year: int, today: date, open_only: bool = False
) -> list[InspectionRow]:
    """The year's inspections (by 督查日期), open ones only if asked."""
    where = [
        Inspection.inspected_on >= date(year, 1, 1),
        Inspection.inspected_on <= date(year, 12, 31),
    ]
    if open_only:
        where.append(Inspection.closed_on.is_(None))
    with db.reading() as session:
        found = session.scalars(
            select(Inspection).where(*where).order_by(Inspection.inspected_on, Inspection.id)
        ).all()
        return inspection_rows(session, list(found), today)
