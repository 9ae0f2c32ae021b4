"""The counts per state above the list; a click filters the list by that state."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QToolButton, QWidget

from alliance_desk.core.commitments import STATE_ORDER
from alliance_desk.services.commitments.filters import OVERDUE
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.flow_layout import FlowLayout

ALL = "all"


class StateCountBar(QWidget):
    """``全部 N · 已提出 N · … · 已逾期 N``; ``state_clicked(key)`` with a state value,
    ``"overdue"`` or ``"all"``."""

    state_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}
        self._labels = {ALL: self.tr("全部"), OVERDUE: self.tr("已逾期")}
        self._labels.update({s.value: s.label for s in STATE_ORDER})
        group = QButtonGroup(self)
        group.setExclusive(True)
        layout = FlowLayout(self, spacing=4)
        for key in (ALL, *(s.value for s in STATE_ORDER), OVERDUE):
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setObjectName(f"count_{key}")
            button.setToolTip(self.tr("点击只看这一类"))
            if key == OVERDUE:
                button.setStyleSheet("QToolButton { color: #b71c1c; font-weight: bold; }")
            on_click(button, partial(self.state_clicked.emit, key))
            group.addButton(button)
            layout.addWidget(button)
            self.buttons[key] = button
        self.summary = QLabel()
        self.summary.setObjectName("listSummary")
        layout.addStretch(1)
        layout.addWidget(self.summary)
        self.set_counts({}, None)

    def set_counts(self, counts: dict[str, int], state: str | None) -> None:
        """``counts`` from ``state_counts``; ``state`` is the filter's state (None = all)."""
        total = sum(counts.get(s.value, 0) for s in STATE_ORDER)
        for key, button in self.buttons.items():
            number = total if key == ALL else counts.get(key, 0)
            button.setText(f"{self._labels[key]} {number:,}")
            button.setChecked(key == (state or ALL))

    def count_text(self, key: str) -> str:
        return self.buttons[key].text()
