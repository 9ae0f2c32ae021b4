"""系统: which database is open, where data and backups live; back up and check now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from alliance_desk import config
from alliance_desk.ui import backup
from alliance_desk.ui.navigation import PageContext
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.register.page_helpers import open_dialog
from alliance_desk.ui.tasks import BackgroundTask
from alliance_desk.ui.widgets.buttons import on_click

if TYPE_CHECKING:
    from alliance_desk.ui.meetings.holidays_dialog import HolidaysDialog


def _check(url: str) -> list[str]:
    from alliance_desk.services.maintenance import check_database

    return list(check_database(url).lines)


class SystemPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        database = context.database
        self.add_subtitle(context.area.purpose_text)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        kind = (self.tr("SQLite 数据库文件（本机单人使用）") if database.sqlite_path
                else self.tr("PostgreSQL 数据库服务器（多人共用）"))
        self.rows = {
            "database": database.describe(),
            "kind": kind,
            "actor": database.actor,
            "data_dir": str(config.data_dir()),
            "backups_dir": str(config.backups_dir()),
        }
        captions = {
            "database": self.tr("当前数据库："),
            "kind": self.tr("数据库类型："),
            "actor": self.tr("操作人："),
            "data_dir": self.tr("数据文件夹："),
            "backups_dir": self.tr("备份文件夹："),
        }
        for key, value in self.rows.items():
            label = QLabel(value)
            label.setObjectName(f"system_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(captions[key], label)
        self.layout_.addLayout(form)
        self.layout_.addLayout(self._buttons())
        self.result_label = QLabel()
        self.result_label.setObjectName("systemResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setStyleSheet(
            "#systemResult { background: #f6f6f6; border-radius: 6px; padding: 10px; }"
        )
        self.result_label.hide()
        self.layout_.addWidget(self.result_label)
        self.layout_.addStretch(1)
        self.task: BackgroundTask | None = None
        self.holidays: HolidaysDialog | None = None

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份"))
        on_click(self.backup_button, self.back_up)
        if not backup.can_back_up(self.context.database):
            self.backup_button.setEnabled(False)
            self.backup_button.setToolTip(self.tr("PostgreSQL 数据库请由管理员用 pg_dump 备份。"))
        self.check_button = QPushButton(self.tr("检查数据库"))
        on_click(self.check_button, self.check)
        open_button = QPushButton(self.tr("打开备份文件夹"))
        on_click(open_button, self.open_backups)
        self.holidays_button = QPushButton(self.tr("节假日与调休…"))
        self.holidays_button.setToolTip(
            self.tr("录入国务院公布的放假和调休上班日期；安排会议时优先采用。")
        )
        on_click(self.holidays_button, self.open_holidays)
        for button in (self.backup_button, self.check_button, open_button,
                       self.holidays_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _show_result(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.show()

    @Slot()
    def back_up(self) -> None:
        self.task = backup.start_backup(self, self.context.database)
        self.task.succeeded.connect(
            lambda path: self._show_result(self.tr("已备份到：{path}").format(path=path))
        )

    @Slot()
    def check(self) -> None:
        url = self.context.database.url
        self.task = BackgroundTask(self, self.tr("正在检查数据库……"), lambda _report: _check(url),
                                   error_title=self.tr("无法检查数据库"))
        self.task.succeeded.connect(lambda lines: self._show_result("\n".join(lines)))
        self.task.start()

    @Slot()
    def open_holidays(self) -> HolidaysDialog:
        """节假日与调休…: window-modal, not blocking; returned for the caller (and tests)."""
        from alliance_desk.ui.meetings.holidays_dialog import HolidaysDialog

        self.holidays = HolidaysDialog(self.context.database, parent=self)
        return open_dialog(self.holidays, self._after_holidays)

    @Slot(int)
    def _after_holidays(self, _result: int) -> None:
        self.holidays = None

    @Slot()
    def open_backups(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(config.backups_dir())))
