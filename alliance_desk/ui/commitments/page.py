"""双向承诺 page: filters, counts per state, the lazy list, and what can be done from it.

Registered as::

    register_page("commitments", lazy_page("alliance_desk.ui.commitments.page:CommitmentsPage"))
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from alliance_desk.core.commitments import DueWindow
from alliance_desk.core.errors import DomainError
from alliance_desk.services.commitments.listing import filter_choices
from alliance_desk.services.commitments.records import CommitmentRow
from alliance_desk.ui.commitments.bulk import BulkActions
from alliance_desk.ui.commitments.columns import LEADING_COLUMNS
from alliance_desk.ui.commitments.detail_dialog import CommitmentDetailDialog
from alliance_desk.ui.commitments.editor import CommitmentEditor
from alliance_desk.ui.commitments.filter_bar import FilterBar
from alliance_desk.ui.commitments.import_dialog import ProgressImportDialog
from alliance_desk.ui.commitments.list_model import CommitmentListModel
from alliance_desk.ui.commitments.state_counts import ALL, StateCountBar
from alliance_desk.ui.commitments.year_ratings_dialog import YearRatingsDialog
from alliance_desk.ui.file_dialogs import open_file_name, save_file_name
from alliance_desk.ui.navigation import PageContext, Target
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.register.page_helpers import action_button, open_dialog
from alliance_desk.ui.widgets.flow_layout import FlowLayout
from alliance_desk.ui.widgets.tables import list_table

#: ``Target.due`` words → the list's due window ("week" is the home page's 7-day panel).
TARGET_DUE = {
    "overdue": DueWindow.OVERDUE,
    "week": DueWindow.NEXT_7_DAYS,
    **{w.value: w for w in DueWindow},
}


class CommitmentsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        db = context.database
        self._seen = False
        self.detail_dialog: CommitmentDetailDialog | None = None
        self.filters = FilterBar(db)
        self.counts = StateCountBar()
        self.model = CommitmentListModel(db, self)
        self.table = list_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column, spec in enumerate(self.model.columns()):
            self.table.setColumnWidth(column, spec.width)
        header = self.table.horizontalHeader()
        for visual, logical in enumerate(LEADING_COLUMNS):
            header.moveSection(header.visualIndex(logical), visual)
        # No column sorted: the list opens on what needs action (overdue, due soonest).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._on_double_click)

        self.bulk = BulkActions(self)
        self.new_button = action_button(self.tr("新增承诺"), self.new_commitment, "Ctrl+N")
        self.open_button = action_button(self.tr("查看详情"), self.open_selected)
        self.open_button.setToolTip(self.tr("查看详情（Enter）"))
        self.extend_button = action_button(self.tr("延期…"), self.bulk.extend)
        self.accept_button = action_button(self.tr("标记已认领"), self.bulk.mark_accepted)
        self.year_ratings_button = action_button(self.tr("年度互评…"), self.open_year_ratings)
        self.year_ratings_button.setToolTip(self.tr("年底社区与各成员单位互相评价（满意度测评）"))
        self.export_button = QPushButton(self.tr("导出"))
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("导出所选行…"), self.export_selected_file)
        menu.addAction(self.tr("导出全部筛选结果…"), self.export_all_file)
        self.export_button.setMenu(menu)
        self.import_button = action_button(self.tr("导入进度…"), self.import_file)
        self.template_button = action_button(self.tr("下载进度导入模板"), self.save_template)
        self.refresh_button = action_button(self.tr("刷新"), self.refresh, "F5")

        actions = FlowLayout()  # wraps onto a second line in a narrow window
        for button in (self.new_button, self.open_button, self.extend_button, self.accept_button):
            actions.addWidget(button)
        actions.addWidget(self.year_ratings_button)
        for button in (
            self.export_button,
            self.import_button,
            self.template_button,
            self.refresh_button,
        ):
            actions.addWidget(button)
        legend = QLabel(
            self.tr(
                "红底红字：已逾期（未履诺且已过到期日）　橙字：逾期履诺　可按住 Ctrl 或 Shift 多选"
            )
        )
        legend.setStyleSheet("color: #666;")
        legend.setWordWrap(True)

        self.layout_.addWidget(self.filters)
        self.layout_.addWidget(self.counts)
        self.layout_.addLayout(actions)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(legend)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.open_selected)
        self.filters.changed.connect(self.apply_filter)
        self.counts.state_clicked.connect(self._state_clicked)
        self.model.reloaded.connect(self._on_reloaded)
        self.model.grown.connect(self._update_summary)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.apply_filter()

    # --- the list ----------------------------------------------------------------------
    def apply_filter(self) -> None:
        self.model.set_filter(self.filters.current_filter())

    def refresh(self, *, keep_choices: bool = False) -> None:
        """Read the list again (F5); the filter lists too unless ``keep_choices``."""
        if not keep_choices:
            self.filters.load_choices(filter_choices(self.context.database))
        selected = {r.id for r in self.selected_rows()}
        self.model.set_filter(self.filters.current_filter())
        for commitment_id in selected:
            self.select_commitment(commitment_id, add=True)

    def activated(self) -> None:
        if self._seen:
            self.refresh()
        self._seen = True

    def _on_reloaded(self) -> None:
        self.counts.set_counts(self.model.counts, self.model.filter.state)
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        self.counts.summary.setText(
            self.tr("符合条件 %1 项，已显示 %2 项")
            .replace("%1", f"{self.model.total:,}")
            .replace("%2", f"{self.model.rowCount():,}")
        )

    def _state_clicked(self, key: str) -> None:
        self.filters.set_values(state=None if key == ALL else key)

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    # --- selection ---------------------------------------------------------------------
    def selected_rows(self) -> list[CommitmentRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(r) for r in rows]

    def select_commitment(self, commitment_id: int, *, add: bool = False) -> bool:
        row = self.model.row_of(commitment_id)
        if row < 0:
            return False
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.Select
            if add
            else QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(count == 1)
        self.extend_button.setEnabled(count > 0)
        self.accept_button.setEnabled(count > 0)

    # --- targets from other pages --------------------------------------------------------
    def show_target(self, target: Target) -> None:
        """A commitment opens its detail; alliance / unit / due / year set the filters."""
        if target.commitment_id is not None:
            self.open_detail(target.commitment_id)
            return
        self.filters.set_values(
            clear=True,
            alliance_id=target.alliance_id,
            unit_id=target.unit_id,
            due_window=TARGET_DUE.get(target.due or ""),
            due_year=target.year,
        )

    # --- detail and new -------------------------------------------------------------------
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_detail(self.model.row_at(index.row()).id)

    def open_selected(self) -> CommitmentDetailDialog | None:
        rows = self.selected_rows()
        current = self.table.currentIndex()
        if len(rows) != 1 and current.isValid():
            rows = [self.model.row_at(current.row())]
        return self.open_detail(rows[0].id) if rows else None

    def open_detail(self, commitment_id: int) -> CommitmentDetailDialog | None:
        try:
            dialog = CommitmentDetailDialog(
                self.context.database,
                commitment_id,
                open_meeting=self._open_meeting,
                categories=self._known_categories(),
                parent=self,
            )
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法打开"), error.message)
            return None
        dialog.changed.connect(self._detail_changed)
        self.detail_dialog = dialog
        return open_dialog(dialog, self._detail_closed)

    def _detail_changed(self) -> None:
        """A save in the detail (a step, progress, a rating, a correction): re-read the list,
        so the row shows it; a corrected category may be new, so the categories are read
        again at their next use."""
        self.filters.category.reset()
        self.refresh(keep_choices=True)

    def _detail_closed(self, _result: int) -> None:
        self.detail_dialog = None

    def _open_meeting(self, meeting_id: int) -> None:
        if self.detail_dialog is not None:
            self.detail_dialog.close()
        self.context.open_area("meetings", Target(meeting_id=meeting_id))

    def _known_categories(self) -> tuple[str, ...]:
        """The categories the filter has read so far (reading them all is a table pass)."""
        combo = self.filters.category
        return tuple(combo.itemData(i) for i in range(1, combo.count()))

    def new_commitment(self) -> CommitmentEditor:
        editor = CommitmentEditor(
            self.context.database,
            alliance_id=self.filters.alliance.currentData(),
            categories=self._known_categories(),
            parent=self,
        )
        return open_dialog(editor, self._editor_closed)

    def _editor_closed(self, _result: int) -> None:
        editor = self.sender()
        if isinstance(editor, CommitmentEditor) and editor.saved is not None:
            saved = editor.saved
            self.refresh()
            self.notify(self.tr("已新增承诺（编号 %1）。").replace("%1", str(saved.id)))
            if not self.select_commitment(saved.id):
                self.open_detail(saved.id)

    def open_year_ratings(self) -> YearRatingsDialog:
        """年度互评 of the alliance chosen in the filter (or the first one)."""
        dialog = YearRatingsDialog(
            self.context.database, alliance_id=self.filters.alliance.currentData(), parent=self
        )
        return open_dialog(dialog, self.dialog_closed)

    def dialog_closed(self, _result: int) -> None:
        """For dialogs that saved (and refreshed the page) before closing."""

    # --- files ------------------------------------------------------------------------------
    def _save_path(self, title: str, name: str) -> Path | None:
        path = save_file_name(
            self, title, name, self.tr("Excel 文件 (*.xlsx);;CSV 文件，UTF-8 (*.csv)")
        )
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() in (".xlsx", ".csv") else chosen.with_suffix(".xlsx")

    def export_selected_file(self) -> None:
        if not self.selected_rows():
            QMessageBox.information(
                self, self.tr("导出"), self.tr("请先在列表中选择要导出的承诺。")
            )
            return
        path = self._save_path(self.tr("导出所选承诺"), self.tr("双向承诺（所选）.xlsx"))
        if path:
            self.bulk.export_selected(path)

    def export_all_file(self) -> None:
        path = self._save_path(self.tr("导出全部筛选结果"), self.tr("双向承诺.xlsx"))
        if path:
            self.bulk.export_all(path)

    def import_file(self) -> None:
        path = open_file_name(
            self,
            self.tr("选择进度文件"),
            self.tr("Excel 或 CSV 文件 (*.xlsx *.csv *.xls);;所有文件 (*)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> ProgressImportDialog:
        dialog = ProgressImportDialog(self.context.database, path, parent=self)
        dialog.import_done.connect(self._on_imported)
        open_dialog(dialog, self.dialog_closed)
        dialog.start()
        return dialog

    def _on_imported(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, ProgressImportDialog):
            self.notify(dialog.describe_result())
        self.refresh(keep_choices=True)

    def save_template(self) -> None:
        path = save_file_name(
            self, self.tr("保存进度导入模板"), self.tr("承诺进度导入模板.xlsx"), "Excel (*.xlsx)"
        )
        if path:
            from alliance_desk.services.commitments.progress_import import (
                write_progress_template,
            )

            try:
                write_progress_template(Path(path))
            except DomainError as error:
                QMessageBox.warning(self, self.tr("未能保存"), error.message)
