"""倒排工期: plan milestones backwards from a deadline on working days.

The clerk gives the deadline and the milestones in order with their durations in
working days. The last milestone ends on the last working day on or before the
deadline; each milestone before it ends on the working day before the next one
starts. The plan fits when the first milestone starts on or after ``earliest`` (the
project's planned start, or today). ``is_workday`` is the meetings' workday calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from alliance_desk.core.errors import DomainError

MAX_DURATION = 750  # working days: three years
ONE_DAY = timedelta(days=1)

IsWorkday = Callable[[date], bool]


@dataclass(frozen=True, slots=True)
class PlannedStep:
    name: str
    duration: int
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class BackwardPlan:
    steps: tuple[PlannedStep, ...]
    earliest: date
    deadline: date
    shortfall: int
    """Working days missing between ``earliest`` and the first start; 0 when it fits."""

    @property
    def fits(self) -> bool:
        return self.shortfall == 0

    @property
    def message(self) -> str:
        """What the clerk reads under the plan; empty when it fits."""
        if self.fits:
            return ""
        return (
            f"排不下：按各节点工期倒排，第一个节点须在 {self.steps[0].start:%Y-%m-%d} 开始，"
            f"早于最早可开始日 {self.earliest:%Y-%m-%d}，还差 {self.shortfall} 个工作日。"
            "请推迟完成时限或压缩节点工期。"
        )


def workdays_between(first: date, last: date, is_workday: IsWorkday) -> int:
    """Working days in ``first..last`` (both included); 0 when ``last < first``."""
    count = 0
    day = first
    while day <= last:
        count += is_workday(day)
        day += ONE_DAY
    return count


def _previous_workday(day: date, is_workday: IsWorkday) -> date:
    while not is_workday(day):
        day -= ONE_DAY
    return day


def plan_backwards(
    deadline: date,
    steps: Sequence[tuple[str, int]],
    *,
    earliest: date,
    is_workday: IsWorkday,
) -> BackwardPlan:
    """Start and end (both working days) of every step; see the module notes."""
    if not steps:
        raise DomainError("请至少列出一个节点。", field="milestones")
    for number, (name, duration) in enumerate(steps, start=1):
        if not name.strip():
            raise DomainError(f"第 {number} 个节点没有名称。", field="milestones")
        if not isinstance(duration, int) or not 1 <= duration <= MAX_DURATION:
            raise DomainError(
                f"节点“{name}”的工期应为 1 到 {MAX_DURATION} 个工作日。", field="milestones"
            )
    if deadline < earliest:
        raise DomainError("完成时限早于最早可开始日。", field="deadline")
    planned: list[PlannedStep] = []
    cursor = deadline
    for name, duration in reversed(steps):
        end = _previous_workday(cursor, is_workday)
        start = end
        for _ in range(duration - 1):
            start = _previous_workday(start - ONE_DAY, is_workday)
        planned.append(PlannedStep(name.strip(), duration, start, end))
        cursor = start - ONE_DAY
    planned.reverse()
    first = planned[0].start
    shortfall = 0
    if first < earliest:
        shortfall = workdays_between(first, earliest - ONE_DAY, is_workday)
    return BackwardPlan(tuple(planned), earliest, deadline, shortfall)
