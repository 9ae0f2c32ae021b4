"""The commitment state machine (承诺状态): the one place that says which change is legal.

::

    proposed ──► accepted ──► in_progress ──► fulfilled
       │            │  └──────────────────────►  ▲
       └────────────┴──────────┴──► cancelled (reason required)

- 已提出 → 已认领: the promisee (or the meeting) accepts the promise.
- 已认领 → 推进中: work has started; recording a progress update does this by itself.
- 已认领 / 推进中 → 已履诺: a one-off promise (a venue lent on one day) may be kept
  without any progress update, so 已认领 may go straight to 已履诺; 已提出 may not.
- any open state → 已取消, with a reason.
- 已履诺 and 已取消 are final; nothing goes backwards; staying put is not a change.

"Overdue" (逾期) is not a state: see ``dates.is_overdue``.
"""

from __future__ import annotations

from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import CommitmentState

PROPOSED = CommitmentState.PROPOSED
ACCEPTED = CommitmentState.ACCEPTED
IN_PROGRESS = CommitmentState.IN_PROGRESS
FULFILLED = CommitmentState.FULFILLED
CANCELLED = CommitmentState.CANCELLED

#: States in which a commitment is still owed (and so can become overdue).
OPEN_STATES: frozenset[CommitmentState] = frozenset({PROPOSED, ACCEPTED, IN_PROGRESS})
#: States nothing leaves.
FINAL_STATES: frozenset[CommitmentState] = frozenset({FULFILLED, CANCELLED})

#: The life-cycle order, for sorting and for the counts above the list.
STATE_ORDER: tuple[CommitmentState, ...] = (PROPOSED, ACCEPTED, IN_PROGRESS, FULFILLED, CANCELLED)

TRANSITIONS: dict[CommitmentState, frozenset[CommitmentState]] = {
    PROPOSED: frozenset({ACCEPTED, CANCELLED}),
    ACCEPTED: frozenset({IN_PROGRESS, FULFILLED, CANCELLED}),
    IN_PROGRESS: frozenset({FULFILLED, CANCELLED}),
    FULFILLED: frozenset(),
    CANCELLED: frozenset(),
}


def is_open(state: CommitmentState) -> bool:
    return state in OPEN_STATES


def shown_percent(state: CommitmentState, latest: int | None) -> int | None:
    """The progress a clerk sees: a fulfilled commitment shows 100% whatever its last
    progress line said; otherwise the latest recorded percentage (None before any)."""
    if CommitmentState(state) is FULFILLED:
        return 100
    return latest


def offers_fulfilment(state: CommitmentState, percent: int) -> bool:
    """Whether recording ``percent`` should offer to mark the commitment 已履诺."""
    return percent >= 100 and can_transition(state, FULFILLED)


def can_transition(current: CommitmentState, target: CommitmentState) -> bool:
    return target in TRANSITIONS[CommitmentState(current)]


def allowed_targets(current: CommitmentState) -> tuple[CommitmentState, ...]:
    """The states ``current`` may move to, in life-cycle order (for menus and buttons)."""
    targets = TRANSITIONS[CommitmentState(current)]
    return tuple(s for s in STATE_ORDER if s in targets)


def transition_error(
    current: CommitmentState, target: CommitmentState, *, reason: str = ""
) -> str | None:
    """Why ``current → target`` is refused (a sentence naming both states), or None."""
    current, target = CommitmentState(current), CommitmentState(target)
    refusal = f"不能从“{current.label}”改为“{target.label}”"
    if current == target:
        return f"{refusal}：承诺已经是“{current.label}”状态。"
    if current in FINAL_STATES:
        return f"{refusal}：“{current.label}”的承诺不能再更改状态。"
    if not can_transition(current, target):
        if target is FULFILLED:
            return f"{refusal}：承诺须先认领，才能标记为已履诺。"
        return f"{refusal}：承诺状态只能按“已提出→已认领→推进中→已履诺”向前推进。"
    if target is CANCELLED and not reason.strip():
        return "取消承诺须填写原因。"
    return None


def check_transition(
    current: CommitmentState, target: CommitmentState, *, reason: str = ""
) -> None:
    """Raise ``DomainError`` (field ``reason`` or ``state``) unless the change is legal."""
    message = transition_error(current, target, reason=reason)
    if message is not None:
        field = "reason" if message.startswith("取消") else "state"
        raise DomainError(message, field=field)
