from __future__ import annotations

from datetime import date

import pytest

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.units import (
    UnitInput,
    create_unit,
    delete_unit,
    get_unit,
    list_units,
    set_unit_active,
    update_unit,
)


def _input(name: str = "市人民医院", **changes: object) -> UnitInput:
    values: dict[str, object] = {
        "name": name,
        "category": UnitCategory.INSTITUTION,
        "party_org_name": "市人民医院党委",
        "secretary": "王立民",
        "liaison": "李方",
        "phone": "13912345678",
        "party_member_count": 56,
    }
    values.update(changes)
    return UnitInput(**values)  # type: ignore[arg-type]


def test_create_and_list(db: Database) -> None:
    created = create_unit(db, _input())
    rows = list_units(db)
    assert [r.name for r in rows] == ["市人民医院"]
    assert rows[0].id == created.unit.id
    assert rows[0].version == 1


def test_validation_reports_every_field(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        create_unit(db, _input(name="  ", category=None, phone="12345", party_member_count=-1))
    assert set(caught.value.errors) == {"name", "category", "phone", "party_member_count"}
    assert "不能为空" in caught.value.errors["name"]
    assert list_units(db) == []


@pytest.mark.parametrize(
    "variant", ["市人民医院 ", "市人民医院\u3000", "ｓ市人民医院", "市 人民医院"]
)
def test_duplicate_names_are_width_case_and_space_insensitive(db: Database, variant: str) -> None:
    create_unit(db, _input("s市人民医院" if "ｓ" in variant else "市人民医院"))
    with pytest.raises(ValidationError) as caught:
        create_unit(db, _input(variant))
    assert "重复" in caught.value.errors["name"]


def test_update_with_stale_version_is_refused(db: Database) -> None:
    created = create_unit(db, _input())
    update_unit(db, created.unit.id, _input(liaison="张民"), expected_version=1)
    with pytest.raises(ConflictError, match="已被他人修改"):
        update_unit(db, created.unit.id, _input(liaison="赵行"), expected_version=1)
    assert get_unit(db, created.unit.id).unit.liaison == "张民"


def test_unit_with_history_can_be_deactivated_not_deleted(db: Database) -> None:
    unit = create_unit(db, _input()).unit
    alliance = create_alliance(
        db, AllianceInput(name="幸福社区党建联盟", founded_on=date(2020, 1, 1))
    )
    add_members(db, alliance.alliance.id, [unit.id], joined_on=date(2021, 3, 1))
    with pytest.raises(DomainError, match="不能删除"):
        delete_unit(db, unit.id, expected_version=unit.version)
    after = set_unit_active(db, unit.id, False, expected_version=unit.version)
    assert after.unit.active is False
    assert [m.alliance_name for m in after.memberships] == ["幸福社区党建联盟"]


def test_unit_without_history_is_deleted(db: Database) -> None:
    unit = create_unit(db, _input()).unit
    delete_unit(db, unit.id, expected_version=unit.version)
    assert list_units(db) == []
