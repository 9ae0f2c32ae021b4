"""An area not built yet: its name, what it will do, and that it is coming. No fake content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from alliance_desk.ui.navigation import PageContext
from alliance_desk.ui.pages.base import Page


class PlaceholderPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_subtitle(context.area.purpose_text)
        notice = QFrame()
        notice.setObjectName("notice")
        notice.setStyleSheet(
            "#notice { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 6px; }"
        )
        inner = QVBoxLayout(notice)
        inner.setContentsMargins(16, 12, 16, 12)
        self.notice_label = QLabel(self.tr("此功能尚在开发中，将在后续版本提供。"))
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.notice_label)
        self.layout_.addWidget(notice)
        self.layout_.addStretch(1)
