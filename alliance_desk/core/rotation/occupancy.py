"""Rule 3 bookkeeping: which terms each unit holds, so overlaps are found by dict lookups.

Calendar periods never cross a year end, so a unit's terms are filed by ``(unit, year)``
and an overlap check scans only that year's few terms.
"""

from __future__ import annotations

from alliance_desk.core.rotation.model import ExistingTerm
from alliance_desk.core.rotation.periods import Period, chronological_key

# How a year's conflicts were settled (for the explanation of a CONFLICT term).
UNAVOIDABLE = "unavoidable"  # proven: no assignment avoids it
OVER_BUDGET = "over_budget"  # the exact search ran out of its node budget


class Slot:
    """One term: a period the planner fills (``kept`` False) or a kept term (``kept`` True)."""

    __slots__ = (
        "alliance_id",
        "eligible",
        "eligible_set",
        "existing",
        "first",
        "kept",
        "outcome",
        "period",
        "rule2",
        "unit",
    )

    def __init__(
        self,
        alliance_id: int,
        period: Period,
        unit: int | None = None,
        *,
        eligible: list[int] | None = None,
        eligible_set: frozenset[int] | None = None,
        existing: ExistingTerm | None = None,
    ) -> None:
        self.alliance_id = alliance_id
        self.period = period
        self.unit = unit
        self.eligible = eligible or []
        self.eligible_set = frozenset(self.eligible) if eligible_set is None else eligible_set
        self.existing = existing
        self.kept = existing is not None
        self.outcome = UNAVOIDABLE
        self.first: int | None = None  # the first eligible unit of the queue (rule 2's pick)
        self.rule2 = False  # the unit had chaired since that unit's last turn

    def sort_key(self) -> tuple[object, ...]:
        return (*chronological_key(self.period), self.alliance_id)

    def __repr__(self) -> str:
        return f"Slot({self.alliance_id}, {self.period.label}, unit={self.unit}, kept={self.kept})"


class Occupancy:
    """The terms each unit holds (kept and planned), filed by ``(unit, year)``."""

    __slots__ = ("held",)

    def __init__(self) -> None:
        self.held: dict[tuple[int, int], list[Slot]] = {}

    def add(self, unit: int, slot: Slot) -> None:
        self.held.setdefault((unit, slot.period.start.year), []).append(slot)

    def remove(self, unit: int, slot: Slot) -> None:
        self.held[(unit, slot.period.start.year)].remove(slot)

    def is_free(self, unit: int, period: Period) -> bool:
        """True when ``unit`` holds no term overlapping ``period``."""
        for other in self.held.get((unit, period.start.year), ()):
            if other.period.start <= period.end and period.start <= other.period.end:
                return False
        return True

    def clashes(self, unit: int, slot: Slot) -> bool:
        """True when ``unit`` holds a term of another alliance overlapping ``slot``."""
        period, alliance_id = slot.period, slot.alliance_id
        for other in self.held.get((unit, period.start.year), ()):
            if (
                other.period.start <= period.end
                and period.start <= other.period.end
                and other.alliance_id != alliance_id
            ):
                return True
        return False

    def blockers(self, unit: int, period: Period, *, besides: Slot | None = None) -> list[Slot]:
        """The terms ``unit`` holds that overlap ``period`` (not ``besides`` nor its alliance)."""
        found = [
            other
            for other in self.held.get((unit, period.start.year), ())
            if other.period.start <= period.end
            and period.start <= other.period.end
            and (besides is None or other.alliance_id != besides.alliance_id)
        ]
        found.sort(key=Slot.sort_key)
        return found

    def blocked_by_kept(self, unit: int, period: Period) -> bool:
        return any(other.kept for other in self.blockers(unit, period))
