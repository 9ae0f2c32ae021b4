"""The state machines of needs and projects: the one place that says which change is legal.

Needs::

    待核实 ──► 已核实 ──► 已对接 ──► 已办结 ──► 已评议
       └──────────┴──► 合并 / 转办 / 不予受理 (reason required; 合并 names the other need)

Projects::

    拟定 ──► 公示待认领 ──► 已认领 ──► 实施中 ──► 已办结 ──► 已评议
      └───────────┴────────────┴──────────┴──► 搁置 (reason) ──► back where it was
                                                 撤销 (reason, final)

已对接, 已办结 and 已评议 of a need follow its project (the services move them); a
project's 已认领 follows its first claim. Resources: 有效 ⇄ 暂停, either → 失效 (final).
"""

from __future__ import annotations

from datetime import date

from alliance_desk.core.errors import DomainError
from alliance_desk.core.four_lists.vocab import NeedState, ProjectState, ResourceState

N = NeedState
P = ProjectState

NEED_EXITS: frozenset[NeedState] = frozenset({N.MERGED, N.REFERRED, N.REJECTED})
NEED_TRANSITIONS: dict[NeedState, frozenset[NeedState]] = {
    N.PENDING: frozenset({N.VERIFIED}) | NEED_EXITS,
    N.VERIFIED: frozenset({N.MATCHED}) | NEED_EXITS,
    N.MATCHED: frozenset({N.DONE, N.VERIFIED}),
    N.DONE: frozenset({N.RATED}),
    N.RATED: frozenset(),
    N.MERGED: frozenset(),
    N.REFERRED: frozenset(),
    N.REJECTED: frozenset(),
}
#: Needs that may still be matched with a resource into a project.
MATCHABLE_NEEDS: frozenset[NeedState] = frozenset({N.VERIFIED})
#: Needs counted as verified by the 需求对接率 (verified, and everything after it).
VERIFIED_OR_LATER: frozenset[NeedState] = frozenset({N.VERIFIED, N.MATCHED, N.DONE, N.RATED})

PROJECT_TRANSITIONS: dict[ProjectState, frozenset[ProjectState]] = {
    P.DRAFT: frozenset({P.PUBLISHED, P.CLAIMED, P.SHELVED, P.WITHDRAWN}),
    P.PUBLISHED: frozenset({P.CLAIMED, P.SHELVED, P.WITHDRAWN}),
    P.CLAIMED: frozenset({P.IN_PROGRESS, P.DONE, P.SHELVED, P.WITHDRAWN}),
    P.IN_PROGRESS: frozenset({P.DONE, P.SHELVED, P.WITHDRAWN}),
    P.DONE: frozenset({P.RATED}),
    P.RATED: frozenset(),
    P.SHELVED: frozenset({P.DRAFT, P.PUBLISHED, P.CLAIMED, P.IN_PROGRESS, P.WITHDRAWN}),
    P.WITHDRAWN: frozenset(),
}
PROJECT_ORDER: tuple[ProjectState, ...] = tuple(ProjectState)
#: Projects that were put on the wall for claiming (the 认领率's denominator).
PUBLISHED_OR_LATER: frozenset[ProjectState] = frozenset(
    {P.PUBLISHED, P.CLAIMED, P.IN_PROGRESS, P.DONE, P.RATED}
)
CLAIMED_OR_LATER: frozenset[ProjectState] = frozenset({P.CLAIMED, P.IN_PROGRESS, P.DONE, P.RATED})
FINISHED: frozenset[ProjectState] = frozenset({P.DONE, P.RATED})
#: Projects a unit may still claim.
CLAIMABLE: frozenset[ProjectState] = frozenset({P.DRAFT, P.PUBLISHED, P.CLAIMED, P.IN_PROGRESS})

RESOURCE_TRANSITIONS: dict[ResourceState, frozenset[ResourceState]] = {
    ResourceState.ACTIVE: frozenset({ResourceState.PAUSED, ResourceState.EXPIRED}),
    ResourceState.PAUSED: frozenset({ResourceState.ACTIVE, ResourceState.EXPIRED}),
    ResourceState.EXPIRED: frozenset(),
}


def need_transition_error(
    current: NeedState, target: NeedState, *, reason: str = "", merged_into: int | None = None
) -> str | None:
    current, target = NeedState(current), NeedState(target)
    refusal = f"需求不能从“{current.label}”改为“{target.label}”"
    if current == target:
        return f"{refusal}：需求已经是“{current.label}”状态。"
    if target not in NEED_TRANSITIONS[current]:
        if not NEED_TRANSITIONS[current]:
            return f"{refusal}：“{current.label}”的需求不能再更改状态。"
        return f"{refusal}：需求只能按“待核实→已核实→已对接→已办结→已评议”推进。"
    if target in NEED_EXITS and not reason.strip():
        return f"将需求改为“{target.label}”须填写原因。"
    if target is N.MERGED and merged_into is None:
        return "合并须选择并入的需求。"
    return None


def check_need_transition(
    current: NeedState, target: NeedState, *, reason: str = "", merged_into: int | None = None
) -> None:
    message = need_transition_error(current, target, reason=reason, merged_into=merged_into)
    if message:
        raise DomainError(message, field="state")


def project_transition_error(
    current: ProjectState, target: ProjectState, *, reason: str = ""
) -> str | None:
    current, target = ProjectState(current), ProjectState(target)
    refusal = f"项目不能从“{current.label}”改为“{target.label}”"
    if current == target:
        return f"{refusal}：项目已经是“{current.label}”状态。"
    if target not in PROJECT_TRANSITIONS[current]:
        if not PROJECT_TRANSITIONS[current]:
            return f"{refusal}：“{current.label}”的项目不能再更改状态。"
        return f"{refusal}：项目只能按“拟定→公示待认领→已认领→实施中→已办结→已评议”推进。"
    if target in (P.SHELVED, P.WITHDRAWN) and not reason.strip():
        return f"将项目改为“{target.label}”须填写原因。"
    return None


def check_project_transition(
    current: ProjectState, target: ProjectState, *, reason: str = ""
) -> None:
    message = project_transition_error(current, target, reason=reason)
    if message:
        raise DomainError(message, field="state")


def resource_transition_error(current: ResourceState, target: ResourceState) -> str | None:
    current, target = ResourceState(current), ResourceState(target)
    if target in RESOURCE_TRANSITIONS[current]:
        return None
    return f"资源不能从“{current.label}”改为“{target.label}”。"


def allowed_project_targets(current: ProjectState) -> tuple[ProjectState, ...]:
    targets = PROJECT_TRANSITIONS[ProjectState(current)]
    return tuple(s for s in PROJECT_ORDER if s in targets)


def allowed_need_targets(current: NeedState) -> tuple[NeedState, ...]:
    targets = NEED_TRANSITIONS[NeedState(current)]
    return tuple(s for s in NeedState if s in targets)


def unclaimed_too_long(
    state: ProjectState, published_on: date | None, today: date, days: int
) -> bool:
    """公示待认领 for more than ``days`` days (the clerk's setting): flag it."""
    if ProjectState(state) is not P.PUBLISHED or published_on is None:
        return False
    return (today - published_on).days > days
