"""四项清单统计: the rates of ``core.four_lists.rates`` per alliance (its community) for a
year, counted in SQL with ``count(*) FILTER (WHERE …)`` per table.

The year's population: needs registered in it, projects made (拟定) in it and the
resident ratings of those projects; resources are counted as they stand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from alliance_desk.core.four_lists.rates import (
    UNIT_CLAIM_RATE_FORMULA,
    UNIT_COMPLETION_RATE_FORMULA,
    ListCounts,
    ratio,
)
from alliance_desk.core.four_lists.states import (
    CLAIMED_OR_LATER,
    FINISHED,
    PUBLISHED_OR_LATER,
    VERIFIED_OR_LATER,
)
from alliance_desk.core.four_lists.vocab import NeedState, ResourceState
from alliance_desk.core.pinyin import by_pinyin
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.database import Database
from alliance_desk.storage.models import (
    Alliance,
    Commitment,
    Membership,
    Need,
    Project,
    ProjectClaim,
    ResidentRating,
    Resource,
    Unit,
)

MATCHED_STATES = (NeedState.MATCHED, NeedState.DONE, NeedState.RATED)


@dataclass(frozen=True, slots=True)
class StatLine:
    alliance_id: int | None
    name: str
    community: str
    counts: ListCounts


@dataclass(frozen=True, slots=True)
class ListStatistics:
    year: int
    today: date
    alliance_id: int | None
    lines: tuple[StatLine, ...]
    total: ListCounts

    @property
    def title(self) -> str:
        scope = self.lines[0].name if self.alliance_id is not None and self.lines else ""
        return f"{scope}{self.year}年四项清单统计表"


def _year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _need_counts(session: Session, year: int, alliance_id: int | None) -> dict[int, list[int]]:
    first, last = _year(year)
    query = select(
        Need.alliance_id,
        func.count(),
        func.count().filter(Need.state.in_(list(VERIFIED_OR_LATER))),
        func.count().filter(Need.state.in_(MATCHED_STATES)),
    ).where(Need.registered_on.between(first, last))
    if alliance_id is not None:
        query = query.where(Need.alliance_id == alliance_id)
    return {r[0]: list(r[1:]) for r in session.execute(query.group_by(Need.alliance_id))}


def _resource_counts(session: Session, alliance_id: int | None) -> dict[int, list[int]]:
    query = select(
        Resource.alliance_id,
        func.count(),
        func.count().filter(Resource.state == ResourceState.ACTIVE),
    )
    if alliance_id is not None:
        query = query.where(Resource.alliance_id == alliance_id)
    return {r[0]: list(r[1:]) for r in session.execute(query.group_by(Resource.alliance_id))}


def _project_counts(session: Session, year: int, alliance_id: int | None) -> dict[int, list[int]]:
    first, last = _year(year)
    finished = Project.state.in_(list(FINISHED))
    query = select(
        Project.alliance_id,
        func.count(),
        func.count().filter(Project.state.in_(list(PUBLISHED_OR_LATER))),
        func.count().filter(Project.state.in_(list(CLAIMED_OR_LATER))),
        func.count().filter(finished),
        func.count().filter(and_(finished, Project.finished_on <= Project.planned_end)),
        func.coalesce(func.sum(ResidentRating.satisfied), 0),
        func.coalesce(func.sum(ResidentRating.basically_satisfied), 0),
        func.coalesce(func.sum(ResidentRating.unsatisfied), 0),
    ).outerjoin(ResidentRating, ResidentRating.project_id == Project.id)
    query = query.where(Project.created_on.between(first, last))
    if alliance_id is not None:
        query = query.where(Project.alliance_id == alliance_id)
    return {
        r[0]: [int(v) for v in r[1:]] for r in session.execute(query.group_by(Project.alliance_id))
    }


def _communities(session: Session) -> dict[int, str]:
    names: dict[int, list[str]] = defaultdict(list)
    for alliance_id, name in session.execute(
        select(Membership.alliance_id, Unit.name)
        .join(Unit, Unit.id == Membership.unit_id)
        .where(Unit.category == UnitCategory.COMMUNITY, Membership.left_on.is_(None))
        .order_by(Membership.rotation_order)
    ):
        names[alliance_id].append(name)
    return {k: "、".join(v) for k, v in names.items()}


def list_statistics(
    db: Database, *, year: int, today: date, alliance_id: int | None = None
) -> ListStatistics:
    with db.reading() as session:
        needs = _need_counts(session, year, alliance_id)
        resources = _resource_counts(session, alliance_id)
        projects = _project_counts(session, year, alliance_id)
        communities = _communities(session)
        query = select(Alliance.id, Alliance.name).order_by(Alliance.id)
        if alliance_id is not None:
            query = query.where(Alliance.id == alliance_id)
        alliances = by_pinyin(session.execute(query).all(), lambda row: row[1])
    lines = []
    total = ListCounts()
    for aid, name in alliances:
        n = needs.get(aid, [0, 0, 0])
        r = resources.get(aid, [0, 0])
        p = projects.get(aid, [0] * 8)
        counts = ListCounts(*n, *r, *p)
        if alliance_id is None and not any((*n, *r, *p)):
            continue
        lines.append(StatLine(aid, name, communities.get(aid, ""), counts))
        total = total + counts
    return ListStatistics(year, today, alliance_id, tuple(lines), total)


# --- for the year-end assessment (书记项目与考核) ---------------------------------------------
@dataclass(frozen=True, slots=True)
class UnitClaimFigures:
    """One unit's part in the four lists for a year."""

    unit_id: int
    unit_name: str
    claimed: int
    """Projects of the year the unit claimed."""
    published: int
    """Projects of the year published in the alliances the unit sat in."""
    finished: int
    """Of the claimed ones, those 已办结 / 已评议."""

    @property
    def claim_rate(self) -> float | None:
        return ratio(self.claimed, self.published)

    @property
    def completion_rate(self) -> float | None:
        return ratio(self.finished, self.claimed)


UNIT_FORMULAS = (UNIT_CLAIM_RATE_FORMULA, UNIT_COMPLETION_RATE_FORMULA)


def unit_claim_figures(db: Database, year: int) -> list[UnitClaimFigures]:
    """Per non-community unit with a seat or a claim in the year: projects claimed, the
    claim rate and the 办结率 (formulas: ``UNIT_FORMULAS``). One read, plain rows."""
    with db.reading() as session:
        return read_unit_claim_figures(session, year)


def read_unit_claim_figures(session: Session, year: int) -> list[UnitClaimFigures]:
    """:func:`unit_claim_figures` inside a caller's read (the year-end assessment's)."""
    first, last = _year(year)
    in_year = Project.created_on.between(first, last)
    claims = session.execute(
        select(
            Commitment.promisor_unit_id,
            func.count(func.distinct(Project.id)),
            func.count(func.distinct(Project.id)).filter(Project.state.in_(list(FINISHED))),
        )
        .select_from(ProjectClaim)
        .join(Project, Project.id == ProjectClaim.project_id)
        .join(Commitment, Commitment.id == ProjectClaim.commitment_id)
        .where(in_year)
        .group_by(Commitment.promisor_unit_id)
    ).all()
    published_by_alliance = dict(
        session.execute(
            select(Project.alliance_id, func.count())
            .where(in_year, Project.state.in_(list(PUBLISHED_OR_LATER)))
            .group_by(Project.alliance_id)
        ).all()
    )
    seats = session.execute(
        select(Membership.unit_id, Membership.alliance_id, Unit.name)
        .join(Unit, Unit.id == Membership.unit_id)
        .where(
            Unit.category != UnitCategory.COMMUNITY,
            Membership.joined_on <= last,
            (Membership.left_on.is_(None)) | (Membership.left_on >= first),
        )
    ).all()
    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    published: dict[int, int] = defaultdict(int)
    alliances_seen: dict[int, set[int]] = defaultdict(set)
    for unit_id, alliance_id, _name in seats:
        if alliance_id not in alliances_seen[unit_id]:
            alliances_seen[unit_id].add(alliance_id)
            published[unit_id] += published_by_alliance.get(alliance_id, 0)
    by_unit = {u: (c, f) for u, c, f in claims}
    units = sorted(set(published) | set(by_unit), key=lambda u: names.get(u, ""))
    return [
        UnitClaimFigures(
            u,
            names.get(u, ""),
            by_unit.get(u, (0, 0))[0],
            published.get(u, 0),
            by_unit.get(u, (0, 0))[1],
        )
        for u in units
    ]
