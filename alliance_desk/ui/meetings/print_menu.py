"""打印… for a meeting: notice, agenda, sign-in sheet, minutes, the whole pack, and the
month's agendas of every alliance. Each document: preview, print, or save as PDF.

The jobs come from ``print_jobs`` (imported when a document is asked for); the paths
are the shared ones of ``alliance_desk.ui.printing``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.clock import local_today
from alliance_desk.ui.printing import (
    PrintJob,
    ask_pdf_path,
    preview_document,
    print_document,
    save_pdf_to,
)
from alliance_desk.ui.widgets.buttons import on_click

DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("notice", "会议通知"),
    ("agenda", "会议议程"),
    ("signin", "签到表"),
    ("minutes", "会议纪要"),
    ("pack", "会议材料合订本"),
)


NOTICE_KINDS = ("notice", "pack")


def meeting_job(kind: str, detail: mt.MeetingDetail) -> PrintJob:
    from alliance_desk.ui.meetings.print_jobs import meeting_document_job

    return meeting_document_job(kind, detail)


def month_job(db: Database, year: int, month: int) -> PrintJob:
    from alliance_desk.ui.meetings.print_jobs import month_agendas_job

    return month_agendas_job(db, year, month)


def preview_job(parent: QWidget, job: PrintJob) -> None:
    preview_document(parent, job.build, title=job.title, landscape=job.landscape)


def print_job(parent: QWidget, job: PrintJob) -> None:
    print_document(parent, job.build, title=job.title, landscape=job.landscape)


def save_job(parent: QWidget, job: PrintJob, path: Path | None = None) -> Path | None:
    """另存为 PDF: ask where (unless ``path``), then write through ``write_pdf``."""
    target = path or ask_pdf_path(parent, job.file_name())
    if target is None:
        return None
    return save_pdf_to(parent, job.build, target, landscape=job.landscape)


class MeetingPrintButton(QPushButton):
    """``detail()`` gives the meeting to print (None: nothing selected). Printing the notice
    (alone or in the pack) first stores its 发文日期 and reports the saved meeting."""

    notice_issued = Signal(object)

    def __init__(
        self,
        db: Database,
        detail: Callable[[], mt.MeetingDetail | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("打印…"), parent)
        self._db = db
        self._detail = detail
        self._month: MonthDialog | None = None
        self.setToolTip(self.tr("打印或另存为 PDF（Ctrl+P）"))
        menu = QMenu(self)
        for kind, title in DOCUMENTS:
            sub = menu.addMenu(self.tr(title))
            sub.addAction(self.tr("预览并打印…"), partial(self.run, kind, preview_job))
            sub.addAction(self.tr("直接打印…"), partial(self.run, kind, print_job))
            sub.addAction(self.tr("另存为 PDF…"), partial(self.run, kind, save_job))
        menu.addSeparator()
        self.month_action = menu.addAction(self.tr("打印本月全部议程…"))
        self.month_action.triggered.connect(self.open_month)
        self.setMenu(menu)

    def job(self, kind: str) -> PrintJob | None:
        detail = self._detail()
        try:
            if detail is None:
                raise DomainError(self.tr("请先选择一个会议。"))
            if kind in NOTICE_KINDS and detail.notice_issued_on is None:
                detail = mt.issue_notice(self._db, detail.meeting.id)
                self.notice_issued.emit(detail)
            return meeting_job(kind, detail)
        except DomainError as error:
            QMessageBox.information(self.window(), self.tr("无法打印"), error.message)
            return None

    def run(self, kind: str, how: Callable[[QWidget, PrintJob], object], *_checked: object) -> None:
        job = self.job(kind)
        if job is not None:
            how(self.window(), job)

    def save_pdf(self, kind: str, path: Path | None = None) -> Path | None:
        job = self.job(kind)
        return save_job(self.window(), job, path) if job is not None else None

    def open_month(self, *_checked: object) -> MonthDialog:
        detail = self._detail()
        shown = detail.meeting.starts_at.date() if detail is not None else local_today()
        self._month = MonthDialog(self._db, shown, parent=self.window())
        self._month.open()
        return self._month


class MonthDialog(QDialog):
    """打印本月全部议程: pick a year and month, then preview/print or save one PDF."""

    def __init__(self, db: Database, shown: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("打印本月全部议程"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2099)
        self.year.setValue(shown.year)
        self.year.setSuffix(self.tr(" 年"))
        self.month = QComboBox()
        for number in range(1, 13):
            self.month.addItem(self.tr("%1 月").replace("%1", str(number)), number)
        self.month.setCurrentIndex(shown.month - 1)
        row = QHBoxLayout()
        row.addWidget(self.year)
        row.addWidget(self.month)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.preview_button = buttons.addButton(
            self.tr("预览并打印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = buttons.addButton(
            self.tr("另存为 PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        on_click(self.preview_button, partial(self.run, preview_job))
        on_click(self.save_button, partial(self.run, save_job))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("各联盟在所选月份的全部会议议程，合为一个文件：")))
        layout.addLayout(row)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[int, int]:
        return self.year.value(), int(self.month.currentData())

    def job(self) -> PrintJob | None:
        year, month = self.chosen()
        try:
            return month_job(self._db, year, month)
        except DomainError as error:
            QMessageBox.information(self, self.tr("无法打印"), error.message)
            return None

    def run(self, how: Callable[[QWidget, PrintJob], object], *_checked: object) -> None:
        job = self.job()
        if job is not None:
            how(self, job)

    def save_pdf(self, path: Path) -> Path | None:
        job = self.job()
        return save_job(self, job, path) if job is not None else None
