"""One program per SQLite file: a ``QLockFile`` at ``<file>.lock`` (QtCore only).

The GUI holds it while a file is open; the CLI ``restore`` holds it while it replaces
the file. A lock left by a crashed program is detected as stale (its process is gone,
or the machine rebooted) and taken over.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLockFile

from alliance_desk.core.errors import DomainError


class DatabaseInUseError(DomainError):
    """Another copy of the program has this database file open."""


def lock_path(sqlite_path: Path) -> Path:
    return sqlite_path.with_name(sqlite_path.name + ".lock")


class InstanceLock:
    """Exclusive use of one SQLite file by this process; also a context manager."""

    def __init__(self, sqlite_path: Path) -> None:
        self.sqlite_path = Path(sqlite_path)
        self.path = lock_path(self.sqlite_path)
        self._lock = QLockFile(str(self.path))
        # Qt's default stale time (30 s) stays on: a crashed holder's lock is taken over.

    @classmethod
    def acquire_or_raise(cls, sqlite_path: Path) -> InstanceLock:
        """Take the lock now or raise ``DatabaseInUseError`` with a clerk-readable message."""
        lock = cls(sqlite_path)
        if not lock.try_acquire():
            raise DatabaseInUseError(lock.refusal_message())
        return lock

    def try_acquire(self) -> bool:
        """True when this process now holds the lock (or already did)."""
        if self._lock.isLocked():
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock.tryLock(0)

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def holder(self) -> str:
        """Who holds the lock, as the clerk should read it (empty when unknown)."""
        info = self._lock.getLockInfo()
        if not info or not info[0]:
            return ""
        pid, host, _app = info
        return _tr("计算机 {host}，进程号 {pid}").format(host=host or "?", pid=pid)

    def refusal_message(self) -> str:
        if self._lock.error() == QLockFile.LockError.PermissionError:
            return _tr(
                "无法在数据库所在的文件夹中创建锁文件（没有写入权限）：\n{path}\n"
                "请把数据库放在有写入权限的文件夹中。"
            ).format(path=self.path)
        holder = self.holder()
        detail = _tr("（{holder}）").format(holder=holder) if holder else ""
        return _tr(
            "该数据库文件正被另一个党建联盟工作台使用{detail}：\n{file}\n\n"
            "同一个数据库文件同时只能由一个程序打开，以免数据互相覆盖。"
            "请先关闭另一个窗口，再重新打开。"
        ).format(detail=detail, file=self.sqlite_path)

    def __enter__(self) -> InstanceLock:
        if not self.try_acquire():
            raise DatabaseInUseError(self.refusal_message())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _tr(text: str) -> str:
    return QCoreApplication.translate("InstanceLock", text)
