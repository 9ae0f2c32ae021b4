"""What the meeting detail's tabs share: the meeting shown and one way to call a service.

A tab never keeps a session. It calls a service that returns the whole meeting and
emits ``detail_changed`` with it; the page then shows that meeting in every tab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.register.page_helpers import offer_reload

NOTE_STYLE = "background: #fff6e0; color: #7a4b00; padding: 6px 8px; border-radius: 4px;"


def note_label() -> QLabel:
    """The yellow line saying why a tab is read-only now (hidden when it is not)."""
    label = QLabel()
    label.setObjectName("lockNote")
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.hide()
    return label


def show_note(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


class MeetingTab(QWidget):
    detail_changed = Signal(object)
    """A new ``MeetingDetail`` after a service call."""
    reload_requested = Signal()
    """The clerk chose to reload after a conflict (or the meeting is gone)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.detail: mt.MeetingDetail | None = None

    def run(self, action: Callable[[], mt.MeetingDetail], title: str = "") -> bool:
        """Call the service; show its refusal; True (and ``detail_changed``) on success."""
        try:
            detail = action()
        except ConflictError as error:
            if offer_reload(self, error):
                self.reload_requested.emit()
            return False
        except DomainError as error:
            show_domain_error(self, error, title=title or self.tr("操作未完成"))
            return False
        self.detail_changed.emit(detail)
        return True
