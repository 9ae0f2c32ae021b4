"""``CommitmentFilter``: what the list asks for, turned into WHERE conditions.

Every condition is on the commitment's own columns (or an IN over a small subquery),
so counting never joins and the indexes on state / due date / alliance / parties apply.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, or_, select

from alliance_desk.core.commitments import OPEN_STATES, DueWindow, due_window_range
from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState
from alliance_desk.storage.models import Commitment, Decision, Minutes, Unit

#: The virtual state of the filter and of ``state_counts``: open and past due.
OVERDUE: Final = "overdue"


class PartyRole(StrEnum):
    """Which side ``CommitmentFilter.unit_id`` must be on."""

    ANY = "any"
    PROMISOR = "promisor"
    PROMISEE = "promisee"


class SortKey(StrEnum):
    ACTION = "action"
    """What needs action first: the open ones by due date (overdue, then due soonest),
    then the fulfilled and cancelled ones, latest due first."""
    DUE_ON = "due_on"
    MADE_ON = "made_on"
    STATE = "state"
    ALLIANCE = "alliance"
    PROMISOR = "promisor"
    PROMISEE = "promisee"
    DIRECTION = "direction"
    CATEGORY = "category"
    CONTENT = "content"
    FULFILLED_ON = "fulfilled_on"
    ID = "id"


@dataclass(frozen=True, slots=True)
class CommitmentFilter:
    """The list's filters; None (or "") means "any". All given conditions must hold.

    - ``unit_id``: the unit is the promisor **or** the promisee; ``unit_role`` narrows
      it to one side.
    - ``state``: a stored state (overdue ones included), or ``"overdue"`` for the open
      ones past due.
    - ``due_window``: see ``core.commitments.due_window_range`` (已逾期 implies open).
    - ``due_year``: due in that calendar year (the population of the fulfilment
      figures, ``stats.fulfilment_stats``).
    - ``source_meeting_id``: made from a decision of that meeting's minutes.
    - ``text``: a substring of the content or of either party's name, ignoring the
      case of Latin letters (SQLite: ASCII only).
    - ``sort`` / ``descending``: the order; ties are broken by id, so pages are stable.
    """

    alliance_id: int | None = None
    unit_id: int | None = None
    unit_role: PartyRole = PartyRole.ANY
    direction: CommitmentDirection | None = None
    state: CommitmentState | str | None = None
    category: str | None = None
    due_window: DueWindow | None = None
    due_year: int | None = None
    source_meeting_id: int | None = None
    text: str = ""
    sort: SortKey = SortKey.DUE_ON
    descending: bool = False


def overdue_condition(today: date) -> ColumnElement[bool]:
    return Commitment.state.in_(sorted(OPEN_STATES)) & (Commitment.due_on < today)


def like_pattern(text: str) -> str:
    """``%text%`` for LIKE with ``\\`` as the escape character (``%`` and ``_`` typed by
    the clerk are literal). Not case-folded here: LIKE / ILIKE ignore case themselves,
    and folding would break a match such as “ß” → “ss”."""
    needle = clean_text(text)
    for special in ("\\", "%", "_"):
        needle = needle.replace(special, "\\" + special)
    return f"%{needle}%"


def contains(column: Any, text: str, dialect: str) -> ColumnElement[bool]:
    """Case-insensitive substring match, as cheap as each database allows.

    Text without cased letters (Chinese, digits) uses plain LIKE everywhere; SQLite's
    LIKE already ignores ASCII case (its ``lower()`` folds nothing more), so SQLite
    never needs more; PostgreSQL gets ILIKE for text with Latin letters. Measured on
    200,000 rows: PostgreSQL ILIKE 85 ms vs LIKE 43 ms; SQLite ``lower()`` +25 ms.
    """
    pattern = like_pattern(text)
    if dialect == "sqlite" or text.lower() == text.upper():
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


def units_named(text: str, dialect: str) -> Select[int]:
    """The ids of the units whose name contains ``text``."""
    return select(Unit.id).where(contains(Unit.name, text, dialect))


def conditions(
    f: CommitmentFilter,
    today: date,
    *,
    dialect: str,
    with_state: bool = True,
    named_units: Collection[int] | None = None,
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``f`` for ``dialect`` ("sqlite", "postgresql").

    ``with_state=False`` leaves the state out (the per-state counts above the list
    ignore the state being looked at). ``named_units``: the ids of the units whose
    name contains ``f.text``, when the caller looked them up (``units_named``); an
    empty collection drops the party-name test, which halves a text search's scan.
    """
    where: list[ColumnElement[bool]] = []
    if f.alliance_id is not None:
        where.append(Commitment.alliance_id == f.alliance_id)
    if f.unit_id is not None:
        role = PartyRole(f.unit_role)
        if role is PartyRole.PROMISOR:
            where.append(Commitment.promisor_unit_id == f.unit_id)
        elif role is PartyRole.PROMISEE:
            where.append(Commitment.promisee_unit_id == f.unit_id)
        else:
            where.append(
                or_(
                    Commitment.promisor_unit_id == f.unit_id,
                    Commitment.promisee_unit_id == f.unit_id,
                )
            )
    if f.direction is not None:
        where.append(Commitment.direction == CommitmentDirection(f.direction))
    if with_state and f.state is not None:
        if f.state == OVERDUE:
            where.append(overdue_condition(today))
        else:
            where.append(Commitment.state == CommitmentState(f.state))
    if f.category is not None:
        where.append(Commitment.category == clean_text(f.category))
    if f.due_window is not None:
        first, last = due_window_range(DueWindow(f.due_window), today)
        if f.due_window == DueWindow.OVERDUE:
            where.append(overdue_condition(today))
        else:
            where.append(Commitment.due_on.between(first, last))
    if f.due_year is not None:
        where.append(Commitment.due_on.between(date(f.due_year, 1, 1), date(f.due_year, 12, 31)))
    if f.source_meeting_id is not None:
        where.append(
            Commitment.source_decision_id.in_(
                select(Decision.id)
                .join(Minutes, Minutes.id == Decision.minutes_id)
                .where(Minutes.meeting_id == f.source_meeting_id)
            )
        )
    if clean_text(f.text):
        matches = [contains(Commitment.content, f.text, dialect)]
        if named_units is None or named_units:
            named = named_units if named_units is not None else units_named(f.text, dialect)
            matches.append(Commitment.promisor_unit_id.in_(named))
            matches.append(Commitment.promisee_unit_id.in_(named))
        where.append(or_(*matches))
    return where
