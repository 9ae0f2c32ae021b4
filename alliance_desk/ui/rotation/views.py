"""The rota tables: the shared list table, with column widths and optional multi-selection."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from alliance_desk.ui.widgets.tables import list_table


def rota_table(
    model: QAbstractItemModel, widths: tuple[int, ...], *, multi_select: bool = False
) -> QTableView:
    """``list_table`` with these column widths; ``multi_select`` lets two terms be picked."""
    view = list_table(model)
    if multi_select:
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setWordWrap(False)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view
