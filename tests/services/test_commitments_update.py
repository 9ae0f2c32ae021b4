"""update_commitment: what a clerk may correct in each state, and every refusal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from test_commitments_support import DUE, MADE, World, make, world

from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError, ValidationError
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState
from alliance_desk.services import Database
from alliance_desk.services.alliances import end_membership, get_alliance
from alliance_desk.services.commitments import (
    CommitmentDetail,
    add_progress,
    get_commitment,
    transition,
    update_commitment,
)
from alliance_desk.services.commitments.update import can_edit, locked_fields
from alliance_desk.services.units import get_unit, set_unit_active
from alliance_desk.storage.models import AuditEntry

__all__ = ["world"]

S = CommitmentState
AGREED = "认领后承诺方、受诺方和方向已由双方认定，不能再修改"


def _edit(db: Database, detail: CommitmentDetail, **changes: Any) -> CommitmentDetail:
    """``detail`` saved again with ``changes`` (every other field as it stands)."""
    values: dict[str, Any] = {
        "content": detail.content,
        "category": detail.category,
        "promisor_unit_id": detail.promisor_unit_id,
        "promisee_unit_id": detail.promisee_unit_id,
        "direction": detail.direction,
        "made_on": detail.made_on,
        "due_on": detail.due_on,
        "expected_version": detail.version,
    }
    values.update(changes)
    return update_commitment(db, detail.id, **values)


def _refused(db: Database, detail: CommitmentDetail, **changes: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        _edit(db, detail, **changes)
    after = get_commitment(db, detail.id)
    assert (after.version, after.content, after.due_on) == (
        detail.version,
        detail.content,
        detail.due_on,
    )  # nothing was saved
    return caught.value.errors


def _move(db: Database, detail: CommitmentDetail, *states: S) -> CommitmentDetail:
    for state in states:
        reason = "不再需要" if state is S.CANCELLED else ""
        detail = transition(
            db,
            detail.id,
            state,
            on=date(2026, 2, 1),
            reason=reason,
            expected_version=detail.version,
        )
    return detail


def _steps_to(state: S) -> tuple[S, ...]:
    return (S.ACCEPTED,) if state is S.ACCEPTED else (S.ACCEPTED, state)


def test_a_proposed_commitment_can_change_everything(db: Database, world: World) -> None:
    detail = make(db, world)
    saved = _edit(
        db,
        detail,
        content="  每周组织志愿者到社区开展助老服务  ",
        category=" 助老 ",
        promisor_unit_id=world.community_a,
        promisee_unit_id=world.firm,
        direction=CommitmentDirection.COMMUNITY_TO_UNIT,
        made_on=date(2026, 1, 8),
        due_on=date(2026, 6, 30),
    )
    assert (saved.content, saved.category) == ("每周组织志愿者到社区开展助老服务", "助老")
    assert (saved.promisor_name, saved.promisee_name) == ("社区甲", "兴业公司")
    assert saved.direction is CommitmentDirection.COMMUNITY_TO_UNIT
    assert (saved.made_on, saved.due_on) == (date(2026, 1, 8), date(2026, 6, 30))
    assert saved.state is S.PROPOSED and saved.version == detail.version + 1
    assert get_commitment(db, detail.id) == saved
    # A correction is not a state change: the history still shows only the creation.
    assert [(h.from_state, h.to_state) for h in saved.history] == [(None, S.PROPOSED)]


def test_the_correction_is_audited_with_old_and_new_values(db: Database, world: World) -> None:
    detail = make(db, world)
    _edit(db, detail, content="提供活动场地", category="场地")
    with db.reading() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "commitment", AuditEntry.entity_id == detail.id)
            .order_by(AuditEntry.id)
        ).all()
        rows = [(e.action.value, e.actor, e.before, e.after) for e in entries]
    assert rows[-1] == (
        "update",
        "测试员",
        {"content": "每月组织志愿者到社区开展助老服务", "category": "志愿服务"},
        {"content": "提供活动场地", "category": "场地"},
    )


def test_saving_without_changes_keeps_the_version(db: Database, world: World) -> None:
    detail = make(db, world)
    assert _edit(db, detail, content=f" {detail.content}\n").version == detail.version


@pytest.mark.parametrize("state", [S.ACCEPTED, S.IN_PROGRESS])
def test_after_acceptance_content_category_and_made_day_still_change(
    db: Database, world: World, state: S
) -> None:
    detail = _move(db, make(db, world), *_steps_to(state))
    saved = _edit(db, detail, content="修缮凉亭", category="", made_on=date(2026, 1, 2))
    assert (saved.content, saved.category, saved.made_on) == ("修缮凉亭", "", date(2026, 1, 2))
    assert saved.state is state


@pytest.mark.parametrize("state", [S.ACCEPTED, S.IN_PROGRESS])
def test_after_acceptance_parties_direction_and_due_day_are_refused(
    db: Database, world: World, state: S
) -> None:
    detail = _move(db, make(db, world), *_steps_to(state))
    label = state.label
    errors = _refused(db, detail, promisor_unit_id=world.firm, content="改了内容")
    assert errors == {"promisor_unit_id": f"该承诺处于“{label}”状态：{AGREED}。"}
    errors = _refused(db, detail, promisee_unit_id=world.community_b)
    assert list(errors) == ["promisee_unit_id"] and AGREED in errors["promisee_unit_id"]
    errors = _refused(
        db,
        detail,
        promisor_unit_id=world.community_a,
        promisee_unit_id=world.bureau,
        direction=CommitmentDirection.COMMUNITY_TO_UNIT,
    )
    assert set(errors) == {"promisor_unit_id", "promisee_unit_id", "direction"}
    assert all(AGREED in message for message in errors.values())
    errors = _refused(db, detail, due_on=date(2026, 6, 30))
    assert errors == {
        "due_on": f"该承诺处于“{label}”状态：认领后不能在此修改到期日期，"
        "请使用“延期”并填写原因（会记入进度记录）。"
    }


@pytest.mark.parametrize("state", [S.FULFILLED, S.CANCELLED])
def test_final_commitments_are_history(db: Database, world: World, state: S) -> None:
    detail = _move(db, make(db, world), S.ACCEPTED, state)
    with pytest.raises(DomainError) as caught:
        _edit(db, detail, content="事后改内容")
    assert caught.value.message == f"“{state.label}”的承诺已成为历史记录，不能再修改。"
    assert caught.value.field == "state"
    assert get_commitment(db, detail.id).content == detail.content
    with pytest.raises(DomainError):
        _edit(db, detail)  # not even an unchanged save


def test_locked_fields_per_state() -> None:
    assert locked_fields(S.PROPOSED) == {}
    assert set(locked_fields(S.ACCEPTED)) == {
        "promisor_unit_id",
        "promisee_unit_id",
        "direction",
        "due_on",
    }
    assert len(locked_fields(S.CANCELLED)) == 7
    assert [can_edit(s) for s in S] == [True, True, True, False, False]


def test_create_rules_apply_to_a_correction(db: Database, world: World) -> None:
    detail = make(db, world)
    errors = _refused(db, detail, content=" ", category="长" * 51, due_on=date(2026, 1, 4))
    assert errors == {
        "content": "承诺内容不能为空",
        "category": "承诺类别不能超过 50 个字",
        "due_on": "到期日期不能早于承诺日期",
    }
    assert _refused(db, detail, content="长" * 2001) == {"content": "承诺内容不能超过 2000 个字"}
    errors = _refused(db, detail, promisee_unit_id=world.bureau)
    assert errors["promisee_unit_id"] == "承诺方与受诺方不能是同一单位"
    assert _refused(db, detail, promisor_unit_id=world.outsider) == {
        "promisor_unit_id": "承诺方“外来单位”在 2026-01-05（承诺日期）不是“一联盟”的成员："
        "该单位未加入本联盟"
    }
    assert _refused(db, detail, promisee_unit_id=world.firm) == {
        "direction": "“单位→社区”的受诺方须是社区，“兴业公司”是非公企业"
    }
    assert _refused(db, detail, direction=CommitmentDirection.COMMUNITY_TO_UNIT) == {
        "direction": "“社区→单位”的承诺方须是社区，“民政局”是机关"
    }
    assert _refused(db, detail, made_on=date(2019, 5, 1))["promisor_unit_id"].endswith(
        "该单位于 2020-01-01 才加入"
    )
    assert _edit(db, detail, due_on=MADE).due_on == MADE  # made_on == due_on is fine


def test_after_acceptance_the_made_day_stays_before_the_due_day(db: Database, world: World) -> None:
    detail = _move(db, make(db, world), S.ACCEPTED)
    errors = _refused(db, detail, made_on=date(2026, 4, 1))
    assert errors == {"made_on": f"承诺日期不能晚于到期日期（{DUE:%Y-%m-%d}）"}
    assert _edit(db, detail, made_on=DUE).made_on == DUE


def test_the_made_day_stays_before_the_first_progress_update(db: Database, world: World) -> None:
    detail = _move(db, make(db, world), S.ACCEPTED)
    detail = add_progress(
        db,
        detail.id,
        recorded_on=date(2026, 2, 10),
        note="已上门服务",
        percent=30,
        expected_version=detail.version,
    )
    errors = _refused(db, detail, made_on=date(2026, 2, 11))
    assert errors == {"made_on": "承诺日期不能晚于第一条进度记录的日期（2026-02-10）"}
    assert _edit(db, detail, made_on=date(2026, 2, 10)).made_on == date(2026, 2, 10)


def test_a_party_deactivated_since_does_not_block_a_typo_fix(db: Database, world: World) -> None:
    detail = make(db, world)
    unit = get_unit(db, world.bureau).unit
    set_unit_active(db, world.bureau, False, expected_version=unit.version)
    assert _edit(db, detail, content="更正后的内容").content == "更正后的内容"
    # Choosing the deactivated unit as a new party is still refused.
    fresh = make(db, world, promisor_unit_id=world.firm)
    assert _refused(db, fresh, promisor_unit_id=world.bureau) == {
        "promisor_unit_id": "承诺方“民政局”已停用"
    }


def test_moving_the_made_day_checks_membership_of_kept_parties(db: Database, world: World) -> None:
    seat = next(m for m in get_alliance(db, world.one).members if m.unit_id == world.firm)
    detail = make(db, world, promisor_unit_id=world.firm, made_on=date(2025, 6, 1))
    end_membership(db, seat.membership_id, date(2025, 6, 30), expected_version=seat.version)
    assert _edit(db, detail, content="改个字").content == "改个字"  # made day kept
    errors = _refused(db, get_commitment(db, detail.id), made_on=date(2025, 7, 1))
    assert errors["promisor_unit_id"].endswith("该单位已于 2025-06-30 退出")


def test_stale_version_is_a_conflict_and_nothing_is_saved(db: Database, world: World) -> None:
    detail = make(db, world)
    _edit(db, detail, content="甲的修改")
    with pytest.raises(ConflictError) as caught:
        _edit(db, detail, content="乙的修改")
    assert caught.value.message.startswith("承诺“甲的修改”已被他人修改")
    assert get_commitment(db, detail.id).content == "甲的修改"


def test_a_deleted_commitment_is_not_found(db: Database, world: World) -> None:
    detail = make(db, world)
    with pytest.raises(NotFoundError):
        update_commitment(
            db,
            detail.id + 1000,
            expected_version=1,
            content="x",
            category="",
            promisor_unit_id=world.bureau,
            promisee_unit_id=world.community_a,
            direction=CommitmentDirection.UNIT_TO_COMMUNITY,
            made_on=MADE,
            due_on=DUE,
        )
