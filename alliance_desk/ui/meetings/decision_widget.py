"""One 议定事项 in the minutes editor: its text, its commitments, and its buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.services import meetings as mt
from alliance_desk.services.clock import local_today
from alliance_desk.ui.widgets.buttons import on_click

COMMITMENT_ROLE = Qt.ItemDataRole.UserRole + 1


def commitment_text(row: mt.CommitmentRow, today: date) -> str:
    late = "【已逾期】" if row.overdue(today) else ""
    return (
        f"{late}{row.promisor_name} → {row.promisee_name}（{row.direction.label}）"
        f"：{row.content}　{row.due_on:%Y-%m-%d} 到期，{row.state.label}"
    )


class DecisionWidget(QFrame):
    """``changed`` when the text is edited; the editor connects the buttons' signals."""

    changed = Signal()
    commit_requested = Signal(object)
    """This widget: 生成承诺… was clicked."""
    remove_requested = Signal(object)
    commitment_opened = Signal(int)

    def __init__(
        self, content: str = "", decision_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.decision_id = decision_id
        self.setObjectName("decision")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel()
        self.number.setStyleSheet("font-weight: bold;")
        self.text = QPlainTextEdit(content)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("议定事项内容，如：由供电公司负责……，于……前完成。"))
        self.text.setFixedHeight(72)
        self.text.textChanged.connect(self.changed)
        self.commit_button = QPushButton(self.tr("生成承诺…"))
        on_click(self.commit_button, self._ask_commit)
        self.remove_button = QPushButton(self.tr("删除"))
        on_click(self.remove_button, self._ask_remove)
        self.commitments = QListWidget()
        self.commitments.setWordWrap(True)
        self.commitments.setMaximumHeight(90)
        self.commitments.setToolTip(self.tr("双击打开该承诺"))
        self.commitments.itemDoubleClicked.connect(self._open)
        self.commitments.hide()
        header = QHBoxLayout()
        header.addWidget(self.number)
        header.addStretch(1)
        header.addWidget(self.commit_button)
        header.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(header)
        layout.addWidget(self.text)
        layout.addWidget(self.commitments)
        self._has_commitments = False

    def content(self) -> str:
        return self.text.toPlainText()

    def set_number(self, number: int) -> None:
        self.number.setText(self.tr("第 %1 项").replace("%1", str(number)))

    def set_commitments(self, rows: Sequence[mt.CommitmentRow]) -> None:
        self.commitments.clear()
        today = local_today()
        for row in rows:
            item = QListWidgetItem(commitment_text(row, today))
            item.setData(COMMITMENT_ROLE, row.id)
            self.commitments.addItem(item)
        self._has_commitments = bool(rows)
        self.commitments.setVisible(bool(rows))

    def set_modes(self, *, editable: bool, can_commit: bool) -> None:
        self.text.setReadOnly(not editable)
        self.remove_button.setEnabled(editable and not self._has_commitments)
        self.remove_button.setToolTip(
            self.tr("已生成承诺的议定事项不能删除") if self._has_commitments else ""
        )
        self.commit_button.setEnabled(can_commit)

    def _ask_commit(self) -> None:
        self.commit_requested.emit(self)

    def _ask_remove(self) -> None:
        self.remove_requested.emit(self)

    def _open(self, item: QListWidgetItem) -> None:
        self.commitment_opened.emit(int(item.data(COMMITMENT_ROLE)))
