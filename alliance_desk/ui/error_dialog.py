"""Unexpected errors: log the traceback, then tell the clerk in Chinese; the app keeps running.

``install_exception_handler`` replaces ``sys.excepthook`` and ``threading.excepthook``.
Dialogs only ever open on the main thread: an exception from another thread is
marshalled there through a queued signal. A ``DomainError`` that escapes a slot is a
known condition, not a bug: it gets the plain message box of ``show_domain_error``.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.ui.widgets.buttons import on_click

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("alliance_desk.ui")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class ErrorDialog(QDialog):
    """'Something went wrong' with the details folded below and a copy button."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.details = details
        self.setWindowTitle(self.tr("程序出错"))
        self.setMinimumWidth(600)
        message = QLabel(self.tr(
            "程序遇到了一个意外错误，刚才的操作可能没有完成。\n"
            "已保存的数据不受影响，您可以继续使用本程序。\n"
            "如果问题反复出现，请点击“复制详细信息”，把内容发给技术支持人员。"
        ))
        message.setWordWrap(True)
        self.summary_label = QLabel(summary)
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("color: #a00;")
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        from PySide6.QtWidgets import QDialogButtonBox  # its enums: not before the first paint

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("关闭"))
        self.close_button.setDefault(True)
        self.copy_button = QPushButton(self.tr("复制详细信息"))
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        on_click(self.copy_button, self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("已复制"))


class ExceptionHandler(QObject):
    """The installed hook; ``last_dialog`` is the most recent dialog it opened."""

    _from_thread = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.last_dialog: QDialog | None = None
        self._from_thread.connect(self._show)
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        if isinstance(exc, DomainError):
            log.info("domain error reached the top: %s", exc.message)
        else:
            log.error("unexpected error", exc_info=(exc_type, exc, tb))
        info: ExcInfo = (exc_type, exc, tb)
        app = QCoreApplication.instance()
        if app is None:
            self._previous_hook(exc_type, exc, tb)
        elif threading.current_thread() is threading.main_thread():
            self._show(info)
        else:
            self._from_thread.emit(info)  # queued to the main thread

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(object)
    def _show(self, info: ExcInfo) -> None:
        from PySide6.QtCore import Qt  # not at the top: see ui.app

        exc_type, exc, tb = info
        from alliance_desk.ui.plain_text import ensure_plain_labels

        ensure_plain_labels()  # an error before the window's first paint comes before it
        parent = QApplication.activeWindow()
        if isinstance(exc, DomainError):
            self._remember(show_domain_error(parent, exc, title=self.tr("无法完成操作")))
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        summary = f"{exc_type.__name__}: {exc}"
        shown = self.last_dialog
        if isinstance(shown, ErrorDialog) and shown.isVisible() and shown.summary == summary:
            return  # the same error again (a paint handler, say): one dialog is enough
        dialog = ErrorDialog(summary, details, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Modal and active, so Esc and Enter reach it rather than the window behind.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()  # not exec(): no nested event loop inside a hook
        dialog.raise_()
        dialog.activateWindow()
        dialog.close_button.setFocus()
        self._remember(dialog)

    def _remember(self, dialog: QDialog) -> None:
        self.last_dialog = dialog
        key = id(dialog)
        dialog.destroyed.connect(lambda _obj=None: self._forget(key))

    def _forget(self, key: int) -> None:
        if id(self.last_dialog) == key:
            self.last_dialog = None


def show_domain_error(
    parent: QWidget | None, error: DomainError, *, title: str | None = None
) -> QMessageBox:
    """Tell the clerk why a save (or other action) was refused; returns the open box."""
    from PySide6.QtCore import Qt  # not at the top: see ui.app
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("ErrorDialog", "无法保存"))
    box.setText(error.message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal, returns at once
    return box


_handler: ExceptionHandler | None = None


def install_exception_handler() -> ExceptionHandler:
    """Install the app-wide hook (idempotent); call after the QApplication exists."""
    global _handler
    if _handler is None:
        _handler = ExceptionHandler()
    _handler.install()
    return _handler


def uninstall_exception_handler() -> None:
    global _handler
    if _handler is not None:
        _handler.uninstall()
        _handler.deleteLater()
        _handler = None
