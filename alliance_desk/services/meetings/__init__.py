"""联席会议: schedule, agenda, notice, attendance, minutes, decisions → commitments.

Every public function is one unit of work on a ``Database`` and returns dataclasses
(``records``); rules live in ``alliance_desk.core.meetings``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alliance_desk.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from alliance_desk.services.meetings.agenda import (
        ACTION_REVIEW_TITLE,
        add_agenda_items,
        delete_agenda_item,
        reorder_agenda,
        suggested_items,
        update_agenda_item,
        validate_item,
    )
    from alliance_desk.services.meetings.attendance import (
        AttendanceRates,
        AttendanceTally,
        MeetingAttendance,
        UnitAttendance,
        attendance_rates,
        record_attendance,
    )
    from alliance_desk.services.meetings.batch import meetings_in_month
    from alliance_desk.services.meetings.calendar import day_kind_on, workday_calendar
    from alliance_desk.services.meetings.commitments import create_commitments_from_decision
    from alliance_desk.services.meetings.inputs import (
        AgendaInput,
        AttendanceInput,
        CommitmentInput,
        DecisionInput,
        GuestInput,
    )
    from alliance_desk.services.meetings.lifecycle import (
        approve_minutes,
        hold_meeting,
        issue_notice,
        meeting_history,
        notify,
        reopen_minutes,
        set_notice_date,
        withdraw_notice,
    )
    from alliance_desk.services.meetings.minutes import decide, save_minutes_draft
    from alliance_desk.services.meetings.reading import (
        get_meeting,
        list_meetings,
        next_meeting_by_alliance,
    )
    from alliance_desk.services.meetings.records import (
        AgendaSlot,
        AgendaSuggestion,
        AttendanceRow,
        CommitmentRow,
        DecisionRow,
        GuestRow,
        MeetingDetail,
        MeetingEvent,
        MeetingRow,
        MinutesRow,
        MinutesSaved,
        ScheduleResult,
    )
    from alliance_desk.services.meetings.scheduling import (
        delete_meeting,
        schedule_meeting,
        update_meeting,
    )

__getattr__ = lazy_exports(
    __name__,
    {
        "agenda": (
            "ACTION_REVIEW_TITLE",
            "add_agenda_items",
            "delete_agenda_item",
            "reorder_agenda",
            "suggested_items",
            "update_agenda_item",
            "validate_item",
        ),
        "attendance": (
            "AttendanceRates",
            "AttendanceTally",
            "MeetingAttendance",
            "UnitAttendance",
            "attendance_rates",
            "record_attendance",
        ),
        "batch": ("meetings_in_month",),
        "calendar": ("day_kind_on", "workday_calendar"),
        "commitments": ("create_commitments_from_decision",),
        "inputs": (
            "AgendaInput",
            "AttendanceInput",
            "CommitmentInput",
            "DecisionInput",
            "GuestInput",
        ),
        "lifecycle": (
            "approve_minutes",
            "hold_meeting",
            "issue_notice",
            "meeting_history",
            "notify",
            "reopen_minutes",
            "set_notice_date",
            "withdraw_notice",
        ),
        "minutes": ("decide", "save_minutes_draft"),
        "reading": ("get_meeting", "list_meetings", "next_meeting_by_alliance"),
        "records": (
            "AgendaSlot",
            "AgendaSuggestion",
            "AttendanceRow",
            "CommitmentRow",
            "DecisionRow",
            "GuestRow",
            "MeetingDetail",
            "MeetingEvent",
            "MeetingRow",
            "MinutesRow",
            "MinutesSaved",
            "ScheduleResult",
        ),
        "scheduling": ("delete_meeting", "schedule_meeting", "update_meeting"),
    },
)

__all__ = [
    "ACTION_REVIEW_TITLE",
    "AgendaInput",
    "AgendaSlot",
    "AgendaSuggestion",
    "AttendanceInput",
    "AttendanceRates",
    "AttendanceRow",
    "AttendanceTally",
    "CommitmentInput",
    "CommitmentRow",
    "DecisionInput",
    "DecisionRow",
    "GuestInput",
    "GuestRow",
    "MeetingAttendance",
    "MeetingDetail",
    "MeetingEvent",
    "MeetingRow",
    "MinutesRow",
    "MinutesSaved",
    "ScheduleResult",
    "UnitAttendance",
    "add_agenda_items",
    "approve_minutes",
    "attendance_rates",
    "create_commitments_from_decision",
    "day_kind_on",
    "decide",
    "delete_agenda_item",
    "delete_meeting",
    "get_meeting",
    "hold_meeting",
    "issue_notice",
    "list_meetings",
    "meeting_history",
    "meetings_in_month",
    "next_meeting_by_alliance",
    "notify",
    "record_attendance",
    "reopen_minutes",
    "reorder_agenda",
    "save_minutes_draft",
    "schedule_meeting",
    "set_notice_date",
    "suggested_items",
    "update_agenda_item",
    "update_meeting",
    "validate_item",
    "withdraw_notice",
    "workday_calendar",
]
