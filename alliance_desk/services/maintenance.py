"""Database health: integrity and schema state, for the CLI ``check`` and the 系统 page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import text

from alliance_desk.config import resolve_database
from alliance_desk.storage.engine import create_db_engine, describe_url
from alliance_desk.storage.schema import (
    HEAD_REVISION,
    SchemaState,
    current_revision,
    schema_state,
)

if TYPE_CHECKING:
    from alliance_desk.services.database import Database

_STATE_TEXT = {
    SchemaState.CURRENT: "最新 (up to date)",
    SchemaState.OLDER: "较旧，打开时将自动升级 (older; upgraded when opened)",
    SchemaState.NEWER: "来自更新版本的程序，无法打开 (from a newer version; refused)",
    SchemaState.EMPTY: "空数据库，打开时将创建 (empty; created when opened)",
    SchemaState.UNVERSIONED: "不是本程序的数据库 (not an Alliance Desk database)",
}


@dataclass(frozen=True, slots=True)
class CheckReport:
    ok: bool
    integrity: str
    schema: SchemaState
    revision: str | None
    lines: list[str] = field(default_factory=list)


def schema_revision(db: Database) -> str | None:
    """The revision the open database's schema is at (shown in 关于)."""
    return current_revision(db.engine)


def check_database(db: str | None) -> CheckReport:
    """Check a database without changing it (no upgrade, no backup)."""
    location = resolve_database(db)
    if location.sqlite_path is not None and not location.sqlite_path.exists():
        from alliance_desk.core.errors import DomainError

        raise DomainError(f"数据库文件不存在 (no such file)：{location.sqlite_path}")
    engine = create_db_engine(location.url)
    try:
        with engine.connect() as connection:
            if location.is_sqlite:
                integrity = connection.execute(text("PRAGMA integrity_check")).scalar() or ""
            else:
                connection.execute(text("SELECT 1"))
                integrity = "ok"
        state, revision = schema_state(engine)
    finally:
        engine.dispose()
    ok = integrity == "ok" and state in (SchemaState.CURRENT, SchemaState.OLDER)
    lines = [
        f"数据库 (database): {describe_url(location.url)}",
        f"完整性检查 (integrity_check): {integrity}",
        f"结构版本 (schema): {revision or '无'} / 程序 {HEAD_REVISION} — {_STATE_TEXT[state]}",
        "结论 (result): " + ("正常 (OK)" if ok else "有问题 (PROBLEM)"),
    ]
    return CheckReport(ok=ok, integrity=integrity, schema=state, revision=revision, lines=lines)
