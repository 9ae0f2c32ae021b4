"""基本信息 tab: time, place, host, contact, the day's kind, and the meeting's history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.meetings import MeetingEdit, edit_refusal
from alliance_desk.core.text import long_date
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.clock import in_china
from alliance_desk.ui.register.page_helpers import action_button

NONE = "—"


class InfoTab(QWidget):
    edit_requested = Signal()
    notice_date_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(8)
        captions = {
            "title": self.tr("会议"),
            "when": self.tr("时间"),
            "day": self.tr("日期类型"),
            "place": self.tr("地点"),
            "host": self.tr("主持单位"),
            "host_note": self.tr("主持说明"),
            "contact": self.tr("联系人及电话"),
            "agenda": self.tr("议程"),
            "state": self.tr("状态"),
            "notice_date": self.tr("发文日期"),
        }
        for key, caption in captions.items():
            label = QLabel()
            label.setObjectName(f"info_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption + "：", label)
            self.labels[key] = label
        self.edit_button = action_button(
            self.tr("修改时间、地点、主持单位…"), self.edit_requested.emit
        )
        self.notice_date_button = action_button(
            self.tr("修改发文日期…"), self.notice_date_requested.emit
        )
        self.history = QListWidget()
        self.history.setMaximumHeight(140)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.notice_date_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("状态变更记录")))
        layout.addWidget(self.history)
        layout.addStretch(1)

    def show_detail(self, detail: mt.MeetingDetail | None) -> None:
        if detail is None:
            for label in self.labels.values():
                label.clear()
            self.history.clear()
            self.edit_button.setEnabled(False)
            self.notice_date_button.setEnabled(False)
            return
        meeting = detail.meeting
        day = detail.day
        day_text = day.label + (f"（{day.note}）" if day.note else "")
        values = {
            "title": meeting.title,
            "when": meeting.when_label + f"，预计 {detail.timing.end_label} 结束",
            "day": day_text,
            "place": meeting.place or NONE,
            "host": meeting.host_name or NONE,
            "host_note": detail.host_note or NONE,
            "contact": detail.contact or NONE,
            "agenda": f"{len(detail.agenda)} 项，合计 {detail.timing.total_label}",
            "state": meeting.state.label,
            "notice_date": (
                long_date(detail.notice_issued_on)
                if detail.notice_issued_on
                else self.tr("尚未发文（标记已通知或首次打印通知时记下，可修改）")
            ),
        }
        for key, value in values.items():
            self.labels[key].setText(value)
        self.labels["day"].setStyleSheet("" if day.is_workday else "color: #c0392b;")
        refusal = edit_refusal(meeting.state, MeetingEdit.DETAILS)
        self.edit_button.setEnabled(refusal is None)
        self.edit_button.setToolTip(refusal or "")
        self.notice_date_button.setEnabled(True)
        self._show_history(meeting.id)

    def _show_history(self, meeting_id: int) -> None:
        self.history.clear()
        try:
            events = mt.meeting_history(self._db, meeting_id)
        except DomainError:
            return
        for event in events:
            before = event.before.label if event.before else self.tr("新建")
            moment = in_china(event.at)
            text = f"{moment:%Y-%m-%d %H:%M}　{event.actor}　{before} → {event.after.label}"
            if event.reason:
                text += self.tr("　原因：%1").replace("%1", event.reason)
            self.history.addItem(text)
