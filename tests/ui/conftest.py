"""UI fixtures: settings isolated per test, seeded and demo databases, a main window.

QSettings go to an INI file under the test's tmp_path, so geometry and last-page
tests never see another test's (or the developer's) settings.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import ModalCloser, seed_register

from alliance_desk import config
from alliance_desk.services import Database
from alliance_desk.services.bootstrap import open_database
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.plain_text import install_plain_labels
from alliance_desk.ui.tasks import wait_for_background_tasks


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName(config.ORG_NAME)
    qapp.setApplicationName(config.APP_NAME)
    install_plain_labels(qapp)  # as configure_application does for the real app
    yield folder
    wait_for_background_tasks()


@pytest.fixture
def seeded_db(db: Database) -> Database:
    seed_register(db)
    return db


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data set, generated once per session and copied per test."""
    from alliance_desk.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
    database = open_database(str(path), actor="测试员", auto_backup=False)
    try:
        generate_demo(database, scale=1)
    finally:
        database.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    database = open_database(str(path), actor="测试员", auto_backup=False)
    yield database
    database.dispose()


@pytest.fixture
def open_window(qtbot: QtBot) -> Callable[[Database], MainWindow]:
    def make(database: Database) -> MainWindow:
        window = MainWindow(database)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def modal_closer() -> Iterator[ModalCloser]:
    closer = ModalCloser()
    yield closer
    closer.timer.stop()


@pytest.fixture
def guard_event_loop() -> Iterator[None]:
    """Ends a runaway ``app.exec()`` (a failing test must not hang the run)."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: QApplication.exit(99))
    timer.start(60_000)
    yield
    timer.stop()
