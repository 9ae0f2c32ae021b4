"""Who may promise whom: the direction of a commitment follows from the two parties.

单位→社区: the promisee is a community (社区) and the promisor is not;
社区→单位: the reverse. So exactly one party is a community.
"""

from __future__ import annotations

from alliance_desk.core.vocab import CommitmentDirection, UnitCategory

_COMMUNITY = UnitCategory.COMMUNITY


def derive_direction(promisor: UnitCategory, promisee: UnitCategory) -> CommitmentDirection | None:
    """The only direction the two parties allow, or None when both or neither is a
    community."""
    to_community = UnitCategory(promisee) is _COMMUNITY
    if to_community == (UnitCategory(promisor) is _COMMUNITY):
        return None
    if to_community:
        return CommitmentDirection.UNIT_TO_COMMUNITY
    return CommitmentDirection.COMMUNITY_TO_UNIT


def direction_error(
    direction: CommitmentDirection,
    promisor: UnitCategory,
    promisee: UnitCategory,
    *,
    promisor_name: str,
    promisee_name: str,
) -> str | None:
    """Why ``direction`` does not fit the parties (naming the party at fault), or None."""
    direction = CommitmentDirection(direction)
    promisor, promisee = UnitCategory(promisor), UnitCategory(promisee)
    if direction is CommitmentDirection.UNIT_TO_COMMUNITY:
        if promisee is not _COMMUNITY:
            return f"“单位→社区”的受诺方须是社区，“{promisee_name}”是{promisee.label}"
        if promisor is _COMMUNITY:
            return f"“单位→社区”的承诺方不能是社区（“{promisor_name}”），请改选“社区→单位”"
    else:
        if promisor is not _COMMUNITY:
            return f"“社区→单位”的承诺方须是社区，“{promisor_name}”是{promisor.label}"
        if promisee is _COMMUNITY:
            return f"“社区→单位”的受诺方不能是社区（“{promisee_name}”），请改选“单位→社区”"
    return None
