"""成员单位 of one alliance: the member table and its actions (add, end, reorder, toggle)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError
from alliance_desk.core.vocab import MembershipRole
from alliance_desk.services import Database
from alliance_desk.services.alliances import (
    AllianceDetail,
    MemberRow,
    get_alliance,
    reorder_rotation,
    update_membership,
)
from alliance_desk.ui.models.row_table import RowTableModel
from alliance_desk.ui.register.alliance_columns import MemberLine, member_columns, member_lines
from alliance_desk.ui.register.end_membership import EndMembershipDialog
from alliance_desk.ui.register.member_picker import MemberPicker
from alliance_desk.ui.register.page_helpers import action_button, open_dialog


class MembersPanel(QWidget):
    """Member table of the shown alliance; every change is one service call, then a redraw."""

    members_changed = Signal(int)
    """An alliance's members changed (or it vanished): its id."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.detail: AllianceDetail | None = None
        self._picker: MemberPicker | None = None
        self._ending: EndMembershipDialog | None = None
        self.model: RowTableModel[MemberLine] = RowTableModel(
            member_columns(), muted=lambda line: not line.current, parent=self
        )
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((240, 72, 44, 86, 86, 64, 64)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_button = action_button(self.tr("添加成员"), self.add_members)
        self.end_button = action_button(self.tr("结束成员关系"), self.end_selected)
        self.up_button = action_button(self.tr("上移"), self.move_up, "Ctrl+Up", scope=self.table)
        self.down_button = action_button(
            self.tr("下移"), self.move_down, "Ctrl+Down", scope=self.table
        )
        self.role_button = action_button(self.tr("设为牵头"), self.toggle_role)
        self.chair_button = action_button(self.tr("设为不可担任轮值主席"), self.toggle_chair)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for button in (self.add_button, self.end_button, self.up_button, self.down_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.role_button)
        actions.addWidget(self.chair_button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self.show_detail(None)

    # --- data --------------------------------------------------------------------
    def show_detail(self, detail: AllianceDetail | None, select_id: int | None = None) -> None:
        """Show ``detail``; select ``select_id``, else keep the selection within one alliance."""
        if select_id is None and detail and self.detail and self.alliance_matches(detail):
            line = self.selected_line()
            select_id = line.member.membership_id if line else None
        self.detail = detail
        lines = member_lines(detail.members) if detail else []
        self.model.set_rows(lines)
        current = sum(1 for line in lines if line.current)
        self.title.setText(
            self.tr("成员单位（现有 %1 个，已退出 %2 个）")
            .replace("%1", str(current))
            .replace("%2", str(len(lines) - current))
            if detail
            else self.tr("成员单位")
        )
        if select_id is not None:
            self.select_membership(select_id)
        self._update_buttons()

    def alliance_matches(self, detail: AllianceDetail) -> bool:
        return self.detail is not None and self.detail.alliance.id == detail.alliance.id

    def reload(self, select_id: int | None = None) -> None:
        if self.detail is None:
            return
        alliance_id = self.detail.alliance.id
        try:
            self.show_detail(get_alliance(self._db, alliance_id), select_id)
        except NotFoundError as error:
            QMessageBox.warning(self, self.tr("无法载入"), error.message)
            self.show_detail(None)
        self.members_changed.emit(alliance_id)

    def select_membership(self, membership_id: int) -> bool:
        row = self.model.view_row_of(lambda line: line.member.membership_id == membership_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_line(self) -> MemberLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _current_ids(self) -> list[int]:
        return [line.member.membership_id for line in self.model.rows() if line.current]

    def _update_buttons(self) -> None:
        line = self.selected_line()
        current = line is not None and line.current
        count = len(self._current_ids())
        self.add_button.setEnabled(self.detail is not None)
        for button in (self.role_button, self.chair_button):
            button.setEnabled(current)
        # A leaving date today or later keeps the unit current until then; it can't end twice.
        self.end_button.setEnabled(current and line is not None and line.member.left_on is None)
        position = line.position if line is not None and line.position else 0
        self.up_button.setEnabled(current and position > 1)
        self.down_button.setEnabled(current and position < count)
        lead = line is not None and line.member.role == MembershipRole.LEAD
        self.role_button.setText(self.tr("设为成员") if lead else self.tr("设为牵头"))
        eligible = line is None or line.member.chair_eligible
        self.chair_button.setText(
            self.tr("设为不可担任轮值主席") if eligible else self.tr("设为可担任轮值主席")
        )

    # --- actions -----------------------------------------------------------------
    def add_members(self) -> MemberPicker | None:
        """Open the picker (window-modal) and return it; the table updates when it is done."""
        if self.detail is None:
            return None
        self._picker = MemberPicker(self._db, self.detail, self)
        return open_dialog(self._picker, self._after_add)

    def _after_add(self) -> None:
        picker, self._picker = self._picker, None
        if picker is None or picker.saved is None:
            return
        added = picker.model.checked_ids()
        first = [m for m in picker.saved.members if m.unit_id == added[0] and m.left_on is None]
        self.show_detail(picker.saved, first[0].membership_id if first else None)
        self.members_changed.emit(picker.saved.alliance.id)

    def _current_line(self) -> MemberLine | None:
        line = self.selected_line()
        return line if line is not None and line.current else None

    def end_selected(self) -> EndMembershipDialog | None:
        """Ask for the left date of the selected current member; returns the open dialog."""
        line = self._current_line()
        if line is None or line.member.left_on is not None:
            return None
        self._ending = EndMembershipDialog(self._db, line.member, self)
        return open_dialog(self._ending, self._after_end)

    def _after_end(self) -> None:
        dialog, self._ending = self._ending, None
        if dialog is None:
            return
        membership_id = dialog.member.membership_id
        if dialog.saved is not None:
            self.show_detail(dialog.saved, membership_id)
            self.members_changed.emit(dialog.saved.alliance.id)
        elif dialog.needs_reload:
            self.reload(membership_id)

    def move_up(self) -> None:
        self.move_selected(-1)

    def move_down(self) -> None:
        self.move_selected(1)

    def move_selected(self, step: int) -> None:
        line = self._current_line()
        if self.detail is None or line is None:
            return
        order = self._current_ids()
        here = order.index(line.member.membership_id)
        there = here + step
        if not 0 <= there < len(order):
            return
        order[here], order[there] = order[there], order[here]
        alliance_id = self.detail.alliance.id
        self._run(lambda: reorder_rotation(self._db, alliance_id, order), order[there])

    def toggle_role(self) -> None:
        line = self._current_line()
        if line is not None:
            lead = line.member.role == MembershipRole.LEAD
            role = MembershipRole.MEMBER if lead else MembershipRole.LEAD
            self._update(line.member, role, line.member.chair_eligible)

    def toggle_chair(self) -> None:
        line = self._current_line()
        if line is not None:
            self._update(line.member, line.member.role, not line.member.chair_eligible)

    def _update(self, member: MemberRow, role: MembershipRole, chair_eligible: bool) -> None:
        self._run(
            lambda: update_membership(
                self._db,
                member.membership_id,
                role=role,
                chair_eligible=chair_eligible,
                expected_version=member.version,
            ),
            member.membership_id,
        )

    def _run(self, action: Callable[[], AllianceDetail], select_id: int) -> bool:
        try:
            detail = action()
        except ConflictError as error:
            QMessageBox.warning(self, self.tr("已被他人修改"), error.message)
            self.reload(select_id)
            return False
        except DomainError as error:
            QMessageBox.warning(self, self.tr("操作未完成"), error.message)
            self.reload(select_id)
            return False
        self.show_detail(detail, select_id)
        self.members_changed.emit(detail.alliance.id)
        return True
