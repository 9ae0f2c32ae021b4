"""成员单位: list, read, create, edit, deactivate, delete (only without history)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import String, exists, func, select, type_coerce
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError, NotFoundError, ValidationError
from alliance_desk.core.text import clean_text, normalize_name
from alliance_desk.core.validation import count_error, length_error, phone_error, required_error
from alliance_desk.core.vocab import MembershipRole, UnitCategory
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.storage.models import (
    Alliance,
    Attendance,
    ChairTerm,
    Commitment,
    Evaluation,
    Membership,
    Unit,
)


@dataclass(frozen=True, slots=True)
class UnitInput:
    """What the unit editor (or an import row) submits."""

    name: str
    category: UnitCategory | None
    party_org_name: str = ""
    secretary: str = ""
    liaison: str = ""
    phone: str = ""
    address: str = ""
    party_member_count: int | None = 0
    active: bool = True


class UnitRow(NamedTuple):
    """One line of the register. A named tuple: 16,500 of them build 3× faster than
    frozen dataclasses, which the unit page's first paint feels."""

    id: int
    name: str
    category: UnitCategory
    party_org_name: str
    secretary: str
    liaison: str
    phone: str
    address: str
    party_member_count: int
    active: bool
    version: int
    alliance_names: tuple[str, ...] = ()

    @property
    def alliance_count(self) -> int:
        return len(self.alliance_names)


@dataclass(frozen=True, slots=True)
class UnitMembership:
    membership_id: int
    alliance_id: int
    alliance_name: str
    role: MembershipRole
    joined_on: date
    left_on: date | None

    @property
    def current(self) -> bool:
        return self.left_on is None or self.left_on >= local_today()


@dataclass(frozen=True, slots=True)
class UnitDetail:
    unit: UnitRow
    memberships: tuple[UnitMembership, ...] = field(default_factory=tuple)


_UNIT_COLUMNS = (
    Unit.id,
    Unit.name,
    Unit.category,
    Unit.party_org_name,
    Unit.secretary,
    Unit.liaison,
    Unit.phone,
    Unit.address,
    Unit.party_member_count,
    Unit.active,
    Unit.version,
)

FIELD_LABELS = {
    "name": "单位名称",
    "category": "单位类别",
    "party_org_name": "党组织名称",
    "secretary": "书记",
    "liaison": "联络员",
    "phone": "联系电话",
    "address": "地址",
    "party_member_count": "党员人数",
}


def current_alliance_names(
    session: Session, unit_ids: list[int] | None = None
) -> dict[int, list[str]]:
    """Names of the alliances each unit is a current member of, in alliance order."""
    today = local_today()
    query = (
        select(Membership.unit_id, Alliance.name)
        .join(Alliance, Alliance.id == Membership.alliance_id)
        .where((Membership.left_on.is_(None)) | (Membership.left_on >= today))
        .order_by(Membership.unit_id, Alliance.id)
    )
    if unit_ids is not None:
        query = query.where(Membership.unit_id.in_(unit_ids))
    names: dict[int, list[str]] = defaultdict(list)
    for unit_id, alliance_name in session.execute(query):
        names[unit_id].append(alliance_name)
    return names


def _row(values: tuple, alliance_names: list[str]) -> UnitRow:  # type: ignore[type-arg]
    return UnitRow(*values, alliance_names=tuple(alliance_names))


def list_units(db: Database) -> list[UnitRow]:
    """All units with their current alliances: two Core queries, no ORM objects.

    The category is read as its stored code and looked up here: at 16,500 rows that
    is measurably cheaper than the Enum type's per-row result processing.
    """
    columns = [
        type_coerce(Unit.category, String) if c is Unit.category else c for c in _UNIT_COLUMNS
    ]
    categories = UnitCategory._value2member_map_
    with db.reading() as session:
        names = current_alliance_names(session)
        rows = session.connection().execute(select(*columns).order_by(Unit.id)).all()
    empty: tuple[str, ...] = ()
    return [
        UnitRow(
            r[0],
            r[1],
            categories[r[2]],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            tuple(names[r[0]]) if r[0] in names else empty,
        )
        for r in rows
    ]


def get_unit(db: Database, unit_id: int) -> UnitDetail:
    with db.reading() as session:
        return _detail(session, unit_id)


def _detail(session: Session, unit_id: int) -> UnitDetail:
    values = session.execute(select(*_UNIT_COLUMNS).where(Unit.id == unit_id)).first()
    if values is None:
        raise NotFoundError("该单位不存在，可能已被删除。")
    memberships = tuple(
        UnitMembership(m_id, a_id, a_name, role, joined, left)
        for m_id, a_id, a_name, role, joined, left in session.execute(
            select(
                Membership.id,
                Alliance.id,
                Alliance.name,
                Membership.role,
                Membership.joined_on,
                Membership.left_on,
            )
            .join(Alliance, Alliance.id == Membership.alliance_id)
            .where(Membership.unit_id == unit_id)
            .order_by(Membership.joined_on, Alliance.id)
        )
    )
    current = [m.alliance_name for m in memberships if m.current]
    return UnitDetail(_row(tuple(values), current), memberships)


def _category_error(category: object) -> str | None:
    if category is None or category == "":
        return "请选择单位类别"
    if category not in UnitCategory._value2member_map_:
        return "单位类别不正确"
    return None


def validate_unit(data: UnitInput) -> dict[str, str]:
    """Field errors of one unit, without touching the database."""
    errors: dict[str, str] = {}
    checks = {
        "name": required_error(data.name, FIELD_LABELS["name"])
        or length_error(clean_text(data.name), FIELD_LABELS["name"], 200),
        "category": _category_error(data.category),
        "party_org_name": length_error(clean_text(data.party_org_name), "党组织名称", 200),
        "secretary": length_error(clean_text(data.secretary), "书记", 50),
        "liaison": length_error(clean_text(data.liaison), "联络员", 50),
        "phone": phone_error(data.phone),
        "address": length_error(clean_text(data.address), "地址", 200),
        "party_member_count": "党员人数必须填写整数"
        if data.party_member_count is None
        else count_error(data.party_member_count, "党员人数"),
    }
    for key, message in checks.items():
        if message:
            errors[key] = message
    return errors


def name_taken(session: Session, name: str, exclude_id: int | None = None) -> str | None:
    """The existing unit name that ``name`` duplicates (case/width/space-insensitive)."""
    query = select(Unit.name).where(Unit.name_key == normalize_name(name))
    if exclude_id is not None:
        query = query.where(Unit.id != exclude_id)
    return session.scalar(query)


def _apply(unit: Unit, data: UnitInput) -> None:
    assert data.category is not None
    unit.name = clean_text(data.name)
    unit.name_key = normalize_name(data.name)
    unit.category = UnitCategory(data.category)
    unit.party_org_name = clean_text(data.party_org_name)
    unit.secretary = clean_text(data.secretary)
    unit.liaison = clean_text(data.liaison)
    unit.phone = clean_text(data.phone)
    unit.address = clean_text(data.address)
    unit.party_member_count = data.party_member_count or 0
    unit.active = data.active


def _check(session: Session, data: UnitInput, exclude_id: int | None = None) -> None:
    errors = validate_unit(data)
    if "name" not in errors:
        existing = name_taken(session, data.name, exclude_id)
        if existing:
            errors["name"] = f"单位名称与已有单位“{existing}”重复"
    if errors:
        raise ValidationError(errors)


def create_unit(db: Database, data: UnitInput) -> UnitDetail:
    with db.transaction() as session:
        _check(session, data)
        unit = Unit()
        _apply(unit, data)
        session.add(unit)
        session.flush()
        return _detail(session, unit.id)


def _load_for_update(session: Session, unit_id: int, expected_version: int) -> Unit:
    return load_for_edit(
        session,
        Unit,
        unit_id,
        expected_version,
        missing="该单位不存在，可能已被他人删除。",
        what=lambda unit: f"单位“{unit.name}”",
    )


def update_unit(
    db: Database, unit_id: int, data: UnitInput, *, expected_version: int
) -> UnitDetail:
    with db.transaction() as session:
        unit = _load_for_update(session, unit_id, expected_version)
        _check(session, data, exclude_id=unit_id)
        _apply(unit, data)
        session.flush()
        return _detail(session, unit_id)


def set_unit_active(
    db: Database, unit_id: int, active: bool, *, expected_version: int
) -> UnitDetail:
    with db.transaction() as session:
        unit = _load_for_update(session, unit_id, expected_version)
        unit.active = active
        session.flush()
        return _detail(session, unit_id)


def has_history(session: Session, unit_id: int) -> bool:
    """Whether anything refers to the unit, so that it may only be deactivated."""
    references = (
        select(Membership.id).where(Membership.unit_id == unit_id),
        select(ChairTerm.id).where(ChairTerm.unit_id == unit_id),
        select(Attendance.id).where(Attendance.unit_id == unit_id),
        select(Commitment.id).where(
            (Commitment.promisor_unit_id == unit_id) | (Commitment.promisee_unit_id == unit_id)
        ),
        select(Evaluation.id).where(
            (Evaluation.rater_unit_id == unit_id) | (Evaluation.ratee_unit_id == unit_id)
        ),
    )
    return any(session.scalar(select(exists(q))) for q in references)


def unit_has_history(db: Database, unit_id: int) -> bool:
    with db.reading() as session:
        return has_history(session, unit_id)


def delete_unit(db: Database, unit_id: int, *, expected_version: int) -> None:
    with db.transaction() as session:
        unit = _load_for_update(session, unit_id, expected_version)
        if has_history(session, unit_id):
            raise DomainError(
                f"单位“{unit.name}”已有联盟、会议或承诺等历史记录，不能删除；如不再参与，请将其停用。"
            )
        session.delete(unit)


def count_units(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Unit)) or 0
