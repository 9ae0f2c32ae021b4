"""出席统计: attendance rates per unit and per meeting for one year, and the unit table
to Excel.

The figures come from ``meetings.attendance_rates``; all alliances of a city-scale database
take about 1 s to read (measured at scale 100), so reading and exporting run on a worker
thread. The rate is the service's ``AttendanceTally.rate``; the tooltip that explains it
is derived from that class, so the explanation cannot drift from the figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.vocab import AttendanceState
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.alliances import list_alliances
from alliance_desk.services.register_io.table_write import write_table
from alliance_desk.ui.file_dialogs import save_file_name
from alliance_desk.ui.meetings.columns import LATE_COLOR
from alliance_desk.ui.models.row_table import Column, RowTableModel
from alliance_desk.ui.tasks import BackgroundTask, Report
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.tables import list_table

LOW_RATE = 0.6
"""Units attending less often than this are shown in red."""
COUNTED = (
    AttendanceState.PRESENT,
    AttendanceState.DELEGATED,
    AttendanceState.EXCUSED,
    AttendanceState.ABSENT,
)
ALLIANCE_COLUMN = 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttendanceStatsDialog", text)


def rate_rule() -> str:
    """The rate formula in words, with the states each side counts asked of the tally."""
    attended = [s.label for s in AttendanceState if mt.AttendanceTally({s: 1}).attended]
    expected = [s.label for s in AttendanceState if mt.AttendanceTally({s: 1}).expected]
    return (
        _tr("出席率 = 实到 ÷ 应到\n实到：%1\n应到：已召开会议中登记了出席情况的成员单位（%2）")
        .replace("%1", "、".join(attended))
        .replace("%2", "、".join(expected))
    )


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _rate_key(rate: float | None) -> float:
    return -1.0 if rate is None else rate


# --- what is read ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UnitLine:
    unit_id: int
    unit_name: str
    alliances: str
    """The unit's current alliances (only read when all alliances are shown)."""
    tally: mt.AttendanceTally

    @property
    def low(self) -> bool:
        return self.tally.rate is not None and self.tally.rate < LOW_RATE


@dataclass(frozen=True, slots=True)
class Stats:
    alliance_id: int | None
    year: int
    meetings: tuple[mt.MeetingAttendance, ...]
    units: tuple[UnitLine, ...]

    @property
    def total(self) -> mt.AttendanceTally:
        """All the year's meetings together (attended lines ÷ recorded lines)."""
        counts: Counter[AttendanceState] = Counter()
        for line in self.meetings:
            counts.update(line.tally.counts)
        return mt.AttendanceTally(dict(counts))


def read_stats(db: Database, alliance_id: int | None, year: int) -> Stats:
    rates = mt.attendance_rates(db, alliance_id=alliance_id, year=year)
    units = tuple(
        UnitLine(u.unit_id, u.unit_name, "、".join(u.alliance_names), u.tally)
        for u in rates.units
    )
    return Stats(alliance_id, year, rates.meetings, units)


# --- columns and export ----------------------------------------------------------------------
def unit_columns() -> list[Column[UnitLine]]:
    columns: list[Column[UnitLine]] = [
        Column(_tr("单位"), lambda r: r.unit_name, searchable=True),
        Column(
            _tr("所属联盟"),
            lambda r: r.alliances,
            searchable=True,
            tooltip=_tr("该年度单位参加了其会议的联盟"),
        ),
        Column(
            _tr("应到次数"),
            lambda r: str(r.tally.expected),
            sort_key=lambda r: (r.tally.expected, r.unit_name),
            numeric=True,
        ),
    ]
    for state in COUNTED:
        columns.append(
            Column(
                state.label,
                lambda r, s=state: str(r.tally.count(s)),
                sort_key=lambda r, s=state: (r.tally.count(s), r.unit_name),
                numeric=True,
            )
        )
    columns.append(
        Column(
            _tr("出席率"),
            lambda r: rate_text(r.tally.rate),
            sort_key=lambda r: (_rate_key(r.tally.rate), r.unit_name),
            numeric=True,
            tooltip=rate_rule(),
        )
    )
    return columns


def meeting_columns() -> list[Column[mt.MeetingAttendance]]:
    return [
        Column(
            _tr("会议"),
            lambda r: r.meeting.title,
            sort_key=lambda r: (r.meeting.alliance_name, r.meeting.sequence_no),
            searchable=True,
        ),
        Column(
            _tr("日期"),
            lambda r: f"{r.meeting.starts_at:%Y-%m-%d}",
            sort_key=lambda r: r.meeting.starts_at,
            searchable=True,
        ),
        Column(
            _tr("应到"),
            lambda r: str(r.tally.expected),
            sort_key=lambda r: r.tally.expected,
            numeric=True,
        ),
        Column(
            _tr("实到"),
            lambda r: str(r.tally.attended),
            sort_key=lambda r: r.tally.attended,
            numeric=True,
        ),
        Column(
            _tr("出席率"),
            lambda r: rate_text(r.tally.rate),
            sort_key=lambda r: (_rate_key(r.tally.rate), r.meeting.starts_at),
            numeric=True,
            tooltip=rate_rule(),
        ),
    ]


def export_units(
    rows: Iterable[UnitLine], path: Path, *, with_alliances: bool, year: int
) -> Path:
    """The unit table as shown; counts stay numbers and the rate a percentage number."""
    headers = [_tr("单位")]
    if with_alliances:
        headers.append(_tr("所属联盟"))
    headers += [_tr("应到次数"), *(s.label for s in COUNTED), _tr("出席率(%)")]

    def cells(row: UnitLine) -> list[Any]:
        rate = row.tally.rate
        line: list[Any] = [row.unit_name]
        if with_alliances:
            line.append(row.alliances)
        line += [row.tally.expected, *(row.tally.count(s) for s in COUNTED)]
        line.append("" if rate is None else round(rate * 100, 1))
        return line

    widths = (30, *((30,) if with_alliances else ()), 10, 8, 10, 8, 8, 10)
    return write_table(
        path,
        headers,
        (cells(r) for r in rows),
        widths=widths,
        sheet_title=_tr("%1年出席统计").replace("%1", str(year)),
    )


# --- the dialog ------------------------------------------------------------------------------
def _stats_table(model: RowTableModel[Any], widths: Sequence[int]) -> QTableView:
    """The list table with the first (name) column taking the spare width, so the rate
    stays beside the counts instead of at the far right."""
    table = list_table(model)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


class AttendanceStatsDialog(QDialog):
    """Non-modal; ``choose`` sets the filters and reads the figures again."""

    loaded = Signal()
    exported = Signal(object)
    """The path written."""

    def __init__(
        self,
        db: Database,
        *,
        alliance_id: int | None,
        year: int,
        years: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.stats: Stats | None = None
        self._task: BackgroundTask | None = None
        self._reload_pending = False
        self._export_path: Path | None = None
        self.setWindowTitle(self.tr("出席统计"))
        self.resize(980, 640)

        self.alliance = QComboBox()
        self.alliance.setMinimumContentsLength(14)
        self.year = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 单位 / 联盟 / 会议"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("把“按单位”表（按当前排序和搜索）导出为 Excel"))
        on_click(self.export_button, self.export_file)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setToolTip(rate_rule())
        self.status = QLabel()
        self.status.setStyleSheet("color: #666;")

        self.unit_model: RowTableModel[UnitLine] = RowTableModel(
            unit_columns(), highlighted=self._unit_colour, parent=self
        )
        self.unit_table = _stats_table(self.unit_model, (260, 240, 76, 60, 76, 60, 60, 76))
        self.meeting_model: RowTableModel[mt.MeetingAttendance] = RowTableModel(
            meeting_columns(), highlighted=self._meeting_colour, parent=self
        )
        self.meeting_table = _stats_table(self.meeting_model, (420, 110, 70, 70, 76))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.unit_table, self.tr("按单位"))
        self.tabs.addTab(self.meeting_table, self.tr("按会议"))

        legend = QLabel(
            self.tr("红色：出席率低于 %1%").replace("%1", f"{LOW_RATE * 100:.0f}")
        )
        legend.setStyleSheet("color: #a33;")
        legend.setToolTip(rate_rule())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("联盟")))
        filters.addWidget(self.alliance, 2)
        filters.addWidget(QLabel(self.tr("年度")))
        filters.addWidget(self.year)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.export_button)
        foot = QHBoxLayout()
        foot.addWidget(legend)
        foot.addWidget(self.status, 1)
        foot.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(foot)

        self.alliance.currentIndexChanged.connect(self.reload)
        self.year.currentIndexChanged.connect(self.reload)
        self.choose(alliance_id=alliance_id, year=year, years=years)

    # --- filters -------------------------------------------------------------------------
    def choose(self, *, alliance_id: int | None, year: int, years: Sequence[int]) -> None:
        """Fill the pickers (alliances read afresh) and read the figures for the choice."""
        blockers = (self.alliance.blockSignals(True), self.year.blockSignals(True))
        self.alliance.clear()
        self.alliance.addItem(self.tr("全部联盟"), None)
        for row in list_alliances(self._db):
            self.alliance.addItem(
                row.name if row.active else row.name + self.tr("（停用）"), row.id
            )
        self.alliance.setCurrentIndex(max(0, self.alliance.findData(alliance_id)))
        self.year.clear()
        for value in sorted({*years, year}, reverse=True):
            self.year.addItem(self.tr("%1年").replace("%1", str(value)), value)
        self.year.setCurrentIndex(self.year.findData(year))
        self.alliance.blockSignals(blockers[0])
        self.year.blockSignals(blockers[1])
        self.reload()

    def alliance_id(self) -> int | None:
        value = self.alliance.currentData()
        return int(value) if value is not None else None

    def selected_year(self) -> int:
        return int(self.year.currentData())

    # --- reading -------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Read off the GUI thread; a change made while a read runs is read when it ends."""
        if self._task is not None and self._task.running:
            self._reload_pending = True
            return
        db, alliance_id, year = self._db, self.alliance_id(), self.selected_year()

        def work(_report: Report) -> Stats:
            return read_stats(db, alliance_id, year)

        self.summary.setText(self.tr("正在统计……"))
        self.export_button.setEnabled(False)
        task = BackgroundTask(self, None, work, error_title=self.tr("无法读取出席统计"))
        task.succeeded.connect(self._on_loaded)
        task.failed.connect(self._on_read_failed)
        task.finished.connect(self._on_read_done)
        self._task = task
        task.start()

    @Slot(object)
    def _on_loaded(self, stats: Stats) -> None:
        if self._reload_pending:
            return  # the pickers changed meanwhile; the next read shows them
        self.stats = stats
        self.unit_model.set_rows(stats.units)
        self.meeting_model.set_rows(stats.meetings)
        self.unit_table.setColumnHidden(ALLIANCE_COLUMN, stats.alliance_id is not None)
        self._show_summary()
        self.export_button.setEnabled(bool(stats.units))
        self.loaded.emit()

    @Slot(object)
    def _on_read_failed(self, _error: BaseException) -> None:
        self.stats = None
        self.unit_model.set_rows([])
        self.meeting_model.set_rows([])
        self.summary.setText(self.tr("未能读取出席统计。"))

    @Slot()
    def _on_read_done(self) -> None:
        if self._reload_pending:
            self._reload_pending = False
            self.reload()

    def _show_summary(self) -> None:
        stats = self.stats
        if stats is None:
            return
        scope = self.alliance.currentText()
        if not stats.meetings:
            self.summary.setText(
                self.tr("%1年 · %2：没有已召开的会议。")
                .replace("%1", str(stats.year))
                .replace("%2", scope)
            )
            return
        low = sum(1 for u in stats.units if u.low)
        self.summary.setText(
            self.tr("%1年 · %2：召开会议 %3 次，总出席率 %4；%5 个单位中 %6 个低于 %7%。")
            .replace("%1", str(stats.year))
            .replace("%2", scope)
            .replace("%3", str(len(stats.meetings)))
            .replace("%4", rate_text(stats.total.rate))
            .replace("%5", str(len(stats.units)))
            .replace("%6", str(low))
            .replace("%7", f"{LOW_RATE * 100:.0f}")
        )

    def _on_search(self, text: str) -> None:
        self.unit_model.set_search_text(text)
        self.meeting_model.set_search_text(text)

    def _unit_colour(self, row: UnitLine) -> QColor | None:
        return LATE_COLOR if row.low else None

    def _meeting_colour(self, row: mt.MeetingAttendance) -> QColor | None:
        rate = row.tally.rate
        return LATE_COLOR if rate is not None and rate < LOW_RATE else None

    # --- export --------------------------------------------------------------------------
    def export_file(self) -> None:
        stats = self.stats
        if stats is None or not stats.units:
            return
        scope = self.alliance.currentText().replace(self.tr("（停用）"), "")
        name = self.tr("出席统计_%1年_%2.xlsx").replace("%1", str(stats.year)).replace("%2", scope)
        chosen = save_file_name(self, self.tr("导出出席统计"), name, self.tr("Excel 文件 (*.xlsx)"))
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx"))

    def export_to(self, path: Path) -> None:
        """Write the unit rows as shown (sorted and searched) on a worker thread."""
        stats = self.stats
        if stats is None:
            return
        rows = self.unit_model.visible_rows()
        with_alliances = stats.alliance_id is None

        def work(_report: Report) -> Path:
            return export_units(rows, path, with_alliances=with_alliances, year=stats.year)

        self.export_button.setEnabled(False)
        self.status.setText(self.tr("正在导出……"))
        task = BackgroundTask(self, None, work, error_title=self.tr("未能导出"))
        task.succeeded.connect(self._on_exported)
        task.finished.connect(self._on_export_done)
        task.start()

    @Slot(object)
    def _on_exported(self, path: Path) -> None:
        self.status.setText(self.tr("已导出到 %1").replace("%1", str(path)))
        self.exported.emit(path)

    @Slot()
    def _on_export_done(self) -> None:
        if self.status.text() == self.tr("正在导出……"):
            self.status.clear()  # failed: the error was shown in a message box
        self.export_button.setEnabled(self.stats is not None and bool(self.stats.units))
