"""Opening a database for work: schema up to date, automatic backup taken."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.exc import OperationalError

from alliance_desk import config
from alliance_desk.core.errors import DomainError
from alliance_desk.services.database import Database
from alliance_desk.storage import backup as backups
from alliance_desk.storage.engine import POSTGRES_CONNECT_TIMEOUT_S
from alliance_desk.storage.preflight import inspect_sqlite_file
from alliance_desk.storage.schema import SchemaState, ensure_schema

log = logging.getLogger("alliance_desk.services")


def open_database(
    db: str | None = None,
    *,
    actor: str | None = None,
    auto_backup: bool = True,
    must_exist: bool = False,
) -> Database:
    """Open (creating if needed) and upgrade a database; raise ``DomainError`` if it can't be used.

    A SQLite file is looked at read-only first: a foreign, damaged, locked or read-only
    file is refused without a byte changed. An older file is backed up before the
    upgrade; at every start the file is also copied into the rotating automatic backups.
    ``must_exist``: a missing or zero-length file is refused instead of created.
    """
    location = config.resolve_database(db)
    if location.sqlite_path is not None:
        inspect_sqlite_file(location.sqlite_path, must_exist=must_exist)
    database = Database(location, actor=actor)
    path = database.sqlite_path

    def backup_before_upgrade() -> Path | None:
        if path is None:
            return None
        return backups.automatic_backup(
            path, config.backups_dir(), keep=config.BACKUPS_KEPT, prefix="before-upgrade"
        )

    try:
        state = ensure_schema(database.engine, backup=backup_before_upgrade)
        if auto_backup and path is not None and state is SchemaState.CURRENT:
            backups.automatic_backup(path, config.backups_dir(), keep=config.BACKUPS_KEPT)
    except OperationalError as exc:
        database.dispose()
        raise DomainError(
            unreachable_message(database.describe(), database.sqlite_path is None, exc)
        ) from exc
    except Exception:
        database.dispose()
        raise
    return database


def unreachable_message(where: str, is_server: bool, exc: OperationalError) -> str:
    """Why a database could not be opened, in one line, with no password in it."""
    reason = str(exc.orig).lower()
    if is_server:
        if "password" in reason or "authentication" in reason:
            return f"无法登录数据库服务器 {where}：用户名或密码不对（可用 .pgpass 文件保存密码）。"
        if "does not exist" in reason:
            return f"数据库服务器上没有这个数据库：{where}"
        return (
            f"无法连接数据库服务器 {where}（等待 {POSTGRES_CONNECT_TIMEOUT_S} 秒无响应或被拒绝），"
            "请检查网络和服务器地址。"
        )
    if "locked" in reason or "busy" in reason:
        return f"数据库正被其他程序占用，请稍后再试：{where}"
    return f"无法打开数据库（{type(exc.orig).__name__}）：{where}"
