"""导入进度: preview every row (ok / error and why), write all or none on 确认导入."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from alliance_desk.services.commitments.progress_import import (
    ProgressImportPreview,
    ProgressImportResult,
    ProgressRow,
    RowStatus,
    apply_progress_import,
    preview_progress_import,
)
from alliance_desk.services.database import Database
from alliance_desk.ui.models.row_table import Column
from alliance_desk.ui.tasks import Report
from alliance_desk.ui.widgets.import_preview import ImportPreviewDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProgressImportDialog", text)


class ProgressImportDialog(ImportPreviewDialog[ProgressRow]):
    statuses = tuple(RowStatus)
    error_status = RowStatus.ERROR

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            path,
            title=_tr("导入承诺进度 — %1"),
            columns=[
                Column(
                    _tr("行号"), lambda r: str(r.row_number), lambda r: r.row_number,
                    numeric=True,
                ),
                Column(_tr("结果"), lambda r: r.status.label),
                Column(_tr("承诺编号"), lambda r: str(r.commitment_id or ""), searchable=True),
                Column(_tr("承诺内容"), lambda r: r.content, searchable=True),
                Column(
                    _tr("进度日期"),
                    lambda r: f"{r.recorded_on:%Y-%m-%d}" if r.recorded_on else "",
                ),
                Column(_tr("完成进度"), lambda r: "" if r.percent is None else f"{r.percent}%"),
                Column(_tr("状态"), lambda r: r.state.label if r.state else ""),
                Column(_tr("进度说明"), lambda r: r.note, searchable=True),
                Column(_tr("错误原因"), lambda r: r.reason, searchable=True),
            ],
            widths=(50, 60, 70, 200, 90, 70, 70, 180),
            parent=parent,
        )
        self.resize(1040, 620)

    def read(self, report: Report) -> ProgressImportPreview:
        return preview_progress_import(self._db, self._path)

    def write(self, preview: ProgressImportPreview, report: Report) -> ProgressImportResult:
        return apply_progress_import(self._db, preview, report=report)

    def preview_counts(self, preview: ProgressImportPreview) -> str:
        return (
            self.tr("共 %1 行：可导入 %2，有错误 %3。")
            .replace("%1", str(len(preview.rows)))
            .replace("%2", str(preview.ok_count))
            .replace("%3", str(len(preview.error_rows)))
        )

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
