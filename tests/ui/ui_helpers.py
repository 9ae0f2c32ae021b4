"""Helpers for the UI tests (imported as a top-level module: tests have no packages)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.storage.models import Alliance, Membership, Unit


def seed_register(db: Database) -> None:
    """3 alliances (A3 inactive), 5 units (U5 inactive) and their seats.

    Current seats of active units in active alliances: U1-A1, U1-A2, U2-A1, U3-A1,
    U4-A2 (U2 left A2; U3-A3 and U5's seats do not count); U1 alone sits in two.
    """
    with db.transaction() as session:
        alliances = [
            Alliance(name=f"测试联盟{i}", name_key=normalize_name(f"测试联盟{i}"), active=i != 3)
            for i in (1, 2, 3)
        ]
        units = [
            Unit(name=f"测试单位{i}", name_key=normalize_name(f"测试单位{i}"),
                 category=UnitCategory.GOVERNMENT, active=i != 5)
            for i in (1, 2, 3, 4, 5)
        ]
        session.add_all([*alliances, *units])
        session.flush()
        a1, a2, a3 = alliances
        u1, u2, u3, u4, u5 = units
        joined, left = date(2020, 1, 1), date(2021, 1, 1)
        seats = [(u1, a1, None), (u1, a2, None), (u2, a1, None), (u2, a2, left),
                 (u3, a1, None), (u3, a3, None), (u4, a2, None), (u5, a1, None),
                 (u5, a2, None)]
        session.add_all(
            Membership(unit_id=u.id, alliance_id=a.id, joined_on=joined, left_on=gone)
            for u, a, gone in seats
        )


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` the active window, so its keyboard shortcuts apply."""
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def visible_message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


class ModalCloser:
    """Closes message boxes (even ones in a blocking ``exec()``) and keeps their text."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._close_boxes)
        self.timer.start()

    def _close_boxes(self) -> None:
        for box in visible_message_boxes():
            self.texts.append(box.text())
            box.done(0)


