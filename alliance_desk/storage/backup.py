"""SQLite backups via the online backup API: rotating copies, restore with a safety copy.

Automatic copies are named after the database they copy (``auto-<name>.<hash>-<time>``) and
rotate per database, so a demo file opened often never pushes out the real database's
copies; a copy that fails ``integrity_check`` is removed instead of pushing out a good one.
Restore writes the backup into the live file through SQLite while holding it exclusively,
so no other process can have it open or write to it meanwhile.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alliance_desk.core.errors import DomainError
from alliance_desk.storage.preflight import LOCK_WAIT_S, connect_read_only

log = logging.getLogger("alliance_desk.storage")


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = connect_read_only(source)
        try:
            dst = sqlite3.connect(destination)
            try:
                src.backup(dst)
                # A copy is one self-contained file: no -wal/-shm beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.OperationalError as exc:
        destination.unlink(missing_ok=True)
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DomainError(
                f"数据库正被其他程序占用，等待 {LOCK_WAIT_S:.0f} 秒仍未释放，未能备份：{source}"
            ) from exc
        raise DomainError(f"无法备份数据库（{exc}）：{source}") from exc
    except sqlite3.DatabaseError as exc:
        destination.unlink(missing_ok=True)
        raise DomainError(f"数据库文件已损坏，无法备份：{source}") from exc


def timestamped_name(prefix: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return f"{prefix}-{stamp}.sqlite"


def database_tag(database: Path) -> str:
    """``<file name>.<6 hex>``: one database's copies, told apart from a same-named file's."""
    digest = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:6]
    return f"{database.stem}.{digest}"


def _integrity(path: Path) -> str:
    try:
        connection = connect_read_only(path)
        try:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def backup(database: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently (WAL included) to ``destination``.

    Only an Alliance Desk database is copied; anything else is refused untouched.
    """
    from alliance_desk.storage.preflight import inspect_sqlite_file

    inspect_sqlite_file(database, must_exist=True, need_write=False)
    if destination.exists():
        raise DomainError(f"备份目标已存在，未覆盖：{destination}")
    _copy(database, destination)
    log.info("backup %s -> %s", database, destination)
    return destination


def automatic_backup(
    database: Path, folder: Path, *, keep: int, prefix: str = "auto"
) -> Path | None:
    """Take a rotating backup of ``database``; keep its newest ``keep`` good copies.

    A copy that fails ``integrity_check`` is deleted (and logged) and rotates nothing out.
    """
    if not database.exists() or database.stat().st_size == 0:
        return None
    series = f"{prefix}-{database_tag(database)}-"
    saved = backup(database, folder / timestamped_name(series.rstrip("-")))
    result = _integrity(saved)
    if result != "ok":
        log.warning("automatic backup of %s failed integrity_check (%s); removed", database, result)
        saved.unlink(missing_ok=True)
        return None
    copies = sorted(
        p for p in folder.iterdir() if p.name.startswith(series) and p.suffix == ".sqlite"
    )
    for old in copies[:-keep]:
        old.unlink(missing_ok=True)
    return saved


def verify(path: Path) -> str:
    """A backup this app can restore: a sound Alliance Desk database, not from a newer app."""
    from alliance_desk.storage.preflight import inspect_sqlite_file

    found = inspect_sqlite_file(path, must_exist=True, need_write=False, integrity=True)
    if found.integrity != "ok":
        raise DomainError(f"数据库完整性检查未通过：{found.integrity}")
    return found.integrity


def restore(source: Path, database: Path, folder: Path) -> Path | None:
    """Write ``source`` into ``database``; what it held is kept in ``folder`` first.

    The database is taken exclusively first (SQLite's exclusive locking mode): while any
    other program has it open or is writing, the restore is refused after a bounded wait
    and nothing changes. The copy goes through SQLite's backup API into the live file, so
    no -wal/-shm file is ever deleted under another process.
    """
    from alliance_desk.storage.preflight import DatabaseBusyError, inspect_sqlite_file

    verify(source)
    if not database.exists() or database.stat().st_size == 0:
        _copy(source, database)
        log.info("restored %s from %s into a new file", database, source)
        return None
    try:
        inspect_sqlite_file(database, must_exist=True)
    except DatabaseBusyError:
        raise
    except DomainError as exc:
        return _replace_broken(source, database, folder, exc.message)
    target = _take_exclusively(database)
    try:
        kept = folder / timestamped_name("before-restore")
        folder.mkdir(parents=True, exist_ok=True)
        keep = sqlite3.connect(kept)
        try:
            target.backup(keep)
            keep.execute("PRAGMA journal_mode=DELETE")
        finally:
            keep.close()
        src = connect_read_only(source)
        try:
            src.backup(target)
        finally:
            src.close()
        target.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as exc:
        raise DomainError(f"恢复失败，数据库未改变（{exc}）：{database}") from exc
    finally:
        target.close()
    log.info("restored %s from %s (previous kept at %s)", database, source, kept)
    return kept


def _replace_broken(source: Path, database: Path, folder: Path, why: str) -> Path:
    """The way out for a damaged (or foreign) file: set it aside whole, copy the backup in.

    SQLite cannot write into a file it cannot read, so the file itself is moved into
    ``folder`` (with any -wal/-shm beside it) and nothing of it is lost.
    """
    # Refuses while another program has it open; a file SQLite cannot read at all as a
    # database cannot be in use as one.
    with contextlib.suppress(sqlite3.DatabaseError):
        _take_exclusively(database).close()
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / timestamped_name("damaged-before-restore")
    database.replace(kept)
    for suffix in ("-wal", "-shm"):
        beside = Path(f"{database}{suffix}")
        if beside.exists():
            beside.replace(Path(f"{kept}{suffix}"))
    _copy(source, database)
    log.warning("restored %s over an unusable file (%s); it was kept at %s", database, why, kept)
    return kept


def _take_exclusively(database: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(database, timeout=LOCK_WAIT_S, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")  # the exclusive lock stays with this connection
    except sqlite3.DatabaseError as exc:
        connection.close()
        busy = "locked" in str(exc).lower() or "busy" in str(exc).lower()
        if not isinstance(exc, sqlite3.OperationalError) or not busy:
            raise
        raise DomainError(
            f"数据库正被其他程序打开或写入（等待 {LOCK_WAIT_S:.0f} 秒），没有恢复。"
            f"请先关闭使用它的程序（包括其他工作台窗口和正在进行的导入），再恢复：{database}"
        ) from exc
    return connection
