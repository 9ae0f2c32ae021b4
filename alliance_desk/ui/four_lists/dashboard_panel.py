"""首页's 四项清单 block: 好事实事 and the four rates (formula on hover) and a bar chart.

It reads ``services.four_lists.stats`` on a worker thread for the home page's year and
alliance; matplotlib is imported only when the first figures arrive (after the window
shows), like the home page's other charts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from alliance_desk.core.four_lists.rates import GOOD_DEEDS_FORMULA, RATES, percent_text
from alliance_desk.services.commitments import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.stats import ListStatistics, list_statistics
from alliance_desk.ui.tasks import BackgroundTask, Report

CHART_HEIGHT = 230


class FourListsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fourListsPanel")
        self.stats: ListStatistics | None = None
        self.task: BackgroundTask | None = None
        title = QLabel(self.tr("四项清单"))
        title.setObjectName("sectionTitle")
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        items = [("good_deeds", self.tr("好事实事"), GOOD_DEEDS_FORMULA)] + [
            (attribute, label, formula) for label, attribute, formula in RATES
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
            hint = QLabel(formula.split("=", 1)[-1].strip())
            hint.setObjectName("figureHint")
            hint.setWordWrap(True)
            inner.addWidget(name)
            inner.addWidget(value)
            inner.addWidget(hint)
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

    def load(self, db: Database, year: int, alliance_id: int | None) -> None:
        """Read the year's figures off the GUI thread; a newer request replaces the view."""
        today = local_today()

        def work(_report: Report) -> ListStatistics:
            return list_statistics(db, year=year, today=today, alliance_id=alliance_id)

        task = BackgroundTask(self, None, work, error_title=self.tr("无法读取四项清单统计"))
        task.succeeded.connect(self.show_statistics)
        self.task = task
        task.start()

    @Slot(object)
    def show_statistics(self, stats: ListStatistics) -> None:
        self.stats = stats
        total = stats.total
        self.values["good_deeds"].setText(self.tr("%1 件").replace("%1", f"{total.good_deeds:,}"))
        for _label, attribute, _formula in RATES:
            self.values[attribute].setText(percent_text(getattr(total, attribute)))
        self._draw(stats)

    def _draw(self, stats: ListStatistics) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from alliance_desk.ui.dashboard.chart_fonts import configure_matplotlib

        configure_matplotlib()
        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(Figure(figsize=(8, 2.4)))
            self.canvas.setMinimumHeight(CHART_HEIGHT)
            self.chart_holder.addWidget(self.canvas)
        figure = self.canvas.figure
        figure.clear()
        axes = figure.add_subplot(1, 1, 1)
        t = stats.total
        labels = [
            self.tr("需求"),
            self.tr("已核实"),
            self.tr("已对接"),
            self.tr("项目"),
            self.tr("公示"),
            self.tr("已认领"),
            self.tr("已办结"),
        ]
        values = [t.needs, t.verified, t.matched, t.projects, t.published, t.claimed, t.finished]
        bars = axes.bar(labels, values, color="#c62828")
        axes.bar_label(bars, padding=2, fontsize=9)
        axes.set_title(
            self.tr("%1年四项清单：从需求到好事实事").replace("%1", str(stats.year)), fontsize=11
        )
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_ylim(0, max([*values, 1]) * 1.2)
        figure.tight_layout()
        self.canvas.draw_idle()
