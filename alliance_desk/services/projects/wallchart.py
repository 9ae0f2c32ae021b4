"""挂图作战: every project of a year with its milestones, plan against actual, by month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from alliance_desk.core.projects import (
    RUNNING_STATES,
    Alert,
    ProjectState,
    milestone_warning,
    worst,
)
from alliance_desk.services.database import Database
from alliance_desk.services.projects.common import STREET, check_year, unit_names
from alliance_desk.storage.models import Milestone, SecretaryProject


@dataclass(frozen=True, slots=True)
class ChartMilestone:
    name: str
    planned_start: date
    planned_on: date
    actual_on: date | None
    alert: Alert


@dataclass(frozen=True, slots=True)
class ChartRow:
    id: int
    code: str
    name: str
    unit_name: str
    state: ProjectState
    planned_start: date
    planned_end: date
    milestones: tuple[ChartMilestone, ...]
    alert: Alert

    @property
    def actual_end(self) -> date | None:
        """The last milestone's completion, when all are done."""
        if not self.milestones or any(m.actual_on is None for m in self.milestones):
            return None
        return max(m.actual_on for m in self.milestones if m.actual_on is not None)


@dataclass(frozen=True, slots=True)
class WallChart:
    year: int
    today: date
    rows: tuple[ChartRow, ...]

    def count(self, alert: Alert) -> int:
        return sum(1 for r in self.rows if r.alert is alert)


def wall_chart(db: Database, *, year: int, today: date) -> WallChart:
    """The year's projects (rejected ones left out), by code."""
    check_year(year)
    where = [SecretaryProject.year == year, SecretaryProject.state != ProjectState.REJECTED]
    with db.reading() as session:
        connection = session.connection()
        projects = connection.execute(
            select(
                SecretaryProject.id,
                SecretaryProject.code,
                SecretaryProject.name,
                SecretaryProject.unit_id,
                SecretaryProject.state,
                SecretaryProject.planned_start,
                SecretaryProject.planned_end,
            )
            .where(*where)
            .order_by(SecretaryProject.code)
        ).all()
        marks = connection.execute(
            select(
                Milestone.project_id,
                Milestone.name,
                Milestone.planned_start,
                Milestone.planned_on,
                Milestone.actual_on,
            )
            .join(SecretaryProject, SecretaryProject.id == Milestone.project_id)
            .where(*where)
            .order_by(Milestone.project_id, Milestone.seq)
        ).all()
        names = unit_names(session, (p.unit_id for p in projects))
    by_project: dict[int, list[ChartMilestone]] = {}
    for project_id, name, start, planned_on, actual_on in marks:
        by_project.setdefault(project_id, []).append(
            ChartMilestone(
                name, start, planned_on, actual_on, milestone_warning(planned_on, actual_on, today)
            )
        )
    rows = []
    for p in projects:
        milestones = tuple(by_project.get(p.id, ()))
        open_alerts = [m.alert for m in milestones if m.actual_on is None]
        alert = worst(open_alerts) if ProjectState(p.state) in RUNNING_STATES else Alert.NONE
        rows.append(
            ChartRow(
                p.id,
                p.code,
                p.name,
                names.get(p.unit_id, STREET),
                ProjectState(p.state),
                p.planned_start,
                p.planned_end,
                milestones,
                alert,
            )
        )
    return WallChart(year, today, tuple(rows))
