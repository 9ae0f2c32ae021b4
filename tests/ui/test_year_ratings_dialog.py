"""年度互评 dialog: opened from the commitments page, both sides rated and shown side by
side, errors kept at their field with what was typed, a conflict, Enter and Esc."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui_helpers import ModalCloser

from alliance_desk.core.commitments import SATISFACTION_RATE_FORMULA
from alliance_desk.core.vocab import MembershipRole, Rating, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments.records import local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.services.year_ratings import rate_year, year_rating_sheet
from alliance_desk.ui.commitments.page import CommitmentsPage
from alliance_desk.ui.commitments.year_ratings_dialog import (
    Side,
    YearRatingEditor,
    YearRatingsDialog,
)
from alliance_desk.ui.navigation import PageContext, area
from alliance_desk.ui.register.date_fields import date_of, set_date

TODAY = local_today()
YEAR = TODAY.year - 1
JOINED = date(2020, 1, 1)


@dataclass(frozen=True)
class Town:
    east: int
    west: int
    community: int
    bureau: int
    firm: int


def _unit(db: Database, name: str, category: UnitCategory) -> int:
    return create_unit(db, UnitInput(name=name, category=category)).unit.id


@pytest.fixture
def town(db: Database) -> Town:
    community = _unit(db, "东湖社区", UnitCategory.COMMUNITY)
    bureau = _unit(db, "区民政局", UnitCategory.GOVERNMENT)
    firm = _unit(db, "兴业科技公司", UnitCategory.PRIVATE_ENTERPRISE)
    east = create_alliance(db, AllianceInput(name="东片联盟")).alliance.id
    add_members(db, east, [community], joined_on=JOINED, role=MembershipRole.LEAD)
    add_members(db, east, [bureau, firm], joined_on=JOINED)
    west = create_alliance(db, AllianceInput(name="西片联盟")).alliance.id
    add_members(db, west, [bureau], joined_on=JOINED)  # no community in this one
    return Town(east, west, community, bureau, firm)


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _dialog(qtbot: QtBot, db: Database, alliance_id: int) -> YearRatingsDialog:
    dialog = YearRatingsDialog(db, alliance_id=alliance_id, year=YEAR)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _cell(dialog: YearRatingsDialog, unit_id: int, column: int) -> str:
    row = dialog.model.view_row_of(lambda line: line.unit_id == unit_id)
    assert row >= 0
    return str(dialog.model.index(row, column).data())


def _save(editor: YearRatingEditor) -> None:
    button = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    button.click()


def test_rate_both_sides_from_the_page_and_see_them_side_by_side(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    page = CommitmentsPage(PageContext(db, area("commitments"), lambda *_args: None))
    qtbot.addWidget(page)
    page.show()
    page.filters.set_values(alliance_id=town.east)
    page.year_ratings_button.click()
    dialog = page.findChild(YearRatingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.alliance.currentData() == town.east
    dialog.year.setCurrentIndex(dialog.year.findData(YEAR))
    assert dialog.community.text() == "社区：东湖社区"
    assert [line.unit_name for line in dialog.model.rows()] == ["区民政局", "兴业科技公司"]
    assert _cell(dialog, town.bureau, 1) == "未评价"

    # the community rates 区民政局: select that cell and press Enter
    assert dialog.select(town.bureau, Side.BY_COMMUNITY)
    _activate(qtbot, dialog.table)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    editor = dialog.editor
    assert editor is not None and editor.isVisible() and editor.side is Side.BY_COMMUNITY
    assert editor.heading.text() == f"{YEAR} 年度：“东湖社区”评价“区民政局”"
    editor.choose(Rating.SATISFIED, "积极参与社区治理")
    _save(editor)
    qtbot.waitUntil(lambda: dialog.editor is None)
    assert dialog.isVisible()  # Enter did not close the dialog
    assert _cell(dialog, town.bureau, 1).startswith("满意（100 分）")
    assert _cell(dialog, town.bureau, 2) == "积极参与社区治理"

    # 区民政局 rates the community: double-click its side
    row = dialog.model.view_row_of(lambda line: line.unit_id == town.bureau)
    index = dialog.model.index(row, 3)
    centre = dialog.table.visualRect(index).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = dialog.editor
    assert editor is not None and editor.side is Side.OF_COMMUNITY
    editor.choose(Rating.BASICALLY_SATISFIED, "活动场地协调及时")
    _save(editor)
    qtbot.waitUntil(lambda: dialog.editor is None)

    assert _cell(dialog, town.bureau, 1).startswith("满意（100 分）")
    assert _cell(dialog, town.bureau, 3).startswith("基本满意（80 分）")
    assert _cell(dialog, town.bureau, 4) == "活动场地协调及时"
    assert _cell(dialog, town.firm, 1) == "未评价"
    summary = dialog.summary.text()
    assert "社区对单位：满意 1，基本满意 0，不满意 0，满意率 100.0%" in summary
    assert "单位对社区：满意 0，基本满意 1，不满意 0，满意率 100.0%" in summary
    assert "已评 2 / 应评 4" in summary
    assert dialog.summary.toolTip() == SATISFACTION_RATE_FORMULA
    line = year_rating_sheet(db, alliance_id=town.east, year=YEAR).line_of(town.bureau)
    assert line is not None and line.by_community and line.of_community
    assert (line.by_community.rating, line.of_community.rating) == (
        Rating.SATISFIED,
        Rating.BASICALLY_SATISFIED,
    )

    # another year has its own sheet; Esc closes the dialog
    dialog.year.setCurrentIndex(dialog.year.findData(YEAR - 1))
    assert _cell(dialog, town.bureau, 1) == "未评价"
    _activate(qtbot, dialog.table)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.findChild(YearRatingsDialog) is None)


def test_a_refused_save_keeps_what_was_typed_and_shows_the_error_at_the_field(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    dialog = _dialog(qtbot, db, town.east)
    assert dialog.select(town.firm, Side.BY_COMMUNITY)
    editor = dialog.rate_unit()
    assert editor is not None
    editor.choose(Rating.UNSATISFIED, "")
    _save(editor)
    assert editor.isVisible()
    assert "不满意" in editor.form.error_text("comment")
    assert editor.rating.currentData() == Rating.UNSATISFIED.value

    editor.comment.setPlainText("全年两次联席会议未到场")
    set_date(editor.rated_on, TODAY + timedelta(days=1))
    _save(editor)
    assert editor.isVisible()
    assert "不能晚于今天" in editor.form.error_text("rated_on")
    assert editor.form.error_text("comment") == ""
    assert editor.comment.toPlainText() == "全年两次联席会议未到场"
    assert editor.rating.currentData() == Rating.UNSATISFIED.value
    assert _cell(dialog, town.firm, 1) == "未评价"

    set_date(editor.rated_on, TODAY)
    _save(editor)
    qtbot.waitUntil(lambda: dialog.editor is None)
    assert _cell(dialog, town.firm, 1).startswith("不满意（40 分）")
    assert _cell(dialog, town.firm, 2) == "全年两次联席会议未到场"
    row = dialog.model.view_row_of(lambda line: line.unit_id == town.firm)
    assert dialog.model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_another_clerks_save_first_is_reported_and_the_text_stays(
    qtbot: QtBot, db: Database, town: Town, modal_closer: ModalCloser
) -> None:
    rate_year(
        db, alliance_id=town.east, year=YEAR, rater_unit_id=town.bureau,
        ratee_unit_id=town.community, rating=Rating.SATISFIED, comment="", rated_on=TODAY,
    )  # fmt: skip
    dialog = _dialog(qtbot, db, town.east)
    dialog.select(town.bureau, Side.OF_COMMUNITY)
    editor = dialog.edit_selected()
    assert editor is not None and editor.side is Side.OF_COMMUNITY
    assert editor.rating.currentData() == Rating.SATISFIED.value  # the saved one is shown
    entry = year_rating_sheet(db, alliance_id=town.east, year=YEAR).line_of(town.bureau)
    assert entry is not None and entry.of_community is not None
    rate_year(
        db, alliance_id=town.east, year=YEAR, rater_unit_id=town.bureau,
        ratee_unit_id=town.community, rating=Rating.BASICALLY_SATISFIED, comment="另一位同事",
        rated_on=TODAY, expected_version=entry.of_community.version,
    )  # fmt: skip
    editor.choose(Rating.SATISFIED, "我的评语")
    _save(editor)
    assert any("已被他人修改" in text for text in modal_closer.texts)
    assert editor.isVisible()  # "继续编辑": nothing typed is lost
    assert editor.comment.toPlainText() == "我的评语"
    editor.reject()
    qtbot.waitUntil(lambda: dialog.editor is None)
    assert _cell(dialog, town.bureau, 4) == "另一位同事"  # closing shows the newer rating


def test_an_alliance_without_a_community_cannot_be_rated(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    dialog = _dialog(qtbot, db, town.west)
    assert "没有社区成员" in dialog.community.text()
    assert [line.unit_name for line in dialog.model.rows()] == ["区民政局"]
    assert not dialog.by_community_button.isEnabled()
    assert not dialog.of_community_button.isEnabled()
    dialog.alliance.setCurrentIndex(dialog.alliance.findData(town.east))
    assert dialog.by_community_button.isEnabled() and dialog.of_community_button.isEnabled()


def test_the_editor_starts_on_today_and_the_model_passes_the_tester(
    qtbot: QtBot, db: Database, town: Town, qtmodeltester: ModelTester
) -> None:
    dialog = _dialog(qtbot, db, town.east)
    dialog.select(town.bureau, Side.BY_COMMUNITY)
    editor = dialog.rate_unit()
    assert editor is not None
    assert date_of(editor.rated_on) == TODAY and editor.rating.currentIndex() == -1
    editor.reject()
    qtbot.waitUntil(lambda: dialog.editor is None)
    qtmodeltester.check(dialog.model)
