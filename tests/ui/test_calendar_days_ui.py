"""系统 → 节假日与调休…: see a year's status, add and remove a day, paste a whole list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.calendar_days import list_calendar_days
from alliance_desk.ui.meetings.holiday_calendar import HolidayCalendar
from alliance_desk.ui.meetings.holidays_dialog import HolidaysDialog
from alliance_desk.ui.navigation import PageContext, area
from alliance_desk.ui.pages.system import SystemPage
from alliance_desk.ui.register.date_fields import set_date

YEAR = 2031
PASTED = "2031-01-01 放假 元旦\n2031-01-25 调休上班 春节\n\n2031-01-27 放假 春节\n"


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> Iterator[HolidaysDialog]:
    """The dialog opened from the 系统 page (which owns it, so it stays alive here)."""
    page = SystemPage(PageContext(db, area("system")))
    qtbot.addWidget(page)
    page.show()
    page.holidays_button.click()
    opened = page.holidays
    assert opened is not None and opened.isVisible()
    opened.year.setValue(YEAR)
    yield opened


def _table(dialog: HolidaysDialog) -> list[list[str]]:
    return [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]


def test_a_year_without_data_says_so_until_days_are_entered(
    dialog: HolidaysDialog, db: Database
) -> None:
    assert "没有内置 2031 年" in dialog.status.text() and "也尚未录入" in dialog.status.text()
    dialog.year.setValue(2025)
    assert dialog.status.text().startswith("程序内置了 2025 年")
    dialog.year.setValue(YEAR)

    dialog.paste.setPlainText(PASTED)
    assert dialog.import_pasted()
    assert _table(dialog) == [
        ["2031-01-01", "三", "放假", "元旦"],
        ["2031-01-25", "六", "调休上班", "春节"],
        ["2031-01-27", "一", "放假", "春节"],
    ]
    assert dialog.import_errors.text() == "已导入 3 天。"
    assert dialog.paste.toPlainText() == ""
    assert "以下为录入的安排" in dialog.status.text()
    calendar = mt.workday_calendar(db)
    assert calendar.year_note(YEAR) == "" and calendar.is_workday(date(YEAR, 1, 25))


def test_a_paste_with_a_bad_line_imports_nothing_and_names_the_line(
    dialog: HolidaysDialog, db: Database
) -> None:
    dialog.paste.setPlainText("2031-01-01 放假 元旦\n2031-13-01 放假\n2030-12-31 放假")
    assert not dialog.import_pasted()
    assert dialog.import_errors.text() == (
        "第 2 行：日期“2031-13-01”不正确，应写作 2027-01-01\n第 3 行：2030-12-31 不在 2031 年"
    )
    assert list_calendar_days(db, YEAR) == [] and dialog.table.rowCount() == 0
    assert dialog.paste.toPlainText().startswith("2031-01-01")  # kept for correcting


def test_add_one_day_then_remove_it_after_confirming(
    dialog: HolidaysDialog, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_date(dialog.day, date(YEAR, 10, 1))
    dialog.name.setText("国庆节")
    assert dialog.add_day()
    assert _table(dialog) == [["2031-10-01", "三", "放假", "国庆节"]]
    assert not mt.day_kind_on(db, date(YEAR, 10, 1)).is_workday

    set_date(dialog.day, date(YEAR, 10, 11))
    dialog.kind.setCurrentIndex(dialog.kind.findData(True))
    dialog.name.setMaxLength(100)  # the field stops at 50; the rule is the service's
    dialog.name.setText("节" * 51)
    assert not dialog.add_day()
    assert dialog.add_error.text() == "名称不能超过 50 个字。"

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: QWidget, _title: str, _text: str, *_args: object) -> object:
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled()
    assert not dialog.remove_selected()
    assert dialog.table.rowCount() == 1
    assert dialog.remove_selected()
    assert dialog.table.rowCount() == 0 and list_calendar_days(db, YEAR) == []


def test_entered_days_are_marked_in_the_meeting_date_picker(
    qtbot: QtBot, dialog: HolidaysDialog, db: Database
) -> None:
    dialog.paste.setPlainText(PASTED)
    assert dialog.import_pasted()
    picker = HolidayCalendar(mt.workday_calendar(db))
    qtbot.addWidget(picker)
    picker.setCurrentPage(YEAR, 1)
    marked = picker.marked_days()
    assert sorted(marked) == [date(YEAR, 1, 1), date(YEAR, 1, 25), date(YEAR, 1, 27)]
    assert picker.dateTextFormat(QDate(YEAR, 1, 25)).toolTip() == "春节"
    assert picker.year_note(YEAR) == ""
