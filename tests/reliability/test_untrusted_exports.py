"""Every xlsx the app writes goes through the one anti-formula rule (item 13)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from alliance_desk.services.register_io.template import write_units_template


def test_units_template_notes_never_hold_a_live_formula(tmp_path: Path) -> None:
    name = '=HYPERLINK("http://example.invalid","点我")'
    path = write_units_template(tmp_path / "t.xlsx", [name, "+1 联盟"])
    book = openpyxl.load_workbook(path)
    texts = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not [c.coordinate for c in texts if c.data_type == "f"]
    assert any(c.value.startswith("'=HYPERLINK") for c in texts)
