"""Small dialogs of the commitment page: a date with a reason (延期, 取消, 履诺)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.ui.register.date_fields import date_edit, date_of
from alliance_desk.ui.widgets.error_form import ErrorForm


class DateReasonDialog(QDialog):
    """A date and/or a reason. OK calls ``save(dialog)``; when that raises a
    ``DomainError`` the message shows at its field and the dialog stays open with what
    was typed. ``field_map`` maps a service's field name to ``"day"`` or ``"reason"``."""

    def __init__(
        self,
        title: str,
        explanation: str,
        *,
        date_label: str | None = None,
        day: date | None = None,
        reason_label: str | None = None,
        save: Callable[[DateReasonDialog], object],
        field_map: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.day = date_edit(day) if date_label else None
        self.reason = QPlainTextEdit() if reason_label else None
        if self.reason is not None:
            self.reason.setFixedHeight(80)
        self.form = ErrorForm()
        if self.day is not None and date_label:
            self.form.add("day", date_label, self.day)
        if self.reason is not None and reason_label:
            self.form.add("reason", reason_label, self.reason)
        text = QLabel(explanation)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self._save = save
        self._field_map = {"reason": "reason", **(field_map or {})}

    def day_value(self) -> date | None:
        return date_of(self.day) if self.day is not None else None

    def reason_value(self) -> str:
        return self.reason.toPlainText().strip() if self.reason is not None else ""

    def _confirm(self) -> None:
        if self.reason is not None and not self.reason_value():
            self.form.show_errors({"reason": self.tr("请填写原因")})
            return
        try:
            self._save(self)
        except DomainError as error:
            key = self._field_map.get(error.field or "", "day" if self.day else "reason")
            for message in self.form.show_errors({key: error.message}):
                QMessageBox.warning(self, self.tr("未能保存"), message)
            return
        self.accept()
