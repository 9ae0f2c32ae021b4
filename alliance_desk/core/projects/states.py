"""书记项目 states: 申报 → 立项 → 实施中 → 申请验收 → 验收 → 结项; side exits 延期, 终止."""

from __future__ import annotations

from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects.vocab import ProjectState as S
from alliance_desk.core.vocab import LabelledEnum


class ProjectStep(LabelledEnum):
    REVIEW = "review", "立项评审"
    START = "start", "开始实施"
    REQUEST_ACCEPTANCE = "request_acceptance", "申请验收"
    ACCEPT = "accept", "验收"
    RETURN = "return", "验收退回"
    CLOSE = "close", "结项"
    POSTPONE = "postpone", "延期"
    TERMINATE = "terminate", "终止"


#: step → (the states it may start from, the state it leads to; None: decided by the step).
TRANSITIONS: dict[ProjectStep, tuple[frozenset[S], S | None]] = {
    ProjectStep.REVIEW: (frozenset({S.DECLARED}), None),
    ProjectStep.START: (frozenset({S.APPROVED, S.POSTPONED}), S.IN_PROGRESS),
    ProjectStep.REQUEST_ACCEPTANCE: (
        frozenset({S.IN_PROGRESS, S.POSTPONED}),
        S.ACCEPTANCE_REQUESTED,
    ),
    ProjectStep.ACCEPT: (frozenset({S.ACCEPTANCE_REQUESTED}), S.ACCEPTED),
    ProjectStep.RETURN: (frozenset({S.ACCEPTANCE_REQUESTED}), S.IN_PROGRESS),
    ProjectStep.CLOSE: (frozenset({S.ACCEPTED}), S.CLOSED),
    ProjectStep.POSTPONE: (frozenset({S.APPROVED, S.IN_PROGRESS, S.POSTPONED}), S.POSTPONED),
    ProjectStep.TERMINATE: (
        frozenset({S.DECLARED, S.APPROVED, S.IN_PROGRESS, S.POSTPONED, S.ACCEPTANCE_REQUESTED}),
        S.TERMINATED,
    ),
}

FINAL_STATES = frozenset({S.CLOSED, S.TERMINATED, S.REJECTED})
#: Milestones, site visits and inspections are recorded while the project runs.
RUNNING_STATES = frozenset({S.APPROVED, S.IN_PROGRESS, S.POSTPONED, S.ACCEPTANCE_REQUESTED})


def steps_from(state: S) -> list[ProjectStep]:
    return [step for step, (sources, _) in TRANSITIONS.items() if S(state) in sources]


def check_step(state: S, step: ProjectStep) -> None:
    sources, _ = TRANSITIONS[ProjectStep(step)]
    if S(state) not in sources:
        allowed = "、".join(s.label for s in sources)
        raise DomainError(
            f"项目当前为“{S(state).label}”，不能{ProjectStep(step).label}（只能在{allowed}时进行）。"
        )
