from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.register_io import RowStatus
from alliance_desk.services.units import UnitInput, create_unit, list_units
from alliance_desk.ui.register.units_page import UnitsPage

HEADERS = ["单位名称*", "单位类别*", "书记", "联系电话", "党员人数"]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _page(qtbot: QtBot, db: Database) -> UnitsPage:
    page = UnitsPage(db)
    qtbot.addWidget(page)
    page.show()
    return page


def test_import_with_errors_writes_nothing_then_good_file_writes_all(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    page = _page(qtbot, db)
    bad = _xlsx(
        tmp_path / "bad.xlsx",
        [
            ["市人民医院", "事业单位", "王立民", "13912345678", 56],
            ["市民政局", "机关", "", "12345", -1],
        ],
    )
    dialog = page.import_from(bad)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert not dialog.apply_button.isEnabled()
    assert dialog.model.rowCount() == 1  # only the error row is shown
    error_row = dialog.model.row_at(0)
    assert error_row.status is RowStatus.ERROR and "电话号码格式不正确" in error_row.reason
    assert "有错误 1" in dialog.summary.text()
    dialog.reject()
    assert list_units(db) == []

    good = _xlsx(
        tmp_path / "good.xlsx",
        [["市人民医院", "事业单位", "王立民", "13912345678", 56], ["市民政局", "机关", "", "", 3]],
    )
    dialog = page.import_from(good)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(page.units_changed):
        dialog.apply_button.click()
    assert sorted(r.name for r in list_units(db)) == ["市人民医院", "市民政局"]
    assert page.model.rowCount() == 2


def test_export_the_filtered_table_and_read_it_back(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    for name, phone in [("市人民医院", "13912345678"), ("=cmd|calc", ""), ("市民政局", "")]:
        create_unit(db, UnitInput(name=name, category=UnitCategory.GOVERNMENT, phone=phone))
    page = _page(qtbot, db)
    page.search.setText("市")
    assert page.export_to(tmp_path / "filtered.xlsx")
    sheet = load_workbook(tmp_path / "filtered.xlsx").active
    assert sheet is not None
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["市人民医院", "市民政局"]

    page.search.clear()
    assert page.export_to(tmp_path / "all.csv")
    with (tmp_path / "all.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[0] for r in rows[1:]] == ["市人民医院", "'=cmd|calc", "市民政局"]
