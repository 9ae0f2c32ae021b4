"""The member-reporting state machine (在职党员报到状态).

::

    expected (应报到) ──► reported (已报到) ──► receipt_sent (回执已送单位)
        │                    │                       │
        └────────────────────┴───────────────────────┴──► 调离 / 退休 / 转出

Side exits keep the member's history (they are final, a reason is required); nothing goes backwards.
"""

from __future__ import annotations

from enum import StrEnum

from alliance_desk.core.errors import DomainError


class MemberState(StrEnum):
    EXPECTED = "expected"
    REPORTED = "reported"
    RECEIPT_SENT = "receipt_sent"
    MOVED = "moved"
    RETIRED = "retired"
    TRANSFERRED = "transferred"


STATE_LABELS: dict[MemberState, str] = {
    MemberState.EXPECTED: "应报到",
    MemberState.REPORTED: "已报到",
    MemberState.RECEIPT_SENT: "回执已送单位",
    MemberState.MOVED: "调离",
    MemberState.RETIRED: "退休",
    MemberState.TRANSFERRED: "转出",
}

SIDE_EXITS: frozenset[MemberState] = frozenset(
    {MemberState.MOVED, MemberState.RETIRED, MemberState.TRANSFERRED}
)
#: States counted as 已报到 in 报到率.
REPORTED_STATES: frozenset[MemberState] = frozenset(
    {MemberState.REPORTED, MemberState.RECEIPT_SENT}
)
#: States still counted in 应报到 (a member who left no longer owes a report).
EXPECTED_STATES: frozenset[MemberState] = frozenset(
    {MemberState.EXPECTED, MemberState.REPORTED, MemberState.RECEIPT_SENT}
)

TRANSITIONS: dict[MemberState, frozenset[MemberState]] = {
    MemberState.EXPECTED: frozenset({MemberState.REPORTED}) | SIDE_EXITS,
    MemberState.REPORTED: frozenset({MemberState.RECEIPT_SENT}) | SIDE_EXITS,
    MemberState.RECEIPT_SENT: SIDE_EXITS,
    MemberState.MOVED: frozenset(),
    MemberState.RETIRED: frozenset(),
    MemberState.TRANSFERRED: frozenset(),
}


def check_transition(current: MemberState, target: MemberState, reason: str = "") -> None:
    """Raise ``DomainError`` unless ``current → target`` is legal (side exits need a reason)."""
    if target not in TRANSITIONS[current]:
        raise DomainError(
            f"状态为“{STATE_LABELS[current]}”的党员不能改为“{STATE_LABELS[target]}”。",
            field="state",
        )
    if target in SIDE_EXITS and not reason.strip():
        raise DomainError(f"改为“{STATE_LABELS[target]}”需填写原因。", field="reason")
