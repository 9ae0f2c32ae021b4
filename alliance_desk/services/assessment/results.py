"""综合考核结果: every unit's parts, 加分/扣分, cap, 综合分, 等次 and 排名 for a year.

Before sign-off the results are computed from today's figures; signing off freezes
them (``AssessmentResult`` rows) and locks the year; an unlock needs a reason and is
kept in the audit trail (the year's row records it), and the frozen rows go.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from alliance_desk.core.assessment import (
    TOTAL_FORMULA,
    AdjustmentKind,
    Grade,
    GradeMode,
    adjustment_total,
    composite,
    grades,
    lower,
    ranks,
    round_score,
    threshold_grade,
)
from alliance_desk.core.errors import DomainError
from alliance_desk.services.assessment.indicators import Raw
from alliance_desk.services.assessment.setup import (
    AssessmentSetup,
    assessed_units,
    read_setup,
    year_row,
)
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.projects.common import check_year, text
from alliance_desk.storage.models import Adjustment, AssessmentResult, AssessmentYear, Unit


class Part(NamedTuple):
    """One indicator on a unit's scorecard (a named tuple: 110,000 of them a year)."""

    key: str
    name: str
    raw: float | None
    detail: str
    score: float | None
    weight: float
    source: str
    formula: str

    @property
    def weighted(self) -> float:
        return round_score(self.weight * (self.score or 0.0) / 100)


class ResultLine(NamedTuple):
    unit_id: int
    unit_name: str
    parts: tuple[Part, ...]
    bonus: float
    penalty: float
    cap: Grade | None
    reasons: tuple[str, ...]
    """加分 / 扣分 / 一票否决, each with its 事由."""
    total: float
    grade: Grade
    rank: int | None
    """None on a scorecard computed alone before sign-off (rank needs every unit)."""


@dataclass(frozen=True, slots=True)
class AssessmentReport:
    year: int
    setup: AssessmentSetup
    lines: tuple[ResultLine, ...]
    """By rank, then name."""
    computed_on: date
    frozen: bool

    @property
    def formula(self) -> str:
        return TOTAL_FORMULA

    def grade_counts(self) -> dict[Grade, int]:
        counts = dict.fromkeys(Grade, 0)
        for line in self.lines:
            counts[line.grade] += 1
        return counts


def _adjustments(
    session: Session, year: int, units: Collection[int] | None
) -> dict[int, list[Adjustment]]:
    query = select(Adjustment).where(Adjustment.year == year)
    if units is not None:
        query = query.where(Adjustment.unit_id.in_(list(units)))
    found: dict[int, list[Adjustment]] = defaultdict(list)
    for row in session.scalars(query):
        found[row.unit_id].append(row)
    return found


def _reason(a: Adjustment) -> str:
    if a.kind is AdjustmentKind.VETO:
        return f"一票否决（等次最高{a.cap.label if a.cap else '一般'}）：{a.reason}"
    return f"{a.kind.label} {a.points:g}：{a.reason}"


_NO_DATA = "无数据（按 0 分计）"


def _parts(
    unit_id: int, setup: AssessmentSetup, figures: dict[str, dict[int, Raw]]
) -> tuple[Part, ...]:
    parts = []
    for weighted in setup.counted:
        ind = weighted.indicator
        raw = ind.raw_of(figures[ind.key], unit_id)
        if raw is None or raw.value is None:
            parts.append(
                Part(
                    ind.key,
                    ind.name,
                    None,
                    _NO_DATA,
                    None,
                    weighted.weight,
                    ind.source,
                    ind.formula,
                )
            )
        else:
            parts.append(
                Part(
                    ind.key,
                    ind.name,
                    raw.value,
                    raw.detail,
                    round_score(ind.score(raw) or 0.0),
                    weighted.weight,
                    ind.source,
                    ind.formula,
                )
            )
    return tuple(parts)


def _adjusted(adjustments: list[Adjustment]) -> tuple[float, float, Grade | None, tuple[str, ...]]:
    if not adjustments:
        return 0.0, 0.0, None, ()
    bonus = adjustment_total([a.points for a in adjustments if a.kind is AdjustmentKind.BONUS])
    penalty = adjustment_total([a.points for a in adjustments if a.kind is AdjustmentKind.PENALTY])
    cap: Grade | None = None
    for a in adjustments:
        if a.kind is AdjustmentKind.VETO:
            cap = lower(a.cap or Grade.FAIR, cap)
    return bonus, penalty, cap, tuple(_reason(a) for a in adjustments)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round_score(value)


def _compute(
    session: Session, year: int, today: date, units: list[tuple[int, str]], *, alone: bool
) -> tuple[AssessmentSetup, list[ResultLine]]:
    setup = read_setup(session, year)
    ids = [u for u, _ in units] if alone else None
    figures = {
        w.indicator.key: w.indicator.compute(session, year, today, ids) for w in setup.counted
    }
    adjustments = _adjustments(session, year, ids)
    built = []
    for uid, name in units:
        parts = _parts(uid, setup, figures)
        bonus, penalty, cap, reasons = _adjusted(adjustments.get(uid, []))
        total = composite([(p.weight, p.score) for p in parts], bonus, penalty)
        built.append((uid, name, parts, bonus, penalty, cap, reasons, total))
    caps = [b[5] for b in built]
    totals = [b[7] for b in built]
    if alone:
        graded = [
            lower(threshold_grade(t, setup.rule), c) for t, c in zip(totals, caps, strict=True)
        ]
        ranked: list[int | None] = [None] * len(built)
    else:
        graded = grades(totals, caps, setup.rule)
        ranked = list(ranks(totals))
    return setup, [ResultLine(*b, g, r) for b, g, r in zip(built, graded, ranked, strict=True)]


def _order(lines: list[ResultLine]) -> tuple[ResultLine, ...]:
    return tuple(sorted(lines, key=lambda x: (x.rank or 0, -x.total, x.unit_name)))


def assess_year(db: Database, year: int, *, today: date) -> AssessmentReport:
    """Every assessed unit's result: frozen when signed off, else computed now."""
    check_year(year)
    with db.reading() as session:
        row = year_row(session, year)
        if row is not None and row.locked:
            setup = read_setup(session, year)
            return AssessmentReport(year, setup, _order(_frozen(session, year, setup)), today, True)
        setup, lines = _compute(session, year, today, assessed_units(session), alone=False)
        return AssessmentReport(year, setup, _order(lines), today, False)


def scorecard(db: Database, year: int, unit_id: int, *, today: date) -> ResultLine:
    """One unit's scorecard. Before sign-off, with 等次 by score lines it is computed for
    the unit alone (its rank is not known yet); by quotas the 等次 depends on every unit's
    total, so the whole year is computed and the unit's line taken — as the summary shows."""
    check_year(year)
    with db.reading() as session:
        row = year_row(session, year)
        if row is not None and row.locked:
            setup = read_setup(session, year)
            for line in _frozen(session, year, setup, unit_id=unit_id):
                return line
            raise DomainError("该单位不在本年度的考核结果中。")
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise DomainError("该单位不存在，可能已被删除。")
        if read_setup(session, year).rule.mode is GradeMode.QUOTAS:
            _, lines = _compute(session, year, today, assessed_units(session), alone=False)
            for line in lines:
                if line.unit_id == unit_id:
                    return line
            raise DomainError("该单位不在本年度的考核范围内。")
        _, lines = _compute(session, year, today, [(unit.id, unit.name)], alone=True)
        return lines[0]


# --- sign-off and unlock ------------------------------------------------------------------------
def _freeze(line: ResultLine) -> dict[str, Any]:
    return {
        # Each part's name, weight, source and formula are the year's (frozen with it).
        "parts": [[p.key, p.raw, p.detail, p.score] for p in line.parts],
        "bonus": line.bonus,
        "penalty": line.penalty,
        "cap": None if line.cap is None else line.cap.value,
        "reasons": list(line.reasons),
        "name": line.unit_name,
    }


def _thawed(
    known: dict[str, tuple[str, float, str, str]],
    key: str,
    raw: float | None,
    detail: str,
    score: float | None,
) -> Part:
    name, weight, source, formula = known.get(key, (key, 0.0, "", ""))
    return Part(key, name, raw, detail, score, weight, source, formula)


def _frozen(
    session: Session, year: int, setup: AssessmentSetup, unit_id: int | None = None
) -> list[ResultLine]:
    query = select(
        AssessmentResult.unit_id,
        AssessmentResult.total,
        AssessmentResult.grade,
        AssessmentResult.rank,
        AssessmentResult.parts,
    ).where(AssessmentResult.year == year)
    if unit_id is not None:
        query = query.where(AssessmentResult.unit_id == unit_id)
    known = {
        w.indicator.key: (w.indicator.name, w.weight, w.indicator.source, w.indicator.formula)
        for w in setup.weights
    }
    grades_ = {g.value: g for g in Grade}
    lines = []
    for uid, total, grade, rank, data in session.execute(query):
        lines.append(
            ResultLine(
                uid,
                data["name"],
                tuple(_thawed(known, *part) for part in data["parts"]),
                data["bonus"],
                data["penalty"],
                None if data["cap"] is None else grades_[data["cap"]],
                tuple(data["reasons"]),
                total,
                Grade(grade),
                rank,
            )
        )
    return lines


def result_rows(
    session: Session, year: int, today: date
) -> tuple[AssessmentSetup, list[dict[str, Any]]]:
    """Every unit's result as ``AssessmentResult`` rows (what signing off freezes)."""
    setup, lines = _compute(session, year, today, assessed_units(session), alone=False)
    rows = [
        {
            "year": year,
            "unit_id": x.unit_id,
            "total": x.total,
            "grade": x.grade,
            "rank": x.rank or 0,
            "parts": _freeze(x),
        }
        for x in lines
    ]
    return setup, rows


def sign_off(
    db: Database, year: int, *, by: str, today: date, version: int, at: datetime | None = None
) -> int:
    """签发: freeze every unit's result and lock the year; returns the units frozen.

    ``version`` is the year's row version the clerk saw (0: none yet).
    """
    check_year(year)
    by = text(by, "签发人", 50, "by", required=True)
    with db.transaction() as session:
        row = year_row(session, year)
        if row is None:
            if version:
                raise DomainError("本年度考核设置已被他人修改，请刷新后再签发。")
            row = AssessmentYear(year=year)
            session.add(row)
            session.flush()
        else:
            row = load_for_edit(
                session,
                AssessmentYear,
                row.id,
                version,
                missing="本年度考核已被删除。",
                what=lambda y: f"{y.year}年度考核",
            )
        if row.locked:
            raise DomainError(f"{year}年度考核结果已签发。")
        setup, rows = result_rows(session, year, today)
        if setup.weights and not setup.weights_saved:
            raise DomainError("请先确认并保存本年度各项指标的权重，再签发。")
        session.execute(delete(AssessmentResult).where(AssessmentResult.year == year))
        if rows:
            session.execute(insert(AssessmentResult), rows)
        row.locked = True
        row.signed_off_by = by
        row.signed_off_at = at or datetime.now(UTC).replace(tzinfo=None)
        row.unlock_reason = ""
        return len(rows)


def unlock(db: Database, year: int, *, reason: str, version: int) -> None:
    """解锁 a signed-off year (the reason stays in the audit trail); the frozen results go."""
    reason = text(reason, "解锁原因", 2000, "reason", required=True)
    with db.transaction() as session:
        row = year_row(session, year)
        if row is None or not row.locked:
            raise DomainError(f"{year}年度考核结果尚未签发，无需解锁。")
        row = load_for_edit(
            session,
            AssessmentYear,
            row.id,
            version,
            missing="本年度考核已被删除。",
            what=lambda y: f"{y.year}年度考核",
        )
        row.locked = False
        row.unlock_reason = reason
        session.execute(delete(AssessmentResult).where(AssessmentResult.year == year))
