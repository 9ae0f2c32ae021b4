"""The demo's 书记一号工程 and 年终考核: the article's 162 projects and two assessment years."""

from __future__ import annotations

from sqlalchemy import func, select

from alliance_desk.core.projects import Alert, MilestoneState, ProjectState
from alliance_desk.services import Database
from alliance_desk.services.assessment import results as rs
from alliance_desk.services.assessment import setup as st
from alliance_desk.services.demo.common import DEMO_TODAY
from alliance_desk.services.projects import milestones as ms
from alliance_desk.services.projects import records as pr
from alliance_desk.services.projects import tasks as tk
from alliance_desk.storage.models import BallotTally, Milestone, SecretaryProject


def test_162_projects_with_milestones_some_late(demo: Database) -> None:
    with demo.reading() as session:
        assert session.scalar(select(func.count()).select_from(SecretaryProject)) == 162
        assert session.scalar(select(func.count()).select_from(Milestone)) > 600
    current = pr.list_projects(demo, year=DEMO_TODAY.year, today=DEMO_TODAY)
    assert len(current) == 54
    assert {Alert.NONE, Alert.RED, Alert.YELLOW} <= {p.alert for p in current}
    states = {p.state for p in pr.list_projects(demo, year=None, today=DEMO_TODAY)}
    assert {
        ProjectState.CLOSED,
        ProjectState.IN_PROGRESS,
        ProjectState.POSTPONED,
        ProjectState.TERMINATED,
    } <= states
    marks = [
        m for p in current[:30] for m in pr.get_project(demo, p.id, today=DEMO_TODAY).milestones
    ]
    assert {MilestoneState.DONE_ON_TIME, MilestoneState.DONE_LATE} <= {m.state for m in marks}
    detail = pr.get_project(demo, current[0].id, today=DEMO_TODAY)
    assert detail.visits


def test_inspections_closed_and_open_and_task_lists(demo: Database) -> None:
    rows = ms.list_inspections(demo, year=DEMO_TODAY.year, today=DEMO_TODAY)
    assert any(r.closed_on for r in rows) and any(r.closed_on is None for r in rows)
    for year in (DEMO_TODAY.year - 2, DEMO_TODAY.year - 1, DEMO_TODAY.year):
        sheet = tk.task_sheet(demo, year, today=DEMO_TODAY)
        assert sheet.exists and len(sheet.items) == 21
    assert tk.task_sheet(demo, DEMO_TODAY.year, today=DEMO_TODAY).overdue > 0


def test_last_year_signed_off_this_year_in_progress(demo: Database) -> None:
    last, this = DEMO_TODAY.year - 1, DEMO_TODAY.year
    assert st.assessment_setup(demo, last).locked
    report = rs.assess_year(demo, last, today=DEMO_TODAY)
    assert report.frozen and len(report.lines) > 150
    assert report.lines[0].rank == 1 and all(
        p.score is not None for p in report.lines[0].parts if p.key in ("review", "survey")
    )
    groups = st.list_rater_groups(demo, last)
    assert [g.name for g in groups] == ["上级", "党员代表", "居民代表", "成员单位"]
    assert all(0 < g.returned <= g.issued for g in groups)
    assert st.list_surveys(demo, last)
    now = rs.assess_year(demo, this, today=DEMO_TODAY)
    assert not now.frozen and not st.assessment_setup(demo, this).locked
    with demo.reading() as session:
        this_groups = [g.id for g in st.list_rater_groups(demo, this)]
        entered = session.scalar(
            select(func.count())
            .select_from(BallotTally)
            .where(BallotTally.group_id.in_(this_groups))
        )
    assert 0 < entered < len(now.lines) * 4  # one group's tallies entered so far
