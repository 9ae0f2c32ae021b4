from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from alliance_desk import config
from alliance_desk.services import Database
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.pages.system import SystemPage

OpenWindow = Callable[[Database], MainWindow]


def _system(window: MainWindow) -> SystemPage:
    window.show_area("system")
    page = window.pages["system"]
    assert isinstance(page, SystemPage)
    return page


def test_system_page_names_database_and_folders(open_window: OpenWindow, db: Database) -> None:
    page = _system(open_window(db))
    assert page.rows["database"] == db.describe()
    assert page.rows["actor"] == "测试员"
    assert page.rows["data_dir"] == str(config.data_dir())
    assert page.rows["backups_dir"] == str(config.backups_dir())
    assert page.rows["kind"].startswith("SQLite" if db.sqlite_path else "PostgreSQL")


def test_backup_now_writes_a_copy_into_the_backups_folder(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    page = _system(open_window(db))
    assert page.backup_button.isEnabled()
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.result_label.isVisible())
    copies = list(config.backups_dir().glob("manual-*.sqlite"))
    assert len(copies) == 1
    assert page.result_label.text() == f"已备份到：{copies[0]}"


def test_file_menu_backup_reports_in_the_status_bar(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    window = open_window(db)
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: "已备份到" in window.statusBar().currentMessage())
    assert len(list(config.backups_dir().glob("manual-*.sqlite"))) == 1


def test_check_database_shows_integrity_and_schema(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    page = _system(open_window(db))
    page.check_button.click()
    qtbot.waitUntil(lambda: page.result_label.isVisible())
    report = page.result_label.text()
    assert "完整性检查：通过" in report
    without_path = report.replace(str(db.sqlite_path), "")
    assert not any(c.isascii() and c.isalpha() for c in without_path)  # Chinese only
    assert "最新" in report
    assert "正常" in report


def test_postgresql_database_cannot_be_backed_up_here(qtbot: QtBot) -> None:
    from alliance_desk.config import resolve_database
    from alliance_desk.ui.navigation import PageContext, area

    database = Database(resolve_database("postgresql+psycopg://clerk:secret@db.example/desk"),
                        actor="张三")
    try:
        page = SystemPage(PageContext(database, area("system")))
        qtbot.addWidget(page)
        assert page.rows["database"] == "PostgreSQL db.example/desk"
        assert "secret" not in " ".join(page.rows.values())
        assert page.rows["kind"].startswith("PostgreSQL")
        assert not page.backup_button.isEnabled()
        assert "pg_dump" in page.backup_button.toolTip()
    finally:
        database.dispose()
