"""导入成员单位: preview every row (new / update / error and why), then write all or none."""

from __future__ import annotations

from pathlib import Path

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

from alliance_desk.services import Database
from alliance_desk.services.register_io import (
    ImportPreview,
    ImportResult,
    ImportRow,
    RowStatus,
    apply_units_import,
    preview_units_import,
)
from alliance_desk.ui.models.row_table import Column, RowTableModel
from alliance_desk.ui.tasks import BackgroundTask

_ERROR_BACKGROUND = QColor("#fdecea")
ROWS_SIZED_TO_CONTENT = 2000
"""Above this many rows, wrapping every reason would make the preview slow to appear."""


def _detail(row: ImportRow) -> str:
    if row.status is RowStatus.ERROR:
        return row.reason
    if row.status is RowStatus.UPDATE:
        return "、".join(row.change_labels) if row.changes else "（无变化）"
    return ""


class ImportDialog(QDialog):
    """Opened on a file; reads it in the background, writes nothing until 确认导入."""

    preview_ready = Signal()
    import_done = Signal()

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._path = path
        self.preview: ImportPreview | None = None
        self.result_summary: ImportResult | None = None
        self.setWindowTitle(self.tr("导入成员单位 — %1").replace("%1", path.name))
        self.resize(980, 620)

        self.model: RowTableModel[ImportRow] = RowTableModel(
            [
                Column(
                    self.tr("行号"),
                    lambda r: str(r.row_number),
                    lambda r: r.row_number,
                    numeric=True,
                ),
                Column(self.tr("结果"), lambda r: r.status.label),
                Column(self.tr("单位名称"), lambda r: r.data.name, searchable=True),
                Column(self.tr("类别"), lambda r: r.data.category.label if r.data.category else ""),
                Column(self.tr("所属联盟"), lambda r: "、".join(r.alliance_names)),
                Column(self.tr("变更内容 / 错误原因"), _detail, searchable=True),
            ],
            highlighted=lambda r: _ERROR_BACKGROUND if r.status is RowStatus.ERROR else None,
            parent=self,
        )
        self.summary = QLabel(self.tr("正在读取文件……"))
        self.summary.setWordWrap(True)
        self.show_only = QComboBox()
        self.show_only.addItem(self.tr("显示全部行"), None)
        for status in RowStatus:
            self.show_only.addItem(self.tr("只显示：%1").replace("%1", status.label), status)
        self.show_only.currentIndexChanged.connect(self._filter)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((60, 70, 240, 90, 200)):
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
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        note = QLabel(
            self.tr("确认前不会写入任何数据；导入时全部行一起写入，任何一行失败则全部不写入。")
        )
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        layout.addWidget(buttons)

    def start(self) -> BackgroundTask:
        task = BackgroundTask(
            self,
            self.tr("正在检查文件中的每一行……"),
            lambda _report: preview_units_import(self._db, self._path),
            error_title=self.tr("无法读取文件"),
        )
        task.succeeded.connect(self._on_preview)
        task.failed.connect(self._on_preview_failed)
        task.start()
        return task

    @Slot(object)
    def _on_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.model.set_rows(preview.rows)
        if len(preview.rows) <= ROWS_SIZED_TO_CONTENT:
            self.table.resizeRowsToContents()
        errors = len(preview.error_rows)
        text = self.tr("共 %1 行：新增 %2，更新 %3，有错误 %4。").replace(
            "%1", str(len(preview.rows))
        )
        text = text.replace("%2", str(preview.new_count)).replace("%3", str(preview.update_count))
        text = text.replace("%4", str(errors))
        if errors:
            text += self.tr("请在 Excel 中改正有错误的行后重新导入。")
        for warning in preview.warnings:
            text += "\n" + warning
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;" if errors else "")
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
        preview = self.preview
        if preview is None or not preview.can_apply:
            return
        self.apply_button.setEnabled(False)
        task = BackgroundTask(
            self,
            self.tr("正在写入……"),
            lambda _report: apply_units_import(self._db, preview),
            error_title=self.tr("导入未完成，未写入任何数据"),
        )
        task.succeeded.connect(self._on_applied)
        task.failed.connect(self._on_apply_failed)
        task.start()

    @Slot(object)
    def _on_apply_failed(self, _error: BaseException) -> None:
        self.apply_button.setEnabled(True)

    @Slot(object)
    def _on_applied(self, result: ImportResult) -> None:
        self.result_summary = result
        self.import_done.emit()
        self.accept()

    def describe_result(self) -> str:
        result = self.result_summary
        if result is None:
            return ""
        return (
            self.tr("已导入：新增 %1 个单位，更新 %2 个，未变 %3 个，加入联盟 %4 次。")
            .replace("%1", str(result.created))
            .replace("%2", str(result.updated))
            .replace("%3", str(result.unchanged))
            .replace("%4", str(result.memberships_added))
        )
