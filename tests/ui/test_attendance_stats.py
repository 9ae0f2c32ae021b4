"""出席统计 dialog: opened from the meetings page, rates per unit and per meeting read on a
worker thread, year switch, search, sort, red low rates, export to Excel and back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import AttendanceState, ChairPeriod, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui import file_dialogs
from alliance_desk.ui.meetings.attendance_stats_dialog import AttendanceStatsDialog
from alliance_desk.ui.meetings.columns import LATE_COLOR
from alliance_desk.ui.meetings.page import MeetingsPage
from alliance_desk.ui.models.row_table import RowTableModel
from alliance_desk.ui.navigation import PageContext, area

PRESENT, ABSENT = AttendanceState.PRESENT, AttendanceState.ABSENT
EXCUSED, DELEGATED = AttendanceState.EXCUSED, AttendanceState.DELEGATED
YEAR = 2026
EAST, WEST = "城东党建联盟", "城西党建联盟"


def _alliance(db: Database, name: str, units: dict[str, int]) -> int:
    alliance_id = create_alliance(
        db, AllianceInput(name=name, chair_period=ChairPeriod.QUARTER)
    ).alliance.id
    add_members(db, alliance_id, list(units.values()), joined_on=date(2020, 1, 1))
    return alliance_id


def _held(
    db: Database, alliance_id: int, at: datetime, lines: dict[int, AttendanceState]
) -> None:
    """Schedule, agenda, notice, attendance, held: each step through the services."""
    result = mt.schedule_meeting(
        db, alliance_id=alliance_id, starts_at=at, place="党群服务中心会议室"
    )
    assert result.meeting is not None, result.warning
    meeting_id = result.meeting.meeting.id
    first = next(iter(lines))
    mt.add_agenda_items(
        db, meeting_id, [mt.AgendaInput(title="通报工作", presenter_unit_id=first)]
    )
    mt.notify(db, meeting_id)
    rows = [
        mt.AttendanceInput(unit, state, "代表" if state is DELEGATED else "")
        for unit, state in lines.items()
    ]
    mt.record_attendance(db, meeting_id, rows)
    mt.hold_meeting(db, meeting_id, today=at.date())


@pytest.fixture
def town(db: Database) -> dict[str, int]:
    """Two alliances sharing 人民医院; one held meeting each in 2026, one draft (not counted)."""
    names = ("城东社区", "人民医院", "供电公司", "城西社区")
    units = {}
    for name in names:
        category = UnitCategory.COMMUNITY if name.endswith("社区") else UnitCategory.GOVERNMENT
        units[name] = create_unit(db, UnitInput(name=name, category=category)).unit.id
    east = _alliance(db, EAST, {n: units[n] for n in ("城东社区", "人民医院", "供电公司")})
    west = _alliance(db, WEST, {n: units[n] for n in ("城西社区", "人民医院")})
    _held(
        db,
        east,
        datetime(YEAR, 3, 10, 9),
        {units["城东社区"]: PRESENT, units["人民医院"]: DELEGATED, units["供电公司"]: ABSENT},
    )
    west_lines = {units["城西社区"]: PRESENT, units["人民医院"]: EXCUSED}
    _held(db, west, datetime(YEAR, 4, 8, 9), west_lines)
    draft = mt.schedule_meeting(db, alliance_id=east, starts_at=datetime(YEAR, 6, 9, 9))
    assert draft.meeting is not None
    return {"east": east, "west": west}


def _page(qtbot: QtBot, db: Database) -> MeetingsPage:
    page = MeetingsPage(PageContext(db, area("meetings"), lambda *_args: None))
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def _open(qtbot: QtBot, page: MeetingsPage) -> AttendanceStatsDialog:
    """Click 出席统计… and wait for the figures read on the worker thread."""
    before = page.stats_dialog.stats if page.stats_dialog is not None else None
    qtbot.mouseClick(page.stats_button, Qt.MouseButton.LeftButton)
    dialog = page.stats_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.stats is not None and dialog.stats is not before)
    return dialog


def _cells(model: RowTableModel[Any]) -> list[tuple[str, ...]]:
    return [
        tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def _red_rows(model: RowTableModel[Any]) -> list[str]:
    red = []
    for r in range(model.rowCount()):
        brush = model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole)
        if isinstance(brush, QBrush) and brush.color() == LATE_COLOR:
            red.append(model.data(model.index(r, 0)))
    return red


def test_rates_per_unit_and_meeting_from_the_page(
    qtbot: QtBot, db: Database, town: dict[str, int]
) -> None:
    page = _page(qtbot, db)
    page.choose(alliance_id=None, year=YEAR)
    dialog = _open(qtbot, page)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == "出席统计"
    assert dialog.alliance.currentText() == "全部联盟" and dialog.selected_year() == YEAR

    units = dialog.unit_model
    assert [units.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "单位", "所属联盟", "应到次数", "出席", "委托出席", "请假", "缺席", "出席率",
    ]  # fmt: skip
    assert not dialog.unit_table.isColumnHidden(1)
    # Hand-computed: 实到 = 出席 + 委托出席; 应到 = recorded lines at held meetings.
    assert sorted(_cells(units)) == sorted([
        ("城东社区", EAST, "1", "1", "0", "0", "0", "100.0%"),
        ("人民医院", f"{EAST}、{WEST}", "2", "0", "1", "1", "0", "50.0%"),
        ("供电公司", EAST, "1", "0", "0", "0", "1", "0.0%"),
        ("城西社区", WEST, "1", "1", "0", "0", "0", "100.0%"),
    ])  # fmt: skip
    assert sorted(_red_rows(units)) == sorted(["人民医院", "供电公司"])
    rule = units.headerData(7, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "出席、委托出席" in rule and "请假" in rule

    meetings = dialog.meeting_model
    assert _cells(meetings) == [
        (f"{EAST}第1次联席会议", f"{YEAR}-03-10", "3", "2", "66.7%"),
        (f"{WEST}第1次联席会议", f"{YEAR}-04-08", "2", "1", "50.0%"),
    ]
    assert _red_rows(meetings) == [f"{WEST}第1次联席会议"]
    assert "召开会议 2 次，总出席率 60.0%" in dialog.summary.text()  # 3 of 5
    assert "4 个单位中 2 个低于 60%" in dialog.summary.text()

    dialog.unit_table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    assert [row[0] for row in _cells(units)] == ["供电公司", "人民医院", "城东社区", "城西社区"]
    dialog.search.setText("医院")
    assert [row[0] for row in _cells(units)] == ["人民医院"]
    assert meetings.rowCount() == 0
    dialog.search.setText("城西")
    assert [row[0] for row in _cells(units)] == ["人民医院", "城西社区"]  # by alliance too
    dialog.search.clear()

    other = next(i for i in range(dialog.year.count()) if dialog.year.itemData(i) != YEAR)
    with qtbot.waitSignal(dialog.loaded):
        dialog.year.setCurrentIndex(other)
    assert units.rowCount() == 0 and meetings.rowCount() == 0
    assert "没有已召开的会议" in dialog.summary.text()
    assert not dialog.export_button.isEnabled()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # Reopened with one alliance chosen on the page: the same window, that alliance only.
    page.choose(alliance_id=town["east"], year=YEAR)
    again = _open(qtbot, page)
    assert again is dialog and again.isVisible()
    assert again.alliance.currentText() == EAST and again.selected_year() == YEAR
    assert again.unit_table.isColumnHidden(1)
    assert sorted((row[0], row[2], row[7]) for row in _cells(again.unit_model)) == sorted([
        ("城东社区", "1", "100.0%"), ("人民医院", "1", "100.0%"), ("供电公司", "1", "0.0%"),
    ])  # fmt: skip
    assert again.meeting_model.rowCount() == 1


def test_export_writes_the_unit_table(
    qtbot: QtBot,
    db: Database,
    town: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _page(qtbot, db)
    page.choose(alliance_id=None, year=YEAR)
    dialog = _open(qtbot, page)
    dialog.unit_table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    target = tmp_path / "出席统计"  # no extension: .xlsx is added
    asked: list[str] = []

    def save_name(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(name).name)
        return str(target), ""

    monkeypatch.setattr(file_dialogs.QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(dialog.exported) as written:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == [f"出席统计_{YEAR}年_全部联盟.xlsx"]
    path = written.args[0]
    assert path == target.with_suffix(".xlsx") and path.exists()
    assert str(path) in dialog.status.text()

    table = read_table(path, lambda cells: cells[:1] == ("单位",))
    assert table is not None
    assert table.sheet == f"{YEAR}年出席统计"
    assert table.header == (
        "单位", "所属联盟", "应到次数", "出席", "委托出席", "请假", "缺席", "出席率(%)",
    )  # fmt: skip
    assert [cells for _n, cells in table.rows] == [  # in the order shown: lowest rate first
        ("供电公司", EAST, 1, 0, 0, 0, 1, 0),
        ("人民医院", f"{EAST}、{WEST}", 2, 0, 1, 1, 0, 50),
        ("城东社区", EAST, 1, 1, 0, 0, 0, 100),
        ("城西社区", WEST, 1, 1, 0, 0, 0, 100),
    ]


def test_one_alliance_export_has_no_alliance_column(
    qtbot: QtBot, db: Database, town: dict[str, int], tmp_path: Path
) -> None:
    dialog = AttendanceStatsDialog(db, alliance_id=town["west"], year=YEAR, years=[YEAR])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.stats is not None)
    with qtbot.waitSignal(dialog.exported):
        dialog.export_to(tmp_path / "城西.xlsx")
    table = read_table(tmp_path / "城西.xlsx", lambda cells: cells[:1] == ("单位",))
    assert table is not None
    assert table.header[1] == "应到次数"
    assert sorted(cells for _n, cells in table.rows) == sorted([
        ("人民医院", 1, 0, 0, 1, 0, 0), ("城西社区", 1, 1, 0, 0, 0, 100),
    ])  # fmt: skip
