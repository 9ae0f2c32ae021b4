"""党建联盟 page: the alliance list above, the selected alliance's detail and members below."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceRow, list_alliances
from alliance_desk.services.clock import local_today
from alliance_desk.services.meetings import next_meeting_by_alliance
from alliance_desk.ui.models.row_table import RowTableModel
from alliance_desk.ui.register.alliance_columns import alliance_columns
from alliance_desk.ui.register.alliance_detail import AllianceDetailView
from alliance_desk.ui.register.alliance_editor import AllianceEditor
from alliance_desk.ui.register.page_helpers import action_button, open_dialog
from alliance_desk.ui.widgets.tables import list_table


class AlliancesPage(QWidget):
    """Every alliance in one table; filtering and sorting happen inside ``RowTableModel``."""

    alliances_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._editor: AllianceEditor | None = None
        self.model: RowTableModel[AllianceRow] = RowTableModel(
            alliance_columns(), muted=lambda r: not r.active, parent=self
        )

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 联盟名称 / 牵头组织（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.count_label = QLabel()

        self.table = list_table(self.model)
        for column, width in enumerate((280, 180, 70, 60, 180, 210)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.new_button = action_button(self.tr("新建联盟"), self.new_alliance, "Ctrl+N")
        self.edit_button = action_button(self.tr("编辑"), self.edit_selected)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)
        filters.addSpacing(12)
        filters.addWidget(self.new_button)
        filters.addWidget(self.edit_button)

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)
        self.detail = AllianceDetailView(db)
        self.detail.edit_requested.connect(self.edit_selected)
        self.detail.members.members_changed.connect(self._on_members_changed)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 580])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("党建联盟"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addWidget(self.splitter, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table, self.edit_selected)
            enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    # --- data --------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        """Re-read the list; keep (or move to) the selection; the detail reloads if it changed."""
        current = select_id if select_id is not None else self.detail.alliance_id
        self.model.set_rows(self._rows())
        self._keep_selection(current)

    def _rows(self) -> list[AllianceRow]:
        """The alliances with their next meeting (date, number and state) filled in."""
        upcoming = next_meeting_by_alliance(self._db, local_today())
        return [
            replace(row, next_meeting=upcoming.get(row.id, "")) for row in list_alliances(self._db)
        ]

    def _keep_selection(self, alliance_id: int | None) -> None:
        if alliance_id is not None and self.select_alliance(alliance_id):
            return
        if self.model.rowCount():
            self.select_alliance(self.model.row_at(0).id)
        else:
            self.detail.show_detail(None)
        self._update_count()

    def select_alliance(self, alliance_id: int) -> bool:
        row = self.model.view_row_of(lambda r: r.id == alliance_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        self._on_selection()
        return True

    def selected_alliance(self) -> AllianceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection(self) -> None:
        alliance = self.selected_alliance()
        if alliance is not None and alliance.id != self.detail.alliance_id:
            self.detail.load(alliance.id)
        self._update_count()

    def _on_members_changed(self, alliance_id: int) -> None:
        self.refresh(alliance_id)
        self.alliances_changed.emit()

    # --- filters -----------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        self.model.set_search_text(text)
        self._keep_selection(self.detail.alliance_id)

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("显示 %1 / 共 %2 个联盟")
            .replace("%1", str(self.model.rowCount()))
            .replace("%2", str(len(self.model.rows())))
        )
        self.edit_button.setEnabled(self.selected_alliance() is not None)

    # --- actions -----------------------------------------------------------------
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def new_alliance(self) -> AllianceEditor:
        """Open the editor on a new alliance (window-modal) and return it."""
        self._editor = AllianceEditor(self._db, parent=self)
        return open_dialog(self._editor, self._after_edit)

    def edit_selected(self, focus_charter: bool = False) -> AllianceEditor | None:
        """Open the editor on the selected alliance (window-modal) and return it."""
        alliance = self.selected_alliance()
        if alliance is None:
            return None
        try:
            editor = AllianceEditor(self._db, alliance.id, self, focus_charter=focus_charter)
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法打开"), error.message)
            self.refresh()
            return None
        self._editor = editor
        return open_dialog(editor, self._after_edit)

    def _after_edit(self) -> None:
        editor, self._editor = self._editor, None
        if editor is None or editor.saved is None:
            return
        if editor.is_new:
            self.search.clear()
        self.detail.show_detail(editor.saved)
        self.refresh(editor.saved.alliance.id)
        self.alliances_changed.emit()
