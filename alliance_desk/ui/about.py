"""帮助 → 关于: what the program is for, and its version."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from alliance_desk.ui.plain_text import allow_rich_text
from alliance_desk.version import app_version

__all__ = ["app_version", "show_about"]


def show_about(parent: QWidget | None, revision: str | None = None) -> QMessageBox:
    """A non-blocking About box (window-modal) naming the database's schema revision."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("About", text)

    box = QMessageBox(parent)
    allow_rich_text(box)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setWindowTitle(tr("关于党建联盟工作台"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(tr("<b>党建联盟工作台</b> {version}<br>数据库结构版本：{revision}").format(
        version=app_version(), revision=revision or tr("（未打开数据库）")))
    box.setInformativeText(tr(
        "为街道党工委、办事处工作人员协调党建联盟工作而设计：党建联盟与成员单位名册、"
        "轮值主席、联席会议（议程、通知、签到表、纪要）、双向承诺与双向评价、"
        "四项清单（需求、资源、项目、责任，上墙公示与群众评议）、"
        "社区工作日（双报到双服务、服务时长、帮扶对子、反馈函）、"
        "书记项目与考核（任务书、挂图作战、督查、年终考核），以及统计看板。"
    ))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
