from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text
from ui_helpers import seed_register, visible_message_boxes

from alliance_desk.core.commitments import ON_TIME_RATE_FORMULA, SATISFACTION_RATE_FORMULA
from alliance_desk.core.errors import DomainError
from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments import create_commitment, get_commitment, transition
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.storage.models import AuditEntry, Unit
from alliance_desk.ui import demo_fill
from alliance_desk.ui.main_window import MainWindow
from alliance_desk.ui.navigation import Target
from alliance_desk.ui.pages.home import HomePage

OpenWindow = Callable[[Database], MainWindow]


def _home(window: MainWindow) -> HomePage:
    page = window.pages["home"]
    assert isinstance(page, HomePage)
    return page


def _shown(page: HomePage) -> dict[str, int]:
    return {key: card.value for key, card in page.cards.items()}


def _row_counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            table: session.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
            for table in ("alliance", "unit", "membership", "audit_entry")
        }


def test_home_shows_the_seeded_figures(open_window: OpenWindow, seeded_db: Database) -> None:
    page = _home(open_window(seeded_db))
    assert _shown(page) == {
        "alliances": 2, "active_units": 4, "memberships": 5, "multi_alliance_units": 1,
    }
    assert page.cards["active_units"].value_label.text() == "4 家"
    assert not page.empty_panel.isVisible()


def test_home_figures_equal_counts_from_the_database(
    open_window: OpenWindow, demo_db: Database
) -> None:
    page = _home(open_window(demo_db))
    query = """
        SELECT m.unit_id, m.alliance_id FROM membership m
        JOIN unit u ON u.id = m.unit_id JOIN alliance a ON a.id = m.alliance_id
        WHERE u.active AND a.active AND (m.left_on IS NULL OR m.left_on >= CURRENT_DATE)
    """
    with demo_db.reading() as session:
        seats = session.execute(text(query)).all()
        alliances = session.scalar(text("SELECT COUNT(*) FROM alliance WHERE active"))
        units = session.scalar(text("SELECT COUNT(*) FROM unit WHERE active"))
    per_unit: dict[int, set[int]] = {}
    for unit_id, alliance_id in seats:
        per_unit.setdefault(unit_id, set()).add(alliance_id)
    assert _shown(page) == {
        "alliances": alliances,
        "active_units": units,
        "memberships": len(seats),
        "multi_alliance_units": sum(1 for held in per_unit.values() if len(held) >= 2),
    }
    assert page.figures is not None and page.figures.alliances == 24


def _confirm_demo(qtbot: QtBot, page: HomePage, answer: str = "yes") -> None:
    """Click 填充演示数据 and answer the confirmation it asks first."""
    page.demo_button.click()
    qtbot.waitUntil(lambda: page.demo_confirmation is not None
                    and page.demo_confirmation.isVisible())
    box = page.demo_confirmation
    assert box is not None and box.windowTitle() == "填充演示数据"
    button = QMessageBox.StandardButton.Yes if answer == "yes" else QMessageBox.StandardButton.No
    box.button(button).click()


def test_empty_database_offers_demo_data(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    pytest.importorskip("alliance_desk.services.demo.generator")
    page = _home(open_window(db))
    assert page.empty_panel.isVisible()
    assert page.demo_button.text() == "填充演示数据"
    _confirm_demo(qtbot, page)
    assert page.task is not None
    qtbot.waitUntil(lambda: not page.task.running, timeout=60_000)
    assert page.figures is not None and page.figures.alliances == 24
    assert not page.empty_panel.isVisible()
    assert "已填充演示数据" in page.window().statusBar().currentMessage()


def test_demo_data_asks_before_writing_and_no_writes_nothing(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    """One click never fills the database: the clerk confirms first, 否 leaves it empty."""
    page = _home(open_window(db))
    before = _row_counts(db)
    _confirm_demo(qtbot, page, answer="no")
    qtbot.waitUntil(lambda: page.demo_confirmation is None)
    assert page.task is None
    assert _row_counts(db) == before
    assert page.empty_panel.isVisible()


def test_demo_data_is_refused_on_a_database_with_data(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    """Another clerk filled the database after the page showed: refused, nothing changed."""
    pytest.importorskip("alliance_desk.services.demo.generator")
    page = _home(open_window(db))
    assert page.empty_panel.isVisible()
    seed_register(db)
    before = _row_counts(db)
    _confirm_demo(qtbot, page)
    qtbot.waitUntil(lambda: bool(visible_message_boxes()), timeout=60_000)
    (box,) = visible_message_boxes()
    assert box.windowTitle() == "无法填充演示数据"
    assert "已有数据" in box.text()
    assert _row_counts(db) == before
    assert page.figures is not None and page.figures.total_units == 5  # refreshed anyway
    box.done(0)


def test_a_failed_save_leaves_the_database_unchanged(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, open_window: OpenWindow, db: Database
) -> None:
    """A service that writes, then hits a rule, rolls back; the page shows the message."""

    def half_done_then_refused(database: Database, _report: object = None) -> object:
        with database.transaction() as session:
            session.add(Unit(name="半途单位", name_key=normalize_name("半途单位"),
                             category=UnitCategory.COMMUNITY))
            session.flush()
            raise DomainError("测试：该单位不能保存。")

    monkeypatch.setattr(demo_fill, "generate_demo", half_done_then_refused)
    page = _home(open_window(db))
    before = _row_counts(db)
    _confirm_demo(qtbot, page)
    qtbot.waitUntil(lambda: bool(visible_message_boxes()))
    (box,) = visible_message_boxes()
    assert box.text() == "测试：该单位不能保存。"
    assert page.demo_button.isEnabled()
    assert _row_counts(db) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    box.done(0)


# --- the dashboard: figures, 到期提醒, charts, 统计表 ------------------------------------

TODAY = date(2026, 4, 15)


class Opened:
    """Where the page asked to go (``MainWindow.open_area`` is replaced by ``record``)."""

    calls: ClassVar[list[tuple[str, Target | None]]] = []

    @staticmethod
    def record(_window: object, key: str, target: Target | None = None) -> None:
        Opened.calls.append((key, target))


def _commitment_world(db: Database) -> dict[str, int]:
    """社区甲 and 民政局 in 测试联盟: one commitment due in two days, one overdue."""
    community = create_unit(db, UnitInput(name="社区甲", category=UnitCategory.COMMUNITY))
    bureau = create_unit(db, UnitInput(name="民政局", category=UnitCategory.GOVERNMENT))
    alliance = create_alliance(db, AllianceInput(name="测试联盟")).alliance.id
    add_members(db, alliance, [community.unit.id, bureau.unit.id], joined_on=date(2020, 1, 1))

    def make(content: str, due: date) -> int:
        return create_commitment(
            db, alliance_id=alliance, promisor_unit_id=bureau.unit.id,
            promisee_unit_id=community.unit.id,
            direction=CommitmentDirection.UNIT_TO_COMMUNITY, content=content,
            made_on=date(2026, 1, 5), due_on=due,
        ).id

    soon, late = make("助老服务", date(2026, 4, 17)), make("清理楼道", date(2026, 4, 5))
    transition(db, soon, CommitmentState.ACCEPTED, on=date(2026, 1, 6),
               expected_version=get_commitment(db, soon).version)
    return {"alliance": alliance, "soon": soon, "late": late}


@pytest.fixture
def dashboard_window(
    qtbot: QtBot, open_window: OpenWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> tuple[HomePage, dict[str, int]]:
    from alliance_desk.ui.pages import home

    monkeypatch.setattr(home, "local_today", lambda: TODAY)
    monkeypatch.setattr(MainWindow, "open_area", Opened.record)
    Opened.calls = []
    ids = _commitment_world(db)
    page = _home(open_window(db))
    _wait_for_dashboard(qtbot, page)
    return page, ids


def _wait_for_dashboard(qtbot: QtBot, page: HomePage) -> None:
    qtbot.waitUntil(lambda: page.dashboard is not None and page.dashboard_task is not None
                    and not page.dashboard_task.running and page.charts is not None,
                    timeout=30_000)


def test_dashboard_figures_change_after_a_fulfilment(
    qtbot: QtBot, dashboard_window: tuple[HomePage, dict[str, int]], db: Database
) -> None:
    page, ids = dashboard_window
    cards = page.figure_cards
    assert page.year == 2026
    assert (cards["commitments"].value, cards["overdue"].value) == (2, 1)
    assert cards["on_time_rate"].value_label.text() == "0.0%"  # 0 ÷ (0 + 0 + 1)
    assert cards["satisfaction_rate"].value_label.text() == "—"
    assert cards["on_time_rate"].toolTip() == ON_TIME_RATE_FORMULA
    assert cards["satisfaction_rate"].toolTip() == SATISFACTION_RATE_FORMULA
    version = get_commitment(db, ids["soon"]).version
    transition(db, ids["soon"], CommitmentState.FULFILLED, on=TODAY, expected_version=version)
    page.dashboard = None
    page.activated()
    _wait_for_dashboard(qtbot, page)
    assert cards["on_time_rate"].value_label.text() == "50.0%"  # 1 ÷ (1 + 0 + 1)
    assert page.dashboard is not None
    assert page.dashboard.figures.states["fulfilled"] == 1
    assert page.dashboard.soon.total == 0


def test_due_panel_opens_the_commitment_and_all_overdue(
    dashboard_window: tuple[HomePage, dict[str, int]],
) -> None:
    page, ids = dashboard_window
    panel = page.due_panel
    assert panel.soon_heading.text() == "7天内到期（1 项）"
    assert panel.overdue_heading.text() == "已逾期 · 全部年度（1 项）"
    item = panel.soon_list.item(0)
    assert item.text().startswith("还有2天\u3000民政局→社区甲：助老服务")
    panel.soon_list.itemClicked.emit(item)
    assert Opened.calls == [("commitments", Target(commitment_id=ids["soon"]))]
    assert panel.overdue_list.item(0).text().startswith("逾期10天")
    panel.all_overdue_button.click()
    assert Opened.calls[-1] == ("commitments", Target(due="overdue"))


def test_chart_bar_click_opens_the_alliance_commitments(
    qtbot: QtBot, dashboard_window: tuple[HomePage, dict[str, int]]
) -> None:
    from matplotlib.backend_bases import MouseButton, MouseEvent

    page, ids = dashboard_window
    charts = page.charts
    assert charts is not None and charts.bars is not None
    assert charts.bar_alliances == [ids["alliance"]]
    charts.draw_now()
    canvas = charts.views["alliances"].canvas
    row = charts.bars.patches[0]  # the whole row is the target: this bar is 0 % long
    box = row.get_window_extent()
    MouseEvent("button_press_event", canvas, box.x0 + box.width / 2, box.y0 + box.height / 2,
               MouseButton.LEFT)._process()
    assert Opened.calls == [("commitments", Target(alliance_id=ids["alliance"], year=2026))]
    charts.open_alliance_at(5)  # no such bar: nothing happens
    assert len(Opened.calls) == 1


def test_each_chart_saves_as_png(
    dashboard_window: tuple[HomePage, dict[str, int]], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from alliance_desk.ui.dashboard import charts as charts_module

    page, _ids = dashboard_window
    assert page.charts is not None
    for name, view in page.charts.views.items():
        written = view.save_png(tmp_path / f"{name}.png")
        assert written.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    view = page.charts.views["monthly"]
    assert view.default_file_name() == "2026年每月新增承诺与履诺.png"
    monkeypatch.setattr(charts_module.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "图表"), ""))
    saved = view.ask_and_save()
    assert saved == tmp_path / "图表.png" and saved.read_bytes()[:4] == b"\x89PNG"


def test_report_buttons(
    dashboard_window: tuple[HomePage, dict[str, int]], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import openpyxl

    from alliance_desk.ui.dashboard import report_actions

    page, _ids = dashboard_window
    job = page.report_job()
    assert (job.title, job.landscape) == ("2026年度履诺情况统计表", True)
    document = job.build()
    assert "测试联盟" in document.toPlainText() and "民政局" in document.toPlainText()
    monkeypatch.setattr(report_actions.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "统计表"), ""))
    written = page.export_xlsx()
    assert written == tmp_path / "统计表.xlsx"
    book = openpyxl.load_workbook(written)
    assert book["联盟"]["B2"].value == "测试联盟" and book["联盟"]["C2"].value == 2
    assert "已导出" in page.window().statusBar().currentMessage()


def test_alliance_filter(
    qtbot: QtBot, dashboard_window: tuple[HomePage, dict[str, int]]
) -> None:
    page, ids = dashboard_window
    index = page.alliance_box.findData(ids["alliance"])
    assert index > 0
    page.alliance_box.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page.dashboard is not None
                    and page.dashboard.figures.alliance_id == ids["alliance"], timeout=30_000)
    assert page.scope_label.text() == "2026年 · 测试联盟"
    assert page.report_job().title == "测试联盟2026年度履诺情况统计表"


def test_charts_at_1000_px_keep_legends_off_the_data_and_labels_apart(
    qtbot: QtBot, dashboard_window: tuple[HomePage, dict[str, int]]
) -> None:
    page, _ids = dashboard_window
    window = page.window()
    window.resize(1000, 720)
    qtbot.wait(50)
    assert page.charts is not None
    page.charts.draw_now()
    for name, view in page.charts.views.items():
        figure = view.figure
        renderer = view.canvas.get_renderer()
        axes = figure.axes[0]
        plot = axes.get_window_extent(renderer)
        legend = axes.get_legend()
        if legend is not None:  # above the plot area, never over it
            assert legend.get_window_extent(renderer).y0 >= plot.y1 - 1, name
        labels = [t for t in axes.get_xticklabels() if t.get_text()]
        boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
        for left, right in pairwise(boxes):
            assert left.x1 <= right.x0 + 0.5, (name, left, right)
        for label in axes.get_yticklabels():  # the alliance names are not cut at the left
            if label.get_text():
                assert label.get_window_extent(renderer).x0 >= 0, (name, label.get_text())
    assert page.figure_cards["overdue"].findChildren(QLabel)  # the card says its scope
    captions = " ".join(w.text() for w in page.figure_cards["overdue"].findChildren(QLabel))
    assert "本年到期" in captions
    assert "全部年度" in page.due_panel.overdue_heading.text()
