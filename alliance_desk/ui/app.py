"""``run_gui``: the window first, then the database, then anything slow.

Start-up order: QApplication → one-copy-per-file lock → window shown → (after its
first paint) the log file (``logging_setup``), plain-text labels (``plain_text``), open
and upgrade the database → demo data if asked for and empty.
Nothing here imports SQLAlchemy, Alembic, openpyxl or matplotlib before the window
paints, nor touches ``PySide6.QtCore.Qt``: PySide builds that namespace's ~140 enums on
first use (some 20 ms). The modules imported before the first paint (this one,
application, fonts, error_dialog, main_window) import ``Qt``, QMessageBox and
QDialogButtonBox (whose enums cost too) in the functions that use them; plain_text,
tasks, demo_fill and backup are imported after the paint (tests/ui/test_app_startup.py
holds both to it). Exit codes: 0 normal, 2 the database could not be opened (or is in
use).

Set ``ALLIANCE_DESK_EXIT_AFTER_SHOW=1`` to print start-up times and quit.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QWidget

from alliance_desk.config import resolve_database
from alliance_desk.core.errors import DomainError
from alliance_desk.logging_setup import open_held_log_file
from alliance_desk.ui import fonts
from alliance_desk.ui.application import configure_application
from alliance_desk.ui.error_dialog import install_exception_handler, uninstall_exception_handler
from alliance_desk.ui.instance_lock import InstanceLock
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.startup_timing import process_age_ms

if TYPE_CHECKING:
    from alliance_desk.services.database import Database
    from alliance_desk.ui.tasks import BackgroundTask

log = logging.getLogger("alliance_desk.ui")

EXIT_OK = 0
EXIT_REFUSED = 2
EXIT_AFTER_SHOW_ENV = "ALLIANCE_DESK_EXIT_AFTER_SHOW"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


def refuse(parent: QWidget | None, message: str) -> None:
    """The blocking 'cannot open' box shown just before the app exits with code 2."""
    from PySide6.QtWidgets import QMessageBox

    from alliance_desk.ui.plain_text import ensure_plain_labels

    ensure_plain_labels()  # this box may come before the first paint
    box = QMessageBox(QMessageBox.Icon.Critical, _tr("无法打开数据库"), message,
                      QMessageBox.StandardButton.Ok, parent)
    box.exec()


class Startup(QObject):
    """Opens the database once the window has painted; ``exit_code`` set on refusal."""

    def __init__(self, database_arg: str | None, *, demo: bool, font_ok: bool) -> None:
        super().__init__()
        self.database_arg = database_arg
        self.demo = demo
        self.font_ok = font_ok
        self.exit_after_show = os.environ.get(EXIT_AFTER_SHOW_ENV) == "1"
        self.database: Database | None = None
        self.exit_code: int | None = None
        self.opening: BackgroundTask | None = None
        self.window = MainWindow()
        self.window.first_painted.connect(self._on_first_paint)

    @Slot()
    def _on_first_paint(self) -> None:
        if self.exit_after_show:
            print(f"window shown after {process_age_ms():.0f} ms", flush=True)
        from alliance_desk.ui.plain_text import ensure_plain_labels
        from alliance_desk.ui.tasks import BackgroundTask

        open_held_log_file()
        ensure_plain_labels()
        # Importing SQLAlchemy and checking/upgrading/backing up the file take a second
        # or more; a worker thread does it while the window stays responsive.
        self.opening = BackgroundTask(self.window, None, lambda _report: self._open(),
                                      report_errors=False)
        self.opening.succeeded.connect(self._on_opened)
        self.opening.failed.connect(self._on_refused)
        self.opening.start()

    def _open(self) -> Database:
        from alliance_desk.services.bootstrap import open_database

        return open_database(self.database_arg)

    @Slot(object)
    def _on_refused(self, exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            log.warning("database refused: %s", exc.message)
            message = exc.message
        else:
            from alliance_desk.config import redact_url

            log.error("cannot open database %s", redact_url(self.database_arg or "默认数据库"),
                      exc_info=(type(exc), exc, exc.__traceback__))
            message = _tr(
                "无法打开数据库（{error}）。\n可以从备份恢复（命令 restore），"
                "或用 --db 选择另一个文件或服务器。"
            ).format(error=type(exc).__name__)
        self.exit_code = EXIT_REFUSED
        refuse(self.window, message)
        QCoreApplication.exit(EXIT_REFUSED)
        self.window.hide()

    @Slot(object)
    def _on_opened(self, database: Database) -> None:
        self.database = database
        self.window.attach_database(database)
        self._warn_if_on_network_share(database)
        if not self.font_ok:
            fonts.warn_missing_font_once(self.window)
        from alliance_desk.ui import demo_fill

        if self.demo and demo_fill.is_empty(database):
            task = demo_fill.start_demo_fill(self.window, database)
            task.succeeded.connect(lambda summary: self.window.statusBar().showMessage(
                demo_fill.describe_summary(summary), 15_000))
            task.finished.connect(self._ready)
        else:
            self._ready()

    def _warn_if_on_network_share(self, database: Database) -> None:
        from alliance_desk.storage.engine import network_path_warning

        path = database.sqlite_path
        warning = network_path_warning(path) if path is not None else None
        if warning:
            log.warning("database on a network share: %s", path)
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.window, _tr("数据库位于网络共享盘"), warning)

    @Slot()
    def _ready(self) -> None:
        self.window.refresh_current()
        if self.exit_after_show:
            print(f"database ready after {process_age_ms():.0f} ms", flush=True)
            self.window.close()


def run_gui(database_arg: str | None, *, demo: bool = False) -> int:
    """Run the desktop app on ``database_arg`` (path, URL or None for the default)."""
    app, font_ok = configure_application(plain_labels=False)
    install_exception_handler()
    location = resolve_database(database_arg)
    lock = InstanceLock(location.sqlite_path) if location.sqlite_path else None
    try:
        if lock is not None and not lock.try_acquire():
            log.warning("database in use: %s", location.sqlite_path)
            refuse(None, lock.refusal_message())
            return EXIT_REFUSED
        startup = Startup(database_arg, demo=demo, font_ok=font_ok)
        startup.window.show()
        code = app.exec()
        from alliance_desk.ui.tasks import wait_for_background_tasks

        wait_for_background_tasks()
        if startup.database is not None:
            startup.database.dispose()
        startup.window.deleteLater()
        return startup.exit_code if startup.exit_code is not None else code
    finally:
        if lock is not None:
            lock.release()
        uninstall_exception_handler()
