"""Labels show text as typed: a unit named ``<b>甲</b>`` must not print bold.

QLabel (and the label inside QMessageBox) guesses rich text from the first tag it sees,
so any name or message that contains ``<`` could be rendered as markup. An application
event filter makes every label plain text when it is first polished; the few labels
that carry deliberate markup (escaped user text inside a link, the About box) opt in
with :func:`allow_rich_text`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

RICH_TEXT_PROPERTY = "allianceDeskRichText"


def allow_rich_text(widget: QWidget) -> None:
    """``widget`` (a label, or a message box for its own label) keeps rich text."""
    widget.setProperty(RICH_TEXT_PROPERTY, True)
    if isinstance(widget, QLabel):
        widget.setTextFormat(Qt.TextFormat.RichText)


class PlainLabels(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QLabel):
            parent = watched.parentWidget()
            opted_in = watched.property(RICH_TEXT_PROPERTY) or (
                parent is not None and parent.property(RICH_TEXT_PROPERTY)
            )
            if not opted_in:
                watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


def install_plain_labels(app: QApplication) -> PlainLabels:
    """Idempotent: one filter per application."""
    existing = app.findChild(PlainLabels)
    if existing is not None:
        return existing
    plain = PlainLabels(app)
    app.installEventFilter(plain)
    return plain
