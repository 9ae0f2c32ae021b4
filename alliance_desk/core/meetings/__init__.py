"""Joint meetings (联席会议): the state machine, agenda timing and the workday calendar.

Pure Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from alliance_desk.core.meetings.notice import default_notice_date, notice_date_error
from alliance_desk.core.meetings.states import (
    EDITABLE_IN,
    TRANSITIONS,
    MeetingEdit,
    MeetingFacts,
    MeetingStep,
    Precondition,
    Transition,
    check_step,
    edit_refusal,
    refusals,
    require_edit,
    steps_from,
)
from alliance_desk.core.meetings.timing import (
    AgendaTiming,
    TimeSlot,
    agenda_timing,
    duration_label,
    minutes_error,
)
from alliance_desk.core.meetings.workdays import (
    FALLBACK_NOTE,
    DayKind,
    DaySource,
    Override,
    WorkdayCalendar,
    day_kind,
    package_years,
)

__all__ = [
    "EDITABLE_IN",
    "FALLBACK_NOTE",
    "TRANSITIONS",
    "AgendaTiming",
    "DayKind",
    "DaySource",
    "MeetingEdit",
    "MeetingFacts",
    "MeetingStep",
    "Override",
    "Precondition",
    "TimeSlot",
    "Transition",
    "WorkdayCalendar",
    "agenda_timing",
    "check_step",
    "day_kind",
    "default_notice_date",
    "duration_label",
    "edit_refusal",
    "minutes_error",
    "notice_date_error",
    "package_years",
    "refusals",
    "require_edit",
    "steps_from",
]
