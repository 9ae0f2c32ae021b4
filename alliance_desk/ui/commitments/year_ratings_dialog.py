"""年度互评: at year end the community and each member unit rate each other, side by side.

The dialog shows one alliance's year (``services.year_ratings``); editing one side of a
line opens ``YearRatingEditor``, whose errors stay at their field with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.commitments import SATISFACTION_RATE_FORMULA, RatingCounts
from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import Rating
from alliance_desk.services.commitments.records import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.year_ratings import (
    YearRating,
    YearRatingLine,
    YearRatingSheet,
    rate_year,
    rating_choices,
    year_rating_sheet,
)
from alliance_desk.ui.commitments.columns import one_line
from alliance_desk.ui.dashboard.drawing import percent
from alliance_desk.ui.models.row_table import ROW_ROLE, Column, ModelIndex, RowTableModel
from alliance_desk.ui.register.date_fields import date_edit, date_of, set_date
from alliance_desk.ui.register.page_helpers import offer_reload, open_dialog
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.error_form import ErrorForm
from alliance_desk.ui.widgets.tables import list_table

CONTEXT = "YearRatingsDialog"
UNRATED_COLOR = QColor("#8a8a8a")
UNSATISFIED_COLOR = QColor("#c0392b")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class Side(Enum):
    """Which rating of a line: the community's of the unit, or the unit's of the community."""

    BY_COMMUNITY = "by_community"
    OF_COMMUNITY = "of_community"

    def entry(self, line: YearRatingLine) -> YearRating | None:
        return line.by_community if self is Side.BY_COMMUNITY else line.of_community


# --- the table --------------------------------------------------------------------------------


def rating_text(entry: YearRating | None) -> str:
    if entry is None:
        return tr("未评价")
    return (
        tr("%1（%2 分） %3")
        .replace("%1", entry.rating.label)
        .replace("%2", str(entry.score))
        .replace("%3", f"{entry.rated_on:%Y-%m-%d}")
    )


def _score(entry: YearRating | None) -> int:
    return -1 if entry is None else entry.score


def unit_text(line: YearRatingLine, year: int) -> str:
    """The unit's name, with its joining or leaving when that fell inside the year."""
    notes = []
    if line.joined_on > date(year, 1, 1):
        notes.append(tr("%1 加入").replace("%1", f"{line.joined_on:%m-%d}"))
    if line.left_on is not None and line.left_on < date(year, 12, 31):
        notes.append(tr("%1 退出").replace("%1", f"{line.left_on:%m-%d}"))
    return f"{line.unit_name}（{'，'.join(notes)}）" if notes else line.unit_name


#: Table column → the side it shows (the unit's own column edits the community's side).
COLUMN_SIDES = (
    Side.BY_COMMUNITY,
    Side.BY_COMMUNITY,
    Side.BY_COMMUNITY,
    Side.OF_COMMUNITY,
    Side.OF_COMMUNITY,
)
RATING_COLUMNS = {1: Side.BY_COMMUNITY, 3: Side.OF_COMMUNITY}


def _columns(year: Callable[[], int]) -> list[Column[YearRatingLine]]:
    def comment(side: Side) -> Callable[[YearRatingLine], str]:
        return lambda line: one_line(e.comment) if (e := side.entry(line)) else ""

    return [
        Column(tr("成员单位"), lambda line: unit_text(line, year()), searchable=True),
        Column(
            tr("社区对单位的评价"),
            lambda line: rating_text(line.by_community),
            sort_key=lambda line: _score(line.by_community),
        ),
        Column(tr("评语"), comment(Side.BY_COMMUNITY)),
        Column(
            tr("单位对社区的评价"),
            lambda line: rating_text(line.of_community),
            sort_key=lambda line: _score(line.of_community),
        ),
        Column(tr("评语"), comment(Side.OF_COMMUNITY)),
    ]


class YearRatingModel(RowTableModel[YearRatingLine]):
    """The year's lines; unrated sides grey, 不满意 red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_columns(self.year), parent=parent)
        self._year = local_today().year

    def year(self) -> int:
        """The sheet's year (a unit's joining or leaving inside it is noted)."""
        return self._year

    def set_sheet(self, sheet: YearRatingSheet) -> None:
        self._year = sheet.year
        self.set_rows(sheet.lines)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        side = RATING_COLUMNS.get(index.column()) if index.isValid() else None
        if side is not None and role == Qt.ItemDataRole.ForegroundRole:
            entry = side.entry(self.row_at(index.row()))
            if entry is None:
                return UNRATED_COLOR
            return UNSATISFIED_COLOR if entry.rating is Rating.UNSATISFIED else None
        return super().data(index, role)


# --- the editor -------------------------------------------------------------------------------


class YearRatingEditor(QDialog):
    """One side's rating for the year: level, comment, date → ``rate_year``.

    A refused save shows its message at the field (or above the form) and keeps
    everything typed; ``saved`` is the sheet after a successful save.
    """

    FIELDS = ("rating", "comment", "rated_on")

    def __init__(
        self,
        db: Database,
        sheet: YearRatingSheet,
        line: YearRatingLine,
        side: Side,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert sheet.community_id is not None
        self._db = db
        self._sheet = sheet
        self._line = line
        self.side = side
        self.saved: YearRatingSheet | None = None
        if side is Side.BY_COMMUNITY:
            self._rater, self._ratee = sheet.community_id, line.unit_id
            rater_name, ratee_name = sheet.community_name, line.unit_name
        else:
            self._rater, self._ratee = line.unit_id, sheet.community_id
            rater_name, ratee_name = line.unit_name, sheet.community_name
        self.setWindowTitle(tr("年度评价"))
        self.setMinimumWidth(480)
        self.heading = heading = QLabel(
            tr("%1 年度：“%2”评价“%3”")
            .replace("%1", str(sheet.year))
            .replace("%2", rater_name)
            .replace("%3", ratee_name)
        )
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.hide()
        self.rating = QComboBox()
        self.rating.setPlaceholderText(tr("请选择"))
        for level in Rating:
            self.rating.addItem(level.label, level.value)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(tr("选填；评价为“不满意”时须填写原因"))
        self.comment.setFixedHeight(96)
        self.rated_on = date_edit(local_today())
        self.form = ErrorForm()
        self.form.add("rating", tr("评价"), self.rating)
        self.form.add("comment", tr("评语"), self.comment)
        self.form.add("rated_on", tr("评价日期"), self.rated_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.problem)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self._entry: YearRating | None = None
        self._show_entry(side.entry(line))

    def _show_entry(self, entry: YearRating | None) -> None:
        self._entry = entry
        self.rating.setCurrentIndex(
            -1 if entry is None else self.rating.findData(entry.rating.value)
        )
        self.comment.setPlainText(entry.comment if entry else "")
        set_date(self.rated_on, entry.rated_on if entry else local_today())

    def choose(self, level: Rating, comment: str, rated_on: date | None = None) -> None:
        """Fill the form as a clerk would (used by tests and nothing else needs it)."""
        self.rating.setCurrentIndex(self.rating.findData(Rating(level).value))
        self.comment.setPlainText(comment)
        if rated_on is not None:
            set_date(self.rated_on, rated_on)

    def error_text(self) -> str:
        """Every message the form shows now, field ones and the general one."""
        texts = [self.form.error_text(key) for key in self.FIELDS]
        if self.problem.isVisibleTo(self):
            texts.append(self.problem.text())
        return "\n".join(t for t in texts if t)

    def save(self) -> None:
        self.form.clear_errors()
        self.problem.hide()
        try:
            self.saved = rate_year(
                self._db,
                alliance_id=self._sheet.alliance_id,
                year=self._sheet.year,
                rater_unit_id=self._rater,
                ratee_unit_id=self._ratee,
                rating=self.rating.currentData() or "",
                comment=self.comment.toPlainText(),
                rated_on=date_of(self.rated_on),
                expected_version=self._entry.version if self._entry else None,
            )
        except ConflictError as error:
            if offer_reload(self, error):
                self._reload()
            return
        except DomainError as error:
            key = error.field if error.field in self.FIELDS else ""
            for message in self.form.show_errors({key: error.message}):
                self.problem.setText(message)
                self.problem.show()
            return
        self.accept()

    def _reload(self) -> None:
        """Show what the other clerk saved (the clerk's own edits are dropped)."""
        try:
            sheet = year_rating_sheet(
                self._db, alliance_id=self._sheet.alliance_id, year=self._sheet.year
            )
        except DomainError as error:
            self.problem.setText(error.message)
            self.problem.show()
            return
        line = sheet.line_of(self._line.unit_id)
        self._sheet = sheet
        self._show_entry(self.side.entry(line) if line else None)


# --- the dialog -------------------------------------------------------------------------------


class YearRatingsDialog(QDialog):
    """Pick an alliance and a year; the table shows both sides per member unit."""

    def __init__(
        self,
        db: Database,
        *,
        alliance_id: int | None = None,
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.sheet: YearRatingSheet | None = None
        self.editor: YearRatingEditor | None = None
        self.setWindowTitle(self.tr("年度互评（满意度测评）"))
        self.resize(1080, 560)
        choices = rating_choices(db)

        self.alliance = QComboBox()
        self.alliance.setMinimumContentsLength(24)
        for alliance, name, active in choices.alliances:
            label = name if active else self.tr("%1（已停用）").replace("%1", name)
            self.alliance.addItem(label, alliance)
        self.year = QComboBox()
        for value in choices.years:
            self.year.addItem(self.tr("%1 年").replace("%1", str(value)), value)
        self._select(self.alliance, alliance_id)
        self._select(self.year, year if year is not None else choices.default_year)
        self.community = QLabel()
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("联盟")))
        picker.addWidget(self.alliance)
        picker.addSpacing(12)
        picker.addWidget(QLabel(self.tr("年度")))
        picker.addWidget(self.year)
        picker.addSpacing(12)
        picker.addWidget(self.community, 1)

        self.model = YearRatingModel(self)
        self.table = list_table(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(False)
        for column, width in enumerate((250, 200, 190, 200)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_double_click)

        self.by_community_button = self._button(self.tr("社区评价该单位…"), self.rate_unit)
        self.of_community_button = self._button(self.tr("该单位评价社区…"), self.rate_community)
        hint = QLabel(self.tr("双击评价格，或选中后按 Enter 评价该侧；Esc 关闭"))
        hint.setStyleSheet("color: #666;")
        actions = QHBoxLayout()
        actions.addWidget(self.by_community_button)
        actions.addWidget(self.of_community_button)
        actions.addSpacing(12)
        actions.addWidget(hint, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setToolTip(SATISFACTION_RATE_FORMULA)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(close)

        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.edit_selected)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.alliance.currentIndexChanged.connect(self.reload)
        self.year.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self.reload()

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        on_click(button, slot)
        return button

    @staticmethod
    def _select(combo: QComboBox, value: int | None) -> None:
        found = combo.findData(value) if value is not None else -1
        combo.setCurrentIndex(found if found >= 0 else min(0, combo.count() - 1))

    # --- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        alliance_id, year = self.alliance.currentData(), self.year.currentData()
        if alliance_id is None or year is None:
            self._show(None, self.tr("还没有党建联盟，请先在“联盟”页面登记。"))
            return
        try:
            sheet = year_rating_sheet(self._db, alliance_id=int(alliance_id), year=int(year))
        except DomainError as error:
            self._show(None, error.message)
            return
        self._show(sheet)

    def _show(self, sheet: YearRatingSheet | None, message: str = "") -> None:
        keep = self.table.currentIndex()
        unit_id = self.model.row_at(keep.row()).unit_id if keep.isValid() else None
        self.sheet = sheet
        if sheet is None:
            self.model.set_rows([])
            self.community.setText("")
            self.summary.setText(message)
        else:
            self.model.set_sheet(sheet)
            self.community.setText(self._community_text(sheet))
            self.summary.setText(self._summary_text(sheet))
            if self.model.rowCount() > 0:
                row = max(0, self.model.view_row_of(lambda line: line.unit_id == unit_id))
                column = keep.column() if keep.isValid() else 1
                self.table.setCurrentIndex(self.model.index(row, column))
        self._update_buttons()

    def _community_text(self, sheet: YearRatingSheet) -> str:
        if sheet.community_id is None:
            return self.tr("本年度没有社区成员，无法互评")
        return self.tr("社区：%1").replace("%1", sheet.community_name)

    def _summary_text(self, sheet: YearRatingSheet) -> str:
        summary = sheet.summary
        if not sheet.lines:
            return self.tr("%1 年本联盟没有成员单位。").replace("%1", str(sheet.year))
        parts = [
            self._counts_text(self.tr("社区对单位"), summary.by_community),
            self._counts_text(self.tr("单位对社区"), summary.of_community),
            self.tr("合计满意率 %1（已评 %2 / 应评 %3）")
            .replace("%1", percent(summary.satisfaction_rate))
            .replace("%2", str(summary.total.total))
            .replace("%3", str(summary.expected)),
        ]
        return "　｜　".join(parts)

    def _counts_text(self, title: str, counts: RatingCounts) -> str:
        return (
            self.tr("%1：满意 %2，基本满意 %3，不满意 %4，满意率 %5")
            .replace("%1", title)
            .replace("%2", str(counts.satisfied))
            .replace("%3", str(counts.basically_satisfied))
            .replace("%4", str(counts.unsatisfied))
            .replace("%5", percent(counts.satisfaction_rate))
        )

    def _update_buttons(self) -> None:
        ready = (
            self.sheet is not None
            and self.sheet.community_id is not None
            and self.table.currentIndex().isValid()
        )
        self.by_community_button.setEnabled(ready)
        self.of_community_button.setEnabled(ready)

    # --- editing ------------------------------------------------------------------------
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit(index.row(), COLUMN_SIDES[index.column()])

    def edit_selected(self) -> YearRatingEditor | None:
        """Enter: edit the side of the current cell."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.edit(index.row(), COLUMN_SIDES[index.column()])

    def rate_unit(self) -> YearRatingEditor | None:
        return self._edit_current(Side.BY_COMMUNITY)

    def rate_community(self) -> YearRatingEditor | None:
        return self._edit_current(Side.OF_COMMUNITY)

    def _edit_current(self, side: Side) -> YearRatingEditor | None:
        index = self.table.currentIndex()
        return self.edit(index.row(), side) if index.isValid() else None

    def edit(self, row: int, side: Side) -> YearRatingEditor | None:
        sheet = self.sheet
        if sheet is None or self.editor is not None:
            return None
        if sheet.community_id is None:
            QMessageBox.information(self, self.tr("年度互评"), self._community_text(sheet))
            return None
        line = self.model.data(self.model.index(row, 0), ROW_ROLE)
        self.table.setCurrentIndex(self.model.index(row, 1 if side is Side.BY_COMMUNITY else 3))
        self.editor = YearRatingEditor(self._db, sheet, line, side, parent=self)
        return open_dialog(self.editor, self._editor_closed)

    def _editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is not None and editor.saved is not None:
            self._show(editor.saved)
        else:
            self.reload()  # a reload inside the editor may have shown newer ratings

    def select(self, unit_id: int, side: Side) -> bool:
        """Make the cell of ``unit_id``'s ``side`` rating current (for tests and targets)."""
        row = self.model.view_row_of(lambda line: line.unit_id == unit_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 1 if side is Side.BY_COMMUNITY else 3))
        return True
