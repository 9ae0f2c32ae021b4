"""A short list of choices, each with a check box (关联需求, 关联资源)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

_ID = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    def __init__(
        self,
        choices: Sequence[tuple[int, str]],
        checked: Iterable[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        on = set(checked)
        for choice_id, text in choices:
            item = QListWidgetItem(text, self)
            item.setData(_ID, choice_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if choice_id in on else Qt.CheckState.Unchecked
            )
        rows = min(max(len(choices), 2), 6)
        self.setMinimumHeight(
            rows * self.sizeHintForRow(0) + 2 * self.frameWidth() if choices else 40
        )

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.item(row).data(_ID))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, choice_id: int, on: bool = True) -> None:
        for row in range(self.count()):
            if self.item(row).data(_ID) == choice_id:
                self.item(row).setCheckState(
                    Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                )
