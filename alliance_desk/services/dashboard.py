"""首页/看板 figures: one call for a year (and optionally one alliance), aggregated in SQL.

The commitment figures use the population of the fulfilment report
(``services.commitments.stats``): the commitments **due** in the year. Each of them is
in exactly one slot of the state breakdown — 已提出 / 已认领 / 推进中 only while not yet
due, 逾期未履诺 once the due day has passed, 已履诺, 已取消 — so the slots add up to
the total. The monthly line is a flow instead: commitments *made* in each month of the
year against commitments *fulfilled* in it.

Everything is counted with ``count(*) FILTER (WHERE …)`` and ``GROUP BY`` in a few
queries over the commitment table; nothing is loaded row by row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, extract, func, or_, select
from sqlalchemy.orm import aliased

from alliance_desk.core.commitments import OPEN_STATES, FulfilmentCounts, RatingCounts
from alliance_desk.core.vocab import (
    CommitmentDirection,
    CommitmentState,
    MeetingState,
    Rating,
)
from alliance_desk.services.database import Database
from alliance_desk.services.query_hints import without_index
from alliance_desk.storage.models import (
    Alliance,
    Commitment,
    Evaluation,
    Meeting,
    Membership,
    Unit,
)

#: The derived slot of the state breakdown: open with the due day passed.
OVERDUE = "overdue"
#: The state breakdown's slots, in the order the chart shows them.
STATE_SLOTS: tuple[str, ...] = (
    CommitmentState.PROPOSED.value,
    CommitmentState.ACCEPTED.value,
    CommitmentState.IN_PROGRESS.value,
    OVERDUE,
    CommitmentState.FULFILLED.value,
    CommitmentState.CANCELLED.value,
)
HELD_STATES = (MeetingState.HELD, MeetingState.APPROVED)
PLANNED_STATES = (MeetingState.DRAFT, MeetingState.NOTIFIED)


@dataclass(frozen=True, slots=True)
class AllianceRate:
    """One bar of the per-alliance chart."""

    alliance_id: int
    name: str
    counts: FulfilmentCounts

    @property
    def on_time_rate(self) -> float | None:
        return self.counts.on_time_rate


@dataclass(frozen=True, slots=True)
class MonthFigures:
    month: int
    made: int
    """Commitments made (承诺日期) in the month."""
    fulfilled: int
    """Commitments fulfilled (履诺日期) in the month."""


@dataclass(frozen=True, slots=True)
class DirectionFigures:
    """One direction's commitments due in the year."""

    direction: CommitmentDirection
    counts: FulfilmentCounts
    ratings: RatingCounts

    @property
    def made(self) -> int:
        return self.counts.total

    @property
    def fulfilled(self) -> int:
        return self.counts.fulfilled

    @property
    def on_time_rate(self) -> float | None:
        return self.counts.on_time_rate


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    year: int
    alliance_id: int | None
    today: date
    alliances: int
    """Active alliances in scope (1 when one alliance is chosen and active)."""
    units: int
    """Active units in scope: all, or the alliance's current members."""
    meetings_held: int
    """Meetings of the year that were held (已召开, 纪要已审定)."""
    meetings_planned: int
    """Meetings of the year not held yet (草稿, 已通知)."""
    counts: FulfilmentCounts
    """The year's commitments (due in the year), by outcome."""
    ratings: RatingCounts
    """Ratings on those commitments."""
    states: dict[str, int]
    """``STATE_SLOTS`` → count; the slots add up to ``counts.total``."""
    per_alliance: tuple[AllianceRate, ...]
    """Alliances with an on-time rate, best first (ties by name)."""
    monthly: tuple[MonthFigures, ...]
    """Twelve months, January first."""
    directions: tuple[DirectionFigures, ...]
    """单位→社区, then 社区→单位."""

    @property
    def total(self) -> int:
        return self.counts.total

    @property
    def on_time_rate(self) -> float | None:
        return self.counts.on_time_rate

    @property
    def satisfaction_rate(self) -> float | None:
        return self.ratings.satisfaction_rate


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _population(
    year: int, alliance_id: int | None, dialect: str = ""
) -> list[ColumnElement[bool]]:
    # Only the ratings query passes ``dialect``: reading ``evaluation`` straight through
    # beat walking the due-date index (64 vs 84 ms on the scale-100 demo).
    due_on = without_index(Commitment.due_on, dialect)
    where: list[ColumnElement[bool]] = [due_on.between(*_year_range(year))]
    if alliance_id is not None:
        where.append(Commitment.alliance_id == alliance_id)
    return where


def _slot_columns(today: date) -> list[ColumnElement[int]]:
    """on time, late, open 已提出 / 已认领 / 推进中 (not yet due), overdue, cancelled."""
    fulfilled = Commitment.state == CommitmentState.FULFILLED
    fulfilled_on = func.coalesce(Commitment.fulfilled_on, Commitment.due_on)
    not_due = Commitment.due_on >= today
    conditions = [
        fulfilled & (fulfilled_on <= Commitment.due_on),
        fulfilled & (fulfilled_on > Commitment.due_on),
        (Commitment.state == CommitmentState.PROPOSED) & not_due,
        (Commitment.state == CommitmentState.ACCEPTED) & not_due,
        (Commitment.state == CommitmentState.IN_PROGRESS) & not_due,
        Commitment.state.in_(sorted(OPEN_STATES)) & (Commitment.due_on < today),
        Commitment.state == CommitmentState.CANCELLED,
    ]
    return [func.count().filter(c) for c in conditions]


def _counts(slots: tuple[int, ...]) -> FulfilmentCounts:
    on_time, late, proposed, accepted, in_progress, overdue, cancelled = slots
    return FulfilmentCounts(on_time, late, proposed + accepted + in_progress, overdue, cancelled)


def _add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _scope_counts(
    connection: Connection, year: int, alliance_id: int | None, today: date
) -> tuple[int, int, int, int]:
    """Active alliances, active units, held and planned meetings: one SELECT."""
    first = datetime(year, 1, 1)
    meetings = select(func.count()).select_from(Meeting).where(
        Meeting.starts_at >= first, Meeting.starts_at < first.replace(year=year + 1)
    )
    if alliance_id is None:
        alliances = select(func.count()).select_from(Alliance).where(Alliance.active.is_(True))
        units = select(func.count()).select_from(Unit).where(Unit.active.is_(True))
    else:
        meetings = meetings.where(Meeting.alliance_id == alliance_id)
        alliances = select(func.count()).select_from(Alliance).where(
            Alliance.id == alliance_id, Alliance.active.is_(True)
        )
        units = (
            select(func.count(func.distinct(Membership.unit_id)))
            .join(Unit, Unit.id == Membership.unit_id)
            .where(
                Membership.alliance_id == alliance_id,
                Unit.active.is_(True),
                Membership.joined_on <= today,
                or_(Membership.left_on.is_(None), Membership.left_on >= today),
            )
        )
    row = connection.execute(
        select(
            alliances.scalar_subquery(),
            units.scalar_subquery(),
            meetings.where(Meeting.state.in_(HELD_STATES)).scalar_subquery(),
            meetings.where(Meeting.state.in_(PLANNED_STATES)).scalar_subquery(),
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0), int(row[3] or 0)


def _monthly(
    connection: Connection, year: int, alliance_id: int | None
) -> tuple[MonthFigures, ...]:
    first, last = _year_range(year)
    scope = [] if alliance_id is None else [Commitment.alliance_id == alliance_id]
    made_month = extract("month", Commitment.made_on)
    made = dict(
        connection.execute(
            select(made_month, func.count())
            .where(Commitment.made_on.between(first, last), *scope)
            .group_by(made_month)
        ).all()
    )
    done_month = extract("month", Commitment.fulfilled_on)
    done = dict(
        connection.execute(
            select(done_month, func.count())
            .where(
                without_index(Commitment.state, connection.dialect.name)
                == CommitmentState.FULFILLED,
                Commitment.fulfilled_on.between(first, last),
                *scope,
            )
            .group_by(done_month)
        ).all()
    )
    made = {int(k): int(v) for k, v in made.items()}
    done = {int(k): int(v) for k, v in done.items()}
    return tuple(MonthFigures(m, made.get(m, 0), done.get(m, 0)) for m in range(1, 13))


def _rate_key(line: AllianceRate) -> tuple[float, str, int]:
    return (-(line.on_time_rate or 0.0), line.name, line.alliance_id)


def dashboard_figures(
    db: Database, *, year: int, today: date, alliance_id: int | None = None
) -> DashboardFigures:
    """Every figure and chart series of the dashboard for ``year`` (as of ``today``)."""
    directions = list(CommitmentDirection)
    with db.reading() as session:
        connection = session.connection()
        slot_rows = connection.execute(
            select(Commitment.alliance_id, Commitment.direction, *_slot_columns(today))
            .where(*_population(year, alliance_id))
            .group_by(Commitment.alliance_id, Commitment.direction)
        ).all()
        rating_rows = connection.execute(
            select(
                Commitment.direction,
                *[func.count().filter(Evaluation.rating == level) for level in Rating],
            )
            .select_from(Evaluation)
            .join(Commitment, Commitment.id == Evaluation.commitment_id)
            .where(*_population(year, alliance_id, connection.dialect.name))
            .group_by(Commitment.direction)
        ).all()
        monthly = _monthly(connection, year, alliance_id)
        alliances, units, held, planned = _scope_counts(connection, year, alliance_id, today)
        by_alliance: dict[int, tuple[int, ...]] = {}
        by_direction: dict[CommitmentDirection, tuple[int, ...]] = {}
        zero = (0,) * 7
        for row in slot_rows:
            slots = tuple(int(v) for v in row[2:])
            by_alliance[row[0]] = _add(by_alliance.get(row[0], zero), slots)
            key = CommitmentDirection(row[1])
            by_direction[key] = _add(by_direction.get(key, zero), slots)
        names = dict(
            connection.execute(
                select(Alliance.id, Alliance.name).where(Alliance.id.in_(list(by_alliance)))
            ).all()
        ) if by_alliance else {}
    ratings = {CommitmentDirection(r[0]): RatingCounts(*map(int, r[1:])) for r in rating_rows}
    total_slots = zero
    for slots in by_direction.values():
        total_slots = _add(total_slots, slots)
    on_time, late, proposed, accepted, in_progress, overdue, cancelled = total_slots
    states = dict(
        zip(
            STATE_SLOTS,
            (proposed, accepted, in_progress, overdue, on_time + late, cancelled),
            strict=True,
        )
    )
    per_alliance = [
        AllianceRate(i, names.get(i, str(i)), _counts(slots)) for i, slots in by_alliance.items()
    ]
    rated = sorted((x for x in per_alliance if x.on_time_rate is not None), key=_rate_key)
    return DashboardFigures(
        year=year,
        alliance_id=alliance_id,
        today=today,
        alliances=alliances,
        units=units,
        meetings_held=held,
        meetings_planned=planned,
        counts=_counts(total_slots),
        ratings=sum(ratings.values(), RatingCounts()),
        states=states,
        per_alliance=tuple(rated),
        monthly=monthly,
        directions=tuple(
            DirectionFigures(d, _counts(by_direction.get(d, zero)), ratings.get(d, RatingCounts()))
            for d in directions
        ),
    )


# --- the due-soon / overdue panel ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueItem:
    """One line of the panel."""

    id: int
    content: str
    alliance_name: str
    promisor_name: str
    promisee_name: str
    due_on: date
    state: CommitmentState

    def days_from(self, today: date) -> int:
        """Days until the due day (negative: days overdue)."""
        return (self.due_on - today).days


@dataclass(frozen=True, slots=True)
class DueList:
    items: tuple[DueItem, ...]
    """The first ``limit`` items, most urgent first."""
    total: int
    """How many there are in all."""


def _due_list(db: Database, where: list[ColumnElement[bool]], *, limit: int) -> DueList:
    """The ``limit`` earliest-due rows matching ``where`` (ties by id), and the count."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    promisor, promisee = aliased(Unit), aliased(Unit)
    with db.reading() as session:
        connection = session.connection()
        total = connection.execute(
            select(func.count()).select_from(Commitment).where(*where)
        ).scalar_one()
        ids = (
            select(Commitment.id)
            .where(*where)
            .order_by(Commitment.due_on, Commitment.id)
            .limit(limit)
            .subquery()
        )
        rows: list[Any] = list(
            connection.execute(
                select(
                    Commitment.id,
                    Commitment.content,
                    Alliance.name,
                    promisor.name,
                    promisee.name,
                    Commitment.due_on,
                    Commitment.state,
                )
                .join(ids, ids.c.id == Commitment.id)
                .join(Alliance, Alliance.id == Commitment.alliance_id)
                .join(promisor, promisor.id == Commitment.promisor_unit_id)
                .join(promisee, promisee.id == Commitment.promisee_unit_id)
            ).all()
        )
    rows.sort(key=lambda r: (r[5], r[0]))
    return DueList(tuple(DueItem(*r) for r in rows), int(total))


def _open_in_scope(alliance_id: int | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Commitment.state.in_(sorted(OPEN_STATES))]
    if alliance_id is not None:
        where.append(Commitment.alliance_id == alliance_id)
    return where


def due_soon(
    db: Database, today: date, days: int = 7, *, limit: int = 8, alliance_id: int | None = None
) -> DueList:
    """Open commitments due from ``today`` through the next ``days - 1`` days (7: today and
    the six days after it, like 7天内到期 in the list), soonest first."""
    if days < 1:
        raise ValueError("days must be at least 1")
    where = _open_in_scope(alliance_id)
    where.append(Commitment.due_on.between(today, today + timedelta(days=days - 1)))
    return _due_list(db, where, limit=limit)


def overdue(
    db: Database, today: date, *, limit: int = 8, alliance_id: int | None = None
) -> DueList:
    """Open commitments past their due day, the longest overdue first."""
    where = _open_in_scope(alliance_id)
    where.append(Commitment.due_on < today)
    return _due_list(db, where, limit=limit)
