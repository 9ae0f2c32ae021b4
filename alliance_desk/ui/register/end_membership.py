"""结束成员关系: ask for the date a unit left; the membership stays as history."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceDetail, MemberRow, end_membership
from alliance_desk.ui.register.alliance_columns import format_date
from alliance_desk.ui.register.date_fields import date_edit, date_of
from alliance_desk.ui.widgets.error_form import ErrorForm


class EndMembershipDialog(QDialog):
    """``saved`` holds the alliance after success; ``needs_reload`` after a conflict."""

    def __init__(self, db: Database, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.member = member
        self.saved: AllianceDetail | None = None
        self.needs_reload = False
        self.setWindowTitle(self.tr("结束成员关系"))
        self.setMinimumWidth(520)

        self.left_on = date_edit()
        self.form = ErrorForm()
        self.form.add("unit", self.tr("成员单位"), QLabel(member.unit_name))
        self.form.add("joined_on", self.tr("加入日期"), QLabel(format_date(member.joined_on)))
        self.form.add("left_on", self.tr("退出日期*"), self.left_on)
        note = QLabel(
            self.tr("退出后该单位仍保留在成员表中（灰色显示），不再参加轮值，历史记录不变。")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("结束成员关系"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.left_on.setFocus()

    def save(self) -> None:
        member = self.member
        try:
            self.saved = end_membership(
                self._db,
                member.membership_id,
                date_of(self.left_on),
                expected_version=member.version,
            )
        except ValidationError as error:
            for message in self.form.show_errors(error.errors):
                QMessageBox.warning(self, self.tr("无法保存"), message)
            return
        except ConflictError as error:
            QMessageBox.warning(self, self.tr("已被他人修改"), error.message)
            self.needs_reload = True
            self.reject()
            return
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法保存"), error.message)
            self.needs_reload = True
            self.reject()
            return
        self.accept()
