"""双向承诺 page: a commitment from scratch to a late fulfilment rated both ways, the
filters and their counts, targets from other pages, bulk actions, export, import."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from alliance_desk.core.commitments import DueWindow
from alliance_desk.core.errors import ConflictError
from alliance_desk.core.vocab import (
    CommitmentDirection,
    CommitmentState,
    MembershipRole,
    Rating,
    UnitCategory,
)
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments import (
    create_commitment,
    get_commitment,
    transition,
    update_commitment,
)
from alliance_desk.services.commitments.records import local_today
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.register_io.table_write import write_table
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.commitments import editor as editor_module
from alliance_desk.ui.commitments.columns import DUE_COLUMN
from alliance_desk.ui.commitments.list_model import OVERDUE_BACKGROUND, PAGE_SIZE
from alliance_desk.ui.commitments.page import CommitmentsPage
from alliance_desk.ui.commitments.small_dialogs import DateReasonDialog
from alliance_desk.ui.navigation import PageContext, Target, area
from alliance_desk.ui.register.date_fields import set_date

TODAY = local_today()
JOINED = date(2020, 1, 1)


@dataclass(frozen=True)
class Town:
    east: int
    west: int
    community: int
    bureau: int
    firm: int
    community_west: int


def _unit(db: Database, name: str, category: UnitCategory) -> int:
    return create_unit(db, UnitInput(name=name, category=category)).unit.id


def _alliance(db: Database, name: str, lead: int, members: list[int]) -> int:
    alliance_id = create_alliance(db, AllianceInput(name=name)).alliance.id
    add_members(db, alliance_id, [lead], joined_on=JOINED, role=MembershipRole.LEAD)
    add_members(db, alliance_id, members, joined_on=JOINED)
    return alliance_id


@pytest.fixture
def town(db: Database) -> Town:
    community = _unit(db, "东湖社区", UnitCategory.COMMUNITY)
    community_west = _unit(db, "西湖社区", UnitCategory.COMMUNITY)
    bureau = _unit(db, "区民政局", UnitCategory.GOVERNMENT)
    firm = _unit(db, "兴业科技公司", UnitCategory.PRIVATE_ENTERPRISE)
    east = _alliance(db, "东片联盟", community, [bureau, firm])
    west = _alliance(db, "西片联盟", community_west, [bureau])
    return Town(east, west, community, bureau, firm, community_west)


def _commit(db: Database, town: Town, *, due: date, content: str = "开展助老服务", **more: object):
    values: dict[str, object] = {
        "alliance_id": town.east,
        "promisor_unit_id": town.bureau,
        "promisee_unit_id": town.community,
        "direction": CommitmentDirection.UNIT_TO_COMMUNITY,
        "content": content,
        "category": "志愿服务",
        "made_on": min(due, TODAY) - timedelta(days=60),
        "due_on": due,
    }
    values.update(more)
    return create_commitment(db, **values)  # type: ignore[arg-type]


def _to(db: Database, commitment_id: int, *states: CommitmentState) -> None:
    for state in states:
        version = get_commitment(db, commitment_id).version
        reason = "不再需要" if state is CommitmentState.CANCELLED else ""
        transition(db, commitment_id, state, on=TODAY, reason=reason, expected_version=version)


def _page(qtbot: QtBot, db: Database, opened: list[tuple[str, Target | None]] | None = None):
    def open_area(key: str, target: Target | None = None) -> None:
        if opened is not None:
            opened.append((key, target))

    page = CommitmentsPage(PageContext(db, area("commitments"), open_area))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def _click_ok(box: QDialogButtonBox) -> None:
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    button.click()


def _select(page: CommitmentsPage, *commitment_ids: int) -> None:
    page.table.clearSelection()
    for commitment_id in commitment_ids:
        assert page.select_commitment(commitment_id, add=True)


def test_from_scratch_to_a_late_fulfilment_rated_both_ways(
    qtbot: QtBot, db: Database, town: Town, data_dir: Path, tmp_path: Path
) -> None:
    page = _page(qtbot, db)
    editor = page.new_commitment()
    editor.alliance.setCurrentIndex(editor.alliance.findData(town.east))
    editor.direction.setCurrentIndex(
        editor.direction.findData(CommitmentDirection.UNIT_TO_COMMUNITY)
    )
    promisors = [editor.promisor.itemData(i) for i in range(editor.promisor.count())]
    assert promisors == [None, town.bureau, town.firm]  # no community promises 单位→社区
    editor.promisor.setCurrentIndex(editor.promisor.findData(town.bureau))
    editor.promisee.setCurrentIndex(editor.promisee.findData(town.community))
    set_date(editor.made_on, TODAY - timedelta(days=60))
    set_date(editor.due_on, TODAY - timedelta(days=90))
    editor.category.setEditText("志愿服务")
    editor.save_button.click()  # no content, due before made
    assert editor.isVisible() and editor.saved is None
    assert editor.form.error_text("content") == "承诺内容不能为空"
    assert editor.form.error_text("due_on") == "到期日期不能早于承诺日期"
    assert editor.promisor.currentData() == town.bureau  # nothing typed was lost

    editor.content.setPlainText("每月组织志愿者到社区开展助老服务")
    set_date(editor.due_on, TODAY - timedelta(days=10))
    editor.save_button.click()
    assert editor.saved is not None
    commitment_id = editor.saved.id
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert page.model.row_at(0).id == commitment_id

    detail = page.open_detail(commitment_id)
    assert detail is not None
    assert detail.step_buttons[CommitmentState.ACCEPTED].isVisibleTo(detail)
    assert not detail.step_buttons[CommitmentState.FULFILLED].isVisibleTo(detail)
    detail.step_buttons[CommitmentState.ACCEPTED].click()
    assert detail.detail.state is CommitmentState.ACCEPTED
    detail.step_buttons[CommitmentState.IN_PROGRESS].click()
    assert detail.detail.state is CommitmentState.IN_PROGRESS
    assert "已逾期" in detail.labels["state"].text()

    evidence = tmp_path / "服务签到表.pdf"
    evidence.write_bytes(b"%PDF-1.4 signed sheet")
    progress = detail.add_progress()
    progress.note.setPlainText("组织 15 名志愿者上门服务")
    progress.percent.setValue(60)
    progress.evidence_note.setText("签到表一份")
    progress.set_attachment(evidence)
    progress.save_button.click()
    copy = data_dir / "attachments" / f"commitment-{commitment_id}" / "服务签到表.pdf"
    assert copy.read_bytes() == evidence.read_bytes()
    assert detail.progress_table.rowCount() == 1
    assert detail.progress_table.item(0, 4).text() == "服务签到表.pdf"
    detail.progress_table.selectRow(0)
    assert detail.open_button.isEnabled()
    assert detail.selected_attachment() == f"attachments/commitment-{commitment_id}/服务签到表.pdf"

    fulfil = detail.fulfil()
    assert fulfil.day_value() == TODAY
    _click_ok(fulfil.findChild(QDialogButtonBox))
    assert detail.detail.state is CommitmentState.FULFILLED and detail.detail.late
    assert "逾期履诺" in detail.labels["state"].text()
    assert "按期履诺率" in detail.labels["state"].toolTip()

    detail.by_promisor.choose(Rating.SATISFIED, "社区配合很好")
    detail.by_promisor.save_button.click()
    detail.by_promisee.choose(Rating.BASICALLY_SATISFIED, "服务次数可再多些")
    detail.by_promisee.save_button.click()
    assert "满意（100 分）" in detail.by_promisor.status.text()
    assert "基本满意（80 分）" in detail.by_promisee.status.text()
    assert detail.by_promisee.comment.toPlainText() == "服务次数可再多些"
    assert "满意率" in detail.by_promisor.toolTip()
    history = [
        detail.history_table.item(r, 2).text() for r in range(detail.history_table.rowCount())
    ]
    assert history[0] == "推进中 → 已履诺"
    assert page.model.row_at(0).state is CommitmentState.FULFILLED  # the list followed
    assert page.model.data(page.model.index(0, 9)) == "已履诺（逾期）"


def _full_progress(qtbot: QtBot, db: Database, town: Town, on: date):
    """An accepted commitment, its detail open, 100% progress saved on ``on``."""
    commitment_id = _commit(db, town, due=TODAY + timedelta(days=30)).id
    _to(db, commitment_id, CommitmentState.ACCEPTED)
    page = _page(qtbot, db)
    detail = page.open_detail(commitment_id)
    assert detail is not None
    progress = detail.add_progress()
    progress.note.setPlainText("已完成全部 12 次上门服务")
    progress.percent.setValue(100)
    set_date(progress.recorded_on, on)
    progress.save_button.click()
    qtbot.waitUntil(lambda: detail.fulfilment_offer is not None)
    offer = detail.fulfilment_offer
    assert offer is not None and offer.isVisible()
    return page, detail, offer


def _offer_button(offer: QMessageBox, role: QMessageBox.ButtonRole):
    return next(b for b in offer.buttons() if offer.buttonRole(b) is role)


def test_full_progress_offers_to_mark_the_commitment_fulfilled(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    done_on = TODAY - timedelta(days=2)
    page, detail, offer = _full_progress(qtbot, db, town, done_on)
    assert "100%" in offer.text() and "已履诺" in offer.text()
    _offer_button(offer, QMessageBox.ButtonRole.YesRole).click()
    fulfil = [d for d in detail.findChildren(DateReasonDialog) if d.isVisible()]
    assert len(fulfil) == 1
    assert fulfil[0].day_value() == done_on  # the day the work was done
    _click_ok(fulfil[0].findChild(QDialogButtonBox))
    assert detail.detail.state is CommitmentState.FULFILLED
    assert detail.detail.fulfilled_on == done_on
    qtbot.waitUntil(lambda: page.model.row_at(0).state is CommitmentState.FULFILLED)
    assert page.model.row_at(0).percent == 100


def test_declining_the_offer_keeps_the_state(qtbot: QtBot, db: Database, town: Town) -> None:
    _, detail, offer = _full_progress(qtbot, db, town, TODAY)
    _offer_button(offer, QMessageBox.ButtonRole.NoRole).click()
    assert not [d for d in detail.findChildren(DateReasonDialog) if d.isVisible()]
    assert get_commitment(db, detail.detail.id).state is CommitmentState.IN_PROGRESS


def test_correct_a_commitment_from_its_detail(qtbot: QtBot, db: Database, town: Town) -> None:
    commitment = _commit(db, town, due=TODAY + timedelta(days=30), content="开展助老服务")
    page = _page(qtbot, db)
    detail = page.open_detail(commitment.id)
    assert detail is not None and detail.edit_button.isEnabled()
    editor = detail.edit()
    assert editor.windowTitle() == f"修改承诺 — 编号 {commitment.id}"
    assert editor.content.toPlainText() == "开展助老服务"
    assert (editor.promisor.currentData(), editor.promisee.currentData()) == (
        town.bureau,
        town.community,
    )
    assert editor.category.currentText() == "志愿服务"
    assert not editor.alliance.isEnabled()  # the alliance is never corrected here
    assert editor.promisor.isEnabled() and editor.due_on.isEnabled()  # still 已提出
    assert not editor.parties_note.isVisibleTo(editor)

    editor.content.setPlainText("每周组织志愿者开展助老服务")
    editor.category.setEditText("助老")
    set_date(editor.due_on, commitment.made_on - timedelta(days=1))
    editor.save_button.click()  # due before made: refused at the field
    assert editor.isVisible() and editor.saved is None
    assert editor.form.error_text("due_on") == "到期日期不能早于承诺日期"
    assert editor.content.toPlainText() == "每周组织志愿者开展助老服务"  # nothing typed is lost
    assert editor.category.currentText() == "助老"
    assert get_commitment(db, commitment.id).content == "开展助老服务"

    new_due = TODAY + timedelta(days=45)
    set_date(editor.due_on, new_due)
    editor.save_button.click()
    assert editor.saved is not None
    assert detail.content.text() == "每周组织志愿者开展助老服务"
    assert detail.labels["category"].text() == "助老"
    row = page.model.row_of(commitment.id)
    assert page.model.data(page.model.index(row, 5)) == "每周组织志愿者开展助老服务"
    assert page.model.row_at(row).due_on == new_due  # the list followed


def test_after_acceptance_the_agreed_fields_are_locked(
    qtbot: QtBot, db: Database, town: Town, tmp_path: Path
) -> None:
    commitment = _commit(db, town, due=TODAY + timedelta(days=30))
    _to(db, commitment.id, CommitmentState.ACCEPTED)
    page = _page(qtbot, db)
    detail = page.open_detail(commitment.id)
    assert detail is not None
    editor = detail.edit()
    for widget in (editor.direction, editor.promisor, editor.promisee, editor.due_on):
        assert not widget.isEnabled()
        assert "认领后" in widget.toolTip()
    assert editor.content.isEnabled() and editor.made_on.isEnabled()
    assert editor.parties_note.isVisibleTo(editor) and editor.due_note.isVisibleTo(editor)
    assert "延期" in editor.due_note.text()
    assert editor.promisor.currentText().startswith("区民政局")
    editor.resize(editor.sizeHint())
    editor.grab().save(str(tmp_path / "editor.png"))
    assert (tmp_path / "editor.png").stat().st_size > 5_000
    editor.reject()

    _to(db, commitment.id, CommitmentState.CANCELLED)
    detail.reload()
    assert not detail.edit_button.isEnabled()
    assert "历史记录" in detail.edit_button.toolTip()


def test_a_conflict_offers_to_reload_the_other_clerks_version(
    qtbot: QtBot, db: Database, town: Town, monkeypatch: pytest.MonkeyPatch
) -> None:
    commitment = _commit(db, town, due=TODAY + timedelta(days=30), content="开展助老服务")
    asked: list[str] = []

    def offer_reload(_parent: QWidget, error: ConflictError) -> bool:
        asked.append(error.message)
        return True

    monkeypatch.setattr(editor_module, "offer_reload", offer_reload)
    page = _page(qtbot, db)
    detail = page.open_detail(commitment.id)
    assert detail is not None
    editor = detail.edit()
    editor.content.setPlainText("我的修改")
    update_commitment(  # another clerk saves first
        db,
        commitment.id,
        expected_version=commitment.version,
        content="对方的修改",
        category=commitment.category,
        promisor_unit_id=commitment.promisor_unit_id,
        promisee_unit_id=commitment.promisee_unit_id,
        direction=commitment.direction,
        made_on=commitment.made_on,
        due_on=commitment.due_on,
    )
    editor.save_button.click()
    assert asked and "已被他人修改" in asked[0]
    assert editor.isVisible() and editor.saved is None
    assert editor.content.toPlainText() == "对方的修改"  # reloaded, as the clerk chose
    editor.content.setPlainText("我的修改")
    editor.save_button.click()  # now on the fresh version
    assert editor.saved is not None and editor.saved.content == "我的修改"
    assert detail.detail.content == "我的修改"


def test_the_list_opens_on_what_needs_action_with_due_and_state_in_view(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    old = _commit(db, town, due=date(2024, 3, 31), content="2024 年已履诺").id
    _to(db, old, CommitmentState.ACCEPTED, CommitmentState.FULFILLED)
    dropped = _commit(db, town, due=date(2024, 6, 30), content="2024 年已取消").id
    _to(db, dropped, CommitmentState.CANCELLED)
    later = _commit(db, town, due=TODAY + timedelta(days=60), content="两个月后到期").id
    soon = _commit(db, town, due=TODAY + timedelta(days=3), content="三天后到期").id
    overdue = _commit(db, town, due=TODAY - timedelta(days=10), content="已逾期").id
    page = _page(qtbot, db)
    qtbot.waitUntil(lambda: page.model.total == 5)
    order = [page.model.row_at(r).id for r in range(page.model.rowCount())]
    assert order == [overdue, soon, later, dropped, old]
    assert page.table.horizontalHeader().sortIndicatorSection() == -1
    header = page.table.horizontalHeader()
    view_width = page.table.viewport().width()
    for column in (DUE_COLUMN, DUE_COLUMN + 1):  # 到期日, 状态
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= view_width
    # a header click still sorts by that column; sorting by 到期日 goes oldest first
    page.table.sortByColumn(DUE_COLUMN, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.row_at(0).id == old)


def test_overdue_rows_stand_out(qtbot: QtBot, db: Database, town: Town) -> None:
    late = _commit(db, town, due=TODAY - timedelta(days=3), content="逾期的承诺").id
    _commit(db, town, due=TODAY + timedelta(days=3), content="未到期的承诺")
    page = _page(qtbot, db)
    row = page.model.row_of(late)
    other = 1 - row
    state = page.model.index(row, 9)
    assert page.model.data(state) == "已逾期（已提出）"
    assert page.model.data(state, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert page.model.data(page.model.index(other, 9)) == "已提出"
    assert page.model.data(page.model.index(other, 9), Qt.ItemDataRole.BackgroundRole) is None
    assert "逾期 3 天" in page.model.data(state, Qt.ItemDataRole.ToolTipRole)


def test_filters_change_the_counts_and_a_count_filters(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    overdue = _commit(db, town, due=TODAY - timedelta(days=5), content="修缮凉亭").id
    done = _commit(db, town, due=TODAY + timedelta(days=20), content="捐赠图书").id
    _to(db, done, CommitmentState.ACCEPTED, CommitmentState.FULFILLED)
    _commit(
        db,
        town,
        due=TODAY + timedelta(days=40),
        content="提供活动场地",
        alliance_id=town.west,
        promisee_unit_id=town.community_west,
    )
    page = _page(qtbot, db)
    assert page.counts.count_text("all") == "全部 3"
    assert page.counts.count_text("overdue") == "已逾期 1"
    assert page.counts.count_text("fulfilled") == "已履诺 1"

    page.filters.alliance.setCurrentIndex(page.filters.alliance.findData(town.west))
    assert page.counts.count_text("all") == "全部 1"
    assert page.counts.count_text("overdue") == "已逾期 0"

    page.filters.alliance.setCurrentIndex(0)
    page.counts.buttons["overdue"].click()
    assert page.filters.state.currentData() == "overdue"
    assert [r.id for r in page.model.loaded_rows()] == [overdue]
    assert page.counts.buttons["overdue"].isChecked()
    assert page.counts.count_text("all") == "全部 3"  # the counts ignore the state chosen

    page.counts.buttons["all"].click()
    page.filters.search.setText("图书")
    page.filters.flush_search()
    assert [r.id for r in page.model.loaded_rows()] == [done]
    assert page.counts.count_text("all") == "全部 1"
    page.filters.search.setText("西湖")  # a party's name
    assert page.model.row_at(0).id == done  # not yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: page.model.row_at(0).promisee_name == "西湖社区")
    assert page.model.total == 1


def test_targets_from_other_pages(qtbot: QtBot, db: Database, town: Town) -> None:
    late = _commit(db, town, due=TODAY - timedelta(days=2)).id
    soon = _commit(db, town, due=TODAY + timedelta(days=2)).id
    next_year = _commit(db, town, due=date(TODAY.year + 1, 6, 1), content="明年的承诺").id
    page = _page(qtbot, db)

    page.show_target(Target(due="overdue"))
    assert page.filters.due.currentData() == DueWindow.OVERDUE
    assert [r.id for r in page.model.loaded_rows()] == [late]
    page.show_target(Target(due="week"))
    assert [r.id for r in page.model.loaded_rows()] == [soon]
    page.show_target(Target(alliance_id=town.east, year=TODAY.year + 1))
    assert page.filters.alliance.currentData() == town.east
    assert page.filters.due.currentData() is None  # the previous target's filter is gone
    assert [r.id for r in page.model.loaded_rows()] == [next_year]
    page.show_target(Target(unit_id=town.firm))
    assert page.model.total == 0

    page.show_target(Target(commitment_id=late))
    assert page.detail_dialog is not None and page.detail_dialog.detail.id == late
    page.detail_dialog.close()


def test_source_meeting_link_opens_the_meeting(qtbot: QtBot, db: Database, town: Town) -> None:
    from datetime import datetime

    from alliance_desk.storage.models import Decision, Meeting, Minutes

    with db.transaction() as session:
        meeting = Meeting(alliance_id=town.east, sequence_no=3, starts_at=datetime(2026, 3, 12, 9))
        session.add(meeting)
        session.flush()
        minutes = Minutes(meeting_id=meeting.id)
        session.add(minutes)
        session.flush()
        decision = Decision(minutes_id=minutes.id, position=2, content="共建助老服务站")
        session.add(decision)
        session.flush()
        meeting_id, decision_id = meeting.id, decision.id
    commitment = _commit(
        db, town, due=date(2026, 3, 31), made_on=date(2026, 3, 12), source_decision_id=decision_id
    )
    opened: list[tuple[str, Target | None]] = []
    page = _page(qtbot, db, opened)
    page.filters.meeting.ensure_loaded()  # read on first use
    page.filters.meeting.setCurrentIndex(page.filters.meeting.findData(meeting_id))
    assert [r.id for r in page.model.loaded_rows()] == [commitment.id]
    detail = page.open_detail(commitment.id)
    assert detail is not None
    assert "第3次联席会议（2026-03-12）第2项议定事项" in detail.labels["source"].text()
    detail.labels["source"].linkActivated.emit("meeting")
    assert opened == [("meetings", Target(meeting_id=meeting_id))]


def test_bulk_extend_needs_a_reason_and_moves_every_due_date(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    first = _commit(db, town, due=TODAY - timedelta(days=4)).id
    second = _commit(db, town, due=TODAY + timedelta(days=4), content="第二项").id
    page = _page(qtbot, db)
    _select(page, first, second)
    dialog = page.bulk.extend()
    assert dialog is not None
    new_due = TODAY + timedelta(days=60)
    assert dialog.day is not None
    set_date(dialog.day, new_due)
    _click_ok(dialog.findChild(QDialogButtonBox))
    assert dialog.isVisible() and dialog.form.error_text("reason") == "请填写原因"
    assert dialog.reason is not None
    dialog.reason.setPlainText("汛期施工暂停")
    _click_ok(dialog.findChild(QDialogButtonBox))
    for commitment_id in (first, second):
        extended = get_commitment(db, commitment_id)
        assert extended.due_on == new_due
        assert "原因：汛期施工暂停" in extended.progress[-1].note
    assert page.counts.count_text("overdue") == "已逾期 0"
    assert "已将 2 项承诺延期" in page.bulk.last_message


def test_bulk_accept_names_the_refused_ones_and_accepts_the_rest(
    qtbot: QtBot, db: Database, town: Town
) -> None:
    proposed = _commit(db, town, due=TODAY + timedelta(days=9), content="待认领").id
    cancelled = _commit(db, town, due=TODAY + timedelta(days=9), content="已作废").id
    _to(db, cancelled, CommitmentState.CANCELLED)
    page = _page(qtbot, db)
    _select(page, proposed, cancelled)
    box = page.bulk.mark_accepted()
    assert isinstance(box, QMessageBox)
    assert "有 1 项不能标记为已认领" in box.text()
    assert f"编号 {cancelled}“已作废”" in box.informativeText()
    assert "“已取消”的承诺不能再更改状态" in box.informativeText()
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    yes.click()
    assert get_commitment(db, proposed).state is CommitmentState.ACCEPTED
    assert get_commitment(db, cancelled).state is CommitmentState.CANCELLED
    assert page.counts.count_text("accepted") == "已认领 1"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_the_selection_and_all_matching_rows(
    qtbot: QtBot, db: Database, town: Town, tmp_path: Path, suffix: str
) -> None:
    ids = [
        _commit(db, town, due=TODAY + timedelta(days=n), content=f"=承诺{n}").id
        for n in range(1, 4)
    ]
    page = _page(qtbot, db)
    _select(page, ids[1])
    selected = tmp_path / f"所选{suffix}"
    assert page.bulk.export_selected(selected)
    table = read_table(selected, lambda cells: cells[:1] == ("编号",))
    assert table is not None
    assert [(n, cells[0], cells[5]) for n, cells in table.rows] == [
        (2, "2" if suffix == ".csv" else 2, "'=承诺2")  # formula neutralised
    ]
    everything = tmp_path / f"全部{suffix}"
    page.bulk.export_all(everything)
    table = read_table(everything, lambda cells: cells[:1] == ("编号",))
    assert table is not None
    assert [str(cells[0]) for _n, cells in table.rows] == [str(i) for i in ids]
    assert table.header[9] == "状态"


def test_progress_import_previews_then_writes_all(
    qtbot: QtBot, db: Database, town: Town, tmp_path: Path
) -> None:
    commitment = _commit(db, town, due=TODAY + timedelta(days=30))
    _to(db, commitment.id, CommitmentState.ACCEPTED)
    path = write_table(
        tmp_path / "进度.xlsx",
        ["承诺编号", "进度日期", "进度说明", "完成百分比", "佐证说明"],
        [
            [commitment.id, f"{TODAY:%Y-%m-%d}", "已上门服务两次", "40%", "照片"],
            [999_999, f"{TODAY:%Y-%m-%d}", "编号错了", 10, ""],
        ],
    )
    page = _page(qtbot, db)
    dialog = page.import_from(path)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert not dialog.apply_button.isEnabled()
    assert "有错误 1" in dialog.summary.text()
    assert dialog.model.rowCount() == 1  # only the rows with errors are shown
    assert "承诺编号 999999 不存在" in dialog.model.row_at(0).reason
    dialog.reject()

    write_table(
        path,
        ["承诺编号", "进度日期", "进度说明", "完成百分比"],
        [[commitment.id, f"{TODAY:%Y-%m-%d}", "已上门服务两次", 40]],
    )
    dialog = page.import_from(path)
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(dialog.import_done, timeout=10_000):
        dialog.apply_button.click()
    assert get_commitment(db, commitment.id).progress[-1].percent == 40
    assert page.counts.count_text("in_progress") == "推进中 1"


def _many(db: Database, town: Town, count: int) -> None:
    """``count`` commitments by a bulk insert (the rules hold: 单位→社区 within 东片联盟)."""
    path = db.sqlite_path
    assert path is not None
    rng = random.Random(6)
    states = ["proposed", "accepted", "in_progress", "fulfilled", "cancelled"]
    rows = []
    for n in range(count):
        made = TODAY - timedelta(days=rng.randrange(30, 400))
        due = made + timedelta(days=rng.randrange(20, 200))
        state = rng.choice(states)
        fulfilled = due + timedelta(days=rng.randrange(-20, 10)) if state == "fulfilled" else None
        rows.append(
            (
                town.east,
                rng.choice([town.bureau, town.firm]),
                town.community,
                "unit_to_community",
                f"第{n + 1}项：组织志愿服务、政策宣讲和结对帮扶",
                "志愿服务",
                made.isoformat(),
                due.isoformat(),
                state,
                max(fulfilled, made).isoformat() if fulfilled else None,
            )
        )
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO commitment (alliance_id, promisor_unit_id, promisee_unit_id, direction,"
            " content, category, made_on, due_on, state, fulfilled_on, cancel_reason, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1)",
            rows,
        )
    connection.close()


def test_the_lazy_model_fetches_pages_and_passes_the_model_tester(
    qtbot: QtBot, db: Database, town: Town, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    if db.sqlite_path is None:
        pytest.skip("bulk insert through sqlite3")
    _many(db, town, 2000)
    page = _page(qtbot, db)
    assert page.model.total == 2000
    assert page.model.rowCount() == PAGE_SIZE  # only the first page is read
    qtmodeltester.check(page.model)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > PAGE_SIZE)
    due = [r.due_on for r in page.model.loaded_rows()]
    ids = [r.id for r in page.model.loaded_rows()]
    assert len(set(ids)) == len(ids)
    assert due == sorted(due)
    page.table.scrollToTop()
    page.table.horizontalHeader().setSortIndicator(8, Qt.SortOrder.DescendingOrder)
    assert page.model.rowCount() < 1000  # sorted in SQL: it started over
    due = [r.due_on for r in page.model.loaded_rows()]
    assert due == sorted(due, reverse=True) and due[0] == max(due)
    page.table.selectionModel().select(
        page.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    page.grab().save(str(tmp_path / "commitments.png"))
    assert (tmp_path / "commitments.png").stat().st_size > 10_000
