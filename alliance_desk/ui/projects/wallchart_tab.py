"""挂图作战 tab: the chart on screen, and printed on A4 or saved as an A3 PDF."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects import Alert
from alliance_desk.services.database import Database
from alliance_desk.services.projects.wallchart import WallChart, wall_chart
from alliance_desk.ui.printing import PrintButton, PrintJob, ask_pdf_path, busy_cursor
from alliance_desk.ui.projects.common import show_error, today
from alliance_desk.ui.widgets.buttons import on_click


class WallChartTab(QWidget):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.chart: WallChart | None = None
        self.canvas: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 6)  # text off the tab frame
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        self.year = QSpinBox()
        self.year.setObjectName("yearSpin")
        self.year.setRange(2000, 2099)
        self.year.setMinimumWidth(80)
        self.year.setValue(today().year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        top.addWidget(self.year)
        top.addWidget(QLabel(self.tr("预警")))
        self.alert = QComboBox()
        self.alert.setObjectName("alertFilter")
        self.alert.addItem(self.tr("全部"), None)
        for alert in (Alert.RED, Alert.YELLOW, Alert.BLUE):
            self.alert.addItem(alert.label, alert)
        self.alert.currentIndexChanged.connect(lambda _i: self.redraw())
        top.addWidget(self.alert)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按编号、名称、单位筛选"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.redraw())
        top.addWidget(self.search, 1)
        self.print_button = PrintButton(self.tr("打印（A4）"), self.print_job, shortcut="Ctrl+P")
        self.print_button.setObjectName("printWallChartButton")
        top.addWidget(self.print_button)
        self.a3_button = QPushButton(self.tr("另存为 A3 PDF…"))
        self.a3_button.setObjectName("saveA3Button")
        on_click(self.a3_button, self.save_a3)
        top.addWidget(self.a3_button)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("summaryLabel")
        layout.addWidget(self.summary)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)

    def refresh(self) -> None:
        try:
            self.chart = wall_chart(self.database, year=self.year.value(), today=today())
        except DomainError as error:
            show_error(self, error)
            return
        self.redraw()

    def rows(self) -> list:  # type: ignore[type-arg]
        if self.chart is None:
            return []
        alert = self.alert.currentData()
        needle = self.search.text().strip().casefold()
        return [
            r
            for r in self.chart.rows
            if (alert is None or r.alert is alert)
            and (not needle or needle in f"{r.code} {r.name} {r.unit_name}".casefold())
        ]

    def redraw(self) -> None:
        if self.chart is None:
            return
        from alliance_desk.ui.projects.chart import MAX_ROWS, WallChartCanvas

        if self.canvas is None:
            self.canvas = WallChartCanvas()
            self.scroll.setWidget(self.canvas)
        rows = self.rows()
        self.canvas.draw_rows(rows, self.chart.year, self.chart.today)  # type: ignore[attr-defined]
        chart = self.chart
        left_out = max(0, len(rows) - MAX_ROWS)
        text = (
            f"项目 {len(chart.rows)} 个　红色预警 {chart.count(Alert.RED)}　"
            f"黄色预警 {chart.count(Alert.YELLOW)}　蓝色预警 {chart.count(Alert.BLUE)}"
            f"　显示 {len(rows) - left_out} 个"
        )
        if left_out:
            text += f"（另有 {left_out} 个未显示，请筛选；打印件包含全部项目）"
        self.summary.setText(text)

    def _document(self, a3: bool) -> object:
        from alliance_desk.documents.projects.wallchart import WallChartDocument

        chart = self.chart or wall_chart(self.database, year=self.year.value(), today=today())
        return WallChartDocument(chart, printed_on=today(), a3=a3)

    def print_job(self) -> PrintJob:
        if self.chart is None or not self.chart.rows:
            raise DomainError(self.tr("本年度没有书记项目。"))
        return PrintJob(
            f"{self.chart.year}年度书记项目挂图作战图",
            lambda: self._document(False),
            landscape=True,
        )  # type: ignore[arg-type, return-value]

    def save_a3(self) -> None:

        if self.chart is None or not self.chart.rows:
            QMessageBox.information(self, self.tr("无法打印"), self.tr("本年度没有书记项目。"))
            return
        path = ask_pdf_path(self, f"{self.chart.year}年度书记项目挂图作战图_A3.pdf")
        if path is None:
            return
        self.save_to(path, a3=True)

    def save_to(self, path: object, *, a3: bool) -> object:
        from alliance_desk.documents.pdf import write_pdf
        from alliance_desk.documents.projects.wallchart import wallchart_spec

        try:
            with busy_cursor():
                return write_pdf(self._document(a3), path, spec=wallchart_spec(a3))  # type: ignore[arg-type]
        except OSError as error:
            QMessageBox.warning(self, self.tr("未能保存 PDF"), str(error))
            return None
