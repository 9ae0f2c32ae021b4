"""议程 tab: the items with time slots; add, edit, delete, reorder (drag or Ctrl+↑/↓).

Editable while the meeting is a draft; after the notice the agenda is frozen and the
tab says so. Below the table: the running total and the planned end time.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.meetings import MeetingEdit, edit_refusal
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.ui.meetings.agenda_item_dialog import AgendaItemDialog
from alliance_desk.ui.meetings.agenda_model import AgendaModel, move_order
from alliance_desk.ui.meetings.suggestions import SuggestionsDialog
from alliance_desk.ui.meetings.tab_base import MeetingTab, note_label, show_note
from alliance_desk.ui.register.page_helpers import action_button, open_dialog
from alliance_desk.ui.widgets.flow_layout import FlowLayout
from alliance_desk.ui.widgets.tables import ROW_HEIGHT


class AgendaEditor(MeetingTab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self._dialog: AgendaItemDialog | None = None
        self._suggestions: SuggestionsDialog | None = None
        self.model = AgendaModel(self)
        self.model.move_requested.connect(self.move, Qt.ConnectionType.QueuedConnection)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # 议题 takes what is left: the others are as narrow as their contents allow
        # (汇报单位 elides; its full name is in the tooltip and the item dialog).
        for column, width in ((0, 44), (2, 64), (3, 130), (4, 60), (5, 104)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.note = note_label()
        self.add_button = action_button(self.tr("添加议题…"), self.add_item, "Ctrl+I", scope=self)
        self.edit_button = action_button(self.tr("编辑…"), self.edit_selected)
        self.delete_button = action_button(
            self.tr("删除"), self.delete_selected, "Del", scope=self.table
        )
        self.up_button = action_button(
            self.tr("上移"), partial(self.move_selected, -1), "Ctrl+Up", scope=self.table
        )
        self.down_button = action_button(
            self.tr("下移"), partial(self.move_selected, 1), "Ctrl+Down", scope=self.table
        )
        self.suggest_button = action_button(self.tr("建议议题…"), self.offer_suggestions)
        self.total_label = QLabel()
        self.total_label.setObjectName("agendaTotal")
        self.total_label.setStyleSheet("font-weight: bold;")
        hint = QLabel(self.tr("可拖动行调整顺序，或选中后按 Ctrl+↑ / Ctrl+↓。"))
        hint.setStyleSheet("color: #666;")

        buttons = FlowLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.up_button,
            self.down_button,
            self.suggest_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        footer = FlowLayout(spacing=12)
        footer.addWidget(self.total_label)
        footer.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        self._update_buttons()

    # --- showing -----------------------------------------------------------------------
    def editable(self) -> bool:
        return (
            self.detail is not None
            and edit_refusal(self.detail.meeting.state, MeetingEdit.AGENDA) is None
        )

    def show_detail(self, detail: mt.MeetingDetail | None) -> None:
        keep = self.selected_slot()
        self.detail = detail
        self.model.set_slots(detail.agenda if detail else (), self.editable())
        refusal = edit_refusal(detail.meeting.state, MeetingEdit.AGENDA) if detail else None
        show_note(self.note, refusal)
        self.table.setDragEnabled(self.editable())
        if detail is None:
            self.total_label.clear()
        else:
            timing = detail.timing
            self.total_label.setText(
                self.tr("共 %1 项，合计 %2；%3 开始，预计 %4 结束")
                .replace("%1", str(len(detail.agenda)))
                .replace("%2", timing.total_label)
                .replace("%3", f"{timing.start:%H:%M}")
                .replace("%4", timing.end_label)
            )
        if keep is not None:
            self.select_item(keep.id)
        self._update_buttons()

    def selected_slot(self) -> mt.AgendaSlot | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.slot_at(rows[0].row()) if rows else None

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _update_buttons(self) -> None:
        editable = self.editable()
        slot = self.selected_slot()
        count = self.model.rowCount()
        row = self.model.row_of(slot.id) if slot else -1
        self.add_button.setEnabled(editable)
        self.suggest_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and slot is not None)
        self.delete_button.setEnabled(editable and slot is not None)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)

    # --- items ------------------------------------------------------------------------
    def add_item(self) -> AgendaItemDialog | None:
        if not self.editable() or self.detail is None:
            return None
        self._dialog = AgendaItemDialog(self._db, self.detail, parent=self)
        return open_dialog(self._dialog, self._after_dialog)

    def edit_selected(self) -> AgendaItemDialog | None:
        slot = self.selected_slot()
        if not self.editable() or self.detail is None or slot is None:
            return None
        self._dialog = AgendaItemDialog(self._db, self.detail, slot, parent=self)
        return open_dialog(self._dialog, self._after_dialog)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def _after_dialog(self, _result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is None:
            return
        if dialog.saved is not None:
            self.detail_changed.emit(dialog.saved)
            added = dialog.saved.agenda[-1] if dialog.slot is None else dialog.slot
            self.select_item(added.id)
        elif dialog.needs_reload:
            self.reload_requested.emit()

    def delete_selected(self) -> bool:
        slot = self.selected_slot()
        if not self.editable() or slot is None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("删除议题"),
            self.tr("删除议题“%1”？").replace("%1", slot.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.run(
            partial(mt.delete_agenda_item, self._db, slot.id, expected_version=slot.version)
        )

    # --- order ------------------------------------------------------------------------
    def move_selected(self, step: int) -> bool:
        slot = self.selected_slot()
        if slot is None:
            return False
        row = self.model.row_of(slot.id)
        target = row + step
        if not 0 <= target < self.model.rowCount():
            return False
        return self.move(row, target + 1 if step > 0 else target)

    def move(self, source: int, target: int) -> bool:
        """Put the item at row ``source`` before the item now at row ``target``."""
        if not self.editable() or self.detail is None:
            return False
        ids = [slot.id for slot in self.model.slots()]
        moved = ids[source]
        order = move_order(ids, source, target)
        if order == ids:
            return False
        done = self.run(partial(mt.reorder_agenda, self._db, self.detail.meeting.id, order))
        if done:
            self.select_item(moved)
        return done

    # --- suggestions --------------------------------------------------------------------
    def offer_suggestions(self) -> SuggestionsDialog | None:
        if not self.editable() or self.detail is None:
            return None
        found = mt.suggested_items(self._db, self.detail.meeting.id)
        if not found:
            QMessageBox.information(
                self,
                self.tr("建议议题"),
                self.tr("没有可建议的议题：本联盟没有未履行的承诺，上次会议的议题也都已议及。"),
            )
            return None
        self._suggestions = SuggestionsDialog(self._db, self.detail.meeting.id, found, self)
        return open_dialog(self._suggestions, self._after_suggestions)

    def _after_suggestions(self, _result: int) -> None:
        dialog, self._suggestions = self._suggestions, None
        if dialog is not None and dialog.added:
            self.reload_requested.emit()
