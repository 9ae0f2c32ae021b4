"""Print preview, printing and 另存为 PDF for any document, and a 打印… button offering all three.

Every path paints with :func:`alliance_desk.documents.page.paint_document` (A4, the same
page breaks as the PDF) — a QTextDocument, or a document that paints its own pages such
as a :class:`~alliance_desk.documents.long_table.LongTableDocument`; PDFs are written only by
:func:`alliance_desk.documents.pdf.write_pdf`, never through ``QPrinter`` with an output
file name, because only ``write_pdf`` repairs the PDF's text layer.

A page offers printing with one line::

    self.extra_buttons.addWidget(PrintButton(self.tr("打印名册"), self.print_job, self,
                                             shortcut="Ctrl+P"))

where ``print_job()`` returns a :class:`PrintJob` (or raises ``DomainError`` with a
message such as "请先选择一个联盟。"). QtPrintSupport is imported only when a dialog opens.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from alliance_desk.core.errors import DomainError
from alliance_desk.services.clock import local_today
from alliance_desk.ui.widgets.buttons import on_click

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from alliance_desk.documents.page import Printable
    from alliance_desk.services.alliances import AllianceDetail
    from alliance_desk.services.units import UnitRow

DocumentFactory = Callable[[], "Printable"]
PDF_FOLDER_KEY = "printing/pdf_folder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


@dataclass(frozen=True, slots=True)
class PrintJob:
    """What to print: a title (window titles, file name) and how to build the document."""

    title: str
    build: DocumentFactory
    landscape: bool = False

    def file_name(self, on: date | None = None) -> str:
        """``成员单位名册_20250102.pdf``; characters Windows forbids become ``_``."""
        stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", self.title).strip(" .") or "文档"
        return f"{stem}_{(on or local_today()):%Y%m%d}.pdf"


@contextmanager
def busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _is_document(source: object) -> bool:
    """A QTextDocument or a document that paints its own pages (not a factory)."""
    if isinstance(source, QTextDocument):
        return True
    from alliance_desk.documents.page import PagedSource

    return isinstance(source, PagedSource)


def _build(source: Printable | DocumentFactory) -> Printable:
    if _is_document(source):
        return source  # type: ignore[return-value]
    with busy_cursor():
        return source()  # type: ignore[operator]


# --- printers ----------------------------------------------------------------------


def _new_printer(title: str, landscape: bool) -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter

    from alliance_desk.documents.geometry import page_spec
    from alliance_desk.documents.page import configure_device

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    configure_device(printer, page_spec(landscape))
    return printer


def paint_on_printer(document: Printable, printer: QPrinter) -> int:
    """Paint ``document`` in the orientation the printer is set to; returns the page count.

    The preview's orientation buttons then re-lay the document for that orientation.
    """
    from PySide6.QtGui import QPageLayout

    from alliance_desk.documents.geometry import preferred_spec
    from alliance_desk.documents.page import paint_document

    landscape = printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    with busy_cursor():
        return paint_document(document, printer, preferred_spec(document, landscape)).pages


def _print_failed(parent: QWidget | None, error: OSError) -> None:
    message = _tr("打印未完成：%1").replace("%1", str(error))
    QMessageBox.warning(parent, _tr("打印失败"), message)


def _paint_or_warn(parent: QWidget | None, document: Printable, printer: QPrinter) -> None:
    try:
        paint_on_printer(document, printer)
    except OSError as error:
        _print_failed(parent, error)


def build_preview_dialog(
    parent: QWidget | None,
    document: Printable,
    *,
    title: str,
    landscape: bool = False,
) -> QPrintPreviewDialog:
    """A print preview of ``document`` on A4 (not yet shown); its 打印 button prints it."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = _new_printer(title, landscape)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_tr("打印预览 - %1").replace("%1", title))
    dialog.paintRequested.connect(partial(_paint_or_warn, dialog, document))
    dialog._printer = printer  # type: ignore[attr-defined]  # the dialog does not own it
    dialog._document = document  # type: ignore[attr-defined]
    screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        dialog.resize(int(area.width() * 0.7), int(area.height() * 0.85))
    return dialog


def preview_document(
    parent: QWidget | None,
    document_factory: DocumentFactory,
    *,
    title: str,
    landscape: bool = False,
) -> bool:
    """Show a print preview (the clerk prints from it); True when something was printed."""
    document = _build(document_factory)
    dialog = build_preview_dialog(parent, document, title=title, landscape=landscape)
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()  # owned by ``parent``: would otherwise live as long as the window


def print_document(
    parent: QWidget | None,
    document_factory: DocumentFactory,
    *,
    title: str,
    landscape: bool = False,
) -> bool:
    """The system print dialog, then print; True when printed."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    printer = _new_printer(title, landscape)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("打印 - %1").replace("%1", title))
    # "Print to file" would bypass write_pdf's text-layer repair (另存为 PDF does it right),
    # and paint_document prints every page, so a page range would be silently ignored.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
    try:
        accepted = bool(dialog.exec())
    finally:
        dialog.deleteLater()
    if not accepted:
        return False
    document = _build(document_factory)
    try:
        paint_on_printer(document, printer)
    except OSError as error:
        _print_failed(parent, error)
        return False
    return True


# --- PDF -----------------------------------------------------------------------------


def describe_save_error(error: OSError, path: Path) -> str:
    """A message a clerk can act on, for a PDF that could not be written."""
    if isinstance(error, FileNotFoundError) or not path.parent.is_dir():
        return _tr("文件夹“%1”不存在，请另选保存位置。").replace("%1", str(path.parent))
    if error.errno == errno.ENOSPC:
        return _tr("磁盘空间不足，无法保存“%1”。请清理磁盘或另选位置。").replace("%1", path.name)
    # Windows refuses to replace a PDF open in a reader with "access denied"; Qt reports
    # a file it could not open without an errno.
    if isinstance(error, PermissionError) or error.errno in (None, errno.EACCES, errno.EPERM):
        return _tr(
            "无法写入“%1”：该文件可能正被其他程序（如 PDF 阅读器、WPS）打开，"
            "或您没有该文件夹的写入权限。请关闭该文件，或换一个文件名或位置后重试。"
        ).replace("%1", path.name)
    return (
        _tr("无法保存“%1”：%2").replace("%1", path.name).replace("%2", error.strerror or str(error))
    )


def ask_pdf_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """The 另存为 dialog, starting in the folder used last time; None when cancelled."""
    settings = QSettings()
    folder = str(settings.value(PDF_FOLDER_KEY, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _tr("另存为 PDF"),
        str(Path(folder) / suggested_name),
        _tr("PDF 文件 (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.casefold() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    settings.setValue(PDF_FOLDER_KEY, str(path.parent))
    return path


def save_pdf_to(
    parent: QWidget | None,
    source: Printable | DocumentFactory,
    path: str | Path,
    *,
    landscape: bool = False,
    announce: bool = True,
) -> Path | None:
    """Write the document to ``path`` (no dialog); on failure explain and return None.

    ``announce`` shows a non-blocking 已保存 note with an 打开文件 button.
    """
    from alliance_desk.documents.pdf import write_pdf

    target = Path(path)
    document = _build(source)
    try:
        with busy_cursor():
            written = write_pdf(document, target, landscape=landscape)
    except OSError as error:
        QMessageBox.warning(parent, _tr("未能保存 PDF"), describe_save_error(error, target))
        return None
    if announce:
        _announce_saved(parent, written)
    return written


def save_pdf(
    parent: QWidget | None,
    document: Printable | DocumentFactory,
    suggested_name: str,
    *,
    landscape: bool = False,
) -> Path | None:
    """Ask where to save (QFileDialog), then :func:`save_pdf_to`; None when cancelled or failed."""
    path = ask_pdf_path(parent, suggested_name)
    if path is None:
        return None
    return save_pdf_to(parent, document, path, landscape=landscape)


def _announce_saved(parent: QWidget | None, path: Path) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("已保存"),
        _tr("已保存为 PDF：\n%1").replace("%1", str(path)),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setObjectName("pdfSavedNote")
    opener = box.addButton(_tr("打开文件"), QMessageBox.ButtonRole.ActionRole)
    on_click(opener, partial(QDesktopServices.openUrl, QUrl.fromLocalFile(str(path))))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


# --- the 打印… button -----------------------------------------------------------------


class PrintButton(QPushButton):
    """A button whose menu offers 预览并打印… / 直接打印… / 另存为 PDF… for one job.

    ``job`` is called when the clerk picks an item, so the document shows the data as
    it is then; a ``DomainError`` it raises is shown as a message.
    """

    def __init__(
        self,
        text: str,
        job: Callable[[], PrintJob],
        parent: QWidget | None = None,
        *,
        shortcut: str = "",
    ) -> None:
        super().__init__(text, parent)
        self._job = job
        menu = QMenu(self)
        self.preview_action = menu.addAction(_tr("预览并打印(&V)…"))
        self.preview_action.triggered.connect(self.preview)
        self.print_action = menu.addAction(_tr("直接打印(&P)…"))
        self.print_action.triggered.connect(self.print_directly)
        self.save_action = menu.addAction(_tr("另存为 PDF(&S)…"))
        self.save_action.triggered.connect(self.save_as_pdf)
        self.setMenu(menu)
        if shortcut:
            self.setShortcut(QKeySequence(shortcut))
            self.setToolTip(f"{text}（{shortcut}）")

    def current_job(self) -> PrintJob | None:
        try:
            return self._job()
        except DomainError as error:
            QMessageBox.information(self.window(), _tr("无法打印"), error.message)
            return None

    def preview(self) -> None:
        job = self.current_job()
        if job is not None:
            preview_document(self.window(), job.build, title=job.title, landscape=job.landscape)

    def print_directly(self) -> None:
        job = self.current_job()
        if job is not None:
            print_document(self.window(), job.build, title=job.title, landscape=job.landscape)

    def save_as_pdf(self) -> Path | None:
        job = self.current_job()
        if job is None:
            return None
        path = ask_pdf_path(self.window(), job.file_name())
        if path is None:
            return None
        return save_pdf_to(self.window(), job.build, path, landscape=job.landscape)


# --- jobs of the register pages ------------------------------------------------------


def unit_register_job(units: Sequence[UnitRow], *, filtered: bool = False) -> PrintJob:
    """成员单位名册 of ``units`` as shown (add （筛选结果） when the list is filtered)."""
    from alliance_desk.documents.roster import REGISTER_LANDSCAPE, unit_register_document

    rows = list(units)
    title = _tr("成员单位名册") + (_tr("（筛选结果）") if filtered else "")
    build = partial(unit_register_document, rows, printed_on=local_today(), title=title)
    return PrintJob(title, build, landscape=REGISTER_LANDSCAPE)


def alliance_roster_job(detail: AllianceDetail | None) -> PrintJob:
    """联盟成员名册 of the alliance shown; ``DomainError`` when none is selected."""
    from alliance_desk.documents.roster import alliance_roster_document, alliance_roster_title

    if detail is None:
        raise DomainError(_tr("请先选择一个联盟。"))
    build = partial(alliance_roster_document, detail, printed_on=local_today())
    return PrintJob(alliance_roster_title(detail), build)
