"""Audit rows for bulk statements, which the session's flush hook never sees.

``session.execute(insert(Model), rows)`` and ORM bulk UPDATE by primary key bypass the
unit of work, so ``storage.audit`` records nothing for them. A bulk writer calls
``write_audit`` itself, with the same shape of entry the hook writes: entity = table
name, actor = ``session.info["actor"]``, a full snapshot after an insert, only the
changed fields before/after an update. (A candidate to move into ``storage.audit``.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from alliance_desk.core.vocab import AuditAction
from alliance_desk.storage.models.audit import AuditEntry

#: (entity id, before, after) — ``None`` where the hook would write ``None``.
Change = tuple[int, Mapping[str, Any] | None, Mapping[str, Any] | None]

SKIPPED_FIELDS = frozenset({"version", "created_at", "updated_at"})


_PLAIN = frozenset({str, int, bool, float, type(None)})


def jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:  # the common case first: this runs for every field of every row
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _clean(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {
        k: v if type(v) in _PLAIN else jsonable(v)
        for k, v in values.items()
        if k not in SKIPPED_FIELDS
    }


def write_audit(
    session: Session, entity: str, action: AuditAction, changes: Iterable[Change]
) -> int:
    """Insert one ``AuditEntry`` per change in one executemany; returns how many."""
    now = datetime.now(UTC).replace(tzinfo=None)
    actor = str(session.info.get("actor", ""))[:100]
    rows = [
        {
            "at": now,
            "actor": actor,
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "before": _clean(before),
            "after": _clean(after),
        }
        for entity_id, before, after in changes
    ]
    if rows:
        session.execute(insert(cast(Table, AuditEntry.__table__)), rows)
    return len(rows)
