"""排班…: choose how far ahead, see what would change (and every conflict), then save or not."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.rotation import ChangeKind, next_period, period_containing
from alliance_desk.core.vocab import ChairPeriod
from alliance_desk.services import Database
from alliance_desk.services.clock import local_today
from alliance_desk.services.rotation import PlanPreview, preview_plan, save_plan
from alliance_desk.ui.models.row_table import RowTableModel
from alliance_desk.ui.printing import busy_cursor
from alliance_desk.ui.register.date_fields import date_edit, date_of
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.rotation.columns import (
    ChangeLine,
    PlanLine,
    change_columns,
    change_lines,
    plan_columns,
    plan_highlight,
    plan_lines,
)
from alliance_desk.ui.rotation.views import rota_table
from alliance_desk.ui.widgets.buttons import on_click

KINDS = (ChairPeriod.YEAR, ChairPeriod.HALF_YEAR, ChairPeriod.QUARTER, ChairPeriod.MONTH)
_KIND_WORDS = {
    ChairPeriod.YEAR: "个年度",
    ChairPeriod.HALF_YEAR: "个半年",
    ChairPeriod.QUARTER: "个季度",
    ChairPeriod.MONTH: "个月",
}
DEBOUNCE_MS = 400
_RED = "color: #c0392b;"


def horizon_end(start: date, kind: ChairPeriod, count: int) -> date:
    """The last day of the ``count``-th period of ``kind``, counting the one holding ``start``."""
    period = period_containing(kind, start)
    for _ in range(count - 1):
        period = next_period(period)
    return period.end


def _titled(title: QLabel, view: QTableView) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    title.setObjectName("sectionTitle")
    column.addWidget(title)
    column.addWidget(view, 1)
    return box


class PlanDialog(QDialog):
    """Nothing is written until 保存; ``written`` then holds how many terms were stored."""

    def __init__(
        self,
        db: Database,
        *,
        alliance: tuple[int, str] | None = None,
        start: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._alliance = alliance
        self.preview: PlanPreview | None = None
        self.written: int | None = None
        self.setWindowTitle(self.tr("排班（预览后保存）"))
        self.resize(1100, 720)

        self.start = date_edit(start or local_today())
        self.by_count = QRadioButton(self.tr("向后排"))
        self.count = QSpinBox()
        self.count.setRange(1, 120)
        self.count.setValue(2)
        self.count.setFixedWidth(self.start.width())
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(self.tr(_KIND_WORDS[kind]), kind)
        self.by_date = QRadioButton(self.tr("排到日期"))
        self.end = date_edit(date(local_today().year + 1, 12, 31))
        self.end.setEnabled(False)
        group = QButtonGroup(self)
        group.addButton(self.by_count)
        group.addButton(self.by_date)
        self.by_count.setChecked(True)
        name = alliance[1] if alliance else ""
        self.only_alliance = QCheckBox(self.tr("只排本联盟：%1").replace("%1", name))
        self.only_alliance.setChecked(alliance is not None)
        self.only_alliance.setVisible(alliance is not None)
        self.range_label = QLabel()

        inputs = QGridLayout()
        inputs.addWidget(QLabel(self.tr("开始日期")), 0, 0)
        inputs.addWidget(self.start, 0, 1)
        inputs.addWidget(self.by_count, 1, 0)
        inputs.addWidget(self.count, 1, 1)
        inputs.addWidget(self.kind, 1, 2)
        inputs.addWidget(QLabel(self.tr("（含开始日期所在的一期）")), 1, 3)
        inputs.addWidget(self.by_date, 2, 0)
        inputs.addWidget(self.end, 2, 1)
        inputs.addWidget(self.only_alliance, 3, 0, 1, 4)
        inputs.addWidget(self.range_label, 4, 0, 1, 4)
        inputs.setColumnStretch(4, 1)

        hint = QLabel(
            self.tr(
                "已履职、已调换、已跳过和已锁定的期次保持不变；黄色为本次新排或改变的期次，"
                "红色为无法避免的冲突或空缺。点“保存”之前不会写入任何内容。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)

        self.changes: RowTableModel[ChangeLine] = RowTableModel(change_columns(), parent=self)
        self.terms: RowTableModel[PlanLine] = RowTableModel(
            plan_columns(), highlighted=plan_highlight, parent=self
        )
        self.changes_view = rota_table(self.changes, (240, 120, 50, 250, 250))
        self.terms_view = rota_table(self.terms, (240, 120, 250, 110))
        self.changes_title = QLabel()
        self.terms_title = QLabel()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(_titled(self.changes_title, self.changes_view))
        splitter.addWidget(_titled(self.terms_title, self.terms_view))
        splitter.setChildrenCollapsible(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.preview_button = buttons.addButton(
            self.tr("重新预览"), QDialogButtonBox.ButtonRole.ActionRole
        )
        on_click(self.preview_button, self.refresh_preview)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(inputs)
        layout.addWidget(hint)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for signal in (self.start.dateChanged, self.end.dateChanged, self.count.valueChanged):
            signal.connect(self._inputs_changed)
        self.kind.currentIndexChanged.connect(self._inputs_changed)
        self.by_count.toggled.connect(self._inputs_changed)
        self.only_alliance.toggled.connect(self._inputs_changed)
        self.refresh_preview()

    # --- inputs ----------------------------------------------------------------------
    def horizon(self) -> tuple[date, date]:
        start = date_of(self.start)
        if not self.by_count.isChecked():
            return start, date_of(self.end)
        kind = ChairPeriod(self.kind.currentData())
        return start, horizon_end(start, kind, self.count.value())

    def alliance_ids(self) -> list[int] | None:
        if self._alliance is not None and self.only_alliance.isChecked():
            return [self._alliance[0]]
        return None

    def _inputs_changed(self) -> None:
        """The shown preview no longer matches: refuse to save it, preview again shortly."""
        by_count = self.by_count.isChecked()
        self.count.setEnabled(by_count)
        self.kind.setEnabled(by_count)
        self.end.setEnabled(not by_count)
        self.preview = None
        self.save_button.setEnabled(False)
        self.summary.setText(self.tr("条件已改变，正在重新预览……"))
        self.summary.setStyleSheet("")
        self._timer.start()

    # --- preview and save ------------------------------------------------------------
    def refresh_preview(self) -> None:
        self._timer.stop()
        start, end = self.horizon()
        scope = self.tr("全部联盟") if self.alliance_ids() is None else self.tr("本联盟")
        self.range_label.setText(
            self.tr("排班期间：%1 至 %2（%3）")
            .replace("%1", f"{start:%Y-%m-%d}")
            .replace("%2", f"{end:%Y-%m-%d}")
            .replace("%3", scope)
        )
        try:
            with busy_cursor():
                preview = preview_plan(
                    self._db, start=start, end=end, alliance_ids=self.alliance_ids()
                )
        except DomainError as error:
            self._show(None, error.message)
            return
        self._show(preview, "")

    def _show(self, preview: PlanPreview | None, error: str) -> None:
        self.preview = preview
        self.changes.set_rows(change_lines(preview) if preview else [])
        self.terms.set_rows(plan_lines(preview) if preview else [])
        flagged = sum(line.flagged for line in self.terms.rows())
        self.changes_title.setText(
            self.tr("将要写入的变化（%1 项）").replace("%1", str(self.changes.rowCount()))
        )
        self.terms_title.setText(
            self.tr("排班结果（%1 期，其中冲突或空缺 %2 期）")
            .replace("%1", str(self.terms.rowCount()))
            .replace("%2", str(flagged))
        )
        self.summary.setText(error if preview is None else self._describe(preview, flagged))
        self.summary.setStyleSheet(_RED if preview is None or flagged else "")
        self.save_button.setEnabled(preview is not None)

    def _describe(self, preview: PlanPreview, flagged: int) -> str:
        counts = Counter(change.kind for change in preview.plan.changes)
        if not counts:
            text = self.tr("与已保存的轮值表相比没有变化。")
        else:
            text = (
                self.tr("新增 %1 期、变更 %2 期、删除 %3 期。")
                .replace("%1", str(counts[ChangeKind.ADDED]))
                .replace("%2", str(counts[ChangeKind.CHANGED]))
                .replace("%3", str(counts[ChangeKind.REMOVED]))
            )
        if flagged:
            text += self.tr("有 %1 期存在冲突或空缺（红色），请查看说明。")
            text = text.replace("%1", str(flagged))
        return text

    def save(self) -> None:
        if self.preview is None:
            self.refresh_preview()
            return
        try:
            written = save_plan(self._db, self.preview)
        except ConflictError as error:
            if offer_reload(self, error):
                self.refresh_preview()
            return
        except DomainError as error:
            QMessageBox.warning(self, self.tr("未能保存"), error.message)
            return
        self.written = written
        self.accept()
