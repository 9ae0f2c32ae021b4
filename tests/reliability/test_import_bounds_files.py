"""Hostile files for the one reading layer (``register_io.table_file.read_table``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from alliance_desk.core.errors import DomainError
from alliance_desk.services.register_io.table_file import read_table

_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WB = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_HEAD = (
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _xlsx(path: Path, rows_xml: str | bytes) -> Path:
    body = rows_xml.encode() if isinstance(rows_xml, str) else rows_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WB)
        archive.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        archive.writestr(
            "xl/worksheets/sheet1.xml", _SHEET_HEAD.encode() + body + _SHEET_TAIL.encode()
        )
    return path


def _header(cells: tuple) -> bool:
    return any(c == "名称" for c in cells)


_HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>'


def test_a_cell_beyond_column_xfd_is_refused(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "wide.xlsx", _HEADER_ROW + '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>'
    )
    with pytest.raises(DomainError, match="XFD"):
        read_table(path, _header)


def test_a_row_beyond_excel_is_refused(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "deep.xlsx", _HEADER_ROW + '<row r="2000000"><c r="A2000000"><v>1</v></c></row>'
    )
    with pytest.raises(DomainError, match="1,048,576"):
        read_table(path, _header)


def test_a_zip_bomb_part_is_refused_before_inflating(tmp_path: Path) -> None:
    rows = b"<row/>" * (110 * 1024 * 1024 // 6)
    path = _xlsx(tmp_path / "bomb.xlsx", _HEADER_ROW.encode() + rows)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(DomainError):
        read_table(path, _header)


def test_a_file_over_20_mb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (21 * 1024 * 1024))
    with pytest.raises(DomainError, match="20 MB"):
        read_table(path, _header)


def test_a_csv_field_over_the_limit_is_a_clear_refusal(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("名称,备注\n甲," + "长" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(DomainError):
        read_table(path, _header)


@pytest.mark.parametrize("delimiter", ["\t", ";", ","])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_delimiters_and_encodings(tmp_path: Path, delimiter: str, encoding: str) -> None:
    path = tmp_path / "units.csv"
    text = f"序号{delimiter}名称{delimiter}类别\n1{delimiter}甲单位{delimiter}机关\n"
    path.write_bytes(text.encode(encoding))
    table = read_table(path, _header)
    assert table is not None
    assert table.header == ("序号", "名称", "类别")
    assert table.rows == [(2, ("1", "甲单位", "机关"))]


def test_semicolon_csv_without_the_word_名称_in_a_data_line(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("标题行;;\n名称;类别;电话\n甲;机关;1,2\n", encoding="utf-8")
    table = read_table(path, _header)
    assert table is not None and table.rows == [(3, ("甲", "机关", "1,2"))]
