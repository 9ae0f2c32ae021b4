"""A closed database refuses work instead of quietly reopening its file."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from alliance_desk.core.errors import DatabaseClosedError
from alliance_desk.services import Database
from alliance_desk.services.units import list_units


def test_a_closed_database_refuses_reads_and_writes(db: Database) -> None:
    list_units(db)
    db.close()
    with pytest.raises(DatabaseClosedError, match="已关闭"):
        list_units(db)
    with pytest.raises(DatabaseClosedError), db.transaction() as session:
        session.execute(text("SELECT 1"))
    again = Database(db.location, actor=db.actor)  # the file itself is fine
    try:
        assert list_units(again) == []
    finally:
        again.dispose()
