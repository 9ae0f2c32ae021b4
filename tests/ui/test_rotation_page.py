"""The 轮值主席 page driven like a clerk: plan with a preview, swap, skip, lock, print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui_helpers import activate

from alliance_desk.core.errors import ConflictError
from alliance_desk.core.vocab import ChairPeriod, ChairTermState, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services import rotation as rota
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.clock import local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.printing import save_pdf_to
from alliance_desk.ui.register.date_fields import set_date
from alliance_desk.ui.rotation import actions as actions_module
from alliance_desk.ui.rotation import plan_dialog, term_dialogs
from alliance_desk.ui.rotation.columns import CURRENT_COLOR, FLAGGED_COLOR
from alliance_desk.ui.rotation.page import RotationPage
from alliance_desk.ui.rotation.plan_dialog import PlanDialog, horizon_end

TODAY = local_today()
YEAR = TODAY.year
MAIN_UNITS = ("人民医院", "民政局", "方志办", "行政审批局")
OTHER_UNITS = ("高立一中学", "人民路社区")
SHARED = "用方行高立一公司"  # the only member of two alliances: they conflict every quarter
MAIN, OTHER, LONE_A, LONE_B = "人民路党建联盟", "立行党建联盟", "独家甲联盟", "独家乙联盟"


def _units(db: Database, *names: str) -> list[int]:
    return [
        create_unit(db, UnitInput(name=n, category=UnitCategory.GOVERNMENT)).unit.id for n in names
    ]


def _alliance(db: Database, name: str, units: list[int]) -> int:
    alliance_id = create_alliance(
        db, AllianceInput(name=name, chair_period=ChairPeriod.QUARTER)
    ).alliance.id
    add_members(db, alliance_id, units, joined_on=date(2020, 1, 1))
    return alliance_id


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    (shared,) = _units(db, SHARED)
    return {
        MAIN: _alliance(db, MAIN, _units(db, *MAIN_UNITS)),
        OTHER: _alliance(db, OTHER, _units(db, *OTHER_UNITS)),
        LONE_A: _alliance(db, LONE_A, [shared]),
        LONE_B: _alliance(db, LONE_B, [shared]),
    }


@pytest.fixture
def planned(db: Database, ids: dict[str, int]) -> dict[str, int]:
    start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
    rota.save_plan(db, rota.preview_plan(db, start=start, end=end))
    return ids


def _page(qtbot: QtBot, db: Database) -> RotationPage:
    page = RotationPage(db)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def _this_year(dialog: PlanDialog) -> None:
    set_date(dialog.start, date(YEAR, 1, 1))
    dialog.by_date.setChecked(True)
    set_date(dialog.end, date(YEAR, 12, 31))
    dialog.refresh_preview()  # as the debounce timer would


def _terms(db: Database, alliance_id: int) -> list[rota.TermRow]:
    return rota.list_terms(db, alliance_id=alliance_id, year=YEAR)


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QMessageBox.warning records instead of blocking (a stray one fails, never hangs)."""
    shown: list[str] = []

    def warning(_parent: QWidget, _title: str, text: str, *_args: object) -> int:
        shown.append(text)
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def _background(page: RotationPage, term_id: int) -> object:
    row = page.model.view_row_of(lambda t: t.id == term_id)
    brush = page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color() if isinstance(brush, QBrush) else None


# --- 排班 ---------------------------------------------------------------------------------


def test_plan_previews_changes_cancel_writes_nothing_save_writes(
    qtbot: QtBot, db: Database, ids: dict[str, int], qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, db)
    assert page.model.rowCount() == 0
    dialog = page.ops.plan()
    assert dialog.isVisible() and not dialog.only_alliance.isVisible()
    _this_year(dialog)
    kinds = {line.kind.label for line in dialog.changes.rows()}
    assert kinds == {"新增"} and dialog.changes.rowCount() == 16
    assert {line.after for line in dialog.changes.rows()} >= {*MAIN_UNITS, SHARED}
    assert "新增 16 期" in dialog.summary.text() and "冲突或空缺" in dialog.summary.text()
    flagged = [line for line in dialog.terms.rows() if line.flagged]
    assert len(flagged) == 8 and all(line.explanation.startswith("冲突") for line in flagged)
    qtmodeltester.check(dialog.changes)
    qtmodeltester.check(dialog.terms)
    assert rota.list_terms(db) == []  # a preview writes nothing

    dialog.reject()
    assert rota.list_terms(db) == [] and page.model.rowCount() == 0

    again = page.ops.plan()
    _this_year(again)
    assert again.save_button.isEnabled()
    with qtbot.waitSignal(page.rota_changed):
        again.save_button.click()
    assert len(rota.list_terms(db)) == 16
    assert page.model.rowCount() == 16
    assert [t.unit_name for t in _terms(db, ids[MAIN])] == list(MAIN_UNITS)
    assert "写入 16 期" in page.ops.last_message

    third = page.ops.plan()
    _this_year(third)
    assert third.changes.rowCount() == 0
    assert third.summary.text().startswith("与已保存的轮值表相比没有变化")
    third.reject()


def test_changed_inputs_must_be_previewed_before_saving(
    qtbot: QtBot, db: Database, ids: dict[str, int]
) -> None:
    page = _page(qtbot, db)
    page.choose(alliance_id=ids[MAIN], year=YEAR)
    dialog = page.ops.plan()
    assert dialog.only_alliance.isVisible() and dialog.only_alliance.isChecked()
    _this_year(dialog)
    dialog.count.setValue(3)  # ignored while 排到日期 is chosen, but inputs changed
    assert not dialog.save_button.isEnabled()
    qtbot.waitUntil(dialog.save_button.isEnabled)  # previewed again after a pause
    assert {line.alliance for line in dialog.terms.rows()} == {MAIN}
    dialog.by_count.setChecked(True)
    set_date(dialog.start, date(YEAR, 2, 10))
    dialog.kind.setCurrentIndex(dialog.kind.findData(ChairPeriod.QUARTER))
    dialog.count.setValue(2)
    dialog.refresh_preview()
    assert dialog.horizon() == (date(YEAR, 2, 10), date(YEAR, 6, 30))
    assert [line.period for line in dialog.terms.rows()] == [f"{YEAR}年第1季度", f"{YEAR}年第2季度"]
    with qtbot.waitSignal(page.rota_changed):
        dialog.save_button.click()
    assert [t.alliance_id for t in rota.list_terms(db)] == [ids[MAIN]] * 2


def test_horizon_end_counts_the_period_holding_the_start() -> None:
    assert horizon_end(date(2026, 5, 3), ChairPeriod.YEAR, 2) == date(2027, 12, 31)
    assert horizon_end(date(2026, 5, 3), ChairPeriod.MONTH, 1) == date(2026, 5, 31)
    assert horizon_end(date(2026, 12, 3), ChairPeriod.HALF_YEAR, 2) == date(2027, 6, 30)


# --- what the table shows -------------------------------------------------------------------


def test_current_term_green_conflicts_red_and_counted(
    qtbot: QtBot, db: Database, planned: dict[str, int], qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, db)
    current = next(t for t in _terms(db, planned[MAIN]) if t.is_current(TODAY))
    assert _background(page, current.id) == CURRENT_COLOR
    conflict = _terms(db, planned[LONE_A])[0]
    assert _background(page, conflict.id) == FLAGGED_COLOR
    row = page.model.view_row_of(lambda t: t.id == conflict.id)
    note = page.model.index(row, 5).data()
    assert note.startswith(f"冲突：{SHARED}本季度同时担任{LONE_B}轮值主席")
    assert page.flag_label.text() == "冲突 8 处，空缺 0 处"
    assert page.count_label.text() == "显示 16 / 共 16 期"

    page.search.setText("民政")  # QTest.keyClicks only types ASCII
    assert [t.unit_name for t in page.model.visible_rows()] == ["民政局"]
    assert page.flag_label.text() == "无冲突或空缺"
    page.search.setText(LONE_B)
    assert page.flag_label.text() == "冲突 4 处，空缺 0 处"
    page.search.clear()

    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)  # 期别
    starts = [t.period_start for t in page.model.visible_rows()]
    assert starts == sorted(starts, reverse=True)
    qtmodeltester.check(page.model)

    page.choose(alliance_id=planned[OTHER], year=YEAR)
    assert {t.alliance_name for t in page.model.rows()} == {OTHER}
    assert page.flag_label.text() == "无冲突或空缺"
    page.choose(alliance_id=None, year=YEAR + 1)
    assert page.model.rowCount() == 0


# --- 调换 / 跳过 / 履职 / 锁定 ----------------------------------------------------------------


def test_swap_two_selected_terms_needs_a_reason(
    qtbot: QtBot, db: Database, planned: dict[str, int]
) -> None:
    page = _page(qtbot, db)
    q1, q2, *_ = _terms(db, planned[MAIN])
    page.select_terms({q1.id, q2.id})
    assert page.swap_button.isEnabled() and not page.served_button.isEnabled()
    dialog = page.ops.swap()
    assert dialog is not None and dialog.second() == q2

    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.form.error_text("reason") == "请填写原因。"
    assert [t.unit_name for t in _terms(db, planned[MAIN])[:2]] == ["人民医院", "民政局"]

    dialog.reason.setText("人民医院换届")
    with qtbot.waitSignal(page.rota_changed):
        dialog.ok_button.click()
    first, second, *_ = _terms(db, planned[MAIN])
    assert (first.unit_name, second.unit_name) == ("民政局", "人民医院")
    assert {first.state, second.state} == {ChairTermState.SWAPPED}
    assert first.change_reason == "人民医院换届"
    row = page.model.view_row_of(lambda t: t.id == q1.id)
    assert page.model.index(row, 3).data() == "已调换"
    assert page.model.index(row, 5).data() == "调换：人民医院换届"


def test_swap_one_term_with_one_chosen_from_the_list(
    qtbot: QtBot, db: Database, planned: dict[str, int]
) -> None:
    page = _page(qtbot, db)
    q1, _q2, _q3, q4 = _terms(db, planned[MAIN])
    page.select_term(q1.id)
    dialog = page.ops.swap()
    assert dialog is not None and dialog.other.count() == 3
    dialog.other.setCurrentIndex(dialog.other.findData(q4.id))
    dialog.reason.setText("工作调整")
    with qtbot.waitSignal(page.rota_changed):
        dialog.ok_button.click()
    units = [t.unit_name for t in _terms(db, planned[MAIN])]
    assert units == ["行政审批局", "民政局", "方志办", "人民医院"]


def test_swap_across_alliances_or_against_a_rule_is_refused(
    qtbot: QtBot, db: Database, planned: dict[str, int], warnings_shown: list[str]
) -> None:
    shown = warnings_shown
    page = _page(qtbot, db)
    main_q1 = _terms(db, planned[MAIN])[0]
    other_q1 = _terms(db, planned[OTHER])[0]
    page.select_terms({main_q1.id, other_q1.id})
    assert not page.swap_button.isEnabled()
    assert page.ops.swap() is None
    assert shown == ["只能调换同一联盟的两期轮值主席。"]

    rota.mark_skipped(db, main_q1.id, reason="搬迁", expected_version=main_q1.version)
    page.refresh()
    page.select_term(main_q1.id)
    assert not page.swap_button.isEnabled() and not page.skip_button.isEnabled()


def test_skip_with_reason_then_lock_and_serve(
    qtbot: QtBot, db: Database, planned: dict[str, int]
) -> None:
    page = _page(qtbot, db)
    terms = _terms(db, planned[MAIN])
    current = next(t for t in terms if t.is_current(TODAY))
    future = next(t for t in reversed(terms) if t is not current)
    page.select_term(future.id)
    dialog = page.ops.skip()
    assert dialog is not None
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.form.error_text("reason") == "请填写原因。"
    dialog.reason.setText("单位搬迁")
    with qtbot.waitSignal(page.rota_changed):
        dialog.ok_button.click()
    stored = next(t for t in _terms(db, planned[MAIN]) if t.id == future.id)
    assert (stored.state, stored.change_reason, stored.locked) == (
        ChairTermState.SKIPPED,
        "单位搬迁",
        True,
    )
    row = page.model.view_row_of(lambda t: t.id == future.id)
    assert page.model.index(row, 5).data() == "跳过原因：单位搬迁"
    assert page.model.index(row, 4).data() == "是"

    page.select_term(current.id)
    assert page.lock_button.text() == "锁定"
    page.lock_button.click()
    assert next(t for t in _terms(db, planned[MAIN]) if t.id == current.id).locked
    assert page.lock_button.text() == "解锁" and page.selected_terms()[0].id == current.id
    activate(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not next(t for t in _terms(db, planned[MAIN]) if t.id == current.id).locked

    assert page.served_button.isEnabled()
    page.served_button.click()
    served = next(t for t in _terms(db, planned[MAIN]) if t.id == current.id)
    assert served.state is ChairTermState.SERVED and served.locked
    assert not page.served_button.isEnabled() and not page.lock_button.isEnabled()


def test_a_stale_row_offers_a_reload(
    qtbot: QtBot, db: Database, planned: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def offer_reload(_parent: QWidget, error: ConflictError) -> bool:
        asked.append(error.message)
        return True

    monkeypatch.setattr(actions_module, "offer_reload", offer_reload)
    page = _page(qtbot, db)
    term = _terms(db, planned[MAIN])[-1]
    page.select_term(term.id)
    rota.set_locked(db, term.id, True, expected_version=term.version)  # another clerk
    page.lock_button.click()
    assert asked == ["该轮值记录已被他人修改，请重新载入后再保存。"]
    row = page.model.view_row_of(lambda t: t.id == term.id)
    assert page.model.row_at(row).locked  # reloaded: the other clerk's lock is shown


def test_a_stale_swap_closes_the_dialog_after_reload(
    qtbot: QtBot, db: Database, planned: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(term_dialogs, "offer_reload", lambda _parent, _error: True)
    page = _page(qtbot, db)
    q1, q2, *_ = _terms(db, planned[MAIN])
    page.select_terms({q1.id, q2.id})
    dialog = page.ops.swap()
    assert dialog is not None
    rota.set_locked(db, q2.id, True, expected_version=q2.version)  # another clerk
    dialog.reason.setText("换届")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [t.state for t in _terms(db, planned[MAIN])[:2]] == [ChairTermState.PLANNED] * 2
    row = page.model.view_row_of(lambda t: t.id == q2.id)
    assert page.model.row_at(row).locked


def test_a_stale_preview_is_not_saved(
    qtbot: QtBot, db: Database, planned: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def offer_reload(_parent: QWidget, error: ConflictError) -> bool:
        asked.append(error.message)
        return True

    monkeypatch.setattr(plan_dialog, "offer_reload", offer_reload)
    page = _page(qtbot, db)
    dialog = page.ops.plan()
    _this_year(dialog)
    before = dialog.preview
    term = _terms(db, planned[MAIN])[-1]
    rota.set_locked(db, term.id, True, expected_version=term.version)  # another clerk
    dialog.save_button.click()
    assert asked == ["轮值表已被他人修改，请重新载入后再保存。"]
    assert dialog.isVisible() and dialog.preview is not None and dialog.preview is not before
    assert dialog.written is None
    with qtbot.waitSignal(page.rota_changed):
        dialog.save_button.click()  # the fresh preview saves
    assert next(t for t in _terms(db, planned[MAIN]) if t.id == term.id).locked


# --- 打印 -----------------------------------------------------------------------------------


def _pdf(path: Path) -> tuple[str, set[tuple[int, int]]]:
    reader = pypdf.PdfReader(path, strict=True)
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    return text, sizes


def test_print_what_the_selectors_show(
    qtbot: QtBot, db: Database, planned: dict[str, int], tmp_path: Path
) -> None:
    page = _page(qtbot, db)
    job = page.ops.print_job()
    assert job.title == f"{YEAR}年度党建联盟轮值主席轮值表" and job.landscape
    path = save_pdf_to(page, job.build, tmp_path / "all.pdf", landscape=True, announce=False)
    assert path is not None
    text, sizes = _pdf(path)
    assert sizes == {(842, 595)}
    assert text.startswith(f"{YEAR}年度党建联盟轮值主席轮值表")
    for name in (*MAIN_UNITS, *OTHER_UNITS, SHARED, MAIN, OTHER, LONE_A, LONE_B):
        assert name in text, name

    page.choose(alliance_id=planned[MAIN], year=YEAR)
    job = page.ops.print_job()
    assert job.title == f"{MAIN}轮值主席轮值表（{YEAR}年）" and not job.landscape
    path = save_pdf_to(page, job.build, tmp_path / "one.pdf", announce=False)
    assert path is not None
    text, sizes = _pdf(path)
    assert sizes == {(595, 842)}
    assert all(name in text for name in MAIN_UNITS)
    assert SHARED not in text and OTHER_UNITS[0] not in text
    assert page.print_button.toolTip() == "打印轮值表（Ctrl+P）"


def test_a_long_refusal_in_the_swap_dialog_leaves_the_reason_field_whole(
    qtbot: QtBot, db: Database, planned: dict[str, int]
) -> None:
    page = _page(qtbot, db)
    q1, q2, *_ = _terms(db, planned[MAIN])
    page.select_terms({q1.id, q2.id})
    dialog = page.ops.swap()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    field_height = dialog.reason.height()
    message = "这一期的轮值主席单位同期已担任其他联盟的轮值主席，不能调换；" * 3
    dialog.form.show_errors({"reason": message})
    qtbot.wait(20)
    assert dialog.reason.height() >= field_height  # not squashed by the message
    error = dialog.findChild(QLabel, "error_reason")
    assert error is not None and error.isVisible()
    assert error.height() >= error.heightForWidth(error.width())  # every line shown
    assert error.geometry().bottom() <= error.parentWidget().height()
