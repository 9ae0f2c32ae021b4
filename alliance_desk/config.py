"""Where Alliance Desk keeps its data, and which database it opens.

Environment variables (for tests, CI and shared setups):

- ``ALLIANCE_DESK_DATA_DIR``: the data folder (database, backups, logs).
- ``ALLIANCE_DESK_DB``: a SQLite path or a SQLAlchemy URL, used when ``--db`` is not given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "AllianceDesk"
ORG_NAME = "AllianceDesk"
DB_FILE_NAME = "alliance-desk.sqlite"
DATA_DIR_ENV = "ALLIANCE_DESK_DATA_DIR"
DB_ENV = "ALLIANCE_DESK_DB"
BACKUPS_KEPT = 10


class SettingsKey:
    """QSettings keys, kept in one place."""

    WINDOW_GEOMETRY = "main_window/geometry"
    WINDOW_STATE = "main_window/state"
    LAST_PAGE = "main_window/last_page"
    FONT_WARNING_SHOWN = "fonts/warning_shown"


def data_dir() -> Path:
    """The folder that holds the database, backups and logs (created on demand)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        path = Path(configured)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True, slots=True)
class DatabaseLocation:
    """A resolved database: its SQLAlchemy URL and, for SQLite, the file path."""

    url: str
    sqlite_path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***``: safe for logs and messages."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "<无法解析的数据库地址>"
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def resolve_database(db: str | None = None) -> DatabaseLocation:
    """Turn ``--db`` (a path or URL), the environment, or the default into a location."""
    value = db or os.environ.get(DB_ENV) or str(data_dir() / DB_FILE_NAME)
    if "://" in value:
        if value.startswith("sqlite:///"):
            path = Path(value.removeprefix("sqlite:///")).expanduser().resolve()
            return DatabaseLocation(f"sqlite:///{path}", path)
        return DatabaseLocation(value, None)
    path = Path(value).expanduser().resolve()
    return DatabaseLocation(f"sqlite:///{path}", path)
