from __future__ import annotations

from datetime import date

from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import (
    AllianceInput,
    add_members,
    create_alliance,
    end_membership,
)
from alliance_desk.services.overview import Overview, overview
from alliance_desk.services.units import UnitInput, create_unit, set_unit_active


def test_overview_counts_current_seats_of_active_units(db: Database) -> None:
    a1, a2, a3 = (
        create_alliance(db, AllianceInput(name=f"联盟{i}", active=i != 3)).alliance.id
        for i in (1, 2, 3)
    )
    u1, u2, u3, u4, u5 = (
        create_unit(db, UnitInput(name=f"单位{i}", category=UnitCategory.GOVERNMENT)).unit.id
        for i in (1, 2, 3, 4, 5)
    )
    joined = date(2020, 1, 1)
    add_members(db, a1, [u1, u2, u3, u5], joined_on=joined)
    detail = add_members(db, a2, [u1, u2, u4, u5], joined_on=joined)
    add_members(db, a3, [u3], joined_on=joined)
    u2_in_a2 = next(m for m in detail.members if m.unit_id == u2)
    end_membership(db, u2_in_a2.membership_id, date(2021, 1, 1), expected_version=1)
    set_unit_active(db, u5, False, expected_version=1)

    assert overview(db) == Overview(
        alliances=2,
        active_units=4,
        memberships=5,
        multi_alliance_units=1,
        total_alliances=3,
        total_units=5,
    )


def test_overview_of_an_empty_database(db: Database) -> None:
    figures = overview(db)
    assert figures.empty
    assert (figures.alliances, figures.active_units, figures.memberships) == (0, 0, 0)
