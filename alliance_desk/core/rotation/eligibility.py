"""Rule 1: only units that are members and chair-eligible for the WHOLE period chair it.

A unit may chair a period when one of its membership rows in the alliance is
chair-eligible, began on or before the period's first day and did not end before its
last day: ``joined_on <= start and (left_on is None or left_on >= end)``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

from alliance_desk.core.rotation.model import MemberInfo
from alliance_desk.core.rotation.periods import Period


class Roster:
    """The membership rows of one alliance, answering "who may chair this period?"."""

    __slots__ = ("bounds", "names", "ranks", "rows", "spans", "unique")

    def __init__(self, rows: Iterable[MemberInfo]) -> None:
        self.rows = sorted(rows, key=lambda r: (r.rotation_order, r.unit_id, r.joined_on))
        self.ranks: dict[int, tuple[int, int]] = {}
        self.names: dict[int, str] = {}
        for row in sorted(self.rows, key=lambda r: (r.joined_on, r.unit_id)):
            # The latest row gives the unit's place in the rotation and its name.
            self.ranks[row.unit_id] = (row.rotation_order, row.unit_id)
            self.names[row.unit_id] = row.unit_name
        self.spans = [
            (row.unit_id, row.joined_on, row.left_on or date.max)
            for row in self.rows
            if row.chair_eligible
        ]
        self.unique = len({unit for unit, _, _ in self.spans}) == len(self.spans)
        self.bounds = sorted({day for _, joined, left in self.spans for day in (joined, left)})

    def eligible(self, period: Period) -> list[int]:
        """Units that may chair ``period``, in rotation order (no duplicates)."""
        start, end = period.start, period.end
        found = [unit for unit, joined, left in self.spans if joined <= start and left >= end]
        return found if self.unique else list(dict.fromkeys(found))

    def eligible_over(self, periods: Iterable[Period]) -> list[list[int]]:
        """``eligible`` for consecutive periods; equal answers share one list (read-only)."""
        result: list[list[int]] = []
        previous: Period | None = None
        current: list[int] = []
        for period in periods:
            # A row's answer can only change if one of its dates lies in (previous.start, end].
            if previous is None or self._moves(previous.start, period.end):
                current = self.eligible(period)
            result.append(current)
            previous = period
        return result

    def _moves(self, after: date, upto: date) -> bool:
        index = bisect_right(self.bounds, after)
        return index < len(self.bounds) and self.bounds[index] <= upto

    def join_dates(self, after: date) -> list[tuple[int, date]]:
        """``(unit, joined_on)`` of chair-eligible rows that began after ``after``."""
        return [
            (row.unit_id, row.joined_on)
            for row in self.rows
            if row.chair_eligible and row.joined_on > after
        ]

    def why_not(self, unit_id: int, period: Period) -> str:
        """Why ``unit_id`` may not chair ``period`` (for the 顺延 explanation)."""
        rows = [row for row in self.rows if row.unit_id == unit_id]
        if not rows:
            return "已不是联盟成员单位"
        covering = [
            row
            for row in rows
            if row.joined_on <= period.start and (row.left_on is None or row.left_on >= period.end)
        ]
        if covering:
            return "不再具备担任轮值主席的资格"
        if any(row.left_on is not None and row.left_on < period.end for row in rows):
            return "已退出联盟"
        return "本期尚未加入联盟"
