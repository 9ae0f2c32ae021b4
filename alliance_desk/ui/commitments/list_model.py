"""The commitment list as a lazy table model: counts and pages come from SQL.

The whole list can hold 200,000 rows; loading them takes 0.7 s even as Core rows
(DESIGN.md). The model asks ``state_counts`` (one aggregate query) for the total and
the counts above the table, then fetches ``PAGE_SIZE`` rows at a time as the view
scrolls (``canFetchMore``/``fetchMore``). A header click sorts in SQL and starts over.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from alliance_desk.services.commitments.filters import CommitmentFilter, SortKey
from alliance_desk.services.commitments.listing import fetch_commitments, fetch_rows, open_list
from alliance_desk.services.commitments.records import CommitmentRow, local_today
from alliance_desk.services.database import Database
from alliance_desk.ui.commitments.columns import ListColumn, list_columns, tr
from alliance_desk.ui.models.row_table import ROW_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
OVERDUE_TEXT = QBrush(QColor("#b71c1c"))
OVERDUE_BACKGROUND = QBrush(QColor("#fdecea"))
LATE_TEXT = QBrush(QColor("#a15c00"))
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CommitmentListModel(QAbstractTableModel):
    """Rows of the current filter, fetched page by page; ``counts`` per state come along."""

    reloaded = Signal()
    """After a new filter or sort was applied (counts and total are fresh)."""
    grown = Signal()
    """After another page was fetched."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._columns: list[ListColumn] = list_columns()
        self._filter = CommitmentFilter(sort=SortKey.ACTION)
        self._rows: list[CommitmentRow] = []
        self._total = 0
        self._ids: tuple[int, ...] | None = None
        self._fetching = False
        self.today: date = local_today()
        self.counts: dict[str, int] = {}

    # --- what is shown --------------------------------------------------------------
    @property
    def filter(self) -> CommitmentFilter:
        return self._filter

    @property
    def total(self) -> int:
        """How many rows match the filter (not how many are loaded)."""
        return self._total

    def loaded_rows(self) -> list[CommitmentRow]:
        return list(self._rows)

    def row_at(self, row: int) -> CommitmentRow:
        return self._rows[row]

    def row_of(self, commitment_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.id == commitment_id:
                return number
        return -1

    def columns(self) -> list[ListColumn]:
        return list(self._columns)

    # --- loading ---------------------------------------------------------------------
    def set_filter(self, f: CommitmentFilter) -> None:
        """Show ``f`` (its sort is replaced by the current one: the header owns the sort)."""
        self._filter = replace(f, sort=self._filter.sort, descending=self._filter.descending)
        self.reload()

    def reload(self) -> None:
        """Count and fetch the first page again."""
        self.today = local_today()
        window = open_list(self._db, self._filter, today=self.today, limit=PAGE_SIZE)
        # The view asks for more from inside endResetModel: not before the reset is over.
        self._fetching = True
        try:
            self.beginResetModel()
            self.counts = window.counts
            self._rows = window.rows
            self._total = window.total
            self._ids = window.ids
            self.endResetModel()
        finally:
            self._fetching = False
        self.reloaded.emit()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        # The view may ask for more from inside beginInsertRows (its scroll bar moved):
        # that nested call would read the same page again.
        if parent.isValid() or self._fetching:
            return
        self._fetching = True
        try:
            self._fetch_page()
        finally:
            self._fetching = False

    def _fetch_page(self) -> None:
        start = len(self._rows)
        if self._ids is not None:
            more = fetch_rows(self._db, self._ids[start : start + PAGE_SIZE], today=self.today)
        else:
            more = fetch_commitments(
                self._db, self._filter, today=self.today, offset=start, limit=PAGE_SIZE
            )
        if len(more) < PAGE_SIZE:  # the list shrank since it was counted
            self._total = start + len(more)
        if not more:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
        self.grown.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:  # no header sorted: what needs action first
            key, descending = SortKey.ACTION, False
        else:
            sort_key = self._columns[column].sort_key
            if sort_key is None:
                return
            key, descending = sort_key, order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._filter.sort, self._filter.descending) and self.counts:
            return
        self._filter = replace(self._filter, sort=key, descending=descending)
        if self.counts:  # before the first load the page's reload does the work
            self.reload()

    def sort_column(self) -> int:
        for number, column in enumerate(self._columns):
            if column.sort_key == self._filter.sort:
                return number
        return -1

    # --- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue:
                return OVERDUE_TEXT
            return LATE_TEXT if row.late else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BACKGROUND if row.overdue else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None

    def _tooltip(self, row: CommitmentRow, column: ListColumn) -> str:
        if row.overdue:
            days = (self.today - row.due_on).days
            return (
                tr("已于 %1 到期，逾期 %2 天未履诺")
                .replace("%1", f"{row.due_on:%Y-%m-%d}")
                .replace("%2", str(days))
            )
        if row.late and row.fulfilled_on is not None:
            return (
                tr("逾期履诺：%1 履诺，晚于到期日 %2 天")
                .replace("%1", f"{row.fulfilled_on:%Y-%m-%d}")
                .replace("%2", str((row.fulfilled_on - row.due_on).days))
            )
        return column.text(row)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("点击按此列排序") if column.sort_key else tr("此列不能排序")
        return None
