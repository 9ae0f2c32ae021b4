"""修改发文日期: the date the notice carries as its 落款, whenever it is printed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.meetings import default_notice_date
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.clock import local_today
from alliance_desk.ui.register.date_fields import date_edit, date_of
from alliance_desk.ui.widgets.buttons import on_click


class NoticeDateDialog(QDialog):
    """Saves on 保存; a refusal (after the meeting day, stale) stays in the dialog."""

    def __init__(self, db: Database, detail: mt.MeetingDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._detail = detail
        self.saved: mt.MeetingDetail | None = None
        self.setWindowTitle(self.tr("发文日期"))
        meeting = detail.meeting
        proposed = default_notice_date(local_today(), meeting.starts_at.date())
        self.day = date_edit(detail.notice_issued_on or proposed)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(QLabel(meeting.title))
        form.addRow(self.tr("发文日期："), self.day)
        note = QLabel(self.tr("通知落款处打印此日期，不晚于会议日期。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        on_click(self.save_button, self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.saved = mt.set_notice_date(
                self._db,
                self._detail.meeting.id,
                date_of(self.day),
                expected_version=self._detail.meeting.version,
            )
        except DomainError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
