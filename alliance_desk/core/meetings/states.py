"""The life of a joint meeting: draft → notified → held → approved, and the way back.

Pure data and rules. The service gathers ``MeetingFacts`` from the database and asks
``check_step`` whether a step may be taken; every refusal is a sentence a clerk reads.

Forward steps have preconditions (``TRANSITIONS[step].preconditions``); the two backward
steps (reopening approved minutes, withdrawing a notice) need a reason instead. What may
be edited in which state is ``EDITABLE_IN``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import LabelledEnum, MeetingState

DRAFT, NOTIFIED, HELD, APPROVED = (
    MeetingState.DRAFT,
    MeetingState.NOTIFIED,
    MeetingState.HELD,
    MeetingState.APPROVED,
)


class MeetingStep(LabelledEnum):
    NOTIFY = "notify", "发出通知"
    HOLD = "hold", "登记召开"
    APPROVE = "approve", "审定纪要"
    REOPEN = "reopen", "重新打开纪要"
    WITHDRAW = "withdraw", "撤回通知"


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """What the rules look at; the service fills in what the step needs."""

    state: MeetingState
    agenda_items: int = 0
    place: str = ""
    starts_at: datetime | None = None
    today: date | None = None
    members_without_attendance: tuple[str, ...] = ()
    minutes_summary: str = ""
    blank_decisions: tuple[int, ...] = ()
    """Positions (1-based) of decisions whose text is empty."""


@dataclass(frozen=True, slots=True)
class Precondition:
    key: str
    holds: Callable[[MeetingFacts], bool]
    message: Callable[[MeetingFacts], str]


@dataclass(frozen=True, slots=True)
class Transition:
    step: MeetingStep
    source: MeetingState
    target: MeetingState
    preconditions: tuple[Precondition, ...] = ()
    needs_reason: bool = False

    @property
    def forward(self) -> bool:
        return not self.needs_reason


def _names(names: tuple[str, ...], limit: int = 10) -> str:
    shown = "、".join(names[:limit])
    return shown + (f"等 {len(names)} 个单位" if len(names) > limit else "")


def _not_in_future(facts: MeetingFacts) -> bool:
    if facts.starts_at is None or facts.today is None:
        return True
    return facts.starts_at.date() <= facts.today


NOTIFY_PRECONDITIONS = (
    Precondition("agenda", lambda f: f.agenda_items > 0, lambda f: "请至少安排一项议题。"),
    Precondition("place", lambda f: bool(f.place.strip()), lambda f: "请填写会议地点。"),
    Precondition("time", lambda f: f.starts_at is not None, lambda f: "请填写会议时间。"),
)
HOLD_PRECONDITIONS = (
    Precondition(
        "date",
        _not_in_future,
        lambda f: f"会议定于 {f.starts_at:%Y-%m-%d}，尚未到召开日期。",
    ),
    Precondition(
        "attendance",
        lambda f: not f.members_without_attendance,
        lambda f: f"以下成员单位尚未登记出席情况：{_names(f.members_without_attendance)}。",
    ),
)
APPROVE_PRECONDITIONS = (
    Precondition(
        "summary", lambda f: bool(f.minutes_summary.strip()), lambda f: "请先填写纪要概述。"
    ),
    Precondition(
        "decisions",
        lambda f: not f.blank_decisions,
        lambda f: (
            "第 "
            + "、".join(str(p) for p in f.blank_decisions)
            + " 项议定事项内容为空，请填写或删除。"
        ),
    ),
)

TRANSITIONS: dict[MeetingStep, Transition] = {
    MeetingStep.NOTIFY: Transition(MeetingStep.NOTIFY, DRAFT, NOTIFIED, NOTIFY_PRECONDITIONS),
    MeetingStep.HOLD: Transition(MeetingStep.HOLD, NOTIFIED, HELD, HOLD_PRECONDITIONS),
    MeetingStep.APPROVE: Transition(MeetingStep.APPROVE, HELD, APPROVED, APPROVE_PRECONDITIONS),
    MeetingStep.REOPEN: Transition(MeetingStep.REOPEN, APPROVED, HELD, needs_reason=True),
    MeetingStep.WITHDRAW: Transition(MeetingStep.WITHDRAW, NOTIFIED, DRAFT, needs_reason=True),
}

WRONG_STATE: dict[tuple[MeetingStep, MeetingState], str] = {
    (MeetingStep.NOTIFY, NOTIFIED): "会议通知已经发出。",
    (MeetingStep.NOTIFY, HELD): "会议已召开，不能再发通知。",
    (MeetingStep.NOTIFY, APPROVED): "会议已召开，纪要已审定，不能再发通知。",
    (MeetingStep.HOLD, DRAFT): "会议尚未发出通知，请先发出通知。",
    (MeetingStep.HOLD, HELD): "会议已登记为召开。",
    (MeetingStep.HOLD, APPROVED): "会议已召开，纪要已审定。",
    (MeetingStep.APPROVE, DRAFT): "会议尚未召开，不能审定纪要。",
    (MeetingStep.APPROVE, NOTIFIED): "会议尚未登记召开，不能审定纪要。",
    (MeetingStep.APPROVE, APPROVED): "纪要已经审定。",
    (MeetingStep.REOPEN, DRAFT): "会议尚未召开，没有可重新打开的纪要。",
    (MeetingStep.REOPEN, NOTIFIED): "会议尚未召开，没有可重新打开的纪要。",
    (MeetingStep.REOPEN, HELD): "纪要尚未审定，可直接编辑，无需重新打开。",
    (MeetingStep.WITHDRAW, DRAFT): "会议尚未发出通知，无需撤回。",
    (MeetingStep.WITHDRAW, HELD): "会议已召开，不能撤回通知。",
    (MeetingStep.WITHDRAW, APPROVED): "会议已召开，纪要已审定，不能撤回通知。",
}


def refusals(step: MeetingStep, facts: MeetingFacts, *, reason: str = "") -> list[str]:
    """Why ``step`` may not be taken now; empty when it may."""
    transition = TRANSITIONS[step]
    if facts.state is not transition.source:
        return [WRONG_STATE[(step, facts.state)]]
    if transition.needs_reason and not reason.strip():
        return [f"{step.label}须填写原因。"]
    return [p.message(facts) for p in transition.preconditions if not p.holds(facts)]


def check_step(step: MeetingStep, facts: MeetingFacts, *, reason: str = "") -> MeetingState:
    """The state after ``step``; ``DomainError`` naming every unmet condition otherwise."""
    transition = TRANSITIONS[step]
    problems = refusals(step, facts, reason=reason)
    if problems:
        missing_reason = transition.needs_reason and facts.state is transition.source
        raise DomainError("".join(problems), field="reason" if missing_reason else None)
    return transition.target


def steps_from(state: MeetingState) -> tuple[MeetingStep, ...]:
    """The steps whose source is ``state`` (forward first): the buttons a page offers."""
    found = [t for t in TRANSITIONS.values() if t.source is state]
    return tuple(t.step for t in sorted(found, key=lambda t: not t.forward))


# --- what may be edited when -------------------------------------------------------------
class MeetingEdit(LabelledEnum):
    DETAILS = "details", "修改会议时间、地点和主持单位"
    AGENDA = "agenda", "修改议程"
    ATTENDANCE = "attendance", "登记出席情况"
    MINUTES = "minutes", "编辑纪要"
    COMMITMENTS = "commitments", "由议定事项生成承诺"
    DELETE = "delete", "删除会议"


EDITABLE_IN: dict[MeetingEdit, frozenset[MeetingState]] = {
    MeetingEdit.DETAILS: frozenset({DRAFT}),
    MeetingEdit.AGENDA: frozenset({DRAFT}),
    MeetingEdit.ATTENDANCE: frozenset({NOTIFIED, HELD}),
    MeetingEdit.MINUTES: frozenset({HELD}),
    MeetingEdit.COMMITMENTS: frozenset({HELD, APPROVED}),
    MeetingEdit.DELETE: frozenset({DRAFT}),
}

_NOT_YET_HELD = "会议尚未登记召开，"
_FROZEN = "会议通知已发出，议程已冻结；如需修改，请先撤回通知。"
_LOCKED = "纪要已审定并锁定；如需修改，请先重新打开纪要。"

EDIT_REFUSALS: dict[tuple[MeetingEdit, MeetingState], str] = {
    (MeetingEdit.DETAILS, NOTIFIED): _FROZEN,
    (MeetingEdit.AGENDA, NOTIFIED): _FROZEN,
    (MeetingEdit.ATTENDANCE, DRAFT): "会议尚未发出通知，不能登记出席情况。",
    (MeetingEdit.ATTENDANCE, APPROVED): _LOCKED,
    (MeetingEdit.MINUTES, DRAFT): _NOT_YET_HELD + "不能编辑纪要。",
    (MeetingEdit.MINUTES, NOTIFIED): _NOT_YET_HELD + "不能编辑纪要；请先登记出席情况并登记召开。",
    (MeetingEdit.MINUTES, APPROVED): _LOCKED,
    (MeetingEdit.COMMITMENTS, DRAFT): _NOT_YET_HELD + "没有可生成承诺的议定事项。",
    (MeetingEdit.COMMITMENTS, NOTIFIED): _NOT_YET_HELD + "没有可生成承诺的议定事项。",
    (MeetingEdit.DELETE, NOTIFIED): "会议通知已发出，不能删除；如需取消，请先撤回通知。",
}


def edit_refusal(state: MeetingState, edit: MeetingEdit) -> str | None:
    """None when ``edit`` is allowed in ``state``; otherwise why not."""
    if state in EDITABLE_IN[edit]:
        return None
    return EDIT_REFUSALS.get((edit, state), f"会议{state.label}，不能{edit.label}。")


def require_edit(state: MeetingState, edit: MeetingEdit) -> None:
    message = edit_refusal(state, edit)
    if message:
        raise DomainError(message)
