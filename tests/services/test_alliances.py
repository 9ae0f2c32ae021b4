from __future__ import annotations

from datetime import date

import pytest

from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.vocab import ChairPeriod, MembershipRole, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import (
    AllianceInput,
    add_members,
    create_alliance,
    end_membership,
    get_alliance,
    list_alliances,
    reorder_rotation,
    update_alliance,
)
from alliance_desk.services.units import UnitInput, create_unit, get_unit, list_units


def _units(db: Database, *names: str) -> list[int]:
    return [
        create_unit(db, UnitInput(name=n, category=UnitCategory.GOVERNMENT)).unit.id for n in names
    ]


def _alliance(db: Database, name: str = "光明社区党建联盟") -> int:
    detail = create_alliance(
        db, AllianceInput(name=name, founded_on=date(2020, 5, 1), chair_period=ChairPeriod.QUARTER)
    )
    return detail.alliance.id


def test_add_several_members_in_rotation_order(db: Database) -> None:
    alliance_id = _alliance(db)
    ids = _units(db, "市民政局", "市人社局", "市方志办")
    detail = add_members(db, alliance_id, ids, joined_on=date(2021, 1, 1))
    assert [(m.unit_name, m.rotation_order) for m in detail.members] == [
        ("市民政局", 1),
        ("市人社局", 2),
        ("市方志办", 3),
    ]
    assert list_alliances(db)[0].member_count == 3
    assert list_units(db)[0].alliance_names == ("光明社区党建联盟",)


def test_adding_an_existing_member_is_refused_and_writes_nothing(db: Database) -> None:
    alliance_id = _alliance(db)
    a, b = _units(db, "甲单位", "乙单位")
    add_members(db, alliance_id, [a], joined_on=date(2021, 1, 1))
    with pytest.raises(DomainError, match="甲单位"):
        add_members(db, alliance_id, [b, a], joined_on=date(2021, 2, 1))
    assert len(get_alliance(db, alliance_id).members) == 1


def test_join_before_founding_is_refused(db: Database) -> None:
    alliance_id = _alliance(db)
    (a,) = _units(db, "甲单位")
    with pytest.raises(DomainError, match="成立日期"):
        add_members(db, alliance_id, [a], joined_on=date(2019, 1, 1))


def test_end_membership_keeps_history(db: Database) -> None:
    alliance_id = _alliance(db)
    (a,) = _units(db, "市行政审批局")
    member = add_members(db, alliance_id, [a], joined_on=date(2021, 1, 1)).members[0]
    with pytest.raises(ValidationError, match="退出日期不能早于加入日期"):
        end_membership(db, member.membership_id, date(2020, 12, 31), expected_version=1)
    detail = end_membership(db, member.membership_id, date(2022, 6, 30), expected_version=1)
    assert detail.members[0].left_on == date(2022, 6, 30)
    assert detail.alliance.member_count == 0
    unit = get_unit(db, a)
    assert unit.unit.alliance_names == ()
    assert [m.left_on for m in unit.memberships] == [date(2022, 6, 30)]


def test_reorder_rotation(db: Database) -> None:
    alliance_id = _alliance(db)
    ids = _units(db, "一", "二", "三")
    members = add_members(db, alliance_id, ids, joined_on=date(2021, 1, 1)).members
    new_order = [members[2].membership_id, members[0].membership_id, members[1].membership_id]
    detail = reorder_rotation(db, alliance_id, new_order)
    assert [m.unit_name for m in detail.members] == ["三", "一", "二"]


def test_edit_charter_and_lead_role(db: Database) -> None:
    alliance_id = _alliance(db)
    (a,) = _units(db, "光明社区")
    add_members(db, alliance_id, [a], joined_on=date(2021, 1, 1), role=MembershipRole.LEAD)
    detail = update_alliance(
        db,
        alliance_id,
        AllianceInput(
            name="光明社区党建联盟", charter="第一条 本联盟……", founded_on=date(2020, 5, 1)
        ),
        expected_version=1,
    )
    assert detail.charter == "第一条 本联盟……"
    assert detail.members[0].role is MembershipRole.LEAD


def test_duplicate_alliance_name_refused(db: Database) -> None:
    _alliance(db)
    with pytest.raises(ValidationError, match="重复"):
        _alliance(db, "光明社区 党建联盟")
