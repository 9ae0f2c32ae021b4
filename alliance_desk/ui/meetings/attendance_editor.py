"""签到 tab: every member unit with its attendance and attendee; guests; saved in one go.

Open once the notice is out and until the minutes are approved. The rate shown is the
saved one (attending member units / member units), so it matches the printed minutes.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.meetings import MeetingEdit, edit_refusal
from alliance_desk.core.vocab import AttendanceState
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.ui.meetings.tab_base import MeetingTab, note_label, show_note
from alliance_desk.ui.register.page_helpers import action_button

NOT_RECORDED = "（未登记）"


def rate_text(detail: mt.MeetingDetail) -> str:
    members = len(detail.members)
    rate = detail.attendance_rate
    text = f"应到 {members} 个单位，实到 {detail.attended_count} 个"
    if rate is not None:
        text += f"，出席率 {rate:.0%}"
    if detail.unrecorded:
        text += f"；尚有 {len(detail.unrecorded)} 个单位未登记"
    if detail.guests:
        text += f"；列席 {len(detail.guests)} 人"
    return text


class AttendanceEditor(MeetingTab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self._units: list[int] = []
        self.note = note_label()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("成员单位"), self.tr("出席情况"), self.tr("出席人")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 120)
        self.table.setColumnWidth(2, 180)
        self.guests = QTableWidget(0, 2)
        self.guests.setHorizontalHeaderLabels([self.tr("列席单位或身份"), self.tr("姓名")])
        self.guests.verticalHeader().hide()
        self.guests.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.guests.setColumnWidth(1, 180)
        self.guests.setMaximumHeight(150)

        self.all_present_button = action_button(self.tr("未登记的设为出席"), self.mark_rest_present)
        self.add_guest_button = action_button(self.tr("添加列席人员"), self.add_guest)
        self.remove_guest_button = action_button(self.tr("移除列席人员"), self.remove_guest)
        self.save_button = action_button(self.tr("保存签到"), self.save, "Ctrl+S", scope=self)
        self.rate_label = QLabel()
        self.rate_label.setObjectName("attendanceRate")
        self.rate_label.setStyleSheet("font-weight: bold;")

        top = QHBoxLayout()
        top.addWidget(self.rate_label, 1)
        top.addWidget(self.all_present_button)
        guest_buttons = QHBoxLayout()
        guest_buttons.addWidget(QLabel(self.tr("列席人员")))
        guest_buttons.addStretch(1)
        guest_buttons.addWidget(self.add_guest_button)
        guest_buttons.addWidget(self.remove_guest_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(guest_buttons)
        layout.addWidget(self.guests)
        layout.addLayout(bottom)

    def editable(self) -> bool:
        return (
            self.detail is not None
            and edit_refusal(self.detail.meeting.state, MeetingEdit.ATTENDANCE) is None
        )

    # --- showing -----------------------------------------------------------------------
    def show_detail(self, detail: mt.MeetingDetail | None) -> None:
        self.detail = detail
        editable = self.editable()
        rows = detail.attendance if detail else ()
        self._units = [row.unit_id for row in rows]
        for line in range(self.table.rowCount()):  # replaced widgets are deleted later
            for column in (1, 2):
                old = self.table.cellWidget(line, column)
                if old is not None:
                    old.hide()
        self.table.setRowCount(len(rows))
        for line, row in enumerate(rows):
            name = row.unit_name if row.member else row.unit_name + self.tr("（已不是成员）")
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(line, 0, item)
            state = QComboBox()
            state.addItem(self.tr(NOT_RECORDED), None)
            for choice in AttendanceState:
                state.addItem(choice.label, choice)
            state.setCurrentIndex(max(0, state.findData(row.state)))
            attendee = QLineEdit(row.attendee)
            attendee.setMaxLength(100)
            attendee.setPlaceholderText(self.tr("出席人姓名"))
            state.currentIndexChanged.connect(partial(self._state_changed, line))
            state.setEnabled(editable and row.member)
            attendee.setEnabled(editable and row.member)
            self.table.setCellWidget(line, 1, state)
            self.table.setCellWidget(line, 2, attendee)
            self._state_changed(line)
        self.guests.setRowCount(0)
        for guest in detail.guests if detail else ():
            self._append_guest(guest.name, guest.attendee)
        refusal = edit_refusal(detail.meeting.state, MeetingEdit.ATTENDANCE) if detail else None
        show_note(self.note, refusal)
        self.rate_label.setText(rate_text(detail) if detail else "")
        for button in (
            self.all_present_button,
            self.add_guest_button,
            self.remove_guest_button,
            self.save_button,
        ):
            button.setEnabled(editable)
        self.guests.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def state_box(self, line: int) -> QComboBox:
        widget = self.table.cellWidget(line, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def attendee_edit(self, line: int) -> QLineEdit:
        widget = self.table.cellWidget(line, 2)
        assert isinstance(widget, QLineEdit)
        return widget

    def _state_changed(self, line: int, *_index: object) -> None:
        value = self.state_box(line).currentData()
        nobody = value is not None and AttendanceState(value) in (
            AttendanceState.ABSENT,
            AttendanceState.EXCUSED,
        )
        edit = self.attendee_edit(line)
        edit.setEnabled(self.state_box(line).isEnabled() and not nobody)
        delegated = value is not None and AttendanceState(value) is AttendanceState.DELEGATED
        edit.setPlaceholderText(
            self.tr("受委托出席人（必填）") if delegated else self.tr("出席人姓名")
        )

    def set_state(self, line: int, state: AttendanceState | None, attendee: str = "") -> None:
        """Set one line as a clerk would (used by the 全部出席 button and tests)."""
        box = self.state_box(line)
        box.setCurrentIndex(max(0, box.findData(state)))
        if attendee:
            self.attendee_edit(line).setText(attendee)

    def mark_rest_present(self) -> None:
        for line in range(self.table.rowCount()):
            box = self.state_box(line)
            if box.isEnabled() and box.currentData() is None:
                self.set_state(line, AttendanceState.PRESENT)

    # --- guests -----------------------------------------------------------------------
    def _append_guest(self, name: str, attendee: str) -> None:
        row = self.guests.rowCount()
        self.guests.insertRow(row)
        self.guests.setItem(row, 0, QTableWidgetItem(name))
        self.guests.setItem(row, 1, QTableWidgetItem(attendee))

    def add_guest(self, name: str = "", attendee: str = "") -> None:
        self._append_guest(name, attendee)
        row = self.guests.rowCount() - 1
        self.guests.setCurrentCell(row, 0)
        if not name:
            self.guests.editItem(self.guests.item(row, 0))

    def remove_guest(self) -> None:
        row = self.guests.currentRow()
        if row >= 0:
            self.guests.removeRow(row)

    def guest_inputs(self) -> list[mt.GuestInput]:
        found = []
        for row in range(self.guests.rowCount()):
            name, attendee = self.guests.item(row, 0), self.guests.item(row, 1)
            name_text = name.text() if name else ""
            attendee_text = attendee.text() if attendee else ""
            if name_text.strip() or attendee_text.strip():
                found.append(mt.GuestInput(name_text, attendee_text))
        return found

    # --- saving -----------------------------------------------------------------------
    def attendance_inputs(self) -> list[mt.AttendanceInput]:
        rows = []
        for line, unit_id in enumerate(self._units):
            box = self.state_box(line)
            value = box.currentData()
            if value is None or not box.isEnabled():
                continue
            rows.append(
                mt.AttendanceInput(unit_id, AttendanceState(value), self.attendee_edit(line).text())
            )
        return rows

    def has_changes(self) -> bool:
        """Whether the lines or guests differ from what is saved."""
        if self.detail is None or not self.editable():
            return False
        stored = {row.unit_id: row for row in self.detail.attendance}
        for row in self.attendance_inputs():
            saved = stored.get(row.unit_id)
            if saved is None or saved.state is not row.state:
                return True
            nobody = row.state in (AttendanceState.ABSENT, AttendanceState.EXCUSED)
            if not nobody and saved.attendee != row.attendee.strip():
                return True
        guests = [(g.name.strip(), g.attendee.strip()) for g in self.guest_inputs()]
        return guests != [(g.name, g.attendee) for g in self.detail.guests]

    def save(self) -> bool:
        if self.detail is None or not self.editable():
            return False
        meeting_id = self.detail.meeting.id
        return self.run(
            partial(
                mt.record_attendance,
                self._db,
                meeting_id,
                self.attendance_inputs(),
                guests=self.guest_inputs(),
            ),
            title=self.tr("签到未保存"),
        )
