"""Rule 3, exact pass: a complete search for a conflict-free year, with a node budget.

Run only for a year where the quick pass left a conflict (or passed over a unit that
turned out free), and only for the alliances linked to it by shared units. Periods never
cross a year end, so years are independent for rule 3. The search is a depth-first
search over the year's terms in time order, trying units in queue order (rule 2), so the
first assignment it finds is the one that follows the rotation longest;
conflict-directed backjumping skips decisions that had no part in a dead end. It is complete:
when any assignment that keeps rules 1 and 3 exists, it finds one, unless it runs out of
budget first.

When no conflict-free year exists, ``solve`` gives way step by step and tries again: it
*relaxes* the term at which the search proved the rest infeasible (whatever came before
it), else every term that could use a unit held by a kept term — a relaxed term may clash
with kept terms, but tries the other units first; terms whose every unit is held by kept
terms start relaxed — and when that is not enough it *drops* that term: the term still takes
its turn, a unit clashing as little as it can with the terms before it, but the others no
longer have to avoid it. The caller keeps whichever of this answer and the quick pass's
leaves fewer terms in conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from alliance_desk.core.rotation.occupancy import Slot
from alliance_desk.core.rotation.periods import Period
from alliance_desk.core.rotation.queue import JOINED, SERVED, Entry, queue_key
from alliance_desk.core.rotation.workspace import Workspace

BUDGET_EXHAUSTED = object()
SearchResult = list[int] | None | object


def solve(ws: Workspace, slots: Sequence[Slot], first: date, last: date) -> SearchResult:
    """The units for ``slots`` (a linked group of one year), None or BUDGET_EXHAUSTED."""
    budget = ws.request.search_budget
    relaxed: set[int] = set()
    dropped: set[int] = set()
    while True:
        search = Search(ws, slots, first, last, relaxed, dropped)
        result = search.run(budget)
        budget -= search.nodes
        stuck = search.stuck
        if result is not None or stuck is None:
            return result
        relaxed = search.relaxed
        more = {i for i, busy in enumerate(search.busy) if busy and i not in relaxed}
        if stuck not in relaxed and search.busy[stuck]:
            relaxed = relaxed | {stuck}
        elif more:
            relaxed = relaxed | more
        elif stuck not in dropped:
            dropped = dropped | {stuck}
        else:
            return None


class Search:
    """One depth-first search over a linked group of a year's terms.

    ``run`` returns the units in order, or ``None`` when no assignment exists (``stuck``
    then names the term that proved it), or ``BUDGET_EXHAUSTED``. The caller has taken the
    group's planned terms out of the occupancy and rewound their queues to 1 January.
    """

    def __init__(
        self,
        ws: Workspace,
        slots: Sequence[Slot],
        first: date,
        last: date,
        relaxed: set[int],
        dropped: set[int],
    ) -> None:
        self.ws = ws
        self.slots = list(slots)
        self.relaxed = set(relaxed)
        self.dropped = dropped
        self.domains: list[list[int]] = []
        self.busy: list[frozenset[int]] = []  # units held by kept terms overlapping the term
        for index, slot in enumerate(self.slots):
            free = [u for u in slot.eligible if ws.occupancy.is_free(u, slot.period)]
            if not free:
                self.relaxed.add(index)
            self.busy.append(frozenset(u for u in slot.eligible if u not in free))
            loose = index in self.relaxed or index in dropped
            self.domains.append(list(slot.eligible) if loose else free)
        entries: dict[tuple[int, int], list[Entry]] = {}
        for alliance_id in sorted({slot.alliance_id for slot in self.slots}):
            for day, event, unit in ws.rotas[alliance_id].pending(first, last):
                entries.setdefault((alliance_id, unit), []).append((day, event))
        # Each unit's latest turn or join before the term, apart from this search's turns.
        self.before: list[dict[int, Entry | None]] = []
        for slot, domain in zip(self.slots, self.domains, strict=True):
            rota, day = ws.rotas[slot.alliance_id], slot.period.start
            latest: dict[int, Entry | None] = {}
            for unit in domain:
                best = rota.last(unit)
                for entry in entries.get((slot.alliance_id, unit), ()):
                    if entry[0] > day or (entry[0] == day and entry[1] != JOINED):
                        break
                    best = entry
                latest[unit] = best
            self.before.append(latest)
        self.values: list[int | None] = [None] * len(self.slots)
        self.held: dict[int, list[tuple[Period, int]]] = {}
        self.turns: dict[tuple[int, int], list[date]] = {}
        self.nodes = 0
        self.stuck: int | None = None

    def order(self, index: int) -> list[int]:
        """The domain of term ``index`` in queue order (units held by kept terms last)."""
        slot = self.slots[index]
        alliance_id = slot.alliance_id
        ranks = self.ws.rotas[alliance_id].ranks
        before, busy, turns = self.before[index], self.busy[index], self.turns

        def key(unit: int) -> tuple[object, ...]:
            best = before[unit]
            mine = turns.get((alliance_id, unit))
            if mine and (best is None or (mine[-1], SERVED) > best):
                best = (mine[-1], SERVED)
            return (unit in busy, queue_key(ranks[unit], best))

        return sorted(self.domains[index], key=key)

    def run(self, budget: int) -> SearchResult:
        count = len(self.slots)
        candidates: list[list[int]] = [[] for _ in range(count)]
        tried = [0] * count
        culprits: list[set[int]] = [set() for _ in range(count)]
        index, entering = 0, True
        while index < count:
            if entering and index in self.dropped:
                options = self.order(index)
                free = [u for u in options if not self._blocking(u, index)]
                self._assign(index, (free or options)[0])
                index += 1
                continue
            if entering:
                candidates[index], tried[index], culprits[index] = self.order(index), 0, set()
            entering = False
            while tried[index] < len(candidates[index]):
                unit = candidates[index][tried[index]]
                tried[index] += 1
                self.nodes += 1
                if self.nodes > budget:
                    return BUDGET_EXHAUSTED
                blocking = self._blocking(unit, index)
                if not blocking:
                    self._assign(index, unit)
                    index, entering = index + 1, True
                    break
                culprits[index].update(blocking)
            else:
                if not culprits[index]:
                    self.stuck = index  # no earlier choice could have helped: infeasible
                    return None
                back = max(culprits[index])
                for j in range(index - 1, back - 1, -1):
                    self._unassign(j)
                culprits[back].update(c for c in culprits[index] if c != back)
                index = back
        return [unit for unit in self.values if unit is not None]

    def _blocking(self, unit: int, index: int) -> list[int]:
        """The earlier terms (not dropped ones) holding ``unit`` in an overlapping period."""
        period = self.slots[index].period
        return [
            j
            for held, j in self.held.get(unit, ())
            if held.start <= period.end and period.start <= held.end
        ]

    def _assign(self, index: int, unit: int) -> None:
        slot = self.slots[index]
        self.values[index] = unit
        if index not in self.dropped:
            self.held.setdefault(unit, []).append((slot.period, index))
        self.turns.setdefault((slot.alliance_id, unit), []).append(slot.period.start)

    def _unassign(self, index: int) -> None:
        slot = self.slots[index]
        unit = self.values[index]
        assert unit is not None
        if index not in self.dropped:
            self.held[unit].pop()
        self.turns[(slot.alliance_id, unit)].pop()
        self.values[index] = None
