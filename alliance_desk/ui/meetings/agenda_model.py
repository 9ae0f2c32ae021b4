"""The agenda table: items with clock-time slots; rows can be dragged to a new place.

A drop does not move rows itself: it asks (``move_requested(from_row, to_row)``) and
the editor lets the service reorder, then shows the agenda the service returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from alliance_desk.core.vocab import AgendaOrigin
from alliance_desk.services import meetings as mt

ModelIndex = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-alliance-desk-agenda-row"
HEADERS = ("序号", "议题", "类型", "汇报单位", "分钟", "时间段")
_NUMERIC = {0, 4}


def move_order(ids: Sequence[int], source: int, target: int) -> list[int]:
    """``ids`` with the item at ``source`` put before the one now at ``target`` (or last)."""
    order = list(ids)
    item = order.pop(source)
    if target > source:
        target -= 1
    order.insert(max(0, min(target, len(order))), item)
    return order


class AgendaModel(QAbstractTableModel):
    move_requested = Signal(int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._slots: tuple[mt.AgendaSlot, ...] = ()
        self.editable = False

    def set_slots(self, slots: Sequence[mt.AgendaSlot], editable: bool) -> None:
        self.beginResetModel()
        self._slots = tuple(slots)
        self.editable = editable
        self.endResetModel()

    def slots(self) -> tuple[mt.AgendaSlot, ...]:
        return self._slots

    def slot_at(self, row: int) -> mt.AgendaSlot:
        return self._slots[row]

    def row_of(self, item_id: int) -> int:
        for row, slot in enumerate(self._slots):
            if slot.id == item_id:
                return row
        return -1

    # --- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._slots)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, slot: mt.AgendaSlot, column: int) -> str:
        if column == 0:
            return str(slot.position)
        if column == 1:
            return slot.title
        if column == 2:
            return slot.kind.label
        if column == 3:
            return slot.presenter_name
        if column == 4:
            return str(slot.minutes_allotted)
        return slot.time_label

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        slot = self._slots[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(slot, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(slot, index.column())
            if index.column() == 1 and slot.origin is not AgendaOrigin.PROPOSED:
                text = f"{text}（{slot.origin.label}）"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if index.column() in _NUMERIC
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.editable:
            return base
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    # --- drag and drop ------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(MIME_TYPE, QByteArray(str(rows[0]).encode("ascii")))
        return data

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        return self.editable and data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        """Ask for the move and refuse the drop itself (so the view removes nothing)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = int(bytes(data.data(MIME_TYPE).data()).decode("ascii"))
        if row < 0 and parent.isValid():  # dropped onto an item: take its place
            row = parent.row() + (1 if source < parent.row() else 0)
        elif row < 0:
            row = len(self._slots)
        if source != row and source + 1 != row:
            self.move_requested.emit(source, row)
        return False
