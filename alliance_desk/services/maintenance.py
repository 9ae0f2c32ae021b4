"""Database health: integrity and schema state, for the CLI ``check`` and the 系统 page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import text

from alliance_desk.config import resolve_database
from alliance_desk.storage.engine import create_db_engine, describe_url
from alliance_desk.storage.preflight import inspect_sqlite_file
from alliance_desk.storage.schema import (
    HEAD_REVISION,
    SchemaState,
    current_revision,
    schema_state,
)

if TYPE_CHECKING:
    from alliance_desk.services.database import Database

_STATE_TEXT = {
    SchemaState.CURRENT: ("最新", "up to date"),
    SchemaState.OLDER: ("较旧，打开时将自动升级", "older; upgraded when opened"),
    SchemaState.NEWER: ("来自更新版本的程序，无法打开", "from a newer version; refused"),
    SchemaState.EMPTY: ("空数据库，打开时将创建", "empty; created when opened"),
    SchemaState.UNVERSIONED: ("不是本程序的数据库", "not an Alliance Desk database"),
}


@dataclass(frozen=True, slots=True)
class CheckReport:
    ok: bool
    integrity: str
    schema: SchemaState
    revision: str | None
    lines: list[str] = field(default_factory=list)  # Chinese, then English: the CLI
    chinese_lines: list[str] = field(default_factory=list)  # what the 系统 page shows


def schema_revision(db: Database) -> str | None:
    """The revision the open database's schema is at (shown in 关于)."""
    return current_revision(db.engine)


def check_database(db: str | None) -> CheckReport:
    """Check a database without changing a byte of it (no upgrade, no backup, no WAL switch).

    A SQLite file that is not usable raises ``DomainError`` with the reason.
    """
    location = resolve_database(db)
    if location.sqlite_path is not None:
        found = inspect_sqlite_file(
            location.sqlite_path, must_exist=True, need_write=False, integrity=True
        )
        integrity = found.integrity or ""
        revision = found.revision
        state = SchemaState.CURRENT if revision == HEAD_REVISION else SchemaState.OLDER
    else:
        from sqlalchemy.exc import OperationalError

        from alliance_desk.core.errors import DomainError
        from alliance_desk.services.bootstrap import unreachable_message

        engine = create_db_engine(location.url)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            integrity = "ok"
            state, revision = schema_state(engine)
        except OperationalError as exc:
            where = describe_url(location.url)
            raise DomainError(unreachable_message(where, True, exc)) from exc
        finally:
            engine.dispose()
    ok = integrity == "ok" and state in (SchemaState.CURRENT, SchemaState.OLDER)
    integrity_text = "通过" if integrity == "ok" else f"未通过：{integrity}"
    state_zh, state_en = _STATE_TEXT[state]
    pairs = [
        (f"数据库：{location.sqlite_path or describe_url(location.url)}", "database"),
        (f"完整性检查：{integrity_text}", f"integrity_check: {integrity}"),
        (
            f"结构版本：{revision or '无'}（本程序 {HEAD_REVISION}），{state_zh}",
            f"schema {revision or '-'} / app {HEAD_REVISION}: {state_en}",
        ),
        ("结论：" + ("正常" if ok else "有问题"), "OK" if ok else "PROBLEM"),
    ]
    return CheckReport(
        ok=ok,
        integrity=integrity,
        schema=state,
        revision=revision,
        lines=[f"{zh} ({en})" for zh, en in pairs],
        chinese_lines=[zh for zh, _en in pairs],
    )
