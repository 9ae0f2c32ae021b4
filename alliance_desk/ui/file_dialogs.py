"""Every file dialog starts where the clerk last was, or in their documents folder.

A dialog started with "" opens in the program's folder (on Windows, where the app is
installed): never where a clerk keeps files. One folder is remembered for all dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"


def start_folder() -> Path:
    remembered = str(QSettings().value(LAST_FOLDER_KEY, "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember(path: Path) -> None:
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))


def open_file_name(parent: QWidget | None, title: str, filters: str) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)


def save_file_name(
    parent: QWidget | None, title: str, suggested_name: str, filters: str
) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(start_folder() / suggested_name), filters
    )
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)
