"""书记项目: declare, edit, move through the states, read one or a year's list.

A project's milestones, site visits and inspections live in ``milestones`` and
``inspections``; the wall chart reads them all in ``wallchart``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects import (
    RUNNING_STATES,
    AcceptanceGrade,
    Alert,
    InspectionMethod,
    MilestoneState,
    ProjectCategory,
    ProjectState,
    ProjectStep,
    ReviewResult,
    check_step,
    days_late,
    milestone_state,
    milestone_warning,
    worst,
)
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.projects.common import (
    STREET,
    check_date,
    check_unit,
    check_year,
    text,
    unit_names,
)
from alliance_desk.storage.models import Inspection, Milestone, SecretaryProject, SiteVisit

MAX_BUDGET = Decimal("100000000")


@dataclass(frozen=True, slots=True)
class ProjectInput:
    name: str
    category: ProjectCategory | None
    secretary_name: str
    secretary_title: str
    unit_id: int | None
    problem: str
    measures: str
    expected: str
    planned_start: date
    planned_end: date
    budget: Decimal | str | float = Decimal(0)
    code: str = ""
    """Empty: numbered ``SJXM-<year>-<nnn>`` on declaration."""


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """A line of the project list."""

    id: int
    code: str
    name: str
    year: int
    category: ProjectCategory
    secretary_name: str
    unit_id: int | None
    unit_name: str
    planned_start: date
    planned_end: date
    state: ProjectState
    acceptance_grade: AcceptanceGrade | None
    milestones: int
    milestones_done: int
    alert: Alert
    version: int


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    id: int
    seq: int
    name: str
    duration: int
    planned_start: date
    planned_on: date
    actual_on: date | None
    percent: int
    evidence: str
    state: MilestoneState
    alert: Alert
    days_late: int
    version: int


@dataclass(frozen=True, slots=True)
class SiteVisitRow:
    id: int
    visited_on: date
    place: str
    participants: str
    issues: str
    outcome: str
    version: int


@dataclass(frozen=True, slots=True)
class InspectionRow:
    id: int
    project_id: int | None
    project_code: str
    project_name: str
    unit_id: int | None
    unit_name: str
    inspected_on: date
    method: InspectionMethod
    problem: str
    requirement: str
    fix_by: date | None
    closed_on: date | None
    close_note: str
    version: int
    overdue: bool

    @property
    def status_label(self) -> str:
        if self.closed_on is not None:
            return "已销号"
        return "逾期未整改" if self.overdue else "整改中"


@dataclass(frozen=True, slots=True)
class ProjectDetail:
    id: int
    code: str
    name: str
    year: int
    category: ProjectCategory
    secretary_name: str
    secretary_title: str
    unit_id: int | None
    unit_name: str
    problem: str
    measures: str
    expected: str
    planned_start: date
    planned_end: date
    budget: float
    state: ProjectState
    review_result: ReviewResult | None
    review_comment: str
    reviewed_on: date | None
    acceptance_grade: AcceptanceGrade | None
    acceptance_comment: str
    accepted_on: date | None
    closed_on: date | None
    postpone_reason: str
    terminate_reason: str
    version: int
    milestones: tuple[MilestoneRow, ...]
    visits: tuple[SiteVisitRow, ...]
    inspections: tuple[InspectionRow, ...]

    @property
    def alert(self) -> Alert:
        return worst([m.alert for m in self.milestones if m.actual_on is None])


def _budget(value: Decimal | str | float) -> Decimal:
    try:
        amount = Decimal(str(value).strip() or "0").quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DomainError("经费应填写金额（元），如 12000 或 12000.50。", field="budget") from None
    if not Decimal(0) <= amount < MAX_BUDGET:
        raise DomainError("经费应在 0 到 1 亿元之间。", field="budget")
    return amount


def _checked(project: ProjectInput) -> dict[str, object]:
    if project.category is None:
        raise DomainError("请选择项目类别。", field="category")
    start = check_date(project.planned_start, "计划开始日期", "planned_start")
    end = check_date(project.planned_end, "计划完成日期", "planned_end")
    if end < start:
        raise DomainError("计划完成日期不能早于开始日期。", field="planned_end")
    return {
        "name": text(project.name, "项目名称", 200, "name", required=True),
        "category": ProjectCategory(project.category),
        "secretary_name": text(
            project.secretary_name, "领办书记", 50, "secretary_name", required=True
        ),
        "secretary_title": text(project.secretary_title, "职务", 50, "secretary_title"),
        "unit_id": project.unit_id,
        "problem": text(project.problem, "拟解决问题", 4000, "problem"),
        "measures": text(project.measures, "内容措施", 4000, "measures"),
        "expected": text(project.expected, "预期成效", 4000, "expected"),
        "planned_start": start,
        "planned_end": end,
        "budget": float(_budget(project.budget)),
    }


def declare_project(db: Database, project: ProjectInput) -> int:
    """申报: a new project in state 申报; numbered by its start year when no code is given."""
    values = _checked(project)
    code = text(project.code, "编号", 30, "code")
    year = values["planned_start"].year  # type: ignore[attr-defined]
    check_year(year)
    with db.transaction() as session:
        check_unit(session, project.unit_id)
        if not code:
            code = _next_code(session, year)
        elif session.scalar(select(SecretaryProject.id).where(SecretaryProject.code == code)):
            raise DomainError(f"编号“{code}”已被其他项目使用。", field="code")
        row = SecretaryProject(code=code, year=year, state=ProjectState.DECLARED, **values)
        session.add(row)
        session.flush()
        return row.id


def _next_code(session: Session, year: int) -> str:
    prefix = f"SJXM-{year}-"
    count = (
        session.scalar(select(func.count()).where(SecretaryProject.code.like(prefix + "%"))) or 0
    )
    number = count + 1
    while session.scalar(
        select(SecretaryProject.id).where(SecretaryProject.code == f"{prefix}{number:03d}")
    ):
        number += 1
    return f"{prefix}{number:03d}"


def update_project(db: Database, project_id: int, project: ProjectInput, *, version: int) -> None:
    """Change what was declared; a finished (结项 / 终止 / 否决) project stays as it was."""
    values = _checked(project)
    with db.transaction() as session:
        check_unit(session, project.unit_id)
        row = load_project(session, project_id, version)
        if row.state not in RUNNING_STATES | {ProjectState.DECLARED}:
            raise DomainError(f"项目已{row.state.label}，不能再修改。")
        for key, value in values.items():
            setattr(row, key, value)


def load_project(session: Session, project_id: int, version: int | None) -> SecretaryProject:
    return load_for_edit(
        session,
        SecretaryProject,
        project_id,
        version,
        missing="该书记项目不存在，可能已被他人删除。",
        what=lambda p: f"书记项目“{p.name}”",
    )


# --- states ---------------------------------------------------------------------------------
def review_project(
    db: Database,
    project_id: int,
    *,
    result: ReviewResult,
    comment: str,
    on: date,
    version: int,
) -> None:
    """立项评审: 通过 / 修改后通过 → 立项; 否决 → 否决. 修改后通过 and 否决 need a comment."""
    result = ReviewResult(result)
    comment = text(comment, "评审意见", 2000, "comment")
    if result is not ReviewResult.PASSED and not comment:
        raise DomainError(f"“{result.label}”须写明评审意见。", field="comment")
    with db.transaction() as session:
        row = load_project(session, project_id, version)
        check_step(row.state, ProjectStep.REVIEW)
        row.review_result, row.review_comment, row.reviewed_on = result, comment, on
        row.state = (
            ProjectState.REJECTED if result is ReviewResult.REJECTED else (ProjectState.APPROVED)
        )


def move_project(db: Database, project_id: int, step: ProjectStep, *, version: int) -> None:
    """开始实施, 申请验收, 验收退回: steps that need nothing but the click."""
    step = ProjectStep(step)
    if step not in (ProjectStep.START, ProjectStep.REQUEST_ACCEPTANCE, ProjectStep.RETURN):
        raise ValueError(step)
    targets = {
        ProjectStep.START: ProjectState.IN_PROGRESS,
        ProjectStep.REQUEST_ACCEPTANCE: ProjectState.ACCEPTANCE_REQUESTED,
        ProjectStep.RETURN: ProjectState.IN_PROGRESS,
    }
    with db.transaction() as session:
        row = load_project(session, project_id, version)
        check_step(row.state, step)
        row.state = targets[step]


def accept_project(
    db: Database,
    project_id: int,
    *,
    grade: AcceptanceGrade,
    comment: str,
    on: date,
    version: int,
) -> None:
    """验收 with its 等次."""
    comment = text(comment, "验收意见", 2000, "comment")
    with db.transaction() as session:
        row = load_project(session, project_id, version)
        check_step(row.state, ProjectStep.ACCEPT)
        row.acceptance_grade = AcceptanceGrade(grade)
        row.acceptance_comment, row.accepted_on = comment, on
        row.state = ProjectState.ACCEPTED


def close_project(db: Database, project_id: int, *, on: date, version: int) -> None:
    """结项."""
    with db.transaction() as session:
        row = load_project(session, project_id, version)
        check_step(row.state, ProjectStep.CLOSE)
        row.closed_on, row.state = on, ProjectState.CLOSED


def postpone_project(
    db: Database, project_id: int, *, reason: str, new_end: date, version: int
) -> None:
    """延期: a reason and the new planned completion date (after the old one)."""
    reason = text(reason, "延期原因", 2000, "reason", required=True)
    check_date(new_end, "新的完成日期", "new_end")
    with db.transaction() as session:
        row = load_project(session, project_id, version)
        check_step(row.state, ProjectStep.POSTPONE)
        if new_end <= row.planned_end:
            raise DomainError(
                f"新的完成日期应晚于原计划 {row.planned_end:%Y-%m-%d}。", field="new_end"
            )
        row.postpone_reason = reason
        row.planned_end = new_end
        row.state = ProjectState.POSTPONED


def terminate_project(db: Database, project_id: int, *, reason: str, version: int) -> None:
    """终止 with the reason."""
    reason = text(reason, "终止原因", 2000, "reason", required=True)
    with db.transaction() as session:
        row = load_project(session, project_id, version)
        check_step(row.state, ProjectStep.TERMINATE)
        row.terminate_reason, row.state = reason, ProjectState.TERMINATED


def delete_project(db: Database, project_id: int, *, version: int) -> None:
    """Only a project still 申报 may be deleted (afterwards it is history: 终止 it)."""
    with db.transaction() as session:
        row = load_project(session, project_id, version)
        if row.state is not ProjectState.DECLARED:
            raise DomainError("只有尚在申报的项目可以删除；已立项的项目请“终止”。")
        session.delete(row)


# --- reading --------------------------------------------------------------------------------
def milestone_row(m: Milestone, today: date) -> MilestoneRow:
    return MilestoneRow(
        m.id,
        m.seq,
        m.name,
        m.duration,
        m.planned_start,
        m.planned_on,
        m.actual_on,
        m.percent,
        m.evidence,
        milestone_state(m.planned_on, m.actual_on, m.percent, today),
        milestone_warning(m.planned_on, m.actual_on, today),
        days_late(m.planned_on, m.actual_on, today),
        m.version,
    )


def inspection_rows(
    session: Session, inspections: list[Inspection], today: date
) -> list[InspectionRow]:
    project_ids = {i.project_id for i in inspections if i.project_id is not None}
    projects: dict[int, tuple[str, str]] = {}
    if project_ids:
        projects = {
            pid: (code, name)
            for pid, code, name in session.execute(
                select(SecretaryProject.id, SecretaryProject.code, SecretaryProject.name).where(
                    SecretaryProject.id.in_(project_ids)
                )
            )
        }
    names = unit_names(session, (i.unit_id for i in inspections))
    return [
        InspectionRow(
            i.id,
            i.project_id,
            *projects.get(i.project_id or 0, ("", "")),
            i.unit_id,
            names.get(i.unit_id, STREET),
            i.inspected_on,
            i.method,
            i.problem,
            i.requirement,
            i.fix_by,
            i.closed_on,
            i.close_note,
            i.version,
            i.closed_on is None and i.fix_by is not None and i.fix_by < today,
        )
        for i in inspections
    ]


def get_project(db: Database, project_id: int, *, today: date) -> ProjectDetail:
    with db.reading() as session:
        p = load_project(session, project_id, None)
        milestones = session.scalars(
            select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.seq)
        ).all()
        visits = session.scalars(
            select(SiteVisit)
            .where(SiteVisit.project_id == project_id)
            .order_by(SiteVisit.visited_on, SiteVisit.id)
        ).all()
        inspections = session.scalars(
            select(Inspection)
            .where(Inspection.project_id == project_id)
            .order_by(Inspection.inspected_on, Inspection.id)
        ).all()
        names = unit_names(session, [p.unit_id])
        return ProjectDetail(
            p.id,
            p.code,
            p.name,
            p.year,
            p.category,
            p.secretary_name,
            p.secretary_title,
            p.unit_id,
            names.get(p.unit_id, STREET),
            p.problem,
            p.measures,
            p.expected,
            p.planned_start,
            p.planned_end,
            p.budget,
            p.state,
            p.review_result,
            p.review_comment,
            p.reviewed_on,
            p.acceptance_grade,
            p.acceptance_comment,
            p.accepted_on,
            p.closed_on,
            p.postpone_reason,
            p.terminate_reason,
            p.version,
            tuple(milestone_row(m, today) for m in milestones),
            tuple(
                SiteVisitRow(
                    v.id, v.visited_on, v.place, v.participants, v.issues, v.outcome, v.version
                )
                for v in visits
            ),
            tuple(inspection_rows(session, list(inspections), today)),
        )


def list_projects(db: Database, *, year: int | None, today: date) -> list[ProjectRow]:
    """The projects of ``year`` (all years when None), by code, with their worst warning."""
    where = [] if year is None else [SecretaryProject.year == year]
    with db.reading() as session:
        projects = session.execute(
            select(
                SecretaryProject.id,
                SecretaryProject.code,
                SecretaryProject.name,
                SecretaryProject.year,
                SecretaryProject.category,
                SecretaryProject.secretary_name,
                SecretaryProject.unit_id,
                SecretaryProject.planned_start,
                SecretaryProject.planned_end,
                SecretaryProject.state,
                SecretaryProject.acceptance_grade,
                SecretaryProject.version,
            )
            .where(*where)
            .order_by(SecretaryProject.code)
        ).all()
        query = select(Milestone.project_id, Milestone.planned_on, Milestone.actual_on).join(
            SecretaryProject, SecretaryProject.id == Milestone.project_id
        )
        marks = session.execute(query.where(*where)).all()
        names = unit_names(session, (p.unit_id for p in projects))
    counts: dict[int, list[int]] = {}
    alerts: dict[int, list[Alert]] = {}
    for project_id, planned_on, actual_on in marks:
        tally = counts.setdefault(project_id, [0, 0])
        tally[0] += 1
        if actual_on is not None:
            tally[1] += 1
        else:
            alerts.setdefault(project_id, []).append(milestone_warning(planned_on, None, today))
    rows = []
    for p in projects:
        total, done = counts.get(p.id, (0, 0))
        running = p.state in RUNNING_STATES
        alert = worst(alerts.get(p.id, [])) if running else Alert.NONE
        rows.append(
            ProjectRow(
                p.id,
                p.code,
                p.name,
                p.year,
                p.category,
                p.secretary_name,
                p.unit_id,
                names.get(p.unit_id, STREET),
                p.planned_start,
                p.planned_end,
                p.state,
                p.acceptance_grade,
                total,
                done,
                alert,
                p.version,
            )
        )
    return rows


def project_years(db: Database) -> list[int]:
    with db.reading() as session:
        return list(
            session.scalars(
                select(SecretaryProject.year).distinct().order_by(SecretaryProject.year)
            )
        )
