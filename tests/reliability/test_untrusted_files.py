"""Files sent back from outside units: bounded, refused in Chinese, never a crash.

The hostile files are made here (a cell at column ZZZZZZ, a zip bomb of empty rows, a
shared-strings bomb, an oversized file, an endless CSV cell); the honest ones come from
openpyxl and, when LibreOffice Calc is installed, from LibreOffice itself.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from alliance_desk import cli
from alliance_desk.core.errors import DomainError
from alliance_desk.core.validation import unsafe_text_error
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.register_io import limits
from alliance_desk.services.register_io.table_file import read_table
from alliance_desk.services.register_io.template import write_units_template
from alliance_desk.services.units import UnitInput, create_unit

SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def _xlsx(path: Path, sheet_xml: str | bytes, shared: str | bytes | None = None) -> Path:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="r1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="单位" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        rels = f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            target = 'Target="sharedStrings.xml"'
            rels += f'<Relationship Id="rId2" Type="{rel}/sharedStrings" {target}/>'
            package.writestr("xl/sharedStrings.xml", shared)
        package.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{pkg}">{rels}</Relationships>'
        )
        package.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def _header_row() -> str:
    return '<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c>' \
        '<c r="B1" t="inlineStr"><is><t>类别</t></is></c></row>'


def _import(db: Database, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["import", "units", "--db", str(db.sqlite_path or db.url), str(path)])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


@pytest.fixture
def file_db(sqlite_path: Path) -> Database:
    from alliance_desk.services.bootstrap import open_database

    database = open_database(str(sqlite_path), auto_backup=False)
    yield database
    database.dispose()


def test_a_cell_beyond_column_xfd_is_refused_at_once(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "far.xlsx",
        SHEET_HEAD + _header_row() + '<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>' + SHEET_TAIL,
    )
    assert path.stat().st_size < 4096
    with pytest.raises(limits.FileTooLarge, match="XFD"):
        read_table(path, lambda cells: "单位名称" in cells)


def test_a_row_beyond_excel_is_refused(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "deep.xlsx",
        SHEET_HEAD + _header_row() + '<row r="2000000"><c r="A2000000"><v>1</v></c></row>'
        + SHEET_TAIL,
    )
    with pytest.raises(limits.FileTooLarge, match="最大行数"):
        read_table(path, lambda cells: "单位名称" in cells)


def test_a_zip_bomb_of_empty_rows_is_refused_before_it_is_read(tmp_path: Path) -> None:
    rows = '<row r="2"><c r="A2"/></row>' * 3_000_000  # 84 MB of XML, 0.1 MB zipped
    path = _xlsx(tmp_path / "bomb.xlsx", SHEET_HEAD + _header_row() + rows + SHEET_TAIL)
    assert path.stat().st_size < 20 * 1024 * 1024
    with pytest.raises(limits.FileTooLarge, match="解压后"):
        read_table(path, lambda cells: "单位名称" in cells)


def test_a_shared_strings_bomb_is_refused(tmp_path: Path) -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    shared = f'<sst xmlns="{main}">' + "<si><t>x</t></si>" * (limits.MAX_SHARED_STRINGS + 1)
    shared += "</sst>"
    path = _xlsx(tmp_path / "strings.xlsx", SHEET_HEAD + _header_row() + SHEET_TAIL, shared)
    with pytest.raises(limits.FileTooLarge, match="不同文字"):
        read_table(path, lambda cells: "单位名称" in cells)


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    with pytest.raises(limits.FileTooLarge, match="超过了导入上限"):
        read_table(path, lambda cells: True)


def test_an_endless_csv_cell_is_one_clear_refusal(
    file_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.csv"
    path.write_text("单位名称,类别\n" + "甲" * 140_000 + ",机关\n", encoding="utf-8")
    code, text = _import(file_db, path, capsys)
    assert code == cli.EXIT_FAILED and "第 2 行无法读取" in text and "Traceback" not in text


@pytest.mark.parametrize("separator", ["\t", ";", ","])
def test_csv_separators_are_sniffed(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "units.csv"
    lines = [["单位名称", "类别", "党员人数"], ["城东社区", "社区", "35"], ["民政局", "机关", "12"]]
    path.write_text("\n".join(separator.join(line) for line in lines) + "\n", encoding="gb18030")
    table = read_table(path, lambda cells: "单位名称" in cells)
    assert table is not None
    assert [cells[:3] for _n, cells in table.rows] == [("城东社区", "社区", "35"),
                                                       ("民政局", "机关", "12")]


@pytest.mark.parametrize("count", [3_000_000_000, 2**63])
def test_a_huge_member_count_is_refused_the_same_way_on_every_database(
    db: Database, count: int
) -> None:
    with pytest.raises(DomainError) as raised:
        create_unit(db, UnitInput(name="人数很多的单位", category=UnitCategory.GOVERNMENT,
                                  party_member_count=count))
    assert "党员人数不能超过" in str(raised.value.errors if hasattr(raised.value, "errors")
                                    else raised.value.message)


def test_a_huge_member_count_in_an_import_is_a_row_error(
    file_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "units.csv"
    path.write_text(f"单位名称,类别,党员人数\n大单位,机关,{2**63}\n", encoding="utf-8")
    code, text = _import(file_db, path, capsys)
    assert code == cli.EXIT_FAILED and "党员人数不能超过" in text and "Traceback" not in text


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("城东\x00社区", "控制字符"),
        ("城东\x1b[31m社区", "控制字符"),
        ("城东\r\n社区", "换行"),
        ("城东\u202e区社", "不可见"),
        ("#N/A", "错误值"),
        ("#REF!", "错误值"),
    ],
)
def test_control_characters_bidi_overrides_and_excel_errors_are_refused(
    db: Database, name: str, why: str
) -> None:
    assert why in (unsafe_text_error(name, "单位名称") or "")
    with pytest.raises(DomainError):
        create_unit(db, UnitInput(name=name, category=UnitCategory.GOVERNMENT))


def test_the_template_never_writes_a_live_formula(tmp_path: Path) -> None:
    import openpyxl

    path = write_units_template(tmp_path / "t.xlsx", ['=HYPERLINK("http://x","点我")', "乙联盟"])
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def _progress_book(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["承诺编号", "进度日期", "进展情况", "完成进度"])
    sheet.append([1, datetime(2026, 3, 15), "完成一半", 0.6])
    sheet["B2"].number_format = "yyyy/m/d"
    sheet["D2"].number_format = "0%"
    book.save(path)
    return path


def _cells(path: Path) -> tuple[object, ...]:
    table = read_table(path, lambda cells: "承诺编号" in cells)
    assert table is not None
    return table.rows[0][1]


def test_dates_and_percentages_are_read_as_their_number_format_shows_them(
    tmp_path: Path,
) -> None:
    from alliance_desk.services.commitments.progress_import import cell_date, cell_percent

    cells = _cells(_progress_book(tmp_path / "progress.xlsx"))
    assert cell_date(cells[1]) == date(2026, 3, 15)  # the serial 46096, shown as a date
    assert cell_percent(cells[3]) == 60  # 0.6, shown as 60%


@pytest.mark.skipif(
    shutil.which("soffice") is None
    or not Path("/usr/lib/libreoffice/program/libscdlo.so").exists(),
    reason="LibreOffice Calc is not installed",
)
def test_a_file_libreoffice_wrote_reads_the_same(tmp_path: Path) -> None:
    from alliance_desk.services.commitments.progress_import import cell_date, cell_percent

    source = tmp_path / "in.csv"
    source.write_text("承诺编号,进度日期,进展情况,完成进度\n1,2026-03-15,完成一半,60%\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    cells = _cells(out / "in.xlsx")
    assert isinstance(cells[1], datetime)  # LibreOffice stored a date serial
    assert cell_date(cells[1]) == date(2026, 3, 15)
    assert cell_percent(cells[3]) == 60
