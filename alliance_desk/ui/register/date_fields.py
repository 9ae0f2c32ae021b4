"""Date inputs the same everywhere: calendar popup, yyyy-MM-dd, Python dates in and out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from alliance_desk.services.clock import local_today

DATE_FORMAT = "yyyy-MM-dd"


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar popup, showing ``value`` (today when None)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(QDate(1949, 10, 1))
    edit.setMaximumDate(QDate(2099, 12, 31))
    set_date(edit, value or local_today())
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000-00-00") + 56)
    return edit


def set_date(edit: QDateEdit, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def date_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
