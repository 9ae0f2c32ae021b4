"""A year's assessment setup: weights, grade rule, 加分/扣分/一票否决, rater groups and their
tally sheets, 群众满意度测评. Nothing of a signed-off (locked) year can be changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.assessment import (
    AdjustmentKind,
    Grade,
    GradeMode,
    GradeRule,
    VoteCounts,
    survey_error,
    survey_rate,
    tally_error,
    weights_error,
)
from alliance_desk.core.errors import DomainError
from alliance_desk.core.pinyin import by_pinyin
from alliance_desk.services.assessment.indicators import Indicator, offered
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.projects.common import check_unit, check_year, text, unit_names
from alliance_desk.storage.models import (
    Adjustment,
    AssessmentYear,
    BallotTally,
    IndicatorWeight,
    RaterGroup,
    SatisfactionSurvey,
    SecretaryProject,
    Unit,
)

DEFAULT_GROUPS: tuple[tuple[str, float], ...] = (
    ("上级", 30.0),
    ("党员代表", 30.0),
    ("居民代表", 20.0),
    ("成员单位", 20.0),
)
MAX_BALLOTS = 100_000


@dataclass(frozen=True, slots=True)
class WeightedIndicator:
    indicator: Indicator
    weight: float


@dataclass(frozen=True, slots=True)
class AssessmentSetup:
    year: int
    weights: tuple[WeightedIndicator, ...]
    weights_saved: bool
    rule: GradeRule
    locked: bool
    signed_off_by: str
    signed_off_at: datetime | None
    version: int
    """Of the year's row; 0 before anything was saved."""

    @property
    def counted(self) -> tuple[WeightedIndicator, ...]:
        """The indicators that carry weight: the ones scored and printed (0 % ones are
        offered in the weights editor only)."""
        return tuple(w for w in self.weights if w.weight > 0)


def year_row(session: Session, year: int) -> AssessmentYear | None:
    return session.scalar(select(AssessmentYear).where(AssessmentYear.year == year))


def rule_of(row: AssessmentYear | None) -> GradeRule:
    if row is None:
        return GradeRule()
    return GradeRule(
        GradeMode(row.grade_mode),
        row.excellent_from,
        row.good_from,
        row.fair_from,
        row.excellent_quota,
        row.good_quota,
    )


def read_setup(session: Session, year: int) -> AssessmentSetup:
    row = year_row(session, year)
    saved = dict(
        session.execute(
            select(IndicatorWeight.indicator, IndicatorWeight.weight).where(
                IndicatorWeight.year == year
            )
        ).all()
    )
    indicators = offered()
    if saved:
        weights = tuple(WeightedIndicator(i, saved.get(i.key, 0.0)) for i in indicators)
    else:
        weights = tuple(WeightedIndicator(i, i.default_weight) for i in indicators)
    return AssessmentSetup(
        year,
        weights,
        bool(saved),
        rule_of(row),
        bool(row and row.locked),
        row.signed_off_by if row else "",
        row.signed_off_at if row else None,
        row.version if row else 0,
    )


def assessment_setup(db: Database, year: int) -> AssessmentSetup:
    """The year's weights (the defaults until saved), grade rule and lock."""
    check_year(year)
    with db.reading() as session:
        return read_setup(session, year)


def require_unlocked(session: Session, year: int) -> None:
    row = year_row(session, year)
    if row is not None and row.locked:
        raise DomainError(f"{year}年度考核结果已签发锁定，不能修改；如确需修改，请先解锁。")


def _ensure_year(session: Session, year: int) -> AssessmentYear:
    row = year_row(session, year)
    if row is None:
        row = AssessmentYear(year=year)
        session.add(row)
        session.flush()
    return row


def _delete_year_row(
    db: Database,
    model: type[Adjustment] | type[RaterGroup] | type[SatisfactionSurvey],
    row_id: int,
    version: int,
    what: str,
) -> None:
    """Delete a row of a year's assessment input, unless the year is locked."""
    with db.transaction() as session:
        row = load_for_edit(
            session, model, row_id, version, missing=f"该{what}已被删除。", what=lambda _r: what
        )
        require_unlocked(session, row.year)
        session.delete(row)


def save_weights(db: Database, year: int, weights: Mapping[str, float]) -> None:
    """The year's indicator weights (percent, adding up to 100)."""
    check_year(year)
    known = {i.key for i in offered()}
    unknown = set(weights) - known
    if unknown:
        raise DomainError(f"没有这些考核指标：{'、'.join(sorted(unknown))}。", field="weights")
    values = {k: float(v) for k, v in weights.items()}
    error = weights_error(values)
    if error:
        raise DomainError(f"{error}。", field="weights")
    with db.transaction() as session:
        require_unlocked(session, year)
        _ensure_year(session, year)
        rows = {
            w.indicator: w
            for w in session.scalars(select(IndicatorWeight).where(IndicatorWeight.year == year))
        }
        for key, weight in values.items():
            row = rows.pop(key, None)
            if row is None:
                session.add(IndicatorWeight(year=year, indicator=key, weight=weight))
            elif row.weight != weight:
                row.weight = weight
        for stale in rows.values():
            session.delete(stale)


def save_grade_rule(db: Database, year: int, rule: GradeRule) -> None:
    check_year(year)
    error = rule.error()
    if error:
        raise DomainError(f"{error}。", field="rule")
    with db.transaction() as session:
        require_unlocked(session, year)
        row = _ensure_year(session, year)
        row.grade_mode = GradeMode(rule.mode)
        row.excellent_from, row.good_from, row.fair_from = (
            rule.excellent_from,
            rule.good_from,
            rule.fair_from,
        )
        row.excellent_quota, row.good_quota = rule.excellent_quota, rule.good_quota


# --- 加分 / 扣分 / 一票否决 ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AdjustmentRow:
    id: int
    unit_id: int
    unit_name: str
    kind: AdjustmentKind
    points: float
    cap: Grade | None
    reason: str
    version: int


def add_adjustment(
    db: Database,
    year: int,
    *,
    unit_id: int,
    kind: AdjustmentKind,
    points: float,
    reason: str,
    cap: Grade | None = None,
) -> int:
    """加分 / 扣分 (points > 0) or 一票否决 (a cap on the 等次, 一般 unless given)."""
    check_year(year)
    kind = AdjustmentKind(kind)
    reason = text(reason, "事由", 2000, "reason", required=True)
    if kind is AdjustmentKind.VETO:
        points, cap = 0.0, Grade(cap) if cap is not None else Grade.FAIR
        if cap in (Grade.EXCELLENT,):
            raise DomainError("一票否决的等次上限不能是优秀。", field="cap")
    else:
        cap = None
        if not 0 < float(points) <= 20:
            raise DomainError("分值应在 0 到 20 之间。", field="points")
    with db.transaction() as session:
        require_unlocked(session, year)
        check_unit(session, unit_id)
        row = Adjustment(
            year=year, unit_id=unit_id, kind=kind, points=float(points), cap=cap, reason=reason
        )
        session.add(row)
        session.flush()
        return row.id


def delete_adjustment(db: Database, adjustment_id: int, *, version: int) -> None:
    _delete_year_row(db, Adjustment, adjustment_id, version, "加减分记录")


def list_adjustments(db: Database, year: int) -> list[AdjustmentRow]:
    with db.reading() as session:
        rows = session.scalars(
            select(Adjustment).where(Adjustment.year == year).order_by(Adjustment.id)
        ).all()
        names = unit_names(session, (r.unit_id for r in rows))
        return [
            AdjustmentRow(
                r.id,
                r.unit_id,
                names.get(r.unit_id, ""),
                r.kind,
                r.points,
                r.cap,
                r.reason,
                r.version,
            )
            for r in rows
        ]


# --- 述职评议 ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RaterGroupRow:
    id: int
    year: int
    seq: int
    name: str
    weight: float
    issued: int
    returned: int
    version: int

    def serials(self) -> list[str]:
        """The serial numbers of the blank ballots: ``2025-2-0001`` …"""
        return [f"{self.year}-{self.seq}-{n:04d}" for n in range(1, self.issued + 1)]


def _group_row(g: RaterGroup) -> RaterGroupRow:
    return RaterGroupRow(g.id, g.year, g.seq, g.name, g.weight, g.issued, g.returned, g.version)


def list_rater_groups(db: Database, year: int) -> list[RaterGroupRow]:
    with db.reading() as session:
        groups = session.scalars(
            select(RaterGroup).where(RaterGroup.year == year).order_by(RaterGroup.seq)
        ).all()
        return [_group_row(g) for g in groups]


def ensure_rater_groups(db: Database, year: int) -> list[RaterGroupRow]:
    """The year's groups; the four usual ones (上级 / 党员代表 / 居民代表 / 成员单位) if none."""
    check_year(year)
    with db.transaction() as session:
        existing = session.scalars(select(RaterGroup.id).where(RaterGroup.year == year)).first()
        if existing is None:
            require_unlocked(session, year)
            for seq, (name, weight) in enumerate(DEFAULT_GROUPS, start=1):
                session.add(RaterGroup(year=year, seq=seq, name=name, weight=weight))
    return list_rater_groups(db, year)


def save_rater_group(
    db: Database,
    year: int,
    *,
    name: str,
    weight: float,
    issued: int,
    group_id: int | None = None,
    version: int | None = None,
) -> int:
    """Add or edit a rater group: its name, weight and the ballots issued."""
    check_year(year)
    name = text(name, "评议组名称", 50, "name", required=True)
    if not 0 <= float(weight) <= 100:
        raise DomainError("评议组权重应在 0 到 100 之间。", field="weight")
    if not isinstance(issued, int) or not 0 <= issued <= MAX_BALLOTS:
        raise DomainError(f"发出票数应在 0 到 {MAX_BALLOTS} 之间。", field="issued")
    with db.transaction() as session:
        require_unlocked(session, year)
        clash = session.scalar(
            select(RaterGroup.id).where(RaterGroup.year == year, RaterGroup.name == name)
        )
        if clash is not None and clash != group_id:
            raise DomainError(f"本年度已有评议组“{name}”。", field="name")
        if group_id is None:
            seq = (
                max(
                    session.scalars(select(RaterGroup.seq).where(RaterGroup.year == year)),
                    default=0,
                )
                + 1
            )
            row = RaterGroup(year=year, seq=seq, name=name, weight=float(weight), issued=issued)
            session.add(row)
        else:
            row = load_for_edit(
                session,
                RaterGroup,
                group_id,
                version,
                missing="该评议组已被删除。",
                what=lambda g: f"评议组“{g.name}”",
            )
            if issued < row.returned:
                raise DomainError(f"发出票数不能少于已收回的 {row.returned} 张。", field="issued")
            row.name, row.weight, row.issued = name, float(weight), issued
        session.flush()
        return row.id


def delete_rater_group(db: Database, group_id: int, *, version: int) -> None:
    """A group goes with its tallies."""
    _delete_year_row(db, RaterGroup, group_id, version, "评议组")


@dataclass(frozen=True, slots=True)
class TallyLine:
    unit_id: int
    unit_name: str
    votes: VoteCounts


@dataclass(frozen=True, slots=True)
class TallySheet:
    group: RaterGroupRow
    lines: tuple[TallyLine, ...]
    """Every active unit, with its votes (zeros where nothing is entered yet)."""


def assessed_units(session: Session) -> list[tuple[int, str]]:
    """The units assessed: the active ones, by name."""
    rows = session.execute(
        select(Unit.id, Unit.name).where(Unit.active.is_(True)).order_by(Unit.id)
    ).all()
    return [(uid, name) for uid, name in by_pinyin(rows, lambda row: row[1])]


def tally_sheet(db: Database, group_id: int) -> TallySheet:
    with db.reading() as session:
        group = session.get(RaterGroup, group_id)
        if group is None:
            raise DomainError("该评议组已被删除。")
        entered = {
            uid: VoteCounts(a, b, c, d)
            for uid, a, b, c, d in session.execute(
                select(
                    BallotTally.unit_id,
                    BallotTally.good,
                    BallotTally.fairly_good,
                    BallotTally.average,
                    BallotTally.poor,
                ).where(BallotTally.group_id == group_id)
            )
        }
        lines = tuple(
            TallyLine(uid, name, entered.get(uid, VoteCounts()))
            for uid, name in assessed_units(session)
        )
        return TallySheet(_group_row(group), lines)


def save_tally_sheet(
    db: Database,
    group_id: int,
    *,
    returned: int,
    votes: Mapping[int, VoteCounts],
    version: int,
) -> None:
    """One group's tally sheet, all or nothing: the ballots returned and each unit's votes.

    Each unit's valid votes may not exceed the ballots returned, nor those the ballots
    issued; a line that breaks it is named in the message.
    """
    with db.transaction() as session:
        group = load_for_edit(
            session,
            RaterGroup,
            group_id,
            version,
            missing="该评议组已被删除。",
            what=lambda g: f"评议组“{g.name}”",
        )
        require_unlocked(session, group.year)
        if not isinstance(returned, int) or returned < 0:
            raise DomainError("收回票数应为非负整数。", field="returned")
        if returned > group.issued:
            raise DomainError(
                f"收回票数（{returned}）多于发出票数（{group.issued}），请核对。", field="returned"
            )
        names = unit_names(session, votes)
        for unit_id, counts in votes.items():
            error = tally_error(counts, returned, group.issued)
            if error:
                raise DomainError(f"{names.get(unit_id, unit_id)}：{error}。", field="votes")
        group.returned = returned
        existing = {
            t.unit_id: t
            for t in session.scalars(select(BallotTally).where(BallotTally.group_id == group_id))
        }
        for unit_id, counts in votes.items():
            row = existing.get(unit_id)
            values = (counts.good, counts.fairly_good, counts.average, counts.poor)
            if row is None:
                if counts.valid:
                    session.add(
                        BallotTally(
                            group_id=group_id,
                            unit_id=unit_id,
                            good=values[0],
                            fairly_good=values[1],
                            average=values[2],
                            poor=values[3],
                        )
                    )
            elif (row.good, row.fairly_good, row.average, row.poor) != values:
                row.good, row.fairly_good, row.average, row.poor = values


# --- 群众满意度测评 -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SurveyRow:
    id: int
    unit_id: int
    unit_name: str
    project_id: int | None
    participants: int
    satisfied: int
    basically_satisfied: int
    unsatisfied: int
    version: int
    project_name: str = ""

    @property
    def rate(self) -> float | None:
        return survey_rate(self.participants, self.satisfied, self.basically_satisfied)


def save_survey(
    db: Database,
    year: int,
    *,
    unit_id: int,
    participants: int,
    satisfied: int,
    basically_satisfied: int,
    unsatisfied: int,
    project_id: int | None = None,
) -> int:
    check_year(year)
    error = survey_error(participants, satisfied, basically_satisfied, unsatisfied)
    if error:
        raise DomainError(f"{error}。", field="participants")
    if participants == 0:
        raise DomainError("参评人数不能为 0。", field="participants")
    with db.transaction() as session:
        require_unlocked(session, year)
        check_unit(session, unit_id)
        if project_id is not None:
            project = session.get(SecretaryProject, project_id)
            if project is None:
                raise DomainError("所选书记项目不存在。", field="project_id")
            if project.unit_id != unit_id:
                raise DomainError("所选书记项目不是该单位领办的。", field="project_id")
        row = SatisfactionSurvey(
            year=year,
            unit_id=unit_id,
            project_id=project_id,
            participants=participants,
            satisfied=satisfied,
            basically_satisfied=basically_satisfied,
            unsatisfied=unsatisfied,
        )
        session.add(row)
        session.flush()
        return row.id


def delete_survey(db: Database, survey_id: int, *, version: int) -> None:
    _delete_year_row(db, SatisfactionSurvey, survey_id, version, "测评记录")


def list_surveys(db: Database, year: int) -> list[SurveyRow]:
    with db.reading() as session:
        rows = session.scalars(
            select(SatisfactionSurvey)
            .where(SatisfactionSurvey.year == year)
            .order_by(SatisfactionSurvey.id)
        ).all()
        names = unit_names(session, (r.unit_id for r in rows))
        project_ids = {r.project_id for r in rows if r.project_id is not None}
        projects = (
            dict(
                session.execute(
                    select(SecretaryProject.id, SecretaryProject.name).where(
                        SecretaryProject.id.in_(project_ids)
                    )
                ).all()
            )
            if project_ids
            else {}
        )
        return [
            SurveyRow(
                r.id,
                r.unit_id,
                names.get(r.unit_id, ""),
                r.project_id,
                r.participants,
                r.satisfied,
                r.basically_satisfied,
                r.unsatisfied,
                r.version,
                projects.get(r.project_id, "") if r.project_id is not None else "",
            )
            for r in rows
        ]


@dataclass(frozen=True, slots=True)
class BallotLine:
    group: RaterGroupRow
    unit_id: int
    unit_name: str
    votes: VoteCounts


def ballot_lines(db: Database, year: int) -> list[BallotLine]:
    """Every entered tally line of the year, by group then unit name (述职评议汇总表)."""
    with db.reading() as session:
        groups = {
            g.id: _group_row(g)
            for g in session.scalars(select(RaterGroup).where(RaterGroup.year == year))
        }
        if not groups:
            return []
        rows = session.execute(
            select(
                BallotTally.group_id,
                BallotTally.unit_id,
                Unit.name,
                BallotTally.good,
                BallotTally.fairly_good,
                BallotTally.average,
                BallotTally.poor,
            )
            .join(Unit, Unit.id == BallotTally.unit_id)
            .where(BallotTally.group_id.in_(list(groups)))
            .order_by(BallotTally.group_id, Unit.id)
        ).all()
    rows = by_pinyin(rows, lambda row: row[2])
    lines = [BallotLine(groups[g], u, n, VoteCounts(a, b, c, d)) for g, u, n, a, b, c, d in rows]
    lines.sort(key=lambda x: x.group.seq)
    return lines
