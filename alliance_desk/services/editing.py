"""Loading a row to change it: gone → NotFoundError, changed by someone else → ConflictError.

The one place for the stale-edit rule. Besides this up-front check, the version counter
(``version_id_col``) also refuses a write that races past it, inside the flush.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from alliance_desk.core.errors import ConflictError, NotFoundError
from alliance_desk.storage.base import Versioned

Row = TypeVar("Row", bound=Versioned)


def load_for_edit(
    session: Session,
    model: type[Row],
    row_id: int,
    expected_version: int | None,
    *,
    missing: str,
    what: Callable[[Row], str],
) -> Row:
    """The row ``row_id`` of ``model``; ``expected_version=None`` skips the stale check.

    ``missing`` is the message when the row is gone; ``what(row)`` names the row in the
    "已被他人修改" message.
    """
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(missing)
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(what(row))
    return row


def claim_version(row: Versioned) -> None:
    """Count a change recorded *beside* ``row`` (a progress entry, say) as a change of it.

    The flush then updates ``row`` with ``WHERE version = <read>``: of two clerks who read
    the same version and save at once, the second gets "已被他人修改" instead of both landing.
    """
    flag_modified(row, "updated_at")
