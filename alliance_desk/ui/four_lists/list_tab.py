"""One tab of the four-lists page: a search line, a filter, buttons, and a sortable table.

Rows are filtered and sorted inside :class:`RowTableModel` over precomputed keys, so a
keystroke stays fast over tens of thousands of needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.ui.models.row_table import Column, PreparedRows, RowTableModel
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.flow_layout import FlowLayout
from alliance_desk.ui.widgets.tables import fit_columns_once, list_table

R = TypeVar("R")


class ListTab(QWidget, Generic[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        filters: Sequence[tuple[str, Callable[[R], bool] | None]] = (),
        muted: Callable[[R], bool] | None = None,
        highlighted: Callable[[R], QColor | None] | None = None,
        multi: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model: RowTableModel[R] = RowTableModel(
            columns, muted=muted, highlighted=highlighted, parent=self
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索（Ctrl+F）：名称、单位、编号……"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.filter = QComboBox()
        self._filters = list(filters)
        for label, _predicate in self._filters:
            self.filter.addItem(label)
        self.filter.setVisible(bool(self._filters))
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        top.addWidget(self.count)
        self.buttons = FlowLayout()
        self.table: QTableView = list_table(self.model)
        if multi:
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 8, 6, 6)  # text off the tab frame
        self.layout_.addLayout(top)
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.table, 1)

    def add_button(self, text: str, slot: Callable[[], Any], tip: str = "") -> QPushButton:
        button = QPushButton(text)
        if tip:
            button.setToolTip(tip)
        on_click(button, slot)
        self.buttons.addWidget(button)
        return button

    def add_widget(self, widget: QWidget) -> QWidget:
        self.buttons.addWidget(widget)
        return widget

    def end_buttons(self) -> None:
        self.buttons.addStretch(1)

    def set_rows(self, rows: Sequence[R] | PreparedRows[R]) -> None:
        self.model.set_rows(rows)
        fit_columns_once(self.table)
        self._update_count()

    def _search(self, text: str) -> None:
        self.model.set_search_text(text)
        self._update_count()

    def _apply_filter(self) -> None:
        index = self.filter.currentIndex()
        predicate = self._filters[index][1] if 0 <= index < len(self._filters) else None
        self.model.set_predicate(predicate)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("共 %1 条").replace("%1", f"{self.model.rowCount():,}"))

    def selected(self) -> R | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_all(self) -> list[R]:
        return [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]

    def select_where(self, predicate: Callable[[R], bool]) -> bool:
        row = self.model.view_row_of(predicate)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
