"""What the 联席会议 made of a project's 需求—资源对接 agenda item, in one line."""

from __future__ import annotations

from datetime import datetime

from alliance_desk.core.vocab import MeetingState


def meeting_outcome_text(
    sequence_no: int, starts_at: datetime, state: MeetingState, reached: bool, summary: str
) -> str:
    """``第3次联席会议（5月10日）议定：…``; before the meeting, that it is on the agenda."""
    meeting = f"第{sequence_no}次联席会议（{starts_at.month}月{starts_at.day}日）"
    if state in (MeetingState.DRAFT, MeetingState.NOTIFIED):
        return f"已列入{meeting}议程，待讨论"
    if not reached:
        return f"{meeting}未及讨论"
    summary = " ".join(summary.split())
    return f"{meeting}议定：{summary}" if summary else f"{meeting}已讨论，纪要未记结果"
