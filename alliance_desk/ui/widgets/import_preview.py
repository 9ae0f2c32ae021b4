"""The import dialog every Excel import shares: preview each row, then write all or none.

The file is read and checked on a worker thread; rows with errors are highlighted and
shown first; nothing is written until 确认导入, and then every row is written in one
transaction (or none). A subclass names its columns, how to read and write, and how to
sum up the preview and the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.services.database import Database
from alliance_desk.ui.models.row_table import Column, RowTableModel
from alliance_desk.ui.tasks import BackgroundTask, Report
from alliance_desk.ui.widgets.buttons import on_click

ERROR_BACKGROUND = QColor("#fdecea")
ROWS_SIZED_TO_CONTENT = 2000
"""Above this many rows, wrapping every reason would make the preview slow to appear."""


class PreviewRow(Protocol):
    @property
    def status(self) -> Any: ...


Row = TypeVar("Row", bound=PreviewRow)


class ImportPreviewDialog(QDialog, Generic[Row]):
    """Opened on a file; reads it in the background, writes nothing until 确认导入."""

    preview_ready = Signal()
    import_done = Signal()

    #: The row statuses offered in 只显示 and the one that marks an error.
    statuses: Sequence[Enum] = ()
    error_status: Enum | None = None

    def __init__(
        self,
        db: Database,
        path: Path,
        *,
        title: str,
        columns: list[Column[Row]],
        widths: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._path = path
        self.preview: Any = None
        self.result_summary: Any = None
        self.setWindowTitle(title.replace("%1", path.name))
        self.resize(1000, 620)
        self.model: RowTableModel[Row] = RowTableModel(
            columns,
            highlighted=lambda r: ERROR_BACKGROUND if r.status == self.error_status else None,
            parent=self,
        )
        self.summary = QLabel(self.tr("正在读取文件……"))
        self.summary.setWordWrap(True)
        self.show_only = QComboBox()
        self.show_only.addItem(self.tr("显示全部行"), None)
        for status in self.statuses:
            label = getattr(status, "label", str(status.value))
            self.show_only.addItem(self.tr("只显示：%1").replace("%1", label), status)
        self.show_only.currentIndexChanged.connect(self._filter)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(columns) - 1, QHeaderView.ResizeMode.Stretch
        )
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton(self.tr("确认导入"))
        self.apply_button.setEnabled(False)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        on_click(self.apply_button, self.apply)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        note = QLabel(
            self.tr("确认前不会写入任何数据；导入时全部行一起写入，任何一行失败则全部不写入。")
        )
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        layout.addWidget(buttons)

    # --- what a subclass says --------------------------------------------------------

    def read(self, report: Report) -> Any:
        """Read and check the file (worker thread); returns the preview."""
        raise NotImplementedError

    def write(self, preview: Any, report: Report) -> Any:
        """Write every row of ``preview`` in one transaction (worker thread)."""
        raise NotImplementedError

    def preview_counts(self, preview: Any) -> str:
        """The first sentence of the summary, e.g. ``共 12 行：新增 3，……``."""
        raise NotImplementedError

    def describe_result(self) -> str:
        """What was written, for the page's status bar."""
        raise NotImplementedError

    # --- the shared behaviour ---------------------------------------------------------

    def start(self) -> BackgroundTask:
        task = BackgroundTask(
            self,
            self.tr("正在检查文件中的每一行……"),
            self.read,
            error_title=self.tr("无法读取文件"),
        )
        task.succeeded.connect(self._on_preview)
        task.failed.connect(self._on_preview_failed)
        task.start()
        return task

    @Slot(object)
    def _on_preview(self, preview: Any) -> None:
        self.preview = preview
        self.model.set_rows(preview.rows)
        if len(preview.rows) <= ROWS_SIZED_TO_CONTENT:
            self.table.resizeRowsToContents()
        errors = len(preview.error_rows)
        if preview.rows:
            text = self.preview_counts(preview)
            if errors:
                text += self.tr("请在 Excel 中改正有错误的行后重新导入。")
        else:
            text = self.tr("文件中没有要导入的行。")
        for warning in preview.warnings:
            text += "\n" + warning
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if errors or not preview.rows else "")
        self.apply_button.setEnabled(preview.can_apply)
        if errors:
            self.show_only.setCurrentIndex(self.show_only.findData(self.error_status))
        self.preview_ready.emit()

    @Slot(object)
    def _on_preview_failed(self, _error: BaseException) -> None:
        self.summary.setText(self.tr("文件无法读取，未导入任何数据。"))
        self.preview_ready.emit()

    def _filter(self) -> None:
        status = self.show_only.currentData()
        self.model.set_predicate(None if status is None else lambda r: r.status == status)

    def apply(self) -> None:
        preview = self.preview
        if preview is None or not preview.can_apply:
            return
        self.apply_button.setEnabled(False)
        task = BackgroundTask(
            self,
            self.tr("正在写入……"),
            lambda report: self.write(preview, report),
            error_title=self.tr("导入未完成，未写入任何数据"),
        )
        task.succeeded.connect(self._on_applied)
        task.failed.connect(self._on_apply_failed)
        task.start()

    @Slot(object)
    def _on_apply_failed(self, _error: BaseException) -> None:
        self.apply_button.setEnabled(True)

    @Slot(object)
    def _on_applied(self, result: Any) -> None:
        self.result_summary = result
        self.import_done.emit()
        self.accept()
