"""添加进度: date, what was done, percentage, evidence note and an optional file.

The file is copied into the data folder by the service
(``services.commitments.attachments``) in the same save as the progress line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.services.commitments.attachments import add_progress_with_attachment
from alliance_desk.services.commitments.records import CommitmentDetail, local_today
from alliance_desk.services.database import Database
from alliance_desk.ui.file_dialogs import open_file_name
from alliance_desk.ui.register.date_fields import date_edit, date_of
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.error_form import ErrorForm

_FIELDS = {"recorded_on", "note", "percent", "evidence_note", "attachment"}


class ProgressDialog(QDialog):
    """``saved`` holds the commitment after 保存."""

    def __init__(
        self, db: Database, detail: CommitmentDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._detail = detail
        self.saved: CommitmentDetail | None = None
        self.setWindowTitle(self.tr("添加进度"))
        self.setMinimumWidth(560)
        last = detail.progress[-1] if detail.progress else None
        self.recorded_on = date_edit(local_today())
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            self.tr("本次做了什么，如“3 月 12 日组织 15 名志愿者上门服务”")
        )
        self.note.setFixedHeight(90)
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(last.percent if last else 0)
        self.evidence_note = QLineEdit()
        self.evidence_note.setPlaceholderText(self.tr("如：签到表、照片、验收单"))
        self.attachment = QLineEdit()
        self.attachment.setReadOnly(True)
        self.attachment.setPlaceholderText(self.tr("（不附文件）"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
        on_click(self.choose_button, self.choose_file)
        self.clear_button = QPushButton(self.tr("不附文件"))
        on_click(self.clear_button, self.attachment.clear)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.attachment, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)

        self.form = ErrorForm()
        self.form.add("recorded_on", self.tr("进度日期*"), self.recorded_on)
        self.form.add("note", self.tr("进展情况*"), self.note)
        self.form.add("percent", self.tr("完成进度*"), self.percent)
        self.form.add("evidence_note", self.tr("佐证说明"), self.evidence_note)
        self.form.add("attachment", self.tr("佐证文件"), file_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        path = open_file_name(self, self.tr("选择佐证文件"), self.tr("所有文件 (*)"))
        if path:
            self.set_attachment(Path(path))

    def set_attachment(self, path: Path | None) -> None:
        self.attachment.setText(str(path) if path else "")

    def save(self) -> None:
        file_text = self.attachment.text().strip()
        try:
            self.saved = add_progress_with_attachment(
                self._db,
                self._detail.id,
                recorded_on=date_of(self.recorded_on),
                note=self.note.toPlainText(),
                percent=self.percent.value(),
                evidence_note=self.evidence_note.text(),
                attachment=Path(file_text) if file_text else None,
                expected_version=self._detail.version,
            )
        except ConflictError as error:
            QMessageBox.warning(
                self, self.tr("未能保存"), error.message + self.tr("请关闭后重新打开该承诺。")
            )
            return
        except DomainError as error:
            if error.field in _FIELDS:
                self.form.show_errors({error.field: error.message})
            else:
                QMessageBox.warning(self, self.tr("未能保存"), error.message)
            return
        self.accept()
