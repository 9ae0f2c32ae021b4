"""Audit trail: every flushed insert, update and delete leaves an ``AuditEntry``.

The hook sits on the session factory, so no service can forget it. The actor is
``session.info["actor"]`` (set by ``services.database.Database``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from alliance_desk.core.vocab import AuditAction
from alliance_desk.storage.models.audit import AuditEntry

_SKIPPED_FIELDS = {"version", "created_at", "updated_at"}


def install_audit(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _collect_changes)
    event.listen(factory, "after_flush", _write_entries)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} 字节>"  # file contents: the trail records the size only
    return value


def _columns(obj: Any) -> list[str]:
    return [
        attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in _SKIPPED_FIELDS
    ]


def _snapshot(obj: Any) -> dict[str, Any]:
    return {key: _jsonable(getattr(obj, key)) for key in _columns(obj)}


def _collect_changes(session: Session, _context: Any, _instances: Any) -> None:
    pending: list[tuple[Any, AuditAction, dict[str, Any] | None, dict[str, Any] | None]] = []
    for obj in session.new:
        if not isinstance(obj, AuditEntry):
            pending.append((obj, AuditAction.INSERT, None, None))
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key in _columns(obj):
            history = state.attrs[key].history
            if history.has_changes():
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                if old != new:
                    before[key], after[key] = _jsonable(old), _jsonable(new)
        if after:
            pending.append((obj, AuditAction.UPDATE, before, after))
    for obj in session.deleted:
        if not isinstance(obj, AuditEntry):
            pending.append((obj, AuditAction.DELETE, _snapshot(obj), None))
    session.info.setdefault("audit_pending", []).extend(pending)


def _write_entries(session: Session, _context: Any) -> None:
    pending = session.info.pop("audit_pending", [])
    if not pending:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    actor = str(session.info.get("actor", ""))[:100]
    rows = []
    for obj, action, before, after in pending:
        mapper = inspect(obj).mapper
        if action is AuditAction.INSERT:
            after = _snapshot(obj)
        rows.append(
            {
                "at": now,
                "actor": actor,
                "entity": mapper.local_table.name,
                "entity_id": mapper.primary_key_from_instance(obj)[0],
                "action": action,
                "before": before,
                "after": after,
            }
        )
    session.connection().execute(insert(AuditEntry.__table__), rows)
