"""The agenda items the service offers (action review, items carried over) as checkboxes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.clock import local_today
from alliance_desk.ui.error_dialog import show_domain_error

_LISTED = 12


def suggestion_text(suggestion: mt.AgendaSuggestion) -> str:
    item = suggestion.item
    return f"{item.title}（{item.kind.label}，{item.minutes_allotted} 分钟）— {suggestion.reason}"


def suggestion_tooltip(suggestion: mt.AgendaSuggestion, today: date) -> str:
    """For the action review: the open commitments, overdue first (the first dozen)."""
    lines = []
    for row in suggestion.commitments[:_LISTED]:
        late = "【已逾期】" if row.overdue(today) else ""
        lines.append(
            f"{late}{row.promisor_name}→{row.promisee_name}：{row.content[:40]}"
            f"（{row.due_on:%Y-%m-%d} 到期）"
        )
    if len(suggestion.commitments) > _LISTED:
        lines.append(f"…… 共 {len(suggestion.commitments)} 项")
    return "\n".join(lines)


class SuggestionList(QListWidget):
    """Every suggestion as a checked item; ``chosen()`` is what stays checked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggestions: list[mt.AgendaSuggestion] = []
        self.setWordWrap(True)

    def set_suggestions(self, suggestions: Sequence[mt.AgendaSuggestion]) -> None:
        self.clear()
        self._suggestions = list(suggestions)
        today = local_today()
        for suggestion in self._suggestions:
            item = QListWidgetItem(suggestion_text(suggestion))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(suggestion_tooltip(suggestion, today))
            self.addItem(item)

    def set_checked(self, row: int, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.item(row).setCheckState(state)

    def chosen(self) -> list[mt.AgendaInput]:
        return [
            s.item
            for row, s in enumerate(self._suggestions)
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]


def add_chosen(parent: QWidget, db: Database, meeting_id: int, items: list[mt.AgendaInput]) -> bool:
    """Add the chosen items to the agenda; a refusal is shown. True when added (or none)."""
    if not items:
        return True
    try:
        mt.add_agenda_items(db, meeting_id, items)
    except DomainError as error:
        show_domain_error(parent, error, title=parent.tr("未能添加议题"))
        return False
    return True


class SuggestionsDialog(QDialog):
    """建议议题: the suggestions of a draft; 添加所选 appends the checked ones."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        suggestions: Sequence[mt.AgendaSuggestion],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting_id = meeting_id
        self.added = False
        self.setWindowTitle(self.tr("建议议题"))
        self.setMinimumSize(620, 320)
        self.list = SuggestionList()
        self.list.set_suggestions(suggestions)
        hint = QLabel(self.tr("勾选要加入议程的议题（鼠标停在议题上可查看未履行的承诺）："))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("添加所选议题"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def save(self) -> None:
        chosen = self.list.chosen()
        if add_chosen(self, self._db, self._meeting_id, chosen):
            self.added = bool(chosen)
            self.accept()
