"""反馈: the community's 评价 of each member (好 / 较好 / 一般 / 差, comment) per quarter or
year, and the data of the 反馈函 each unit receives (the letters are printed by
``documents/workday``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from alliance_desk.core.errors import NotFoundError, ValidationError
from alliance_desk.core.pinyin import by_pinyin, sort_key
from alliance_desk.core.validation import length_error
from alliance_desk.core.workday.rates import UnitFigures
from alliance_desk.core.workday.states import STATE_LABELS, MemberState
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.workday.common import RATINGS, read_settings
from alliance_desk.services.workday.stats import (
    MemberFigures,
    Period,
    _Member,
    _sum,
    member_figures,
    period,
)
from alliance_desk.storage.models import MemberEvaluation, Unit, WorkdayMember


@dataclass(frozen=True, slots=True)
class EvaluationRow:
    id: int
    member_id: int
    year: int
    quarter: int
    """0 for the year."""
    rating: str
    comment: str
    version: int

    @property
    def rating_label(self) -> str:
        return RATINGS[self.rating]


def set_evaluation(
    db: Database,
    member_id: int,
    year: int,
    quarter: int | None,
    rating: str,
    comment: str = "",
    *,
    expected_version: int | None = None,
) -> EvaluationRow:
    """Save the community's 评价 of a member for a quarter (1–4) or the year (``None``);
    ``rating`` is a code of ``RATINGS`` or its label (好 …)."""
    p = period(year, quarter)
    code = (
        rating if rating in RATINGS else next((k for k, v in RATINGS.items() if v == rating), None)
    )
    errors = {
        "rating": None if code else "评价应为好、较好、一般或差",
        "comment": length_error(comment.strip(), "评语", 500, multiline=True),
    }
    errors = {k: v for k, v in errors.items() if v}
    if errors:
        raise ValidationError(errors)
    q = p.quarter or 0
    with db.transaction() as session:
        if session.get(WorkdayMember, member_id) is None:
            raise NotFoundError("该党员不存在，可能已被删除")
        existing = session.scalar(
            select(MemberEvaluation.id).where(
                MemberEvaluation.member_id == member_id,
                MemberEvaluation.year == year,
                MemberEvaluation.quarter == q,
            )
        )
        if existing is None:
            row = MemberEvaluation(member_id=member_id, year=year, quarter=q)
            session.add(row)
        else:
            row = load_for_edit(
                session,
                MemberEvaluation,
                existing,
                expected_version,
                missing="该评价不存在",
                what=lambda _r: "该党员的评价",
            )
        row.rating = str(code)
        row.comment = comment.strip()
        session.flush()
        return EvaluationRow(row.id, member_id, year, q, row.rating, row.comment, row.version)


def evaluations(
    db: Database, year: int, quarter: int | None = None, *, unit_id: int | None = None
) -> dict[int, EvaluationRow]:
    """member id → its 评价 for the period."""
    with db.reading() as session:
        return _evaluations(session, period(year, quarter), unit_id)


def _evaluations(session: Session, p: Period, unit_id: int | None) -> dict[int, EvaluationRow]:
    query = select(
        MemberEvaluation.id,
        MemberEvaluation.member_id,
        MemberEvaluation.year,
        MemberEvaluation.quarter,
        MemberEvaluation.rating,
        MemberEvaluation.comment,
        MemberEvaluation.version,
    ).where(MemberEvaluation.year == p.year, MemberEvaluation.quarter == (p.quarter or 0))
    if unit_id is not None:
        query = query.join(WorkdayMember, WorkdayMember.id == MemberEvaluation.member_id).where(
            WorkdayMember.unit_id == unit_id
        )
    return {int(r[1]): EvaluationRow(*r) for r in session.execute(query)}


@dataclass(frozen=True, slots=True)
class LetterMember:
    member_id: int
    name: str
    position: str
    community_name: str
    state: MemberState
    activities: int
    hours: float
    """Confirmed hours in the period."""
    pairs: int
    visits: int
    rating: str
    """Label (好 …), or "" when not evaluated."""
    comment: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True, slots=True)
class FeedbackLetter:
    """The data of one unit's 反馈函."""

    unit_id: int
    unit_name: str
    party_org_name: str
    period: Period
    members: list[LetterMember]
    figures: UnitFigures
    communities: list[str]
    """The communities its members report to, by pinyin."""


def feedback_letters(
    db: Database, year: int, quarter: int | None = None, *, unit_id: int | None = None
) -> list[FeedbackLetter]:
    """One letter's data per unit with members (or just ``unit_id``), units by pinyin and
    members by community then name; members who left are listed with their state."""
    p = period(year, quarter)
    with db.reading() as session:
        settings = read_settings(session)
        community = aliased(Unit)
        query = select(
            WorkdayMember.id,
            WorkdayMember.unit_id,
            WorkdayMember.name,
            WorkdayMember.position,
            WorkdayMember.community_unit_id,
            community.name,
            WorkdayMember.state,
        ).outerjoin(community, community.id == WorkdayMember.community_unit_id)
        if unit_id is not None:
            if session.get(Unit, unit_id) is None:
                raise NotFoundError("所选单位不存在")
            query = query.where(WorkdayMember.unit_id == unit_id)
        members = session.execute(query).all()
        figures = member_figures(session, p, [unit_id] if unit_id is not None else None)
        rated = _evaluations(session, p, unit_id)
        unit_ids = sorted({int(m[1]) for m in members})
        units = (
            {
                int(i): (n, org)
                for i, n, org in session.execute(
                    select(Unit.id, Unit.name, Unit.party_org_name).where(Unit.id.in_(unit_ids))
                )
            }
            if len(unit_ids) <= 900
            else {
                int(i): (n, org)
                for i, n, org in session.execute(select(Unit.id, Unit.name, Unit.party_org_name))
            }
        )
    target = settings.target_hours * p.share_of_year
    grouped: dict[int, list[tuple[object, ...]]] = {}
    for m in members:
        grouped.setdefault(int(m[1]), []).append(tuple(m))
    letters: list[FeedbackLetter] = []
    empty = MemberFigures()
    for uid, rows in grouped.items():
        listed: list[LetterMember] = []
        for mid, _u, name, position, _cid, cname, state in rows:
            f = figures.get(int(mid), empty)  # type: ignore[arg-type]
            e = rated.get(int(mid))  # type: ignore[arg-type]
            listed.append(
                LetterMember(
                    int(mid),  # type: ignore[arg-type]
                    str(name),
                    str(position),
                    str(cname or ""),
                    MemberState(state),
                    f.activities,
                    f.hours,
                    f.pairs,
                    f.visits,
                    e.rating_label if e else "",
                    e.comment if e else "",
                )
            )
        listed = by_pinyin(listed, lambda x: x.name)
        listed.sort(key=lambda x: (x.community_name == "", sort_key(x.community_name)))
        summed = _sum(
            ((int(r[0]), _Member(uid, r[4], str(r[6]))) for r in rows),  # type: ignore[arg-type]
            figures,
            target,
        )
        name, org = units.get(uid, ("", ""))
        communities = by_pinyin({x.community_name for x in listed if x.community_name}, str)
        letters.append(FeedbackLetter(uid, name, org, p, listed, summed, communities))
    return by_pinyin(letters, lambda x: x.unit_name)


def period_dates(year: int, quarter: int | None = None) -> tuple[date, date]:
    """First and last day of the year or quarter."""
    p = period(year, quarter)
    return p.start, p.end
