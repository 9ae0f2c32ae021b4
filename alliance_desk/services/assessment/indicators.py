"""考核指标 registry: what each indicator measures, its formula, its source, its figures.

An indicator is one :class:`Indicator` entry: a key, the name clerks use, the formula
and data source printed on every scorecard, and a function giving each unit's raw
value for a year in one grouped query. An indicator whose module is not built yet is
simply not offered: give ``requires`` (a module path) and it appears once that module
exists. Adding one is one entry in :data:`INDICATORS`::

    Indicator(
        "four_lists_claim", "四项清单认领率", "认领率 = 已认领项目 ÷ 发布项目",
        "四项清单", four_lists_claim_rate, kind=RATE,
        requires="alliance_desk.services.four_lists",
    )

Raw values are fractions (``RATE``: scored ×100) or 0–100 scores (``SCORE``); a unit
without data gets no raw value (None, scored 0 and printed 无数据).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from alliance_desk.core.assessment import (
    BALLOT_FORMULA,
    REVIEW_FORMULA,
    SURVEY_FORMULA,
    VoteCounts,
    ballot_score,
    review_score,
    survey_rate,
)
from alliance_desk.core.commitments import OPEN_STATES, satisfaction_rate
from alliance_desk.core.commitments.rates import on_time_rate
from alliance_desk.core.four_lists.rates import (
    UNIT_CLAIM_RATE_FORMULA,
    UNIT_COMPLETION_RATE_FORMULA,
)
from alliance_desk.core.projects import ACCEPTANCE_SCORES, AcceptanceGrade
from alliance_desk.core.vocab import AttendanceState, CommitmentState, MeetingState, Rating
from alliance_desk.core.workday.rates import AVERAGE_HOURS_FORMULA, REPORT_RATE_FORMULA
from alliance_desk.storage.models import (
    Attendance,
    BallotTally,
    Commitment,
    Evaluation,
    Inspection,
    Meeting,
    RaterGroup,
    SatisfactionSurvey,
    SecretaryProject,
)

RATE, SCORE = "rate", "score"


@dataclass(frozen=True, slots=True)
class Raw:
    """A unit's raw figure: ``value`` (fraction or score) and how it came about."""

    value: float | None
    detail: str


Compute = Callable[[Session, int, date, Collection[int] | None], dict[int, Raw]]
"""(session, year, today, only these units or all) → unit id → raw figure."""


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    name: str
    formula: str
    source: str
    compute: Compute
    kind: str = RATE
    requires: str | None = None
    default_weight: float = 0.0
    missing: Raw | None = None
    """The raw figure of a unit without data (None: 无数据, scored 0)."""

    def raw_of(self, found: dict[int, Raw], unit_id: int) -> Raw | None:
        return found.get(unit_id, self.missing)

    def score(self, raw: Raw | None) -> float | None:
        if raw is None or raw.value is None:
            return None
        return raw.value * 100 if self.kind == RATE else raw.value

    def available(self) -> bool:
        if self.requires is None:
            return True
        try:
            return importlib.util.find_spec(self.requires) is not None
        except ModuleNotFoundError:
            return False


def _only(column: Any, units: Collection[int] | None) -> list[ColumnElement[bool]]:
    if units is None or len(units) > 500:
        return []
    return [column.in_(list(units))]


def _keep(found: dict[int, Raw], units: Collection[int] | None) -> dict[int, Raw]:
    if units is None:
        return found
    wanted = set(units)
    return {k: v for k, v in found.items() if k in wanted}


def _year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _pct(n: int, d: int) -> str:
    return f"{n}/{d}"


# --- the figures ------------------------------------------------------------------------------
def attendance_rate(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    attended = Attendance.state.in_([AttendanceState.PRESENT, AttendanceState.DELEGATED])
    rows = session.execute(
        select(Attendance.unit_id, func.count(), func.count().filter(attended))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(
            Attendance.unit_id.is_not(None),
            Meeting.state.in_([MeetingState.HELD, MeetingState.APPROVED]),
            Meeting.starts_at >= datetime(year, 1, 1),
            Meeting.starts_at < datetime(year + 1, 1, 1),
            *_only(Attendance.unit_id, units),
        )
        .group_by(Attendance.unit_id)
    ).all()
    found = {
        uid: Raw(present / expected if expected else None, f"实到 {_pct(present, expected)} 次")
        for uid, expected, present in rows
    }
    return _keep(found, units)


def on_time_fulfilment(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    first, last = _year_span(year)
    fulfilled = Commitment.state == CommitmentState.FULFILLED
    done_on = func.coalesce(Commitment.fulfilled_on, Commitment.due_on)
    overdue = Commitment.state.in_(sorted(OPEN_STATES)) & (Commitment.due_on < today)
    rows = session.execute(
        select(
            Commitment.promisor_unit_id,
            func.count().filter(fulfilled & (done_on <= Commitment.due_on)),
            func.count().filter(fulfilled & (done_on > Commitment.due_on)),
            func.count().filter(overdue),
        )
        .where(Commitment.due_on.between(first, last), *_only(Commitment.promisor_unit_id, units))
        .group_by(Commitment.promisor_unit_id)
    ).all()
    found = {}
    for uid, on_time, late, late_open in rows:
        due = on_time + late + late_open
        found[uid] = Raw(on_time_rate(on_time, late, late_open), f"按期 {_pct(on_time, due)} 项")
    return _keep(found, units)


def two_way_satisfaction(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    first, last = _year_span(year)
    counts = [func.count().filter(Evaluation.rating == level) for level in Rating]
    rows = session.execute(
        select(Evaluation.ratee_unit_id, *counts)
        .select_from(Evaluation)
        .outerjoin(Commitment, Commitment.id == Evaluation.commitment_id)
        .where(
            or_(
                Evaluation.year == year,
                and_(Evaluation.commitment_id.is_not(None), Commitment.due_on.between(first, last)),
            ),
            *_only(Evaluation.ratee_unit_id, units),
        )
        .group_by(Evaluation.ratee_unit_id)
    ).all()
    found = {}
    for uid, satisfied, basic, unsatisfied in rows:
        total = satisfied + basic + unsatisfied
        found[uid] = Raw(
            satisfaction_rate(satisfied, basic, unsatisfied),
            f"满意及基本满意 {_pct(satisfied + basic, total)} 次",
        )
    return _keep(found, units)


def project_acceptance(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    rows = session.execute(
        select(SecretaryProject.unit_id, SecretaryProject.acceptance_grade).where(
            SecretaryProject.year == year,
            SecretaryProject.unit_id.is_not(None),
            SecretaryProject.acceptance_grade.is_not(None),
            *_only(SecretaryProject.unit_id, units),
        )
    ).all()
    grades: dict[int, list[AcceptanceGrade]] = {}
    for uid, grade in rows:
        grades.setdefault(uid, []).append(AcceptanceGrade(grade))
    found = {
        uid: Raw(
            sum(ACCEPTANCE_SCORES[g] for g in gs) / len(gs),
            "验收" + "、".join(g.label for g in gs),
        )
        for uid, gs in grades.items()
    }
    return _keep(found, units)


def inspection_closure(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    first, last = _year_span(year)
    rows = session.execute(
        select(
            Inspection.unit_id, func.count(), func.count().filter(Inspection.closed_on.is_not(None))
        )
        .where(
            Inspection.unit_id.is_not(None),
            Inspection.inspected_on.between(first, last),
            *_only(Inspection.unit_id, units),
        )
        .group_by(Inspection.unit_id)
    ).all()
    found = {
        uid: Raw(closed / total, f"销号 {_pct(closed, total)} 个") for uid, total, closed in rows
    }
    return _keep(found, units)


def review_ballots(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    groups = dict(
        session.execute(
            select(RaterGroup.id, RaterGroup.weight).where(RaterGroup.year == year)
        ).all()
    )
    if not groups:
        return {}
    rows = session.execute(
        select(
            BallotTally.unit_id,
            BallotTally.group_id,
            BallotTally.good,
            BallotTally.fairly_good,
            BallotTally.average,
            BallotTally.poor,
        ).where(BallotTally.group_id.in_(list(groups)), *_only(BallotTally.unit_id, units))
    ).all()
    by_unit: dict[int, list[tuple[float, float | None]]] = {}
    votes: dict[int, int] = {}
    for uid, gid, a, b, c, d in rows:
        counts = VoteCounts(a, b, c, d)
        by_unit.setdefault(uid, []).append((groups[gid], ballot_score(counts)))
        votes[uid] = votes.get(uid, 0) + counts.valid
    found = {
        uid: Raw(review_score(parts), f"有效票 {votes[uid]} 张") for uid, parts in by_unit.items()
    }
    return _keep(found, units)


def resident_survey(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    rows = session.execute(
        select(
            SatisfactionSurvey.unit_id,
            func.sum(SatisfactionSurvey.participants),
            func.sum(SatisfactionSurvey.satisfied),
            func.sum(SatisfactionSurvey.basically_satisfied),
        )
        .where(SatisfactionSurvey.year == year, *_only(SatisfactionSurvey.unit_id, units))
        .group_by(SatisfactionSurvey.unit_id)
    ).all()
    found = {
        uid: Raw(
            survey_rate(int(n), int(s), int(b)), f"满意及基本满意 {_pct(int(s + b), int(n))} 人"
        )
        for uid, n, s, b in rows
    }
    return _keep(found, units)


def four_lists_claim(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    from alliance_desk.services.four_lists.stats import read_unit_claim_figures

    found = {
        f.unit_id: Raw(f.claim_rate, f"认领 {_pct(f.claimed, f.published)} 个")
        for f in read_unit_claim_figures(session, year)
        if f.published
    }
    return _keep(found, units)


def four_lists_completion(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    from alliance_desk.services.four_lists.stats import read_unit_claim_figures

    found = {
        f.unit_id: Raw(f.completion_rate, f"办结 {_pct(f.finished, f.claimed)} 个")
        for f in read_unit_claim_figures(session, year)
        if f.claimed
    }
    return _keep(found, units)


def workday_report_rate(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    from alliance_desk.services.workday.stats import read_unit_figures

    figures, _target = read_unit_figures(session, year)
    found = {
        uid: Raw(f.report_rate, f"已报到 {_pct(f.reported, f.expected)} 人")
        for uid, f in figures.items()
        if f.expected
    }
    return _keep(found, units)


def workday_hours(
    session: Session, year: int, today: date, units: Collection[int] | None
) -> dict[int, Raw]:
    from alliance_desk.services.workday.stats import read_unit_figures

    figures, target = read_unit_figures(session, year)
    found = {}
    for uid, f in figures.items():
        average = f.average_hours
        if average is None or target <= 0:
            continue
        found[uid] = Raw(
            min(100.0, average / target * 100), f"人均 {average:.1f} 小时（目标 {target:g} 小时）"
        )
    return _keep(found, units)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "attendance",
        "联席会议出席率",
        "出席率 = 实到次数（出席 + 委托出席）÷ 应到次数；年度内已召开的联席会议",
        "联席会议签到",
        attendance_rate,
        default_weight=15,
    ),
    Indicator(
        "on_time",
        "按期履诺率",
        "按期履诺率 = 按期履诺数 ÷（已履诺数 + 逾期未履诺数）；年度内到期、本单位作出的承诺",
        "双向承诺",
        on_time_fulfilment,
        default_weight=15,
    ),
    Indicator(
        "two_way",
        "双向评价满意率",
        "满意率 =（满意 + 基本满意）÷ 全部评价数；本单位收到的承诺评价和年度互评",
        "双向评价",
        two_way_satisfaction,
        default_weight=15,
    ),
    Indicator(
        "project",
        "书记项目验收等次",
        "验收等次折分：优秀 100、良好 85、合格 70、不合格 40；多个项目取平均；未验收无数据",
        "书记项目",
        project_acceptance,
        kind=SCORE,
        default_weight=15,
    ),
    Indicator(
        "inspection",
        "督查问题销号率",
        "销号率 = 已销号问题数 ÷ 年度督查发现问题数；年度内未发现问题的按 100% 计",
        "督查记录",
        inspection_closure,
        default_weight=10,
        missing=Raw(1.0, "未发现问题"),
    ),
    Indicator(
        "review",
        "述职评议得分",
        f"{REVIEW_FORMULA}；{BALLOT_FORMULA}",
        "述职评议票",
        review_ballots,
        kind=SCORE,
        default_weight=15,
    ),
    Indicator(
        "survey",
        "群众满意度测评得分",
        SURVEY_FORMULA,
        "群众满意度测评",
        resident_survey,
        kind=SCORE,
        default_weight=15,
    ),
    Indicator(
        "four_lists_claim",
        "四项清单认领率",
        f"{UNIT_CLAIM_RATE_FORMULA}；年度内公示的项目，所在联盟未公示项目的单位无数据",
        "四项清单",
        four_lists_claim,
        requires="alliance_desk.services.four_lists",
    ),
    Indicator(
        "four_lists_completion",
        "四项清单办结率",
        f"{UNIT_COMPLETION_RATE_FORMULA}；未认领项目的单位无数据",
        "四项清单",
        four_lists_completion,
        requires="alliance_desk.services.four_lists",
    ),
    Indicator(
        "workday_report",
        "双报到报到率",
        f"{REPORT_RATE_FORMULA}；本单位在职党员（双报到名册）",
        "社区工作日（双报到）",
        workday_report_rate,
        requires="alliance_desk.services.workday",
    ),
    Indicator(
        "workday_hours",
        "在职党员人均服务时长",
        f"得分 = min(100, {AVERAGE_HOURS_FORMULA} ÷ 年度目标时长 × 100)；本单位已报到党员",
        "社区工作日（服务时长，已确认）",
        workday_hours,
        kind=SCORE,
        requires="alliance_desk.services.workday",
    ),
)


def offered() -> tuple[Indicator, ...]:
    """The indicators whose modules exist, in registry order."""
    return tuple(i for i in INDICATORS if i.available())


def indicator(key: str) -> Indicator | None:
    for candidate in offered():
        if candidate.key == key:
            return candidate
    return None
