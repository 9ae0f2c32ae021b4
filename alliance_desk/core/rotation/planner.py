"""The rotating-chair planner: ``plan_rota(request) -> Plan``. Pure: no Qt, no database.

How the rules are kept (see ``model`` for the rules themselves):

- Rule 1 decides who may be tried at all (``eligibility``); a period with nobody is a gap.
- Rule 4: kept terms are never touched; the plan is built forward in time, year by year,
  and a term is only ever moved while a term it overlaps is being placed — so a change of
  membership that first matters in period P leaves every term that ends before P as it
  was, unless rule 3 needs the exact search in P's year.
- Rule 3 beats rule 2: the quick pass (``greedy``) takes the first *free* unit in queue
  order and frees one by an augmenting path if needed; a year it leaves with a conflict
  goes to the exact search (``search``) for the alliances linked to that conflict.
- Rule 2 is the queue (``queue``).
- Rule 5: every collection is sorted before it is walked; "today" is ``request.start``.
"""

from __future__ import annotations

from datetime import date

from alliance_desk.core.rotation import greedy
from alliance_desk.core.rotation.explain import build_plan
from alliance_desk.core.rotation.model import Plan, PlanRequest
from alliance_desk.core.rotation.occupancy import OVER_BUDGET, UNAVOIDABLE, Slot
from alliance_desk.core.rotation.search import BUDGET_EXHAUSTED, solve
from alliance_desk.core.rotation.workspace import Workspace


def plan_rota(request: PlanRequest) -> Plan:
    """Plan every alliance's chair for each period of the horizon; see the module rules."""
    ws = Workspace(request)
    searched: list[int] = []
    for year, slots in ws.slots_by_year().items():
        for slot in slots:
            greedy.place(ws, slot)
        troubled = [s for s in greedy.conflicted(ws, slots) if not _hopeless(ws, s)]
        troubled += greedy.needlessly_adjusted(ws, slots)
        if troubled:
            searched.append(year)
            for group in _linked_groups(slots, troubled):
                _search_group(ws, group, year)
    return build_plan(ws, searched)


def _hopeless(ws: Workspace, slot: Slot) -> bool:
    """Every eligible unit is busy with a kept term, and the term clashes only with kept ones."""
    if not all(ws.occupancy.blocked_by_kept(u, slot.period) for u in slot.eligible):
        return False
    assert slot.unit is not None
    return all(other.kept for other in ws.occupancy.blockers(slot.unit, slot.period, besides=slot))


def _linked_groups(slots: list[Slot], troubled: list[Slot]) -> list[list[Slot]]:
    """The year's slots of the alliances linked (by shared eligible units) to a conflict."""
    by_alliance: dict[int, list[Slot]] = {}
    by_unit: dict[int, list[int]] = {}
    for slot in slots:
        by_alliance.setdefault(slot.alliance_id, []).append(slot)
        for unit in slot.eligible:
            linked = by_unit.setdefault(unit, [])
            if slot.alliance_id not in linked:
                linked.append(slot.alliance_id)
    seen: set[int] = set()
    groups: list[list[Slot]] = []
    for start in troubled:
        if start.alliance_id in seen:
            continue
        seen.add(start.alliance_id)
        todo, members = [start.alliance_id], []
        while todo:
            alliance_id = todo.pop()
            members.append(alliance_id)
            for slot in by_alliance[alliance_id]:
                for unit in slot.eligible:
                    for other in by_unit[unit]:
                        if other not in seen:
                            seen.add(other)
                            todo.append(other)
        group = [slot for alliance_id in members for slot in by_alliance[alliance_id]]
        group.sort(key=Slot.sort_key)
        groups.append(group)
    return groups


def _search_group(ws: Workspace, group: list[Slot], year: int) -> None:
    """Re-plan one linked group of a year exactly; keep the quick pass's answer if the
    search fails or (when conflicts are unavoidable) leaves more terms in conflict."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    saved = [slot.unit for slot in group]
    quick = _in_conflict(ws, group)
    _book(ws, group, on=False)
    for alliance_id in sorted({slot.alliance_id for slot in group}):
        ws.rotas[alliance_id].rewind(first)
    fill = [slot for slot in group if slot.eligible]
    result = solve(ws, fill, first, last)
    adopted = False
    if isinstance(result, list):
        for slot, unit in zip(fill, result, strict=True):
            slot.unit = unit
        _book(ws, group, on=True)
        adopted = _in_conflict(ws, group) <= quick
        if not adopted:
            _book(ws, group, on=False)
    if not adopted:
        outcome = OVER_BUDGET if result is BUDGET_EXHAUSTED else UNAVOIDABLE
        for slot, unit in zip(group, saved, strict=True):
            slot.unit = unit
            slot.outcome = outcome
        _book(ws, group, on=True)
    for slot in group:  # group is in processing order: replay the queues along it
        rota = ws.rotas[slot.alliance_id]
        rota.advance(slot.period.start)
        slot.first = next((u for u in rota.order if u in slot.eligible_set), None)
        if slot.unit is not None:
            greedy.take(ws, slot, slot.unit, rota, book=False)


def _in_conflict(ws: Workspace, group: list[Slot]) -> int:
    clashes = ws.occupancy.clashes
    return sum(1 for slot in group if slot.unit is not None and clashes(slot.unit, slot))


def _book(ws: Workspace, group: list[Slot], *, on: bool) -> None:
    for slot in group:
        if slot.unit is not None:
            if on:
                ws.occupancy.add(slot.unit, slot)
            else:
                ws.occupancy.remove(slot.unit, slot)
