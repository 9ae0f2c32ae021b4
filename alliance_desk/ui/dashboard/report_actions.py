"""统计表 from the home page: the print job (preview / print / PDF) and 导出 Excel."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from alliance_desk.services.commitments import local_today
from alliance_desk.services.reports import report_lines, report_title
from alliance_desk.ui.printing import PrintJob, busy_cursor

if TYPE_CHECKING:
    from alliance_desk.documents.long_table import LongTableDocument
    from alliance_desk.services.database import Database

XLSX_FOLDER_KEY = "dashboard/xlsx_folder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardReport", text)


def _document(
    db: Database, year: int, alliance_id: int | None, alliance_name: str | None
) -> LongTableDocument:
    from alliance_desk.documents.fulfilment_report import fulfilment_report_document

    report = report_lines(db, year=year, today=local_today(), alliance_id=alliance_id,
                          alliance_name=alliance_name)
    return fulfilment_report_document(report)


def fulfilment_report_job(
    db: Database, year: int, alliance_id: int | None = None, alliance_name: str | None = None
) -> PrintJob:
    """履诺情况统计表 of ``year`` (of one alliance when given), read when printed."""
    from alliance_desk.documents.fulfilment_report import REPORT_LANDSCAPE

    build = partial(_document, db, year, alliance_id, alliance_name)
    return PrintJob(report_title(year, alliance_name), build, landscape=REPORT_LANDSCAPE)


def ask_xlsx_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    settings = QSettings()
    folder = str(settings.value(XLSX_FOLDER_KEY, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _tr("导出 Excel"), str(Path(folder) / suggested_name), _tr("Excel 文件 (*.xlsx)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.casefold() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    settings.setValue(XLSX_FOLDER_KEY, str(path.parent))
    return path


def export_fulfilment_xlsx(
    parent: QWidget | None,
    db: Database,
    year: int,
    alliance_id: int | None = None,
    alliance_name: str | None = None,
    path: Path | None = None,
) -> Path | None:
    """Ask where (unless ``path`` is given), then write the report's workbook.

    Returns the file written, or None when cancelled or it could not be written (the
    clerk is told why).
    """
    from alliance_desk.services.reports import write_fulfilment_xlsx

    title = report_title(year, alliance_name)
    target = path or ask_xlsx_path(parent, f"{title}.xlsx")
    if target is None:
        return None
    try:
        with busy_cursor():
            report = report_lines(db, year=year, today=local_today(), alliance_id=alliance_id,
                                  alliance_name=alliance_name)
            return write_fulfilment_xlsx(report, target)
    except OSError as error:
        QMessageBox.warning(
            parent,
            _tr("未能导出"),
            _tr("无法写入“{name}”：{reason}。该文件可能正被 Excel 或 WPS 打开，"
                "请关闭后重试，或换一个文件名。").format(
                name=target.name, reason=error.strerror or str(error)),
        )
        return None
