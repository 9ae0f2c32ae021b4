"""The main window: navigation on the left, pages on the right, built lazily on first visit.

Nothing here touches ``PySide6.QtCore.Qt`` before the first paint (PySide builds that
namespace's ~140 enums on first use, some 20 ms the first window does not wait for):
the loading text is centred by its layout, and the quit action's application-wide
context is set once the window has painted (a hidden window's shortcuts do nothing).
What only an open database or a click needs (backup, tasks, about) is imported then.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from alliance_desk import config
from alliance_desk.config import SettingsKey
from alliance_desk.ui.navigation import (
    AREA_KEYS,
    AREAS,
    PageContext,
    Target,
    area,
    page_factory,
)

if TYPE_CHECKING:
    from alliance_desk.services.database import Database
    from alliance_desk.ui.tasks import BackgroundTask

NAV_STYLE = """
QListWidget#navigation { background: #fbf4f4; border: none; border-right: 1px solid #e3d3d3;
    font-size: 12pt; padding-top: 8px; outline: 0; }
QListWidget#navigation::item { padding: 9px 16px; }
QListWidget#navigation::item:selected { background: #b71c1c; color: white; }
"""


class MainWindow(QMainWindow):
    first_painted = Signal()
    """Once, from the event loop, after the first paint is done."""

    def __init__(self, database: Database | None = None) -> None:
        super().__init__()
        self.database: Database | None = None
        self.pages: dict[str, QWidget] = {}
        self.restore_task: BackgroundTask | None = None
        self._painted = False
        self.setWindowTitle(self.tr("党建联盟工作台"))
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAV_STYLE)
        self.navigation.setFixedWidth(164)  # 书记项目与考核 fits; the pages get the rest
        for index, entry in enumerate(AREAS):  # row i is AREA_KEYS[i]
            item = QListWidgetItem(entry.label)
            item.setToolTip(f"{entry.purpose_text}  (Ctrl+{(index + 1) % 10})")
            self.navigation.addItem(item)
        self.navigation.setEnabled(False)
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        self.stack = QStackedWidget()
        self.loading = QLabel(self.tr("正在打开数据库……"))
        self.stack.addWidget(_centred(self.loading))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status_label = QLabel(self.tr("正在打开数据库……"))
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_actions()
        self._restore_geometry()
        if database is not None:
            self.attach_database(database)

    def _build_actions(self) -> None:
        # QAction(parent) and setText: QAction(text, parent)'s overloads build QIcon's enums.
        self.backup_action = QAction(self)
        self.backup_action.setText(self.tr("立即备份(&B)"))
        self.backup_action.setEnabled(False)
        self.backup_action.triggered.connect(self.back_up)
        # setShortcuts([...]), not setShortcut(...): the latter's overloads resolve ``Qt``.
        self.quit_action = QAction(self)
        self.quit_action.setText(self.tr("退出(&Q)"))
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        about_action = QAction(self)
        about_action.setText(self.tr("关于(&A)"))
        about_action.triggered.connect(self.about)
        self.menuBar().addMenu(self.tr("帮助(&H)")).addAction(about_action)
        for index, key in enumerate(AREA_KEYS):
            action = QAction(self)
            action.setShortcuts([QKeySequence(f"Ctrl+{(index + 1) % 10}")])
            action.triggered.connect(lambda _checked=False, k=key: self.show_area(k))
            self.addAction(action)

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(SettingsKey.WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = QSettings().value(SettingsKey.WINDOW_STATE)
            if isinstance(state, QByteArray):
                self.restoreState(state)
            return
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        width, height = 1280, 800
        if available is not None:
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)

    def attach_database(self, database: Database) -> None:
        """Show the database's pages, starting with the one the clerk left last time."""
        from alliance_desk.ui import backup

        self.database = database
        self.setWindowTitle(self.tr("党建联盟工作台 — {name}").format(name=database.describe()))
        self.status_label.setText(self.tr("数据库：{db}    操作人：{actor}").format(
            db=database.describe(), actor=database.actor))
        self.backup_action.setEnabled(backup.can_back_up(database))
        self.navigation.setEnabled(True)
        last = QSettings().value(SettingsKey.LAST_PAGE, "home")
        self.show_area(last if last in AREA_KEYS else "home")

    def replace_database(self, database: Database) -> None:
        """Drop every page of the old database (they hold it), dispose it, show the new one."""
        old = self.database
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        if old is not None and old is not database:
            old.close()
        self.attach_database(database)

    def restore_backup(self, source: Path) -> BackgroundTask | None:
        """从备份恢复: the open SQLite file is replaced by ``source`` with the same safety as
        ``alliance-desk restore`` (exclusive, a copy of what it replaces kept first), then
        reopened (upgraded if the backup is older). The window lets go of the file first."""
        database = self.database
        if database is None or database.sqlite_path is None:
            return None
        from alliance_desk.ui.tasks import BackgroundTask, wait_for_background_tasks

        path = database.sqlite_path
        # Our own readers (pages loading in the background) and pooled connections must
        # not hold the file open, or the restore would refuse after its bounded wait; a
        # page that starts reading meanwhile is refused quietly (DatabaseClosedError).
        wait_for_background_tasks(10)
        database.close()

        def work(_report: object) -> tuple[Database, Path | None]:
            from alliance_desk.services.bootstrap import open_database
            from alliance_desk.storage.backup import restore

            kept = restore(source, path, config.backups_dir())
            return open_database(str(path), actor=database.actor, auto_backup=False), kept

        task = BackgroundTask(self, self.tr("正在从备份恢复……"), work,
                              error_title=self.tr("无法恢复"))
        task.succeeded.connect(self._restored)
        task.failed.connect(self._restore_refused)
        self.restore_task = task  # the task must outlive this call
        task.start()
        return task

    @Slot(object)
    def _restore_refused(self, _error: BaseException) -> None:
        """Nothing was restored (the reason is shown): go on with the database as it was."""
        if self.database is not None:
            from alliance_desk.services.database import Database

            old = self.database
            self.replace_database(Database(old.location, actor=old.actor))

    @Slot(object)
    def _restored(self, result: tuple[Database, Path | None]) -> None:
        database, kept = result
        self.replace_database(database)
        note = self.tr("已从备份恢复。")
        if kept is not None:
            note += self.tr("原数据已另存为：{path}").format(path=kept)
        self.statusBar().showMessage(note, 30_000)

    @property
    def current_key(self) -> str | None:
        row = self.navigation.currentRow()
        return AREA_KEYS[row] if 0 <= row < len(AREA_KEYS) else None

    def page(self, key: str) -> QWidget:
        """The page for ``key``, created on first use."""
        if key not in self.pages:
            if self.database is None:
                raise RuntimeError("no database attached yet")
            context = PageContext(self.database, area(key), self.open_area)
            page = page_factory(key)(context)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    @Slot(str)
    def show_area(self, key: str) -> None:
        if self.database is None:
            return
        row = AREA_KEYS.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)  # comes back through _on_row_changed
            return
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        QSettings().setValue(SettingsKey.LAST_PAGE, key)
        _activate(page)

    def open_area(self, key: str, target: Target | None = None) -> None:
        """Show ``key``'s page and, if it knows how, the record or filter ``target`` names."""
        self.show_area(key)
        if target is not None and self.current_key == key:
            show_target = getattr(self.pages[key], "show_target", None)
            if callable(show_target):
                show_target(target)

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(AREA_KEYS):
            self.show_area(AREA_KEYS[row])

    def refresh_current(self) -> None:
        """Re-read the shown page (after something changed the data behind it)."""
        key = self.current_key
        if key is not None and key in self.pages:
            _activate(self.pages[key])

    @Slot()
    def back_up(self) -> None:
        if self.database is None:
            return
        from alliance_desk.ui import backup

        task = backup.start_backup(self, self.database)
        task.succeeded.connect(lambda path: self.statusBar().showMessage(
            self.tr("已备份到：{path}").format(path=path), 15_000))

    @Slot()
    def about(self) -> None:
        from alliance_desk.services.maintenance import schema_revision
        from alliance_desk.ui.about import show_about

        revision = schema_revision(self.database) if self.database is not None else None
        show_about(self, revision)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue(SettingsKey.WINDOW_GEOMETRY, self.saveGeometry())
        settings.setValue(SettingsKey.WINDOW_STATE, self.saveState())
        if self.current_key is not None and self.database is not None:
            settings.setValue(SettingsKey.LAST_PAGE, self.current_key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)

    @Slot()
    def _after_first_paint(self) -> None:
        """``first_painted``, then what the first paint did not wait for."""
        self.first_painted.emit()
        from PySide6.QtCore import Qt

        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)


def _centred(label: QLabel) -> QWidget:
    """``label`` in the middle of a page (stretches around it: no alignment flags)."""
    page = QWidget()
    row = QHBoxLayout(page)
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    return page


def _activate(page: QWidget) -> None:
    activated = getattr(page, "activated", None)
    if callable(activated):
        activated()
