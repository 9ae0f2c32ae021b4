"""The commitment list at city scale: count and page in SQL, fetch only what is shown.

``count_commitments`` and ``state_counts`` touch the commitment table alone; the page
query sorts and limits first (joining only what the sort key needs), then reads the
names and the latest progress percentage of those rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, case, func, select
from sqlalchemy.orm import aliased

from alliance_desk.core.commitments import STATE_ORDER, fulfilled_late, is_overdue
from alliance_desk.core.text import clean_text
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.commitments.filters import (
    OVERDUE,
    CommitmentFilter,
    SortKey,
    conditions,
    overdue_condition,
    units_named,
)
from alliance_desk.services.commitments.records import CommitmentRow
from alliance_desk.services.database import Database
from alliance_desk.storage.models import Alliance, Commitment, ProgressUpdate, Unit

MAX_PAGE = 1000


#: Above this many units matching the text, the name test stays a subquery.
_MAX_NAMED_UNITS = 500


def _where(
    connection: Connection, f: CommitmentFilter, today: date, *, with_state: bool = True
) -> list[ColumnElement[bool]]:
    """``conditions(f)``, with the units named by the search text looked up first (a
    3 ms query on 16,000 units): most searches name no unit, and then the scan tests
    the content alone."""
    dialect = connection.dialect.name
    named: list[int] | None = None
    if clean_text(f.text):
        ids = connection.execute(units_named(f.text, dialect).limit(_MAX_NAMED_UNITS + 1)).scalars()
        named = list(ids)
        if len(named) > _MAX_NAMED_UNITS:
            named = None
    return conditions(f, today, dialect=dialect, with_state=with_state, named_units=named)


def count_commitments(db: Database, f: CommitmentFilter, *, today: date) -> int:
    """How many commitments match ``f`` (for the scroll bar and "共 N 项")."""
    with db.reading() as session:
        connection = session.connection()
        query = select(func.count()).select_from(Commitment).where(*_where(connection, f, today))
        return connection.execute(query).scalar_one()


def state_counts(db: Database, f: CommitmentFilter, *, today: date) -> dict[str, int]:
    """Counts per stored state, plus ``"overdue"``, for the bar above the list.

    One aggregate query (``count(*) FILTER (WHERE …)`` per state). The filter's own
    state is ignored, so every state shows its count; every other condition applies.
    ``"overdue"`` overlaps the three open states (an overdue 推进中 is in both).

    Not ``GROUP BY state``: SQLite then walks ``ix_commitment_state_due`` for the
    grouping order and looks up every row for the other conditions — measured 330 ms
    instead of 25 ms on 200,000 rows with a category or text filter.
    """
    columns = [func.count().filter(Commitment.state == state) for state in STATE_ORDER]
    columns.append(func.count().filter(overdue_condition(today)))
    with db.reading() as session:
        connection = session.connection()
        query = select(*columns).where(*_where(connection, f, today, with_state=False))
        values = connection.execute(query).one()
    keys = [state.value for state in STATE_ORDER] + [OVERDUE]
    return {key: int(value or 0) for key, value in zip(keys, values, strict=True)}


def matching_count(counts: dict[str, int], f: CommitmentFilter) -> int:
    """``count_commitments`` read off ``state_counts(f)`` without another query."""
    if f.state is None:
        return sum(counts[state.value] for state in STATE_ORDER)
    return counts[OVERDUE if f.state == OVERDUE else CommitmentState(f.state).value]


def _state_rank() -> ColumnElement[int]:
    return case({s: i for i, s in enumerate(STATE_ORDER)}, value=Commitment.state)


def _page_ids(
    connection: Connection, f: CommitmentFilter, today: date, offset: int, limit: int
) -> Select[int]:
    """The ids of one page, in order: only the sort key's table is joined."""
    query = select(Commitment.id).where(*_where(connection, f, today))
    key: Any = None
    sort = SortKey(f.sort)
    if sort is SortKey.ALLIANCE:
        query = query.join(Alliance, Alliance.id == Commitment.alliance_id)
        key = Alliance.name
    elif sort in (SortKey.PROMISOR, SortKey.PROMISEE):
        party = aliased(Unit)
        column = (
            Commitment.promisor_unit_id if sort is SortKey.PROMISOR else Commitment.promisee_unit_id
        )
        query = query.join(party, party.id == column)
        key = party.name
    elif sort is SortKey.STATE:
        key = _state_rank()
    elif sort is not SortKey.ID:
        key = {
            SortKey.DUE_ON: Commitment.due_on,
            SortKey.MADE_ON: Commitment.made_on,
            SortKey.DIRECTION: Commitment.direction,
            SortKey.CATEGORY: Commitment.category,
            SortKey.CONTENT: Commitment.content,
            SortKey.FULFILLED_ON: Commitment.fulfilled_on,
        }[sort]
    tiebreak = Commitment.id.desc() if f.descending else Commitment.id
    if key is not None:
        ordered = key.desc() if f.descending else key.asc()
        # NULL fulfilment dates sort last either way, on both databases.
        if sort is SortKey.FULFILLED_ON:
            query = query.order_by(Commitment.fulfilled_on.is_(None), ordered, tiebreak)
        else:
            query = query.order_by(ordered, tiebreak)
    else:
        query = query.order_by(tiebreak)
    return query.offset(offset).limit(limit)


def fetch_commitments(
    db: Database, f: CommitmentFilter, *, today: date, offset: int = 0, limit: int = 100
) -> list[CommitmentRow]:
    """Rows ``offset .. offset+limit`` of the filtered, sorted list (ties by id)."""
    if offset < 0 or not 0 < limit <= MAX_PAGE:
        raise ValueError(f"offset must be ≥ 0 and limit in 1..{MAX_PAGE}")
    with db.reading() as session:
        connection = session.connection()
        ids = list(connection.execute(_page_ids(connection, f, today, offset, limit)).scalars())
        if not ids:
            return []
        promisor, promisee = aliased(Unit), aliased(Unit)
        rows = connection.execute(
            select(
                Commitment.id,
                Commitment.alliance_id,
                Alliance.name,
                Commitment.promisor_unit_id,
                promisor.name,
                Commitment.promisee_unit_id,
                promisee.name,
                Commitment.direction,
                Commitment.category,
                Commitment.content,
                Commitment.made_on,
                Commitment.due_on,
                Commitment.state,
                Commitment.fulfilled_on,
                Commitment.source_decision_id,
                Commitment.version,
            )
            .join(Alliance, Alliance.id == Commitment.alliance_id)
            .join(promisor, promisor.id == Commitment.promisor_unit_id)
            .join(promisee, promisee.id == Commitment.promisee_unit_id)
            .where(Commitment.id.in_(ids))
        ).all()
        percents = dict(
            connection.execute(
                select(ProgressUpdate.commitment_id, func.max(ProgressUpdate.percent))
                .where(ProgressUpdate.commitment_id.in_(ids))
                .group_by(ProgressUpdate.commitment_id)
            ).all()
        )
    by_id = {row[0]: row for row in rows}
    result = []
    for commitment_id in ids:
        r = by_id[commitment_id]
        state, due_on, fulfilled_on = r[12], r[11], r[13]
        result.append(
            CommitmentRow(
                *r,
                overdue=is_overdue(state, due_on, today),
                late=state is CommitmentState.FULFILLED and fulfilled_late(due_on, fulfilled_on),
                percent=percents.get(commitment_id),
            )
        )
    return result
