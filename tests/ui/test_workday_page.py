"""社区工作日 page: a clerk's chain by clicking the real buttons — unit report, member,
已报到, activity, attendance, confirm (locked), correction, stats; importing members
through the preview dialog; printing every unit's 反馈函 and reading the PDF back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import UnitCategory
from alliance_desk.core.workday.states import MemberState
from alliance_desk.services import Database
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.services.workday import activities, members, unit_reports
from alliance_desk.ui.four_lists.form_dialog import TextPrompt
from alliance_desk.ui.navigation import PageContext, area, page_factory
from alliance_desk.ui.workday import dialogs
from alliance_desk.ui.workday.page import WorkdayPage

YEAR = 2026


def _world(db: Database) -> dict[str, int]:
    return {
        "community": create_unit(db, UnitInput("东风社区", UnitCategory.COMMUNITY)).unit.id,
        "finance": create_unit(
            db, UnitInput("市财政局", UnitCategory.GOVERNMENT, party_member_count=2)
        ).unit.id,
        "hospital": create_unit(
            db, UnitInput("市医院", UnitCategory.INSTITUTION, party_member_count=1)
        ).unit.id,
    }


def _page(qtbot: QtBot, db: Database) -> WorkdayPage:
    page = page_factory("workday")(PageContext(db, area("workday")))
    assert isinstance(page, WorkdayPage)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.year_box.setValue(YEAR)
    page.activated()
    return page


def settled(qtbot: QtBot, page: WorkdayPage) -> None:
    """Wait for the figures the page computes on worker threads."""
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)


def click(holder: QWidget, text: str) -> None:
    buttons = [b for b in holder.findChildren(QPushButton) if b.text().startswith(text)]
    assert buttons, text
    buttons[0].click()


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: QWidget, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    def information(_parent: QWidget, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", information)
    return asked


def _at(hour: int, minute: int = 0) -> QDateTime:
    return QDateTime(YEAR, 5, 9, hour, minute, 0)


def test_whole_chain_by_clicking(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _world(db)
    asked = answer_yes(monkeypatch)
    page = _page(qtbot, db)
    page.community_box.setCurrentIndex(page.community_box.findData(ids["community"]))

    click(page.unit_reports, "登记单位报到")
    report = page.dialog
    assert isinstance(report, dialogs.UnitReportDialog)
    report.unit.setCurrentIndex(report.unit.findData(ids["finance"]))
    report.count.setValue(2)
    report.agreement.setPlainText("共建协议：每月开展一次环境整治")
    agreement = tmp_path / "共建协议.pdf"
    agreement.write_bytes(b"%PDF-1.4 agreement")
    report.choose_attachment(agreement)
    report.save_button.click()
    assert report.result() == report.DialogCode.Accepted
    assert page.unit_reports.model.rowCount() == 1
    saved = page.unit_reports.model.row_at(0)
    assert unit_reports.unit_report_attachment(db, saved.id) == (
        "共建协议.pdf",
        b"%PDF-1.4 agreement",
    )
    agreement.unlink()  # the original may be gone: the copy in the database is opened
    opened: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtGui.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    page.unit_reports.table.selectRow(0)
    click(page.unit_reports, "打开协议附件")
    assert len(opened) == 1 and Path(opened[0]).read_bytes() == b"%PDF-1.4 agreement"

    page.show_tab("members")
    click(page.members, "登记党员")
    form = page.dialog
    assert isinstance(form, dialogs.MemberDialog)
    form.phone.setText("13812345678")
    form.save_button.click()
    assert form.result() != form.DialogCode.Accepted
    assert form.form.error_text("name")  # told at the field
    assert form.phone.text() == "13812345678"  # nothing typed is lost
    form.name.setText("张小明")
    form.unit.setCurrentIndex(form.unit.findData(ids["finance"]))
    form.community.setCurrentIndex(form.community.findData(ids["community"]))
    form.residence.setText("幸福小区3栋101")
    form.save_button.click()
    assert form.result() == form.DialogCode.Accepted
    assert page.members.model.rowCount() == 1
    page.members.table.selectRow(0)
    click(page.members, "标记已报到")
    prompt = page.dialog
    assert isinstance(prompt, TextPrompt)
    prompt.save_button.click()
    (member,) = members.list_members(db)
    assert member.state is MemberState.REPORTED

    page.show_tab("activities")
    click(page.activities, "新建活动")
    act = page.dialog
    assert isinstance(act, dialogs.ActivityDialog)
    act.day.setDate(_at(9).date())
    act.category.setCurrentText("环境整治")
    act.content.setPlainText("清理楼道")
    act.start.setDateTime(_at(9))
    act.end.setDateTime(_at(11))
    act.save_button.click()
    assert act.result() == act.DialogCode.Accepted
    assert page.activities.model.rowCount() == 1
    page.activities.table.selectRow(0)
    click(page.attendance, "登记考勤")
    att = page.dialog
    assert isinstance(att, dialogs.AttendanceDialog)
    att.sign_in.setDateTime(_at(11))
    att.sign_out.setDateTime(_at(9))
    att.save_button.click()
    assert att.result() != att.DialogCode.Accepted  # sign-out before sign-in
    att.sign_in.setDateTime(_at(9))
    att.sign_out.setDateTime(_at(11, 30))
    att.save_button.click()
    assert att.result() == att.DialogCode.Accepted
    assert page.attendance.model.rowCount() == 1
    click(page.attendance, "确认时长")
    assert asked and "锁定" in asked[-1]
    (row,) = activities.list_attendance(db, activities.list_activities(db)[0].id)
    assert row.confirmed and row.hours == 2.5
    page.attendance.table.selectRow(0)
    click(page.attendance, "修改考勤")
    assert "锁定" in asked[-1]  # a confirmed entry is not edited in place
    page.attendance.table.selectRow(0)
    click(page.attendance, "更正")
    fix = page.dialog
    assert isinstance(fix, dialogs.AttendanceDialog) and fix.correction
    fix.sign_out.setDateTime(_at(12))
    fix.save_button.click()
    assert fix.result() != fix.DialogCode.Accepted  # a correction needs its reason
    fix.reason.setPlainText("签到表抄错")
    fix.save_button.click()
    assert fix.result() == fix.DialogCode.Accepted
    assert activities.list_activities(db)[0].total_hours == 3.0

    page.show_tab("stats")
    assert "stats" in page.loading and page.stats.count.text() == "正在统计……"
    settled(qtbot, page)
    summary = page.stats_summary.text()
    assert "应报到 1 名" in summary and "确认时长 3 小时" in summary
    assert page.canvas is not None
    unit_rows = [r for r in page.stats.model.visible_rows() if r.name == "市财政局"]
    assert unit_rows and unit_rows[0].figures.total_hours == 3.0

    xlsx = page.export_report(tmp_path / "stats.xlsx")
    assert xlsx is not None and openpyxl.load_workbook(xlsx).sheetnames
    pdf = page.export_report_pdf(tmp_path / "stats.pdf")
    assert pdf is not None
    assert "双报到双服务" in "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)

    page.show_tab("feedback")
    settled(qtbot, page)
    assert page.feedback.model.rowCount() == 1
    page.feedback.table.selectRow(0)
    click(page.feedback, "评价")
    rate = page.dialog
    assert isinstance(rate, dialogs.EvaluationDialog)
    rate.comment.setPlainText("服务积极")
    rate.save_button.click()
    assert rate.result() == rate.DialogCode.Accepted
    settled(qtbot, page)
    assert page.feedback.model.row_at(0)[1].comment == "服务积极"


def _members_file(path: Path, ids: dict[str, int]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "工作单位", "职务", "电话", "居住小区", "报到社区"])
    sheet.append(["王大伟", "男", "市财政局", "科员", "13900001111", "幸福小区", "东风社区"])
    sheet.append(["李小红", "女", "市医院", "护士", "13900002222", "幸福小区", "东风社区"])
    sheet.append(["赵六", "男", "市医院", "医生", "13900003333", "幸福小区", "东风社区"])
    book.save(path)
    return path


def test_import_members_through_the_preview_dialog(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _world(db)
    answer_yes(monkeypatch)
    page = _page(qtbot, db)
    page.show_tab("members")
    dialog = page.import_members(_members_file(tmp_path / "roll.xlsx", ids))
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=10_000)
    assert "可导入 3" in dialog.summary.text()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=10_000)
    assert len(members.list_members(db)) == 3
    qtbot.waitUntil(lambda: page.members.model.rowCount() == 3, timeout=5_000)


def test_print_all_letters_one_unit_a_page(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    ids = _world(db)
    for name, unit in (("张小明", "finance"), ("王大伟", "hospital")):
        m = members.create_member(
            db,
            members.MemberInput(
                name=name,
                unit_id=ids[unit],
                phone="13812345678",
                community_unit_id=ids["community"],
            ),
            today=date(YEAR, 3, 1),
        )
        members.change_member_state(
            db, m.id, MemberState.REPORTED, expected_version=m.version, on=date(YEAR, 3, 1)
        )
    page = _page(qtbot, db)
    page.show_tab("feedback")
    job = page.letters_job()
    from alliance_desk.ui.printing import save_pdf_to

    path = save_pdf_to(page, job.build, tmp_path / "letters.pdf", announce=False)
    assert path is not None
    pages = [p.extract_text().replace(" ", "") for p in pypdf.PdfReader(path).pages]
    assert len(pages) == 2
    assert "市财政局" in pages[0] and "张小明" in pages[0] and "王大伟" not in pages[0]
    assert "市医院" in pages[1] and "王大伟" in pages[1]
    assert all("反馈函" in p for p in pages)
    assert "13812345678" not in "".join(pages)
    assert datetime  # imported for the chain's times


def test_home_page_shows_the_workday_figures_and_chart(qtbot: QtBot, db: Database) -> None:
    from alliance_desk.services.clock import local_today
    from alliance_desk.ui.pages.home import HomePage

    ids = _world(db)
    today = local_today()
    m = members.create_member(
        db,
        members.MemberInput(
            name="张小明", unit_id=ids["finance"], community_unit_id=ids["community"]
        ),
        today=today,
    )
    members.change_member_state(
        db, m.id, MemberState.REPORTED, expected_version=m.version, on=today
    )
    page = HomePage(PageContext(db, area("home")))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    panel = page.workday_panel
    qtbot.waitUntil(lambda: panel.figures is not None, timeout=30_000)
    assert panel.values["reported"].text() == "1 / 1"
    assert panel.values["report_rate"].text() == "100.0%"
    assert panel.canvas is not None


def test_paper_sign_in_sheets_through_the_preview_dialog(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    ids = _world(db)
    m = members.create_member(
        db,
        members.MemberInput(
            name="张小明", unit_id=ids["finance"], community_unit_id=ids["community"]
        ),
        today=date(YEAR, 3, 1),
    )
    members.change_member_state(
        db, m.id, MemberState.REPORTED, expected_version=m.version, on=date(YEAR, 3, 1)
    )
    act = activities.create_activity(
        db,
        activities.ActivityInput(
            held_on=date(YEAR, 5, 9), community_unit_id=ids["community"], category="环境整治"
        ),
    )
    page = _page(qtbot, db)
    page.show_tab("activities")

    def sheet(name: str, rows: list[list[object]]) -> Path:
        book = openpyxl.Workbook()
        book.active.append(["活动编号", "姓名", "考勤", "签到时间", "签退时间"])
        for row in rows:
            book.active.append(row)
        book.save(tmp_path / name)
        return tmp_path / name

    twice = sheet("twice.xlsx", [[act.id, "张小明", "正常", "09:00", "11:00"]] * 2)
    dialog = page.import_attendance(twice)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert not dialog.apply_button.isEnabled()
    assert "有错误 2" in dialog.summary.text() or "有错误 1" in dialog.summary.text()
    dialog.reject()
    assert activities.list_attendance(db, act.id) == []

    good = sheet("good.xlsx", [[act.id, "张小明", "正常", "09:00", "11:30"]])
    dialog = page.import_attendance(good)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=10_000)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=10_000)
    (row,) = activities.list_attendance(db, act.id)
    assert row.hours == 2.5 and not row.confirmed


def test_figures_follow_the_period_chosen_while_they_were_computed(
    qtbot: QtBot, db: Database
) -> None:
    _world(db)
    page = _page(qtbot, db)
    page.show_tab("stats")
    page.year_box.setValue(YEAR - 1)  # before the first year's figures arrive
    page.quarter_box.setCurrentIndex(2)
    settled(qtbot, page)
    assert page.report is not None
    assert (page.report.period.year, page.report.period.quarter) == (YEAR - 1, 2)
    assert page.stats_summary.text().startswith(page.report.period.label)
    page.show_tab("feedback")
    assert page.feedback.count.text() == "正在统计……"
    settled(qtbot, page)
    assert page.feedback.count.text() == "共 0 条"


def test_the_whole_roll_keeps_the_first_pages_order(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_desk.ui.workday import page as page_module

    ids = _world(db)
    for name, unit in (
        ("张三", "finance"),
        ("安娜", "finance"),
        ("白云", "hospital"),
        ("周七", "hospital"),
    ):
        members.create_member(
            db,
            members.MemberInput(name=name, unit_id=ids[unit], community_unit_id=ids["community"]),
            today=date(YEAR, 3, 1),
        )
    monkeypatch.setattr(page_module, "FIRST_ROWS", 2)
    page = _page(qtbot, db)
    page.show_tab("members")
    first = [m.name for m in page.members.model.visible_rows()]
    qtbot.waitUntil(lambda: page.members.model.rowCount() == 4, timeout=10_000)
    names = [m.name for m in page.members.model.visible_rows()]
    assert first == ["安娜", "白云"] and names == ["安娜", "白云", "张三", "周七"]
