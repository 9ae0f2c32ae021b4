from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import activate, visible_message_boxes

from alliance_desk.config import SettingsKey
from alliance_desk.services import Database
from alliance_desk.storage.schema import HEAD_REVISION
from alliance_desk.ui import navigation
from alliance_desk.ui.commitments.page import CommitmentsPage
from alliance_desk.ui.four_lists.page import FourListsPage
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.meetings.page import MeetingsPage
from alliance_desk.ui.pages.home import HomePage
from alliance_desk.ui.pages.system import SystemPage
from alliance_desk.ui.projects.page import ProjectsPage
from alliance_desk.ui.register.alliances_page import AlliancesPage
from alliance_desk.ui.register.units_page import UnitsPage
from alliance_desk.ui.rotation.page import RotationPage
from alliance_desk.ui.workday.page import WorkdayPage
from alliance_desk.version import app_version

OpenWindow = Callable[[Database], MainWindow]
EXPECTED_LABELS = [
    "首页/看板", "党建联盟", "成员单位", "轮值主席", "联席会议",
    "双向承诺", "四项清单", "社区工作日", "书记项目与考核", "系统",
]
DIGIT_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5,
              Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8, Qt.Key.Key_9, Qt.Key.Key_0]


def _labels(window: MainWindow) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def _texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_navigation_lists_every_area_in_order(open_window: OpenWindow, db: Database) -> None:
    window = open_window(db)
    assert _labels(window) == EXPECTED_LABELS
    assert window.current_key == "home"
    assert list(window.pages) == ["home"]  # the others are built on first visit


REAL_PAGES: dict[str, type] = {
    "home": HomePage,
    "alliances": AlliancesPage,
    "units": UnitsPage,
    "rotation": RotationPage,
    "meetings": MeetingsPage,
    "commitments": CommitmentsPage,
    "projects": ProjectsPage,
    "four_lists": FourListsPage,
    "workday": WorkdayPage,
    "system": SystemPage,
}


def test_every_entry_opens_its_page_by_keyboard(
    qtbot: QtBot, open_window: OpenWindow, demo_db: Database
) -> None:
    window = open_window(demo_db)
    activate(qtbot, window)
    for row, key in enumerate(DIGIT_KEYS):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        area = navigation.AREAS[row]
        assert window.current_key == area.key
        page = window.stack.currentWidget()
        assert page is window.pages[area.key]
        assert page.isVisible()
        assert area.label in _texts(page)
        assert isinstance(page, REAL_PAGES[area.key])
    assert list(window.pages) == [area.key for area in navigation.AREAS]


def test_clicking_the_navigation_switches_pages(open_window: OpenWindow, db: Database) -> None:
    window = open_window(db)
    window.navigation.setCurrentRow(9)
    assert isinstance(window.stack.currentWidget(), SystemPage)
    window.navigation.setCurrentRow(3)
    assert isinstance(window.stack.currentWidget(), RotationPage)
    window.navigation.setCurrentRow(8)
    assert isinstance(window.stack.currentWidget(), ProjectsPage)


def test_status_bar_names_database_and_actor(open_window: OpenWindow, db: Database) -> None:
    window = open_window(db)
    text = window.status_label.text()
    assert db.describe() in text
    assert "测试员" in text
    if db.sqlite_path is not None:
        assert str(db.sqlite_path) in text
        assert window.backup_action.isEnabled()


def test_geometry_and_last_page_are_restored(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    first = open_window(db)
    first.resize(780, 520)  # within the offscreen screen (800×600): no clamping
    size = first.size()
    assert size == QSize(780, 520)
    first.show_area("system")
    first.close()
    assert QSettings().value(SettingsKey.LAST_PAGE) == "system"
    second = open_window(db)
    assert second.size() == size
    assert second.current_key == "system"
    assert isinstance(second.stack.currentWidget(), SystemPage)


def test_unknown_last_page_falls_back_to_home(open_window: OpenWindow, db: Database) -> None:
    QSettings().setValue(SettingsKey.LAST_PAGE, "no-such-page")
    assert open_window(db).current_key == "home"


def test_ctrl_q_closes_the_window(qtbot: QtBot, open_window: OpenWindow, db: Database) -> None:
    window = open_window(db)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_menus_are_chinese(open_window: OpenWindow, db: Database) -> None:
    window = open_window(db)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "帮助(&H)"]
    file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert file_items == ["立即备份(&B)", "", "退出(&Q)"]
    (about,) = window.menuBar().actions()[1].menu().actions()
    about.trigger()
    (box,) = visible_message_boxes()
    assert box.windowTitle() == "关于党建联盟工作台"
    assert "党建联盟工作台" in box.text()
    for area in navigation.AREAS[1:-1]:  # every working area is named, 首页 and 系统 aside
        assert area.label.split("与")[0] in box.informativeText(), area.label
    assert app_version() and app_version() in box.text()
    assert f"数据库结构版本：{HEAD_REVISION}" in box.text()
    box.done(0)


def test_window_waits_for_the_database(qtbot: QtBot, db: Database) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert not window.navigation.isEnabled()
    assert "正在打开数据库" in window.status_label.text()
    window.show_area("system")  # ignored until a database is attached
    assert window.pages == {}
    window.attach_database(db)
    assert window.navigation.isEnabled()
    assert window.current_key == "home"


class _RealPage(QWidget):
    """A page as other modules write them: built from the Database."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.visits = 0

    def activated(self) -> None:
        self.visits += 1


def test_a_registered_page_is_the_one_shown(
    monkeypatch: pytest.MonkeyPatch, open_window: OpenWindow, db: Database
) -> None:
    monkeypatch.setattr(navigation, "_factories", dict(navigation._factories))
    navigation.register_page("units", lambda context: _RealPage(context.database))
    window = open_window(db)
    window.show_area("units")
    page = window.pages["units"]
    assert isinstance(page, _RealPage)
    assert page.database is db
    window.show_area("home")
    window.show_area("units")
    assert page.visits == 2
    with pytest.raises(KeyError):
        navigation.register_page("nowhere", lambda context: _RealPage(context.database))


def test_open_area_shows_the_page_at_its_target(qtbot, db) -> None:
    from PySide6.QtWidgets import QWidget

    from alliance_desk.ui.main_window import MainWindow
    from alliance_desk.ui.navigation import Target

    window = MainWindow(db)
    qtbot.addWidget(window)
    seen: list[Target] = []

    class Receiver(QWidget):
        def show_target(self, target: Target) -> None:
            seen.append(target)

    window.pages["system"] = receiver = Receiver()
    window.stack.addWidget(receiver)
    window.open_area("system", Target(alliance_id=7))
    assert window.current_key == "system"
    assert seen == [Target(alliance_id=7)]
