"""草稿 → 已通知 → 已召开 → 纪要已审定: where the meeting is, shown as a row of steps."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from alliance_desk.core.vocab import MeetingState

DONE = "color: #2e7d32;"
CURRENT = (
    "background: #1f5fbf; color: white; font-weight: bold; padding: 3px 10px; border-radius: 10px;"
)
AHEAD = "color: #999;"


class StepsBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[MeetingState, QLabel] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for number, state in enumerate(MeetingState, start=1):
            if number > 1:
                arrow = QLabel("→")
                arrow.setStyleSheet(AHEAD)
                row.addWidget(arrow)
            label = QLabel(f"{number} {state.label}")
            self.labels[state] = label
            row.addWidget(label)
        row.addStretch(1)
        self.show_state(None)

    def show_state(self, state: MeetingState | None) -> None:
        order = list(MeetingState)
        reached = order.index(state) if state is not None else -1
        for index, (step, label) in enumerate(self.labels.items()):
            if index < reached:
                label.setText(f"✓ {step.label}")
                label.setStyleSheet(DONE)
            else:
                label.setText(f"{index + 1} {step.label}")
                label.setStyleSheet(CURRENT if index == reached else AHEAD)

    def current_text(self) -> str:
        for label in self.labels.values():
            if "bold" in label.styleSheet():
                return label.text()
        return ""
