"""The scale-1 demo database that the demo tests read (one per test module)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from alliance_desk.services import Database
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.demo import generate_demo


def demo_url(folder: Path) -> str:
    """PostgreSQL (emptied first) when the suite runs against it, else a SQLite file."""
    url = os.environ.get("ALLIANCE_DESK_TEST_PG")
    if not url:
        return f"sqlite:///{folder / 'demo.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALLIANCE_DESK_DATA_DIR", str(folder))
        database = open_database(demo_url(folder), actor="测试员", auto_backup=False)
        generate_demo(database)
        yield database
        database.dispose()
