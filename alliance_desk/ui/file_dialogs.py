"""Every file dialog of the app: starts in the clerk's documents folder, then the last one used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"


def start_folder() -> Path:
    """The folder the last dialog ended in, else 文档 (never the program's folder)."""
    folder = str(QSettings().value(LAST_FOLDER_KEY, "") or "")
    if folder and Path(folder).is_dir():
        return Path(folder)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def remember_folder(path: Path) -> None:
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))


def ask_open_path(parent: QWidget | None, caption: str, filters: str) -> Path | None:
    """打开 dialog; None when cancelled."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, caption, str(start_folder()), filters)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(path)
    return path


def ask_save_path(
    parent: QWidget | None, caption: str, suggested_name: str, filters: str,
    suffix: str | None = None,
) -> Path | None:
    """另存为 dialog proposing ``suggested_name`` in the start folder; None when cancelled.

    With ``suffix`` (".pdf"), a name typed without it gets it appended.
    """
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, caption, str(start_folder() / suggested_name), filters
    )
    if not chosen:
        return None
    path = Path(chosen)
    if suffix is not None and path.suffix.casefold() != suffix:
        path = path.with_name(path.name + suffix)
    remember_folder(path)
    return path
