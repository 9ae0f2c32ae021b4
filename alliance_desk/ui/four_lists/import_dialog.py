"""导入需求: preview every row (ok / error and why), write all or none on 确认导入."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from alliance_desk.services.commitments import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.needs_import import (
    NeedImportPreview,
    NeedImportRow,
    RowStatus,
    apply_needs_import,
    preview_needs_import,
)
from alliance_desk.ui.models.row_table import Column
from alliance_desk.ui.tasks import Report
from alliance_desk.ui.widgets.import_preview import ImportPreviewDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("NeedsImportDialog", text)


class NeedsImportDialog(ImportPreviewDialog[NeedImportRow]):
    statuses = tuple(RowStatus)
    error_status = RowStatus.ERROR

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            path,
            title=_tr("导入需求 — %1"),
            columns=[
                Column(
                    _tr("行号"), lambda r: str(r.row_number), lambda r: r.row_number, numeric=True
                ),
                Column(_tr("结果"), lambda r: r.status.label),
                Column(_tr("需求名称"), lambda r: r.title, searchable=True),
                Column(_tr("所属联盟"), lambda r: r.alliance_name, searchable=True),
                Column(_tr("类别"), lambda r: r.data.category if r.data else ""),
                Column(_tr("来源"), lambda r: r.data.source.label if r.data else ""),
                Column(_tr("错误原因"), lambda r: r.reason, searchable=True),
            ],
            widths=(50, 60, 220, 160, 80, 80),
            parent=parent,
        )
        self._today = local_today()

    def read(self, report: Report) -> NeedImportPreview:
        return preview_needs_import(self._db, self._path, today=self._today)

    def write(self, preview: NeedImportPreview, report: Report) -> int:
        return apply_needs_import(self._db, preview, today=self._today, report=report)

    def preview_counts(self, preview: NeedImportPreview) -> str:
        return (
            self.tr("共 %1 行：可导入 %2，有错误 %3。")
            .replace("%1", str(len(preview.rows)))
            .replace("%2", str(preview.ok_count))
            .replace("%3", str(len(preview.error_rows)))
        )

    def describe_result(self) -> str:
        if self.result_summary is None:
            return ""
        return self.tr("已导入需求 %1 条。").replace("%1", str(self.result_summary))
