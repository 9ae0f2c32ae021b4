"""导入进度: preview every row (ok / error and why), write all or none on 确认导入.

Same behaviour as the register's import dialog (background read, rows with errors
shown first and highlighted, nothing written before the click, one transaction).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.services.commitments.progress_import import (
    ProgressImportPreview,
    ProgressImportResult,
    ProgressRow,
    RowStatus,
    apply_progress_import,
    preview_progress_import,
)
from alliance_desk.services.database import Database
from alliance_desk.ui.models.row_table import Column, RowTableModel
from alliance_desk.ui.register.import_dialog import ROWS_SIZED_TO_CONTENT
from alliance_desk.ui.tasks import BackgroundTask, Report
from alliance_desk.ui.widgets.tables import list_table

ERROR_BACKGROUND = QColor("#fdecea")


def _columns() -> list[Column[ProgressRow]]:
    def tr(text: str) -> str:
        return QCoreApplication.translate("ProgressImportDialog", text)

    return [
        Column(tr("行号"), lambda r: str(r.row_number), lambda r: r.row_number, numeric=True),
        Column(tr("结果"), lambda r: r.status.label),
        Column(tr("承诺编号"), lambda r: str(r.commitment_id or ""), searchable=True),
        Column(tr("承诺内容"), lambda r: r.content, searchable=True),
        Column(tr("进度日期"), lambda r: f"{r.recorded_on:%Y-%m-%d}" if r.recorded_on else ""),
        Column(tr("完成进度"), lambda r: "" if r.percent is None else f"{r.percent}%"),
        Column(tr("状态"), lambda r: r.state.label if r.state else ""),
        Column(tr("进度说明"), lambda r: r.note, searchable=True),
        Column(tr("错误原因"), lambda r: r.reason, searchable=True),
    ]


class ProgressImportDialog(QDialog):
    preview_ready = Signal()
    import_done = Signal()

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._path = path
        self.preview: ProgressImportPreview | None = None
        self.result_summary: ProgressImportResult | None = None
        self.setWindowTitle(self.tr("导入承诺进度 — %1").replace("%1", path.name))
        self.resize(1040, 620)
        self.model: RowTableModel[ProgressRow] = RowTableModel(
            _columns(),
            highlighted=lambda r: ERROR_BACKGROUND if r.errors else None,
            parent=self,
        )
        self.summary = QLabel(self.tr("正在读取文件……"))
        self.summary.setWordWrap(True)
        self.show_only = QComboBox()
        self.show_only.addItem(self.tr("显示全部行"), None)
        for status in RowStatus:
            self.show_only.addItem(self.tr("只显示：%1").replace("%1", status.label), status)
        self.show_only.currentIndexChanged.connect(self._filter)
        self.table = list_table(self.model)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((50, 60, 70, 200, 90, 70, 70, 180)):
            self.table.setColumnWidth(column, width)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton(self.tr("确认导入"))
        self.apply_button.setEnabled(False)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_only)
        note = QLabel(
            self.tr("确认前不会写入任何数据；导入时全部行一起写入，任何一行失败则全部不写入。")
        )
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def start(self) -> BackgroundTask:
        task = BackgroundTask(
            self,
            self.tr("正在检查文件中的每一行……"),
            self._read,
            error_title=self.tr("无法读取文件"),
        )
        task.succeeded.connect(self._on_preview)
        task.failed.connect(self._on_preview_failed)
        task.start()
        return task

    def _read(self, _report: Report) -> ProgressImportPreview:
        return preview_progress_import(self._db, self._path)

    @Slot(object)
    def _on_preview(self, preview: ProgressImportPreview) -> None:
        self.preview = preview
        self.model.set_rows(preview.rows)
        if len(preview.rows) <= ROWS_SIZED_TO_CONTENT:
            self.table.resizeRowsToContents()
        errors = len(preview.error_rows)
        text = (
            self.tr("共 %1 行：可导入 %2，有错误 %3。")
            .replace("%1", str(len(preview.rows)))
            .replace("%2", str(preview.ok_count))
            .replace("%3", str(errors))
        )
        if errors:
            text += self.tr("请在 Excel 中改正有错误的行后重新导入。")
        if not preview.rows:
            text = self.tr("文件中没有要导入的行。")
        for warning in preview.warnings:
            text += "\n" + warning
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if errors or not preview.rows else "")
        self.apply_button.setEnabled(preview.can_apply)
        if errors:
            self.show_only.setCurrentIndex(self.show_only.findData(RowStatus.ERROR))
        self.preview_ready.emit()

    @Slot(object)
    def _on_preview_failed(self, _error: BaseException) -> None:
        self.summary.setText(self.tr("文件无法读取，未导入任何数据。"))
        self.preview_ready.emit()

    def _filter(self) -> None:
        status = self.show_only.currentData()
        self.model.set_predicate(None if status is None else lambda r: r.status == status)

    def apply(self) -> None:
        if self.preview is None or not self.preview.can_apply:
            return
        self.apply_button.setEnabled(False)
        task = BackgroundTask(
            self,
            self.tr("正在写入……"),
            self._write,
            error_title=self.tr("导入未完成，未写入任何数据"),
        )
        task.succeeded.connect(self._on_applied)
        task.failed.connect(self._on_apply_failed)
        task.start()

    def _write(self, report: Report) -> ProgressImportResult:
        assert self.preview is not None
        return apply_progress_import(self._db, self.preview, report=report)

    @Slot(object)
    def _on_apply_failed(self, _error: BaseException) -> None:
        self.apply_button.setEnabled(True)

    @Slot(object)
    def _on_applied(self, result: ProgressImportResult) -> None:
        self.result_summary = result
        self.import_done.emit()
        self.accept()

    def describe_result(self) -> str:
        result = self.result_summary
        if result is None:
            return ""
        return (
            self.tr(
                "已导入 %1 行：登记进度 %2 条，履诺 %3 项，其他状态变更 %4 项，涉及承诺 %5 项。"
            )
            .replace("%1", str(result.rows))
            .replace("%2", str(result.progress_added))
            .replace("%3", str(result.fulfilled))
            .replace("%4", str(result.state_changes))
            .replace("%5", str(result.commitments))
        )
