"""Engine and session factory for SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from alliance_desk.core.pinyin import compare as compare_pinyin

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("alliance_desk.storage")

SQLITE_BUSY_TIMEOUT_MS = 5000
POSTGRES_CONNECT_TIMEOUT_S = 10
# Execution option of the engine that writes: its transactions take SQLite's write lock at
# BEGIN (BEGIN IMMEDIATE), so a second writer waits the busy timeout instead of failing
# on its first write, and then meets the version check ("已被他人修改").
WRITE_OPTION = "alliance_desk_write"
# Names sorted by the database itself (long paged lists) use this collation: pinyin order.
PINYIN_COLLATION = "pinyin"


def create_db_engine(url: str, *, echo: bool = False, sqlite_file: bool = False) -> Engine:
    """Create an engine; SQLite files get WAL, foreign keys, a busy timeout and real BEGINs.

    ``sqlite_file``: ``url`` is a file path, taken literally (``#``, ``?`` and ``%`` in a
    folder or file name must not be read as parts of a URL).
    """
    parsed = URL.create("sqlite", database=url) if sqlite_file else make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url,
            echo=echo,
            pool_pre_ping=True,
            connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
        )
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    )
    _install_sqlite_pragmas(engine)
    return engine


def _install_sqlite_pragmas(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; the
    # SQLAlchemy docs' recipe turns it off and lets SQLAlchemy emit BEGIN itself.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.create_collation(PINYIN_COLLATION, compare_pinyin)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def writing_engine(engine: Engine) -> Engine:
    """``engine`` for units of work that write (same pool; BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker  # the ORM only for those who open sessions

    from alliance_desk.storage.audit import install_audit

    factory = sessionmaker(engine, expire_on_commit=False)
    install_audit(factory)
    return factory


def describe_url(url: str) -> str:
    """What the status bar shows: the SQLite path, or host/database without a password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    port = f":{parsed.port}" if parsed.port else ""
    return f"PostgreSQL {parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def network_path_warning(path: Path) -> str | None:
    """A Chinese warning when a SQLite file sits on a network share (locking is unsafe there)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return _NETWORK_WARNING
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(str(path.resolve()))[0]
        if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # DRIVE_REMOTE
            return _NETWORK_WARNING
        return None
    return _NETWORK_WARNING if _mount_type(path) in _NETWORK_FS else None


_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "afs"}
_NETWORK_WARNING = (
    "数据库文件位于网络共享盘上。SQLite 在网络盘上不能可靠加锁，多人同时使用可能损坏数据；"
    "请把文件放在本机，多人共用请改用 PostgreSQL。"
)


def _mount_type(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = str(path.resolve().parent)
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3 or len(parts[1]) <= len(best):
            continue
        if target == parts[1] or target.startswith(parts[1].rstrip("/") + "/"):
            best, best_type = parts[1], parts[2]
    return best_type
