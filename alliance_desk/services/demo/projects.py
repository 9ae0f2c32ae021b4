"""书记一号工程 and 年终考核 demo rows.

162 secretary projects over the demo's three years (the article's figure; ×scale),
each planned backwards from its deadline on the demo's working days, with milestones
(some late, some overdue now), site visits, inspections closed and open; a 任务书 a
year; and the assessment of last year (weights, ballots, surveys, adjustments — signed
off by :func:`sign_off_demo_year` once the rows are in) and of this year in progress.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import insert, update

from alliance_desk.core.assessment import AdjustmentKind, Grade, GradeMode
from alliance_desk.core.projects import (
    AcceptanceGrade,
    InspectionMethod,
    ProjectCategory,
    ProjectState,
    ReviewResult,
    TaskState,
    plan_backwards,
)
from alliance_desk.services.database import Database
from alliance_desk.services.demo.common import DEMO_TODAY, DemoData, Row, child_rng, draw_int, pick
from alliance_desk.services.demo.timeline import Workdays
from alliance_desk.storage.models import (
    Adjustment,
    AssessmentResult,
    AssessmentYear,
    BallotTally,
    IndicatorWeight,
    Inspection,
    Milestone,
    RaterGroup,
    SatisfactionSurvey,
    SecretaryProject,
    SiteVisit,
    TaskItem,
    TaskList,
    Unit,
)

PROJECTS_PER_YEAR = 54  # 3 years × 54 = 162, the article's figure
YEARS = (DEMO_TODAY.year - 2, DEMO_TODAY.year - 1, DEMO_TODAY.year)
ASSESSED_YEAR = DEMO_TODAY.year - 1
CURRENT_YEAR = DEMO_TODAY.year

_THEMES: dict[ProjectCategory, tuple[str, ...]] = {
    ProjectCategory.PARTY_BUILDING: (
        "党员先锋岗创建",
        "红色物业党建引领",
        "楼栋党小组全覆盖",
        "党群服务驿站提质",
        "流动党员之家建设",
        "两新组织党建覆盖",
    ),
    ProjectCategory.CITY_MANAGEMENT: (
        "背街小巷环境整治",
        "老旧小区停车秩序治理",
        "占道经营疏导",
        "垃圾分类示范片区",
        "违建清零攻坚",
    ),
    ProjectCategory.COMMUNITY_GOVERNANCE: (
        "网格化精细治理",
        "居民议事厅建设",
        "矛盾纠纷多元化解",
        "平安小区创建",
        "睦邻互助圈",
    ),
    ProjectCategory.PUBLIC_SERVICE: (
        "一老一小服务站",
        "社区食堂助餐",
        "老旧小区加装电梯",
        "四点半课堂",
        "就业帮扶驿站",
    ),
    ProjectCategory.INFRASTRUCTURE: (
        "排水管网改造",
        "社区健身场地提升",
        "智慧安防监控补点",
        "充电桩进小区",
        "路灯亮化",
    ),
}
_TITLES = ("党委书记", "党支部书记", "党总支书记", "党组书记")
_STEPS = (
    ("调研摸底", 8, 15),
    ("方案制定", 5, 12),
    ("组织实施", 30, 70),
    ("督导推进", 8, 20),
    ("总结验收", 5, 10),
)
_PLACES = ("项目现场", "社区党群服务中心", "小区院内", "单位会议室", "施工点位")
_ISSUES = (
    "资金拨付进度",
    "施工扰民投诉",
    "场地协调",
    "居民意见分歧",
    "部门审批衔接",
    "物业配合问题",
)
_PROBLEMS = (
    "台账资料不完整",
    "节点进度滞后",
    "佐证材料缺失",
    "居民知晓率不高",
    "经费使用不规范",
    "公示内容未更新",
)
_TASKS = (
    ("组织建设", "规范党组织生活，落实“三会一课”", "全年组织生活不少于12次", "每月固定主题党日"),
    ("阵地建设", "提升党群服务中心功能", "服务事项清单上墙", "整合场地、配齐设施"),
    ("队伍建设", "开展党务干部轮训", "党务干部培训全覆盖", "分批次集中培训"),
    ("共建共治", "落实联席会议制度", "联席会议每季度至少1次", "轮值主席牵头召集"),
    ("为民服务", "办好书记项目", "按期完成并通过验收", "倒排工期、挂图作战"),
    ("双向承诺", "兑现双向承诺事项", "按期履诺率不低于90%", "每月跟踪承诺进度"),
    ("作风建设", "开展作风问题专项整治", "问题整改销号率100%", "建立问题清单"),
)


def generate_projects(rng: random.Random, scale: int, data: DemoData) -> None:
    units = [u for u in data.of(Unit) if u["active"]]
    if not units:
        return
    workdays = Workdays()
    project_rng, task_rng, assess_rng = (child_rng(rng) for _ in range(3))
    _projects(project_rng, scale, units, workdays, data)
    _task_lists(task_rng, units, data)
    _assessment(assess_rng, units, data)


def _state_for(rng: random.Random, year: int) -> ProjectState:
    roll = rng.random()
    if year < CURRENT_YEAR:
        if roll < 0.03:
            return ProjectState.TERMINATED
        return ProjectState.CLOSED
    if roll < 0.03:
        return ProjectState.REJECTED
    if roll < 0.06:
        return ProjectState.POSTPONED
    if roll < 0.16:
        return ProjectState.ACCEPTANCE_REQUESTED
    if roll < 0.24:
        return ProjectState.ACCEPTED
    return ProjectState.IN_PROGRESS


def _projects(
    rng: random.Random, scale: int, units: list[Row], workdays: Workdays, data: DemoData
) -> None:
    projects: list[Row] = []
    milestones: list[Row] = []
    visits: list[Row] = []
    inspections: list[Row] = []
    categories = list(ProjectCategory)
    for year in YEARS:
        for number in range(1, PROJECTS_PER_YEAR * scale + 1):
            unit = pick(rng, units)
            category = pick(rng, categories)
            start = workdays.on_or_after(date(year, 2, 20) + timedelta(days=draw_int(rng, 0, 40)))
            end = workdays.on_or_before(date(year, 10, 15) + timedelta(days=draw_int(rng, 0, 60)))
            state = _state_for(rng, year)
            pid = len(projects) + 1
            grade = None
            if state in (ProjectState.CLOSED, ProjectState.ACCEPTED):
                grade = pick(
                    rng,
                    (AcceptanceGrade.EXCELLENT,) * 4
                    + (AcceptanceGrade.GOOD,) * 4
                    + (AcceptanceGrade.PASS, AcceptanceGrade.FAIL),
                )
            postponed = state is ProjectState.POSTPONED
            projects.append(
                {
                    "id": pid,
                    "code": f"SJXM-{year}-{number:03d}",
                    "name": pick(rng, _THEMES[category]) + "项目",
                    "year": year,
                    "category": category,
                    "secretary_name": unit["secretary"] or "王建国",
                    "secretary_title": pick(rng, _TITLES),
                    "unit_id": unit["id"],
                    "problem": "群众反映集中、长期未解决的问题，需要书记牵头协调解决。",
                    "measures": "书记领办，成立专班，倒排工期，定期现场办公，挂图作战。",
                    "expected": "问题按期解决，群众满意度明显提升。",
                    "planned_start": start,
                    "planned_end": end + timedelta(days=45) if postponed else end,
                    "budget": float(draw_int(rng, 2, 60) * 5000),
                    "state": state,
                    "review_result": _review(rng, state),
                    "review_comment": "与街道重点工作重复，建议调整"
                    if state is ProjectState.REJECTED
                    else "",
                    "reviewed_on": start - timedelta(days=7),
                    "acceptance_grade": grade,
                    "acceptance_comment": "资料齐全，群众认可" if grade else "",
                    "accepted_on": end + timedelta(days=10) if grade else None,
                    "closed_on": end + timedelta(days=20) if state is ProjectState.CLOSED else None,
                    "postpone_reason": "施工许可审批延迟" if postponed else "",
                    "terminate_reason": "并入区级统筹项目"
                    if state is ProjectState.TERMINATED
                    else "",
                    "version": 1,
                }
            )
            if state is ProjectState.REJECTED:
                continue
            _milestones(rng, pid, start, end, state, workdays, milestones)
            for _ in range(draw_int(rng, 1, 3)):
                on = workdays.between(rng, start, min(end, DEMO_TODAY))
                visits.append(
                    {
                        "id": len(visits) + 1,
                        "project_id": pid,
                        "visited_on": on,
                        "place": pick(rng, _PLACES),
                        "participants": f"{unit['secretary']}、项目专班成员",
                        "issues": pick(rng, _ISSUES),
                        "outcome": "现场协调，明确责任人和完成时限",
                        "version": 1,
                    }
                )
            if rng.random() < 0.6:
                on = workdays.between(rng, start, min(end, DEMO_TODAY))
                fix_by = on + timedelta(days=draw_int(rng, 10, 30))
                closed = fix_by + timedelta(days=draw_int(rng, -8, 10))
                is_open = closed > DEMO_TODAY or (year == CURRENT_YEAR and rng.random() < 0.3)
                inspections.append(
                    {
                        "id": len(inspections) + 1,
                        "project_id": pid,
                        "unit_id": unit["id"],
                        "inspected_on": on,
                        "method": pick(rng, list(InspectionMethod)),
                        "problem": pick(rng, _PROBLEMS),
                        "requirement": "限期整改并报送佐证材料",
                        "fix_by": fix_by,
                        "closed_on": None if is_open else max(closed, on),
                        "close_note": "" if is_open else "已整改到位，材料已报送",
                        "version": 1,
                    }
                )
    data.add(SecretaryProject, projects)
    data.add(Milestone, milestones)
    data.add(SiteVisit, visits)
    data.add(Inspection, inspections)


def _review(rng: random.Random, state: ProjectState) -> ReviewResult:
    if state is ProjectState.REJECTED:
        return ReviewResult.REJECTED
    return ReviewResult.PASSED_AFTER_REVISION if rng.random() < 0.2 else ReviewResult.PASSED


def _milestones(
    rng: random.Random,
    pid: int,
    start: date,
    end: date,
    state: ProjectState,
    workdays: Workdays,
    rows: list[Row],
) -> None:
    steps = [(name, draw_int(rng, low, high)) for name, low, high in _STEPS]
    plan = plan_backwards(end, steps, earliest=start, is_workday=workdays.is_workday)
    while not plan.fits:
        steps = [(name, max(1, d * 2 // 3)) for name, d in steps]
        plan = plan_backwards(end, steps, earliest=start, is_workday=workdays.is_workday)
    finished = state in (
        ProjectState.CLOSED,
        ProjectState.ACCEPTED,
        ProjectState.ACCEPTANCE_REQUESTED,
    )
    lagging = rng.random() < 0.25
    for seq, step in enumerate(plan.steps, start=1):
        late = draw_int(rng, 1, 45) if lagging and rng.random() < 0.5 else 0
        actual = (
            step.end + timedelta(days=late) - timedelta(days=draw_int(rng, 0, 3) if not late else 0)
        )
        done = finished or actual <= DEMO_TODAY - timedelta(days=2)
        if state is ProjectState.TERMINATED and seq > 2:
            done = False
        if (
            state in (ProjectState.IN_PROGRESS, ProjectState.POSTPONED)
            and lagging
            and (step.end < DEMO_TODAY and rng.random() < 0.5)
        ):
            done = False
        percent = 100 if done else (0 if step.start > DEMO_TODAY else draw_int(rng, 10, 90))
        rows.append(
            {
                "id": len(rows) + 1,
                "project_id": pid,
                "seq": seq,
                "name": step.name,
                "duration": step.duration,
                "planned_start": step.start,
                "planned_on": step.end,
                "actual_on": workdays.on_or_before(min(actual, DEMO_TODAY)) if done else None,
                "percent": percent,
                "evidence": "工作台账、现场照片" if done else "",
                "version": 1,
            }
        )


def _task_lists(rng: random.Random, units: list[Row], data: DemoData) -> None:
    lists: list[Row] = []
    items: list[Row] = []
    street = units[:40]
    for year in YEARS:
        list_id = len(lists) + 1
        lists.append(
            {
                "id": list_id,
                "year": year,
                "title": f"{year}年度抓基层党建“书记一号工程”任务书",
                "issuer": "街道党建工作领导小组",
                "issued_on": date(year, 2, 15),
                "version": 1,
            }
        )
        for seq in range(1, 22):
            category, content, target, measures = pick(rng, _TASKS)
            unit = None if seq % 7 == 0 else pick(rng, street)
            due = date(year, pick(rng, (3, 6, 9, 11, 12)), 28)
            done = due < DEMO_TODAY and rng.random() < 0.85
            items.append(
                {
                    "id": len(items) + 1,
                    "task_list_id": list_id,
                    "seq": seq,
                    "category": category,
                    "content": content,
                    "target": target,
                    "measures": measures,
                    "unit_id": None if unit is None else unit["id"],
                    "responsible_person": "街道党工委副书记" if unit is None else unit["secretary"],
                    "due_on": due,
                    "nodes": f"{year}年{due.month}月底前完成",
                    "state": TaskState.DONE if done else TaskState.OPEN,
                    "percent": 100 if done else draw_int(rng, 0, 80),
                    "progress_note": "已按要求完成" if done else "正在推进",
                    "done_on": due - timedelta(days=draw_int(rng, -10, 20)) if done else None,
                    "version": 1,
                }
            )
    data.add(TaskList, lists)
    data.add(TaskItem, items)


_GROUPS = (
    ("上级", 30.0, 15),
    ("党员代表", 30.0, 60),
    ("居民代表", 20.0, 80),
    ("成员单位", 20.0, 40),
)
_WEIGHTS = {
    "attendance": 15.0,
    "on_time": 15.0,
    "two_way": 15.0,
    "project": 15.0,
    "inspection": 10.0,
    "review": 15.0,
    "survey": 15.0,
}


def _assessment(rng: random.Random, units: list[Row], data: DemoData) -> None:
    years = [
        {
            "id": 1,
            "year": ASSESSED_YEAR,
            "grade_mode": GradeMode.QUOTAS,
            "excellent_from": 90.0,
            "good_from": 80.0,
            "fair_from": 60.0,
            "excellent_quota": 20.0,
            "good_quota": 30.0,
            "locked": False,
            "signed_off_by": "",
            "signed_off_at": None,
            "unlock_reason": "",
            "version": 1,
        },
        {
            "id": 2,
            "year": CURRENT_YEAR,
            "grade_mode": GradeMode.THRESHOLDS,
            "excellent_from": 90.0,
            "good_from": 80.0,
            "fair_from": 60.0,
            "excellent_quota": 20.0,
            "good_quota": 30.0,
            "locked": False,
            "signed_off_by": "",
            "signed_off_at": None,
            "unlock_reason": "",
            "version": 1,
        },
    ]
    weights = [
        {"id": n, "year": year, "indicator": key, "weight": weight, "version": 1}
        for n, (year, (key, weight)) in enumerate(
            ((y, kw) for y in (ASSESSED_YEAR, CURRENT_YEAR) for kw in _WEIGHTS.items()), start=1
        )
    ]
    groups: list[Row] = []
    tallies: list[Row] = []
    for year in (ASSESSED_YEAR, CURRENT_YEAR):
        for seq, (name, weight, issued) in enumerate(_GROUPS, start=1):
            gid = len(groups) + 1
            entered = year == ASSESSED_YEAR or seq == 1
            returned = issued - draw_int(rng, 0, 3) if entered else 0
            groups.append(
                {
                    "id": gid,
                    "year": year,
                    "seq": seq,
                    "name": name,
                    "weight": weight,
                    "issued": issued,
                    "returned": returned,
                    "version": 1,
                }
            )
            if not entered:
                continue
            for unit in units:
                valid = returned - draw_int(rng, 0, 2)
                good = int(valid * rng.uniform(0.45, 0.9))
                fairly = int((valid - good) * rng.uniform(0.4, 0.9))
                average = int((valid - good - fairly) * rng.uniform(0.3, 1.0))
                tallies.append(
                    {
                        "id": len(tallies) + 1,
                        "group_id": gid,
                        "unit_id": unit["id"],
                        "good": good,
                        "fairly_good": fairly,
                        "average": average,
                        "poor": valid - good - fairly - average,
                        "version": 1,
                    }
                )
    surveys: list[Row] = []
    for year in (ASSESSED_YEAR, CURRENT_YEAR):
        for unit in units:
            if year == CURRENT_YEAR and rng.random() < 0.5:
                continue
            participants = draw_int(rng, 30, 120)
            satisfied = int(participants * rng.uniform(0.6, 0.95))
            basic = int((participants - satisfied) * rng.uniform(0.3, 0.9))
            surveys.append(
                {
                    "id": len(surveys) + 1,
                    "year": year,
                    "unit_id": unit["id"],
                    "project_id": None,
                    "participants": participants,
                    "satisfied": satisfied,
                    "basically_satisfied": basic,
                    "unsatisfied": participants - satisfied - basic,
                    "version": 1,
                }
            )
    adjustments: list[Row] = []
    for year in (ASSESSED_YEAR, CURRENT_YEAR):
        for unit in units:
            roll = rng.random()
            if roll < 0.05:
                kind, points, cap, reason = (
                    AdjustmentKind.BONUS,
                    float(draw_int(rng, 1, 5)),
                    None,
                    "党建工作获市级表彰",
                )
            elif roll < 0.08:
                kind, points, cap, reason = (
                    AdjustmentKind.PENALTY,
                    float(draw_int(rng, 1, 5)),
                    None,
                    "督查问题逾期未整改",
                )
            elif roll < 0.09:
                kind, points, cap, reason = (
                    AdjustmentKind.VETO,
                    0.0,
                    Grade.FAIR,
                    "发生被上级通报的党风廉政问题",
                )
            else:
                continue
            adjustments.append(
                {
                    "id": len(adjustments) + 1,
                    "year": year,
                    "unit_id": unit["id"],
                    "kind": kind,
                    "points": points,
                    "cap": cap,
                    "reason": reason,
                    "version": 1,
                }
            )
    data.add(AssessmentYear, years)
    data.add(IndicatorWeight, weights)
    data.add(RaterGroup, groups)
    data.add(BallotTally, tallies)
    data.add(SatisfactionSurvey, surveys)
    data.add(Adjustment, adjustments)


def sign_off_demo_year(db: Database) -> None:
    """Freeze last year's results and lock it, as a sign-off in January would have.

    Written with Core statements in the demo's own transaction (``db.within``): no audit
    entries and fixed times, so the same seed gives the same rows on any day.
    """
    from alliance_desk.services.assessment.results import result_rows

    at = datetime(ASSESSED_YEAR + 1, 1, 20, 2, 0)
    with db.transaction() as session:
        _setup, rows = result_rows(session, ASSESSED_YEAR, date(ASSESSED_YEAR + 1, 1, 20))
        if rows:
            session.execute(insert(AssessmentResult), rows)
        session.execute(
            update(AssessmentYear)
            .where(AssessmentYear.year == ASSESSED_YEAR)
            .values(locked=True, signed_off_by="街道党工委", signed_off_at=at, updated_at=at)
        )
