"""Buttons never hand ``clicked(bool)`` to a slot (the 添加议定事项 crash of issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

import alliance_desk.ui
from alliance_desk.ui.widgets.buttons import on_click

UI = Path(alliance_desk.ui.__file__).parent
DIRECT = re.compile(r"\.clicked\s*\.\s*connect\s*\(")


def test_a_slot_with_an_optional_parameter_gets_nothing(qtbot: QtBot) -> None:
    received: list[tuple[object, ...]] = []

    def add(content: str = "") -> None:
        received.append((content,))

    button = QPushButton("添加")
    qtbot.addWidget(button)
    button.setCheckable(True)  # clicked carries checked=True now
    on_click(button, add)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert received == [("",)]


def test_every_button_in_ui_is_wired_through_on_click() -> None:
    offenders = [
        f"{path.relative_to(UI)}:{number}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path != UI / "widgets" / "buttons.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DIRECT.search(line)
    ]
    assert offenders == [], "use on_click(button, slot):\n" + "\n".join(offenders)
