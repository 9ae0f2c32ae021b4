"""Memberships an import adds: join today, at the end of the rotation, never leave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import AuditAction, MembershipRole
from alliance_desk.services.register_io.bulk_audit import write_audit
from alliance_desk.storage.models import Membership

if TYPE_CHECKING:
    from alliance_desk.services.register_io.units_import import ImportRow


def add_memberships(
    session: Session, rows: Sequence[ImportRow], unit_ids: dict[str, int], today: date
) -> int:
    """Insert the memberships the rows ask for that do not exist yet; returns how many.

    ``unit_ids`` maps name key → unit id (new units included). A membership held now
    (not left, or leaving later) is kept as it is; the import never ends one.
    """
    wanted = [
        (row.unit_id or unit_ids[normalize_name(row.data.name)], alliance_id)
        for row in rows
        for alliance_id in row.joins
    ]
    if not wanted:
        return 0
    current = (Membership.left_on.is_(None)) | (Membership.left_on >= today)
    held = set(session.execute(select(Membership.unit_id, Membership.alliance_id).where(current)))
    last = {
        alliance_id: order
        for alliance_id, order in session.execute(
            select(Membership.alliance_id, func.max(Membership.rotation_order)).group_by(
                Membership.alliance_id
            )
        )
    }
    new_rows: list[dict[str, Any]] = []
    for unit_id, alliance_id in dict.fromkeys(wanted):
        if (unit_id, alliance_id) in held:
            continue
        last[alliance_id] = (last.get(alliance_id) or 0) + 1
        new_rows.append(
            {
                "alliance_id": alliance_id,
                "unit_id": unit_id,
                "role": MembershipRole.MEMBER,
                "joined_on": today,
                "left_on": None,
                "chair_eligible": True,
                "rotation_order": last[alliance_id],
                "version": 1,
            }
        )
    if not new_rows:
        return 0
    session.execute(insert(cast(Table, Membership.__table__)), new_rows)
    ids = {
        (unit_id, alliance_id): membership_id
        for membership_id, unit_id, alliance_id in session.execute(
            select(Membership.id, Membership.unit_id, Membership.alliance_id)
            .where(Membership.joined_on == today, Membership.left_on.is_(None))
            .order_by(Membership.id)
        )
    }
    write_audit(
        session,
        "membership",
        AuditAction.INSERT,
        (
            (
                ids[(v["unit_id"], v["alliance_id"])],
                None,
                {"id": ids[(v["unit_id"], v["alliance_id"])], **v},
            )
            for v in new_rows
        ),
    )
    return len(new_rows)
