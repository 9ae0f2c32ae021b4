"""首页 figures: how many alliances, units and seats there are, in one round trip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select

from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.storage.models import Alliance, Membership, Unit


@dataclass(frozen=True, slots=True)
class Overview:
    """The register at a glance (current memberships: not left, or leaving in the future)."""

    alliances: int
    """Active alliances."""
    active_units: int
    """Active member units."""
    memberships: int
    """Current seats of active units in active alliances."""
    multi_alliance_units: int
    """Active units that sit in two or more active alliances."""
    total_alliances: int
    total_units: int

    @property
    def empty(self) -> bool:
        """Nothing registered yet (not even inactive rows)."""
        return self.total_alliances == 0 and self.total_units == 0


def _current_seat(today: date) -> ColumnElement[bool]:
    return (
        or_(Membership.left_on.is_(None), Membership.left_on >= today)
        & Unit.active.is_(True)
        & Alliance.active.is_(True)
    )


def overview(db: Database, *, today: date | None = None) -> Overview:
    """Count the register; one SELECT of scalar subqueries, no ORM objects loaded."""
    seat = _current_seat(today or local_today())
    seats = (
        select(Membership.unit_id, Membership.alliance_id)
        .join(Unit, Unit.id == Membership.unit_id)
        .join(Alliance, Alliance.id == Membership.alliance_id)
        .where(seat)
    )
    per_unit = (
        select(Membership.unit_id)
        .join(Unit, Unit.id == Membership.unit_id)
        .join(Alliance, Alliance.id == Membership.alliance_id)
        .where(seat)
        .group_by(Membership.unit_id)
        .having(func.count(func.distinct(Membership.alliance_id)) >= 2)
    )
    statement = select(
        select(func.count()).select_from(Alliance).where(Alliance.active.is_(True))
        .scalar_subquery(),
        select(func.count()).select_from(Unit).where(Unit.active.is_(True)).scalar_subquery(),
        select(func.count()).select_from(seats.subquery()).scalar_subquery(),
        select(func.count()).select_from(per_unit.subquery()).scalar_subquery(),
        select(func.count()).select_from(Alliance).scalar_subquery(),
        select(func.count()).select_from(Unit).scalar_subquery(),
    )
    with db.reading() as session:
        row = session.execute(statement).one()
    return Overview(*(int(value or 0) for value in row))
