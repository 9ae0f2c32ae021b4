"""The small editing dialogs of the four-lists page: fields with their own error lines.

A dialog's ``save`` calls one service; a refused save shows each message at its field
and keeps what the clerk typed; a stale edit (已被他人修改) or another refusal is told in
a message box. On success ``saved`` holds the service's result and the dialog accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.vocab import LabelledEnum
from alliance_desk.services.clock import local_today
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.error_form import ErrorForm


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    d = day or local_today()
    edit.setDate(QDate(d.year, d.month, d.day))
    return edit


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def enum_combo(enum: type[LabelledEnum], current: LabelledEnum | None = None) -> QComboBox:
    box = QComboBox()
    for member in enum:
        box.addItem(member.label, member)
    if current is not None:
        box.setCurrentIndex(box.findData(current))
    return box


def choice_combo(
    choices: Sequence[tuple[Any, str]], current: Any = None, empty: str | None = None
) -> QComboBox:
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, None)
    for value, label in choices:
        box.addItem(label, value)
    if current is not None:
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
    return box


def text_area(text: str = "", height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setFixedHeight(height)
    edit.setTabChangesFocus(True)
    return edit


def count_spin(value: int = 0, maximum: int = 100_000) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setValue(value)
    return spin


class FormDialog(QDialog):
    """A titled form with 保存 / 取消; subclasses add fields and implement ``submit``."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.saved: Any = None
        self.form = ErrorForm()
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #c0392b;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        on_click(self.save_button, self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def submit(self) -> Any:
        raise NotImplementedError

    def save(self) -> None:
        self.form.clear_errors()
        self.general_error.hide()
        try:
            result = self.submit()
        except ValidationError as error:
            unplaced = self.form.show_errors(error.errors)
            if unplaced:
                self.general_error.setText("；".join(unplaced))
                self.general_error.show()
            return
        except DomainError as error:
            if error.field and self.form.show_errors({error.field: error.message}) == []:
                return
            show_domain_error(self, error)
            return
        self.saved = result
        self.accept()


class TextPrompt(FormDialog):
    """One required text (a reason) and, optionally, a date: for state changes."""

    def __init__(
        self,
        title: str,
        label: str,
        action: Callable[[str, date], Any],
        *,
        with_date: bool = False,
        required: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._action = action
        self._required = required
        self.text = self.form.add("reason", label, text_area())
        self.day = date_edit()
        if with_date:
            self.form.add("on", self.tr("日期"), self.day)
        self.save_button.setText(self.tr("确定"))

    def submit(self) -> Any:
        text = self.text.toPlainText().strip()
        if self._required and not text:
            raise ValidationError({"reason": self.tr("请填写原因")})
        return self._action(text, day_of(self.day))


class CheckRow(QCheckBox):
    def __init__(self, text: str, checked: bool = True) -> None:
        super().__init__(text)
        self.setChecked(checked)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def line(text: str = "") -> QLineEdit:
    return QLineEdit(text)
