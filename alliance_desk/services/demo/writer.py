"""Writing demo rows: clear, bulk insert, and move PostgreSQL's id sequences on.

Rows go in as Core-style ``executemany`` (``session.execute(insert(Model), rows)``).
That bypasses the session's audit hook (``storage.audit`` records ORM-object flushes
only), which is intended: demo data is not a clerk's edit, and 20,000 audit entries
per scale step would only slow it down and bury real history.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, insert, text
from sqlalchemy.orm import Session

from alliance_desk.services.demo.common import DemoData
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
    for model, rows in data.rows.items():
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            session.execute(insert(model), chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)


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
