"""create_commitment: what is saved, and every reason it is refused."""

from __future__ import annotations

from datetime import date

import pytest
from test_commitments_support import DUE, MADE, World, add_decision, make, world

from alliance_desk.core.errors import ValidationError
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import add_members, end_membership, get_alliance
from alliance_desk.services.commitments import get_commitment
from alliance_desk.services.units import UnitInput, create_unit, get_unit, set_unit_active

__all__ = ["world"]


def _refused(db: Database, world: World, **changes: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        make(db, world, **changes)
    return caught.value.errors


def test_a_new_commitment_is_proposed_with_names_and_no_progress(
    db: Database, world: World
) -> None:
    detail = make(db, world, content="  提供活动场地  ", category=" 场地 ")
    assert detail.state is CommitmentState.PROPOSED
    assert (detail.alliance_name, detail.promisor_name, detail.promisee_name) == (
        "一联盟",
        "民政局",
        "社区甲",
    )
    assert (detail.content, detail.category) == ("提供活动场地", "场地")
    assert (detail.made_on, detail.due_on, detail.fulfilled_on) == (MADE, DUE, None)
    assert detail.progress == () and detail.percent is None
    assert detail.rating_by_promisor is None and detail.rating_by_promisee is None
    assert [(h.from_state, h.to_state) for h in detail.history] == [
        (None, CommitmentState.PROPOSED)
    ]
    assert detail.history[0].actor == "测试员"
    assert get_commitment(db, detail.id, today=date(2026, 4, 1)).overdue


def test_community_to_unit_commitment(db: Database, world: World) -> None:
    detail = make(
        db,
        world,
        promisor_unit_id=world.community_a,
        promisee_unit_id=world.firm,
        direction=CommitmentDirection.COMMUNITY_TO_UNIT,
    )
    assert detail.direction is CommitmentDirection.COMMUNITY_TO_UNIT
    assert detail.promisor_name == "社区甲"


def test_required_content_and_date_order_are_reported_together(db: Database, world: World) -> None:
    errors = _refused(db, world, content=" \u3000", due_on=date(2026, 1, 4), category="长" * 51)
    assert errors == {
        "content": "承诺内容不能为空",
        "category": "承诺类别不能超过 50 个字",
        "due_on": "到期日期不能早于承诺日期",
    }


def test_due_on_the_made_day_is_fine(db: Database, world: World) -> None:
    assert make(db, world, due_on=MADE).due_on == MADE


def test_the_two_parties_must_differ(db: Database, world: World) -> None:
    errors = _refused(db, world, promisee_unit_id=world.bureau)
    assert errors["promisee_unit_id"] == "承诺方与受诺方不能是同一单位"


def test_both_parties_must_be_members_and_the_message_says_why_not(
    db: Database, world: World
) -> None:
    errors = _refused(db, world, promisor_unit_id=world.outsider)
    assert errors["promisor_unit_id"] == (
        "承诺方“外来单位”在 2026-01-05（承诺日期）不是“一联盟”的成员：该单位未加入本联盟"
    )
    errors = _refused(db, world, promisee_unit_id=world.community_b)
    assert "受诺方“社区乙”" in errors["promisee_unit_id"]


def test_membership_is_judged_on_the_made_day(db: Database, world: World) -> None:
    seat = next(m for m in get_alliance(db, world.one).members if m.unit_id == world.firm)
    end_membership(db, seat.membership_id, date(2025, 6, 30), expected_version=seat.version)
    errors = _refused(
        db,
        world,
        promisor_unit_id=world.firm,
    )
    assert errors["promisor_unit_id"].endswith("该单位已于 2025-06-30 退出")
    # Made while it was still a member: accepted.
    detail = make(db, world, promisor_unit_id=world.firm, made_on=date(2025, 6, 1))
    assert detail.promisor_name == "兴业公司"
    errors = _refused(db, world, made_on=date(2019, 5, 1))
    assert errors["promisor_unit_id"].endswith("该单位于 2020-01-01 才加入")


def test_inactive_party_is_refused(db: Database, world: World) -> None:
    unit = get_unit(db, world.bureau).unit
    set_unit_active(db, world.bureau, False, expected_version=unit.version)
    assert _refused(db, world)["promisor_unit_id"] == "承诺方“民政局”已停用"


@pytest.mark.parametrize(
    ("direction", "promisor", "promisee", "expected"),
    [
        (
            "unit_to_community",
            "bureau",
            "firm",
            "“单位→社区”的受诺方须是社区，“兴业公司”是非公企业",
        ),
        (
            "community_to_unit",
            "bureau",
            "community_a",
            "“社区→单位”的承诺方须是社区，“民政局”是机关",
        ),
        (
            "community_to_unit",
            "community_a",
            "other_community",
            "“社区→单位”的受诺方不能是社区（“社区丙”），请改选“单位→社区”",
        ),
        (
            "unit_to_community",
            "other_community",
            "community_a",
            "“单位→社区”的承诺方不能是社区（“社区丙”），请改选“社区→单位”",
        ),
    ],
)
def test_direction_must_match_the_parties(
    db: Database, world: World, direction: str, promisor: str, promisee: str, expected: str
) -> None:
    other = create_unit(db, UnitInput(name="社区丙", category=UnitCategory.COMMUNITY)).unit.id
    add_members(db, world.one, [other], joined_on=date(2020, 1, 1))
    ids = {"bureau": world.bureau, "firm": world.firm, "community_a": world.community_a}
    ids["other_community"] = other
    errors = _refused(
        db,
        world,
        direction=CommitmentDirection(direction),
        promisor_unit_id=ids[promisor],
        promisee_unit_id=ids[promisee],
    )
    assert errors == {"direction": expected}


def test_unknown_alliance_unit_and_direction(db: Database, world: World) -> None:
    errors = _refused(db, world, alliance_id=9999, promisee_unit_id=8888, direction="sideways")
    assert errors["alliance_id"] == "所选联盟不存在，可能已被删除"
    assert errors["promisee_unit_id"] == "所选受诺方单位不存在，可能已被删除"
    assert errors["direction"].startswith("请选择承诺方向")


def test_source_decision_links_to_its_meeting(db: Database, world: World) -> None:
    meeting_id, decision_id = add_decision(db, world.one, sequence_no=3)
    detail = make(db, world, source_decision_id=decision_id)
    assert detail.source_meeting_id == meeting_id
    assert detail.source_label == "第3次联席会议（2026-01-05）第2项议定事项"
    _other_meeting, other_decision = add_decision(db, world.two)
    errors = _refused(db, world, source_decision_id=other_decision)
    assert errors == {"source_decision_id": "所选议定事项不是本联盟会议的议定事项"}
    errors = _refused(db, world, source_decision_id=424242)
    assert errors == {"source_decision_id": "所选议定事项不存在，可能已被删除"}
