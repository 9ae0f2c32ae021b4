"""A form whose fields show their own error message beneath them."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


class ErrorForm(QFormLayout):
    """``add(key, label, widget)``, then ``show_errors({key: message})`` after a failed save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

    def add(self, key: str, label: str, widget: QWidget) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if widget.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Fixed:
            # A one-line field keeps its height when a message appears beneath it.
            widget.setMinimumHeight(widget.sizeHint().height())
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet("color: #c0392b;")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.addRow(label, holder)
        self._fields[key] = widget
        self._errors[key] = error
        return widget

    def error_text(self, key: str) -> str:
        label = self._errors[key]
        return label.text() if label.isVisibleTo(label.parentWidget()) else ""

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field; return the messages that have no field here."""
        self.clear_errors()
        unplaced = []
        first: QWidget | None = None
        for key, message in errors.items():
            label = self._errors.get(key)
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message)
            label.show()
            first = first or self._fields[key]
        if first is not None:
            first.setFocus()
        self._make_room()
        return unplaced

    def _make_room(self) -> None:
        """Grow the window to show the messages whole (a wrapped message's height is not
        passed on to a window that was already shown)."""
        owner = self.parentWidget()
        if owner is None:
            return
        window = owner.window()
        if window.layout() is not None:
            window.layout().activate()
        wanted = window.sizeHint().height()
        if window.height() < wanted:
            window.resize(window.width(), wanted)
