"""The home page's 到期提醒: commitments due in the next 7 days and overdue ones.

Two short lists with their full counts; a click (or Enter) on an item asks to open that
commitment, 查看全部逾期 asks for the commitments list filtered to overdue.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from alliance_desk.services.dashboard import DueItem, DueList
from alliance_desk.ui.widgets.buttons import on_click

PANEL_STYLE = """
#duePanel { background: #ffffff; border: 1px solid #e3d3d3; border-radius: 8px; }
#dueHeading { font-weight: bold; font-size: 11pt; }
#overdueHeading { font-weight: bold; font-size: 11pt; color: #b71c1c; }
"""
ROW_LIMIT = 6
OVERDUE_COLOUR = "#b71c1c"


class DuePanel(QFrame):
    open_commitment = Signal(int)
    show_all_overdue = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duePanel")
        self.setStyleSheet(PANEL_STYLE)
        self.soon_heading = QLabel(self.tr("7天内到期"))
        self.soon_heading.setObjectName("dueHeading")
        self.overdue_heading = QLabel(self.tr("已逾期"))
        self.overdue_heading.setObjectName("overdueHeading")
        self.soon_list = self._list()
        self.overdue_list = self._list()
        self.all_overdue_button = QPushButton(self.tr("查看全部逾期"))
        on_click(self.all_overdue_button, self.show_all_overdue)
        layout = QGridLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setHorizontalSpacing(18)
        layout.addWidget(self.soon_heading, 0, 0)
        overdue_head = QHBoxLayout()
        overdue_head.addWidget(self.overdue_heading)
        overdue_head.addStretch(1)
        overdue_head.addWidget(self.all_overdue_button)
        layout.addLayout(overdue_head, 0, 1)
        layout.addWidget(self.soon_list, 1, 0)
        layout.addWidget(self.overdue_list, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

    def _list(self) -> QListWidget:
        widget = QListWidget()
        widget.setFixedHeight((ROW_LIMIT + 1) * 22 + 8)  # the rows and "另有 N 项"
        widget.setUniformItemSizes(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.itemClicked.connect(self._open)
        widget.itemActivated.connect(self._open)
        return widget

    def show_lists(self, soon: DueList, overdue: DueList, today: date) -> None:
        self.soon_heading.setText(self.tr("7天内到期（{n} 项）").format(n=soon.total))
        # All years (the card above counts this year's only): say so, they may differ.
        self.overdue_heading.setText(
            self.tr("已逾期 · 全部年度（{n} 项）").format(n=overdue.total)
        )
        self._fill(self.soon_list, soon, today, self.tr("7天内没有到期的承诺。"))
        self._fill(self.overdue_list, overdue, today, self.tr("没有逾期的承诺。"))
        self.all_overdue_button.setEnabled(overdue.total > 0)

    def _when(self, item: DueItem, today: date) -> str:
        days = item.days_from(today)
        if days < 0:
            return self.tr("逾期{n}天").format(n=-days)
        if days == 0:
            return self.tr("今天到期")
        return self.tr("还有{n}天").format(n=days)

    def _fill(self, widget: QListWidget, due: DueList, today: date, empty: str) -> None:
        widget.clear()
        for item in due.items:
            content = " ".join(item.content.split())
            parties = f"{item.promisor_name}→{item.promisee_name}"
            entry = QListWidgetItem(f"{self._when(item, today)}\u3000{parties}：{content}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setToolTip(
                self.tr("{alliance}\n{content}\n到期日期：{due}（{state}）").format(
                    alliance=item.alliance_name,
                    content=item.content,
                    due=item.due_on.isoformat(),
                    state=item.state.label,
                )
            )
            if item.due_on < today:
                entry.setForeground(QBrush(QColor(OVERDUE_COLOUR)))
            widget.addItem(entry)
        if not due.items:
            placeholder = QListWidgetItem(empty)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(placeholder)
        elif due.total > len(due.items):
            more = QListWidgetItem(
                self.tr("…… 另有 {n} 项").format(n=due.total - len(due.items))
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(more)

    @Slot(QListWidgetItem)
    def _open(self, item: QListWidgetItem) -> None:
        commitment_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(commitment_id, int):
            self.open_commitment.emit(commitment_id)
