"""The open database: engine, session factory, who is acting, and the transaction rule."""

from __future__ import annotations

import getpass
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, event
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from alliance_desk.config import DatabaseLocation, resolve_database
from alliance_desk.core.errors import ConflictError, DatabaseClosedError, DomainError
from alliance_desk.storage.engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    create_db_engine,
    describe_url,
    make_session_factory,
    writing_engine,
)

log = logging.getLogger("alliance_desk.services")


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


class Database:
    """One database the app works on. Cheap to keep; sessions are opened per call."""

    def __init__(self, location: DatabaseLocation, *, actor: str | None = None) -> None:
        self.location = location
        self.actor = actor or current_os_user()
        self.engine: Engine = create_db_engine(
            str(location.sqlite_path) if location.sqlite_path is not None else location.url,
            sqlite_file=location.sqlite_path is not None,
        )
        self._sessions: sessionmaker[Session] = make_session_factory(self.engine)
        self._write_sessions: sessionmaker[Session] = make_session_factory(
            writing_engine(self.engine)
        )

    @classmethod
    def open(cls, db: str | None = None, *, actor: str | None = None) -> Database:
        return cls(resolve_database(db), actor=actor)

    @property
    def url(self) -> str:
        return self.location.url

    @property
    def sqlite_path(self) -> Path | None:
        return self.location.sqlite_path

    def describe(self) -> str:
        if self.location.sqlite_path is not None:
            return str(self.location.sqlite_path)
        return describe_url(self.location.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back and explain on failure."""
        session = self._write_sessions()
        session.info["actor"] = self.actor
        try:
            with session.begin():
                yield session
        except StaleDataError as exc:
            log.info("stale write refused: %s", exc)
            raise ConflictError() from exc
        except IntegrityError as exc:
            log.info("integrity error: %s", exc.orig)
            raise DomainError(integrity_message(exc)) from exc
        except OperationalError as exc:
            if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
                raise DomainError(
                    f"数据库正被其他程序占用（已等待 {SQLITE_BUSY_TIMEOUT_MS // 1000} 秒），"
                    "请稍后再试。"
                ) from exc
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A short read-only session; nothing it loads should outlive it."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.close()

    def within(self, session: Session) -> Database:
        """This database as seen from inside ``session``'s open transaction.

        Service functions called with it become steps of the caller's unit of work, which
        commits or rolls back as a whole (an import applies many rows through the same
        one-row services, so their rules stay in one place).
        """
        return cast(Database, _Within(self, session))

    def dispose(self) -> None:
        self.engine.dispose()

    def close(self) -> None:
        """Let go of the file for good: pooled connections are closed, and any later read or
        write (a page's timer firing late, say) is refused instead of reopening it — a
        restore waiting for sole use of the file would otherwise be refused."""
        where = self.describe()

        @event.listens_for(self.engine, "do_connect")
        def _refuse(*_args: object) -> None:
            raise DatabaseClosedError(where)

        self.engine.dispose()


def integrity_message(exc: IntegrityError) -> str:
    text = str(exc.orig).lower()
    if "unique" in text or "duplicate" in text:
        return "保存失败：与已有记录重复。"
    if "foreign key" in text:
        return "保存失败：引用的记录不存在，或仍被其他记录引用。"
    if "check" in text:
        return "保存失败：有字段的取值不符合要求。"
    if "not null" in text or "null value" in text:
        return "保存失败：有必填字段为空。"
    return "保存失败：数据不符合数据库约束。"


class _Within:
    """The ``Database`` of :meth:`Database.within`: both context managers reuse one session."""

    def __init__(self, db: Database, session: Session) -> None:
        self.actor = db.actor
        self.location = db.location
        self._session = session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        yield self._session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        yield self._session
