"""Labels show text as typed: a unit named ``<b>甲</b>`` must not print bold.

QLabel (and the label inside QMessageBox) guesses rich text from the first tag it sees,
so any name or message that contains ``<`` could be rendered as markup. An application
event filter makes every label plain text when it is first polished; the few labels
that carry deliberate markup (escaped user text inside a link, the About box) opt in
with :func:`allow_rich_text`.

The filter sees every event of the application in Python, which costs a lot before the
first window has painted, so the app imports this module and installs the filter just
after; labels that already exist then are made plain at once (:func:`install_plain_labels`).
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


def _make_plain(label: QLabel) -> None:
    """Plain text, unless the label (or the message box it belongs to) opted in."""
    parent = label.parentWidget()
    opted_in = label.property(RICH_TEXT_PROPERTY) or (
        parent is not None and parent.property(RICH_TEXT_PROPERTY)
    )
    if not opted_in:
        label.setTextFormat(Qt.TextFormat.PlainText)


class PlainLabels(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QLabel):
            _make_plain(watched)
        return False


def install_plain_labels(app: QApplication) -> PlainLabels:
    """Idempotent: one filter per application; labels polished before it are made plain."""
    existing = app.findChild(PlainLabels)
    if existing is not None:
        return existing
    plain = PlainLabels(app)
    app.installEventFilter(plain)
    for widget in app.allWidgets():
        if isinstance(widget, QLabel):
            _make_plain(widget)
    return plain


def ensure_plain_labels() -> None:
    """:func:`install_plain_labels` on the running QApplication, if there is one."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_plain_labels(app)
