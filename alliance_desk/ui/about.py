"""帮助 → 关于: what the program is for, and its version."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("alliance-desk")
    except PackageNotFoundError:
        return ""


def show_about(parent: QWidget | None) -> QMessageBox:
    """A non-blocking About box (window-modal); returns it."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("About", text)

    box = QMessageBox(parent)
    box.setWindowTitle(tr("关于党建联盟工作台"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(tr("<b>党建联盟工作台</b> {version}").format(version=app_version()))
    box.setInformativeText(tr(
        "为街道党工委、办事处工作人员协调党建联盟工作而设计：联盟与成员单位名册、"
        "轮值主席、联席会议、双向承诺与评价、履诺统计。"
    ))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
