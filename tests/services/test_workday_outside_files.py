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
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from xml.sax.saxutils import escape

import openpyxl
import pytest

from alliance_desk import cli
from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.register_io import limits
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

T = TypeVar("T")
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


# --- CSV as Excel and WPS save it in China -------------------------------------------------


def _csv(path: Path, lines: list[list[str]], encoding: str, separator: str) -> Path:
    """Excel's way: CRLF, fields with the separator or a quote quoted, nothing else."""

    def field(text: str) -> str:
        if separator in text or '"' in text:
            return '"' + text.replace('"', '""') + '"'
        return text

    text = "".join(separator.join(field(c) for c in line) + "\r\n" for line in lines)
    path.write_bytes(text.encode(encoding))
    return path


ROLL_LINES = [
    ["2026年市财政局在职党员报到名单", "", "", "", "", "", "", ""],  # a merged title row
    ["填报单位：市财政局机关党委", "", "", "", "", "", "", ""],
    ["姓名", "", "性别", "工作单位", "手机号", "报到社区", "报到日期", "特长"],
    ["\u3000王五\u3000", "", "男", "市财政局\u3000", "13912345670", "东风社区", "2026/3/5",
     "书法，摄影"],
    ["赵六", "", "女", "市财政局", "1.3912345671E+10", "东风社区", "2026年3月6日", ""],
    ["孙七", "", "女", "市财政局", "13912345672.0", "东风社区", "46088", ""],
    ["钱\u3000九", "", "男", "市财政局", "139 1234 5673", "东风社区", "2026/3/8 0:00",
     "唱歌;跳舞"],  # a two-character name padded to line up with three
    ["", "", "", "", "", "", "", ""],
]
ROLL_EXPECTED = {
    "王五": ("13912345670", date(2026, 3, 5)),
    "赵六": ("13912345671", date(2026, 3, 6)),
    "孙七": ("13912345672", date(2026, 3, 7)),
    "钱九": ("139 1234 5673", date(2026, 3, 8)),
}
EXCEL_SAVES = [
    pytest.param("gbk", ",", id="WPS-ANSI-comma"),
    pytest.param("gb18030", "\t", id="GB18030-tab"),
    pytest.param("utf-8-sig", ",", id="Excel-CSV-UTF-8"),
    pytest.param("utf-8-sig", ";", id="BOM-semicolon"),
    pytest.param("utf-16", "\t", id="Excel-Unicode-text"),
]


@pytest.mark.parametrize(("encoding", "separator"), EXCEL_SAVES)
def test_a_roll_saved_as_csv_in_china(
    db: Database, world: dict[str, int], tmp_path: Path, encoding: str, separator: str
) -> None:
    path = _csv(tmp_path / "名单.csv", ROLL_LINES, encoding, separator)
    preview = _members(db, path)
    assert preview.header_row == 3 and preview.can_apply, [r.reason for r in preview.error_rows]
    got = {r.name: (r.data.phone, r.data.reported_on) for r in preview.rows if r.data}
    assert got == ROLL_EXPECTED
    assert preview.rows[0].data is not None and preview.rows[0].data.skills == "书法，摄影"
    assert apply_members_import(db, preview) == 4
    assert _roll(db) == sorted(["张三", "李四", *ROLL_EXPECTED])


def test_a_phone_excel_cut_to_scientific_notation_is_refused_with_the_reason(
    db: Database, world: dict[str, int], tmp_path: Path
) -> None:
    lines = [["姓名", "工作单位", "联系电话"], ["吴十", "市财政局", "1.39123E+10"]]
    preview = _members(db, _csv(tmp_path / "e.csv", lines, "gbk", ","))
    assert "科学计数法" in preview.rows[0].reason and "文本" in preview.rows[0].reason


SIGN_TIMES = [
    pytest.param("8:30", "11:00", id="h:mm"),
    pytest.param("08:30:00", "11:00:00", id="hh:mm:ss"),
    pytest.param("0.354166666666667", "0.458333333333333", id="fraction-of-a-day"),
    pytest.param("2026/5/9 8:30", "2026/5/9 11:00", id="slashes"),
    pytest.param("2026年5月9日 8:30", "2026年5月9日 11时00分", id="chinese"),
    pytest.param("46151.3541666667", "46151.4583333333", id="serial"),
    pytest.param("上午8:30", "上午11:00", id="morning"),
]


@pytest.mark.parametrize(("sign_in", "sign_out"), SIGN_TIMES)
def test_sign_in_times_as_csv_writes_them(
    db: Database, world: dict[str, int], tmp_path: Path, sign_in: str, sign_out: str
) -> None:
    lines = [
        ["社区工作日签到表", "", "", "", ""],
        ["活动编号", "姓名", "考勤", "签到时间", "签退时间"],
        [str(world["activity"]), "张三", "正常", sign_in, sign_out],
    ]
    preview = _attendance(db, _csv(tmp_path / "签到.csv", lines, "gbk", ","))
    assert preview.can_apply, [r.reason for r in preview.error_rows]
    row = preview.rows[0]
    assert (row.sign_in, row.sign_out, row.hours) == (
        datetime(2026, 5, 9, 8, 30), datetime(2026, 5, 9, 11), 2.5
    )


@pytest.mark.parametrize(("encoding", "separator"), EXCEL_SAVES)
def test_a_sign_in_sheet_saved_as_csv_in_china_is_checked(
    db: Database, world: dict[str, int], tmp_path: Path, encoding: str, separator: str
) -> None:
    act = str(world["activity"])
    later = activities.create_activity(
        db,
        activities.ActivityInput(
            held_on=DAY, community_unit_id=world["community"], category="文明劝导"
        ),
    ).id
    lines = [
        ["活动编号", "", "姓名", "手机", "考勤", "签到时间", "签退时间", ""],
        [act, "", "\u3000张\u3000三\u3000", "", "正常", "8:30", "11:00", ""],
        [act, "", "张 三", "", "正常", "8:30", "11:00", ""],  # the same line twice
        [act, "", "李四", "1.3912345679E+10", "迟到", "9:05", "11:00", ""],
        [str(later), "", "李四", "13912345679", "正常", "10:30", "12:00", ""],  # overlaps
        [str(later), "", "张\u3000三", "", "正常", "11:00", "12:00", ""],  # touches: fine
    ]
    preview = _attendance(db, _csv(tmp_path / "签到.csv", lines, encoding, separator))
    errors = {r.row_number: r.reason for r in preview.error_rows}
    assert list(errors) == [3, 5], errors
    assert "与第2行重复" in errors[3] and "李四 的时段与第4行重叠" in errors[5]
    assert [r.member_id for r in preview.rows] == [world[k] for k in ("zhang", "zhang", "li",
                                                                        "li", "zhang")]
    assert preview.rows[2].hours == 1.9


@pytest.mark.parametrize(
    ("cell", "phone"),
    [
        (13912345678, "13912345678"),
        (13912345678.0, "13912345678"),
        (13912345677.999998, "13912345678"),  # a formula's float, a hair off
        ("1.3912345678E+10", "13912345678"),
        ("１３９１２３４５６７８.0", "13912345678"),
        ("1.39123E+10", "1.39123E+10"),  # digits lost: left for the row's error
        ("0436-6221234", "0436-6221234"),
        (" 139 1234 5678\u3000", "139 1234 5678"),
    ],
)
def test_phone_numbers_as_excel_stores_them(cell: object, phone: str) -> None:
    from alliance_desk.services.register_io.cells import cell_phone

    assert cell_phone(cell) == phone


# --- hostile files ---------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _hostile_xlsx(path: Path, rows: str, dimension: str = "A1:XFD1048576") -> Path:
    """A bare package as a tool other than ours might write it: inline strings, no styles."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        package.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{kind}.worksheet+xml"/>'
            "</Types>",
        )
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="r1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        package.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{_MAIN}"><dimension ref="{dimension}"/><sheetData>{rows}'
            "</sheetData></worksheet>",
        )
    return path


def _text_row(number: int, *texts: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{escape(t)}</t></is></c>'
        for i, t in enumerate(texts)
    )
    return f'<row r="{number}">{cells}</row>'


def _peak_mb(work: Callable[[], T]) -> tuple[T, float]:
    """What ``work`` returns and the most memory Python held while it ran (MB)."""
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def _cli(db_url: str, what: str, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["import", what, str(path), "--db", db_url])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_a_sheet_claiming_a1_to_xfd1048576_reads_its_one_row(
    db: Database, world: dict[str, int], tmp_path: Path
) -> None:
    path = _hostile_xlsx(
        tmp_path / "dim.xlsx", _text_row(1, "姓名", "工作单位") + _text_row(2, "王五", "市财政局")
    )
    preview, peak = _peak_mb(lambda: _members(db, path))
    assert [r.name for r in preview.rows] == ["王五"] and peak < 20
    fallback, peak = _peak_mb(lambda: read_xlsx_openpyxl(path.read_bytes(), is_member_header))
    assert fallback is not None and len(fallback.rows) == 1 and peak < 20


def test_cells_far_out_at_column_xfd_are_never_padded_out(
    db: Database, world: dict[str, int], tmp_path: Path
) -> None:
    far = '<c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c>'
    rows = _text_row(1, "姓名", "工作单位").replace("</row>", far.format(n=1) + "</row>")
    rows += _text_row(2, "王五", "市财政局")
    rows += "".join(f'<row r="{n}">{far.format(n=n)}</row>' for n in range(3, 3003))
    path = _hostile_xlsx(tmp_path / "far.xlsx", rows)
    assert path.stat().st_size < 200_000  # 3,000 cells at XFD: 49 million empty cells to pad
    preview, peak = _peak_mb(lambda: _members(db, path))
    assert [r.name for r in preview.rows] == ["王五"] and peak < 40
    fallback, peak = _peak_mb(lambda: read_xlsx_openpyxl(path.read_bytes(), is_member_header))
    assert fallback is not None and len(fallback.header) == limits.MAX_TABLE_COLUMNS
    assert len(fallback.rows) == 1 and peak < 40


@pytest.mark.parametrize("what", ["members", "attendance"])
def test_a_ten_megabyte_file_is_refused_early_in_one_line(
    db: Database, db_url: str, world: dict[str, int], tmp_path: Path,
    capsys: pytest.CaptureFixture[str], what: str,
) -> None:
    if what == "members":
        header, line = "姓名,工作单位\r\n", "王五,市财政局\r\n"
    else:
        header = "活动编号,姓名,签到时间,签退时间\r\n"
        line = f"{world['activity']},张三,8:30,9:00\r\n"
    path = tmp_path / f"{what}.csv"
    path.write_bytes((header + line * (10_500_000 // len(line.encode("gbk")))).encode("gbk"))
    assert path.stat().st_size > 10 * 1024 * 1024
    (code, text), peak = _peak_mb(lambda: _cli(db_url, what, path, capsys))
    assert code == cli.EXIT_FAILED and "超过 100000 行，请分批导入" in text
    assert len(text.strip().splitlines()) == 1 and "Traceback" not in text
    assert peak < 200, peak  # the whole file is 10 MB; its rows as tuples would be ten times
    assert _roll(db) == ["张三", "李四"]
    assert activities.get_activity(db, world["activity"]).attendees == 0


def test_a_hundred_thousand_empty_styled_rows_under_the_data(
    db: Database, world: dict[str, int], tmp_path: Path
) -> None:
    styled = "".join(f'<c r="{chr(65 + i)}{{n}}" s="1"/>' for i in range(12))
    rows = _text_row(1, "活动编号", "姓名", "签到时间", "签退时间")
    rows += _text_row(2, str(world["activity"]), "张三", "08:30", "11:00")
    rows += "".join(
        f'<row r="{n}" s="1" customFormat="1">{styled.format(n=n)}</row>'
        for n in range(3, 100_003)
    )
    path = _hostile_xlsx(tmp_path / "styled.xlsx", rows, dimension="A1:L100002")
    assert path.stat().st_size < 3 * 1024 * 1024  # 1.2 million empty cells
    preview = _attendance(db, path)
    assert [(r.name, r.hours) for r in preview.rows] == [("张三", 2.5)]


def test_formulas_saved_without_their_results_are_refused_in_one_line(
    db: Database, db_url: str, world: dict[str, int], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Excel, WPS and LibreOffice keep each formula's result (the LibreOffice roll above);
    a file another program generated may not: its cells would read as empty."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(['="2026年"&"在职党员名单"'])  # a title above the header: never read
    sheet.append(["姓名", "工作单位", "联系电话"])
    sheet.append(["王五", "市财政局", "13912345670"])
    book.save(tmp_path / "title.xlsx")
    assert [r.name for r in _members(db, tmp_path / "title.xlsx").rows] == ["王五"]
    sheet.append(['="赵"&"六"', "市财政局", "=C3+1"])
    book.save(tmp_path / "formulas.xlsx")
    code, text = _cli(db_url, "members", tmp_path / "formulas.xlsx", capsys)
    assert code == cli.EXIT_FAILED and len(text.strip().splitlines()) == 1
    assert "单元格 A4 是公式" in text and "没有保存" in text and "粘贴为数值" in text
    assert _roll(db) == ["张三", "李四"]
    empty = '<c r="C2" t="str"><f>IF(1,"","x")</f><v></v></c>'  # as Excel keeps ""
    rows = _text_row(1, "姓名", "工作单位", "联系电话")
    rows += _text_row(2, "王五", "市财政局").replace("</row>", empty + "</row>")
    preview = _members(db, _hostile_xlsx(tmp_path / "empty.xlsx", rows))
    assert preview.can_apply and preview.rows[0].data is not None
    assert preview.rows[0].data.phone == ""


def test_afternoon_and_midnight_marks() -> None:
    from alliance_desk.services.workday.attendance_import import cell_moment

    assert cell_moment("下午1:30", DAY) == datetime(2026, 5, 9, 13, 30)
    assert cell_moment("下午12:10", DAY) == datetime(2026, 5, 9, 12, 10)
    assert cell_moment("12:30 AM", DAY) == datetime(2026, 5, 9, 0, 30)
    assert cell_moment("2:05 pm", DAY) == datetime(2026, 5, 9, 14, 5)
    assert cell_moment("下午13:00", DAY) is None  # 下午 with a 24-hour time: not guessed
    assert cell_moment("0.99999999", DAY) == datetime(2026, 5, 9, 23, 59)
