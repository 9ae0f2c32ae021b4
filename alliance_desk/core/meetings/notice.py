"""The notice's 发文日期: the date it was issued, printed as its 落款 whenever it is printed.

It is stored when the meeting is marked 已通知 or the notice is first printed, whichever
comes first, and the clerk may change it. A notice is never dated after its meeting.
"""

from __future__ import annotations

from datetime import date

EARLIEST_NOTICE = date(2000, 1, 1)


def default_notice_date(today: date, meeting_day: date) -> date:
    """Today, or the meeting day for a meeting already past (an old notice printed now)."""
    return min(today, meeting_day)


def notice_date_error(issued_on: date, meeting_day: date) -> str | None:
    if issued_on > meeting_day:
        return (
            f"发文日期（{issued_on:%Y-%m-%d}）不能晚于会议日期（{meeting_day:%Y-%m-%d}）。"
        )
    if issued_on < EARLIEST_NOTICE:
        return f"发文日期不能早于 {EARLIEST_NOTICE:%Y-%m-%d}。"
    return None
