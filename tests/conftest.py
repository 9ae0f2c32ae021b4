"""Shared fixtures: a fresh data folder and database per test.

The database is a SQLite file, or PostgreSQL when ``ALLIANCE_DESK_TEST_PG`` holds a
SQLAlchemy URL (CI runs the ``pg``-marked tests that way). Tests under
``tests/storage`` and ``tests/services`` are marked ``pg`` automatically.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import create_engine, text

from alliance_desk.services import Database
from alliance_desk.services.bootstrap import open_database

PG_ENV = "ALLIANCE_DESK_TEST_PG"
PG_DIRS = ("storage", "services")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.path)).parts
        if "tests" in parts and parts[parts.index("tests") + 1] in PG_DIRS:
            item.add_marker(pytest.mark.pg)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("ALLIANCE_DESK_DATA_DIR", str(folder))
    monkeypatch.delenv("ALLIANCE_DESK_DB", raising=False)
    return folder


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A URL of an empty database: PostgreSQL when configured, otherwise a new SQLite file."""
    pg = os.environ.get(PG_ENV)
    if pg:
        _reset_postgres(pg)
        return pg
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open, empty database at the current schema."""
    database = open_database(db_url, actor="测试员", auto_backup=False)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "file.sqlite"
