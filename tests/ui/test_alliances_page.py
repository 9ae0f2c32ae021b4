"""The 党建联盟 page driven like a clerk: picker, ending a membership, rotation, charter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from alliance_desk.core.errors import ConflictError
from alliance_desk.core.vocab import ChairPeriod, MembershipRole, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import (
    AllianceInput,
    add_members,
    create_alliance,
    get_alliance,
    list_alliances,
    update_alliance,
    update_membership,
)
from alliance_desk.services.clock import local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.register import alliance_editor
from alliance_desk.ui.register.alliance_editor import AllianceEditor
from alliance_desk.ui.register.alliances_page import AlliancesPage
from alliance_desk.ui.register.date_fields import date_of, set_date

FOUNDED = date(2020, 5, 1)
JOINED = date(2021, 1, 1)


def _units(db: Database, *names: str, active: bool = True) -> list[int]:
    return [
        create_unit(db, UnitInput(name=n, category=UnitCategory.GOVERNMENT, active=active)).unit.id
        for n in names
    ]


def _alliance(
    db: Database, name: str = "光明社区“红色引擎”党建联盟", lead: str = "光明社区党委"
) -> int:
    data = AllianceInput(
        name=name,
        lead_organisation=lead,
        founded_on=FOUNDED,
        charter="第一条　原章程。",
        chair_period=ChairPeriod.QUARTER,
    )
    return create_alliance(db, data).alliance.id


def _page(qtbot: QtBot, db: Database) -> AlliancesPage:
    page = AlliancesPage(db)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def _member_names(page: AlliancesPage) -> list[str]:
    return [line.member.unit_name for line in page.detail.members.model.visible_rows()]


def _warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent: QWidget, _title: str, text: str, *_args: object) -> int:
        shown.append(text)
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def test_picker_adds_three_units_at_once(qtbot: QtBot, db: Database) -> None:
    alliance_id = _alliance(db)
    ids = _units(db, "市民政局", "市人社局", "市方志办", "市图书馆")
    (stopped,) = _units(db, "已停用单位", active=False)
    page = _page(qtbot, db)
    assert page.detail.alliance_id == alliance_id

    picker = page.detail.members.add_members()
    assert picker is not None and picker.isVisible()
    offered = {u.id for u in picker.model.rows()}
    assert stopped not in offered and set(ids) <= offered
    picker.search.setText("市 局")
    assert {u.name for u in picker.model.visible_rows()} == {"市民政局", "市人社局"}
    first = picker.model.index(0, 0)
    assert picker.model.setData(first, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert picker.model.checked_ids() == [picker.model.row_at(0).id]
    picker.model.set_checked(picker.model.checked_ids(), False)
    picker.select_units([ids[2], ids[0], ids[1]])
    set_date(picker.joined_on, JOINED)
    with qtbot.waitSignal(page.detail.members.members_changed):
        picker.ok_button.click()

    assert _member_names(page) == ["市方志办", "市民政局", "市人社局"]
    assert page.detail.members.selected_line().member.unit_name == "市方志办"
    assert {m.joined_on for m in get_alliance(db, alliance_id).members} == {JOINED}
    assert page.model.row_at(0).member_count == 3

    again = page.detail.members.add_members()
    assert again is not None
    assert {u.id for u in again.model.rows()} == {ids[3]}
    again.reject()


def test_picker_without_a_choice_or_before_founding_stays_open(qtbot: QtBot, db: Database) -> None:
    _alliance(db)
    (unit,) = _units(db, "市民政局")
    page = _page(qtbot, db)
    picker = page.detail.members.add_members()
    assert picker is not None
    picker.ok_button.click()
    assert picker.isVisible()
    assert picker.units_error.text() == "请至少勾选一个单位。"

    picker.select_units([unit])
    set_date(picker.joined_on, FOUNDED - timedelta(days=1))
    picker.ok_button.click()
    assert picker.isVisible()
    assert picker.form.error_text("joined_on") == "加入日期不能早于联盟成立日期。"
    assert picker.model.checked_ids() == [unit]
    picker.reject()
    assert _member_names(page) == []


def test_end_membership_checks_the_date_and_keeps_history(qtbot: QtBot, db: Database) -> None:
    alliance_id = _alliance(db)
    ids = _units(db, "市民政局", "市人社局")
    add_members(db, alliance_id, ids, joined_on=JOINED)
    page = _page(qtbot, db)
    members = page.detail.members
    assert members.select_membership(members.model.row_at(0).member.membership_id)

    dialog = members.end_selected()
    assert dialog is not None
    too_early = JOINED - timedelta(days=10)
    set_date(dialog.left_on, too_early)
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.form.error_text("left_on") == "退出日期不能早于加入日期"
    assert date_of(dialog.left_on) == too_early

    yesterday = local_today() - timedelta(days=1)
    set_date(dialog.left_on, yesterday)
    with qtbot.waitSignal(members.members_changed):
        dialog.ok_button.click()

    assert _member_names(page) == ["市人社局", "市民政局"]
    ended = members.model.row_at(1)
    assert not ended.current and ended.member.left_on == yesterday
    assert members.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert members.model.index(1, 4).data() == f"{yesterday:%Y-%m-%d}"
    assert members.model.index(0, 6).data() == "1"
    assert not members.end_button.isEnabled()  # the ended row stays selected: nothing to end
    assert page.model.row_at(0).member_count == 1

    members.select_membership(members.model.row_at(0).member.membership_id)
    today = members.end_selected()
    assert today is not None
    with qtbot.waitSignal(members.members_changed):
        today.ok_button.click()  # leaving today: still current until the day ends
    line = members.selected_line()
    assert line.current and line.member.left_on == local_today()
    assert not members.end_button.isEnabled() and members.end_selected() is None


def test_move_down_changes_the_rotation_order(qtbot: QtBot, db: Database) -> None:
    alliance_id = _alliance(db)
    add_members(db, alliance_id, _units(db, "甲单位", "乙单位", "丙单位"), joined_on=JOINED)
    page = _page(qtbot, db)
    members = page.detail.members
    members.select_membership(members.model.row_at(0).member.membership_id)
    assert not members.up_button.isEnabled()

    with qtbot.waitSignal(members.members_changed):
        members.down_button.click()
    assert _member_names(page) == ["乙单位", "甲单位", "丙单位"]
    assert members.selected_line().member.unit_name == "甲单位"
    members.down_button.click()
    assert _member_names(page) == ["乙单位", "丙单位", "甲单位"]
    assert not members.down_button.isEnabled()
    stored = sorted(get_alliance(db, alliance_id).members, key=lambda m: m.rotation_order)
    assert [m.unit_name for m in stored] == ["乙单位", "丙单位", "甲单位"]


def test_ctrl_up_moves_the_selected_member(qtbot: QtBot, db: Database) -> None:
    alliance_id = _alliance(db)
    add_members(db, alliance_id, _units(db, "甲单位", "乙单位"), joined_on=JOINED)
    page = _page(qtbot, db)
    members = page.detail.members
    members.select_membership(members.model.row_at(1).member.membership_id)
    _activate(qtbot, members.table)
    with qtbot.waitSignal(members.members_changed):
        qtbot.keyClick(members.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _member_names(page) == ["乙单位", "甲单位"]


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_ctrl_f_searches_and_enter_edits(qtbot: QtBot, db: Database) -> None:
    _alliance(db)
    page = _page(qtbot, db)
    _activate(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    _activate(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.findChild(AllianceEditor)
    assert editor is not None and editor.isVisible() and not editor.is_new
    editor.reject()


def test_ctrl_n_opens_a_new_alliance(qtbot: QtBot, db: Database) -> None:
    page = _page(qtbot, db)
    _activate(qtbot, page.search)
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.findChild(AllianceEditor) is not None)  # animated click
    editor = page.findChild(AllianceEditor)
    assert editor is not None and editor.is_new
    editor.reject()


def test_role_and_chair_toggles_and_a_conflict_reloads(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    alliance_id = _alliance(db)
    add_members(db, alliance_id, _units(db, "甲单位"), joined_on=JOINED)
    page = _page(qtbot, db)
    members = page.detail.members
    members.select_membership(members.model.row_at(0).member.membership_id)
    assert members.role_button.text() == "设为牵头"
    members.role_button.click()
    assert members.selected_line().member.role == MembershipRole.LEAD
    assert members.role_button.text() == "设为成员"
    members.chair_button.click()
    assert members.model.index(0, 5).data() == "否"

    line = members.selected_line()
    update_membership(  # another clerk changes the same membership meanwhile
        db,
        line.member.membership_id,
        role=MembershipRole.MEMBER,
        chair_eligible=False,
        expected_version=line.member.version,
    )
    shown = _warnings(monkeypatch)
    members.chair_button.click()
    assert shown == [ConflictError("该成员关系").message]
    reloaded = members.selected_line()
    assert reloaded.member.role == MembershipRole.MEMBER and not reloaded.member.chair_eligible


def test_edit_charter_from_the_detail(qtbot: QtBot, db: Database) -> None:
    alliance_id = _alliance(db)
    add_members(db, alliance_id, _units(db, "甲单位", "乙单位"), joined_on=JOINED)
    page = _page(qtbot, db)
    members = page.detail.members
    members.select_membership(members.model.row_at(1).member.membership_id)
    page.detail.charter_button.click()
    editor = page.findChild(AllianceEditor)
    assert editor is not None and editor.isVisible()
    assert editor.charter.toPlainText() == "第一条　原章程。"
    assert editor.focusWidget() is editor.charter
    new_charter = "第一条　联盟由光明社区党委牵头。\n第二条　每季度召开一次联席会议。"
    editor.charter.setPlainText(new_charter)
    with qtbot.waitSignal(page.alliances_changed):
        editor.save_button.click()
    assert page.detail.charter.toPlainText() == new_charter
    assert members.selected_line().member.unit_name == "乙单位"  # the selection stays
    assert get_alliance(db, alliance_id).charter == new_charter


def test_editor_keeps_what_was_typed_on_error_and_offers_reload(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    alliance_id = _alliance(db)
    _alliance(db, "安康社区党建联盟", "安康社区党委")
    page = _page(qtbot, db)
    editor = page.edit_selected()
    assert editor is not None
    editor.name.setText("安康社区党建联盟")
    editor.charter.setPlainText("新章程")
    editor.founded_known.setChecked(False)
    editor.save_button.click()
    assert editor.isVisible()
    assert "重复" in editor.form.error_text("name")
    assert editor.charter.toPlainText() == "新章程" and not editor.founded_on.isEnabled()

    other = get_alliance(db, alliance_id).alliance
    update_alliance(
        db,
        alliance_id,
        AllianceInput(name="他人改过的名称", charter="他人的章程"),
        expected_version=other.version,
    )
    asked: list[str] = []

    def offer_reload(_parent: QWidget, error: ConflictError) -> bool:
        asked.append(error.message)
        return True

    monkeypatch.setattr(alliance_editor, "offer_reload", offer_reload)
    editor.name.setText("我的名称")
    editor.save_button.click()
    assert asked and "已被他人修改" in asked[0]
    assert editor.name.text() == "他人改过的名称" and editor.charter.toPlainText() == "他人的章程"
    with qtbot.waitSignal(page.alliances_changed):
        editor.save_button.click()
    assert page.model.row_at(0).name == "他人改过的名称"


def test_new_alliance_is_listed_and_selected(qtbot: QtBot, db: Database) -> None:
    _alliance(db)
    page = _page(qtbot, db)
    editor = page.new_alliance()
    editor.name.setText("新城社区“法润民心”党建联盟")
    editor.lead_organisation.setText("新城社区党委")
    editor.chair_period.setCurrentIndex(editor.chair_period.findData(ChairPeriod.YEAR))
    with qtbot.waitSignal(page.alliances_changed):
        editor.save_button.click()
    assert len(list_alliances(db)) == 2
    assert page.selected_alliance().name == "新城社区“法润民心”党建联盟"
    assert page.detail.period_label.text() == "年"
    assert page.detail.founded_label.text() == "未登记"


def test_search_filters_the_list_and_follows_the_selection(qtbot: QtBot, db: Database) -> None:
    _alliance(db, "光明社区“红色引擎”党建联盟", "光明社区党委")
    _alliance(db, "安康社区“邻里守望”党建联盟", "安康社区党委")
    _alliance(db, "幸福社区“消防安全”党建联盟", "光明街道党工委")
    page = _page(qtbot, db)
    page.search.setText("光明")
    names = [r.name for r in page.model.visible_rows()]
    assert names == ["光明社区“红色引擎”党建联盟", "幸福社区“消防安全”党建联盟"]
    assert page.count_label.text() == "显示 2 / 共 3 个联盟"
    page.search.setText("邻里")
    assert page.detail.name_label.text() == "安康社区“邻里守望”党建联盟"
    page.search.setText("没有这个联盟")
    assert page.model.rowCount() == 0 and page.detail.alliance_id is None
    page.search.clear()
    assert page.model.rowCount() == 3


def test_header_click_sorts_by_member_count(qtbot: QtBot, db: Database) -> None:
    small = _alliance(db, "甲联盟")
    large = _alliance(db, "乙联盟")
    add_members(db, large, _units(db, "甲单位", "乙单位"), joined_on=JOINED)
    add_members(db, small, _units(db, "丙单位"), joined_on=JOINED)
    page = _page(qtbot, db)
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [r.name for r in page.model.visible_rows()] == ["乙联盟", "甲联盟"]


def test_member_model_passes_qt_model_tester(
    qtbot: QtBot, db: Database, qtmodeltester: ModelTester
) -> None:
    alliance_id = _alliance(db)
    detail = add_members(db, alliance_id, _units(db, "甲单位", "乙单位"), joined_on=JOINED)
    from alliance_desk.services.alliances import end_membership

    end_membership(
        db, detail.members[0].membership_id, JOINED, expected_version=detail.members[0].version
    )
    page = _page(qtbot, db)
    qtmodeltester.check(page.detail.members.model)
    page.detail.members.reload()
    qtmodeltester.check(page.detail.members.model)
    picker = page.detail.members.add_members()
    assert picker is not None
    qtmodeltester.check(picker.model)
    picker.reject()


def test_page_shows_the_demo_register(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db)
    assert page.model.rowCount() == 24
    first = page.model.row_at(0)
    assert page.detail.name_label.text() == first.name
    lines = page.detail.members.model.rows()
    assert sum(1 for line in lines if line.current) == first.member_count
    assert [line.position for line in lines if line.current] == list(
        range(1, first.member_count + 1)
    )


def test_next_meeting_column_shows_date_number_and_state(qtbot: QtBot, db: Database) -> None:
    from datetime import datetime

    from alliance_desk.services import meetings as mt

    alliance_id = _alliance(db)
    quiet = _alliance(db, "安康社区党建联盟", "安康社区党委")
    add_members(db, alliance_id, _units(db, "甲单位"), joined_on=JOINED)
    year = local_today().year + 1
    at = datetime(year, 3, 3, 9, 30)  # a Wednesday
    result = mt.schedule_meeting(
        db, alliance_id=alliance_id, starts_at=at, place="会议室", confirm_non_working_day=True
    )
    assert result.meeting is not None
    mt.add_agenda_items(db, result.meeting.meeting.id, [mt.AgendaInput("通报工作")])
    mt.notify(db, result.meeting.meeting.id)
    page = _page(qtbot, db)
    column = next(
        c
        for c in range(page.model.columnCount())
        if page.model.headerData(c, Qt.Orientation.Horizontal) == "下次会议"
    )
    shown = {r.id: page.model.index(i, column).data() for i, r in enumerate(page.model.rows())}
    assert shown == {alliance_id: f"{year}-03-03 09:30 第1次（已通知）", quiet: ""}
