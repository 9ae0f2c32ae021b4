"""The planner's working state, built from a ``PlanRequest`` in a fixed, sorted order.

Which terms are kept (rule 4): fixed terms (served, swapped, skipped, locked), and
planned terms that do not overlap the horizon or belong to an alliance not being planned.
Unlocked planned terms of a planned alliance that overlap the horizon are *previous*
terms: the plan replaces them and reports the differences.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from alliance_desk.core.errors import DomainError
from alliance_desk.core.rotation.eligibility import Roster
from alliance_desk.core.rotation.model import AllianceInfo, ExistingTerm, PlanRequest
from alliance_desk.core.rotation.occupancy import Occupancy, Slot
from alliance_desk.core.rotation.periods import Period, chronological_key, periods_between
from alliance_desk.core.rotation.queue import JOINED, SERVED, Event, Rota


class Workspace:
    """Alliances, rosters, queues, occupancy and the slots to fill, ready for the passes."""

    def __init__(self, request: PlanRequest) -> None:
        self.request = request
        self.start, self.end = request.start, request.end
        self.alliances: dict[int, AllianceInfo] = {
            alliance.id: alliance for alliance in sorted(request.alliances, key=lambda a: a.id)
        }
        rows = defaultdict(list)
        for member in request.members:
            rows[member.alliance_id].append(member)
        self.rosters = {aid: Roster(rows[aid]) for aid in self.alliances}
        self.unit_names: dict[int, str] = {}
        for member in sorted(request.members, key=lambda m: (m.joined_on, m.alliance_id)):
            self.unit_names[member.unit_id] = member.unit_name
        self.occupancy = Occupancy()
        self.kept: list[Slot] = []
        self.previous: dict[tuple[int, date, date], ExistingTerm] = {}
        self._classify_terms()
        self.slots: dict[int, list[Slot]] = {aid: self._slots_of(aid) for aid in self.alliances}
        self.rotas = {aid: self.new_rota(aid) for aid in self.alliances}

    def _classify_terms(self) -> None:
        terms = sorted(
            self.request.terms,
            key=lambda t: (t.start, t.end, t.alliance_id, t.unit_id or 0, t.state, t.locked),
        )
        for term in terms:
            try:
                period = term.period
            except ValueError:
                raise DomainError(
                    f"轮值任期{term.start}至{term.end}不是自然月、季度、半年或年度", field="terms"
                ) from None
            replaceable = (
                not term.fixed
                and term.alliance_id in self.alliances
                and period.start <= self.end
                and self.start <= period.end
            )
            if replaceable:
                self.previous[(term.alliance_id, term.start, term.end)] = term
                continue
            slot = Slot(term.alliance_id, period, term.unit_id, existing=term)
            self.kept.append(slot)
            if term.chairs and term.unit_id is not None:
                self.occupancy.add(term.unit_id, slot)
        self.kept_of: dict[int, list[Slot]] = defaultdict(list)
        self.kept_by_year: dict[tuple[int, int], list[Period]] = defaultdict(list)
        for slot in self.kept:
            self.kept_of[slot.alliance_id].append(slot)
            self.kept_by_year[(slot.alliance_id, slot.period.start.year)].append(slot.period)

    def _slots_of(self, alliance_id: int) -> list[Slot]:
        kind = self.alliances[alliance_id].period
        periods = []
        for period in periods_between(kind, self.start, self.end):
            kept = self.kept_by_year.get((alliance_id, period.start.year))
            if kept and any(k.start <= period.end and period.start <= k.end for k in kept):
                continue
            periods.append(period)
        slots = []
        sets: dict[int, frozenset[int]] = {}
        for period, eligible in zip(
            periods, self.rosters[alliance_id].eligible_over(periods), strict=True
        ):
            shared = sets.get(id(eligible))
            if shared is None:
                shared = sets[id(eligible)] = frozenset(eligible)
            slots.append(Slot(alliance_id, period, eligible=eligible, eligible_set=shared))
        return slots

    def rota_events(self, alliance_id: int) -> list[Event]:
        """Kept turns of the alliance, and the joins after it first had a term."""
        kept = self.kept_of.get(alliance_id, [])
        turns: list[Event] = [
            (slot.period.start, SERVED, slot.unit)
            for slot in kept
            if slot.unit is not None and slot.existing is not None and slot.existing.chairs
        ]
        starts = [slot.period.start for slot in kept]
        starts += [slot.period.start for slot in self.slots[alliance_id][:1]]
        if not starts:
            return turns
        joins = self.rosters[alliance_id].join_dates(min(starts))
        return [*turns, *((day, JOINED, unit) for unit, day in joins)]

    def new_rota(self, alliance_id: int) -> Rota:
        return Rota(self.rosters[alliance_id].ranks, self.rota_events(alliance_id))

    def name_of_unit(self, unit_id: int | None) -> str:
        if unit_id is None:
            return "（无）"
        return self.unit_names.get(unit_id, f"单位{unit_id}")

    def name_of_alliance(self, alliance_id: int) -> str:
        alliance = self.alliances.get(alliance_id)
        return alliance.name if alliance else f"联盟{alliance_id}"

    def slots_by_year(self) -> dict[int, list[Slot]]:
        """Every slot to fill, by year, in processing order: start, longer first, alliance."""
        years: dict[int, list[Slot]] = defaultdict(list)
        for slots in self.slots.values():
            for slot in slots:
                years[slot.period.start.year].append(slot)
        for found in years.values():
            found.sort(key=lambda s: (*chronological_key(s.period), s.alliance_id))
        return {year: years[year] for year in sorted(years)}
