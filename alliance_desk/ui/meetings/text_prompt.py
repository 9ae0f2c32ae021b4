"""A one-line question before a step: the reason to withdraw a notice or reopen minutes,
the name of who approves the minutes. The step runs on OK; a refusal stays in the dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.services import meetings as mt
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.widgets.error_form import ErrorForm


class TextPromptDialog(QDialog):
    """``result_detail`` holds the meeting after the step; ``needs_reload`` after a conflict."""

    def __init__(
        self,
        *,
        title: str,
        caption: str,
        ok_text: str,
        note: str,
        action: Callable[[str], mt.MeetingDetail],
        initial: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._action = action
        self.result_detail: mt.MeetingDetail | None = None
        self.needs_reload = False
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.text = QLineEdit(initial)
        self.text.setMaxLength(200)
        self.form = ErrorForm()
        self.form.add("text", caption, self.text)
        hint = QLabel(note)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.text.setFocus()

    def save(self) -> None:
        self.form.clear_errors()
        if not self.text.text().strip():
            self.form.show_errors({"text": self.tr("请填写此项。")})
            return
        try:
            self.result_detail = self._action(self.text.text())
        except ConflictError as error:
            if offer_reload(self, error):
                self.needs_reload = True
                self.reject()
            return
        except DomainError as error:
            self.form.show_errors({"text": error.message})
            return
        self.accept()
