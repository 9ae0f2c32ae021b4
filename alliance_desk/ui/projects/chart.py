"""挂图作战 on screen: the year's projects as matplotlib bars, plan against actual.

Imported when the tab is first shown (matplotlib costs ~0.4 s). A city's thousands of
projects do not fit one screen: the chart shows the rows the clerk filtered (by
warning and search), at most ``MAX_ROWS``, and says how many are left out; the
printed chart (A3/A4) always holds them all.
"""

from __future__ import annotations

from datetime import date

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.dates import DateFormatter, MonthLocator, date2num
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from alliance_desk.core.projects import Alert
from alliance_desk.services.projects.wallchart import ChartRow
from alliance_desk.ui.dashboard.chart_fonts import configure_matplotlib

MAX_ROWS = 60
COLOURS = {
    Alert.NONE: "#3a9d4a",
    Alert.BLUE: "#2f6fd6",
    Alert.YELLOW: "#e0a800",
    Alert.RED: "#d62f2f",
}


class WallChartCanvas(FigureCanvasQTAgg):
    def __init__(self) -> None:
        configure_matplotlib()
        self.figure = Figure(figsize=(10, 6), layout="constrained")
        super().__init__(self.figure)
        self.setObjectName("wallChartCanvas")
        self.shown_rows = 0

    def draw_rows(self, rows: list[ChartRow], year: int, today: date) -> None:
        self.figure.clear()
        ax = self.figure.add_subplot()
        shown = rows[:MAX_ROWS]
        self.shown_rows = len(shown)
        height = max(4.0, 0.28 * len(shown) + 1.2)
        self.figure.set_size_inches(10, height)
        self.setFixedHeight(int(height * self.figure.dpi))
        for y, row in enumerate(shown):
            start = date2num(max(row.planned_start, date(year, 1, 1)))
            end = date2num(min(row.planned_end, date(year, 12, 31)))
            ax.barh(y - 0.18, end - start, left=start, height=0.3, color="#c8c8c8")
            done = [m.actual_on for m in row.milestones if m.actual_on is not None]
            if done:
                reach = date2num(max(done))
                ax.barh(
                    y + 0.18,
                    max(reach - start, 1),
                    left=start,
                    height=0.3,
                    color=COLOURS[row.alert],
                )
            for m in row.milestones:
                ax.plot(
                    date2num(m.planned_on),
                    y - 0.18,
                    marker="^",
                    color="black",
                    markersize=4,
                    markerfacecolor="none",
                    linestyle="none",
                )
                if m.actual_on is not None:
                    ax.plot(
                        date2num(m.actual_on),
                        y + 0.18,
                        marker="o",
                        color=COLOURS[m.alert],
                        markersize=3.5,
                        linestyle="none",
                    )
        ax.set_yticks(range(len(shown)), [f"{r.code} {r.name}"[:24] for r in shown], fontsize=7)
        ax.invert_yaxis()
        ax.set_xlim(date2num(date(year, 1, 1)), date2num(date(year, 12, 31)))
        ax.xaxis.set_major_locator(MonthLocator())
        ax.xaxis.set_major_formatter(DateFormatter("%-m月"))
        ax.grid(axis="x", color="#dddddd")
        ax.tick_params(axis="x", labeltop=True, labelsize=8)
        if date(year, 1, 1) <= today <= date(year, 12, 31):
            ax.axvline(date2num(today), color="#d62f2f", linewidth=1)
        ax.set_title(f"{year}年度书记项目挂图作战图（计划 灰条，实际进度 彩条）", fontsize=10)
        ax.legend(
            handles=[Patch(color="#c8c8c8", label="计划起止")]
            + [
                Patch(color=COLOURS[a], label="正常" if a is Alert.NONE else a.label)
                for a in COLOURS
            ],
            loc="lower right",
            fontsize=7,
            ncols=5,
        )
        self.draw_idle()
