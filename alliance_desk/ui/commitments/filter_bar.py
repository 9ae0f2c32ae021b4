"""The filters above the commitment list; ``changed`` fires once per change of the filter.

Typing in the search box waits ``SEARCH_DELAY_MS`` after the last keystroke, so a
word typed quickly costs one query, not one per character.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QLabel, QLineEdit, QWidget

from alliance_desk.core.commitments import DueWindow
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState
from alliance_desk.services.commitments.filters import OVERDUE, CommitmentFilter, PartyRole
from alliance_desk.services.commitments.listing import (
    FilterChoices,
    commitment_categories,
    filter_choices,
    meeting_choices,
    unit_choices,
)
from alliance_desk.services.database import Database

SEARCH_DELAY_MS = 250
DUE_WINDOWS = (DueWindow.THIS_WEEK, DueWindow.THIS_MONTH, DueWindow.NEXT_7_DAYS, DueWindow.OVERDUE)


class LazyCombo(QComboBox):
    """“全部…” and the choices ``load()`` returns, read on first use (at city scale the
    categories take a pass over the table and the source meetings number thousands)."""

    def __init__(
        self, first: str, load: Callable[[], list[tuple[str, Any]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._loaded = False
        self.addItem(first, None)

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        chosen = self.currentData()
        blocked = self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for text, value in self._load():
            self.addItem(text, value)
        self.setCurrentIndex(max(self.findData(chosen), 0) if chosen is not None else 0)
        self.blockSignals(blocked)

    def reset(self) -> None:
        """Read the choices again at the next use."""
        self._loaded = False

    def values(self) -> tuple[Any, ...]:
        self.ensure_loaded()
        return tuple(self.itemData(i) for i in range(1, self.count()))

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.ensure_loaded()
        super().focusInEvent(event)


class UnitCombo(QComboBox):
    """An editable unit chooser with type-to-find; its 16,000 names are read the first
    time it is used, not when the page opens."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._loaded = False
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(14)
        self.names = QStringListModel(self)
        self.setModel(self.names)
        completer = QCompleter(self.names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("全部单位"))
        line.setClearButtonEnabled(True)

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        text = self.currentText()
        units = unit_choices(self._db)
        self._ids = [u.id for u in units]
        blocked = self.blockSignals(True)
        self.names.setStringList([u.name for u in units])
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(blocked)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.ensure_loaded()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def unit_id(self) -> int | None:
        """The unit whose name is in the box, or None (empty or not a unit's name)."""
        text = self.currentText().strip()
        if not text:
            return None
        self.ensure_loaded()
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        return self._ids[index] if index >= 0 else None

    def set_unit(self, unit_id: int | None) -> None:
        if unit_id is None:
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        self.ensure_loaded()
        if unit_id in self._ids:
            self.setCurrentIndex(self._ids.index(unit_id))


def _combo(first: str, items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(first, None)
    for text, value in items:
        combo.addItem(text, value)
    return combo


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._quiet = False
        self.alliance = _combo(self.tr("全部联盟"), [])
        self.alliance.setMinimumContentsLength(12)
        self.unit = UnitCombo(db)
        self.role = QComboBox()
        for text, role in (
            (self.tr("作为任一方"), PartyRole.ANY),
            (self.tr("作为承诺方"), PartyRole.PROMISOR),
            (self.tr("作为受诺方"), PartyRole.PROMISEE),
        ):
            self.role.addItem(text, role)
        self.direction = _combo(self.tr("全部方向"), [(d.label, d) for d in CommitmentDirection])
        states: list[tuple[str, Any]] = [(s.label, s) for s in CommitmentState]
        self.state = _combo(self.tr("全部状态"), [*states, (self.tr("已逾期"), OVERDUE)])
        self.category = LazyCombo(self.tr("全部类别"), self._categories)
        self.due = _combo(self.tr("到期：全部"), [(w.label, w) for w in DUE_WINDOWS])
        self.year = _combo(self.tr("全部年度"), [])
        self.meeting = LazyCombo(self.tr("全部来源会议"), self._meetings)
        self.meeting.setMinimumContentsLength(16)
        self.meeting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 内容 / 承诺方 / 受诺方（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._search_timer.start)

        for combo in (
            self.alliance,
            self.role,
            self.direction,
            self.state,
            self.category,
            self.due,
            self.year,
            self.meeting,
        ):
            combo.currentIndexChanged.connect(self._emit)
        self.unit.activated.connect(self._emit)
        line = self.unit.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._unit_edited)
        self._unit_shown: int | None = None

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.addWidget(QLabel(self.tr("筛选")), 0, 0)
        grid.addWidget(self.alliance, 0, 1)
        grid.addWidget(self.unit, 0, 2)
        grid.addWidget(self.role, 0, 3)
        grid.addWidget(self.direction, 0, 4)
        grid.addWidget(self.state, 0, 5)
        grid.addWidget(self.category, 0, 6)
        grid.addWidget(self.due, 1, 1)
        grid.addWidget(self.year, 1, 2)
        grid.addWidget(self.meeting, 1, 3, 1, 2)
        grid.addWidget(self.search, 1, 5, 1, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(6, 1)
        self.load_choices()

    # --- choices -----------------------------------------------------------------------
    def load_choices(self, choices: FilterChoices | None = None) -> None:
        """Fill the lists (keeping what is chosen, when it still exists)."""
        choices = choices or filter_choices(self._db)
        self._quiet = True
        try:
            self._refill(self.alliance, [(a.name, a.id) for a in choices.alliances])
            self.category.reset()
            self._refill(
                self.year, [(self.tr("%1年到期").replace("%1", str(y)), y) for y in choices.years]
            )
            self.meeting.reset()
        finally:
            self._quiet = False

    def _categories(self) -> list[tuple[str, Any]]:
        return [(c, c) for c in commitment_categories(self._db)]

    def _meetings(self) -> list[tuple[str, Any]]:
        return [(m.name, m.id) for m in meeting_choices(self._db)]

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        chosen = combo.currentData()
        while combo.count() > 1:
            combo.removeItem(combo.count() - 1)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))

    # --- the filter ----------------------------------------------------------------------
    def current_filter(self) -> CommitmentFilter:
        direction = self.direction.currentData()
        state = self.state.currentData()
        due = self.due.currentData()
        return CommitmentFilter(
            alliance_id=self.alliance.currentData(),
            unit_id=self.unit.unit_id(),
            unit_role=PartyRole(self.role.currentData()),
            direction=CommitmentDirection(direction) if direction else None,
            state=state if state in (None, OVERDUE) else CommitmentState(state),
            category=self.category.currentData(),
            due_window=DueWindow(due) if due else None,
            due_year=self.year.currentData(),
            source_meeting_id=self.meeting.currentData(),
            text=self.search.text().strip(),
        )

    def _emit(self) -> None:
        if not self._quiet:
            self._search_timer.stop()
            self._unit_shown = self.unit.unit_id()
            self.changed.emit()

    def _unit_edited(self) -> None:
        if self.unit.unit_id() != self._unit_shown:
            self._emit()

    def flush_search(self) -> None:
        """Apply typed search text now instead of after the pause."""
        if self._search_timer.isActive():
            self._emit()

    # --- set from outside (show_target, the count buttons) ----------------------------------
    def set_values(self, **values: Any) -> None:
        """Set several filters and emit ``changed`` once. Keys: alliance_id, unit_id,
        state, due_window, due_year, clear (reset every filter first)."""
        self._quiet = True
        try:
            if values.pop("clear", False):
                self.clear()
            for key, value in values.items():
                if key == "unit_id":
                    self.unit.set_unit(value)
                    continue
                combo = {
                    "alliance_id": self.alliance,
                    "state": self.state,
                    "due_window": self.due,
                    "due_year": self.year,
                }[key]
                index = combo.findData(value) if value is not None else 0
                if index < 0 and key == "due_year":
                    combo.addItem(self.tr("%1年到期").replace("%1", str(value)), value)
                    index = combo.count() - 1
                combo.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False
        self._emit()

    def clear(self) -> None:
        for combo in (
            self.alliance,
            self.direction,
            self.state,
            self.category,
            self.due,
            self.year,
            self.meeting,
        ):
            combo.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.unit.set_unit(None)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
