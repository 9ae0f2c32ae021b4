"""A commitment's life: accept, progress, fulfil (late), cancel, extend, rate, history."""

from __future__ import annotations

from datetime import date

import pytest
from test_commitments_support import DUE, MADE, World, make, world

from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError
from alliance_desk.core.vocab import CommitmentState as S
from alliance_desk.core.vocab import Rating
from alliance_desk.services import Database
from alliance_desk.services.commitments import (
    CommitmentDetail,
    add_progress,
    extend_due,
    get_commitment,
    rate,
    transition,
    transition_many,
)

__all__ = ["world"]


def _move(db: Database, detail: CommitmentDetail, state: S, **kw: object) -> CommitmentDetail:
    on = kw.pop("on", MADE)
    return transition(db, detail.id, state, on=on, expected_version=detail.version, **kw)  # type: ignore[arg-type]


def _fulfilled(db: Database, world: World, on: date = date(2026, 3, 20)) -> CommitmentDetail:
    detail = _move(db, make(db, world), S.ACCEPTED)
    return _move(db, detail, S.FULFILLED, on=on)


def test_full_life_cycle_to_fulfilled_late(db: Database, world: World) -> None:
    detail = _move(db, make(db, world), S.ACCEPTED)
    assert detail.state is S.ACCEPTED
    detail = add_progress(
        db, detail.id, recorded_on=date(2026, 2, 1), note="已招募志愿者 12 名", percent=40
    )
    assert detail.state is S.IN_PROGRESS  # the first update starts the work
    detail = add_progress(
        db,
        detail.id,
        recorded_on=date(2026, 3, 30),
        note="完成 10 次上门服务",
        percent=100,
        evidence_note="服务签到表",
        expected_version=detail.version,
    )
    assert detail.state is S.IN_PROGRESS  # 100 % does not fulfil by itself
    assert [(p.percent, p.evidence_note) for p in detail.progress] == [
        (40, ""),
        (100, "服务签到表"),
    ]
    assert detail.percent == 100
    detail = _move(db, detail, S.FULFILLED, on=date(2026, 4, 3))
    assert detail.state is S.FULFILLED
    assert detail.fulfilled_on == date(2026, 4, 3)
    assert detail.late and not detail.overdue
    history = get_commitment(db, detail.id).history
    assert [(h.from_state, h.to_state) for h in history] == [
        (None, S.PROPOSED),
        (S.PROPOSED, S.ACCEPTED),
        (S.ACCEPTED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.FULFILLED),
    ]
    assert history[-1].fulfilled_on == date(2026, 4, 3)
    assert all(h.actor == "测试员" and h.at.tzinfo is not None for h in history)


def test_fulfilled_on_the_due_day_is_on_time(db: Database, world: World) -> None:
    detail = _fulfilled(db, world, on=DUE)
    assert not detail.late


def test_cannot_fulfil_before_it_was_made_or_skip_acceptance(db: Database, world: World) -> None:
    detail = make(db, world)
    with pytest.raises(DomainError, match="不能从“已提出”改为“已履诺”"):
        _move(db, detail, S.FULFILLED)
    detail = _move(db, detail, S.ACCEPTED)
    with pytest.raises(DomainError, match="履诺日期不能早于承诺日期"):
        _move(db, detail, S.FULFILLED, on=date(2026, 1, 1))


def test_illegal_transition_is_refused_and_nothing_changes(db: Database, world: World) -> None:
    detail = _fulfilled(db, world)
    with pytest.raises(DomainError, match="不能从“已履诺”改为“推进中”"):
        _move(db, detail, S.IN_PROGRESS)
    assert get_commitment(db, detail.id).version == detail.version


def test_cancel_needs_a_reason_which_is_kept(db: Database, world: World) -> None:
    detail = make(db, world)
    with pytest.raises(DomainError, match="取消承诺须填写原因") as caught:
        _move(db, detail, S.CANCELLED, reason="  ")
    assert caught.value.field == "reason"
    detail = _move(db, detail, S.CANCELLED, reason="活动场地已拆迁")
    assert (detail.state, detail.cancel_reason) == (S.CANCELLED, "活动场地已拆迁")
    assert detail.history[-1].reason == "活动场地已拆迁"
    assert not get_commitment(db, detail.id, today=date(2027, 1, 1)).overdue


def test_stale_version_is_a_conflict(db: Database, world: World) -> None:
    detail = make(db, world)
    _move(db, detail, S.ACCEPTED)
    with pytest.raises(ConflictError):
        _move(db, detail, S.CANCELLED, reason="重复录入")
    with pytest.raises(ConflictError):
        add_progress(
            db,
            detail.id,
            recorded_on=MADE,
            note="x",
            percent=10,
            expected_version=detail.version,
        )
    with pytest.raises(NotFoundError):
        get_commitment(db, 987654)


def test_progress_rules(db: Database, world: World) -> None:
    detail = make(db, world)
    with pytest.raises(DomainError, match="“已提出”的承诺不能登记进展。请先标记为已认领"):
        add_progress(db, detail.id, recorded_on=MADE, note="开始", percent=10)
    detail = _move(db, detail, S.ACCEPTED)
    for percent in (-1, 101, 50.5, True):
        with pytest.raises(DomainError, match="0 到 100") as caught:
            add_progress(db, detail.id, recorded_on=MADE, note="x", percent=percent)  # type: ignore[arg-type]
        assert caught.value.field == "percent"
    with pytest.raises(DomainError, match="进展情况不能为空"):
        add_progress(db, detail.id, recorded_on=MADE, note=" ", percent=10)
    with pytest.raises(DomainError, match="进展日期不能早于承诺日期"):
        add_progress(db, detail.id, recorded_on=date(2025, 12, 31), note="x", percent=10)
    add_progress(db, detail.id, recorded_on=date(2026, 2, 1), note="过半", percent=60)
    with pytest.raises(DomainError, match="完成进度不能低于上一次登记的 60%"):
        add_progress(db, detail.id, recorded_on=date(2026, 2, 2), note="x", percent=59)
    with pytest.raises(DomainError, match=r"进展日期不能早于上一次进展（2026-02-01）"):
        add_progress(db, detail.id, recorded_on=date(2026, 1, 31), note="x", percent=70)
    same = add_progress(db, detail.id, recorded_on=date(2026, 2, 1), note="补充说明", percent=60)
    assert [p.percent for p in same.progress] == [60, 60]
    fulfilled = _move(db, same, S.FULFILLED, on=date(2026, 2, 3))
    with pytest.raises(DomainError, match="“已履诺”的承诺不能登记进展"):
        add_progress(db, fulfilled.id, recorded_on=date(2026, 2, 4), note="x", percent=100)


def test_bulk_extend_is_all_or_nothing_and_keeps_the_reason(db: Database, world: World) -> None:
    first = make(db, world)
    second = _move(db, make(db, world, content="提供党员活动室"), S.ACCEPTED)
    second = add_progress(db, second.id, recorded_on=date(2026, 2, 1), note="已腾空", percent=30)
    done = _fulfilled(db, world)
    new_due = date(2026, 6, 30)
    with pytest.raises(DomainError, match="延期须填写原因"):
        extend_due(db, [first.id, second.id], new_due=new_due, reason=" ")
    with pytest.raises(DomainError, match=r"没有延期任何承诺：.*已履诺"):
        extend_due(db, [first.id, second.id, done.id], new_due=new_due, reason="汛期")
    with pytest.raises(DomainError, match="不早于新日期"):
        extend_due(db, [first.id, second.id], new_due=date(2026, 3, 1), reason="汛期")
    with pytest.raises(NotFoundError):
        extend_due(db, [first.id, 555555], new_due=new_due, reason="汛期")
    with pytest.raises(ConflictError):
        extend_due(
            db,
            [first.id, second.id],
            new_due=new_due,
            reason="汛期",
            expected_versions={second.id: 1},
        )
    assert get_commitment(db, first.id).due_on == DUE  # nothing moved
    count = extend_due(
        db,
        [first.id, second.id, first.id],
        new_due=new_due,
        reason="汛期施工",
        on=date(2026, 3, 25),
    )
    assert count == 2
    first_now, second_now = get_commitment(db, first.id), get_commitment(db, second.id)
    assert first_now.due_on == second_now.due_on == new_due
    assert second_now.state is S.IN_PROGRESS
    line = second_now.progress[-1]
    assert (line.recorded_on, line.percent) == (date(2026, 3, 25), 30)
    assert line.note == "到期日期由 2026-03-31 延至 2026-06-30。原因：汛期施工"
    assert first_now.progress[-1].percent == 0


def test_bulk_accept_is_all_or_nothing(db: Database, world: World) -> None:
    first, second = make(db, world), make(db, world, content="捐赠图书 500 册")
    accepted = _move(db, make(db, world, content="开放食堂"), S.ACCEPTED)
    with pytest.raises(
        DomainError, match="没有更改任何承诺：承诺“开放食堂”——不能从“已认领”改为“已认领”"
    ):
        transition_many(db, [first.id, second.id, accepted.id], S.ACCEPTED, on=MADE)
    assert get_commitment(db, first.id).state is S.PROPOSED
    assert transition_many(db, [first.id, second.id], S.ACCEPTED, on=MADE) == 2
    assert get_commitment(db, second.id).state is S.ACCEPTED


def test_rating_rules_and_both_ratings_side_by_side(db: Database, world: World) -> None:
    detail = make(db, world)
    kw = {"comment": "很好", "rated_on": date(2026, 3, 21)}
    with pytest.raises(DomainError, match="承诺履诺后才能评价，该承诺现为“已提出”"):
        rate(db, detail.id, rater_unit_id=world.community_a, rating=Rating.SATISFIED, **kw)  # type: ignore[arg-type]
    detail = _move(db, _move(db, detail, S.ACCEPTED), S.FULFILLED, on=date(2026, 3, 20))
    with pytest.raises(DomainError, match="只有承诺方或受诺方可以评价"):
        rate(db, detail.id, rater_unit_id=world.firm, rating=Rating.SATISFIED, **kw)  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="评价日期不能早于履诺日期"):
        rate(
            db,
            detail.id,
            rater_unit_id=world.community_a,
            rating=Rating.SATISFIED,
            comment="",
            rated_on=date(2026, 3, 19),
        )
    with pytest.raises(DomainError, match="请选择评价"):
        rate(db, detail.id, rater_unit_id=world.community_a, rating="great", **kw)  # type: ignore[arg-type]
    rated = rate(
        db,
        detail.id,
        rater_unit_id=world.community_a,
        rating=Rating.BASICALLY_SATISFIED,
        **kw,  # type: ignore[arg-type]
    )
    by_promisee = rated.rating_by_promisee
    assert by_promisee is not None and rated.rating_by_promisor is None
    assert (by_promisee.rater_name, by_promisee.ratee_name) == ("社区甲", "民政局")
    assert (by_promisee.rating, by_promisee.score) == (Rating.BASICALLY_SATISFIED, 80)
    rated = rate(
        db,
        detail.id,
        rater_unit_id=world.bureau,
        rating=Rating.SATISFIED,
        comment="社区配合积极",
        rated_on=date(2026, 3, 22),
    )
    assert rated.rating_by_promisor is not None
    assert rated.rating_by_promisor.ratee_name == "社区甲"
    # The same side again replaces its rating; a stale edit is a conflict.
    again = rate(
        db,
        detail.id,
        rater_unit_id=world.community_a,
        rating=Rating.UNSATISFIED,
        comment="服务次数不足",
        rated_on=date(2026, 3, 25),
        expected_version=by_promisee.version,
    )
    assert again.rating_by_promisee is not None
    assert (again.rating_by_promisee.id, again.rating_by_promisee.score) == (by_promisee.id, 40)
    assert again.rating_by_promisee.comment == "服务次数不足"
    with pytest.raises(ConflictError):
        rate(
            db,
            detail.id,
            rater_unit_id=world.community_a,
            rating=Rating.SATISFIED,
            comment="",
            rated_on=date(2026, 3, 26),
            expected_version=by_promisee.version,
        )
    # A clerk who saw no rating cannot silently replace one saved meanwhile.
    with pytest.raises(ConflictError):
        rate(
            db,
            detail.id,
            rater_unit_id=world.community_a,
            rating=Rating.SATISFIED,
            comment="",
            rated_on=date(2026, 3, 26),
        )
    kept = get_commitment(db, detail.id).rating_by_promisee
    assert kept is not None and kept.comment == "服务次数不足"
