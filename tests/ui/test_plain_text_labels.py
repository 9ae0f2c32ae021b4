"""User data in labels and message boxes is shown as typed, never as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.core.errors import DomainError
from alliance_desk.ui.about import show_about
from alliance_desk.ui.error_dialog import show_domain_error

MARKUP_NAME = "<b>甲</b>单位<img src=x>"


def _label_of(box: QMessageBox) -> QLabel:
    (label,) = [w for w in box.findChildren(QLabel) if w.objectName() == "qt_msgbox_label"]
    return label


def test_a_label_with_a_tag_in_a_name_is_plain_text(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = QLabel(MARKUP_NAME, parent)
    parent.show()
    qtbot.waitExposed(parent)
    assert label.textFormat() == Qt.TextFormat.PlainText
    label.setText(f"当前单位：{MARKUP_NAME}")
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_a_refusal_naming_a_unit_shows_the_tag_as_typed(qtbot: QtBot) -> None:
    box = show_domain_error(None, DomainError(f"单位“{MARKUP_NAME}”已存在"))
    qtbot.addWidget(box)
    qtbot.waitExposed(box)
    assert _label_of(box).textFormat() == Qt.TextFormat.PlainText
    box.close()


def test_the_about_box_keeps_its_own_markup(qtbot: QtBot) -> None:
    box = show_about(None, "0003")
    qtbot.addWidget(box)
    qtbot.waitExposed(box)
    assert _label_of(box).textFormat() == Qt.TextFormat.RichText
    assert "四项清单" in box.informativeText()  # every area is built and named
    box.close()
