"""四项清单 from the command line and the needs import (openpyxl, CSV, LibreOffice files)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pdf_probe_link import pdf_text
from PySide6.QtWidgets import QApplication

from alliance_desk import cli
from alliance_desk.core.four_lists.vocab import NeedState
from alliance_desk.core.vocab import MembershipRole, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.four_lists.needs import list_needs
from alliance_desk.services.four_lists.needs_import import (
    COLUMNS,
    RowStatus,
    preview_needs_import,
    write_needs_template,
)
from alliance_desk.services.four_lists.postings import list_postings
from alliance_desk.services.units import UnitInput, create_unit

TODAY = date(2026, 11, 27)
HEADER = [
    "需求名称*",
    "类别",
    "联盟",
    "来源",
    "提出主体",
    "提出人",
    "电话",
    "户数",
    "登记日期",
    "可公示",
]


def _world(db: Database) -> None:
    community = create_unit(db, UnitInput(name="光明社区", category=UnitCategory.COMMUNITY))
    alliance = create_alliance(db, AllianceInput(name="光明党建联盟")).alliance.id
    add_members(
        db, alliance, [community.unit.id], joined_on=date(2020, 1, 1), role=MembershipRole.LEAD
    )


def _rows() -> list[list[object]]:
    return [
        [
            "楼道灯不亮",
            "平安",
            "光明党建联盟",
            "入户走访",
            "居民",
            "张三",
            "13912345678",
            12,
            "2026-03-01",
            "是",
        ],
        [
            "老年食堂",
            "养老服务",
            "光明党建联盟",
            "座谈会",
            "党员",
            "",
            "",
            "",
            date(2026, 3, 2),
            "否",
        ],
    ]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2026年光明社区需求征集登记表"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_preview_checks_every_row_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    _world(db)
    bad = [
        *_rows(),
        ["", "平安", "无此联盟", "飞鸽传书", "居民", "", "", "-3", "2026-13-01", "也许"],
    ]
    preview = preview_needs_import(db, _xlsx(tmp_path / "needs.xlsx", bad), today=TODAY)
    assert [r.status for r in preview.rows] == [RowStatus.OK, RowStatus.OK, RowStatus.ERROR]
    reason = preview.rows[2].reason
    for part in (
        "需求名称不能为空",
        "联盟“无此联盟”不存在",
        "来源“飞鸽传书”无法识别",
        "应为不小于 0 的整数",
        "登记日期“2026-13-01”无法识别",
        "可公示“也许”",
    ):
        assert part in reason
    assert not preview.can_apply and list_needs(db) == []


def test_cli_import_export_print_and_report(
    qapp: QApplication,  # the print commands reuse the running application
    db: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _world(db)
    csv_file = tmp_path / "needs.csv"
    csv_file.write_text(
        ",".join(HEADER)
        + "\n"
        + "\n".join(",".join(str(v) for v in row) for row in _rows())
        + "\n",
        encoding="gb18030",
    )
    assert cli.main(["import", "needs", str(csv_file), "--db", db_url]) == 0
    needs = list_needs(db)
    assert [
        (n.title, n.public, n.households, n.state) for n in sorted(needs, key=lambda n: n.code)
    ] == [("楼道灯不亮", True, 12, NeedState.PENDING), ("老年食堂", False, 0, NeedState.PENDING)]
    assert needs[0].community_name == "光明社区"
    bad = _xlsx(
        tmp_path / "bad.xlsx",
        [["x", "平安", "光明党建联盟", "入户走访", "外星人", "", "", "", "2026-03-01", ""]],
    )
    assert cli.main(["import", "needs", str(bad), "--db", db_url]) == 1
    assert "提出主体“外星人”无法识别" in capsys.readouterr().out
    assert len(list_needs(db)) == 2
    export = tmp_path / "lists.xlsx"
    assert cli.main(["export", "lists", str(export), "--db", db_url]) == 0
    book = openpyxl.load_workbook(export, read_only=True)
    assert book.sheetnames == ["需求清单", "资源清单", "项目清单", "责任清单"]
    wall = tmp_path / "wall.pdf"
    assert cli.main(["print", "lists", "--all", "--a3", "--pdf", str(wall), "--db", db_url]) == 0
    assert "第1期" in capsys.readouterr().out
    assert cli.main(["print", "lists", "--all", "--pdf", str(wall), "--db", db_url]) == 0
    assert "第2期" in pdf_text(wall)
    capsys.readouterr()
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()  # the PDF cannot be written: no issue may be used up
    assert cli.main(["print", "lists", "--all", "--pdf", str(folder), "--db", db_url]) != 0
    assert [p.number for p in list_postings(db)] == [2, 1]
    assert cli.main(["print", "lists", "--all", "--pdf", str(wall), "--db", db_url]) == 0
    assert "第3期" in capsys.readouterr().out
    form = tmp_path / "form.pdf"
    assert cli.main(["print", "needs-form", "--pdf", str(form), "--db", db_url]) == 0
    assert "需求征集登记表" in pdf_text(form)
    report = tmp_path / "report.xlsx"
    assert (
        cli.main(["report", "lists", "--year", "2026", "--xlsx", str(report), "--db", db_url]) == 0
    )
    sheet = openpyxl.load_workbook(report).worksheets[0]
    assert sheet.cell(2, 4).value == 2  # two needs registered in 2026
    pdf = tmp_path / "report.pdf"
    assert cli.main(["report", "lists", "--year", "2026", "--pdf", str(pdf), "--db", db_url]) == 0
    assert "四项清单统计表" in pdf_text(pdf)


def test_template_headers_import_back(db: Database, tmp_path: Path) -> None:
    path = write_needs_template(tmp_path / "template.xlsx")
    header = [c.value for c in openpyxl.load_workbook(path).worksheets[0][1]]
    assert header == [c.template_header for c in COLUMNS]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_a_file_saved_by_libreoffice_imports(db: Database, tmp_path: Path) -> None:
    _world(db)
    source = tmp_path / "lo.csv"
    source.write_text(
        ",".join(HEADER) + "\n" + ",".join(str(v) for v in _rows()[0]) + "\n", encoding="utf-8"
    )
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
    preview = preview_needs_import(db, tmp_path / "out" / "lo.xlsx", today=TODAY)
    assert [r.title for r in preview.rows] == ["楼道灯不亮"] and preview.can_apply
