"""导入成员单位: preview every row (new / update / error and why), then write all or none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from alliance_desk.services import Database
from alliance_desk.services.register_io import (
    ImportPreview,
    ImportResult,
    ImportRow,
    RowStatus,
    apply_units_import,
    preview_units_import,
)
from alliance_desk.ui.models.row_table import Column
from alliance_desk.ui.tasks import Report
from alliance_desk.ui.widgets.import_preview import ImportPreviewDialog


def _detail(row: ImportRow) -> str:
    if row.status is RowStatus.ERROR:
        return row.reason
    if row.status is RowStatus.UPDATE:
        return "、".join(row.change_labels) if row.changes else "（无变化）"
    return ""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ImportDialog(ImportPreviewDialog[ImportRow]):
    """Opened on a file; reads it in the background, writes nothing until 确认导入."""

    statuses = tuple(RowStatus)
    error_status = RowStatus.ERROR

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            path,
            title=_tr("导入成员单位 — %1"),
            columns=[
                Column(
                    _tr("行号"),
                    lambda r: str(r.row_number),
                    lambda r: r.row_number,
                    numeric=True,
                ),
                Column(_tr("结果"), lambda r: r.status.label),
                Column(_tr("单位名称"), lambda r: r.data.name, searchable=True),
                Column(_tr("类别"), lambda r: r.data.category.label if r.data.category else ""),
                Column(_tr("所属联盟"), lambda r: "、".join(r.alliance_names)),
                Column(_tr("变更内容 / 错误原因"), _detail, searchable=True),
            ],
            widths=(60, 70, 240, 90, 200),
            parent=parent,
        )
        self.resize(980, 620)

    def read(self, report: Report) -> ImportPreview:
        return preview_units_import(self._db, self._path)

    def write(self, preview: ImportPreview, report: Report) -> ImportResult:
        return apply_units_import(self._db, preview)

    def preview_counts(self, preview: ImportPreview) -> str:
        return (
            self.tr("共 %1 行：新增 %2，更新 %3，有错误 %4。")
            .replace("%1", str(len(preview.rows)))
            .replace("%2", str(preview.new_count))
            .replace("%3", str(preview.update_count))
            .replace("%4", str(len(preview.error_rows)))
        )

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
