from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from alliance_desk import config
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.units import UnitInput, create_unit, list_units
from alliance_desk.storage import backup
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


def _answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_restore_a_backup_from_the_system_page(
    qtbot: QtBot, open_window: OpenWindow, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if db.sqlite_path is None:
        pytest.skip("SQLite only")
    create_unit(db, UnitInput(name="备份前的单位", category=UnitCategory.GOVERNMENT))
    saved = tmp_path / "saved.sqlite"
    backup.backup(db.sqlite_path, saved)
    create_unit(db, UnitInput(name="备份后的单位", category=UnitCategory.GOVERNMENT))
    window = open_window(db)
    page = _system(window)
    asked = _answer(monkeypatch, False)
    assert not page.ask_restore(saved)  # No: nothing happens
    assert str(db.sqlite_path) in asked[0] and "saved.sqlite" in asked[0]
    assert len(list_units(db)) == 2
    _answer(monkeypatch, True)
    failures: list[BaseException] = []
    assert page.ask_restore(saved)
    window.restore_task.failed.connect(failures.append)
    qtbot.waitUntil(
        lambda: bool(failures) or "已从备份恢复" in window.statusBar().currentMessage(),
        timeout=30_000,
    )
    assert failures == []
    assert window.database is not None and window.database is not db
    assert [u.name for u in list_units(window.database)] == ["备份前的单位"]
    assert "system" not in window.pages or window.pages["system"] is not page
    (kept,) = config.backups_dir().glob("before-restore-*.sqlite")
    assert kept.exists()


def test_opening_a_foreign_file_as_another_database_is_refused(
    qtbot: QtBot, open_window: OpenWindow, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    from PySide6.QtCore import QProcess

    foreign = tmp_path / "notes.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (x)")
    connection.close()
    before = foreign.read_bytes()
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(QProcess, "startDetached",
                        lambda program, args: started.append((program, args)) or (True, 1))
    page = _system(open_window(db))
    assert not page.open_other_database(foreign)
    assert started == [] and foreign.read_bytes() == before
    other = tmp_path / "other.sqlite"
    backup.backup(db.sqlite_path, other) if db.sqlite_path else pytest.skip("SQLite only")
    assert page.open_other_database(other)
    assert started[0][1][-2:] == ["--db", str(other)]
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
