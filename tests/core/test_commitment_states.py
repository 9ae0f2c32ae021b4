"""The commitment state machine (every pair of states, legal or refused) and the
direction rule."""

from __future__ import annotations

import itertools

import pytest

from alliance_desk.core.commitments import (
    FINAL_STATES,
    OPEN_STATES,
    allowed_targets,
    can_transition,
    check_transition,
    derive_direction,
    direction_error,
    offers_fulfilment,
    shown_percent,
    transition_error,
)
from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import CommitmentDirection, UnitCategory
from alliance_desk.core.vocab import CommitmentState as S

LEGAL = {
    (S.PROPOSED, S.ACCEPTED),
    (S.PROPOSED, S.CANCELLED),
    (S.ACCEPTED, S.IN_PROGRESS),
    (S.ACCEPTED, S.FULFILLED),
    (S.ACCEPTED, S.CANCELLED),
    (S.IN_PROGRESS, S.FULFILLED),
    (S.IN_PROGRESS, S.CANCELLED),
}
ALL_PAIRS = list(itertools.product(S, S))


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_legal_transition_is_allowed(current: S, target: S) -> None:
    assert can_transition(current, target)
    assert transition_error(current, target, reason="单位撤销") is None
    check_transition(current, target, reason="单位撤销")


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if p not in LEGAL])
def test_illegal_transition_is_refused_naming_both_states(current: S, target: S) -> None:
    assert not can_transition(current, target)
    with pytest.raises(DomainError) as caught:
        check_transition(current, target, reason="任意原因")
    assert caught.value.message.startswith(f"不能从“{current.label}”改为“{target.label}”")
    assert caught.value.field == "state"


def test_the_message_a_clerk_reads() -> None:
    message = transition_error(S.FULFILLED, S.IN_PROGRESS)
    assert message == "不能从“已履诺”改为“推进中”：“已履诺”的承诺不能再更改状态。"
    assert "须先认领" in (transition_error(S.PROPOSED, S.FULFILLED) or "")
    assert "已经是" in (transition_error(S.ACCEPTED, S.ACCEPTED) or "")


@pytest.mark.parametrize("current", sorted(OPEN_STATES))
@pytest.mark.parametrize("reason", ["", "   ", "\u3000"])
def test_cancel_needs_a_reason(current: S, reason: str) -> None:
    with pytest.raises(DomainError, match="取消承诺须填写原因") as caught:
        check_transition(current, S.CANCELLED, reason=reason)
    assert caught.value.field == "reason"


def test_final_states_go_nowhere_and_open_states_can_always_be_cancelled() -> None:
    assert {s for s in S if not allowed_targets(s)} == FINAL_STATES
    assert all(S.CANCELLED in allowed_targets(s) for s in OPEN_STATES)
    assert allowed_targets(S.ACCEPTED) == (S.IN_PROGRESS, S.FULFILLED, S.CANCELLED)


def test_codes_are_accepted_for_states() -> None:
    assert can_transition("proposed", "accepted")  # type: ignore[arg-type]
    assert transition_error("fulfilled", "proposed") is not None  # type: ignore[arg-type]


def test_core_imports_neither_qt_nor_sqlalchemy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, alliance_desk.core.commitments\n"
        "bad = [m for m in ('sqlalchemy', 'PySide6') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("promisor", "promisee", "expected"),
    [
        (UnitCategory.GOVERNMENT, UnitCategory.COMMUNITY, CommitmentDirection.UNIT_TO_COMMUNITY),
        (UnitCategory.COMMUNITY, UnitCategory.INSTITUTION, CommitmentDirection.COMMUNITY_TO_UNIT),
        (UnitCategory.COMMUNITY, UnitCategory.COMMUNITY, None),
        (UnitCategory.GOVERNMENT, UnitCategory.STATE_ENTERPRISE, None),
    ],
)
def test_the_parties_decide_the_direction(
    promisor: UnitCategory, promisee: UnitCategory, expected: CommitmentDirection | None
) -> None:
    assert derive_direction(promisor, promisee) is expected
    names = {"promisor_name": "甲", "promisee_name": "乙"}
    for direction in CommitmentDirection:
        error = direction_error(direction, promisor, promisee, **names)
        assert (error is None) == (direction is expected)


def test_a_fulfilled_commitment_shows_full_progress() -> None:
    assert shown_percent(S.FULFILLED, 40) == 100
    assert shown_percent(S.FULFILLED, None) == 100
    assert shown_percent(S.IN_PROGRESS, 40) == 40
    assert shown_percent(S.CANCELLED, 60) == 60  # where the work stopped
    assert shown_percent(S.ACCEPTED, None) is None


def test_full_progress_offers_fulfilment_only_where_legal() -> None:
    assert offers_fulfilment(S.IN_PROGRESS, 100)
    assert offers_fulfilment(S.ACCEPTED, 100)
    assert not offers_fulfilment(S.IN_PROGRESS, 99)
    assert not offers_fulfilment(S.PROPOSED, 100)
    assert not offers_fulfilment(S.FULFILLED, 100)
    assert not offers_fulfilment(S.CANCELLED, 100)
