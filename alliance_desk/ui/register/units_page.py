"""成员单位 page: search, filter, sort, edit, deactivate, delete, import, export, print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.units import (
    UnitRow,
    delete_unit,
    list_units,
    set_unit_active,
    unit_has_history,
)
from alliance_desk.ui.file_dialogs import open_file_name, save_file_name
from alliance_desk.ui.models.row_table import RowTableModel
from alliance_desk.ui.printing import PrintButton, PrintJob, unit_register_job
from alliance_desk.ui.register.import_dialog import ImportDialog
from alliance_desk.ui.register.page_helpers import action_button
from alliance_desk.ui.register.unit_columns import unit_columns
from alliance_desk.ui.register.unit_editor import UnitEditor
from alliance_desk.ui.widgets.tables import list_table

ACTIVE_ONLY, INACTIVE_ONLY, ALL_STATES = "active", "inactive", "all"


class UnitsPage(QWidget):
    """Every unit in one table; filtering and sorting happen inside ``RowTableModel``."""

    units_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.model: RowTableModel[UnitRow] = RowTableModel(
            unit_columns(), muted=lambda r: not r.active, parent=self
        )

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 名称 / 书记 / 联络员 / 电话（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.category = QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for category in UnitCategory:
            self.category.addItem(category.label, category)
        self.category.currentIndexChanged.connect(self._apply_filters)
        self.state = QComboBox()
        self.state.addItem(self.tr("在用单位"), ACTIVE_ONLY)
        self.state.addItem(self.tr("停用单位"), INACTIVE_ONLY)
        self.state.addItem(self.tr("全部状态"), ALL_STATES)
        self.state.setCurrentIndex(2)
        self.state.currentIndexChanged.connect(self._apply_filters)
        self.count_label = QLabel()

        self.table = list_table(self.model)
        for column, width in enumerate((240, 80, 200, 70, 70, 120, 60, 60, 260)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.new_button = action_button(self.tr("新增单位"), self.new_unit, "Ctrl+N")
        self.edit_button = action_button(self.tr("编辑"), self.edit_selected)
        self.toggle_button = action_button(self.tr("停用"), self.toggle_active)
        self.delete_button = action_button(self.tr("删除"), self.delete_selected, "Delete")
        self.extra_buttons = QHBoxLayout()
        self.print_button = PrintButton(self.tr("打印名册"), self.print_job, shortcut="Ctrl+P")
        self.import_button = action_button(self.tr("导入…"), self.import_file, "Ctrl+I")
        self.export_button = action_button(self.tr("导出…"), self.export_file, "Ctrl+E")
        self.template_button = action_button(self.tr("下载导入模板"), self.save_template)
        for button in (self.import_button, self.export_button, self.template_button):
            self.extra_buttons.addWidget(button)
        self.extra_buttons.addWidget(self.print_button)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.state, 1)
        filters.addWidget(self.count_label)
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.toggle_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addLayout(self.extra_buttons)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("成员单位"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.edit_selected)
        self.refresh()

    # --- data --------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self._selected_id()
        self.model.set_rows(list_units(self._db))
        self._apply_filters()
        if current is not None:
            self.select_unit(current)

    def select_unit(self, unit_id: int) -> bool:
        row = self.model.view_row_of(lambda r: r.id == unit_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_unit(self) -> UnitRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        unit = self.selected_unit()
        return unit.id if unit else None

    # --- filters -----------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        self.model.set_search_text(text)
        self._update_count()

    def _apply_filters(self) -> None:
        category = self.category.currentData()
        state = self.state.currentData()

        def keep(row: UnitRow) -> bool:
            if category is not None and row.category != category:
                return False
            if state == ACTIVE_ONLY:
                return row.active
            if state == INACTIVE_ONLY:
                return not row.active
            return True

        no_filter = category is None and state == ALL_STATES
        self.model.set_predicate(None if no_filter else keep)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("显示 %1 / 共 %2 个单位")
            .replace("%1", str(self.model.rowCount()))
            .replace("%2", str(len(self.model.rows())))
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        unit = self.selected_unit()
        for button in (self.edit_button, self.toggle_button, self.delete_button):
            button.setEnabled(unit is not None)
        self.toggle_button.setText(self.tr("启用") if unit and not unit.active else self.tr("停用"))

    def filters_active(self) -> bool:
        return bool(
            self.search.text().strip()
            or self.category.currentData() is not None
            or self.state.currentData() != ALL_STATES
        )

    def print_job(self) -> PrintJob:
        """打印名册: the rows as shown (filtered, sorted)."""
        return unit_register_job(self.model.visible_rows(), filtered=self.filters_active())

    # --- actions -----------------------------------------------------------------
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def new_unit(self) -> None:
        editor = UnitEditor(self._db, parent=self)
        if editor.exec() and editor.saved:
            self.search.clear()
            self.refresh(editor.saved.unit.id)
            self.units_changed.emit()

    def edit_selected(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        try:
            editor = UnitEditor(self._db, unit.id, parent=self)
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法打开"), error.message)
            self.refresh()
            return
        if editor.exec() and editor.saved:
            self.refresh(unit.id)
            self.units_changed.emit()

    def toggle_active(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        if unit.active:
            answer = QMessageBox.question(
                self,
                self.tr("停用单位"),
                self.tr("确定停用“%1”吗？停用后它的历史记录保留，但不能再加入联盟。").replace(
                    "%1", unit.name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(
            lambda: set_unit_active(
                self._db, unit.id, not unit.active, expected_version=unit.version
            )
        )
        self.refresh(unit.id)

    def delete_selected(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        if unit_has_history(self._db, unit.id):
            QMessageBox.information(
                self,
                self.tr("不能删除"),
                self.tr(
                    "“%1”已有联盟、会议或承诺等历史记录，不能删除。如不再参与，请停用。"
                ).replace("%1", unit.name),
            )
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除单位"),
            self.tr("确定删除“%1”吗？此操作不能撤销。").replace("%1", unit.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: delete_unit(self._db, unit.id, expected_version=unit.version))
            self.refresh()

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except DomainError as error:
            QMessageBox.warning(self, self.tr("操作未完成"), error.message)
            return False
        self.units_changed.emit()
        return True

    # --- Excel in and out ----------------------------------------------------------
    def import_file(self) -> None:
        path = open_file_name(
            self,
            self.tr("选择要导入的文件"),
            self.tr("Excel 或 CSV 文件 (*.xlsx *.csv *.xls);;所有文件 (*)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> ImportDialog:
        """Open the preview dialog on ``path`` (non-blocking); the table refreshes after it."""
        dialog = ImportDialog(self._db, path, parent=self)
        dialog.import_done.connect(self._on_imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start()
        return dialog

    def _on_imported(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, ImportDialog):
            self._status(dialog.describe_result())
        self.refresh()
        self.units_changed.emit()

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)

    def export_file(self) -> None:
        path = save_file_name(
            self,
            self.tr("导出成员单位"),
            self.tr("成员单位名册.xlsx"),
            self.tr("Excel 文件 (*.xlsx);;CSV 文件，UTF-8 (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """Export the rows as shown (filtered and sorted) to ``path`` (.xlsx or .csv)."""
        from alliance_desk.services.register_io import export_units

        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        rows = self.model.visible_rows()
        if not self._run(lambda: export_units(rows, path)):
            return False
        self._status(
            self.tr("已导出 %1 个单位到 %2").replace("%1", str(len(rows))).replace("%2", str(path))
        )
        return True

    def save_template(self) -> None:
        path = save_file_name(
            self, self.tr("保存导入模板"), self.tr("成员单位导入模板.xlsx"), "Excel (*.xlsx)"
        )
        if path:
            from alliance_desk.services.alliances import list_alliances
            from alliance_desk.services.register_io import write_units_template

            names = [a.name for a in list_alliances(self._db)]
            self._run(lambda: write_units_template(Path(path), names))
