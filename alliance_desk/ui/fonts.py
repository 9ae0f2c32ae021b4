"""The UI face: the first installed font that draws Chinese; a one-time warning when none does."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from alliance_desk.config import SettingsKey

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("alliance_desk.ui")

UI_FONT_CANDIDATES: tuple[str, ...] = (
    "Microsoft YaHei UI",  # Windows 7 and later
    "Microsoft YaHei",
    "微软雅黑",
    "SimSun",  # older Windows
    "宋体",
    "Noto Sans CJK SC",  # Linux (fonts-noto-cjk)
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",  # macOS
    "Hiragino Sans GB",
)

# Written in English too: without a Chinese font the Chinese half shows as boxes.
MISSING_FONT_ENGLISH = (
    "No font that can display Chinese was found, so Chinese text may show as empty "
    "boxes. Please install Microsoft YaHei / SimSun (Windows) or Noto Sans CJK SC "
    "(Linux: fonts-noto-cjk) and restart Alliance Desk."
)


def draws_chinese(family: str) -> bool:
    return QFontDatabase.hasFamily(family) and (
        QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    )


def choose_ui_family(candidates: tuple[str, ...] = UI_FONT_CANDIDATES) -> str | None:
    """The first candidate that draws Chinese, else any such proportional face, else None."""
    for family in candidates:
        if draws_chinese(family):
            return family
    others = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
              if "mono" not in f.casefold()]
    return others[0] if others else None


def apply_ui_font(app: QApplication, family: str | None) -> None:
    """Use ``family`` for the whole UI at the platform's usual size (at least 10 pt)."""
    if family is None:
        log.warning("no installed font draws Chinese")
        return
    font = QFont(app.font())
    font.setFamilies([family])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    log.info("UI font: %s", family)


def warn_missing_font_once(parent: QWidget | None) -> QMessageBox | None:
    """Say once per user (remembered in QSettings) that Chinese may not display."""
    from PySide6.QtCore import Qt  # not at the top: see ui.app
    from PySide6.QtWidgets import QMessageBox

    settings = QSettings()
    if settings.value(SettingsKey.FONT_WARNING_SHOWN, False, type=bool):
        return None
    settings.setValue(SettingsKey.FONT_WARNING_SHOWN, True)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Fonts", "缺少中文字体 / No Chinese font"))
    box.setText(QCoreApplication.translate(
        "Fonts",
        "未找到可以显示中文的字体，界面上的汉字可能显示为方框。请安装“微软雅黑”或“宋体”"
        "（Windows），或 Noto Sans CJK SC（Linux），然后重新启动本程序。",
    ) + "\n\n" + MISSING_FONT_ENGLISH)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
