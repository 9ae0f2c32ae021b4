"""轮值主席 page: pick an alliance (or all) and a year; see, change and print the rota."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.services import Database
from alliance_desk.services.alliances import list_alliances
from alliance_desk.services.clock import local_today
from alliance_desk.services.rotation import TermRow, list_terms, term_years
from alliance_desk.ui.models.row_table import RowTableModel
from alliance_desk.ui.printing import PrintButton
from alliance_desk.ui.register.page_helpers import action_button
from alliance_desk.ui.rotation.actions import RotaActions
from alliance_desk.ui.rotation.columns import is_conflict, is_gap, term_colour, term_columns
from alliance_desk.ui.rotation.views import rota_table

ALL = None


class RotationPage(QWidget):
    """The terms of the chosen alliance (or all) in the chosen year; what the buttons do is
    in ``ops`` (:class:`RotaActions`)."""

    rota_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.today = local_today()
        self.model: RowTableModel[TermRow] = RowTableModel(
            term_columns(),
            muted=self._is_past,
            highlighted=self._highlight,
            parent=self,
        )
        self.alliance = QComboBox()
        self.alliance.setMinimumContentsLength(18)
        self.alliance.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 联盟 / 轮值主席单位（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.count_label = QLabel()
        self.flag_label = QLabel()
        self.flag_label.setObjectName("flagCount")

        self.table = rota_table(self.model, (240, 120, 220, 64, 44), multi_select=True)

        self.ops = RotaActions(db, self)
        self.plan_button = action_button(self.tr("排班…"), self.ops.plan)
        self.swap_button = action_button(self.tr("调换…"), self.ops.swap)
        self.served_button = action_button(self.tr("标记已履职"), self.ops.mark_served)
        self.skip_button = action_button(self.tr("标记跳过…"), self.ops.skip)
        # Not a button shortcut: the label changes (锁定/解锁), and setText resets it.
        self.lock_button = action_button(self.tr("锁定"), self.ops.toggle_lock)
        self.lock_button.setToolTip(self.tr("锁定后重新排班不会改变该期（Ctrl+L）"))
        self.print_button = PrintButton(
            self.tr("打印轮值表"), self.ops.print_job, shortcut="Ctrl+P"
        )

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("联盟")))
        filters.addWidget(self.alliance)
        filters.addSpacing(8)
        filters.addWidget(QLabel(self.tr("年度")))
        filters.addWidget(self.year)
        filters.addSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)
        filters.addSpacing(8)
        filters.addWidget(self.flag_label)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for button in (self.plan_button, self.swap_button, self.served_button, self.skip_button):
            actions.addWidget(button)
        actions.addWidget(self.lock_button)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        legend = QLabel(
            self.tr("绿色：本期轮值主席　红色：冲突或空缺（见“说明”）　灰字：已过去的期次")
        )
        legend.setStyleSheet("color: #666;")

        title = QLabel(self.tr("轮值主席"))
        title.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)

        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+L"), self, self.ops.toggle_lock)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._load_selectors()
        self.alliance.currentIndexChanged.connect(self.refresh)
        self.year.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # --- selectors -------------------------------------------------------------------
    def _load_selectors(self) -> None:
        """Fill both selectors, keeping the choices (a vanished alliance falls back to 全部)."""
        chosen_alliance, chosen_year = self.alliance_id(), self.year.currentData()
        blockers = (self.alliance.blockSignals(True), self.year.blockSignals(True))
        self.alliance.clear()
        self.alliance.addItem(self.tr("全部联盟"), ALL)
        for row in list_alliances(self._db):
            name = row.name if row.active else row.name + self.tr("（停用）")
            self.alliance.addItem(name, row.id)
        self.alliance.setCurrentIndex(max(0, self.alliance.findData(chosen_alliance)))
        self.year.clear()
        for year in sorted({*term_years(self._db), self.today.year, self.today.year + 1}):
            self.year.addItem(self.tr("%1年").replace("%1", str(year)), year)
        wanted = chosen_year if chosen_year is not None else self.today.year
        self.year.setCurrentIndex(max(0, self.year.findData(wanted)))
        self.alliance.blockSignals(blockers[0])
        self.year.blockSignals(blockers[1])

    def alliance_id(self) -> int | None:
        value = self.alliance.currentData()
        return int(value) if value is not None else None

    def alliance_name(self) -> str | None:
        return self.alliance.currentText() if self.alliance_id() is not None else None

    def selected_year(self) -> int:
        value = self.year.currentData()
        return int(value) if value is not None else self.today.year

    def choose(self, *, alliance_id: int | None = ALL, year: int | None = None) -> None:
        """Set both selectors (as a clerk would) and show that rota."""
        self.alliance.setCurrentIndex(max(0, self.alliance.findData(alliance_id)))
        if year is not None:
            self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.refresh()

    # --- data --------------------------------------------------------------------------
    def activated(self) -> None:
        """Shown again: alliances, years and terms may have changed elsewhere."""
        self.reload()

    def reload(self) -> None:
        self._load_selectors()
        self.refresh()

    def refresh(self) -> None:
        keep = {term.id for term in self.selected_terms()}
        self.today = local_today()
        self.model.set_rows(
            list_terms(self._db, alliance_id=self.alliance_id(), year=self.selected_year())
        )
        self.select_terms(keep)
        self._update_counts()

    def _is_past(self, term: TermRow) -> bool:
        return term.period_end < self.today

    def _highlight(self, term: TermRow) -> QColor | None:
        return term_colour(term, self.today)

    def select_terms(self, term_ids: set[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        first = True
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id in term_ids:
                index = self.model.index(row, 0)
                if first:
                    selection.setCurrentIndex(index, flags)
                    self.table.scrollTo(index)
                    first = False
                else:
                    selection.select(index, flags)
        self._update_buttons()

    def select_term(self, term_id: int) -> bool:
        self.select_terms({term_id})
        return bool(self.selected_terms())

    def selected_terms(self) -> list[TermRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows]

    # --- counts and buttons --------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        self.model.set_search_text(text)
        self._update_counts()

    def flag_counts(self) -> tuple[int, int]:
        """(conflicts, gaps) among the rows shown."""
        shown = self.model.visible_rows()
        return sum(map(is_conflict, shown)), sum(map(is_gap, shown))

    def _update_counts(self) -> None:
        self.count_label.setText(
            self.tr("显示 %1 / 共 %2 期")
            .replace("%1", str(self.model.rowCount()))
            .replace("%2", str(len(self.model.rows())))
        )
        conflicts, gaps = self.flag_counts()
        if conflicts or gaps:
            text = (
                self.tr("冲突 %1 处，空缺 %2 处")
                .replace("%1", str(conflicts))
                .replace("%2", str(gaps))
            )
            self.flag_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        else:
            text = self.tr("无冲突或空缺")
            self.flag_label.setStyleSheet("color: #2e7d32;")
        self.flag_label.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.ops.update_buttons(self.selected_terms())
