"""The planner's input and output: plain frozen dataclasses, no Qt, no database.

Rules the plan keeps (each lives in the module named):

1. Only units that are members and chair-eligible for the whole period chair it
   (``eligibility``).
2. Over any run of periods, counts differ by at most one among units eligible all along,
   unless a term in it gave way to rule 3 (``ADJUSTED``) (``queue``: least recently
   served first).
3. No unit chairs two alliances in overlapping periods when any assignment avoids it;
   when impossible the term is flagged ``CONFLICT`` and says so (``greedy``, ``search``).
4. Fixed terms (served / swapped / skipped, or locked) are never changed; re-planning
   after a join or leave changes nothing that ends before the first period it affects
   (``planner``, ``greedy``).
5. Same input, same plan: nothing depends on set order or on the clock.

Where they pull against each other 1 beats 3 beats 2, and the explanation says which
rule gave way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alliance_desk.core.rotation.periods import Period, period_of
from alliance_desk.core.vocab import ChairPeriod, ChairTermState, LabelledEnum

DEFAULT_SEARCH_BUDGET = 20_000


@dataclass(frozen=True)
class AllianceInfo:
    """An alliance to plan, with the length of its chair period."""

    id: int
    name: str
    period: ChairPeriod


@dataclass(frozen=True)
class MemberInfo:
    """One membership row (a unit may have several in one alliance: left and rejoined)."""

    alliance_id: int
    unit_id: int
    unit_name: str
    rotation_order: int
    joined_on: date
    left_on: date | None = None
    chair_eligible: bool = True


@dataclass(frozen=True)
class ExistingTerm:
    """A stored chair term. Served, swapped, skipped or locked terms are *fixed*.

    Unlocked planned terms that overlap the horizon may be replaced; those outside it are
    kept as they are. A skipped term means its unit did not chair: it neither counts as a
    turn nor occupies the unit.
    """

    alliance_id: int
    start: date
    end: date
    unit_id: int | None
    state: ChairTermState = ChairTermState.PLANNED
    locked: bool = False

    @property
    def fixed(self) -> bool:
        return self.locked or self.state != ChairTermState.PLANNED

    @property
    def period(self) -> Period:
        return period_of(self.start, self.end)

    @property
    def chairs(self) -> bool:
        """True when the unit holds (or held) the chair: it counts and occupies the unit."""
        return self.unit_id is not None and self.state != ChairTermState.SKIPPED


@dataclass(frozen=True)
class PlanRequest:
    """Everything the planner reads. ``start`` is normally *today*: the clock is never read.

    Every period of an alliance's kind that overlaps ``[start, end]`` is planned, except
    periods that overlap one of that alliance's kept terms. ``search_budget`` caps the
    nodes the exact search may visit per linked group of alliances and year. Stored terms
    must be calendar periods (else ``DomainError``).
    """

    alliances: tuple[AllianceInfo, ...]
    members: tuple[MemberInfo, ...]
    terms: tuple[ExistingTerm, ...]
    start: date
    end: date
    search_budget: int = DEFAULT_SEARCH_BUDGET


class TermFlag(LabelledEnum):
    """Marks on a term; a term's ``flags`` keep this declaration order."""

    KEPT = "kept", "保留"
    GAP = "gap", "空缺"
    CONFLICT = "conflict", "冲突"
    ADJUSTED = "adjusted", "调整"
    RULE2_GAVE_WAY = "rule2_gave_way", "规则2让位"
    POSTPONED = "postponed", "顺延"


class ChangeKind(LabelledEnum):
    ADDED = "added", "新增"
    CHANGED = "changed", "变更"
    REMOVED = "removed", "删除"


@dataclass(frozen=True)
class RotaTerm:
    """One term of the plan: a new or re-planned one, or a kept one (``KEPT`` in flags)."""

    alliance_id: int
    start: date
    end: date
    unit_id: int | None
    flags: tuple[TermFlag, ...]
    explanation: str
    state: ChairTermState = ChairTermState.PLANNED
    locked: bool = False

    @property
    def kept(self) -> bool:
        return TermFlag.KEPT in self.flags

    @property
    def period(self) -> Period:
        return period_of(self.start, self.end)


@dataclass(frozen=True)
class TermChange:
    """A difference from the previously planned (unlocked) terms, for the clerk's preview."""

    alliance_id: int
    start: date
    end: date
    kind: ChangeKind
    before_unit_id: int | None
    after_unit_id: int | None
    explanation: str


@dataclass(frozen=True)
class Plan:
    """The planner's answer. ``terms`` is sorted by alliance, then start.

    ``searched_years`` lists the years where the quick pass left a conflict and the exact
    search ran (for diagnostics and tests).
    """

    terms: tuple[RotaTerm, ...]
    changes: tuple[TermChange, ...]
    searched_years: tuple[int, ...] = ()

    def for_alliance(self, alliance_id: int) -> list[RotaTerm]:
        return [term for term in self.terms if term.alliance_id == alliance_id]
