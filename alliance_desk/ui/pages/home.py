"""首页/看板: the register's figures from ``services.overview``; on an empty database, demo data."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from alliance_desk.services.overview import Overview, overview
from alliance_desk.ui import demo_fill
from alliance_desk.ui.navigation import PageContext
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.tasks import BackgroundTask

CARD_STYLE = """
#figureCard { background: #ffffff; border: 1px solid #e3d3d3; border-radius: 8px; }
#figureValue { color: #b71c1c; font-size: 30pt; font-weight: bold; }
#figureCaption { font-size: 12pt; font-weight: bold; }
#figureHint { color: #666; }
#emptyPanel { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 8px; }
"""


class FigureCard(QFrame):
    def __init__(self, caption: str, unit: str, hint: str) -> None:
        super().__init__()
        self.setObjectName("figureCard")
        self.unit = unit
        self.value_label = QLabel("—")
        self.value_label.setObjectName("figureValue")
        caption_label = QLabel(caption)
        caption_label.setObjectName("figureCaption")
        hint_label = QLabel(hint)
        hint_label.setObjectName("figureHint")
        hint_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(caption_label)
        layout.addWidget(self.value_label)
        layout.addWidget(hint_label)
        layout.addStretch(1)

    def set_value(self, value: int) -> None:
        self.value = value
        self.value_label.setText(f"{value:,} {self.unit}")


class HomePage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setStyleSheet(CARD_STYLE)
        self.updated_label = self.add_subtitle(self.tr("全街道党建联盟工作的主要数字。"))
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
        grid = QGridLayout()
        grid.setSpacing(16)
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
        self.layout_.addLayout(grid)
        self.layout_.addWidget(self._empty_panel())
        self.layout_.addStretch(1)
        self.figures: Overview | None = None
        self.task: BackgroundTask | None = None

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
        self.demo_button.clicked.connect(self.fill_demo)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(text)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.empty_panel = panel
        panel.hide()
        return panel

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        figures = overview(self.context.database)
        self.figures = figures
        for key, card in self.cards.items():
            card.set_value(getattr(figures, key))
        self.empty_panel.setVisible(figures.empty)
        self.updated_label.setText(self.tr("全街道党建联盟工作的主要数字，更新于 {time}。")
                                   .format(time=datetime.now().strftime("%H:%M:%S")))

    @Slot()
    def fill_demo(self) -> None:
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
