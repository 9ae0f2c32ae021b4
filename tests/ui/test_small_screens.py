"""Every page works on the screens clerks have (issue 11, item 11): at 1024×768 and
1280×720 the window never has to grow, and no visible button cuts its text.

``python -m scripts.screenshots`` takes the pictures to look at; this test keeps the
measurable part true.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import MeetingState
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


def _shown_meeting(page: QWidget, state: MeetingState) -> None:
    rows = [r for r in page.model.rows() if r.state is state]  # type: ignore[attr-defined]
    assert rows, f"the demo has a {state.label} meeting"
    assert page.select_meeting(rows[-1].id)  # type: ignore[attr-defined]


def test_meeting_list_shows_alliance_and_host_whole_at_1280(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database
) -> None:
    window = open_window(demo_db)
    window.resize(1280, 720)
    window.show_area("meetings")
    qtbot.wait(50)
    table = window.pages["meetings"].table
    header = table.horizontalHeader()
    labels = [table.model().headerData(c, header.orientation()) for c in range(header.count())]
    host = labels.index("主持单位")
    assert labels.index("地点") > host  # the place (shown in the detail too) comes last
    assert table.columnWidth(0) >= table.sizeHintForColumn(0)  # 联盟 not cut
    # 主持单位 starts in view (how far it reaches depends on the split the window restored)
    assert table.columnViewportPosition(host) >= 0


def _held_meeting_tab(qtbot: QtBot, window: MainWindow, size: tuple[int, int], tab: str) -> Any:
    """The meetings page at ``size`` on a held meeting, showing its ``tab`` (agenda, minutes)."""
    window.resize(*size)
    window.show_area("meetings")
    page = window.pages["meetings"]
    _shown_meeting(page, MeetingState.HELD)
    page.tabs.setCurrentWidget(getattr(page, tab))
    qtbot.wait(50)
    return getattr(page, tab)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_agenda_topic_gets_the_room(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database, size: tuple[int, int]
) -> None:
    table = _held_meeting_tab(qtbot, open_window(demo_db), size, "agenda").table
    assert table.columnWidth(1) > table.columnWidth(3)  # 议题 wider than 汇报单位
    total = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert total <= table.viewport().width()  # no sideways scrolling


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_minutes_tab_never_scrolls_sideways(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database, size: tuple[int, int]
) -> None:
    minutes = _held_meeting_tab(qtbot, open_window(demo_db), size, "minutes")
    for area in minutes.findChildren(QAbstractScrollArea):
        if area.isVisible():
            assert not area.horizontalScrollBar().isVisible(), type(area).__name__


def test_four_lists_columns_hold_their_names(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database
) -> None:
    """The 公示 list cut "长青社区“银…" beside half-empty 纸张 and 项数 columns."""
    from alliance_desk.ui.four_lists.list_tab import ListTab

    window = open_window(demo_db)
    window.resize(1024, 768)
    window.show_area("four_lists")
    qtbot.wait(50)
    checked = 0
    for tab in window.pages["four_lists"].findChildren(ListTab):
        table, model = tab.table, tab.table.model()
        if model.rowCount() == 0:
            continue
        for column in range(model.columnCount() - 1):  # the last one stretches
            wanted = min(table.sizeHintForColumn(column), 260)
            assert table.columnWidth(column) >= wanted, (model.headerData(column, 1), column)
            checked += 1
    assert checked > 10
