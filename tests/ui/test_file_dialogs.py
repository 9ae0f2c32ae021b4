"""Qt's own file dialog speaks Chinese, and every file dialog starts where a clerk works."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from alliance_desk.ui import file_dialogs
from alliance_desk.ui.application import install_qt_translations


def test_the_file_dialog_has_no_english_captions(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_qt_translations(app)
    dialog = QFileDialog(None, "选择文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    captions = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in captions and "文件类型(&T)：" in captions
    assert not [c for c in captions if any(ch.isascii() and ch.isalpha() for ch in c
                                           if ch != "&" and ch not in "LNT")]


def test_dialogs_start_in_documents_then_where_the_clerk_last_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    Path(documents).mkdir(parents=True, exist_ok=True)
    seen: list[str] = []

    def fake_open(_parent: object, _title: str, folder: str, _filters: str) -> tuple[str, str]:
        seen.append(folder)
        return str(tmp_path / "chosen" / "单位.xlsx"), ""

    (tmp_path / "chosen").mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    assert file_dialogs.open_file_name(None, "导入", "*.xlsx") == tmp_path / "chosen" / "单位.xlsx"
    assert Path(seen[0]) == Path(documents)  # never the program's folder
    file_dialogs.open_file_name(None, "导入", "*.xlsx")
    assert Path(seen[1]) == tmp_path / "chosen"  # remembered
