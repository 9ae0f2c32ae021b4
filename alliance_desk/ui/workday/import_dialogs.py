"""导入在职党员 / 导入签到表: the shared import-preview dialog over the workday imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from alliance_desk.services.clock import local_today
from alliance_desk.services.commitments.progress_import import RowStatus
from alliance_desk.services.database import Database
from alliance_desk.services.workday.attendance_import import (
    AttendanceImportRow,
    apply_attendance_import,
    preview_attendance_import,
)
from alliance_desk.services.workday.members_import import (
    MemberImportRow,
    apply_members_import,
    preview_members_import,
)
from alliance_desk.ui.models.row_table import Column
from alliance_desk.ui.tasks import Report
from alliance_desk.ui.widgets.import_preview import ImportPreviewDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkdayImport", text)


def _number(r: Any) -> str:
    return str(r.row_number)


class _Counts:
    def preview_counts(self, preview: Any) -> str:
        return (
            _tr("共 %1 行：可导入 %2，有错误 %3。")
            .replace("%1", str(len(preview.rows)))
            .replace("%2", str(preview.ok_count))
            .replace("%3", str(len(preview.error_rows)))
        )


class MembersImportDialog(_Counts, ImportPreviewDialog[MemberImportRow]):
    statuses = tuple(RowStatus)
    error_status = RowStatus.ERROR

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            path,
            title=_tr("导入在职党员 — %1"),
            columns=[
                Column(_tr("行号"), _number, lambda r: r.row_number, numeric=True),
                Column(_tr("结果"), lambda r: r.status.label),
                Column(_tr("姓名"), lambda r: r.name, searchable=True),
                Column(_tr("工作单位"), lambda r: r.unit_name, searchable=True),
                Column(_tr("报到社区"), lambda r: r.community_name, searchable=True),
                Column(_tr("错误原因"), lambda r: r.reason, searchable=True),
            ],
            widths=(50, 60, 100, 200, 140),
            parent=parent,
        )
        self._today = local_today()

    def read(self, report: Report) -> Any:
        return preview_members_import(self._db, self._path, today=self._today)

    def write(self, preview: Any, report: Report) -> int:
        return apply_members_import(self._db, preview, report=report)

    def describe_result(self) -> str:
        if self.result_summary is None:
            return ""
        return _tr("已导入在职党员 %1 名。").replace("%1", str(self.result_summary))


class AttendanceImportDialog(_Counts, ImportPreviewDialog[AttendanceImportRow]):
    statuses = tuple(RowStatus)
    error_status = RowStatus.ERROR

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            path,
            title=_tr("导入签到表 — %1"),
            columns=[
                Column(_tr("行号"), _number, lambda r: r.row_number, numeric=True),
                Column(_tr("结果"), lambda r: r.status.label),
                Column(_tr("活动编号"), lambda r: str(r.activity_id or "")),
                Column(_tr("姓名"), lambda r: r.name, searchable=True),
                Column(_tr("时长"), lambda r: f"{r.hours:g}", numeric=True),
                Column(_tr("错误原因"), lambda r: r.reason, searchable=True),
            ],
            widths=(50, 60, 70, 100, 60),
            parent=parent,
        )

    def read(self, report: Report) -> Any:
        return preview_attendance_import(self._db, self._path)

    def write(self, preview: Any, report: Report) -> int:
        return apply_attendance_import(self._db, preview, report=report)

    def describe_result(self) -> str:
        if self.result_summary is None:
            return ""
        return _tr("已导入考勤 %1 条（待社区确认）。").replace("%1", str(self.result_summary))
