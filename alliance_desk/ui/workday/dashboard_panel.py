"""首页's 双报到 block: 应报到 / 已报到, 报到率, 参与率, 确认时长 and the flagged units, with
a chart of the confirmed hours per month. Read on a worker thread, matplotlib imported
when the first figures arrive (like the 四项清单 block)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from alliance_desk.core.workday.rates import PARTICIPATION_FORMULA, REPORT_RATE_FORMULA
from alliance_desk.documents.workday.common import hours_text, percent
from alliance_desk.services.database import Database
from alliance_desk.services.workday.stats import StreetFigures, street_figures
from alliance_desk.ui.tasks import BackgroundTask, Report

CHART_HEIGHT = 200


class WorkdayPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workdayPanel")
        self.figures: StreetFigures | None = None
        self.task: BackgroundTask | None = None
        title = QLabel(self.tr("双报到双服务"))
        title.setObjectName("sectionTitle")
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        items = [
            ("reported", self.tr("已报到 / 应报到"), ""),
            ("report_rate", self.tr("报到率"), REPORT_RATE_FORMULA),
            ("participation", self.tr("参与率"), PARTICIPATION_FORMULA),
            ("hours", self.tr("确认服务时长"), ""),
            ("flagged", self.tr("低于预警线的单位"), ""),
        ]
        for column, (key, caption, formula) in enumerate(items):
            card = QFrame()
            card.setObjectName("figureCard")
            card.setToolTip(formula)
            inner = QVBoxLayout(card)
            name = QLabel(caption)
            name.setObjectName("figureCaption")
            value = QLabel("—")
            value.setObjectName("figureValue")
            inner.addWidget(name)
            inner.addWidget(value)
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
            self.values[key] = value
        self.chart_holder = QVBoxLayout()
        self.canvas: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addLayout(self.chart_holder)

    def load(self, db: Database, year: int) -> None:
        def work(_report: Report) -> StreetFigures:
            return street_figures(db, year)

        task = BackgroundTask(self, None, work, error_title=self.tr("无法读取双报到统计"))
        task.succeeded.connect(self.show_figures)
        self.task = task
        task.start()

    @Slot(object)
    def show_figures(self, figures: StreetFigures) -> None:
        self.figures = figures
        f = figures.figures
        self.values["reported"].setText(f"{f.reported:,} / {f.expected:,}")
        self.values["report_rate"].setText(percent(f.report_rate))
        self.values["participation"].setText(percent(f.participation_rate))
        self.values["hours"].setText(self.tr("%1 小时").replace("%1", hours_text(f.total_hours)))
        self.values["flagged"].setText(
            self.tr("%1 / %2 个")
            .replace("%1", str(figures.flagged_units))
            .replace("%2", str(figures.units))
        )
        self._draw(figures)

    def _draw(self, figures: StreetFigures) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from alliance_desk.ui.dashboard.chart_fonts import configure_matplotlib

        configure_matplotlib()
        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(Figure(figsize=(8, 2.0)))
            self.canvas.setMinimumHeight(CHART_HEIGHT)
            self.chart_holder.addWidget(self.canvas)
        figure = self.canvas.figure
        figure.clear()
        axes = figure.add_subplot(1, 1, 1)
        months = [self.tr("%1月").replace("%1", str(m)) for m in range(1, 13)]
        values = list(figures.by_month_hours) or [0.0] * 12
        axes.bar(months[: len(values)], values, color="#c62828")
        axes.set_title(
            self.tr("%1年在职党员社区服务时长（小时，已确认）").replace(
                "%1", str(figures.period.year)
            ),
            fontsize=10,
        )
        axes.tick_params(axis="x", labelsize=8)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        self.canvas.draw_idle()
