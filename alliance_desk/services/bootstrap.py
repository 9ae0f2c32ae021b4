"""Opening a database for work: schema up to date, automatic backup taken."""

from __future__ import annotations

import logging
from pathlib import Path

from alliance_desk import config
from alliance_desk.services.database import Database
from alliance_desk.storage import backup as backups
from alliance_desk.storage.schema import SchemaState, ensure_schema

log = logging.getLogger("alliance_desk.services")


def open_database(
    db: str | None = None, *, actor: str | None = None, auto_backup: bool = True
) -> Database:
    """Open (creating if needed) and upgrade a database; raise ``DomainError`` if it can't be used.

    An older SQLite file is backed up before the upgrade; at every start the file is
    also copied into the rotating automatic backups.
    """
    database = Database.open(db, actor=actor)
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
    except Exception:
        database.dispose()
        raise
    return database
