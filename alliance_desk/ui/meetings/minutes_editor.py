"""纪要 tab: overall summary, a summary per agenda item, and the decisions (议定事项).

Saved as the clerk types: every edit restarts a short timer whose end sends the
whole editor to ``save_minutes_draft`` (which writes only what changed). Another
clerk's newer save is refused with the usual 已被他人修改 question. Approval locks it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.meetings import MeetingEdit, edit_refusal
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.clock import local_now
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.meetings.decision_commitments_dialog import DecisionCommitmentsDialog
from alliance_desk.ui.meetings.decision_widget import DecisionWidget
from alliance_desk.ui.meetings.tab_base import MeetingTab, note_label, show_note
from alliance_desk.ui.register.page_helpers import action_button, offer_reload, open_dialog

AUTOSAVE_MS = 1200


class ItemSummary(QGroupBox):
    """One agenda item's summary and whether the meeting reached it."""

    def __init__(self, slot: mt.AgendaSlot, parent: QWidget | None = None) -> None:
        presenter = f"（{slot.presenter_name}）" if slot.presenter_name else ""
        super().__init__(parent)
        # The title is a wrapped label, not the group box's own title, which never wraps and
        # made the minutes scroll sideways on a 1024 px screen.
        self.heading = QLabel(f"{slot.position}. {slot.title}{presenter}")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.item_id = slot.id
        self.text = QPlainTextEdit(slot.summary)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("该议题的讨论情况"))
        self.text.setFixedHeight(84)
        self.not_reached = QCheckBox(self.tr("本次未议及（下次会议可顺延）"))
        self.not_reached.setChecked(not slot.reached)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.not_reached)


class MinutesEditor(MeetingTab):
    commitment_opened = Signal(int)
    saved = Signal()
    """After each successful autosave."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self._version = 0
        self._dirty = False
        self._error_shown = False
        self._loading = False
        self._items: list[ItemSummary] = []
        self._decisions: list[DecisionWidget] = []
        self._dialog: DecisionCommitmentsDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)

        self.note = note_label()
        self.status = QLabel()
        self.status.setObjectName("autosaveStatus")
        self.status.setStyleSheet("color: #2e7d32;")
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(
            self.tr("会议概述：会议由谁主持，听取了哪些汇报，研究了哪些事项……")
        )
        self.summary.setMinimumHeight(100)
        self.summary.textChanged.connect(self._edited)
        self.items_box = QVBoxLayout()
        self.decisions_box = QVBoxLayout()
        self.add_decision_button = action_button(self.tr("添加议定事项"), self.add_decision)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self._heading(self.tr("会议概述")))
        column.addWidget(self.summary)
        column.addWidget(self._heading(self.tr("各议题纪要")))
        column.addLayout(self.items_box)
        decisions_header = QHBoxLayout()
        decisions_header.addWidget(self._heading(self.tr("议定事项")))
        decisions_header.addStretch(1)
        decisions_header.addWidget(self.add_decision_button)
        column.addLayout(decisions_header)
        column.addLayout(self.decisions_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.scroll = scroll

        status_row = QHBoxLayout()
        status_row.addStretch(1)
        status_row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addLayout(status_row)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: bold; font-size: 11pt; margin-top: 6px;")
        return label

    # --- state ----------------------------------------------------------------------------
    def editable(self) -> bool:
        return (
            self.detail is not None
            and self.detail.minutes is not None
            and edit_refusal(self.detail.meeting.state, MeetingEdit.MINUTES) is None
        )

    def can_commit(self) -> bool:
        return (
            self.detail is not None
            and edit_refusal(self.detail.meeting.state, MeetingEdit.COMMITMENTS) is None
        )

    @property
    def version(self) -> int:
        """The minutes' version this editor last saw or saved (sent with the next save)."""
        return self._version

    @property
    def dirty(self) -> bool:
        return self._dirty

    def decision_widgets(self) -> list[DecisionWidget]:
        return list(self._decisions)

    def item_summaries(self) -> list[ItemSummary]:
        return list(self._items)

    # --- showing ----------------------------------------------------------------------------
    def show_detail(self, detail: mt.MeetingDetail | None, *, force: bool = False) -> None:
        """Show ``detail``; what the clerk is typing is kept unless the meeting, its state
        or (from another clerk) its minutes changed, or ``force``."""
        old = self.detail
        version = detail.minutes.version if detail and detail.minutes else 0
        same = (
            not force
            and old is not None
            and detail is not None
            and old.meeting.id == detail.meeting.id
            and old.meeting.state is detail.meeting.state
            and version == self._version
        )
        self.detail = detail
        if same and detail is not None:
            self._refresh_commitments(detail)
            return
        self.timer.stop()
        self._dirty = False
        self._error_shown = False
        self._version = version
        self._rebuild(detail)

    def _rebuild(self, detail: mt.MeetingDetail | None) -> None:
        self._loading = True
        self.summary.setPlainText(detail.minutes.summary if detail and detail.minutes else "")
        for widget in self._items + self._decisions:
            widget.setParent(None)
            widget.deleteLater()
        self._items, self._decisions = [], []
        for slot in detail.agenda if detail else ():
            box = ItemSummary(slot)
            box.text.textChanged.connect(self._edited)
            box.not_reached.toggled.connect(self._edited)
            self.items_box.addWidget(box)
            self._items.append(box)
        for row in detail.decisions if detail else ():
            widget = self._new_decision(row.content, row.id)
            widget.set_commitments(row.commitments)
        self._renumber()
        self._loading = False
        self._apply_modes()
        approved = detail.minutes if detail and detail.minutes and detail.minutes.locked else None
        if approved is not None and approved.approved_at is not None:
            self.status.setText(
                self.tr("纪要已于 %1 由 %2 审定")
                .replace("%1", f"{approved.approved_at:%Y-%m-%d %H:%M}")
                .replace("%2", approved.approved_by)
            )
        else:
            self.status.clear()

    def _apply_modes(self) -> None:
        detail = self.detail
        editable = self.editable()
        refusal = edit_refusal(detail.meeting.state, MeetingEdit.MINUTES) if detail else None
        show_note(self.note, refusal)
        self.summary.setReadOnly(not editable)
        for box in self._items:
            box.text.setReadOnly(not editable)
            box.not_reached.setEnabled(editable)
        for widget in self._decisions:
            widget.set_modes(editable=editable, can_commit=self.can_commit())
        self.add_decision_button.setEnabled(editable)

    def _refresh_commitments(self, detail: mt.MeetingDetail) -> None:
        rows = {row.id: row for row in detail.decisions}
        for widget in self._decisions:
            row = rows.get(widget.decision_id) if widget.decision_id is not None else None
            widget.set_commitments(row.commitments if row else ())
        self._apply_modes()

    def _renumber(self) -> None:
        for number, widget in enumerate(self._decisions, start=1):
            widget.set_number(number)

    # --- decisions ------------------------------------------------------------------------
    def _new_decision(self, content: str, decision_id: int | None) -> DecisionWidget:
        widget = DecisionWidget(content, decision_id)
        widget.changed.connect(self._edited)
        widget.commit_requested.connect(self.create_commitments)
        widget.remove_requested.connect(self.remove_decision)
        widget.commitment_opened.connect(self.commitment_opened)
        self.decisions_box.addWidget(widget)
        self._decisions.append(widget)
        return widget

    def add_decision(self, content: str = "") -> DecisionWidget | None:
        if not self.editable():
            return None
        widget = self._new_decision(content, None)
        widget.set_modes(editable=True, can_commit=self.can_commit())
        self._renumber()
        widget.text.setFocus()
        self._edited()
        return widget

    def remove_decision(self, widget: DecisionWidget) -> None:
        if widget not in self._decisions or not self.editable():
            return
        self._decisions.remove(widget)
        widget.setParent(None)
        widget.deleteLater()
        self._renumber()
        self._edited()

    # --- autosave -----------------------------------------------------------------------------
    def _edited(self) -> None:
        if self._loading or not self.editable():
            return
        self._dirty = True
        self.status.setStyleSheet("color: #666;")
        self.status.setText(self.tr("正在编辑……"))
        self.timer.start()

    def save_now(self) -> bool:
        """Save what is typed now (the timer's end, and before any other action); True
        when nothing is left unsaved."""
        self.timer.stop()
        detail = self.detail
        if not self._dirty or detail is None or not self.editable():
            return not self._dirty
        decisions = [mt.DecisionInput(w.content(), w.decision_id) for w in self._decisions]
        try:
            result = mt.save_minutes_draft(
                self._db,
                detail.meeting.id,
                summary=self.summary.toPlainText(),
                item_summaries={box.item_id: box.text.toPlainText() for box in self._items},
                decisions=decisions,
                expected_version=self._version,
                not_reached={box.item_id for box in self._items if box.not_reached.isChecked()},
            )
        except ConflictError as error:
            self._failed(error.message)
            if offer_reload(self, error):
                self.reload_requested.emit()
            return False
        except DomainError as error:
            self._failed(error.message)
            if not self._error_shown:
                self._error_shown = True
                show_domain_error(self, error, title=self.tr("纪要未能保存"))
            return False
        self._version = result.version
        for widget, decision_id in zip(self._decisions, result.decision_ids, strict=True):
            widget.decision_id = decision_id
        self._dirty = False
        self._error_shown = False
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(self.tr("已自动保存 %1").replace("%1", f"{local_now():%H:%M:%S}"))
        self.saved.emit()
        return True

    def _failed(self, message: str) -> None:
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(self.tr("未能自动保存：%1").replace("%1", message))

    # --- commitments ----------------------------------------------------------------------------
    def create_commitments(self, widget: DecisionWidget) -> DecisionCommitmentsDialog | None:
        """生成承诺…: save first (the decision needs its id), then open the dialog."""
        if self.detail is None or not self.can_commit() or not self.save_now():
            return None
        if widget.decision_id is None or not widget.content().strip():
            show_domain_error(
                self, DomainError(self.tr("请先填写议定事项内容。")), title=self.tr("无法生成承诺")
            )
            return None
        self._dialog = DecisionCommitmentsDialog(
            self._db, self.detail, widget.decision_id, widget.content(), parent=self
        )
        return open_dialog(self._dialog, self._after_commitments)

    def _after_commitments(self, _result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is None or dialog.created is None:
            return
        for widget in self._decisions:
            if widget.decision_id == dialog.created.id:
                widget.set_commitments(dialog.created.commitments)
        self._apply_modes()
        try:
            fresh = mt.get_meeting(self._db, dialog.created_for)
        except DomainError:
            self.reload_requested.emit()
            return
        self.detail_changed.emit(fresh)
