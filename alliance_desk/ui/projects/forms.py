"""A small form dialog: fields with their errors under them, one service call on 保存.

A ``DomainError`` naming a field shows at that field; anything else in a message box.
Whatever the clerk typed stays in the dialog until the save succeeds or they cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.services.clock import local_today
from alliance_desk.ui.widgets.error_form import ErrorForm


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    day = day or local_today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


class OptionalDate(QWidget):
    """A date that may be left empty (a checkbox turns it on)."""

    def __init__(self, label: str, day: date | None = None) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.edit = date_edit(day)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None


def choice(
    items: Sequence[tuple[str, Any]], current: Any = None, *, searchable: bool = False
) -> QComboBox:
    box = QComboBox()
    for label, data in items:
        box.addItem(label, data)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    if searchable:
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = box.completer()
        if completer is not None:
            from PySide6.QtCore import Qt

            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
    return box


def combo_value(box: QComboBox) -> Any:
    if box.isEditable():
        index = box.findText(box.currentText())
        return box.itemData(index) if index >= 0 else None
    return box.currentData()


def text_edit(text: str = "", height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


def line(text: str = "") -> QLineEdit:
    return QLineEdit(text)


def spin(value: int = 0, low: int = 0, high: int = 100, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def number(
    value: float = 0.0, low: float = 0.0, high: float = 100.0, decimals: int = 1
) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setValue(value)
    return box


class FormDialog(QDialog):
    """``FormDialog(parent, title, save)``; ``add(key, label, widget)``; ``exec()``.

    ``save()`` reads the widgets and calls a service; it returns nothing or raises.
    """

    def __init__(self, parent: QWidget | None, title: str, save: Callable[[], object]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._save = save
        self.result_value: object = None
        layout = QVBoxLayout(self)
        self.form = ErrorForm()
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add(self, key: str, label: str, widget: QWidget) -> Any:
        self.form.add(key, label, widget)
        return widget

    def try_save(self) -> None:
        try:
            self.result_value = self._save()
        except DomainError as error:
            unplaced = self.form.show_errors({error.field or "": error.message})
            if unplaced:
                QMessageBox.warning(self, self.tr("未能保存"), "\n".join(unplaced))
            return
        self.accept()
