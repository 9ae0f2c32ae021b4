"""Connecting a button to a slot without leaking ``clicked(bool)`` into it.

``QAbstractButton.clicked`` carries ``checked``; PySide passes it to any slot that can take
an argument, so a slot with an optional parameter (``add_decision(content="")``) would get
``False`` as its content. Every button in ``ui`` is wired through :func:`on_click`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QAbstractButton


def on_click(button: QAbstractButton, slot: Callable[[], object] | SignalInstance) -> None:
    """Run ``slot()`` (or emit an argument-less signal) when ``button`` is clicked."""
    if isinstance(slot, SignalInstance):
        slot = slot.emit

    def run(*_checked: object) -> None:
        slot()

    button.clicked.connect(run)
