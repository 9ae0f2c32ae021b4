"""SQLite backups via the online backup API: rotating copies, restore with a safety copy."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from alliance_desk.core.errors import DomainError

log = logging.getLogger("alliance_desk.storage")


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def timestamped_name(prefix: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return f"{prefix}-{stamp}.sqlite"


def backup(database: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently (WAL included) to ``destination``."""
    if not database.exists():
        raise DomainError(f"数据库文件不存在：{database}")
    if destination.exists():
        raise DomainError(f"备份目标已存在，未覆盖：{destination}")
    _copy(database, destination)
    log.info("backup %s -> %s", database, destination)
    return destination


def automatic_backup(
    database: Path, folder: Path, *, keep: int, prefix: str = "auto"
) -> Path | None:
    """Take a rotating backup; keep the newest ``keep`` files with this prefix."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    saved = backup(database, folder / timestamped_name(prefix))
    for old in sorted(folder.glob(f"{prefix}-*.sqlite"))[:-keep]:
        old.unlink(missing_ok=True)
    return saved


def verify(path: Path) -> str:
    """integrity_check of a SQLite file; raises a clerk-readable error when it is not usable."""
    if not path.exists():
        raise DomainError(f"文件不存在：{path}")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DomainError(f"文件不是有效的数据库，或已损坏：{path}（{exc}）") from exc
    if result != "ok":
        raise DomainError(f"数据库完整性检查未通过：{result}")
    if "alembic_version" not in tables:
        raise DomainError(f"该文件不是党建联盟工作台的数据库：{path}")
    return result


def restore(source: Path, database: Path, folder: Path) -> Path | None:
    """Replace ``database`` with ``source``; the replaced file is kept in ``folder`` first."""
    verify(source)
    kept = None
    if database.exists():
        kept = backup(database, folder / timestamped_name("before-restore"))
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    temporary = database.with_name(database.name + ".restoring")
    temporary.unlink(missing_ok=True)
    _copy(source, temporary)
    shutil.move(temporary, database)
    log.info("restored %s from %s (previous kept at %s)", database, source, kept)
    return kept
