"""社区工作日 files: the member roll import (openpyxl, CSV, LibreOffice), the sign-in sheet
import with the sheet checks, the exports, and the command line."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from alliance_desk import cli
from alliance_desk.commands import workday as workday_commands
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.core.workday.states import MemberState
from alliance_desk.services import Database
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.services.workday import activities, members
from alliance_desk.services.workday.attendance_import import (
    apply_attendance_import,
    preview_attendance_import,
)
from alliance_desk.services.workday.exports import PERSONAL_DATA_NOTICE, export_members
from alliance_desk.services.workday.members_import import (
    COLUMNS,
    apply_members_import,
    preview_members_import,
    write_members_template,
)

TODAY = date(2026, 6, 30)
HEADER = [
    "姓名*",
    "性别",
    "单位",
    "职务",
    "手机",
    "居住小区",
    "报到社区",
    "网格",
    "报到方式",
    "报到日期",
]


def _world(db: Database) -> dict[str, int]:
    return {
        "community": create_unit(db, UnitInput("东风社区", UnitCategory.COMMUNITY)).unit.id,
        "unit": create_unit(db, UnitInput("市财政局", UnitCategory.GOVERNMENT)).unit.id,
    }


def _xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["在职党员报到名单"])  # a title row above the header
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _good() -> list[list[object]]:
    return [
        [
            "张三",
            "男",
            "市财政局",
            "科员",
            "13912345678",
            "幸福小区1栋",
            "东风社区",
            "一网格",
            "个人",
            date(2026, 3, 1),
        ],
        ["李四", "女", "市财政局", "科长", "13912345679", "", "", "", "", ""],
    ]


def test_members_import_all_or_none(db: Database, tmp_path: Path) -> None:
    _world(db)
    bad = [
        *_good(),
        ["张三", "男", "市财政局", "", "13912345678", "", "", "", "", ""],
        ["王五", "未知", "东风社区", "", "123", "", "北京社区", "", "组织", "昨天"],
    ]
    preview = preview_members_import(db, _xlsx(tmp_path / "bad.xlsx", bad), today=TODAY)
    assert preview.header_row == 2 and not preview.can_apply
    errors = {r.row_number: r.reason for r in preview.error_rows}
    assert "与第 3 行重复" in errors[5]
    assert "性别“未知”" in errors[6] and "是社区" in errors[6] and "北京社区" in errors[6]
    assert "报到方式“组织”" in errors[6] and "报到日期“昨天”" in errors[6]
    with pytest.raises(Exception, match="未导入任何数据"):
        apply_members_import(db, preview)
    assert members.list_members(db) == []
    preview = preview_members_import(db, _xlsx(tmp_path / "ok.xlsx", _good()), today=TODAY)
    assert preview.can_apply and apply_members_import(db, preview) == 2
    rows = {m.name: m for m in members.list_members(db)}
    assert rows["张三"].state is MemberState.REPORTED and rows["张三"].report_mode == "personal"
    assert rows["李四"].state is MemberState.EXPECTED
    assert [h.to_state for h in members.member_history(db, rows["张三"].id)] == [
        MemberState.REPORTED
    ]
    again = preview_members_import(db, tmp_path / "ok.xlsx", today=TODAY)
    assert all("已在名单中" in r.reason for r in again.rows)


def test_members_template_round_trip(db: Database, tmp_path: Path) -> None:
    _world(db)
    path = write_members_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.template_header for c in COLUMNS]
    sheet.append(["赵六", "男", "市财政局"])
    book.save(path)
    preview = preview_members_import(db, path, today=TODAY)
    assert preview.can_apply and preview.rows[0].name == "赵六"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_a_roll_saved_by_libreoffice_imports(db: Database, tmp_path: Path) -> None:
    _world(db)
    source = tmp_path / "roll.csv"
    lines = [",".join(HEADER)] + [",".join(str(v) for v in row) for row in _good()]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    preview = preview_members_import(db, tmp_path / "out" / "roll.xlsx", today=TODAY)
    assert [r.name for r in preview.rows] == ["张三", "李四"] and preview.can_apply
    assert preview.rows[0].data is not None and preview.rows[0].data.reported_on == date(2026, 3, 1)
    assert preview.rows[0].data.phone == "13912345678"


def _activity(db: Database, world: dict[str, int], day: date) -> int:
    return activities.create_activity(
        db,
        activities.ActivityInput(
            held_on=day,
            community_unit_id=world["community"],
            category="政策宣讲",
            planned_start=datetime(day.year, day.month, day.day, 9),
            planned_end=datetime(day.year, day.month, day.day, 11),
        ),
    ).id


def test_sign_in_sheet_checks_and_import(db: Database, tmp_path: Path) -> None:
    world = _world(db)
    for name, phone in (("张三", "13912345678"), ("李四", "13912345679"), ("李四", "13912345670")):
        members.create_member(
            db,
            members.MemberInput(name=name, unit_id=world["unit"], phone=phone),
            today=TODAY,
        )
    first = _activity(db, world, date(2026, 5, 9))
    second = _activity(db, world, date(2026, 5, 9))
    header = ["活动编号", "姓名", "电话", "考勤", "签到时间", "签退时间"]
    rows: list[list[object]] = [
        [first, "张三", "", "正常", "09:00", "11:00"],
        [first, "张三", "", "正常", "09:00", "11:00"],  # duplicate
        [second, "张三", "", "迟到", "10:30", "12:00"],  # overlaps row 3
        [first, "李四", "", "正常", "09:00", "11:00"],  # two 李四
        [first, "李四", "13912345679", "请假", "", ""],
        [999, "王五", "", "缺勤", "9点", ""],
        [second, "李四", "13912345670", "正常", "11:00", "10:00"],
    ]
    preview = preview_attendance_import(db, _xlsx(tmp_path / "sheet.xlsx", rows, header))
    errors = {r.row_number: r.reason for r in preview.error_rows}
    assert "与第3行重复" in errors[4]
    assert "张三 的时段与第3行重叠" in errors[5]
    assert "有 2 名“李四”" in errors[6]
    assert 7 not in errors
    assert "活动编号“999”不存在" in errors[8] and "考勤“缺勤”" in errors[8]
    assert "签退时间须晚于签到时间" in errors[9]
    good = [
        [first, "张三", "", "正常", "09:00", "11:30"],
        [second, "张三", "", "迟到", datetime(2026, 5, 9, 13, 0), "15:00"],
        [first, "李四", "13912345679", "请假", "", ""],
    ]
    preview = preview_attendance_import(db, _xlsx(tmp_path / "good.xlsx", good, header))
    assert preview.can_apply, preview.error_rows
    assert [r.hours for r in preview.rows] == [2.5, 2.0, 0.0]
    assert apply_attendance_import(db, preview) == 3
    assert activities.get_activity(db, first).attendees == 1
    assert not activities.get_activity(db, first).confirmed
    again = preview_attendance_import(db, tmp_path / "good.xlsx")
    assert all("已有考勤记录" in r.reason for r in again.rows)


def test_sign_in_sheet_checked_against_sessions_already_recorded(
    db: Database, tmp_path: Path
) -> None:
    """A sheet entered next week must not double-count a member already recorded
    at another activity at the same time."""
    world = _world(db)
    members.create_member(
        db, members.MemberInput(name="张三", unit_id=world["unit"]), today=TODAY
    )
    morning, afternoon, evening = (_activity(db, world, date(2026, 5, 9)) for _ in range(3))
    header = ["活动编号", "姓名", "考勤", "签到时间", "签退时间"]
    first = [[morning, "张三", "正常", "09:00", "11:30"]]
    preview = preview_attendance_import(db, _xlsx(tmp_path / "first.xlsx", first, header))
    assert apply_attendance_import(db, preview) == 1
    later = [
        [afternoon, "张三", "正常", "11:00", "12:00"],  # overlaps the recorded 09:00–11:30
        [evening, "张三", "正常", "12:00", "13:00"],
    ]
    preview = preview_attendance_import(db, _xlsx(tmp_path / "later.xlsx", later, header))
    errors = {r.row_number: r.reason for r in preview.error_rows}
    assert list(errors) == [3]
    assert f"张三 的时段与已登记的活动{morning}（2026-05-09 政策宣讲）重叠" in errors[3]
    touching = [[afternoon, "张三", "正常", "11:30", "12:00"], later[1]]
    preview = preview_attendance_import(db, _xlsx(tmp_path / "fixed.xlsx", touching, header))
    assert preview.can_apply, preview.error_rows
    assert apply_attendance_import(db, preview) == 2


def test_member_export_says_it_holds_personal_data(db: Database, tmp_path: Path) -> None:
    world = _world(db)
    members.create_member(
        db,
        members.MemberInput(name="=张三", unit_id=world["unit"], phone="13912345678"),
        today=TODAY,
    )
    path = tmp_path / "roll.xlsx"
    assert export_members(db, path, today=TODAY) == 1
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["在职党员名单（含个人信息）", "个人信息说明"]
    sheet = book.worksheets[0]
    assert sheet.cell(2, 2).value == "'=张三"  # never a formula
    assert sheet.cell(2, 6).value == "13912345678"
    assert book.worksheets[1].cell(2, 2).value == PERSONAL_DATA_NOTICE


def test_command_line(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = _world(db)
    roll = tmp_path / "roll.csv"
    roll.write_text(
        "姓名,工作单位,联系电话,报到社区,报到日期\n张三,市财政局,13912345678,东风社区,2026-03-01\n"
        "李四,市财政局,13912345679,,\n",
        encoding="gb18030",
    )
    assert cli.main(["import", "members", str(roll), "--db", db_url]) == 0
    assert "已导入在职党员 2 名" in capsys.readouterr().out
    assert cli.main(["import", "members", str(roll), "--db", db_url]) == 1
    assert "已在名单中" in capsys.readouterr().out
    act = _activity(db, world, date(2026, 5, 9))
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"活动编号,姓名,签到时间,签退时间\n{act},张三,09:00,11:00\n", encoding="utf-8")
    assert cli.main(["import", "attendance", str(sheet), "--db", db_url]) == 0
    activities.confirm_attendance(db, act, on=date(2026, 5, 9))
    export = tmp_path / "members.xlsx"
    assert cli.main(["export", "members", str(export), "--db", db_url]) == 0
    assert "含个人信息" in capsys.readouterr().out
    assert openpyxl.load_workbook(export).worksheets[0].max_row == 3
    report = tmp_path / "report.xlsx"
    args = ["report", "workday", "--year", "2026", "--xlsx", str(report), "--db", db_url]
    assert cli.main(args) == 0
    assert "应报到 2，已报到 1，低于预警线的单位 1 个" in capsys.readouterr().out
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["按单位", "按社区", "说明"]
    unit = book.worksheets[0]
    assert [unit.cell(2, c).value for c in range(2, 9)] == ["市财政局", 2, 1, 0.5, 1, 1, 2]
    assert unit.cell(2, 13).value == "是"


def test_report_pdf_refused_clearly_without_the_document(
    db_url: str,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_documents(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("alliance_desk.documents.workday"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_documents)
    pdf = tmp_path / "report.pdf"
    code = cli.main(["report", "workday", "--year", "2026", "--pdf", str(pdf), "--db", db_url])
    assert code != 0 and not pdf.exists()
    assert workday_commands.PDF_MISSING in capsys.readouterr().err
