"""添加成员: pick several active units at once, with a joined-on date, a role and eligibility."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import MembershipRole
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceDetail, add_members
from alliance_desk.services.units import UnitRow, list_units
from alliance_desk.ui.models.row_table import Column, ModelIndex, RowTableModel
from alliance_desk.ui.register.date_fields import date_edit, date_of
from alliance_desk.ui.widgets.error_form import ErrorForm

_CHECK = Qt.ItemDataRole.CheckStateRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemberPicker", text)


def picker_columns() -> list[Column[UnitRow]]:
    return [
        Column(_tr("单位名称"), lambda r: r.name, searchable=True),
        Column(_tr("类别"), lambda r: r.category.label, searchable=True),
        Column(_tr("书记"), lambda r: r.secretary, searchable=True),
        Column(_tr("已加入的联盟"), lambda r: "、".join(r.alliance_names)),
    ]


class CheckableUnitModel(RowTableModel[UnitRow]):
    """Units with a check box in the first column; checks survive searching and sorting."""

    checked_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(picker_columns(), parent=parent)
        self._checked: dict[int, None] = {}

    def checked_ids(self) -> list[int]:
        """Checked unit ids, in the order they were checked."""
        return list(self._checked)

    def set_checked(self, unit_ids: Iterable[int], checked: bool = True) -> None:
        for unit_id in unit_ids:
            if checked:
                self._checked.setdefault(unit_id, None)
            else:
                self._checked.pop(unit_id, None)
        if self.rowCount():
            last = self.rowCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, 0), [_CHECK])
        self.checked_changed.emit()

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _CHECK and index.isValid() and index.column() == 0:
            checked = self.row_at(index.row()).id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != _CHECK or not index.isValid() or index.column() != 0:
            return False
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.set_checked([self.row_at(index.row()).id], on)
        return True

    def toggle(self, view_row: int) -> None:
        unit_id = self.row_at(view_row).id
        self.set_checked([unit_id], unit_id not in self._checked)


class MemberPicker(QDialog):
    """Adds the checked units to one alliance with one ``add_members`` call (all or none)."""

    def __init__(self, db: Database, detail: AllianceDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._alliance_id = detail.alliance.id
        self.saved: AllianceDetail | None = None
        self.setWindowTitle(self.tr("添加成员单位 — %1").replace("%1", detail.alliance.name))
        self.setMinimumSize(760, 600)

        current = {m.unit_id for m in detail.members if m.is_current()}
        self.model = CheckableUnitModel(self)
        self.model.set_rows([u for u in list_units(db) if u.active and u.id not in current])
        self.model.checked_changed.connect(self._update_count)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 单位名称 / 类别 / 书记（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_search_text)
        self.count_label = QLabel()
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((280, 80, 80)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_double_click)
        self.units_error = QLabel()
        self.units_error.setObjectName("error_units")
        self.units_error.setStyleSheet("color: #c0392b;")
        self.units_error.setWordWrap(True)
        self.units_error.hide()

        self.joined_on = date_edit()
        self.role = QComboBox()
        for role in MembershipRole:
            self.role.addItem(role.label, role)
        self.role.setCurrentIndex(self.role.findData(MembershipRole.MEMBER))
        self.role.setFixedWidth(self.joined_on.minimumWidth())
        self.chair_eligible = QCheckBox(self.tr("可担任轮值主席"))
        self.chair_eligible.setChecked(True)
        self.form = ErrorForm()
        self.form.add("joined_on", self.tr("加入日期"), self.joined_on)
        self.form.add("role", self.tr("角色"), self.role)
        self.form.add("chair_eligible", self.tr("轮值主席"), self.chair_eligible)
        hint = QLabel(self.tr("新成员按勾选的先后排在轮值顺序的末尾，可在成员表中调整。"))
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("添加"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.units_error)
        layout.addLayout(self.form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._update_count()
        self.search.setFocus()

    def select_units(self, unit_ids: Sequence[int]) -> None:
        """Check these units (in this order); the same as ticking their boxes."""
        self.model.set_checked(unit_ids)

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("已选 %1 个单位").replace("%1", str(len(self.model.checked_ids())))
        )
        if self.model.checked_ids():
            self.units_error.hide()

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != 0:
            self.model.toggle(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.search.hasFocus():
            self.table.setFocus()  # Enter in the search box ends the search, it does not add
            return
        super().keyPressEvent(event)

    def save(self) -> None:
        unit_ids = self.model.checked_ids()
        self.form.clear_errors()
        self.units_error.hide()
        if not unit_ids:
            self._show_units_error(self.tr("请至少勾选一个单位。"))
            return
        try:
            self.saved = add_members(
                self._db,
                self._alliance_id,
                unit_ids,
                joined_on=date_of(self.joined_on),
                role=MembershipRole(self.role.currentData()),
                chair_eligible=self.chair_eligible.isChecked(),
            )
        except DomainError as error:
            field = error.field or "units"
            if field == "units" or self.form.show_errors({field: error.message}):
                self._show_units_error(error.message)
            return
        self.accept()

    def _show_units_error(self, message: str) -> None:
        self.units_error.setText(message)
        self.units_error.show()
