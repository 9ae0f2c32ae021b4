"""The meeting list's columns and row colours."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from alliance_desk.core.text import short_alliance_name
from alliance_desk.core.vocab import MeetingState
from alliance_desk.services import meetings as mt
from alliance_desk.ui.models.row_table import Column

STATE_COLORS = {
    MeetingState.DRAFT: QColor("#fff6e0"),
    MeetingState.NOTIFIED: QColor("#e3ecfb"),
}
LATE_COLOR = QColor("#f6c9c9")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeetingsPage", text)


def meeting_colour(row: mt.MeetingRow, today: date) -> QColor | None:
    """Red: dated in the past and still not held; pale: a draft or a notified meeting."""
    pending = row.state in (MeetingState.DRAFT, MeetingState.NOTIFIED)
    if pending and row.starts_at.date() < today:
        return LATE_COLOR
    return STATE_COLORS.get(row.state)


def meeting_columns() -> list[Column[mt.MeetingRow]]:
    """What a clerk looks for first (which alliance, when, how far) before host and place."""
    return [
        Column(
            _tr("联盟"),
            lambda r: short_alliance_name(r.alliance_name),
            sort_key=lambda r: (r.alliance_name, r.sequence_no),
            searchable=True,
        ),
        Column(
            _tr("次数"),
            lambda r: r.number_label,
            sort_key=lambda r: (r.sequence_no, r.alliance_name),
            numeric=True,
        ),
        Column(
            _tr("时间"), lambda r: f"{r.starts_at:%Y-%m-%d %H:%M}", sort_key=lambda r: r.starts_at
        ),
        Column(
            _tr("状态"),
            lambda r: r.state.label,
            searchable=True,
            sort_key=lambda r: (list(MeetingState).index(r.state), r.starts_at),
        ),
        Column(_tr("主持单位"), lambda r: r.host_name, searchable=True),
        Column(_tr("地点"), lambda r: r.place, searchable=True),
    ]
