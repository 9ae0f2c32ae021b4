"""Rule 2: fairness — a least-recently-served queue per alliance.

A unit's key is its last turn in this alliance (the period start). Units that never
served come first, in rotation order. A unit that joins after the alliance already has
terms is keyed by its join date, as if it had served that day: it enters at the *end* of
the queue, so a join changes no term before the newcomer's first turn. On the same day a
join ranks before a turn.

With a constant eligible set this is round-robin in rotation order. In general, between
two consecutive turns of a unit every unit eligible all along takes a turn — unless that
unit was passed over (an ``ADJUSTED`` term, rule 3 before rule 2) — so over any run of
periods without adjustments the counts of units eligible all along differ by at most one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, timedelta

JOINED, SERVED = 0, 1
NOT_A_MEMBER = 1_000_000_000

Rank = tuple[int, int]
Event = tuple[date, int, int]  # (day, JOINED | SERVED, unit)
Entry = tuple[date, int]  # (day, JOINED | SERVED)
QueueKey = tuple[object, ...]


def queue_key(rank: Rank, last: Entry | None) -> QueueKey:
    """Sort key of a unit whose latest turn or join is ``last`` (None: never served)."""
    if last is None:
        return (0, rank)
    return (1, last[0], last[1], rank)


class Rota:
    """The queue of one alliance, replayed along the timeline.

    ``events`` are the kept turns and the joins; the planner's own turns are added with
    ``serve``. ``order`` is the queue (front = next), kept sorted by key incrementally:
    a turn or a join moves the unit to the end.
    """

    __slots__ = ("days", "events", "history", "order", "ptr", "ranks")

    def __init__(self, ranks: dict[int, Rank], events: Iterable[Event]) -> None:
        events = list(events)
        self.ranks = dict(ranks)
        for _day, _event, unit in events:
            self.ranks.setdefault(unit, (NOT_A_MEMBER, unit))
        self.events = sorted(events, key=lambda e: (e[0], e[1], self.ranks[e[2]]))
        self.days = [event[0] for event in self.events]
        self.history: dict[int, list[Entry]] = {}
        self.ptr = 0
        self.order = sorted(self.ranks, key=self.key)

    def key(self, unit: int) -> QueueKey:
        entries = self.history.get(unit)
        return queue_key(self.ranks[unit], entries[-1] if entries else None)

    def last(self, unit: int) -> Entry | None:
        entries = self.history.get(unit)
        return entries[-1] if entries else None

    def advance(self, day: date) -> None:
        """Apply the kept turns and joins dated on or before ``day``."""
        events, ptr = self.events, self.ptr
        while ptr < len(events) and events[ptr][0] <= day:
            event_day, event, unit = events[ptr]
            ptr += 1
            self._push(unit, event_day, event)
        self.ptr = ptr

    def serve(self, unit: int, day: date) -> None:
        self._push(unit, day, SERVED)

    def unserve(self, unit: int, day: date) -> None:
        """Take back the turn ``unit`` was given on ``day`` (it must be its latest entry)."""
        entries = self.history[unit]
        if entries[-1] != (day, SERVED):
            raise ValueError(f"unit {unit} has no turn on {day} to take back")
        entries.pop()
        if not entries:
            del self.history[unit]
        self.order.sort(key=self.key)

    def rewind(self, day: date) -> None:
        """Forget every turn and join dated on or after ``day``, to replay from there."""
        for unit in sorted(self.history):
            entries = self.history[unit]
            while entries and entries[-1][0] >= day:
                entries.pop()
            if not entries:
                del self.history[unit]
        self.ptr = bisect_left(self.days, day)
        self.order.sort(key=self.key)

    def pending(self, first: date, last: date) -> list[Event]:
        """The events dated within ``[first, last]``."""
        upto = bisect_left(self.days, last + timedelta(days=1))
        return self.events[bisect_left(self.days, first) : upto]

    def _push(self, unit: int, day: date, event: int) -> None:
        self.history.setdefault(unit, []).append((day, event))
        order = self.order
        if order[-1] != unit:
            order.remove(unit)
            order.append(unit)
