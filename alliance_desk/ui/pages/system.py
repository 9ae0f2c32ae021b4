"""系统: which database is open, where data and backups live; back up and check now."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_desk import config
from alliance_desk.ui import backup
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.navigation import PageContext
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.register.page_helpers import open_dialog
from alliance_desk.ui.tasks import BackgroundTask
from alliance_desk.ui.widgets.buttons import on_click

if TYPE_CHECKING:
    from alliance_desk.ui.meetings.holidays_dialog import HolidaysDialog


def app_command(arguments: list[str]) -> tuple[str, list[str]]:
    """How to start this program again: the frozen executable, or Python with the CLI."""
    if getattr(sys, "frozen", False):
        return sys.executable, arguments
    return sys.executable, ["-m", "alliance_desk.cli", *arguments]


def _check(url: str) -> list[str]:
    from alliance_desk.services.maintenance import check_database

    return list(check_database(url).chinese_lines)


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

    def _buttons(self) -> QVBoxLayout:
        """Two rows (daily care, then the rarer file actions), so the page fits 800 px."""
        rows = QVBoxLayout()
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
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        on_click(self.restore_button, self.choose_backup)
        if not backup.can_back_up(self.context.database):
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip(
                self.tr("PostgreSQL 数据库请由管理员用 pg_restore 恢复。")
            )
        self.other_button = QPushButton(self.tr("打开其他数据库…"))
        self.other_button.setToolTip(self.tr("在新窗口中打开另一个数据库文件；本窗口不受影响。"))
        on_click(self.other_button, self.choose_other_database)
        for buttons in ((self.backup_button, self.check_button, open_button),
                        (self.restore_button, self.other_button, self.holidays_button)):
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            rows.addLayout(row)
        return rows

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
    def choose_backup(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择要恢复的备份"), str(config.backups_dir()),
            self.tr("数据库备份 (*.sqlite *.db);;所有文件 (*)"),
        )
        if chosen:
            self.ask_restore(Path(chosen))

    def ask_restore(self, source: Path) -> bool:
        """Name both files and what happens, then restore when the clerk agrees."""
        target = self.context.database.sqlite_path
        answer = QMessageBox.question(
            self,
            self.tr("从备份恢复"),
            self.tr(
                "将用备份“{source}”替换当前数据库：\n{target}\n\n"
                "当前数据库会先另存到备份文件夹。恢复期间其他程序不能使用该数据库；"
                "若有其他窗口或导入正在使用它，恢复会被拒绝。确定恢复吗？"
            ).format(source=source.name, target=target),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        window = self.window()
        restore = getattr(window, "restore_backup", None)
        return callable(restore) and restore(source) is not None

    @Slot()
    def choose_other_database(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("打开其他数据库"), str(config.data_dir()),
            self.tr("党建联盟工作台数据库 (*.sqlite *.db);;所有文件 (*)"),
        )
        if chosen:
            self.open_other_database(Path(chosen))

    def open_other_database(self, path: Path) -> bool:
        """Check the file (read-only, as every command does), then open it in a new window
        of its own process: each window keeps its own database and lock."""
        from alliance_desk.core.errors import DomainError
        from alliance_desk.storage.preflight import inspect_sqlite_file

        try:
            inspect_sqlite_file(path, must_exist=True)
        except DomainError as refused:
            show_domain_error(self, refused, title=self.tr("不能打开该数据库"))
            return False
        program, arguments = app_command(["--db", str(path)])
        return QProcess.startDetached(program, arguments)[0]

    @Slot()
    def open_backups(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(config.backups_dir())))
