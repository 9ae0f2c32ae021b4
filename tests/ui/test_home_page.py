from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text
from ui_helpers import seed_register, visible_message_boxes

from alliance_desk.core.errors import DomainError
from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.storage.models import AuditEntry, Unit
from alliance_desk.ui import demo_fill
from alliance_desk.ui.main_window import MainWindow
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


def test_empty_database_offers_demo_data(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    pytest.importorskip("alliance_desk.services.demo.generator")
    page = _home(open_window(db))
    assert page.empty_panel.isVisible()
    assert page.demo_button.text() == "填充演示数据"
    page.demo_button.click()
    assert page.task is not None
    qtbot.waitUntil(lambda: not page.task.running, timeout=60_000)
    assert page.figures is not None and page.figures.alliances == 24
    assert not page.empty_panel.isVisible()
    assert "已填充演示数据" in page.window().statusBar().currentMessage()


def test_demo_data_is_refused_on_a_database_with_data(
    qtbot: QtBot, open_window: OpenWindow, db: Database
) -> None:
    """Another clerk filled the database after the page showed: refused, nothing changed."""
    pytest.importorskip("alliance_desk.services.demo.generator")
    page = _home(open_window(db))
    assert page.empty_panel.isVisible()
    seed_register(db)
    before = _row_counts(db)
    page.demo_button.click()
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
    page.demo_button.click()
    qtbot.waitUntil(lambda: bool(visible_message_boxes()))
    (box,) = visible_message_boxes()
    assert box.text() == "测试：该单位不能保存。"
    assert page.demo_button.isEnabled()
    assert _row_counts(db) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    box.done(0)
