"""Every page at the screens clerks have (1280×720, 1024×768): nothing clipped, nothing off-screen.

The window used to grow to 1143×970 on a 1024×768 screen (the commitments buttons, the
四项清单 toolbars and the 年终考核 settings asked for more), "下载进度导入模板" read
"载进度导入模", the meeting list pushed 主持单位 out of view and the agenda's 议题 ended in "…".
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import MeetingState
from alliance_desk.services.database import Database
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.navigation import AREA_KEYS

OpenWindow = Callable[[Database], MainWindow]
BUTTON_PADDING = 8  # a button's frame and margins around its text, at the least


def _visit_all(qtbot: QtBot, window: MainWindow) -> None:
    for key in AREA_KEYS:
        window.show_area(key)
        qtbot.wait(30)


def _squeezed_buttons(page: QWidget) -> list[str]:
    squeezed = []
    for button in page.findChildren(QPushButton):
        if not button.isVisible() or not button.text():
            continue
        text = button.text().replace("&", "")
        needed = button.fontMetrics().horizontalAdvance(text) + BUTTON_PADDING
        if button.width() < needed:
            squeezed.append(f"{text} ({button.width()} < {needed})")
    return squeezed


def _shown_meeting(page: QWidget, state: MeetingState) -> None:
    rows = [r for r in page.model.rows() if r.state is state]  # type: ignore[attr-defined]
    assert rows, f"the demo has a {state.label} meeting"
    assert page.select_meeting(rows[-1].id)  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_the_window_fits_the_screen_on_every_page(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database, size: tuple[int, int]
) -> None:
    window = open_window(demo_db)
    window.resize(*size)
    _visit_all(qtbot, window)
    window.resize(*size)
    qtbot.wait(30)
    assert window.size().toTuple() == size
    assert window.minimumSizeHint().width() <= size[0]
    assert window.minimumSizeHint().height() <= size[1]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_no_button_text_is_cut(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database, size: tuple[int, int]
) -> None:
    window = open_window(demo_db)
    window.resize(*size)
    squeezed: dict[str, list[str]] = {}
    for key in AREA_KEYS:
        window.show_area(key)
        qtbot.wait(30)
        page = window.pages[key]
        tab_widgets = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        for tabs in tab_widgets or [None]:
            for index in range(tabs.count() if tabs else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                    qtbot.wait(10)
                found = _squeezed_buttons(page)
                if found:
                    squeezed[f"{key}/{tabs.tabText(index) if tabs else ''}"] = found
    assert squeezed == {}


def test_commitment_imports_stay_reachable(open_window: OpenWindow, demo_db: Database) -> None:
    window = open_window(demo_db)
    window.resize(1024, 768)
    window.show_area("commitments")
    page = window.pages["commitments"]
    menu = page.import_button.menu()
    assert [a.text() for a in menu.actions()] == ["导入进度…", "下载进度导入模板…"]
    assert page.refresh_button.isVisible() and page.new_button.isVisible()


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
    right_edge = table.columnViewportPosition(host) + table.columnWidth(host)
    assert table.columnViewportPosition(host) >= 0 and right_edge <= table.viewport().width()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_agenda_topic_gets_the_room_and_wraps(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database, size: tuple[int, int]
) -> None:
    window = open_window(demo_db)
    window.resize(*size)
    window.show_area("meetings")
    page = window.pages["meetings"]
    _shown_meeting(page, MeetingState.HELD)
    page.tabs.setCurrentWidget(page.agenda)
    qtbot.wait(50)
    table = page.agenda.table
    assert table.columnWidth(1) > table.columnWidth(3)  # 议题 wider than 汇报单位
    total = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert total <= table.viewport().width()  # no sideways scrolling
    for row in range(table.model().rowCount()):
        title = table.model().index(row, 1).data()
        lines = -(-table.fontMetrics().horizontalAdvance(title) // max(1, table.columnWidth(1) - 8))
        assert table.rowHeight(row) >= min(lines, 3) * table.fontMetrics().height()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_minutes_tab_never_scrolls_sideways(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database, size: tuple[int, int]
) -> None:
    window = open_window(demo_db)
    window.resize(*size)
    window.show_area("meetings")
    page = window.pages["meetings"]
    _shown_meeting(page, MeetingState.HELD)
    page.tabs.setCurrentWidget(page.minutes)
    qtbot.wait(50)
    for area in page.minutes.findChildren(QAbstractScrollArea):
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
