"""书记一号工程 services: 任务书, project states, 倒排工期, milestones, 督查 and 销号."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.projects import (
    AcceptanceGrade,
    Alert,
    InspectionMethod,
    MilestoneState,
    ProjectCategory,
    ProjectState,
    ProjectStep,
    ReviewResult,
    TaskState,
)
from alliance_desk.core.vocab import AuditAction, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.calendar_days import set_calendar_day
from alliance_desk.services.projects import milestones as ms
from alliance_desk.services.projects import records as pr
from alliance_desk.services.projects import tasks as tk
from alliance_desk.services.projects.wallchart import wall_chart
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.storage.models import AuditEntry

TODAY = date(2025, 9, 15)


def _unit(db: Database, name: str = "区民政局") -> int:
    return create_unit(db, UnitInput(name=name, category=UnitCategory.GOVERNMENT)).unit.id


def _project(db: Database, unit_id: int | None, **changes: object) -> int:
    values: dict[str, object] = {
        "name": "老旧小区加装电梯",
        "category": ProjectCategory.COMMUNITY_GOVERNANCE,
        "secretary_name": "王书记",
        "secretary_title": "党组书记",
        "unit_id": unit_id,
        "problem": "老人上下楼难",
        "measures": "协调资金、施工",
        "expected": "加装 4 部电梯",
        "planned_start": date(2025, 3, 1),
        "planned_end": date(2025, 11, 30),
        "budget": "120000",
    }
    values.update(changes)
    return pr.declare_project(db, pr.ProjectInput(**values))  # type: ignore[arg-type]


def _version(db: Database, project_id: int) -> int:
    return pr.get_project(db, project_id, today=TODAY).version


def test_task_list_items_progress_and_overdue(db: Database) -> None:
    unit = _unit(db)
    item = tk.TaskItemInput(
        "组织建设",
        "规范组织生活",
        "全年12次",
        "每月一次",
        unit,
        "张三",
        date(2025, 6, 30),
        "3月、6月",
    )
    first = tk.add_task_item(db, 2025, item)
    second = tk.add_task_item(
        db,
        2025,
        tk.TaskItemInput(
            "阵地建设", "建设党群服务中心", "建成", "选址装修", None, "李四", date(2025, 12, 31)
        ),
    )
    sheet = tk.task_sheet(db, 2025, today=TODAY)
    assert sheet.exists and [i.seq for i in sheet.items] == [1, 2]
    assert sheet.items[0].overdue and sheet.items[0].status_label == "逾期"
    assert sheet.items[1].unit_name == "街道党工委" and not sheet.items[1].overdue
    assert [name for _u, name, _rows in sheet.by_unit()] == ["区民政局", "街道党工委"]
    assert tk.task_progress_history(db, first) == []
    tk.record_task_progress(
        db, first, percent=30, note="已开3次", done_on=None, version=sheet.items[0].version
    )
    def version() -> int:
        return tk.task_sheet(db, 2025, today=TODAY).items[0].version

    tk.update_task_item(db, first, item, version=version())  # not progress
    tk.record_task_progress(
        db, first, percent=50, note="已完成", done_on=date(2025, 7, 2), version=version()
    )
    history = tk.task_progress_history(db, first)
    assert [(h.percent, h.note, h.done_on) for h in history] == [
        (30, "已开3次", None),
        (100, "已完成", date(2025, 7, 2)),
    ]
    assert history[0].at <= history[1].at
    done = tk.task_sheet(db, 2025, today=TODAY).items[0]
    assert done.state is TaskState.DONE and done.percent == 100
    assert done.status_label == "逾期完成" and not done.overdue
    with pytest.raises(ConflictError):
        tk.record_task_progress(
            db, first, percent=10, note="", done_on=None, version=sheet.items[0].version
        )
    with pytest.raises(DomainError, match="任务内容"):
        tk.add_task_item(db, 2025, tk.TaskItemInput("", " ", "", "", None, "", date(2025, 1, 1)))
    tk.delete_task_item(db, second, version=sheet.items[1].version)
    assert len(tk.task_sheet(db, 2025, today=TODAY).items) == 1


def test_project_walks_its_states_and_side_exits(db: Database) -> None:
    unit = _unit(db)
    pid = _project(db, unit)
    detail = pr.get_project(db, pid, today=TODAY)
    assert detail.code == "SJXM-2025-001" and detail.state is ProjectState.DECLARED
    with pytest.raises(DomainError, match="评审意见"):
        pr.review_project(
            db,
            pid,
            result=ReviewResult.PASSED_AFTER_REVISION,
            comment="",
            on=TODAY,
            version=detail.version,
        )
    pr.review_project(
        db,
        pid,
        result=ReviewResult.PASSED_AFTER_REVISION,
        comment="压缩预算",
        on=TODAY,
        version=detail.version,
    )
    pr.move_project(db, pid, ProjectStep.START, version=_version(db, pid))
    with pytest.raises(DomainError, match="不能验收"):
        pr.accept_project(
            db, pid, grade=AcceptanceGrade.GOOD, comment="", on=TODAY, version=_version(db, pid)
        )
    with pytest.raises(DomainError, match="应晚于"):
        pr.postpone_project(
            db, pid, reason="施工许可", new_end=date(2025, 10, 1), version=_version(db, pid)
        )
    pr.postpone_project(
        db, pid, reason="施工许可延迟", new_end=date(2026, 1, 31), version=_version(db, pid)
    )
    detail = pr.get_project(db, pid, today=TODAY)
    assert detail.state is ProjectState.POSTPONED and detail.planned_end == date(2026, 1, 31)
    pr.move_project(db, pid, ProjectStep.REQUEST_ACCEPTANCE, version=detail.version)
    pr.accept_project(
        db,
        pid,
        grade=AcceptanceGrade.EXCELLENT,
        comment="群众满意",
        on=TODAY,
        version=_version(db, pid),
    )
    pr.close_project(db, pid, on=TODAY, version=_version(db, pid))
    assert pr.get_project(db, pid, today=TODAY).state is ProjectState.CLOSED
    with pytest.raises(DomainError):
        pr.terminate_project(db, pid, reason="x", version=_version(db, pid))
    other = _project(db, None, name="街道书记项目")
    assert pr.get_project(db, other, today=TODAY).code == "SJXM-2025-002"
    pr.terminate_project(db, other, reason="并入区级项目", version=_version(db, other))
    assert pr.get_project(db, other, today=TODAY).unit_name == "街道党工委"
    rejected = _project(db, unit, name="被否决的项目")
    pr.review_project(
        db,
        rejected,
        result=ReviewResult.REJECTED,
        comment="不属于书记项目",
        on=TODAY,
        version=_version(db, rejected),
    )
    assert pr.get_project(db, rejected, today=TODAY).state is ProjectState.REJECTED
    with db.reading() as session:
        audited = session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.entity == "secretary_project", AuditEntry.entity_id == pid
            )
        ).all()
    assert audited.count(AuditAction.UPDATE) >= 6


def test_backward_plan_on_the_entered_calendar_and_a_plan_that_cannot_fit(db: Database) -> None:
    pid = _project(db, _unit(db), planned_start=date(2025, 9, 1))
    # The clerk marks Friday 2025-10-10 as a holiday: the last step must end on 10-09.
    set_calendar_day(db, day=date(2025, 10, 10), is_workday=False, name="调休")
    steps = [("调研摸底", 3), ("方案制定", 2), ("组织实施", 5)]
    preview = ms.preview_plan(
        db, deadline=date(2025, 10, 10), steps=steps, earliest=date(2025, 9, 1)
    )
    assert preview.fits and preview.steps[-1].end == date(2025, 10, 9)
    plan = ms.save_plan(
        db, pid, deadline=date(2025, 10, 10), steps=steps, version=_version(db, pid)
    )
    detail = pr.get_project(db, pid, today=TODAY)
    assert [m.planned_on for m in detail.milestones] == [s.end for s in plan.steps]
    assert detail.planned_end == date(2025, 10, 10)
    with pytest.raises(DomainError, match="排不下"):
        ms.save_plan(db, pid, deadline=date(2025, 9, 5), steps=steps, version=detail.version)
    assert len(pr.get_project(db, pid, today=TODAY).milestones) == 3  # nothing replaced


def test_milestone_progress_states_and_warnings(db: Database) -> None:
    pid = _project(db, _unit(db))
    detail = pr.get_project(db, pid, today=TODAY)
    pr.review_project(
        db, pid, result=ReviewResult.PASSED, comment="", on=TODAY, version=detail.version
    )
    ms.save_plan(
        db,
        pid,
        deadline=date(2025, 9, 30),
        steps=[("调研", 20), ("实施", 60)],
        version=_version(db, pid),
    )
    first, second = pr.get_project(db, pid, today=TODAY).milestones
    ms.record_milestone(
        db,
        first.id,
        percent=0,
        actual_on=first.planned_on,
        evidence="调研报告",
        version=first.version,
    )
    today = date(2025, 11, 5)  # 36 days after the second milestone's planned day
    first, second = pr.get_project(db, pid, today=today).milestones
    assert first.state is MilestoneState.DONE_ON_TIME and first.percent == 100
    assert second.state is MilestoneState.OVERDUE and second.alert is Alert.RED
    rows = pr.list_projects(db, year=2025, today=today)
    assert rows[0].alert is Alert.RED and (rows[0].milestones, rows[0].milestones_done) == (2, 1)
    chart = wall_chart(db, year=2025, today=today)
    assert chart.rows[0].alert is Alert.RED and chart.count(Alert.RED) == 1
    ms.record_milestone(
        db,
        second.id,
        percent=100,
        actual_on=date(2025, 10, 10),
        evidence="",
        version=second.version,
    )
    second = pr.get_project(db, pid, today=today).milestones[1]
    assert second.state is MilestoneState.DONE_LATE and second.alert is Alert.YELLOW


def test_site_visits_and_inspections_with_closing(db: Database) -> None:
    unit = _unit(db)
    pid = _project(db, unit)
    ms.add_site_visit(
        db,
        pid,
        ms.SiteVisitInput(
            date(2025, 5, 6), "幸福小区", "王书记等", "电梯井道占地", "已协调规划部门"
        ),
    )
    with pytest.raises(DomainError, match="整改时限"):
        ms.add_inspection(
            db,
            ms.InspectionInput(
                date(2025, 6, 1),
                InspectionMethod.ON_SITE,
                "进度滞后",
                "加快",
                date(2025, 5, 1),
                pid,
            ),
        )
    found = ms.add_inspection(
        db,
        ms.InspectionInput(
            date(2025, 6, 1),
            InspectionMethod.ON_SITE,
            "进度滞后",
            "7月底前完成",
            date(2025, 7, 31),
            pid,
        ),
    )
    ms.add_inspection(
        db,
        ms.InspectionInput(
            date(2025, 6, 2),
            InspectionMethod.PHONE,
            "台账不全",
            "补齐台账",
            date(2025, 6, 30),
            None,
            unit,
        ),
    )
    rows = ms.list_inspections(db, year=2025, today=TODAY)
    assert [r.status_label for r in rows] == ["逾期未整改", "逾期未整改"]
    assert rows[0].unit_id == unit and rows[0].project_code == "SJXM-2025-001"
    with pytest.raises(DomainError, match="整改情况"):
        ms.close_inspection(db, found, on=TODAY, note="", version=rows[0].version)
    ms.close_inspection(db, found, on=date(2025, 7, 20), note="已完成施工", version=rows[0].version)
    assert len(ms.list_inspections(db, year=2025, today=TODAY, open_only=True)) == 1
    detail = pr.get_project(db, pid, today=TODAY)
    assert len(detail.visits) == 1 and detail.inspections[0].status_label == "已销号"
