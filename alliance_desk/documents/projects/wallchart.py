"""挂图作战图: one row per project, its months drawn plan against actual (A3 or A4 landscape).

Painted directly (no QTextDocument): each row is a few clipped texts and bars, so tens
of thousands of projects print in time linear in their number. Per row: the plan as a
grey bar over the planned months, the progress as a bar from the planned start to the
last completed milestone (or today), coloured by the project's warning (green when
none), planned milestone days as hollow triangles and completions as dots.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QPolygonF,
)

from alliance_desk.core.projects import WARNING_RULE, Alert
from alliance_desk.documents.fonts import document_fonts
from alliance_desk.documents.geometry import LAYOUT_DPI, PageSpec, mm_to_layout
from alliance_desk.documents.ideographs import to_unified
from alliance_desk.documents.page import Footer, PagePainter, PaintResult, page_number_footer

if TYPE_CHECKING:
    from alliance_desk.services.projects.wallchart import ChartRow, WallChart

__all__ = ["A3_SPEC", "A4_SPEC", "ALERT_COLOURS", "WallChartDocument", "wallchart_spec"]

# Landscape; a wall chart is not a GB/T 9704 document: narrow margins, binding on the left.
A3_SPEC = PageSpec(
    landscape=True, top_mm=18.0, left_mm=22.0, text_width_mm=380.0, text_height_mm=262.0, paper="A3"
)
A4_SPEC = PageSpec(
    landscape=True, top_mm=14.0, left_mm=20.0, text_width_mm=262.0, text_height_mm=178.0
)

ALERT_COLOURS = {
    Alert.NONE: QColor("#3a9d4a"),
    Alert.BLUE: QColor("#2f6fd6"),
    Alert.YELLOW: QColor("#e0a800"),
    Alert.RED: QColor("#d62f2f"),
}
PLAN_COLOUR = QColor("#c8c8c8")
GRID_COLOUR = QColor("#9a9a9a")
RULE_COLOUR = QColor("#dddddd")
TODAY_COLOUR = QColor("#d62f2f")
MONTHS = tuple(f"{m}月" for m in range(1, 13))
_COLUMNS = (
    ("序号", 0.035),
    ("编号", 0.085),
    ("项目名称", 0.17),
    ("领办单位", 0.13),
    ("状态", 0.05),
)
_DRAW_ORDER = (2, 0, 1, 3, 4)


def wallchart_spec(a3: bool) -> PageSpec:
    return A3_SPEC if a3 else A4_SPEC


class WallChartDocument:
    """A :class:`~alliance_desk.documents.page.PagedSource`: print with ``spec=wallchart_spec``."""

    def __init__(self, chart: WallChart, *, printed_on: date, a3: bool = True) -> None:
        self.chart = chart
        self.printed_on = printed_on
        self.a3 = a3
        self._title = f"{chart.year}年度书记项目挂图作战图"
        self._facts = (
            f"项目 {len(chart.rows)} 个　红色预警 {chart.count(Alert.RED)}　"
            f"黄色预警 {chart.count(Alert.YELLOW)}　蓝色预警 {chart.count(Alert.BLUE)}　"
            f"统计日期：{chart.today:%Y-%m-%d}　打印日期：{printed_on:%Y-%m-%d}"
        )

    def title(self) -> str:
        return self._title

    def toPlainText(self) -> str:  # the QTextDocument name
        lines = [self._title]
        for number, row in enumerate(self.chart.rows, start=1):
            lines += [str(number), row.code, row.name, row.unit_name, row.state.label]
        return "\n".join(lines)

    # --- painting ------------------------------------------------------------------------------
    def paint_pages(
        self, device: QPagedPaintDevice, spec: PageSpec, *, footer: Footer | None = None
    ) -> PaintResult:
        footer = footer or page_number_footer
        fonts = document_fonts()
        scale = LAYOUT_DPI / device.logicalDpiY()

        def font(maker: object, pt: float) -> QFont:
            f: QFont = maker(pt)  # type: ignore[operator]
            f.setPointSizeF(pt * scale)
            # Without ``locl`` digits after Latin letters (SJXM-2026-001) keep glyphs the
            # ToUnicode map names; with it, tens of thousands of codes would each need
            # their readings recovered from the printed text.
            f.setFeature(QFont.Tag("locl"), 0)
            return f

        size = 9.0 if self.a3 else 7.5
        body = font(fonts.body_font, size)
        small = font(fonts.body_font, size - 1.5)
        head = font(fonts.heading_font, size)
        title = font(fonts.title_font, 18.0 if self.a3 else 15.0)
        block = spec.text_rect()
        width, height = block.width(), block.height()
        row_h = mm_to_layout(6.0 if self.a3 else 5.0)
        top_h = mm_to_layout(22.0 if self.a3 else 18.0)
        header_h = mm_to_layout(7.0 if self.a3 else 6.0)
        rows_per_page = max(1, int((height - top_h - header_h) // row_h))
        pages = max(1, math.ceil(len(self.chart.rows) / rows_per_page))
        left_w = sum(w for _n, w in _COLUMNS) * width
        timeline = QRectF(left_w, 0, width - left_w, 0)
        metrics = QFontMetricsF(body, device)
        printed: list[str] = []
        with PagePainter(device, spec, footer) as painting:
            for index in range(pages):
                painter = painting.start(index)
                printed += self._paint_top(painter, title, small, width, top_h, index, pages)
                y = top_h
                printed += self._paint_header(painter, head, width, y, header_h, timeline)
                y += header_h
                chunk = self.chart.rows[index * rows_per_page : (index + 1) * rows_per_page]
                for offset, row in enumerate(chunk):
                    number = index * rows_per_page + offset + 1
                    printed += self._paint_row(
                        painter, body, metrics, row, number, width, y, row_h, timeline
                    )
                    y += row_h
                self._paint_grid(painter, width, top_h, y, timeline)
                painting.finish(index, pages)
        return PaintResult(pages, "\n".join([*printed, *painting.footers]))

    def _text(self, painter: QPainter, rect: QRectF, text: str, flags: Qt.AlignmentFlag) -> str:
        text = to_unified(text)
        painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignVCenter), text)
        return text

    def _paint_top(
        self,
        painter: QPainter,
        title: QFont,
        small: QFont,
        width: float,
        top_h: float,
        index: int,
        pages: int,
    ) -> list[str]:
        painter.setPen(Qt.GlobalColor.black)
        painter.setFont(title)
        out = [
            self._text(
                painter,
                QRectF(0, 0, width, top_h * 0.55),
                self._title,
                Qt.AlignmentFlag.AlignHCenter,
            )
        ]
        painter.setFont(small)
        facts = self._facts
        line = QRectF(0, top_h * 0.55, width, top_h * 0.22)
        out.append(self._text(painter, line, facts, Qt.AlignmentFlag.AlignLeft))
        legend = (
            "图例：灰条 计划起止　彩条 实际进度（绿 正常，蓝/黄/红 预警）　"
            "△ 节点计划日　● 节点完成日　红竖线 今日"
        )
        line = QRectF(0, top_h * 0.77, width, top_h * 0.22)
        out.append(self._text(painter, line, legend, Qt.AlignmentFlag.AlignLeft))
        if index == 0:
            rule = QRectF(width * 0.55, top_h * 0.77, width * 0.45, top_h * 0.22)
            out.append(
                self._text(painter, rule, WARNING_RULE.split("；")[0], Qt.AlignmentFlag.AlignRight)
            )
        return out

    def _paint_header(
        self, painter: QPainter, head: QFont, width: float, y: float, h: float, tl: QRectF
    ) -> list[str]:
        painter.setFont(head)
        painter.setPen(Qt.GlobalColor.black)
        out = []
        x = 0.0
        for name, share in _COLUMNS:
            w = share * width
            out.append(self._text(painter, QRectF(x, y, w, h), name, Qt.AlignmentFlag.AlignHCenter))
            x += w
        month_w = tl.width() / 12
        for m, label in enumerate(MONTHS):
            out.append(
                self._text(
                    painter,
                    QRectF(tl.left() + m * month_w, y, month_w, h),
                    label,
                    Qt.AlignmentFlag.AlignHCenter,
                )
            )
        return out

    def _x(self, day: date, tl: QRectF) -> float:
        year = self.chart.year
        start = date(year, 1, 1)
        days = (date(year + 1, 1, 1) - start).days
        offset = min(max((day - start).days, 0), days)
        return tl.left() + tl.width() * offset / days

    def _paint_row(
        self,
        painter: QPainter,
        body: QFont,
        metrics: QFontMetricsF,
        row: ChartRow,
        number: int,
        width: float,
        y: float,
        h: float,
        tl: QRectF,
    ) -> list[str]:
        painter.setFont(body)
        painter.setPen(Qt.GlobalColor.black)
        pad = h * 0.12
        cells = (str(number), row.code, row.name, row.unit_name, row.state.label)
        lefts = [0.0]
        for _name, share in _COLUMNS:
            lefts.append(lefts[-1] + share * width)
        out = []
        # The name first: runs of Latin text only (序号, 编号) get their digits' readings
        # recovered by matching their neighbours in the printed text, which is quick
        # only when a neighbour is unique (a name), not repeated on every row (a state).
        for column in _DRAW_ORDER:
            name, share = _COLUMNS[column]
            w = share * width
            shown = metrics.elidedText(cells[column], Qt.TextElideMode.ElideRight, w - 2 * pad)
            align = (
                Qt.AlignmentFlag.AlignHCenter
                if name in ("序号", "状态")
                else (Qt.AlignmentFlag.AlignLeft)
            )
            out.append(
                self._text(painter, QRectF(lefts[column] + pad, y, w - 2 * pad, h), shown, align)
            )
        year_end = date(self.chart.year, 12, 31)
        plan_left = self._x(row.planned_start, tl)
        plan_right = self._x(min(row.planned_end, year_end), tl)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(PLAN_COLOUR))
        painter.drawRect(
            QRectF(plan_left, y + h * 0.18, max(plan_right - plan_left, h * 0.1), h * 0.28)
        )
        done = [m.actual_on for m in row.milestones if m.actual_on is not None]
        reach = row.actual_end or (max(done) if done else None)
        if reach is None and row.planned_start <= self.chart.today:
            reach = min(self.chart.today, row.planned_end) if row.milestones else None
        if reach is not None:
            painter.setBrush(QBrush(ALERT_COLOURS[row.alert]))
            right = self._x(reach, tl)
            painter.drawRect(
                QRectF(plan_left, y + h * 0.52, max(right - plan_left, h * 0.1), h * 0.28)
            )
        marker = h * 0.16
        for m in row.milestones:
            px = self._x(m.planned_on, tl)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(Qt.GlobalColor.black, h * 0.03))
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(px, y + h * 0.16),
                        QPointF(px - marker, y + h * 0.16 + marker * 1.6),
                        QPointF(px + marker, y + h * 0.16 + marker * 1.6),
                    ]
                )
            )
            if m.actual_on is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(ALERT_COLOURS[m.alert]))
                painter.drawEllipse(QPointF(self._x(m.actual_on, tl), y + h * 0.66), marker, marker)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(RULE_COLOUR, mm_to_layout(0.1)))
        painter.drawLine(QPointF(0, y + h), QPointF(width, y + h))
        return out

    def _paint_grid(
        self, painter: QPainter, width: float, top: float, bottom: float, tl: QRectF
    ) -> None:
        pen = QPen(GRID_COLOUR, mm_to_layout(0.15))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, top, width, bottom - top))
        x = 0.0
        for _name, share in _COLUMNS:
            x += share * width
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        for m in range(1, 12):
            mx = tl.left() + tl.width() * m / 12
            painter.drawLine(QPointF(mx, top), QPointF(mx, bottom))
        year = self.chart.year
        if date(year, 1, 1) <= self.chart.today <= date(year, 12, 31):
            painter.setPen(QPen(TODAY_COLOUR, mm_to_layout(0.35)))
            tx = self._x(self.chart.today, tl)
            painter.drawLine(QPointF(tx, top), QPointF(tx, bottom))
