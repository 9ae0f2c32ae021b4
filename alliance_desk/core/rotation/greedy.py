"""Rule 3, quick pass: each term to the first *free* eligible unit in queue order.

Terms are taken in time order (start, longer periods first, then alliance id), so the
queue of rule 2 is consulted as it stands at each term. When every eligible unit is
busy, an augmenting path tries to free one by moving a term this run planned to another
free eligible unit of that term's alliance, recursively, as in bipartite matching. Only
terms that overlap the current one may move — so a term that ended before it is never
touched — and kept terms never move. When all competing periods have the same length this
is complete (it is Kuhn's matching); what stays unsolved is reported to the caller, which
hands the year to the exact search.
"""

from __future__ import annotations

from alliance_desk.core.rotation.occupancy import Slot
from alliance_desk.core.rotation.periods import Period, contains
from alliance_desk.core.rotation.queue import SERVED, Rota
from alliance_desk.core.rotation.workspace import Workspace


def place(ws: Workspace, slot: Slot) -> None:
    """Fill ``slot``: first free unit in queue order, else free one, else the queue's first."""
    rota = ws.rotas[slot.alliance_id]
    period = slot.period
    rota.advance(period.start)
    eligible = slot.eligible_set
    if not eligible:
        slot.unit = slot.first = None
        return
    queue = [unit for unit in rota.order if unit in eligible]
    slot.first = queue[0]
    is_free = ws.occupancy.is_free
    chosen = next((unit for unit in queue if is_free(unit, period)), None)
    if chosen is None:
        chosen = next((u for u in queue if _free_up(ws, u, period, period, {u})), queue[0])
    take(ws, slot, chosen, rota)


def take(ws: Workspace, slot: Slot, unit: int, rota: Rota, *, book: bool = True) -> None:
    """Give ``slot`` to ``unit``: note whether rule 2 gave way, book the unit, count the turn."""
    last = rota.last(unit)
    slot.unit = unit
    slot.rule2 = unit != slot.first and last is not None and last[1] == SERVED
    if book:
        ws.occupancy.add(unit, slot)
    rota.serve(unit, slot.period.start)


def _free_up(ws: Workspace, unit: int, period: Period, root: Period, seen: set[int]) -> bool:
    """Move the one planned term that keeps ``unit`` busy in ``period`` to another unit."""
    blockers = ws.occupancy.blockers(unit, period)
    if len(blockers) != 1:
        return not blockers
    held = blockers[0]
    if held.kept or not contains(held.period, root):
        return False
    rota = ws.rotas[held.alliance_id]
    day = held.period.start
    rota.unserve(unit, day)  # the queue as it stood for ``held``
    for other in [u for u in rota.order if u in held.eligible_set]:
        if other in seen:
            continue
        seen.add(other)
        if ws.occupancy.is_free(other, held.period) or _free_up(ws, other, held.period, root, seen):
            ws.occupancy.remove(unit, held)
            take(ws, held, other, rota)
            return True
    rota.serve(unit, day)
    return False


def conflicted(ws: Workspace, slots: list[Slot]) -> list[Slot]:
    """The filled slots whose unit also holds an overlapping term of another alliance."""
    clashes = ws.occupancy.clashes
    return [slot for slot in slots if slot.unit is not None and clashes(slot.unit, slot)]


def needlessly_adjusted(ws: Workspace, slots: list[Slot]) -> list[Slot]:
    """Slots that passed over a unit which is free after all (an augmenting path later
    moved the term that kept it busy); the exact search gives them a justified choice."""
    clashes = ws.occupancy.clashes
    return [
        slot
        for slot in slots
        if slot.first is not None and slot.unit != slot.first and not clashes(slot.first, slot)
    ]
