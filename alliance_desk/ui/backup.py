"""立即备份: copy the open SQLite file into the backups folder, off the main thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from alliance_desk import config
from alliance_desk.core.errors import DomainError
from alliance_desk.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from alliance_desk.services.database import Database


def _tr(text: str) -> str:
    return QCoreApplication.translate("Backup", text)


def can_back_up(database: Database) -> bool:
    return database.sqlite_path is not None


def backup_now(database: Database) -> Path:
    """One consistent copy (SQLite online backup API); ``DomainError`` for PostgreSQL."""
    path = database.sqlite_path
    if path is None:
        raise DomainError(_tr("PostgreSQL 数据库请由管理员用 pg_dump 备份。"))
    from alliance_desk.storage import backup

    return backup.backup(path, config.backups_dir() / backup.timestamped_name("manual"))


def start_backup(parent: QWidget, database: Database) -> BackgroundTask:
    """Start a backup; the task's ``succeeded`` carries the new file's ``Path``."""
    task = BackgroundTask(
        parent, _tr("正在备份数据库……"), lambda _report: backup_now(database),
        error_title=_tr("备份失败"),
    )
    task.start()
    return task
