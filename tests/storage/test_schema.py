from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from alliance_desk.core.errors import DomainError
from alliance_desk.services import Database
from alliance_desk.services.bootstrap import open_database
from alliance_desk.storage import models  # noqa: F401
from alliance_desk.storage.base import Base
from alliance_desk.storage.schema import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    SchemaState,
    SchemaTooNewError,
    alembic_config,
    current_revision,
    schema_state,
    upgrade,
)


def test_known_revisions_match_migration_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD_REVISION


def test_new_database_is_created_at_head(db: Database) -> None:
    assert schema_state(db.engine) == (SchemaState.CURRENT, HEAD_REVISION)
    assert "unit" in inspect(db.engine).get_table_names()


def test_migrations_build_the_same_schema_as_the_models(db_url: str) -> None:
    engine = create_engine(db_url)
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_newer_schema_is_refused_and_left_untouched(sqlite_path: Path) -> None:
    open_database(str(sqlite_path), auto_backup=False).dispose()
    engine = create_engine(f"sqlite:///{sqlite_path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = sqlite_path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="更新版本"):
        open_database(str(sqlite_path))
    assert sqlite_path.read_bytes() == before


def test_foreign_file_is_refused(sqlite_path: Path) -> None:
    engine = create_engine(f"sqlite:///{sqlite_path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (x TEXT)"))
    engine.dispose()
    with pytest.raises(DomainError, match="不是党建联盟工作台的数据库"):
        open_database(str(sqlite_path))


def test_older_database_is_backed_up_then_upgraded(sqlite_path: Path, data_dir: Path) -> None:
    engine = create_engine(f"sqlite:///{sqlite_path}")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO unit (name, name_key, category, party_org_name, secretary, liaison,"
                " phone, address, party_member_count, active, version) VALUES ('城东社区',"
                " '城东社区', 'community', '', '', '', '', '', 12, 1, 1)"
            )
        )
    assert schema_state(engine) == (SchemaState.OLDER, "0001")
    engine.dispose()

    database = open_database(str(sqlite_path))
    try:
        assert schema_state(database.engine) == (SchemaState.CURRENT, HEAD_REVISION)
        with database.engine.connect() as connection:
            units = connection.execute(text("SELECT name, party_member_count FROM unit")).all()
            assert "calendar_day" in inspect(connection).get_table_names()
    finally:
        database.dispose()
    assert [tuple(row) for row in units] == [("城东社区", 12)]

    (saved,) = (data_dir / "backups").glob("before-upgrade-*.sqlite")
    copy = sqlite3.connect(saved)
    try:  # taken before the upgrade: still at 0001, with the row
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert copy.execute("SELECT name FROM unit").fetchall() == [("城东社区",)]
    finally:
        copy.close()


def test_a_wall_posting_number_taken_twice_is_renumbered_on_upgrade(db_url: str) -> None:
    """Before 0009 two clerks on PostgreSQL could record the same 第N期; the upgrade numbers
    such a scope again in posting order, and from then on a number is unique."""
    engine = create_engine(db_url)
    upgrade(engine, "0008")
    insert = text(
        "INSERT INTO wall_posting (scope_key, number, posted_on, paper, lines, adjustments,"
        " version) VALUES (:scope, :number, '2026-05-01', 'A4', '{}', '', 1)"
    )
    with engine.begin() as connection:
        for scope, number in (("all", 1), ("all", 2), ("all", 2), ("alliance:1", 1)):
            connection.execute(insert, {"scope": scope, "number": number})
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT scope_key, number FROM wall_posting ORDER BY id")
        ).all()
    assert [tuple(r) for r in rows] == [("all", 1), ("all", 2), ("all", 3), ("alliance:1", 1)]
    with pytest.raises(Exception, match=r"(?i)unique"), engine.begin() as connection:
        connection.execute(insert, {"scope": "all", "number": 3})
    engine.dispose()
