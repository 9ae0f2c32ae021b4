"""Shared data for the commitment service tests (no tests here).

Two alliances: 一联盟 (社区甲 leads; 民政局 and 兴业公司 members) and 二联盟 (社区乙,
民政局). 外来单位 belongs to neither. Everyone joined on 2020-01-01.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest

from alliance_desk.core.vocab import CommitmentDirection, MembershipRole, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments import CommitmentDetail, create_commitment
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.storage.models import Decision, Meeting, Minutes

JOINED = date(2020, 1, 1)
MADE = date(2026, 1, 5)
DUE = date(2026, 3, 31)


@dataclass(frozen=True)
class World:
    one: int
    two: int
    community_a: int
    community_b: int
    bureau: int
    firm: int
    outsider: int


def _unit(db: Database, name: str, category: UnitCategory) -> int:
    return create_unit(db, UnitInput(name=name, category=category)).unit.id


def _alliance(db: Database, name: str, lead: int, members: list[int]) -> int:
    alliance_id = create_alliance(db, AllianceInput(name=name)).alliance.id
    add_members(db, alliance_id, [lead], joined_on=JOINED, role=MembershipRole.LEAD)
    add_members(db, alliance_id, members, joined_on=JOINED)
    return alliance_id


def build_world(db: Database) -> World:
    community_a = _unit(db, "社区甲", UnitCategory.COMMUNITY)
    community_b = _unit(db, "社区乙", UnitCategory.COMMUNITY)
    bureau = _unit(db, "民政局", UnitCategory.GOVERNMENT)
    firm = _unit(db, "兴业公司", UnitCategory.PRIVATE_ENTERPRISE)
    outsider = _unit(db, "外来单位", UnitCategory.INSTITUTION)
    one = _alliance(db, "一联盟", community_a, [bureau, firm])
    two = _alliance(db, "二联盟", community_b, [bureau])
    return World(one, two, community_a, community_b, bureau, firm, outsider)


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def make(db: Database, world: World, **changes: Any) -> CommitmentDetail:
    """A unit→community commitment of 民政局 to 社区甲 in 一联盟, unless told otherwise."""
    values: dict[str, Any] = {
        "alliance_id": world.one,
        "promisor_unit_id": world.bureau,
        "promisee_unit_id": world.community_a,
        "direction": CommitmentDirection.UNIT_TO_COMMUNITY,
        "content": "每月组织志愿者到社区开展助老服务",
        "category": "志愿服务",
        "made_on": MADE,
        "due_on": DUE,
    }
    values.update(changes)
    return create_commitment(db, **values)


def add_decision(db: Database, alliance_id: int, *, sequence_no: int = 1) -> tuple[int, int]:
    """A held meeting of the alliance with minutes and one decision: (meeting, decision)."""
    with db.transaction() as session:
        meeting = Meeting(
            alliance_id=alliance_id,
            sequence_no=sequence_no,
            starts_at=datetime(2026, 1, 5, 9, 0),
        )
        session.add(meeting)
        session.flush()
        minutes = Minutes(meeting_id=meeting.id)
        session.add(minutes)
        session.flush()
        decision = Decision(minutes_id=minutes.id, position=2, content="共建助老服务站")
        session.add(decision)
        session.flush()
        return meeting.id, decision.id
