"""The 双报到 report: per unit and per community figures with the rates of
``core.workday.rates``, the flagged units, and the whole street's figures for the 首页 and
the assessment.

Counting rules: 应报到 / 已报到 count members by their current state (``EXPECTED_STATES`` /
``REPORTED_STATES``); 活动人次 counts attendance rows of the period that count (not
superseded, 正常 or 迟到); 总时长 sums the *confirmed* hours of those rows; 参与率 counts
members with at least one such row; 时长达标率 counts members whose confirmed hours in the
period reach the target (the yearly target, pro rata for a quarter); 帮扶对子数 counts
pairs in force at some time in the period, 走访次数 the visits made in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ValidationError
from alliance_desk.core.pinyin import by_pinyin
from alliance_desk.core.workday.hours import Attendance
from alliance_desk.core.workday.rates import UnitFigures
from alliance_desk.core.workday.states import EXPECTED_STATES, REPORTED_STATES
from alliance_desk.services.database import Database
from alliance_desk.services.workday.common import Settings, read_settings
from alliance_desk.storage.models import (
    HelpPair,
    PairVisit,
    ServiceAttendance,
    Unit,
    WorkdayActivity,
    WorkdayMember,
)

_EXPECTED = [s.value for s in EXPECTED_STATES]
_REPORTED = {s.value for s in REPORTED_STATES}
_PRESENT = [Attendance.NORMAL.value, Attendance.LATE.value]


@dataclass(frozen=True, slots=True)
class Period:
    year: int
    quarter: int | None = None

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}年" if self.quarter is None else f"{self.year}年第{self.quarter}季度"

    @property
    def share_of_year(self) -> float:
        return 1.0 if self.quarter is None else 0.25


def period(year: int, quarter: int | None = None) -> Period:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "年度应在 2000 到 2100 之间"})
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": "季度应为 1 到 4"})
    return Period(year, quarter)


@dataclass(frozen=True, slots=True)
class MemberFigures:
    """One member's service in a period."""

    activities: int = 0
    hours: float = 0.0
    """Confirmed hours."""
    pairs: int = 0
    visits: int = 0


@dataclass(frozen=True, slots=True)
class ReportRow:
    id: int
    name: str
    figures: UnitFigures
    flagged: bool


@dataclass(frozen=True, slots=True)
class WorkdayReport:
    period: Period
    settings: Settings
    units: list[ReportRow]
    """Member units (工作单位) with at least one member, by pinyin."""
    communities: list[ReportRow]
    """Communities members report to, by pinyin (``flagged`` by the same threshold)."""
    total: UnitFigures
    activities: int
    """Activities held in the period."""

    @property
    def flagged_units(self) -> list[ReportRow]:
        return [r for r in self.units if r.flagged]


@dataclass(frozen=True, slots=True)
class StreetFigures:
    """The whole street's figures (首页, assessment)."""

    period: Period
    figures: UnitFigures
    activities: int
    units: int
    flagged_units: int
    threshold: float
    target_hours: float
    by_month_hours: list[float] = field(default_factory=list)
    """Confirmed hours per month of the period's year (12 values; the 首页 chart)."""


# --- the per-member pass --------------------------------------------------------------------
@dataclass
class _Member:
    unit_id: int
    community_id: int | None
    state: str


def member_figures(
    session: Session, p: Period, unit_ids: Iterable[int] | None = None
) -> dict[int, MemberFigures]:
    """Each member's activities, confirmed hours, pairs and visits in the period (members
    without any are left out)."""
    units = list(unit_ids) if unit_ids is not None else None
    acts: dict[int, int] = defaultdict(int)
    hours: dict[int, float] = defaultdict(float)
    query = (
        select(
            ServiceAttendance.member_id,
            func.count(),
            func.sum(case((ServiceAttendance.confirmed, ServiceAttendance.hours), else_=0.0)),
        )
        .join(WorkdayActivity, WorkdayActivity.id == ServiceAttendance.activity_id)
        .where(
            WorkdayActivity.held_on.between(p.start, p.end),
            ServiceAttendance.superseded.is_(False),
            ServiceAttendance.attendance.in_(_PRESENT),
        )
        .group_by(ServiceAttendance.member_id)
    )
    if units is not None:
        query = query.join(WorkdayMember, WorkdayMember.id == ServiceAttendance.member_id).where(
            WorkdayMember.unit_id.in_(units)
        )
    for member_id, n, h in session.execute(query):
        acts[int(member_id)] = int(n)
        hours[int(member_id)] = float(h or 0)
    pairs: dict[int, int] = defaultdict(int)
    in_force = and_(
        HelpPair.paired_on <= p.end, or_(HelpPair.ended_on.is_(None), HelpPair.ended_on >= p.start)
    )
    pair_query = (
        select(HelpPair.member_id, func.count()).where(in_force).group_by(HelpPair.member_id)
    )
    visit_query = (
        select(HelpPair.member_id, func.count())
        .join(PairVisit, PairVisit.pair_id == HelpPair.id)
        .where(PairVisit.visited_on.between(p.start, p.end))
        .group_by(HelpPair.member_id)
    )
    if units is not None:
        member_ids = select(WorkdayMember.id).where(WorkdayMember.unit_id.in_(units))
        pair_query = pair_query.where(HelpPair.member_id.in_(member_ids))
        visit_query = visit_query.where(HelpPair.member_id.in_(member_ids))
    for member_id, n in session.execute(pair_query):
        pairs[int(member_id)] = int(n)
    visits: dict[int, int] = defaultdict(int)
    for member_id, n in session.execute(visit_query):
        visits[int(member_id)] = int(n)
    keys = set(acts) | set(pairs) | set(visits)
    return {
        k: MemberFigures(
            acts.get(k, 0), round(hours.get(k, 0.0), 1), pairs.get(k, 0), visits.get(k, 0)
        )
        for k in keys
    }


def _sum(
    members: Iterable[tuple[int, _Member]],
    figures: dict[int, MemberFigures],
    target: float,
) -> UnitFigures:
    expected = reported = served = attendances = reached = pairs = visits = 0
    total = 0.0
    for member_id, m in members:
        f = figures.get(member_id)
        if m.state in _EXPECTED:
            expected += 1
        is_reported = m.state in _REPORTED
        if is_reported:
            reported += 1
        if f is None:
            continue
        attendances += f.activities
        total += f.hours
        pairs += f.pairs
        visits += f.visits
        if is_reported:
            if f.activities:
                served += 1
            if f.hours >= target - 1e-9 and target > 0:
                reached += 1
    return UnitFigures(
        expected, reported, served, attendances, round(total, 1), reached, pairs, visits
    )


def _unit_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = list(set(ids))
    names: dict[int, str] = {}
    for start in range(0, len(wanted), 900):
        names.update(
            (int(i), n)
            for i, n in session.execute(
                select(Unit.id, Unit.name).where(Unit.id.in_(wanted[start : start + 900]))
            )
        )
    return names


def _grouped(
    session: Session, p: Period, target: float
) -> list[tuple[int, int | None, str, list[float]]]:
    """Members grouped by (unit, community, state) with their period's sums, in one query:
    [members, served, attendances, hours, reached target, pairs, visits]."""
    present = (
        select(
            ServiceAttendance.member_id.label("member_id"),
            func.count().label("n"),
            func.sum(case((ServiceAttendance.confirmed, ServiceAttendance.hours), else_=0.0)).label(
                "hours"
            ),
        )
        .join(WorkdayActivity, WorkdayActivity.id == ServiceAttendance.activity_id)
        .where(
            WorkdayActivity.held_on.between(p.start, p.end),
            ServiceAttendance.superseded.is_(False),
            ServiceAttendance.attendance.in_(_PRESENT),
        )
        .group_by(ServiceAttendance.member_id)
        .subquery()
    )
    in_force = and_(
        HelpPair.paired_on <= p.end, or_(HelpPair.ended_on.is_(None), HelpPair.ended_on >= p.start)
    )
    paired = (
        select(HelpPair.member_id.label("member_id"), func.count().label("n"))
        .where(in_force)
        .group_by(HelpPair.member_id)
        .subquery()
    )
    visited = (
        select(HelpPair.member_id.label("member_id"), func.count().label("n"))
        .join(PairVisit, PairVisit.pair_id == HelpPair.id)
        .where(PairVisit.visited_on.between(p.start, p.end))
        .group_by(HelpPair.member_id)
        .subquery()
    )
    reached = case((present.c.hours >= target - 1e-9, 1), else_=0) if target > 0 else literal(0)
    query = (
        select(
            WorkdayMember.unit_id,
            WorkdayMember.community_unit_id,
            WorkdayMember.state,
            func.count(),
            func.count(present.c.member_id),
            func.coalesce(func.sum(present.c.n), 0),
            func.coalesce(func.sum(present.c.hours), 0.0),
            func.coalesce(func.sum(reached), 0),
            func.coalesce(func.sum(paired.c.n), 0),
            func.coalesce(func.sum(visited.c.n), 0),
        )
        .outerjoin(present, present.c.member_id == WorkdayMember.id)
        .outerjoin(paired, paired.c.member_id == WorkdayMember.id)
        .outerjoin(visited, visited.c.member_id == WorkdayMember.id)
        .group_by(WorkdayMember.unit_id, WorkdayMember.community_unit_id, WorkdayMember.state)
    )
    return [
        (int(u), None if c is None else int(c), str(st), [float(v) for v in rest])
        for u, c, st, *rest in session.execute(query)
    ]


class _Tally:
    __slots__ = (
        "attendances",
        "expected",
        "hours",
        "pairs",
        "reached",
        "reported",
        "served",
        "visits",
    )

    def __init__(self) -> None:
        self.expected = self.reported = self.served = self.attendances = 0
        self.reached = self.pairs = self.visits = 0
        self.hours = 0.0

    def add(self, state: str, sums: list[float]) -> None:
        members, served, attendances, hours, reached, pairs, visits = sums
        if state in _EXPECTED:
            self.expected += int(members)
        if state in _REPORTED:
            self.reported += int(members)
            self.served += int(served)
            self.reached += int(reached)
        self.attendances += int(attendances)
        self.hours += hours
        self.pairs += int(pairs)
        self.visits += int(visits)

    def figures(self) -> UnitFigures:
        return UnitFigures(
            self.expected,
            self.reported,
            self.served,
            self.attendances,
            round(self.hours, 1),
            self.reached,
            self.pairs,
            self.visits,
        )


def workday_report(db: Database, year: int, quarter: int | None = None) -> WorkdayReport:
    """The 双报到统计 of a year (or a quarter of it)."""
    p = period(year, quarter)
    with db.reading() as session:
        settings = read_settings(session)
        target = settings.target_hours * p.share_of_year
        groups = _grouped(session, p, target)
        activities = int(
            session.scalar(
                select(func.count())
                .select_from(WorkdayActivity)
                .where(WorkdayActivity.held_on.between(p.start, p.end))
            )
            or 0
        )
        by_unit: dict[int, _Tally] = defaultdict(_Tally)
        by_community: dict[int, _Tally] = defaultdict(_Tally)
        total = _Tally()
        for unit_id, community_id, state, sums in groups:
            by_unit[unit_id].add(state, sums)
            if community_id is not None:
                by_community[community_id].add(state, sums)
            total.add(state, sums)
        names = _unit_names(session, list(by_unit) + list(by_community))

    def rows(tallies: dict[int, _Tally]) -> list[ReportRow]:
        out = []
        for unit_id, tally in tallies.items():
            f = tally.figures()
            flagged = f.below_threshold(settings.report_threshold)
            out.append(ReportRow(unit_id, names.get(unit_id, ""), f, flagged))
        return by_pinyin(out, lambda r: r.name)

    return WorkdayReport(
        p, settings, rows(by_unit), rows(by_community), total.figures(), activities
    )


def street_figures(db: Database, year: int) -> StreetFigures:
    """The whole street's 双报到 figures of a year, for the 首页 and the assessment."""
    report = workday_report(db, year)
    p = report.period
    with db.reading() as session:
        months = [0.0] * 12
        month = func.extract("month", WorkdayActivity.held_on)
        for m, h in session.execute(
            select(month, func.sum(ServiceAttendance.hours))
            .join(WorkdayActivity, WorkdayActivity.id == ServiceAttendance.activity_id)
            .where(
                WorkdayActivity.held_on.between(p.start, p.end),
                ServiceAttendance.superseded.is_(False),
                ServiceAttendance.confirmed.is_(True),
            )
            .group_by(month)
        ):
            months[int(m) - 1] = round(float(h or 0), 1)
    return StreetFigures(
        p,
        report.total,
        report.activities,
        len(report.units),
        len(report.flagged_units),
        report.settings.report_threshold,
        report.settings.target_hours,
        months,
    )
