"""What every page has: a title line, an optional subtitle, and an ``activated`` hook."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from alliance_desk.ui.navigation import PageContext


class Page(QWidget):
    """A navigation page. Keep no Session: ask a service in ``activated`` or on a click."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page_{context.area.key}")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(28, 20, 28, 20)
        self.layout_.setSpacing(12)
        self.title_label = QLabel(context.area.label)
        self.title_label.setObjectName("pageTitle")
        self.title_label.setStyleSheet("#pageTitle { font-size: 20pt; font-weight: bold; }")
        self.layout_.addWidget(self.title_label)

    def add_subtitle(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("pageSubtitle")
        label.setWordWrap(True)
        label.setStyleSheet("#pageSubtitle { color: #555; font-size: 11pt; }")
        self.layout_.addWidget(label)
        return label

    def notify(self, text: str, timeout_ms: int = 10_000) -> None:
        """A passing message in the main window's status bar (if there is one)."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, timeout_ms)

    def activated(self) -> None:
        """Called every time the page comes into view (after the first creation too)."""
