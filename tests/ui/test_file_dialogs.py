"""One helper for every file dialog: 文档 first, then the last folder; Qt's dialogs in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, QStandardPaths
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from alliance_desk.ui import file_dialogs
from alliance_desk.ui.application import ensure_application, install_qt_translations


def test_dialogs_start_in_documents_then_remember_the_last_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    QSettings().remove(file_dialogs.LAST_FOLDER_KEY)
    offered: list[str] = []
    target = tmp_path / "导出" / "名册"

    def save(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return str(target), ""

    def open_(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return "", ""

    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    written = file_dialogs.ask_save_path(
        None, "导出", "名册.xlsx", "Excel (*.xlsx)", suffix=".xlsx"
    )
    assert written == target.with_name("名册.xlsx")
    assert offered[0] == str(Path(documents) / "名册.xlsx")
    assert file_dialogs.ask_open_path(None, "导入", "Excel (*.xlsx)") is None
    assert offered[1] == str(target.parent)
    QSettings().remove(file_dialogs.LAST_FOLDER_KEY)


def test_qt_dialogs_and_dates_are_chinese(qtbot: QtBot) -> None:
    install_qt_translations(ensure_application())
    dialog = QFileDialog(None, "选择文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"查找范围(&L)：", "文件类型(&T)："} <= labels
    assert not [text for text in labels if "Look in" in text or "Files of" in text]
    edit = QDateEdit(QDate(2026, 12, 5))
    qtbot.addWidget(edit)
    assert edit.text().startswith("2026")
