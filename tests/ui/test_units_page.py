from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.units import UnitInput, create_unit, get_unit, list_units, update_unit
from alliance_desk.ui.register.unit_editor import UnitEditor
from alliance_desk.ui.register.units_page import UnitsPage


def _seed(db: Database) -> None:
    for name, secretary, phone in [
        ("市人民医院", "王立民", "13912345678"),
        ("市民政局", "李方", "0436-6221234"),
        ("人民路社区", "高行", "13700000000"),
    ]:
        create_unit(
            db,
            UnitInput(
                name=name, category=UnitCategory.GOVERNMENT, secretary=secretary, phone=phone
            ),
        )


def _page(qtbot: QtBot, db: Database) -> UnitsPage:
    page = UnitsPage(db)
    qtbot.addWidget(page)
    page.show()
    return page


def _visible_names(page: UnitsPage) -> list[str]:
    return [page.model.row_at(r).name for r in range(page.model.rowCount())]


def test_search_filters_by_name_secretary_and_phone(qtbot: QtBot, db: Database) -> None:
    _seed(db)
    page = _page(qtbot, db)
    page.search.setText("人民")  # QTest.keyClicks only types ASCII
    assert _visible_names(page) == ["市人民医院", "人民路社区"]
    page.search.clear()
    qtbot.keyClicks(page.search, "0436")
    assert _visible_names(page) == ["市民政局"]
    page.search.setText("李方")
    assert _visible_names(page) == ["市民政局"]
    assert "1 / 共 3" in page.count_label.text()


def test_category_and_state_filters_and_sorting(qtbot: QtBot, db: Database) -> None:
    _seed(db)
    create_unit(db, UnitInput(name="幸福社区", category=UnitCategory.COMMUNITY, active=False))
    page = _page(qtbot, db)
    page.category.setCurrentIndex(page.category.findData(UnitCategory.COMMUNITY))
    assert _visible_names(page) == ["幸福社区"]
    page.category.setCurrentIndex(0)
    page.state.setCurrentIndex(page.state.findData("active"))
    assert "幸福社区" not in _visible_names(page)
    page.table.horizontalHeader().setSortIndicator(5, Qt.SortOrder.AscendingOrder)
    assert _visible_names(page)[0] == "市民政局"


def test_add_unit_with_validation_errors_keeps_what_was_typed(qtbot: QtBot, db: Database) -> None:
    editor = UnitEditor(db)
    qtbot.addWidget(editor)
    editor.name.setText("市方志办")
    qtbot.keyClicks(editor.phone, "12345")
    editor.party_member_count.setText("-3")
    editor.save()
    assert "请选择单位类别" in editor.form.error_text("category")
    assert "电话号码格式不正确" in editor.form.error_text("phone")
    assert "不能为负数" in editor.form.error_text("party_member_count")
    assert editor.name.text() == "市方志办"
    assert list_units(db) == []

    editor.category.setCurrentIndex(editor.category.findData(UnitCategory.GOVERNMENT))
    editor.phone.setText("0436-6221234")
    editor.party_member_count.setText("12")
    editor.save()
    assert editor.result() == editor.DialogCode.Accepted
    (row,) = list_units(db)
    assert (row.name, row.phone, row.party_member_count) == ("市方志办", "0436-6221234", 12)


def test_duplicate_name_is_shown_at_the_field(qtbot: QtBot, db: Database) -> None:
    _seed(db)
    editor = UnitEditor(db)
    qtbot.addWidget(editor)
    editor.name.setText("市人民医院\u3000")
    editor.category.setCurrentIndex(1)
    editor.save()
    assert "重复" in editor.form.error_text("name")


def test_edit_unit_and_see_its_alliances(qtbot: QtBot, db: Database) -> None:
    _seed(db)
    unit = list_units(db)[0]
    alliance = create_alliance(db, AllianceInput(name="幸福社区党建联盟"))
    add_members(db, alliance.alliance.id, [unit.id], joined_on=date(2022, 1, 1))
    editor = UnitEditor(db, unit.id)
    qtbot.addWidget(editor)
    assert editor.memberships.item(0, 0).text() == "幸福社区党建联盟"
    editor.liaison.setText("赵行")
    editor.save()
    assert get_unit(db, unit.id).unit.liaison == "赵行"


def test_stale_edit_is_refused_and_reload_offered(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(db)
    unit = list_units(db)[0]
    editor = UnitEditor(db, unit.id)
    qtbot.addWidget(editor)
    update_unit(
        db,
        unit.id,
        UnitInput(name=unit.name, category=unit.category, liaison="他人改的"),
        expected_version=unit.version,
    )
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        box.buttons()[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    editor.liaison.setText("我改的")
    editor.save()
    assert shown and "已被他人修改" in shown[0]
    assert get_unit(db, unit.id).unit.liaison == "他人改的"
    assert editor.liaison.text() == "他人改的"


def test_deactivate_and_delete_rules(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(db)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    used = list_units(db)[0]
    alliance = create_alliance(db, AllianceInput(name="光明社区党建联盟"))
    add_members(db, alliance.alliance.id, [used.id], joined_on=date(2022, 1, 1))
    page = _page(qtbot, db)

    page.select_unit(used.id)
    page.delete_selected()
    assert told and "不能删除" in told[0]
    page.toggle_active()
    assert get_unit(db, used.id).unit.active is False

    unused = list_units(db)[1]
    page.select_unit(unused.id)
    page.delete_selected()
    assert unused.id not in [r.id for r in list_units(db)]
    assert page.model.rowCount() == 2
