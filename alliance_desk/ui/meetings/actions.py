"""What the meeting page's buttons do: schedule, edit, delete, and the steps of a meeting.

Each step is one service call that returns the meeting; the page then shows it. The
backward steps and approval ask for a line of text first (``TextPromptDialog``).
Dialogs open without blocking and report back to bound methods here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.meetings import MeetingEdit, edit_refusal
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.clock import local_today
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.meetings.notice_date_dialog import NoticeDateDialog
from alliance_desk.ui.meetings.schedule_dialog import ScheduleDialog
from alliance_desk.ui.meetings.text_prompt import TextPromptDialog
from alliance_desk.ui.register.page_helpers import offer_reload, open_dialog

if TYPE_CHECKING:
    from alliance_desk.ui.meetings.page import MeetingsPage


class MeetingActions(QObject):
    def __init__(self, db: Database, page: MeetingsPage) -> None:
        super().__init__(page)
        self._db = db
        self._page = page
        self._schedule: ScheduleDialog | None = None
        self._prompt: TextPromptDialog | None = None
        self._notice_date: NoticeDateDialog | None = None

    # --- schedule / edit / delete ---------------------------------------------------------
    def new_meeting(self) -> ScheduleDialog:
        page = self._page
        page.flush_edits()
        self._schedule = ScheduleDialog(self._db, alliance_id=page.alliance_id(), parent=page)
        return open_dialog(self._schedule, self._after_schedule)

    def edit_meeting(self) -> ScheduleDialog | None:
        detail = self._page.detail
        if detail is None:
            return None
        self._schedule = ScheduleDialog(self._db, detail=detail, parent=self._page)
        return open_dialog(self._schedule, self._after_schedule)

    def edit_notice_date(self) -> NoticeDateDialog | None:
        """修改发文日期 of the selected meeting's notice."""
        detail = self._page.detail
        if detail is None:
            return None
        self._notice_date = NoticeDateDialog(self._db, detail, parent=self._page)
        return open_dialog(self._notice_date, self._after_notice_date)

    def _after_notice_date(self, _result: int) -> None:
        dialog, self._notice_date = self._notice_date, None
        if dialog is None or dialog.saved is None:
            return
        self._page.show_changed(dialog.saved)
        self._page.notify(self.tr("发文日期已保存：%1").replace("%1", dialog.saved.meeting.title))

    def _after_schedule(self, _result: int) -> None:
        dialog, self._schedule = self._schedule, None
        if dialog is None or dialog.saved is None:
            return
        page = self._page
        meeting = dialog.saved.meeting
        page.reload_list(select_id=meeting.id, year=meeting.starts_at.year)
        if dialog.suggestions_added or dialog.saved.agenda:
            page.tabs.setCurrentWidget(page.agenda)
        page.notify(self.tr("已保存：%1").replace("%1", meeting.title))

    def delete_meeting(self) -> bool:
        """删除 a draft (the latest of its alliance) after the clerk confirms."""
        detail = self._page.detail
        if detail is None or edit_refusal(detail.meeting.state, MeetingEdit.DELETE) is not None:
            return False
        meeting = detail.meeting
        answer = QMessageBox.question(
            self._page,
            self.tr("删除会议"),
            self.tr("删除“%1”（%2）及其议程？此操作不能撤销。")
            .replace("%1", meeting.title)
            .replace("%2", meeting.when_label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            mt.delete_meeting(self._db, meeting.id, expected_version=meeting.version)
        except ConflictError as error:
            if offer_reload(self._page, error):
                self._page.reload_list()
            return False
        except DomainError as error:
            show_domain_error(self._page, error, title=self.tr("未能删除"))
            return False
        self._page.reload_list()
        self._page.notify(self.tr("已删除：%1").replace("%1", meeting.title))
        return True

    # --- forward steps ------------------------------------------------------------------------
    def notify(self) -> bool:
        detail = self._page.detail
        if detail is None:
            return False
        meeting = detail.meeting
        return self._step(
            partial(mt.notify, self._db, meeting.id, expected_version=meeting.version),
            self.tr("已发出通知，议程已冻结。"),
        )

    def hold(self) -> bool:
        page = self._page
        detail = page.detail
        if detail is None:
            return False
        if page.attendance.has_changes() and not page.attendance.save():
            return False
        detail = page.detail
        assert detail is not None
        meeting = detail.meeting
        return self._step(
            partial(
                mt.hold_meeting,
                self._db,
                meeting.id,
                today=local_today(),
                expected_version=meeting.version,
            ),
            self.tr("已登记召开，可以填写会议纪要。"),
            then_tab="minutes",
        )

    def approve(self) -> TextPromptDialog | None:
        page = self._page
        detail = page.detail
        if detail is None or detail.minutes is None or not page.minutes.save_now():
            return None
        meeting_id, version = detail.meeting.id, page.minutes.version
        action = partial(self._approve, meeting_id, version)
        return self._ask(
            title=self.tr("审定纪要"),
            caption=self.tr("审定人*"),
            ok_text=self.tr("审定并锁定"),
            note=self.tr("审定后纪要锁定，不能再修改；如需修改，须说明原因重新打开。"),
            action=action,
            initial=self._db.actor,
        )

    def _approve(self, meeting_id: int, version: int, who: str) -> mt.MeetingDetail:
        return mt.approve_minutes(self._db, meeting_id, approved_by=who, expected_version=version)

    # --- backward steps -----------------------------------------------------------------------
    def withdraw(self) -> TextPromptDialog | None:
        detail = self._page.detail
        if detail is None:
            return None
        meeting = detail.meeting
        return self._ask(
            title=self.tr("撤回通知"),
            caption=self.tr("原因*"),
            ok_text=self.tr("撤回通知"),
            note=self.tr("撤回后会议回到草稿，可修改议程、时间和地点；原因记入操作记录。"),
            action=partial(self._withdraw, meeting.id, meeting.version),
        )

    def _withdraw(self, meeting_id: int, version: int, reason: str) -> mt.MeetingDetail:
        return mt.withdraw_notice(self._db, meeting_id, reason=reason, expected_version=version)

    def reopen(self) -> TextPromptDialog | None:
        detail = self._page.detail
        if detail is None:
            return None
        meeting = detail.meeting
        return self._ask(
            title=self.tr("重新打开纪要"),
            caption=self.tr("原因*"),
            ok_text=self.tr("重新打开"),
            note=self.tr("重新打开后纪要可以再次编辑，须重新审定；原因记入操作记录。"),
            action=partial(self._reopen, meeting.id, meeting.version),
        )

    def _reopen(self, meeting_id: int, version: int, reason: str) -> mt.MeetingDetail:
        return mt.reopen_minutes(self._db, meeting_id, reason=reason, expected_version=version)

    # --- shared -----------------------------------------------------------------------------
    def _ask(self, **kwargs: object) -> TextPromptDialog:
        self._prompt = TextPromptDialog(parent=self._page, **kwargs)  # type: ignore[arg-type]
        return open_dialog(self._prompt, self._after_prompt)

    def _after_prompt(self, _result: int) -> None:
        dialog, self._prompt = self._prompt, None
        if dialog is None:
            return
        if dialog.result_detail is not None:
            self._page.show_meeting(dialog.result_detail, force=True)
            self._page.reload_list(select_id=dialog.result_detail.meeting.id)
        elif dialog.needs_reload:
            self._page.reload_detail(force=True)

    def _step(self, action: Callable[[], mt.MeetingDetail], done: str, then_tab: str = "") -> bool:
        page = self._page
        try:
            detail = action()
        except ConflictError as error:
            if offer_reload(page, error):
                page.reload_detail(force=True)
            return False
        except DomainError as error:
            show_domain_error(page, error, title=self.tr("操作未完成"))
            return False
        page.show_meeting(detail, force=True)
        page.reload_list(select_id=detail.meeting.id)
        if then_tab == "minutes":
            page.tabs.setCurrentWidget(page.minutes)
        page.notify(done)
        return True
