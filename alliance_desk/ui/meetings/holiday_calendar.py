"""A month calendar that marks public holidays (休) and adjusted working days (班).

The marks come from a ``WorkdayCalendar`` (the package plus the clerk's entries), kept
for the dialog's life: no session is held. Each marked day has a tooltip with its name.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QWidget

from alliance_desk.core.meetings import DayKind, WorkdayCalendar

HOLIDAY_COLOR = QColor("#fde2e2")
HOLIDAY_TEXT = QColor("#c0392b")
ADJUSTED_COLOR = QColor("#e3ecfb")
ADJUSTED_TEXT = QColor("#1f5fbf")


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class HolidayCalendar(QCalendarWidget):
    """``set_calendar(calendar)`` then the visible month shows holidays and 调休 days."""

    def __init__(self, calendar: WorkdayCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._kinds: dict[date, DayKind] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setMaximumDate(QDate(2099, 12, 31))
        self.currentPageChanged.connect(self._mark_page)
        self._mark_page(self.yearShown(), self.monthShown())

    def set_calendar(self, calendar: WorkdayCalendar) -> None:
        self._calendar = calendar
        self._mark_page(self.yearShown(), self.monthShown())

    def day_kind(self, day: date) -> DayKind:
        return self._calendar.day_kind(day)

    def year_note(self, year: int) -> str:
        return self._calendar.year_note(year)

    def marked_days(self) -> dict[date, DayKind]:
        """The special days of the page shown (holidays and adjusted working days)."""
        return dict(self._kinds)

    def _mark_page(self, year: int, month: int) -> None:
        for day in self._kinds:
            self.setDateTextFormat(to_qdate(day), QTextCharFormat())
        self._kinds = {}
        first = date(year, month, 1)
        for offset in range(-7, 45):  # the grid shows parts of the months around
            day = first + timedelta(days=offset)
            kind = self._calendar.day_kind(day)
            if not kind.special:
                continue
            self._kinds[day] = kind
            fmt = QTextCharFormat()
            fmt.setToolTip(kind.label)
            if kind.is_workday:
                fmt.setBackground(QBrush(ADJUSTED_COLOR))
                fmt.setForeground(QBrush(ADJUSTED_TEXT))
            else:
                fmt.setBackground(QBrush(HOLIDAY_COLOR))
                fmt.setForeground(QBrush(HOLIDAY_TEXT))
            self.setDateTextFormat(to_qdate(day), fmt)

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        kind = self._kinds.get(to_date(qdate))
        if kind is None:
            return
        painter.save()
        font = QFont(painter.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.7))
        painter.setFont(font)
        painter.setPen(ADJUSTED_TEXT if kind.is_workday else HOLIDAY_TEXT)
        badge = self.tr("班") if kind.is_workday else self.tr("休")
        painter.drawText(
            rect.adjusted(2, 1, -3, -1),
            int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight),
            badge,
        )
        painter.restore()
