"""What every tab of the 书记项目与考核 page has: a year, a search box, a sortable list,
shortcuts (Ctrl+N, Delete, F5, Ctrl+F, Ctrl+P) and a row of buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.commitments.dates import local_date
from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects import Alert
from alliance_desk.services.database import Database
from alliance_desk.ui.models.row_table import Column, RowTableModel
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.flow_layout import FlowLayout
from alliance_desk.ui.widgets.tables import list_table

R = TypeVar("R")

ALERT_BACKGROUND = {
    Alert.BLUE: QColor("#d6e6ff"),
    Alert.YELLOW: QColor("#fff1b8"),
    Alert.RED: QColor("#ffd6d6"),
}


def today() -> Any:
    return local_date(datetime.now(UTC))


def show_error(parent: QWidget, error: DomainError, title: str = "操作未完成") -> None:
    QMessageBox.warning(parent, title, error.message)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class ListTab(QWidget, Generic[R]):
    """A year, a search box, a list and buttons; ``load()`` is the subclass's one query."""

    def __init__(
        self,
        database: Database,
        columns: Sequence[Column[R]],
        *,
        highlighted: Callable[[R], QColor | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        self.year = QSpinBox()
        self.year.setObjectName("yearSpin")
        self.year.setRange(2000, 2099)
        self.year.setMinimumWidth(80)
        self.year.setValue(today().year)
        self.year.valueChanged.connect(self.refresh)
        top.addWidget(self.year)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("搜索（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        self.extra_top = top
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model: RowTableModel[R] = RowTableModel(columns, highlighted=highlighted, parent=self)
        self.table: QTableView = list_table(self.model, self)
        self.search.textChanged.connect(self.model.set_search_text)
        self.table.doubleClicked.connect(lambda _index: self.on_open())
        layout.addWidget(self.table, 1)
        self.buttons = FlowLayout()
        layout.addLayout(self.buttons)
        self._shortcut("F5", self.refresh)
        self._shortcut("Ctrl+F", self._focus_search)
        self._shortcut("Ctrl+N", self.on_new)
        self._shortcut("Delete", self.on_delete)

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def button(self, text: str, slot: Callable[[], object], name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        on_click(button, slot)
        self.buttons.addWidget(button)
        return button

    def selected(self) -> R | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def require_selected(self, what: str) -> R | None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先在列表中选择") + what)
        return row

    def refresh(self) -> None:
        try:
            rows = self.load(self.year.value())
        except DomainError as error:
            show_error(self, error, self.tr("无法读取"))
            return
        previous = self.selected()
        key = getattr(previous, "id", getattr(previous, "unit_id", None))
        self.model.set_rows(rows)
        if key is not None:
            found = self.model.view_row_of(
                lambda r: getattr(r, "id", getattr(r, "unit_id", None)) == key
            )
            if found >= 0:
                self.table.selectRow(found)
        self.after_load(rows)

    def load(self, year: int) -> list[R]:
        raise NotImplementedError

    def after_load(self, rows: list[R]) -> None:
        """Update the summary line."""

    def on_new(self) -> None:
        """Ctrl+N."""

    def on_delete(self) -> None:
        """Delete."""

    def on_open(self) -> None:
        """A double click."""

    def run(self, action: Callable[[], object], done: str = "") -> bool:
        """One service call; a refusal is explained; the list is reloaded either way."""
        try:
            action()
        except DomainError as error:
            show_error(self, error)
            self.refresh()
            return False
        self.refresh()
        if done:
            window = self.window()
            status = getattr(window, "statusBar", None)
            if callable(status):
                status().showMessage(done, 8000)
        return True
