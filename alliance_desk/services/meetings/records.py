"""What the meeting services give back: plain frozen dataclasses, no ORM objects.

``MeetingDetail`` holds everything a printed notice, agenda, sign-in sheet or minutes
needs; the document builders read it and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from alliance_desk.core.commitments import is_overdue
from alliance_desk.core.meetings import AgendaTiming, DayKind, MeetingStep, TimeSlot, steps_from
from alliance_desk.core.vocab import (
    AgendaKind,
    AgendaOrigin,
    AttendanceState,
    CommitmentDirection,
    CommitmentState,
    MeetingState,
)
from alliance_desk.services.meetings.inputs import AgendaInput

WEEKDAYS = "一二三四五六日"
ATTENDED = frozenset({AttendanceState.PRESENT, AttendanceState.DELEGATED})


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    alliance_id: int
    alliance_name: str
    sequence_no: int
    starts_at: datetime
    place: str
    host_unit_id: int | None
    host_name: str
    state: MeetingState
    version: int
    agenda_count: int = 0

    @property
    def number_label(self) -> str:
        return f"第{self.sequence_no}次"

    @property
    def title(self) -> str:
        """``城东联盟第3次联席会议``."""
        return f"{self.alliance_name}{self.number_label}联席会议"

    @property
    def when_label(self) -> str:
        """``2026年11月20日（星期五）09:00``."""
        at = self.starts_at
        return f"{at.year}年{at.month}月{at.day}日（星期{WEEKDAYS[at.weekday()]}）{at:%H:%M}"

    @property
    def steps(self) -> tuple[MeetingStep, ...]:
        return steps_from(self.state)


@dataclass(frozen=True, slots=True)
class AgendaSlot:
    id: int
    position: int
    title: str
    kind: AgendaKind
    presenter_unit_id: int | None
    presenter_name: str
    minutes_allotted: int
    origin: AgendaOrigin
    summary: str
    reached: bool
    version: int
    start: datetime
    end: datetime

    @property
    def time_label(self) -> str:
        """``09:00–09:15``."""
        return TimeSlot(self.start, self.end).label


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """A member unit's line; ``state`` None until recorded."""

    unit_id: int
    unit_name: str
    state: AttendanceState | None
    attendee: str = ""
    member: bool = True
    """False for a unit recorded earlier whose membership no longer covers the date."""
    id: int | None = None
    version: int | None = None

    @property
    def recorded(self) -> bool:
        return self.state is not None

    @property
    def attended(self) -> bool:
        return self.state in ATTENDED


@dataclass(frozen=True, slots=True)
class GuestRow:
    id: int
    name: str
    attendee: str
    version: int


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    id: int
    promisor_unit_id: int
    promisor_name: str
    promisee_unit_id: int
    promisee_name: str
    direction: CommitmentDirection
    content: str
    category: str
    made_on: date
    due_on: date
    state: CommitmentState
    version: int
    source_decision_id: int | None = None

    def overdue(self, today: date) -> bool:
        return is_overdue(self.state, self.due_on, today)


@dataclass(frozen=True, slots=True)
class DecisionRow:
    id: int
    position: int
    content: str
    version: int
    commitments: tuple[CommitmentRow, ...] = ()


@dataclass(frozen=True, slots=True)
class MinutesRow:
    id: int
    summary: str
    approved_at: datetime | None
    approved_by: str
    version: int

    @property
    def locked(self) -> bool:
        return self.approved_at is not None


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    meeting: MeetingRow
    host_note: str
    contact: str
    day: DayKind
    timing: AgendaTiming
    agenda: tuple[AgendaSlot, ...]
    attendance: tuple[AttendanceRow, ...]
    """Every member unit on the meeting date (rotation order), recorded or not."""
    guests: tuple[GuestRow, ...]
    minutes: MinutesRow | None
    decisions: tuple[DecisionRow, ...]
    notice_issued_on: date | None = None
    """发文日期 of the notice (None until marked 已通知 or first printed)."""

    @property
    def members(self) -> tuple[AttendanceRow, ...]:
        return tuple(row for row in self.attendance if row.member)

    @property
    def unrecorded(self) -> tuple[str, ...]:
        return tuple(row.unit_name for row in self.members if not row.recorded)

    @property
    def attended_count(self) -> int:
        return sum(1 for row in self.members if row.attended)

    @property
    def attendance_rate(self) -> float | None:
        """Attending (present or delegated) member units / member units; None without any."""
        members = self.members
        return self.attended_count / len(members) if members else None


@dataclass(frozen=True, slots=True)
class AgendaSuggestion:
    """An item offered when a meeting is created; ``add_agenda_items([s.item])`` accepts it."""

    item: AgendaInput
    reason: str
    commitments: tuple[CommitmentRow, ...] = ()
    """For the action review: the open commitments, overdue first."""
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class ScheduleResult:
    """``meeting`` is None when nothing was saved: the day needs the clerk's confirmation."""

    meeting: MeetingDetail | None
    day: DayKind
    needs_confirmation: bool = False
    suggestions: tuple[AgendaSuggestion, ...] = ()

    @property
    def warning(self) -> str:
        """What to ask or show: a non-working day, and/or that the year has no calendar."""
        parts = []
        if not self.day.is_workday:
            parts.append(f"所选日期是{self.day.label}，确定在这一天开会吗？")
        if self.day.note:
            parts.append(f"（{self.day.note}）")
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class MinutesSaved:
    """After an autosave: the version to send next time and the ids of the decisions."""

    version: int
    decision_ids: tuple[int, ...]
    changed: bool


@dataclass(frozen=True, slots=True)
class MeetingEvent:
    """One change of state, from the audit trail; ``reason`` for the backward steps."""

    at: datetime
    """Time-zone aware (UTC, as the audit trail stores it); show ``services.clock.in_china(at)``."""
    actor: str
    before: MeetingState | None
    after: MeetingState
    reason: str = ""
