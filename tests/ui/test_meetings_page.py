"""The 联席会议 page driven like a clerk: schedule → agenda → notice → attendance → held →
minutes (autosaved) → decisions → commitments → approve → reopen → print the pack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import (
    AgendaKind,
    AgendaOrigin,
    AttendanceState,
    ChairPeriod,
    CommitmentDirection,
    MeetingState,
    UnitCategory,
)
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services import rotation as rota
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.clock import local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.commitments.page import CommitmentsPage
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.meetings.agenda_item_dialog import AgendaItemDialog
from alliance_desk.ui.meetings.holiday_calendar import HolidayCalendar, to_qdate
from alliance_desk.ui.meetings.hosts import AllianceHosts
from alliance_desk.ui.meetings.page import MeetingsPage
from alliance_desk.ui.meetings.schedule_dialog import ScheduleDialog
from alliance_desk.ui.navigation import PageContext, Target, area

MEMBERS = ("城东社区", "人民医院", "供电公司", "民政局")
PLACE = "城东社区党群服务中心三楼会议室"
NATIONAL_DAY = date(2026, 10, 1)  # a public holiday in the package
PAST_FRIDAY = date(2026, 11, 13)  # an ordinary working day before "today" in these tests


class Club:
    def __init__(self, alliance_id: int, units: dict[str, int]) -> None:
        self.alliance_id = alliance_id
        self.units = units

    def __getitem__(self, name: str) -> int:
        return self.units[name]


def make_club(db: Database) -> Club:
    alliance_id = create_alliance(
        db, AllianceInput(name="城东党建联盟", chair_period=ChairPeriod.QUARTER)
    ).alliance.id
    units = {}
    for name in MEMBERS:
        category = UnitCategory.COMMUNITY if name.endswith("社区") else UnitCategory.GOVERNMENT
        units[name] = create_unit(db, UnitInput(name=name, category=category)).unit.id
    add_members(db, alliance_id, list(units.values()), joined_on=date(2020, 1, 1))
    rota.save_plan(db, rota.preview_plan(db, start=date(2026, 1, 1), end=date(2026, 12, 31)))
    return Club(alliance_id, units)


class Opened:
    """The ``open_area`` of the page's context: records where the page sent the clerk."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Target | None]] = []

    def __call__(self, key: str, target: Target | None = None) -> None:
        self.calls.append((key, target))


def make_page(qtbot: QtBot, db: Database, opened: Opened | None = None) -> MeetingsPage:
    context = PageContext(db, area("meetings"), opened or Opened())
    page = MeetingsPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def answer_questions(monkeypatch: pytest.MonkeyPatch, *answers: bool) -> list[str]:
    """Answer ``QMessageBox.question`` with the given Yes/No in turn; returns the texts."""
    asked: list[str] = []
    queue = list(answers)

    def question(_parent: QWidget, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        yes = queue.pop(0)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def add_item(qtbot: QtBot, page: MeetingsPage, title: str, presenter: int, minutes: int) -> None:
    dialog = page.agenda.add_item()
    assert isinstance(dialog, AgendaItemDialog)
    dialog.title.setText(title)
    dialog.kind.setCurrentIndex(dialog.kind.findData(AgendaKind.DISCUSSION))
    dialog.presenter.setCurrentIndex(dialog.presenter.findData(presenter))
    dialog.minutes.setValue(minutes)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def titles(page: MeetingsPage) -> list[str]:
    return [slot.title for slot in page.agenda.model.slots()]


def test_the_whole_meeting_flow(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    club = make_club(db)
    opened = Opened()
    page = make_page(qtbot, db, opened)
    assert page.model.rowCount() == 0
    assert page.heading.text() == "请选择或安排一次会议"

    # --- schedule on a public holiday: the first answer is No (nothing saved), then Yes
    dialog = page.ops.new_meeting()
    assert isinstance(dialog, ScheduleDialog)
    dialog.alliance.setCurrentIndex(dialog.alliance.findData(club.alliance_id))
    dialog.calendar.setSelectedDate(QDate(2026, 10, 1))
    assert "国庆节" in dialog.day_label.text()
    assert dialog.calendar.marked_days()[NATIONAL_DAY].name == "国庆节"
    q4_chair = dialog.host.currentData()
    assert q4_chair == club["民政局"]  # Q4 is the fourth member's turn in rotation order
    assert "民政局" in dialog.chair_label.text()
    dialog.place.setText(PLACE)
    dialog.contact.setText("王丽 13800000000")
    asked = answer_questions(monkeypatch, False, True)
    dialog.ok_button.click()
    assert dialog.isVisible() and mt.list_meetings(db) == []
    dialog.ok_button.click()
    assert asked == ["所选日期是国庆节（休息日），确定在这一天开会吗？"] * 2
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (row,) = mt.list_meetings(db)
    assert row.starts_at == datetime(2026, 10, 1, 9, 0) and row.host_unit_id == q4_chair
    assert page.detail is not None and page.detail.meeting.id == row.id
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "第1次"
    assert page.steps.current_text() == "1 草稿"
    assert page.notify_button.isVisibleTo(page) and not page.hold_button.isVisibleTo(page)
    assert page.info.labels["day"].text() == "国庆节（休息日）"

    # --- agenda: three items, then reorder by keyboard and by a drop
    page.tabs.setCurrentWidget(page.agenda)
    add_item(qtbot, page, "通报第三季度工作", club["民政局"], 15)
    add_item(qtbot, page, "研究老旧小区加装电梯", club["供电公司"], 30)
    add_item(qtbot, page, "评议共建项目", club["人民医院"], 20)
    assert titles(page) == ["通报第三季度工作", "研究老旧小区加装电梯", "评议共建项目"]
    assert (
        page.agenda.total_label.text() == "共 3 项，合计 1 小时 5 分钟；09:00 开始，预计 10:05 结束"
    )
    assert page.agenda.model.index(2, 5).data() == "09:45–10:05"

    page.agenda.select_item(page.agenda.model.slot_at(2).id)
    focus(qtbot, page.agenda.table)
    qtbot.keyClick(page.agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(page) == ["通报第三季度工作", "评议共建项目", "研究老旧小区加装电梯"]
    assert page.agenda.selected_slot().title == "评议共建项目"
    qtbot.keyClick(page.agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(page) == ["评议共建项目", "通报第三季度工作", "研究老旧小区加装电梯"]
    model = page.agenda.model
    drag = model.mimeData([model.index(0, 0)])
    assert not model.dropMimeData(drag, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1))
    qtbot.waitUntil(lambda: titles(page)[-1] == "评议共建项目")
    stored = mt.get_meeting(db, row.id)
    assert [slot.title for slot in stored.agenda] == titles(page)
    assert page.agenda.total_label.text().endswith("预计 10:05 结束")

    # --- notify: the agenda freezes
    page.notify_button.click()
    assert page.detail.meeting.state is MeetingState.NOTIFIED
    assert page.steps.current_text() == "2 已通知"
    assert not page.agenda.add_button.isEnabled() and not page.agenda.up_button.isEnabled()
    assert "议程已冻结" in page.agenda.note.text()
    assert page.withdraw_button.isVisibleTo(page) and page.hold_button.isVisibleTo(page)

    # --- attendance: every member, one delegated, one excused; a guest
    page.tabs.setCurrentWidget(page.attendance)
    editor = page.attendance
    assert editor.table.rowCount() == 4
    lines = {editor.table.item(i, 0).text(): i for i in range(4)}
    editor.set_state(lines["城东社区"], AttendanceState.PRESENT, "李书记")
    editor.set_state(lines["人民医院"], AttendanceState.DELEGATED, "")
    editor.set_state(lines["供电公司"], AttendanceState.EXCUSED)
    editor.mark_rest_present()
    editor.add_guest("街道党工委", "张主任")
    editor.save_button.click()  # the delegated line has no attendee: refused
    assert len(page.detail.unrecorded) == 4  # nothing saved
    editor.attendee_edit(lines["人民医院"]).setText("王医生")
    assert editor.has_changes()
    page.hold_button.click()  # saves the attendance first, then holds
    assert page.detail.meeting.state is MeetingState.HELD
    assert page.detail.attendance_rate == 0.75
    assert editor.rate_label.text() == "应到 4 个单位，实到 3 个，出席率 75%；列席 1 人"
    assert [(g.name, g.attendee) for g in page.detail.guests] == [("街道党工委", "张主任")]
    assert page.tabs.currentWidget() is page.minutes

    # --- minutes: typed, then autosaved by the timer
    minutes = page.minutes
    minutes.timer.setInterval(50)
    minutes.summary.setPlainText("会议由民政局主持，听取了三项汇报。")
    minutes.item_summaries()[0].text.setPlainText("各单位对共建项目进行了评议。")
    # 添加议定事项 is clicked, as a clerk does: clicked(bool) must not become the content
    qtbot.mouseClick(minutes.add_decision_button, Qt.MouseButton.LeftButton)
    first = minutes.decision_widgets()[-1]
    assert first.content() == ""
    first.text.setPlainText("由供电公司负责为城东社区更换楼道照明，年底前完成。")
    qtbot.mouseClick(minutes.add_decision_button, Qt.MouseButton.LeftButton)
    second = minutes.decision_widgets()[-1]
    second.text.setPlainText("城东社区为人民医院组织义诊场地。")
    assert len(minutes.decision_widgets()) == 2
    assert minutes.status.text() == "正在编辑……"

    def saved_summary() -> str:
        stored = mt.get_meeting(db, row.id)
        return stored.minutes.summary if stored.minutes else ""

    qtbot.waitUntil(lambda: saved_summary() == "会议由民政局主持，听取了三项汇报。")
    qtbot.waitUntil(lambda: not minutes.dirty)
    assert minutes.status.text().startswith("已自动保存 ")
    stored = mt.get_meeting(db, row.id)
    assert [d.content for d in stored.decisions] == [first.content(), second.content()]
    assert stored.agenda[0].summary == "各单位对共建项目进行了评议。"
    assert first.decision_id == stored.decisions[0].id

    # --- 生成承诺…: two commitments from the first decision, in one step
    commit = minutes.create_commitments(first)
    assert commit is not None
    assert commit.widgets(0)[4].text() == first.content()  # prefilled
    commit.set_line(
        0, promisor=club["供电公司"], promisee=club["城东社区"], due_on=date(2026, 12, 31)
    )
    commit.add_line()
    # the meeting was weeks ago: the proposed due date counts from today, not from the meeting
    default_due = commit.widgets(1)[3].date().toPython()
    assert default_due == local_today() + timedelta(days=90)
    commit.set_line(1, promisor=club["城东社区"], promisee=club["人民医院"], due_on=PAST_FRIDAY)
    commit.ok_button.click()  # already overdue: refused with the reason
    assert commit.isVisible() and "早于今天" in commit.error_label.text()
    commit.set_line(
        1, promisor=club["城东社区"], promisee=club["城东社区"], due_on=default_due
    )
    commit.ok_button.click()  # the same unit on both sides: refused, nothing made
    assert commit.isVisible() and "第 2 项承诺" in commit.error_label.text()
    commit.set_line(
        1,
        promisor=club["城东社区"],
        promisee=club["人民医院"],
        content="协助开展健康讲座",
        direction=CommitmentDirection.COMMUNITY_TO_UNIT,
    )
    commit.ok_button.click()
    qtbot.waitUntil(lambda: not commit.isVisible())
    made = mt.get_meeting(db, row.id).decisions[0].commitments
    assert [(c.promisor_name, c.promisee_name, c.direction) for c in made] == [
        ("供电公司", "城东社区", CommitmentDirection.UNIT_TO_COMMUNITY),
        ("城东社区", "人民医院", CommitmentDirection.COMMUNITY_TO_UNIT),
    ]
    assert made[0].content == first.content() and made[0].due_on == date(2026, 12, 31)
    assert first.commitments.count() == 2 and not first.remove_button.isEnabled()
    first.commitments.itemDoubleClicked.emit(first.commitments.item(1))
    assert opened.calls == [("commitments", Target(commitment_id=made[1].id))]

    # --- approve: the editor becomes read-only
    prompt = page.ops.approve()
    assert prompt is not None and prompt.text.text() == "测试员"
    prompt.text.setText("街道党工委 赵书记")
    prompt.ok_button.click()
    qtbot.waitUntil(lambda: not prompt.isVisible())
    assert page.detail.meeting.state is MeetingState.APPROVED
    assert page.steps.current_text() == "4 纪要已审定"
    assert minutes.summary.isReadOnly()
    assert all(w.text.isReadOnly() for w in minutes.decision_widgets())
    assert not minutes.add_decision_button.isEnabled()
    assert minutes.decision_widgets()[1].commit_button.isEnabled()  # still allowed
    assert "纪要已审定并锁定" in minutes.note.text()
    assert page.reopen_button.isVisibleTo(page) and not page.approve_button.isVisibleTo(page)

    # --- reopen asks a reason
    prompt = page.ops.reopen()
    assert prompt is not None
    prompt.ok_button.click()
    assert prompt.isVisible() and prompt.form.error_text("text") == "请填写此项。"
    prompt.text.setText("补充第二项议定事项的责任单位")
    prompt.ok_button.click()
    qtbot.waitUntil(lambda: not prompt.isVisible())
    assert page.detail.meeting.state is MeetingState.HELD
    assert not minutes.summary.isReadOnly()
    assert mt.meeting_history(db, row.id)[-1].reason == "补充第二项议定事项的责任单位"
    assert (
        "补充第二项议定事项的责任单位"
        in page.info.history.item(page.info.history.count() - 1).text()
    )

    # --- print the pack to PDF: the minutes being typed are saved first
    minutes.summary.setPlainText("会议由民政局主持，听取了三项汇报，形成两项议定事项。")
    written = page.print_button.save_pdf("pack", tmp_path / "pack.pdf")
    assert written is not None and written.exists()
    assert saved_summary() == "会议由民政局主持，听取了三项汇报，形成两项议定事项。"
    pages = pypdf.PdfReader(written, strict=True).pages
    text = "".join("".join(page.extract_text().split()) for page in pages)
    assert len(pages) >= 4  # notice, agenda, sign-in sheet, minutes
    assert row.title in text
    assert "研究老旧小区加装电梯" in text and "形成两项议定事项" in text
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()


def test_suggestions_are_offered_when_the_next_meeting_is_scheduled(
    qtbot: QtBot, db: Database
) -> None:
    club = make_club(db)
    at = datetime(2026, 11, 13, 9, 0)
    first = mt.schedule_meeting(db, alliance_id=club.alliance_id, starts_at=at, place=PLACE)
    assert first.meeting is not None
    meeting_id = first.meeting.meeting.id
    detail = mt.add_agenda_items(
        db, meeting_id, [mt.AgendaInput("通报工作"), mt.AgendaInput("研究垃圾分类")]
    )
    mt.notify(db, meeting_id)
    mt.record_attendance(
        db,
        meeting_id,
        [mt.AttendanceInput(u, AttendanceState.PRESENT, "甲") for u in club.units.values()],
    )
    held = mt.hold_meeting(db, meeting_id, today=at.date())
    assert held.minutes is not None
    saved = mt.save_minutes_draft(
        db,
        meeting_id,
        summary="概述",
        item_summaries={},
        decisions=[mt.DecisionInput("更换照明")],
        expected_version=held.minutes.version,
        not_reached={detail.agenda[1].id},
    )
    mt.create_commitments_from_decision(
        db,
        saved.decision_ids[0],
        [mt.CommitmentInput(club["供电公司"], club["城东社区"], date(2026, 11, 20))],
    )

    page = make_page(qtbot, db)
    dialog = page.ops.new_meeting()
    dialog.calendar.setSelectedDate(QDate(2026, 12, 4))
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.pages.currentIndex() == 1
    texts = [dialog.suggestions.item(i).text() for i in range(dialog.suggestions.count())]
    assert texts[0].startswith("上次议定事项落实情况（通报，15 分钟）")
    assert "本联盟有 1 项承诺尚未履行，其中 1 项已逾期" in texts[0]
    assert texts[1].startswith("研究垃圾分类") and "第1次会议未议及" in texts[1]
    assert "【已逾期】供电公司→城东社区" in dialog.suggestions.item(0).toolTip()
    assert dialog.place.text() == PLACE  # the last meeting's place, offered again
    dialog.suggestions.set_checked(1, False)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.detail is not None and page.detail.meeting.sequence_no == 2
    assert [(s.title, s.origin) for s in page.detail.agenda] == [
        ("上次议定事项落实情况", AgendaOrigin.ACTION_REVIEW)
    ]
    assert page.tabs.currentWidget() is page.agenda
    assert page.agenda.offer_suggestions() is not None  # the carried-over item is still offered


def test_delete_key_deletes_a_draft_after_confirming(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    club = make_club(db)
    result = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=datetime(2026, 12, 4, 9), place=PLACE
    )
    assert result.meeting is not None
    page = make_page(qtbot, db)
    assert page.delete_button.isVisibleTo(page)
    asked = answer_questions(monkeypatch, False, True)
    focus(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(mt.list_meetings(db)) == 1
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert mt.list_meetings(db) == [] and page.model.rowCount() == 0
    assert "城东党建联盟第1次联席会议" in asked[0]
    assert page.detail is None


def test_show_target_selects_a_meeting_of_another_year_and_filters_an_alliance(
    qtbot: QtBot, db: Database
) -> None:
    club = make_club(db)
    other = create_alliance(db, AllianceInput(name="城西党建联盟")).alliance.id
    add_members(db, other, [club["民政局"]], joined_on=date(2020, 1, 1))
    old = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=datetime(2025, 3, 4, 9), place=PLACE
    ).meeting
    mt.schedule_meeting(db, alliance_id=other, starts_at=datetime(2026, 12, 8, 14), place="会议室")
    assert old is not None
    page = make_page(qtbot, db)
    assert [r.alliance_name for r in page.model.visible_rows()] == ["城西党建联盟"]  # this year
    page.show_target(Target(meeting_id=old.meeting.id))
    assert page.detail is not None and page.detail.meeting.id == old.meeting.id
    assert page.selected_row().id == old.meeting.id and page.selected_year() == 2025
    page.show_target(Target(alliance_id=other))
    assert page.alliance_id() == other
    assert {r.alliance_name for r in page.model.visible_rows()} == {"城西党建联盟"}
    page.search.setText("会议室")
    assert page.model.rowCount() == 1 and page.count_label.text() == "显示 1 / 共 1 次会议"


def test_the_calendar_marks_holidays_and_notes_a_year_without_data(
    qtbot: QtBot, db: Database
) -> None:
    calendar = HolidayCalendar(mt.workday_calendar(db))
    qtbot.addWidget(calendar)
    calendar.setCurrentPage(2026, 10)
    marked = calendar.marked_days()
    assert not marked[date(2026, 10, 1)].is_workday
    assert marked[date(2026, 10, 10)].is_workday  # 国庆节调休上班 (a Saturday)
    assert date(2026, 10, 12) not in marked
    fmt = calendar.dateTextFormat(QDate(2026, 10, 1))
    assert fmt.toolTip() == "国庆节（休息日）"
    assert calendar.year_note(2026) == ""
    assert calendar.year_note(2031) == "本年度节假日安排尚未录入，按周一至周五计算"

    page = make_page(qtbot, db)
    make_club(db)
    page.refresh()
    dialog = page.ops.new_meeting()
    dialog.calendar.setSelectedDate(QDate(2031, 3, 3))
    assert dialog.year_note.isVisibleTo(dialog)
    assert dialog.year_note.text() == "本年度节假日安排尚未录入，按周一至周五计算"
    assert "该日期在轮值表中没有轮值主席单位" in dialog.chair_label.text()
    dialog.reject()


def test_another_host_than_the_chair_needs_a_note(qtbot: QtBot, db: Database) -> None:
    club = make_club(db)
    page = make_page(qtbot, db)
    dialog = page.ops.new_meeting()
    dialog.calendar.setSelectedDate(QDate(2026, 12, 4))
    assert dialog.host.currentData() == club["民政局"] and not dialog.host_note.isEnabled()
    dialog.host.setCurrentIndex(dialog.host.findData(club["供电公司"]))
    assert dialog.host_note.isEnabled()
    dialog.place.setText(PLACE)
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.form.error_text("host_note") == "主持单位不是当期轮值主席单位，请填写说明。"
    dialog.host_note.setText("民政局另有公务，由供电公司代为主持")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.detail is not None
    assert page.detail.meeting.host_name == "供电公司"
    assert page.detail.host_note == "民政局另有公务，由供电公司代为主持"
    assert page.info.labels["host_note"].text() == "民政局另有公务，由供电公司代为主持"


def test_schedule_proposes_a_valid_date_clears_errors_and_the_place_follows_the_host(
    qtbot: QtBot, db: Database
) -> None:
    club = make_club(db)
    last_day = local_today() + timedelta(days=14)  # later than the usual "in a week" proposal
    mt.schedule_meeting(
        db,
        alliance_id=club.alliance_id,
        starts_at=datetime.combine(last_day, datetime.min.time()).replace(hour=9),
        place="供电公司二楼会议室",
        host_unit_id=club["供电公司"],
        host_note="代为主持",
        confirm_non_working_day=True,
    )
    page = make_page(qtbot, db)
    dialog = page.ops.new_meeting()
    assert dialog.chosen_day() > last_day  # a date the service accepts
    # the place follows the host until the clerk types one
    dialog.host.setCurrentIndex(dialog.host.findData(club["供电公司"]))
    assert dialog.place.text() == "供电公司二楼会议室"
    dialog.host.setCurrentIndex(dialog.host.findData(club["人民医院"]))
    assert dialog.place.text() == ""
    qtbot.keyClicks(dialog.place, "A302")
    dialog.host.setCurrentIndex(dialog.host.findData(club["供电公司"]))
    assert dialog.place.text() == "A302"  # typed by the clerk: kept
    # an error goes away once the clerk changes what it was about
    dialog.host_note.clear()
    if dialog.chair_unit_id() == club["供电公司"]:
        dialog.host.setCurrentIndex(dialog.host.findData(club["人民医院"]))
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.form.error_text("host_note")
    dialog.calendar.setSelectedDate(to_qdate(dialog.chosen_day() + timedelta(days=1)))
    assert dialog.form.error_text("host_note") == ""
    dialog.reject()


def test_holding_under_a_search_keeps_the_meeting_selected(qtbot: QtBot, db: Database) -> None:
    club = make_club(db)
    at = datetime(2026, 11, 13, 9, 0)
    first = mt.schedule_meeting(db, alliance_id=club.alliance_id, starts_at=at, place=PLACE)
    assert first.meeting is not None
    held_id = first.meeting.meeting.id
    mt.add_agenda_items(db, held_id, [mt.AgendaInput("通报工作")])
    mt.notify(db, held_id)
    mt.record_attendance(
        db,
        held_id,
        [mt.AttendanceInput(u, AttendanceState.PRESENT, "甲") for u in club.units.values()],
    )
    later = datetime.combine(local_today() + timedelta(days=10), datetime.min.time())
    mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=later, place=PLACE,
        confirm_non_working_day=True,
    )
    page = make_page(qtbot, db)
    page.search.setText("已通知")
    assert page.model.rowCount() == 1
    assert page.detail is not None and page.detail.meeting.id == held_id
    page.hold_button.click()
    # the held meeting no longer matches "已通知": the search gives way, the meeting stays
    assert page.detail is not None and page.detail.meeting.id == held_id
    assert page.detail.meeting.state == MeetingState.HELD
    assert page.selected_row() is not None and page.selected_row().id == held_id
    # a search that hides the shown meeting moves the detail to one it shows (or none)
    page.search.setText("草稿")
    assert page.detail is not None and page.detail.meeting.id != held_id
    page.search.setText("没有这样的会议")
    assert page.detail is None


def state_of(page: MeetingsPage) -> MeetingState | None:
    return page.detail.meeting.state if page.detail is not None else None


def test_schedule_hold_decide_commit_and_see_it_on_the_commitments_page(
    qtbot: QtBot, db: Database, open_window: Callable[[Database], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The chain a clerk walks, every step through the real buttons of the main window."""
    club = make_club(db)
    window = open_window(db)
    window.resize(1400, 900)
    window.show_area("meetings")
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)

    dialog = page.ops.new_meeting()
    assert isinstance(dialog, ScheduleDialog)
    dialog.alliance.setCurrentIndex(dialog.alliance.findData(club.alliance_id))
    dialog.calendar.setSelectedDate(QDate(PAST_FRIDAY.year, PAST_FRIDAY.month, PAST_FRIDAY.day))
    dialog.place.setText(PLACE)
    answer_questions(monkeypatch, True, True, True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (row,) = mt.list_meetings(db)

    page.tabs.setCurrentWidget(page.agenda)
    add_item(qtbot, page, "研究楼道照明改造", club["供电公司"], 30)
    qtbot.mouseClick(page.notify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state_of(page) is MeetingState.NOTIFIED)
    page.attendance.mark_rest_present()
    qtbot.mouseClick(page.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state_of(page) is MeetingState.HELD)

    minutes = page.minutes
    page.tabs.setCurrentWidget(minutes)
    qtbot.mouseClick(minutes.add_decision_button, Qt.MouseButton.LeftButton)  # crashed before
    (decision,) = minutes.decision_widgets()
    decision.text.setPlainText("供电公司年底前为城东社区更换楼道照明。")
    qtbot.mouseClick(decision.commit_button, Qt.MouseButton.LeftButton)
    commit = minutes._dialog
    assert commit is not None and commit.isVisible()
    due = commit.widgets(0)[3].date().toPython()
    assert due > local_today()  # never overdue the moment it is made
    commit.set_line(0, promisor=club["供电公司"], promisee=club["城东社区"])
    qtbot.mouseClick(commit.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not commit.isVisible())
    (made,) = mt.get_meeting(db, row.id).decisions[0].commitments
    qtbot.waitUntil(lambda: decision.commitments.count() == 1)

    decision.commitments.itemDoubleClicked.emit(decision.commitments.item(0))
    qtbot.waitUntil(lambda: window.current_key == "commitments")
    commitments = window.page("commitments")
    assert isinstance(commitments, CommitmentsPage)
    qtbot.waitUntil(lambda: commitments.model.row_of(made.id) >= 0)
    line = commitments.model.row_of(made.id)
    model = commitments.model
    shown = [model.index(line, c).data() for c in range(model.columnCount())]
    assert "供电公司年底前为城东社区更换楼道照明。" in shown
    if commitments.detail_dialog is not None:
        commitments.detail_dialog.close()


def _working_day(calendar: HolidayCalendar, start: date, accept: Callable[[date], bool]) -> date:
    day = start
    while not (calendar.day_kind(day).is_workday and accept(day)):
        day += timedelta(days=1)
        assert day < start + timedelta(days=800)
    return day


def test_schedule_defaults_to_a_valid_day_and_the_place_follows_the_host(
    qtbot: QtBot, db: Database
) -> None:
    club = make_club(db)
    year = local_today().year
    rota.save_plan(
        db, rota.preview_plan(db, start=date(2027, 1, 1), end=date(max(year, 2027) + 2, 12, 31))
    )
    hosts = AllianceHosts(db, club.alliance_id)
    calendar = HolidayCalendar(mt.workday_calendar(db))

    def chair(day: date) -> int:
        term = hosts.chair(day)
        assert term is not None and term.unit_id is not None
        return term.unit_id

    first_day = _working_day(calendar, local_today() + timedelta(days=3), lambda d: True)
    last_day = _working_day(
        calendar, first_day + timedelta(days=100), lambda d: chair(d) != chair(first_day)
    )
    for day, place in ((first_day, "第一会议室"), (last_day, "第二会议室")):
        mt.schedule_meeting(
            db, alliance_id=club.alliance_id, starts_at=datetime.combine(day, time(9)), place=place
        )
    page = make_page(qtbot, db)
    dialog = page.ops.new_meeting()
    assert isinstance(dialog, ScheduleDialog)
    dialog.alliance.setCurrentIndex(dialog.alliance.findData(club.alliance_id))
    # the default is after the alliance's last meeting, and no error is shown
    assert dialog.chosen_day() > last_day
    assert dialog.form.error_text("starts_at") == ""
    # an earlier day is refused at the field; a valid day clears the message
    dialog.calendar.setSelectedDate(to_qdate(last_day - timedelta(days=1)))
    dialog.ok_button.click()
    assert dialog.isVisible() and "第2次" in dialog.form.error_text("starts_at")
    dialog.calendar.setSelectedDate(to_qdate(last_day + timedelta(days=1)))
    assert dialog.form.error_text("starts_at") == ""

    # a day whose chair hosted the first meeting: host and its room
    again = _working_day(
        calendar, last_day + timedelta(days=1), lambda d: chair(d) == chair(first_day)
    )
    dialog.calendar.setSelectedDate(to_qdate(again))
    assert dialog.host.currentData() == chair(first_day)
    assert dialog.place.text() == "第一会议室"
    # a chair that never hosted: no other host's room is kept
    newcomer = _working_day(
        calendar,
        last_day + timedelta(days=1),
        lambda d: chair(d) not in (chair(first_day), chair(last_day)),
    )
    dialog.calendar.setSelectedDate(to_qdate(newcomer))
    assert dialog.host.currentData() == chair(newcomer)
    assert dialog.place.text() == ""
    # a place the clerk typed stays when the date changes the host
    dialog.place.selectAll()
    qtbot.keyClicks(dialog.place, "Room 301")
    dialog.calendar.setSelectedDate(to_qdate(again))
    assert dialog.host.currentData() == chair(first_day)
    assert dialog.place.text() == "Room 301"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert dialog.saved is not None
    assert dialog.saved.meeting.sequence_no == 3
    assert dialog.saved.meeting.place == "Room 301"


def test_after_holding_with_a_search_the_meeting_stays_selected(
    qtbot: QtBot, db: Database
) -> None:
    club = make_club(db)
    ids = []
    for day in (date(2026, 11, 13), date(2026, 11, 20), date(2026, 11, 27)):
        result = mt.schedule_meeting(
            db, alliance_id=club.alliance_id, starts_at=datetime.combine(day, time(9)),
            place=PLACE,
        )
        assert result.meeting is not None
        ids.append(result.meeting.meeting.id)
    for meeting_id in ids[:2]:
        mt.add_agenda_items(db, meeting_id, [mt.AgendaInput("通报工作")])
        mt.notify(db, meeting_id)
    page = make_page(qtbot, db)
    page.search.setText("已通知")
    assert page.model.rowCount() == 2
    assert page.select_meeting(ids[0])
    page.attendance.mark_rest_present()
    qtbot.mouseClick(page.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state_of(page) is MeetingState.HELD)
    assert page.detail is not None and page.detail.meeting.id == ids[0]
    selected = page.selected_row()
    assert selected is not None and selected.id == ids[0]  # still in the list, selected
    assert page.search.text() == ""
    assert page.tabs.currentWidget() is page.minutes

    # a search that hides the meeting shown moves the detail to one it shows, or to none
    page.search.setText("草稿")
    assert page.detail is not None and page.detail.meeting.id == ids[2]
    selected = page.selected_row()
    assert selected is not None and selected.id == ids[2]
    page.search.setText("没有这样的会议")
    assert page.model.rowCount() == 0 and page.detail is None
    assert page.heading.text() == "请选择或安排一次会议"


def test_the_notice_date_is_stored_at_first_print_and_edited_in_the_info_tab(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    club = make_club(db)
    at = datetime.combine(local_today() + timedelta(days=20), time(9, 0))
    scheduled = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=at, place=PLACE, confirm_non_working_day=True
    )
    assert scheduled.meeting is not None
    meeting_id = scheduled.meeting.meeting.id
    page = make_page(qtbot, db)
    assert page.detail is not None and page.detail.meeting.id == meeting_id
    page.tabs.setCurrentWidget(page.info)
    assert "尚未发文" in page.info.labels["notice_date"].text()

    def notice_text(name: str) -> str:
        written = page.print_button.save_pdf("notice", tmp_path / name)
        assert written is not None
        pages = pypdf.PdfReader(written, strict=True).pages
        return "".join("".join(p.extract_text().split()) for p in pages)

    today = local_today()
    first = notice_text("first.pdf")
    assert f"{today.year}年{today.month}月{today.day}日" in first
    assert mt.get_meeting(db, meeting_id).notice_issued_on == today
    # the page shows the saved meeting (its new version): the next edit is not refused as stale
    assert page.detail.notice_issued_on == today
    assert page.info.labels["notice_date"].text() == f"{today.year}年{today.month}月{today.day}日"

    qtbot.mouseClick(page.info.notice_date_button, Qt.MouseButton.LeftButton)
    dialog = page.ops._notice_date
    assert dialog is not None and dialog.isVisible()
    dialog.day.setDate(QDate(at.year, at.month, at.day).addDays(1))  # after the meeting
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "不能晚于会议日期" in dialog.error.text()
    earlier = today - timedelta(days=3)
    dialog.day.setDate(QDate(earlier.year, earlier.month, earlier.day))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    label = f"{earlier.year}年{earlier.month}月{earlier.day}日"
    assert page.info.labels["notice_date"].text() == label
    again = notice_text("again.pdf")
    assert label in again and f"{today.year}年{today.month}月{today.day}日" not in again
    for box in QApplication.topLevelWidgets():  # the "saved as PDF" notes
        if isinstance(box, QMessageBox):
            box.close()
