"""The list table every page uses: whole-row selection, header sorting, unsorted at first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

ROW_HEIGHT = 26


def list_table(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


FITTED = "_columnsFitted"


def fit_columns_once(table: QTableView, cap: int = 260) -> None:
    """Size each column to what it holds (at most ``cap``) when the table first gets rows.

    A fixed default width cut short names ("长青社区“银…") beside half-empty number
    columns; after the first fill the clerk's own widths are kept (until the columns change).
    """
    model = table.model()
    if model is None or model.rowCount() == 0:
        return
    headers = "\t".join(
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    )
    if table.property(FITTED) == headers:
        return
    table.setProperty(FITTED, headers)
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(200)  # a sample: the first rows, enough and quick
    last = model.columnCount() - 1
    for column in range(model.columnCount()):
        if column == last and header.stretchLastSection():
            continue
        table.resizeColumnToContents(column)
        table.setColumnWidth(column, min(table.columnWidth(column), cap))
