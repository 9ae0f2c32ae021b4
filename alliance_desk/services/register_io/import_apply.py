"""Write a checked import: every row or none, in one transaction, with bulk statements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.text import clean_text, normalize_name
from alliance_desk.core.vocab import AuditAction
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.register_io.bulk_audit import write_audit
from alliance_desk.services.register_io.import_memberships import add_memberships
from alliance_desk.services.register_io.units_import import ImportPreview, ImportRow, RowStatus
from alliance_desk.services.units import UnitInput
from alliance_desk.storage.models import Unit

_UNIT = cast(Table, Unit.__table__)
_SAVED_FIELDS = (
    "name",
    "category",
    "party_org_name",
    "secretary",
    "liaison",
    "phone",
    "address",
    "party_member_count",
    "active",
)


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    memberships_added: int


def unit_values(data: UnitInput) -> dict[str, Any]:
    """Column values of a unit, cleaned the way the unit editor saves them."""
    assert data.category is not None
    return {
        "name": clean_text(data.name),
        "name_key": normalize_name(data.name),
        "category": data.category,
        "party_org_name": clean_text(data.party_org_name),
        "secretary": clean_text(data.secretary),
        "liaison": clean_text(data.liaison),
        "phone": clean_text(data.phone),
        "address": clean_text(data.address),
        "party_member_count": data.party_member_count or 0,
        "active": data.active,
    }


def apply_units_import(db: Database, preview: ImportPreview) -> ImportResult:
    """Create the new units, update the changed ones and add the memberships — or nothing.

    Refused when the preview has an error row, and with ``ConflictError`` when another
    clerk added or changed one of these units between the preview and now.
    """
    if preview.error_rows:
        numbers = "、".join(str(r.row_number) for r in preview.error_rows[:10])
        more = " 等" if len(preview.error_rows) > 10 else ""
        raise DomainError(
            f"文件中有 {len(preview.error_rows)} 行有错误（第 {numbers}{more} 行），"
            "请改正后重新导入。本次没有写入任何数据。"
        )
    if not preview.rows:
        raise DomainError("文件中没有可导入的单位。")
    new = [(r, unit_values(r.data)) for r in preview.rows if r.status is RowStatus.NEW]
    changed = [
        (r, unit_values(r.data)) for r in preview.rows if r.status is RowStatus.UPDATE and r.changes
    ]
    with db.transaction() as session:
        keys = _check_unchanged_since_preview(session, new, changed)
        if new:
            # Core, not ORM, bulk INSERT: the ORM's per-row bookkeeping doubles the time.
            session.execute(insert(_UNIT), [{**values, "version": 1} for _row, values in new])
            keys = {key: uid for key, uid in session.execute(select(Unit.name_key, Unit.id))}
        _update_units(session, changed)
        added = add_memberships(session, preview.rows, keys, local_today())
        write_audit(
            session,
            "unit",
            AuditAction.INSERT,
            ((keys[v["name_key"]], None, {"id": keys[v["name_key"]], **v}) for _r, v in new),
        )
        write_audit(session, "unit", AuditAction.UPDATE, (_update_entry(r, v) for r, v in changed))
    return ImportResult(len(new), len(changed), preview.update_count - len(changed), added)


def _check_unchanged_since_preview(
    session: Session,
    new: list[tuple[ImportRow, dict[str, Any]]],
    changed: list[tuple[ImportRow, dict[str, Any]]],
) -> dict[str, int]:
    """Name key → id of every unit now; refuse if the rows we write went stale."""
    current = {
        key: (uid, version)
        for uid, key, version in session.execute(select(Unit.id, Unit.name_key, Unit.version))
    }
    for row, values in new:
        if values["name_key"] in current:
            raise ConflictError(f"单位名册（“{row.data.name}”已由他人新增）")
    versions = dict(current.values())
    for row, _values in changed:
        if versions.get(row.unit_id or 0) != row.version:
            raise ConflictError(f"自预览以来，单位“{row.data.name}”")
    return {key: uid for key, (uid, _version) in current.items()}


def _update_units(session: Session, changed: list[tuple[ImportRow, dict[str, Any]]]) -> None:
    """One executemany, by primary key and version: version = version + 1.

    The ORM's bulk UPDATE by primary key checks the version too, but on SQLite it then
    sends one statement per row (1.6 s for 16,500 rows here); this sends one batch and
    compares the total row count instead.
    """
    if not changed:
        return
    # Keys of the parameter dicts that name columns become SET clauses (typed by the
    # column); updated_at gets its onupdate default.
    statement = (
        update(_UNIT)
        .where(_UNIT.c.id == bindparam("b_id"), _UNIT.c.version == bindparam("b_version"))
        .values(version=_UNIT.c.version + 1)
    )
    params = [
        {"b_id": r.unit_id, "b_version": r.version, **{k: v[k] for k in _SAVED_FIELDS}}
        for r, v in changed
    ]
    result = session.connection().execute(statement, params)
    if result.rowcount != len(params):
        raise ConflictError("自预览以来，部分单位")


def _update_entry(
    row: ImportRow, values: dict[str, Any]
) -> tuple[int, dict[str, Any], dict[str, Any]]:
    assert row.unit_id is not None and row.before is not None
    before = {k: getattr(row.before, k) for k in row.changes}  # the name key never changes
    return row.unit_id, before, {k: values[k] for k in row.changes}
