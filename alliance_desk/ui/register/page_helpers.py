"""Helpers shared by the register pages: buttons with shortcuts, non-blocking dialogs,
and the question asked when another clerk saved first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget

from alliance_desk.core.errors import ConflictError
from alliance_desk.ui.widgets.buttons import on_click

D = TypeVar("D", bound=QDialog)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RegisterDialogs", text)


def action_button(
    text: str,
    slot: Callable[[], object],
    shortcut: str = "",
    *,
    scope: QWidget | None = None,
) -> QPushButton:
    """A button running ``slot``; ``shortcut`` works in the whole window, or only while
    focus is inside ``scope`` when one is given (so two tables can both use Ctrl+Up).

    ``clicked(bool)`` never reaches ``slot``: PySide passes the checked flag to any slot
    that accepts an argument, so ``add_decision(content="")`` would receive ``False``.
    """
    button = QPushButton(text)
    on_click(button, slot)
    if shortcut:
        if scope is None:
            button.setShortcut(QKeySequence(shortcut))
        else:
            key = QShortcut(QKeySequence(shortcut), scope, slot)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        button.setToolTip(f"{text}（{shortcut}）")
    return button


def open_dialog(dialog: D, done: Callable[[int], object]) -> D:
    """Show ``dialog`` window-modal without blocking; ``done(result)`` runs when it closes.

    The caller (and a test) gets the open dialog back and can drive it like a clerk.
    ``done`` must be a bound method of a QObject, never a lambda capturing the parent:
    the dialog deletes itself on close, and a closure that held the last reference to a
    Python-owned parent would delete that parent from inside the dialog's destructor.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(done)
    dialog.open()
    return dialog


def offer_reload(parent: QWidget, error: ConflictError) -> bool:
    """Explain the conflict; True when the clerk chose to reload (dropping their edits)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("已被他人修改"), error.message, parent=parent)
    reload = box.addButton(_tr("重新载入"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_tr("继续编辑"), QMessageBox.ButtonRole.RejectRole)
    box.setInformativeText(
        _tr(
            "重新载入会显示对方保存后的内容，您本次的修改将被放弃。选择“继续编辑”可先抄下您的修改。"
        )
    )
    box.exec()
    return box.clickedButton() is reload
