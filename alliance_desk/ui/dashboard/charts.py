"""The chart panel of the home page: four matplotlib canvases (backend_qtagg).

Importing this module imports matplotlib (~0.4 s): the home page does it only after
the window has shown. ``ChartPanel.show_figures`` redraws every chart from one
``DashboardFigures``; a click on a bar of the per-alliance chart emits
``alliance_clicked``; each chart is saved as PNG from its 保存图片 button or its
context menu.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.backend_bases import MouseEvent, PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.services.dashboard import DashboardFigures
from alliance_desk.ui.dashboard import drawing
from alliance_desk.ui.dashboard.chart_fonts import configure_matplotlib
from alliance_desk.ui.widgets.buttons import on_click

PNG_FOLDER_KEY = "dashboard/png_folder"
PNG_DPI = 150
CHART_HEIGHT = 270
"""Pixels of one small chart; the per-alliance chart spans three of them."""

Draw = Callable[[Figure, DashboardFigures], drawing.Drawn]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardCharts", text)


class _Canvas(FigureCanvasQTAgg):
    """A canvas that lets the wheel scroll the page instead of keeping it."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


class ChartView(QWidget):
    """One chart: its canvas, a 保存图片 button in the corner and a context menu."""

    def __init__(self, name: str, draw: Draw, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{name}")
        self.name = name
        self._draw = draw
        self.title = ""
        self.figure = Figure(facecolor="white")
        self.canvas = _Canvas(self.figure)
        self.drawn = drawing.Drawn()
        self.canvas.mpl_connect("resize_event", self._on_resize)
        self.canvas.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.save_action = QAction(_tr("保存为图片(&S)…"), self)
        self.save_action.triggered.connect(self.ask_and_save)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.canvas.addAction(self.save_action)
        self.save_button = QToolButton(self)
        self.save_button.setText(_tr("保存图片"))
        self.save_button.setToolTip(_tr("把这张图表保存为 PNG 图片"))
        self.save_button.setAutoRaise(True)
        self.save_button.setStyleSheet("QToolButton { color: #555; font-size: 9pt; }")
        on_click(self.save_button, self.ask_and_save)
        self.save_button.raise_()

    def show_figures(self, figures: DashboardFigures) -> None:
        self.drawn = self._draw(self.figure, figures)
        self.drawn.apply(self.figure)
        self.title = drawing.chart_title(self.figure)
        self.canvas.draw_idle()

    def draw_now(self) -> None:
        self.canvas.draw()

    def _on_resize(self, _event: object) -> None:
        self.drawn.apply(self.figure)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.save_button.sizeHint()
        self.save_button.setGeometry(self.width() - hint.width() - 4, 2, hint.width(),
                                     hint.height())

    def default_file_name(self) -> str:
        return f"{self.title or self.name}.png"

    def save_png(self, path: str | Path) -> Path:
        """Write the chart as it is drawn to ``path`` (a PNG at ``PNG_DPI``)."""
        target = Path(path)
        if target.suffix.casefold() != ".png":
            target = target.with_name(target.name + ".png")
        self.figure.savefig(target, format="png", dpi=PNG_DPI, facecolor="white")
        return target

    @Slot()
    def ask_and_save(self) -> Path | None:
        """The 另存为 dialog, then ``save_png``; None when cancelled or not written."""
        settings = QSettings()
        folder = str(settings.value(PNG_FOLDER_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.PicturesLocation
            )
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window(),
            _tr("保存图表为图片"),
            str(Path(folder) / self.default_file_name()),
            _tr("PNG 图片 (*.png)"),
        )
        if not chosen:
            return None
        try:
            written = self.save_png(chosen)
        except OSError as error:
            QMessageBox.warning(
                self.window(),
                _tr("未能保存图片"),
                _tr("无法保存“{name}”：{reason}").format(
                    name=Path(chosen).name, reason=error.strerror or str(error)),
            )
            return None
        settings.setValue(PNG_FOLDER_KEY, str(written.parent))
        return written


class ChartPanel(QWidget):
    """Per-alliance rates (left, tall); monthly, states and directions (right)."""

    alliance_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prepare()
        self.views = {
            "alliances": ChartView("alliances", drawing.draw_alliance_rates),
            "monthly": ChartView("monthly", drawing.draw_monthly),
            "states": ChartView("states", drawing.draw_states),
            "directions": ChartView("directions", drawing.draw_directions),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        grid.addWidget(self.views["alliances"], 0, 0, 3, 1)
        for row, key in enumerate(("monthly", "states", "directions")):
            self.views[key].setFixedHeight(CHART_HEIGHT)  # not the canvas's 480 px hint
            grid.addWidget(self.views[key], row, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.views["alliances"].setFixedHeight(3 * CHART_HEIGHT + 2 * grid.spacing())
        self.bar_alliances: list[int] = []
        """``alliance_id`` of each bar of the per-alliance chart, top first."""
        canvas = self.views["alliances"].canvas
        canvas.mpl_connect("pick_event", self._on_pick)
        canvas.mpl_connect("motion_notify_event", self._on_motion)

    @staticmethod
    def prepare() -> None:
        """Set matplotlib's fonts (once per process; cheap afterwards)."""
        configure_matplotlib()

    def show_figures(self, figures: DashboardFigures) -> None:
        for view in self.views.values():
            view.show_figures(figures)
        self.bar_alliances = [line.alliance_id for line in drawing.alliance_bars(figures)]

    def draw_now(self) -> None:
        """Render every chart at once (benchmarks, screenshots; the page draws when idle)."""
        for view in self.views.values():
            view.draw_now()

    @property
    def bars(self) -> BarContainer | None:
        return self.views["alliances"].drawn.bars

    def open_alliance_at(self, index: int) -> None:
        """What a click on bar ``index`` (0 = top) does: ask to open that alliance."""
        if 0 <= index < len(self.bar_alliances):
            self.alliance_clicked.emit(self.bar_alliances[index])

    def _on_pick(self, event: PickEvent) -> None:
        bars = self.bars
        if bars is not None and event.artist in bars.patches:
            self.open_alliance_at(bars.patches.index(event.artist))

    def _on_motion(self, event: MouseEvent) -> None:
        bars = self.bars
        over = bars is not None and any(bar.contains(event)[0] for bar in bars.patches)
        canvas = self.views["alliances"].canvas
        if over:
            canvas.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            canvas.unsetCursor()
