"""Agenda timing: clock-time slots for each item and the planned end of the meeting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

MIN_ITEM_MINUTES = 1
MAX_ITEM_MINUTES = 480


@dataclass(frozen=True, slots=True)
class TimeSlot:
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def label(self) -> str:
        """``09:00–09:15``; an end on a later day reads ``23:50–次日00:10``."""
        return f"{self.start:%H:%M}–{_clock(self.start, self.end)}"


@dataclass(frozen=True, slots=True)
class AgendaTiming:
    start: datetime
    slots: tuple[TimeSlot, ...]

    @property
    def end(self) -> datetime:
        """The planned end: the start when there is no item yet."""
        return self.slots[-1].end if self.slots else self.start

    @property
    def total_minutes(self) -> int:
        return sum(slot.minutes for slot in self.slots)

    @property
    def end_label(self) -> str:
        return _clock(self.start, self.end)

    @property
    def label(self) -> str:
        """The whole meeting, ``09:00–10:30``."""
        return TimeSlot(self.start, self.end).label

    @property
    def total_label(self) -> str:
        return duration_label(self.total_minutes)


def _clock(start: datetime, moment: datetime) -> str:
    days = (moment.date() - start.date()).days
    prefix = "" if days == 0 else "次日" if days == 1 else f"第{days + 1}天"
    return f"{prefix}{moment:%H:%M}"


def agenda_timing(start: datetime, minutes: Sequence[int]) -> AgendaTiming:
    """Items run back to back from ``start`` in the order given."""
    slots: list[TimeSlot] = []
    clock = start
    for allotted in minutes:
        if allotted < 0:
            raise ValueError(f"negative minutes allotted: {allotted}")
        end = clock + timedelta(minutes=allotted)
        slots.append(TimeSlot(clock, end))
        clock = end
    return AgendaTiming(start, tuple(slots))


def duration_label(minutes: int) -> str:
    """``45 分钟``, ``1 小时``, ``1 小时 30 分钟``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} 分钟"
    return f"{hours} 小时" + (f" {rest} 分钟" if rest else "")


def minutes_error(value: int | None) -> str | None:
    """The rule for one item's allotted time, in the clerk's words."""
    if value is None:
        return "请填写议题用时（分钟）"
    if not MIN_ITEM_MINUTES <= value <= MAX_ITEM_MINUTES:
        return f"议题用时应为 {MIN_ITEM_MINUTES}–{MAX_ITEM_MINUTES} 分钟"
    return None
