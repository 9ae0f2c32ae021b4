from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from alliance_desk.core.errors import DomainError
from alliance_desk.services import Database
from alliance_desk.ui.error_dialog import (
    ErrorDialog,
    ExceptionHandler,
    install_exception_handler,
    show_domain_error,
    uninstall_exception_handler,
)
from alliance_desk.ui.main_window import MainWindow

OpenWindow = Callable[[Database], MainWindow]
# pytest-qt would otherwise catch the exceptions itself and fail the test.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def handler() -> Iterator[ExceptionHandler]:
    installed = install_exception_handler()
    yield installed
    uninstall_exception_handler()
    if installed.last_dialog is not None:
        installed.last_dialog.close()


def _boom() -> None:
    raise RuntimeError("测试故障")


def test_exception_in_a_slot_shows_the_dialog_and_the_app_goes_on(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, handler: ExceptionHandler,
    open_window: OpenWindow, db: Database,
) -> None:
    window = open_window(db)
    button = QPushButton("故障", window)
    button.clicked.connect(_boom)
    with caplog.at_level(logging.ERROR, logger="alliance_desk.ui"):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = handler.last_dialog
    assert isinstance(dialog, ErrorDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "程序出错"
    assert "RuntimeError: 测试故障" in dialog.details
    assert "_boom" in dialog.details  # the traceback, not just the message
    assert any(r.exc_info and r.name == "alliance_desk.ui" for r in caplog.records)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    assert dialog.copy_button.text() == "已复制"
    dialog.close()
    window.show_area("system")  # still works
    assert window.current_key == "system"


def test_the_same_error_again_opens_no_second_dialog(
    qtbot: QtBot, handler: ExceptionHandler
) -> None:
    for _ in range(3):
        try:
            _boom()
        except RuntimeError as exc:
            handler.handle(RuntimeError, exc, exc.__traceback__)
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ErrorDialog) and w.isVisible()]
    assert dialogs == [handler.last_dialog]


def test_exception_in_another_thread_is_shown_on_the_main_thread(
    qtbot: QtBot, handler: ExceptionHandler
) -> None:
    worker = threading.Thread(target=_boom)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: handler.last_dialog is not None)
    assert isinstance(handler.last_dialog, ErrorDialog)
    assert handler.last_dialog.thread() is QGuiApplication.instance().thread()
    assert "测试故障" in handler.last_dialog.details


def test_a_domain_error_reaching_the_top_gets_the_plain_message(
    qtbot: QtBot, handler: ExceptionHandler, open_window: OpenWindow, db: Database
) -> None:
    window = open_window(db)
    button = QPushButton("保存", window)

    def refuse() -> None:
        raise DomainError("名称不能为空。")

    button.clicked.connect(refuse)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    box = handler.last_dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == "名称不能为空。"
    assert box.windowTitle() == "无法完成操作"


def test_show_domain_error_is_chinese_and_non_blocking(qtbot: QtBot) -> None:
    box = show_domain_error(None, DomainError("该记录已被他人修改。"))
    assert box.isVisible()
    assert box.windowTitle() == "无法保存"
    assert box.text() == "该记录已被他人修改。"
    box.done(0)


def test_uninstall_restores_the_previous_hook() -> None:
    import sys

    before = sys.excepthook
    install_exception_handler()
    assert sys.excepthook is not before
    uninstall_exception_handler()
    assert sys.excepthook is before


def test_escape_closes_the_error_dialog(
    qtbot: QtBot, handler: ExceptionHandler, open_window: OpenWindow, db: Database
) -> None:
    window = open_window(db)
    button = QPushButton("故障", window)
    button.clicked.connect(_boom)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = handler.last_dialog
    assert isinstance(dialog, ErrorDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.close_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: handler.last_dialog is None)
