"""Look at a SQLite file before anything opens it for writing.

Opening a file through the engine switches it to WAL, which rewrites the header of any
SQLite file, and an empty schema would be created in a zero-length file. So a file is
first read here, read-only and with a bounded wait, and refused with a one-line Chinese
reason unless it is new, empty, or an Alliance Desk database this version knows.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from alliance_desk.core.errors import DomainError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
LOCK_WAIT_S = 5.0

WAY_OUT = "可以从备份恢复（系统页“从备份恢复”或命令 restore），或用 --db 选择另一个文件。"


class DatabaseBusyError(DomainError):
    """Another program holds the file's lock beyond the bounded wait."""


@dataclass(frozen=True, slots=True)
class SqliteFile:
    path: Path
    is_new: bool  # missing or zero bytes: the app may create its schema there
    revision: str | None
    integrity: str | None = None


def read_only_uri(path: Path, mode: str = "ro") -> str:
    """A ``file:`` URI for ``path`` (``mode`` ro or rw); ``#``, ``?`` and ``%`` are escaped."""
    return path.resolve().as_uri() + f"?mode={mode}"


def connect_read_only(path: Path, *, timeout: float = LOCK_WAIT_S) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout)


def _connect_to_read(path: Path) -> sqlite3.Connection:
    """A connection that only reads. Where the file may be written, it is opened rw (never
    creating it), so that closing it removes the -wal/-shm files SQLite opens beside a WAL
    database; a read-only connection would leave them behind."""
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
    mode = "rw" if writable else "ro"
    return sqlite3.connect(read_only_uri(path, mode), uri=True, timeout=LOCK_WAIT_S)


def inspect_sqlite_file(
    path: Path,
    *,
    must_exist: bool = False,
    need_write: bool = True,
    integrity: bool = False,
    known_revisions: tuple[str, ...] | None = None,
) -> SqliteFile:
    """Check ``path`` without changing a byte of it; raise ``DomainError`` saying why not."""
    from alliance_desk.storage.schema import KNOWN_REVISIONS, SchemaTooNewError

    if known_revisions is None:
        known_revisions = KNOWN_REVISIONS
    if path.is_dir():
        raise DomainError(f"这是一个文件夹，不是数据库文件：{path}")
    if not path.exists():
        if must_exist:
            raise DomainError(f"数据库文件不存在 (database file not found)：{path}")
        if need_write:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DomainError(
                    f"无法创建数据库所在文件夹（{_os_reason(exc)}）：{path.parent}"
                ) from exc
            _require_writable_folder(path.parent)
        return SqliteFile(path, is_new=True, revision=None)
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as exc:
        raise DomainError(f"无法读取数据库文件（{_os_reason(exc)}）：{path}") from exc
    if not header:
        if must_exist:
            raise DomainError(f"数据库文件是空的（0 字节），其中没有数据：{path}")
        if need_write:
            _require_writable(path)
        return SqliteFile(path, is_new=True, revision=None)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise DomainError(f"该文件不是 SQLite 数据库文件，没有修改它：{path}。{WAY_OUT}")
    _refuse_truncated(path, header)
    if need_write:
        _require_writable(path)
    revision, found_integrity = _read_catalogue(path, integrity=integrity)
    if revision is None:
        raise DomainError(f"该文件不是党建联盟工作台的数据库（缺少版本信息），没有修改它：{path}")
    if revision not in known_revisions:
        raise SchemaTooNewError(
            f"该数据库由更新版本的党建联盟工作台创建（版本 {revision}），本程序不能打开它，"
            f"也没有修改它。请升级本程序后再打开：{path}"
        )
    return SqliteFile(path, is_new=False, revision=revision, integrity=found_integrity)


def _refuse_truncated(path: Path, header: bytes) -> None:
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count, valid_for = (
        struct.unpack(">I", header[24:28])[0],
        struct.unpack(">I", header[28:32])[0],
        struct.unpack(">I", header[92:96])[0],
    )
    if page_size < 512 or page_size & (page_size - 1):
        raise DomainError(f"数据库文件头已损坏，没有修改它：{path}。{WAY_OUT}")
    if page_count and valid_for == change_counter and path.stat().st_size < page_size * page_count:
        raise DomainError(f"数据库文件不完整（被截断），没有修改它：{path}。{WAY_OUT}")


def _read_catalogue(path: Path, *, integrity: bool) -> tuple[str | None, str | None]:
    try:
        connection = _connect_to_read(path)
        try:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in names:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            found = None
            if integrity:
                found = str(connection.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseBusyError(
                f"数据库正被其他程序占用，等待 {LOCK_WAIT_S:.0f} 秒仍未释放，请稍后再试：{path}"
            ) from exc
        if "unable to open" in text or "readonly" in text:
            raise DomainError(f"无法打开数据库文件（没有读取权限或文件夹不可用）：{path}") from exc
        raise DomainError(f"数据库文件已损坏，无法读取，没有修改它：{path}。{WAY_OUT}") from exc
    except sqlite3.DatabaseError as exc:
        raise DomainError(f"数据库文件已损坏，无法读取，没有修改它：{path}。{WAY_OUT}") from exc
    return revision, found


def _require_writable(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise DomainError(f"数据库文件是只读的，不能保存修改：{path}。请检查文件属性或权限。")
    _require_writable_folder(path.parent)


def _require_writable_folder(folder: Path) -> None:
    # SQLite writes its -wal and -shm files beside the database.
    if not folder.is_dir():
        raise DomainError(f"数据库所在文件夹不存在：{folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DomainError(f"数据库所在文件夹是只读的，不能保存修改：{folder}")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有权限"
    return exc.strerror or type(exc).__name__
