"""Schema version: create, check, upgrade (after a backup), and refuse the future.

The version check reads ``alembic_version`` directly so start-up does not import
Alembic; Alembic's command layer is imported only when an upgrade is due. SQLAlchemy
itself is imported inside the functions, so ``HEAD_REVISION`` costs nothing to read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from alliance_desk.core.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger("alliance_desk.storage")

# Oldest first. Keep in step with migrations/versions (a test checks it).
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009"
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaState(StrEnum):
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"
    UNVERSIONED = "unversioned"


class SchemaTooNewError(DomainError):
    pass


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_state(engine: Engine) -> tuple[SchemaState, str | None]:
    from sqlalchemy import inspect

    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    revision = current_revision(engine) if "alembic_version" in tables else None
    if revision is None:
        return (
            SchemaState.UNVERSIONED if tables - {"alembic_version"} else SchemaState.EMPTY
        ), None
    if revision == HEAD_REVISION:
        return SchemaState.CURRENT, revision
    if revision in KNOWN_REVISIONS:
        return SchemaState.OLDER, revision
    return SchemaState.NEWER, revision


def ensure_schema(
    engine: Engine, *, backup: Callable[[], Path | None] | None = None
) -> SchemaState:
    """Bring the database to the head revision; return what state it was found in.

    A new database is created from the models and stamped at head. An older one is
    backed up (``backup``) and upgraded. A newer one is refused untouched.
    """
    state, revision = schema_state(engine)
    if state is SchemaState.CURRENT:
        return state
    if state is SchemaState.NEWER:
        raise SchemaTooNewError(
            f"该数据库由更新版本的党建联盟工作台创建（版本 {revision}），本程序不能打开它，"
            "也没有修改它。请升级本程序后再打开。"
        )
    if state is SchemaState.UNVERSIONED:
        raise DomainError("该文件不是党建联盟工作台的数据库（缺少版本信息），没有修改它。")
    if state is SchemaState.EMPTY:
        _create_at_head(engine)
        log.info("created a new database at revision %s", HEAD_REVISION)
        return state
    if backup is not None:
        saved = backup()
        log.info("backed up before upgrade: %s", saved)
    upgrade(engine)
    log.info("upgraded database from %s to %s", revision, HEAD_REVISION)
    return state


def _create_at_head(engine: Engine) -> None:
    from sqlalchemy import text

    from alliance_desk.storage import models  # noqa: F401
    from alliance_desk.storage.base import Base

    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        connection.execute(
            text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        connection.execute(
            text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": HEAD_REVISION}
        )


def alembic_config(connection: object) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), target)  # type: ignore[arg-type]
