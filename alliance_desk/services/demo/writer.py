"""Writing demo rows: clear, bulk insert, and move PostgreSQL's id sequences on.

Rows go in as ``executemany``: on SQLite straight through the driver, each value
converted by its column type's own bind processor (the same conversion SQLAlchemy
applies, without its per-row bookkeeping: a third of the time at ``--scale 100``);
elsewhere as Core ``session.execute(insert(Model), rows)``. Either way the session's
audit hook (``storage.audit`` records ORM-object flushes only) is bypassed, which is
intended: the demo writes the audit entries it wants itself (the state histories of
its meetings and commitments, see ``demo.audit``) and no others. Rows carry version
1: the ORM's bulk insert (the path off SQLite) starts the version counter at 1
whatever a row says, and both paths must store the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, text
from sqlalchemy.orm import Session

from alliance_desk.services.demo.common import DemoData, Row
from alliance_desk.storage import models  # noqa: F401 - registers every table
from alliance_desk.storage.base import Base

CHUNK = 5_000

Progress = Callable[[int, int], None]


def clear_all(session: Session) -> None:
    """Delete every row of every mapped table (children first), audit trail included."""
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(delete(table))


def write_rows(session: Session, data: DemoData, progress: Progress | None = None) -> None:
    total = sum(len(rows) for rows in data.rows.values())
    done = 0
    if progress is not None:
        progress(done, total)
    connection = session.connection()
    fast = connection.dialect.name == "sqlite"
    for model, rows in data.rows.items():
        chunks = (
            _driver_chunks(connection, model.__table__, rows)  # type: ignore[attr-defined]
            if fast
            else _core_chunks(session, model, rows)
        )
        for written in chunks:
            done += written
            if progress is not None:
                progress(done, total)


def _core_chunks(session: Session, model: type[Base], rows: list[Row]) -> Iterator[int]:
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        session.execute(insert(model), chunk)
        yield len(chunk)


def _driver_chunks(connection: Connection, table: Table, rows: list[Row]) -> Iterator[int]:
    """``executemany`` on the driver, with the values converted as SQLAlchemy would."""
    if not rows:
        return
    dialect = connection.dialect
    keys = list(rows[0])
    columns = [table.c[key] for key in keys]
    converters: list[tuple[str, Callable[[Any], Any] | None]] = [
        (key, column.type.dialect_impl(dialect).bind_processor(dialect))
        for key, column in zip(keys, columns, strict=True)
    ]
    names = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    target = dialect.identifier_preparer.format_table(table)
    sql = f"INSERT INTO {target} ({names}) VALUES ({', '.join('?' * len(columns))})"
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        values = [
            tuple(value(row[key]) if value else row[key] for key, value in converters)
            for row in chunk
        ]
        connection.exec_driver_sql(sql, values)  # type: ignore[arg-type]
        yield len(chunk)


def advance_sequences(session: Session, data: DemoData) -> None:
    """Explicit ids leave PostgreSQL's serial sequences behind; move them past max(id)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in data.rows:
        table = model.__table__.name  # type: ignore[attr-defined]
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE(MAX(id), 0) + 1, false) FROM {table}"
            )
        )
