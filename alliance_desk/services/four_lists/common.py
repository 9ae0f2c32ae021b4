"""Shared reading and checking for the four-list services."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.pinyin import by_pinyin
from alliance_desk.core.vocab import MembershipRole, UnitCategory
from alliance_desk.services.database import Database
from alliance_desk.storage.models import Alliance, ListSettings, Membership, Unit

T = TypeVar("T")
CHUNK = 900  # SQLite's bound-parameter limit


def chunks(values: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def next_code(session: Session, column: object, prefix: str, width: int = 5) -> str:
    """The next ``prefix00001``-style code after the largest one with that prefix."""
    last = session.scalar(select(func.max(column)).where(column.like(f"{prefix}%")))  # type: ignore[attr-defined]
    number = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{number:0{width}d}"


def is_current_member(session: Session, alliance_id: int, unit_id: int, on: date) -> bool:
    seats = session.execute(
        select(Membership.joined_on, Membership.left_on).where(
            Membership.alliance_id == alliance_id, Membership.unit_id == unit_id
        )
    ).all()
    return any(j <= on and (left is None or left >= on) for j, left in seats)


def alliance_community(session: Session, alliance_id: int) -> int | None:
    """The alliance's community: its lead member if that is a community, else the first
    community among its members."""
    rows = session.execute(
        select(Unit.id, Membership.role)
        .join(Membership, Membership.unit_id == Unit.id)
        .where(Membership.alliance_id == alliance_id, Unit.category == UnitCategory.COMMUNITY)
        .order_by(Membership.rotation_order, Membership.id)
    ).all()
    for unit_id, role in rows:
        if role is MembershipRole.LEAD:
            return int(unit_id)
    return int(rows[0][0]) if rows else None


def alliance_error(session: Session, alliance_id: int) -> str | None:
    alliance = session.get(Alliance, alliance_id)
    if alliance is None:
        return "所选联盟不存在，可能已被删除"
    if not alliance.active:
        return f"联盟“{alliance.name}”已停用"
    return None


def claim_days(session: Session) -> int:
    value = session.scalar(select(ListSettings.claim_days).order_by(ListSettings.id).limit(1))
    return int(value) if value else DEFAULT_CLAIM_DAYS


DEFAULT_CLAIM_DAYS = 30


def alliance_choices(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every alliance by name: the page's scope list, in one light query."""
    with db.reading() as session:
        rows = session.execute(select(Alliance.id, Alliance.name).order_by(Alliance.id)).all()
    return [(int(alliance_id), name) for alliance_id, name in by_pinyin(rows, lambda r: r[1])]
