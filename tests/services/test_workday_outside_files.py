"""社区工作日 imports against files other programs wrote, not only our own writer's.

Three kinds: files LibreOffice itself wrote (a flat .fods made here, and an openpyxl
workbook, each converted to .xlsx by ``soffice`` once per module); CSV as Excel and WPS
save it in China (GBK, BOM, tabs or semicolons, the dates, times and phone numbers as
they come out); and hostile files (a one-cell sheet claiming A1:XFD1048576, cells far
out at column XFD, 10 MB of rows, 100,000 empty styled rows): refused or read within
bounds, with a one-line Chinese reason and nothing written.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.register_io.table_file import read_xlsx_openpyxl
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.services.workday import activities, members
from alliance_desk.services.workday.attendance_import import (
    AttendanceImportPreview,
    apply_attendance_import,
    preview_attendance_import,
)
from alliance_desk.services.workday.members_import import (
    MemberImportPreview,
    apply_members_import,
    preview_members_import,
)
from alliance_desk.services.workday.members_import import (
    is_header_row as is_member_header,
)

TODAY = date(2026, 6, 30)
DAY = date(2026, 5, 9)
SOFFICE = shutil.which("soffice")
NO_CALC = SOFFICE is None or not Path("/usr/lib/libreoffice/program/libscdlo.so").exists()


@pytest.fixture
def world(db: Database) -> dict[str, int]:
    """A community, a unit, two members on its roll and one activity on ``DAY``."""
    ids = {
        "community": create_unit(db, UnitInput("东风社区", UnitCategory.COMMUNITY)).unit.id,
        "unit": create_unit(db, UnitInput("市财政局", UnitCategory.GOVERNMENT)).unit.id,
    }
    for key, name, phone in (("zhang", "张三", "13912345678"), ("li", "李四", "13912345679")):
        ids[key] = members.create_member(
            db, members.MemberInput(name=name, unit_id=ids["unit"], phone=phone), today=TODAY
        ).id
    ids["activity"] = activities.create_activity(
        db,
        activities.ActivityInput(
            held_on=DAY,
            community_unit_id=ids["community"],
            category="环境整治",
            planned_start=datetime(2026, 5, 9, 8, 30),
            planned_end=datetime(2026, 5, 9, 11),
        ),
    ).id
    return ids


def _members(db: Database, path: Path) -> MemberImportPreview:
    return preview_members_import(db, path, today=TODAY)


def _attendance(db: Database, path: Path) -> AttendanceImportPreview:
    return preview_attendance_import(db, path)


def _roll(db: Database) -> list[str]:
    return sorted(m.name for m in members.list_members(db))


# --- files LibreOffice wrote ---------------------------------------------------------------

_FODS_NS = " ".join(
    f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}"'
    for prefix, name in (
        ("office", "office:1.0"),
        ("table", "table:1.0"),
        ("text", "text:1.0"),
        ("style", "style:1.0"),
        ("number", "datastyle:1.0"),
        ("fo", "xsl-fo-compatible:1.0"),
        ("of", "of:1.2"),
    )
)
_FODS_STYLES = (
    "<office:automatic-styles>"
    '<number:time-style style:name="Nt"><number:hours/><number:text>:</number:text>'
    '<number:minutes number:style="long"/></number:time-style>'
    '<number:date-style style:name="Nd"><number:year number:style="long"/>'
    "<number:text>/</number:text><number:month/><number:text>/</number:text><number:day/>"
    "</number:date-style>"
    '<style:style style:name="time" style:family="table-cell" style:data-style-name="Nt"/>'
    '<style:style style:name="date" style:family="table-cell" style:data-style-name="Nd"/>'
    '<style:style style:name="fill" style:family="table-cell">'
    '<style:table-cell-properties fo:background-color="#ffff00"/></style:style>'
    "</office:automatic-styles>"
)


def _fods_cell(value: object) -> str:
    """A cell of a flat ODS sheet: text, a number, or a tagged tuple for the rest."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    if isinstance(value, tuple):
        kind, *args = value
        if kind == "time":  # shown as 8:30, stored as a fraction of a day
            return (
                '<table:table-cell table:style-name="time" office:value-type="time" '
                f'office:time-value="PT{args[0]:02d}H{args[1]:02d}M00S"/>'
            )
        if kind == "date":
            return (
                '<table:table-cell table:style-name="date" office:value-type="date" '
                f'office:date-value="{args[0]}"/>'
            )
        if kind == "formula":
            formula = escape(str(args[0]), {'"': "&quot;"})
            return f'<table:table-cell table:formula="of:={formula}"/>'
        if kind == "title":  # merged across the header's width
            return (
                f'<table:table-cell table:number-columns-spanned="{args[1]}" '
                f'office:value-type="string"><text:p>{escape(str(args[0]))}</text:p>'
                f'</table:table-cell><table:covered-table-cell '
                f'table:number-columns-repeated="{args[1] - 1}"/>'
            )
    text = escape(str(value))
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>' + (
        "</table:table-cell>"
    )


def _fods(path: Path, title: str, rows: list[list[object]], styled_rows: int = 0) -> Path:
    body = "".join(
        "<table:table-row>" + "".join(_fods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )
    if styled_rows:  # formatted but empty, as when a clerk colours whole rows
        body += (
            f'<table:table-row table:number-rows-repeated="{styled_rows}">'
            '<table:table-cell table:style-name="fill" table:number-columns-repeated="12"/>'
            "</table:table-row>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document {_FODS_NS} office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        f"{_FODS_STYLES}<office:body><office:spreadsheet>"
        f'<table:table table:name="{escape(title)}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document>",
        encoding="utf-8",
    )
    return path


MEMBER_HEADER = ["姓名（必填）", None, "性别", "工作单位*", "联系电话", "报到社区", "报到日期"]


def _office_sources(folder: Path) -> list[Path]:
    roll = _fods(
        folder / "roll.fods",
        "名单",
        [
            [("title", "2026年市财政局在职党员报到名单", 7)],
            [*MEMBER_HEADER, None, None],
            ["\u3000王五\u3000", None, "男", "市财政局", 13912345670, "东风社区",
             ("date", "2026-03-05")],
            ["赵六", None, "女 ", " 市财政局", ("formula", "10000000000+3912345671"),
             "东风社区", ("formula", "DATE(2026;3;6)")],
            ["孙七", None, "女", "市财政局", "13912345672", "东风社区", "2026年3月7日"],
            [("formula", "NA()"), None, "男", "市财政局", None, None, None],
        ],
        styled_rows=100_000,
    )
    sheet = _fods(
        folder / "sheet.fods",
        "签到表",
        [
            [("title", "东风社区社区工作日签到表", 5)],
            ["活动编号", "姓名", "考勤", "签到时间", "签退时间"],
            [987654, "张三", "正常", ("time", 8, 30), ("time", 11, 0)],
            ["987654", "李四", "迟到", "9:05", ("formula", "TIME(11;0;0)")],
        ],
    )
    # a workbook whose hidden first sheet holds last year's roll; the clerk sees a cover
    # sheet (active) and this year's roll
    book = openpyxl.Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "2025名单"
    hidden.append(["姓名", "工作单位"])
    hidden.append(["旧人", "市财政局"])
    hidden.sheet_state = "hidden"
    cover = book.create_sheet("封面")
    cover.append(["市财政局在职党员报到名单（请勿修改本页）"])
    current = book.create_sheet("2026名单")
    current.append(["姓名", "工作单位"])
    current.append(["周八", "市财政局"])
    book.active = 1
    book.save(folder / "hidden.xlsx")
    return [roll, sheet, folder / "hidden.xlsx"]


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sources above, each saved as .xlsx by LibreOffice (one soffice run)."""
    if NO_CALC:
        pytest.skip("LibreOffice Calc is not installed (CI installs libreoffice-calc-nogui)")
    folder = tmp_path_factory.mktemp("office")
    sources = _office_sources(folder)
    out = folder / "out"
    subprocess.run(
        [str(SOFFICE), "--headless", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "xlsx", "--outdir", str(out), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )
    files = {p.stem: out / f"{p.stem}.xlsx" for p in sources}
    assert all(p.exists() for p in files.values()), files
    return files


def _with_activity(path: Path, activity: int, tmp_path: Path) -> Path:
    """The LibreOffice file with the activity's id where the source said 987654."""
    target = tmp_path / path.name
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            copy.writestr(info, data.replace(b"987654", str(activity).encode()))
    return target


def test_a_roll_libreoffice_wrote_with_dates_formulas_and_styled_rows(
    db: Database, world: dict[str, int], office_files: dict[str, Path]
) -> None:
    preview = _members(db, office_files["roll"])
    assert (preview.sheet, preview.header_row) == ("名单", 2)
    assert [(r.row_number, r.name) for r in preview.rows] == [
        (3, "王五"), (4, "赵六"), (5, "孙七"), (6, "#N/A")
    ]
    good = {r.name: r.data for r in preview.rows if r.data is not None}
    assert {n: (d.phone, d.reported_on, d.gender) for n, d in good.items()} == {
        "王五": ("13912345670", date(2026, 3, 5), "男"),
        "赵六": ("13912345671", date(2026, 3, 6), "女"),
        "孙七": ("13912345672", date(2026, 3, 7), "女"),
    }
    assert "错误值“#N/A”" in preview.rows[3].reason
    with pytest.raises(DomainError, match="未导入任何数据"):
        apply_members_import(db, preview)
    assert _roll(db) == ["张三", "李四"]


def test_a_sign_in_sheet_libreoffice_wrote_with_time_cells(
    db: Database, world: dict[str, int], office_files: dict[str, Path], tmp_path: Path
) -> None:
    path = _with_activity(office_files["sheet"], world["activity"], tmp_path)
    preview = _attendance(db, path)
    assert preview.can_apply, [r.reason for r in preview.error_rows]
    assert [(r.name, r.sign_in, r.sign_out, r.hours) for r in preview.rows] == [
        ("张三", datetime(2026, 5, 9, 8, 30), datetime(2026, 5, 9, 11), 2.5),
        ("李四", datetime(2026, 5, 9, 9, 5), datetime(2026, 5, 9, 11), 1.9),
    ]
    assert apply_attendance_import(db, preview) == 2


def test_a_hidden_sheet_is_read_after_the_visible_ones(
    db: Database, world: dict[str, int], office_files: dict[str, Path]
) -> None:
    with zipfile.ZipFile(office_files["hidden"]) as package:
        assert b'state="hidden"' in package.read("xl/workbook.xml")  # LibreOffice kept it
    preview = _members(db, office_files["hidden"])
    assert preview.sheet == "2026名单" and [r.name for r in preview.rows] == ["周八"]
    fallback = read_xlsx_openpyxl(office_files["hidden"].read_bytes(), is_member_header)
    assert fallback is not None and fallback.sheet == "2026名单"
