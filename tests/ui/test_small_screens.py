"""Every page works on the screens clerks have (issue 11, item 11): at 1024×768 and
1280×720 the window never has to grow, and no visible button cuts its text.

``python -m scripts.screenshots`` takes the pictures to look at; this test keeps the
measurable part true.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from alliance_desk.services import Database
from alliance_desk.services.demo import generate_demo
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.navigation import AREAS
from alliance_desk.ui.tasks import wait_for_background_tasks

OpenWindow = Callable[[Database], MainWindow]



@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 720)])
def test_every_page_fits_the_screen_and_shows_its_buttons_whole(
    qtbot: QtBot, open_window: OpenWindow, db: Database, width: int, height: int
) -> None:
    generate_demo(db)
    window = open_window(db)
    problems: list[str] = []
    for area in AREAS:
        window.show_area(area.key)
        wait_for_background_tasks(20)
        qtbot.wait(10)
        window.resize(width, height)
        qtbot.wait(10)
        needed = window.minimumSizeHint()
        if needed.width() > width or needed.height() > height:
            problems.append(f"{area.key}: needs {needed.width()}×{needed.height()}")
        page = window.pages[area.key]
        for button in page.findChildren(QPushButton):
            if not button.isVisibleTo(window) or not button.text():
                continue
            text_width = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
            if button.width() < text_width + 8:
                problems.append(f"{area.key}: {button.text()!r} {button.width()} < {text_width}")
    assert problems == []
