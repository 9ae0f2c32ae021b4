"""首页/看板: the register's figures, the year's commitment figures, 到期提醒 and the charts.

The register's counts (``services.overview``) are read at once; the dashboard's
figures and the due lists (``services.dashboard``) are read on a worker thread just
after the page shows, and the charts — matplotlib, 0.4 s to import — are built only
then, so the window appears first. On an empty database the page offers demo data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.commitments import ON_TIME_RATE_FORMULA, SATISFACTION_RATE_FORMULA
from alliance_desk.services.alliances import list_alliances
from alliance_desk.services.clock import local_now
from alliance_desk.services.commitments import local_today
from alliance_desk.services.dashboard import (
    DashboardFigures,
    DueList,
    dashboard_figures,
    due_soon,
    overdue,
)
from alliance_desk.services.overview import Overview, overview
from alliance_desk.ui import demo_fill
from alliance_desk.ui.dashboard.due_panel import ROW_LIMIT, DuePanel
from alliance_desk.ui.dashboard.report_actions import (
    export_fulfilment_xlsx,
    fulfilment_report_job,
)
from alliance_desk.ui.navigation import PageContext, Target
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.printing import PrintButton, PrintJob
from alliance_desk.ui.tasks import BackgroundTask, Report
from alliance_desk.ui.widgets.buttons import on_click

if TYPE_CHECKING:
    from pathlib import Path

    from alliance_desk.services.database import Database
    from alliance_desk.ui.dashboard.charts import ChartPanel

CARD_STYLE = """
#figureCard { background: #ffffff; border: 1px solid #e3d3d3; border-radius: 8px; }
#figureValue { color: #b71c1c; font-size: 24pt; font-weight: bold; }
#figureCaption { font-size: 11pt; font-weight: bold; }
#figureHint { color: #666; }
#emptyPanel { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 8px; }
#sectionTitle { font-size: 13pt; font-weight: bold; }
"""
YEARS_BACK = 4


class FigureCard(QFrame):
    def __init__(self, caption: str, unit: str, hint: str) -> None:
        super().__init__()
        self.setObjectName("figureCard")
        self.unit = unit
        self.value: int | float | None = None
        self.value_label = QLabel("—")
        self.value_label.setObjectName("figureValue")
        caption_label = QLabel(caption)
        caption_label.setObjectName("figureCaption")
        self.hint_label = QLabel(hint)
        self.hint_label.setObjectName("figureHint")
        self.hint_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(caption_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)

    def set_value(self, value: int) -> None:
        self.value = value
        self.value_label.setText(f"{value:,} {self.unit}")

    def set_rate(self, rate: float | None) -> None:
        """A rate as a percentage; ``—`` when there is nothing to divide by yet."""
        self.value = rate
        self.value_label.setText("—" if rate is None else f"{rate * 100:.1f}%")

    def set_text(self, text: str, value: int) -> None:
        self.value = value
        self.value_label.setText(text)


@dataclass(frozen=True, slots=True)
class Dashboard:
    """What the worker thread reads for the page in one go."""

    figures: DashboardFigures
    soon: DueList
    overdue: DueList


def read_dashboard(db: Database, year: int, alliance_id: int | None, today: date) -> Dashboard:
    return Dashboard(
        dashboard_figures(db, year=year, today=today, alliance_id=alliance_id),
        due_soon(db, today, limit=ROW_LIMIT, alliance_id=alliance_id),
        overdue(db, today, limit=ROW_LIMIT, alliance_id=alliance_id),
    )


class HomePage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setStyleSheet(CARD_STYLE)
        self.updated_label = self.add_subtitle(self.tr("全街道党建联盟工作的主要数字。"))
        self.layout_.addLayout(self._filter_bar())
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(12)
        self.cards = {
            "alliances": FigureCard(self.tr("党建联盟"), self.tr("个"),
                                    self.tr("正在运行的联盟")),
            "active_units": FigureCard(self.tr("成员单位"), self.tr("家"),
                                       self.tr("在册（启用）的成员单位")),
            "memberships": FigureCard(self.tr("成员关系"), self.tr("个"),
                                      self.tr("单位在各联盟中的现有席位")),
            "multi_alliance_units": FigureCard(self.tr("跨联盟单位"), self.tr("家"),
                                               self.tr("同时加入两个及以上联盟的单位")),
        }
        body.addLayout(self._card_row(list(self.cards.values())))
        body.addWidget(self._empty_panel())
        self.figure_cards = {
            "meetings": FigureCard(self.tr("联席会议"), "", self.tr("本年已召开 / 计划召开")),
            "commitments": FigureCard(self.tr("承诺"), self.tr("项"),
                                      self.tr("本年到期的双向承诺")),
            "overdue": FigureCard(self.tr("逾期未履诺"), self.tr("项"),
                                  self.tr("本年到期、已过到期日仍未履诺")),
            "on_time_rate": FigureCard(self.tr("按期履诺率"), "",
                                       self.tr("本年到期承诺中按期履诺的比例")),
            "satisfaction_rate": FigureCard(self.tr("满意率"), "",
                                            self.tr("双向评价中满意和基本满意的比例")),
        }
        # The formulas are written once, in core.commitments.rates.
        self.figure_cards["on_time_rate"].setToolTip(ON_TIME_RATE_FORMULA)
        self.figure_cards["satisfaction_rate"].setToolTip(SATISFACTION_RATE_FORMULA)
        self.scope_label = QLabel()
        self.scope_label.setObjectName("sectionTitle")
        body.addWidget(self.scope_label)
        body.addLayout(self._card_row(list(self.figure_cards.values())))
        self.due_panel = DuePanel()
        self.due_panel.open_commitment.connect(self.open_commitment)
        self.due_panel.show_all_overdue.connect(self.open_all_overdue)
        body.addWidget(self.due_panel)
        from alliance_desk.ui.four_lists.dashboard_panel import FourListsPanel

        self.lists_panel = FourListsPanel()
        body.addWidget(self.lists_panel)
        from alliance_desk.ui.workday.dashboard_panel import WorkdayPanel

        self.workday_panel = WorkdayPanel()
        body.addWidget(self.workday_panel)
        self.chart_area = QVBoxLayout()
        self.chart_note = QLabel(self.tr("正在生成图表……"))
        self.chart_area.addWidget(self.chart_note)
        body.addLayout(self.chart_area)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll = scroll
        self.layout_.addWidget(scroll, 1)
        self.figures: Overview | None = None
        self.dashboard: Dashboard | None = None
        self.charts: ChartPanel | None = None
        self.task: BackgroundTask | None = None
        self.demo_confirmation: QMessageBox | None = None
        self.dashboard_task: BackgroundTask | None = None
        self._reload_pending = False

    # --- layout pieces -------------------------------------------------------------

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.year_box = QComboBox()
        this_year = local_today().year
        for year in range(this_year + 1, this_year - YEARS_BACK - 1, -1):
            self.year_box.addItem(self.tr("{year}年").format(year=year), year)
        self.year_box.setCurrentIndex(1)
        self.year_box.currentIndexChanged.connect(self.reload_dashboard)
        self.alliance_box = QComboBox()
        self.alliance_box.setMinimumContentsLength(10)
        self.alliance_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.alliance_box.addItem(self.tr("全部联盟"), None)
        self.alliance_box.currentIndexChanged.connect(self.reload_dashboard)
        bar.addWidget(QLabel(self.tr("年度：")))
        bar.addWidget(self.year_box)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("联盟：")))
        bar.addWidget(self.alliance_box)
        bar.addStretch(1)
        self.report_button = PrintButton(self.tr("统计表"), self.report_job, self)
        self.report_button.setToolTip(self.tr("履诺情况统计表：预览、打印或另存为 PDF"))
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.xlsx_button.setToolTip(self.tr("把履诺情况统计表导出为 Excel 文件"))
        on_click(self.xlsx_button, self.export_xlsx)
        bar.addWidget(self.report_button)
        bar.addWidget(self.xlsx_button)
        return bar

    @staticmethod
    def _card_row(cards: list[FigureCard]) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(12)
        for column, card in enumerate(cards):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
        return grid

    def _empty_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("emptyPanel")
        text = QLabel(self.tr(
            "数据库中还没有任何联盟和成员单位。可以先登记真实数据，"
            "也可以填充一套演示数据（24 个联盟、约 165 家单位）来熟悉本程序。"
            "演示数据会写入当前数据库，正式使用时请另建数据库。"
        ))
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("填充演示数据"))
        on_click(self.demo_button, self.fill_demo)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(text)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.empty_panel = panel
        panel.hide()
        return panel

    # --- filters ---------------------------------------------------------------------

    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    @property
    def alliance_id(self) -> int | None:
        value = self.alliance_box.currentData()
        return None if value is None else int(value)

    @property
    def alliance_name(self) -> str | None:
        return None if self.alliance_id is None else self.alliance_box.currentText()

    def _fill_alliances(self) -> None:
        chosen = self.alliance_id
        self.alliance_box.blockSignals(True)
        try:
            while self.alliance_box.count() > 1:
                self.alliance_box.removeItem(1)
            for row in list_alliances(self.context.database):
                self.alliance_box.addItem(row.name, row.id)
            index = self.alliance_box.findData(chosen) if chosen is not None else 0
            self.alliance_box.setCurrentIndex(max(index, 0))
        finally:
            self.alliance_box.blockSignals(False)

    # --- reading -----------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        figures = overview(self.context.database)
        self.figures = figures
        for key, card in self.cards.items():
            card.set_value(getattr(figures, key))
        self.empty_panel.setVisible(figures.empty)
        self.updated_label.setText(self.tr("全街道党建联盟工作的主要数字，更新于 {time}。")
                                   .format(time=local_now().strftime("%H:%M:%S")))
        self._fill_alliances()
        # After this event: the window paints first, then the figures are read.
        QTimer.singleShot(0, self.reload_dashboard)

    @Slot()
    def reload_dashboard(self) -> None:
        """Read the figures and due lists for the chosen year and alliance, off the GUI
        thread; a second request while one runs is served when it ends."""
        if self.dashboard_task is not None and self.dashboard_task.running:
            self._reload_pending = True
            return
        db, year, alliance_id, today = (self.context.database, self.year, self.alliance_id,
                                        local_today())

        def work(_report: Report) -> Dashboard:
            return read_dashboard(db, year, alliance_id, today)

        task = BackgroundTask(self, None, work, error_title=self.tr("无法读取统计数字"))
        task.succeeded.connect(self.show_dashboard)
        task.succeeded.connect(lambda _d: self.lists_panel.load(db, year, alliance_id))
        task.succeeded.connect(lambda _d: self.workday_panel.load(db, year))
        task.finished.connect(self._dashboard_done)
        self.dashboard_task = task
        task.start()

    @Slot()
    def _dashboard_done(self) -> None:
        if self._reload_pending:
            self._reload_pending = False
            self.reload_dashboard()

    @Slot(object)
    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        f = dashboard.figures
        self.scope_label.setText(
            self.tr("{year}年 · {scope}").format(
                year=f.year,
                scope=self.alliance_name or self.tr("全部 {a} 个联盟、{u} 家成员单位").format(
                    a=f.alliances, u=f.units),
            )
        )
        meetings = self.figure_cards["meetings"]
        meetings.set_text(self.tr("{held} / {planned} 次").format(
            held=f.meetings_held, planned=f.meetings_planned), f.meetings_held)
        self.figure_cards["commitments"].set_value(f.total)
        self.figure_cards["overdue"].set_value(f.states["overdue"])
        self.figure_cards["on_time_rate"].set_rate(f.on_time_rate)
        self.figure_cards["satisfaction_rate"].set_rate(f.satisfaction_rate)
        self.due_panel.show_lists(dashboard.soon, dashboard.overdue, f.today)
        self.ensure_charts().show_figures(f)

    def ensure_charts(self) -> ChartPanel:
        """The chart panel, built (and matplotlib imported) on first use."""
        if self.charts is None:
            from alliance_desk.ui.dashboard.charts import ChartPanel

            self.charts = ChartPanel()
            self.charts.alliance_clicked.connect(self.open_alliance)
            self.chart_note.hide()
            self.chart_area.addWidget(self.charts)
        return self.charts

    # --- links to the commitments page ---------------------------------------------------

    @Slot(int)
    def open_commitment(self, commitment_id: int) -> None:
        self.context.open_area("commitments", Target(commitment_id=commitment_id))

    @Slot()
    def open_all_overdue(self) -> None:
        self.context.open_area("commitments", Target(due="overdue",
                                                     alliance_id=self.alliance_id))

    @Slot(int)
    def open_alliance(self, alliance_id: int) -> None:
        self.context.open_area("commitments", Target(alliance_id=alliance_id, year=self.year))

    # --- the report ------------------------------------------------------------------------

    def report_job(self) -> PrintJob:
        return fulfilment_report_job(self.context.database, self.year, self.alliance_id,
                                     self.alliance_name)

    @Slot()
    def export_xlsx(self) -> Path | None:
        written = export_fulfilment_xlsx(self, self.context.database, self.year,
                                         self.alliance_id, self.alliance_name)
        if written is not None:
            self.notify(self.tr("已导出：{path}").format(path=written))
        return written

    # --- demo data ---------------------------------------------------------------------------

    @Slot()
    def fill_demo(self) -> None:
        """Ask first: the demo writes into the open database (maybe a shared one)."""
        if self.context.database.sqlite_path is None:
            text = self.tr("当前打开的是共享数据库（PostgreSQL），其他工作人员也会看到演示数据。"
                           "确定要向其中填充演示数据吗？")
        else:
            text = self.tr("演示数据（24 个联盟、约 165 家单位）会写入当前数据库，"
                           "正式使用时请另建数据库。确定填充吗？")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("填充演示数据"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._demo_confirmed)
        self.demo_confirmation = box
        box.open()

    @Slot(int)
    def _demo_confirmed(self, _result: int) -> None:
        box, self.demo_confirmation = self.demo_confirmation, None
        if box is None or box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes):
            return
        self.demo_button.setEnabled(False)
        self.task = demo_fill.start_demo_fill(self, self.context.database)
        self.task.succeeded.connect(
            lambda summary: self.notify(demo_fill.describe_summary(summary))
        )
        self.task.finished.connect(self._after_fill)

    @Slot()
    def _after_fill(self) -> None:
        self.demo_button.setEnabled(True)
        self.refresh()
