"""党建联盟 and their memberships: list, edit, add members, end a membership, rotation order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError, ValidationError
from alliance_desk.core.text import clean_text, normalize_name
from alliance_desk.core.validation import date_order_error, length_error, required_error
from alliance_desk.core.vocab import ChairPeriod, MembershipRole, UnitCategory
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.services.rotation import chair_names_on
from alliance_desk.storage.models import Alliance, Membership, Unit


@dataclass(frozen=True, slots=True)
class AllianceInput:
    name: str
    lead_organisation: str = ""
    founded_on: date | None = None
    charter: str = ""
    chair_period: ChairPeriod = ChairPeriod.QUARTER
    active: bool = True


@dataclass(frozen=True, slots=True)
class AllianceRow:
    id: int
    name: str
    lead_organisation: str
    founded_on: date | None
    chair_period: ChairPeriod
    active: bool
    version: int
    member_count: int
    current_chair: str = ""
    next_meeting: str = ""


@dataclass(frozen=True, slots=True)
class MemberRow:
    membership_id: int
    unit_id: int
    unit_name: str
    category: UnitCategory
    role: MembershipRole
    joined_on: date
    left_on: date | None
    chair_eligible: bool
    rotation_order: int
    version: int

    def is_current(self, on: date | None = None) -> bool:
        return self.left_on is None or self.left_on >= (on or local_today())


@dataclass(frozen=True, slots=True)
class AllianceDetail:
    alliance: AllianceRow
    charter: str
    members: tuple[MemberRow, ...]


def _current(on: date):  # type: ignore[no-untyped-def]
    return (Membership.left_on.is_(None)) | (Membership.left_on >= on)


def list_alliances(db: Database) -> list[AllianceRow]:
    today = local_today()
    with db.reading() as session:
        counts = dict(
            session.execute(
                select(Membership.alliance_id, func.count())
                .where(_current(today))
                .group_by(Membership.alliance_id)
            ).all()
        )
        rows = session.execute(
            select(
                Alliance.id,
                Alliance.name,
                Alliance.lead_organisation,
                Alliance.founded_on,
                Alliance.chair_period,
                Alliance.active,
                Alliance.version,
            ).order_by(Alliance.id)
        ).all()
        chairs = chair_names_on(session, today)
    return [
        AllianceRow(*r, member_count=counts.get(r.id, 0), current_chair=chairs.get(r.id, ""))
        for r in rows
    ]


def get_alliance(db: Database, alliance_id: int) -> AllianceDetail:
    with db.reading() as session:
        return _detail(session, alliance_id)


def _detail(session: Session, alliance_id: int) -> AllianceDetail:
    alliance = session.get(Alliance, alliance_id)
    if alliance is None:
        raise NotFoundError("该联盟不存在，可能已被删除。")
    members = tuple(
        MemberRow(*r)
        for r in session.execute(
            select(
                Membership.id,
                Unit.id,
                Unit.name,
                Unit.category,
                Membership.role,
                Membership.joined_on,
                Membership.left_on,
                Membership.chair_eligible,
                Membership.rotation_order,
                Membership.version,
            )
            .join(Unit, Unit.id == Membership.unit_id)
            .where(Membership.alliance_id == alliance_id)
            .order_by(Membership.left_on.is_not(None), Membership.rotation_order, Membership.id)
        )
    )
    today = local_today()
    row = AllianceRow(
        alliance.id,
        alliance.name,
        alliance.lead_organisation,
        alliance.founded_on,
        alliance.chair_period,
        alliance.active,
        alliance.version,
        member_count=sum(1 for m in members if m.is_current(today)),
    )
    return AllianceDetail(row, alliance.charter, members)


def validate_alliance(data: AllianceInput) -> dict[str, str]:
    errors = {
        "name": required_error(data.name, "联盟名称")
        or length_error(clean_text(data.name), "联盟名称", 200),
        "lead_organisation": length_error(clean_text(data.lead_organisation), "牵头组织", 200),
        "charter": length_error(data.charter, "联盟章程", 20000, multiline=True),
    }
    return {k: v for k, v in errors.items() if v}


def _check(session: Session, data: AllianceInput, exclude_id: int | None = None) -> None:
    errors = validate_alliance(data)
    if "name" not in errors:
        query = select(Alliance.name).where(Alliance.name_key == normalize_name(data.name))
        if exclude_id is not None:
            query = query.where(Alliance.id != exclude_id)
        existing = session.scalar(query)
        if existing:
            errors["name"] = f"联盟名称与已有联盟“{existing}”重复"
    if errors:
        raise ValidationError(errors)


def _apply(alliance: Alliance, data: AllianceInput) -> None:
    alliance.name = clean_text(data.name)
    alliance.name_key = normalize_name(data.name)
    alliance.lead_organisation = clean_text(data.lead_organisation)
    alliance.founded_on = data.founded_on
    alliance.charter = data.charter.strip()
    alliance.chair_period = ChairPeriod(data.chair_period)
    alliance.active = data.active


def create_alliance(db: Database, data: AllianceInput) -> AllianceDetail:
    with db.transaction() as session:
        _check(session, data)
        alliance = Alliance()
        _apply(alliance, data)
        session.add(alliance)
        session.flush()
        return _detail(session, alliance.id)


def _load_alliance(session: Session, alliance_id: int, expected_version: int | None) -> Alliance:
    return load_for_edit(
        session,
        Alliance,
        alliance_id,
        expected_version,
        missing="该联盟不存在，可能已被他人删除。",
        what=lambda alliance: f"联盟“{alliance.name}”",
    )


def update_alliance(
    db: Database, alliance_id: int, data: AllianceInput, *, expected_version: int
) -> AllianceDetail:
    with db.transaction() as session:
        alliance = _load_alliance(session, alliance_id, expected_version)
        _check(session, data, exclude_id=alliance_id)
        _apply(alliance, data)
        session.flush()
        return _detail(session, alliance_id)


def add_members(
    db: Database,
    alliance_id: int,
    unit_ids: Sequence[int],
    *,
    joined_on: date,
    role: MembershipRole = MembershipRole.MEMBER,
    chair_eligible: bool = True,
) -> AllianceDetail:
    """Add several units at once, at the end of the rotation order; all or none."""
    if not unit_ids:
        raise DomainError("请至少选择一个单位。")
    with db.transaction() as session:
        alliance = _load_alliance(session, alliance_id, None)
        if alliance.founded_on and joined_on < alliance.founded_on:
            raise DomainError("加入日期不能早于联盟成立日期。", field="joined_on")
        current = {
            unit_id: name
            for unit_id, name in session.execute(
                select(Membership.unit_id, Unit.name)
                .join(Unit, Unit.id == Membership.unit_id)
                .where(Membership.alliance_id == alliance_id, _current(joined_on))
            )
        }
        already = [current[u] for u in unit_ids if u in current]
        if already:
            raise DomainError(f"以下单位已是本联盟成员：{'、'.join(already)}")
        units = session.scalars(select(Unit).where(Unit.id.in_(unit_ids))).all()
        if len(units) != len(set(unit_ids)):
            raise NotFoundError("所选单位中有已被删除的单位，请刷新后重试。")
        inactive = [u.name for u in units if not u.active]
        if inactive:
            raise DomainError(f"以下单位已停用，不能加入联盟：{'、'.join(inactive)}")
        last = session.scalar(
            select(func.max(Membership.rotation_order)).where(Membership.alliance_id == alliance_id)
        )
        order = (last or 0) + 1
        by_id = {u.id: u for u in units}
        for unit_id in dict.fromkeys(unit_ids):
            session.add(
                Membership(
                    alliance_id=alliance_id,
                    unit_id=by_id[unit_id].id,
                    role=MembershipRole(role),
                    joined_on=joined_on,
                    chair_eligible=chair_eligible,
                    rotation_order=order,
                )
            )
            order += 1
        session.flush()
        return _detail(session, alliance_id)


def _load_membership(session: Session, membership_id: int, expected_version: int) -> Membership:
    return load_for_edit(
        session,
        Membership,
        membership_id,
        expected_version,
        missing="该成员关系不存在，可能已被他人删除。",
        what=lambda _membership: "该成员关系",
    )


def end_membership(
    db: Database, membership_id: int, left_on: date, *, expected_version: int
) -> AllianceDetail:
    """End a membership on ``left_on``; the row stays as history."""
    with db.transaction() as session:
        membership = _load_membership(session, membership_id, expected_version)
        if membership.left_on is not None:
            raise DomainError(f"该单位已于 {membership.left_on:%Y-%m-%d} 退出本联盟。")
        error = date_order_error(membership.joined_on, left_on, "加入日期", "退出日期")
        if error:
            raise ValidationError({"left_on": error})
        membership.left_on = left_on
        session.flush()
        return _detail(session, membership.alliance_id)


def update_membership(
    db: Database,
    membership_id: int,
    *,
    role: MembershipRole,
    chair_eligible: bool,
    expected_version: int,
) -> AllianceDetail:
    with db.transaction() as session:
        membership = _load_membership(session, membership_id, expected_version)
        membership.role = MembershipRole(role)
        membership.chair_eligible = chair_eligible
        session.flush()
        return _detail(session, membership.alliance_id)


def reorder_rotation(
    db: Database, alliance_id: int, membership_ids: Sequence[int]
) -> AllianceDetail:
    """Set the rotation order of the current members to the order given."""
    with db.transaction() as session:
        _load_alliance(session, alliance_id, None)
        members = {
            m.id: m
            for m in session.scalars(
                select(Membership).where(
                    Membership.alliance_id == alliance_id, _current(local_today())
                )
            )
        }
        if set(membership_ids) != set(members) or len(membership_ids) != len(members):
            raise ConflictError("成员名单")
        for position, membership_id in enumerate(membership_ids, start=1):
            if members[membership_id].rotation_order != position:
                members[membership_id].rotation_order = position
        session.flush()
        return _detail(session, alliance_id)
