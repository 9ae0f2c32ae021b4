"""Audit entries for the demo's meetings and commitments, shaped as the session hook
(``storage.audit``) writes them, so the state histories the detail panes read from
the audit trail show how each demo record got where it is.

Bulk inserts bypass the hook, so the demo writes these itself: an ``insert`` entry
with the row as first saved, then one ``update`` entry per change (only the changed
fields, old and new). Entries are numbered in time order when the area is done.

Only the records of the first street (``AUDITED_BLOCKS``: all of ``--scale 1``) get
them. At ``--scale 100`` a full trail would be 800,000 entries, a third of the rows
and of the generation time, for histories nobody reads in a benchmark; the other
streets' records show an empty history, like records from before the audit trail.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from enum import Enum
from typing import Any

from alliance_desk.core.vocab import AuditAction
from alliance_desk.services.demo.common import Row
from alliance_desk.services.demo.timeline import Stamper

AUDITED_BLOCKS = 1
_SKIPPED = frozenset({"version", "created_at", "updated_at"})


_PLAIN = frozenset({int, str, bool, type(None)})


def jsonable(value: Any) -> Any:
    """As the hook stores a value: enums by value, dates and times in ISO form."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return value


def snapshot(row: Row, **first: Any) -> dict[str, Any]:
    """The row as it was first saved: ``first`` overrides the fields that changed since."""
    return {
        key: jsonable(first.get(key, value)) for key, value in row.items() if key not in _SKIPPED
    }


class Trail:
    """The entries of one record, at office hours of the given days, in order."""

    def __init__(self, log: AuditLog, rng: random.Random, actor: str, entity: str) -> None:
        self._log, self._actor, self._entity = log, actor, entity
        self._stamp = Stamper(rng)

    def inserted(self, day: date, row: Row) -> None:
        self._log.add(self._stamp.at(day), self._actor, self._entity, row["id"],
                      AuditAction.INSERT, None, snapshot(row))  # fmt: skip

    def updated(
        self,
        day: date,
        entity_id: int,
        before: Row,
        after: Row,
        not_before: datetime | None = None,
    ) -> None:
        self._log.add(
            self._stamp.at(day, not_before),
            self._actor,
            self._entity,
            entity_id,
            AuditAction.UPDATE,
            {k: jsonable(v) for k, v in before.items()},
            {k: jsonable(v) for k, v in after.items()},
        )

    def noted(self, day: date, entity_id: int, after: Row) -> None:
        """An entry of the services' own (the reason beside a backward step)."""
        self._log.add(self._stamp.at(day), self._actor, self._entity, entity_id,
                      AuditAction.UPDATE, None, after)  # fmt: skip


class NoTrail(Trail):
    """For records whose history is not written (streets beyond the first)."""

    def __init__(self) -> None:
        pass

    def inserted(self, day: date, row: Row) -> None:
        pass

    def updated(
        self,
        day: date,
        entity_id: int,
        before: Row,
        after: Row,
        not_before: datetime | None = None,
    ) -> None:
        pass

    def noted(self, day: date, entity_id: int, after: Row) -> None:
        pass


NO_TRAIL = NoTrail()


class AuditLog:
    """Collects entries from all alliances; ``rows`` numbers them by time."""

    def __init__(self) -> None:
        self._entries: list[tuple[datetime, int, Row]] = []

    def trail(self, rng: random.Random, actor: str, entity: str, *, kept: bool) -> Trail:
        return Trail(self, rng, actor, entity) if kept else NO_TRAIL

    def add(
        self,
        at: datetime,
        actor: str,
        entity: str,
        entity_id: int,
        action: AuditAction,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        entry = {
            "at": at,
            "actor": actor,
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "before": before,
            "after": after,
        }
        self._entries.append((at, len(self._entries), entry))

    def rows(self, first_id: int = 1) -> list[Row]:
        """Entries in time order (ties: the order they were made), with ids."""
        self._entries.sort()  # (at, sequence) is unique: the rows are never compared
        result = []
        for number, (_at, _seq, entry) in enumerate(self._entries, start=first_id):
            entry["id"] = number
            result.append(entry)
        return result
