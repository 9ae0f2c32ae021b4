"""The meeting state machine: every transition from every state, legal or refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from alliance_desk.core.errors import DomainError
from alliance_desk.core.meetings import (
    EDITABLE_IN,
    TRANSITIONS,
    MeetingEdit,
    MeetingFacts,
    MeetingStep,
    check_step,
    edit_refusal,
    refusals,
    require_edit,
    steps_from,
)
from alliance_desk.core.vocab import MeetingState

D, N, H, A = MeetingState.DRAFT, MeetingState.NOTIFIED, MeetingState.HELD, MeetingState.APPROVED
AT = datetime(2026, 11, 20, 9, 0)

# Facts that satisfy every precondition, whatever the step.
GOOD = dict(
    agenda_items=2,
    place="社区党群服务中心",
    starts_at=AT,
    today=date(2026, 11, 20),
    minutes_summary="会议听取了通报。",
)
LEGAL = {
    (MeetingStep.NOTIFY, D): N,
    (MeetingStep.HOLD, N): H,
    (MeetingStep.APPROVE, H): A,
    (MeetingStep.REOPEN, A): H,
    (MeetingStep.WITHDRAW, N): D,
}


@pytest.mark.parametrize("step", list(MeetingStep))
@pytest.mark.parametrize("state", list(MeetingState))
def test_every_step_from_every_state(step: MeetingStep, state: MeetingState) -> None:
    facts = MeetingFacts(state, **GOOD)  # type: ignore[arg-type]
    if (step, state) in LEGAL:
        assert refusals(step, facts, reason="理由") == []
        assert check_step(step, facts, reason="理由") is LEGAL[(step, state)]
    else:
        problems = refusals(step, facts, reason="理由")
        assert len(problems) == 1 and problems[0]
        with pytest.raises(DomainError) as refused:
            check_step(step, facts, reason="理由")
        assert refused.value.message == problems[0]


def test_the_transition_table_is_the_documented_graph() -> None:
    assert {(t.step, t.source): t.target for t in TRANSITIONS.values()} == LEGAL
    assert [t.step for t in TRANSITIONS.values() if t.needs_reason] == [
        MeetingStep.REOPEN,
        MeetingStep.WITHDRAW,
    ]
    assert steps_from(D) == (MeetingStep.NOTIFY,)
    assert steps_from(N) == (MeetingStep.HOLD, MeetingStep.WITHDRAW)
    assert steps_from(H) == (MeetingStep.APPROVE,)
    assert steps_from(A) == (MeetingStep.REOPEN,)


def test_notify_needs_an_agenda_item_a_place_and_a_time() -> None:
    facts = MeetingFacts(D, agenda_items=0, place="  ", starts_at=None)
    assert refusals(MeetingStep.NOTIFY, facts) == [
        "请至少安排一项议题。",
        "请填写会议地点。",
        "请填写会议时间。",
    ]
    with pytest.raises(DomainError, match="请至少安排一项议题。请填写会议地点。"):
        check_step(MeetingStep.NOTIFY, facts)
    ok = MeetingFacts(D, agenda_items=1, place="会议室", starts_at=AT)
    assert check_step(MeetingStep.NOTIFY, ok) is N


def test_hold_needs_every_member_recorded_and_the_day_come() -> None:
    facts = MeetingFacts(
        N, starts_at=AT, today=date(2026, 11, 20), members_without_attendance=("甲单位", "乙社区")
    )
    assert refusals(MeetingStep.HOLD, facts) == ["以下成员单位尚未登记出席情况：甲单位、乙社区。"]
    early = MeetingFacts(N, starts_at=AT, today=date(2026, 11, 19))
    assert refusals(MeetingStep.HOLD, early) == ["会议定于 2026-11-20，尚未到召开日期。"]
    many = MeetingFacts(N, members_without_attendance=tuple(f"单位{i}" for i in range(12)))
    assert "等 12 个单位" in refusals(MeetingStep.HOLD, many)[0]
    assert check_step(MeetingStep.HOLD, MeetingFacts(N, starts_at=AT, today=AT.date())) is H


def test_approve_needs_a_summary_and_no_blank_decision() -> None:
    assert refusals(MeetingStep.APPROVE, MeetingFacts(H, minutes_summary=" \n")) == [
        "请先填写纪要概述。"
    ]
    blank = MeetingFacts(H, minutes_summary="概述", blank_decisions=(2, 3))
    assert refusals(MeetingStep.APPROVE, blank) == ["第 2、3 项议定事项内容为空，请填写或删除。"]
    assert check_step(MeetingStep.APPROVE, MeetingFacts(H, minutes_summary="概述")) is A


@pytest.mark.parametrize(("step", "state"), [(MeetingStep.REOPEN, A), (MeetingStep.WITHDRAW, N)])
def test_going_back_needs_a_reason(step: MeetingStep, state: MeetingState) -> None:
    with pytest.raises(DomainError, match="须填写原因") as refused:
        check_step(step, MeetingFacts(state), reason="  ")
    assert refused.value.field == "reason"
    assert check_step(step, MeetingFacts(state), reason="纪要有误") is LEGAL[(step, state)]


def test_wrong_state_refusals_say_what_to_do() -> None:
    assert refusals(MeetingStep.HOLD, MeetingFacts(D)) == ["会议尚未发出通知，请先发出通知。"]
    assert refusals(MeetingStep.REOPEN, MeetingFacts(H)) == [
        "纪要尚未审定，可直接编辑，无需重新打开。"
    ]
    with pytest.raises(DomainError) as refused:
        check_step(MeetingStep.WITHDRAW, MeetingFacts(H), reason="")
    assert refused.value.message == "会议已召开，不能撤回通知。"
    assert refused.value.field is None


@pytest.mark.parametrize("edit", list(MeetingEdit))
@pytest.mark.parametrize("state", list(MeetingState))
def test_edits_by_state(edit: MeetingEdit, state: MeetingState) -> None:
    allowed = state in EDITABLE_IN[edit]
    assert (edit_refusal(state, edit) is None) is allowed
    if allowed:
        require_edit(state, edit)
    else:
        with pytest.raises(DomainError):
            require_edit(state, edit)


def test_agenda_is_frozen_once_notified_and_minutes_locked_once_approved() -> None:
    assert edit_refusal(N, MeetingEdit.AGENDA) == (
        "会议通知已发出，议程已冻结；如需修改，请先撤回通知。"
    )
    assert edit_refusal(A, MeetingEdit.MINUTES) == "纪要已审定并锁定；如需修改，请先重新打开纪要。"
    assert edit_refusal(H, MeetingEdit.AGENDA) == "会议已召开，不能修改议程。"
    assert edit_refusal(A, MeetingEdit.COMMITMENTS) is None
