"""书记一号工程 and 年终考核 prints, read back from the PDFs the command line writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pypdf
import pytest
from pdf_probe import assert_inside_text_block, pypdf_pages, squeeze

from alliance_desk import cli
from alliance_desk.documents.assessment import ballots_document
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import PORTRAIT
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.services.assessment import results as rs
from alliance_desk.services.assessment import setup as st
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.database import Database
from alliance_desk.services.demo import generate_demo
from alliance_desk.services.projects import tasks as tk
from alliance_desk.services.projects.records import list_projects
from alliance_desk.services.projects.wallchart import wall_chart

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("projects-demo") / "demo.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALLIANCE_DESK_DATA_DIR", str(path.parent))
        database = open_database(str(path), actor="测试员", auto_backup=False)
        generate_demo(database)
        database.dispose()
        yield str(path)


@pytest.fixture
def demo(demo_file: str) -> Iterator[Database]:
    database = open_database(demo_file, actor="测试员", auto_backup=False)
    yield database
    database.dispose()


def _run(*argv: str) -> None:
    assert cli.main(list(argv)) == 0


def _sizes(path: Path) -> set[tuple[int, int]]:
    return {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in pypdf.PdfReader(path).pages
    }


def test_task_list_then_one_pledge_per_unit(
    fonts: DocumentFonts, demo: Database, demo_file: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "tasks.pdf"
    _run("print", "tasks", "--year", "2026", "--pdf", str(pdf), "--db", demo_file)
    sheet = tk.task_sheet(demo, 2026, today=TODAY)
    pages = [squeeze(p) for p in pypdf_pages(pdf)]
    assert _sizes(pdf) == {(842, 595)}
    assert pages[0].startswith(squeeze(sheet.title))
    pledges = [p for p in pages if p.startswith("2026年度抓基层党建“书记一号工程”责任书")]
    assert len(pledges) == len(sheet.by_unit())
    text = "".join(pages)
    for _uid, name, items in sheet.by_unit():
        assert f"责任单位：{name}" in text
        assert squeeze(items[0].content) in text
    assert text.count("书记签字") == len(pledges)


def test_project_card_inside_the_text_block(
    fonts: DocumentFonts, demo: Database, demo_file: str, tmp_path: Path
) -> None:
    project = list_projects(demo, year=2025, today=TODAY)[0]
    pdf = tmp_path / "card.pdf"
    _run("print", "project", str(project.id), "--pdf", str(pdf), "--db", demo_file)
    assert _sizes(pdf) == {(595, 842)}
    assert_inside_text_block(pdf, PORTRAIT)
    text = squeeze("".join(pypdf_pages(pdf)))
    assert project.code in text and squeeze(project.name) in text
    for heading in ("四、进度节点（倒排工期）", "五、现场办公", "六、督查情况", "调研摸底"):
        assert heading in text


def test_inspection_bulletin(fonts: DocumentFonts, demo_file: str, tmp_path: Path) -> None:
    pdf = tmp_path / "bulletin.pdf"
    _run("print", "inspections", "--year", "2026", "--pdf", str(pdf), "--db", demo_file)
    assert_inside_text_block(pdf, PORTRAIT)
    text = squeeze("".join(pypdf_pages(pdf)))
    assert text.startswith("2026年度抓基层党建工作督查通报")
    assert ("已销号" in text and "整改中" in text) or "逾期未整改" in text


def test_scorecard_shows_every_indicator_and_recomputes(
    fonts: DocumentFonts, demo: Database, demo_file: str, tmp_path: Path
) -> None:
    line = rs.assess_year(demo, 2025, today=TODAY).lines[0]
    pdf = tmp_path / "card.pdf"
    _run(
        "print",
        "scorecard",
        "--year",
        "2025",
        "--unit",
        str(line.unit_id),
        "--pdf",
        str(pdf),
        "--db",
        demo_file,
    )
    assert_inside_text_block(pdf, PORTRAIT)
    text = squeeze("".join(pypdf_pages(pdf)))
    assert f"被考核单位：{squeeze(line.unit_name)}" in text
    assert f"综合分：{line.total:.2f}" in text and "排名：1" in text
    for part in line.parts:
        assert squeeze(part.name) in text and f"{part.weight:g}%" in text
        assert squeeze(part.source) in text
    assert "综合分=Σ（权重×分项得分）÷100+加分−扣分" in text
    assert "已签发：街道党工委" in text


def test_assessment_report_pdf_and_xlsx(
    fonts: DocumentFonts, demo: Database, demo_file: str, tmp_path: Path
) -> None:
    pdf, xlsx = tmp_path / "kh.pdf", tmp_path / "kh.xlsx"
    _run("report", "assessment", "--year", "2025", "--pdf", str(pdf), "--db", demo_file)
    text = squeeze("".join(pypdf_pages(pdf)))
    report = rs.assess_year(demo, 2025, today=TODAY)
    for title in (
        "2025年度抓基层党建工作综合考核结果汇总表",
        "2025年度述职评议测评汇总表",
        "2025年度群众满意度测评汇总表",
    ):
        assert title in text
    assert f"参加考核单位{len(report.lines)}个" in text
    first = report.lines[0]
    assert f"1{squeeze(first.unit_name)}" in text
    _run("report", "assessment", "--year", "2025", "--xlsx", str(xlsx), "--db", demo_file)
    book = openpyxl.load_workbook(xlsx, read_only=True)
    weights = {
        r[0]: r[1]
        for r in book["指标权重"].iter_rows(min_row=2, values_only=True)
        if r[0] != "合计"
    }
    assert sum(weights.values()) == 100
    rows = list(book["综合考核结果"].iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) - 1 == len(report.lines)
    for row in rows[1:]:
        values = dict(zip(header, row, strict=False))
        parts = sum(w * (values[name] or 0) for name, w in weights.items()) / 100
        assert values["综合分"] == pytest.approx(parts + values["加分"] - values["扣分"], abs=0.01)


def test_blank_ballots_are_serial_numbered(
    fonts: DocumentFonts, demo: Database, tmp_path: Path
) -> None:
    group = st.list_rater_groups(demo, 2025)[0]
    sheet = st.tally_sheet(demo, group.id)
    units = [(x.unit_id, x.unit_name) for x in sheet.lines][:20]
    path = write_pdf(ballots_document(group, units, year=2025), tmp_path / "ballots.pdf")
    assert_inside_text_block(path, PORTRAIT)
    pages = [squeeze(p) for p in pypdf_pages(path)]
    assert len(pages) == group.issued  # 20 units: one page a ballot
    for number, page in enumerate(pages, start=1):
        assert f"编号：2025-{group.seq}-{number:04d}" in page
        assert f"评议组：{group.name}" in page and "好较好一般差" in page


@pytest.mark.parametrize(("a3", "size"), [(True, (1191, 842)), (False, (842, 595))])
def test_wall_chart_one_row_per_project(
    fonts: DocumentFonts,
    demo: Database,
    demo_file: str,
    tmp_path: Path,
    a3: bool,
    size: tuple[int, int],
) -> None:
    pdf = tmp_path / "wall.pdf"
    args = ["print", "wallchart", "--year", "2026", "--pdf", str(pdf), "--db", demo_file]
    _run(*args, *(["--a3"] if a3 else []))
    assert _sizes(pdf) == {size}
    text = squeeze("".join(pypdf_pages(pdf)))
    assert text.startswith("2026年度书记项目挂图作战图")
    chart = wall_chart(demo, year=2026, today=TODAY)
    for row in chart.rows:
        assert row.code in text
    assert "\ufffd" not in text


def test_cli_refuses_what_it_cannot_print(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.pdf")
    assert cli.main(["print", "tasks", "--year", "2019", "--pdf", out, "--db", demo_file]) == 1
    assert "2019年还没有任务书" in capsys.readouterr().err
    assert cli.main(["print", "project", "999999", "--pdf", out, "--db", demo_file]) == 1
    assert "没有编号为 999999 的书记项目" in capsys.readouterr().err
    assert cli.main(["print", "wallchart", "--year", "1990", "--pdf", out, "--db", demo_file]) == 1
    assert "年度应在" in capsys.readouterr().err
    assert cli.main(["print", "wallchart", "--year", "2099", "--pdf", out, "--db", demo_file]) == 1
    assert "2099年度没有书记项目" in capsys.readouterr().err
    for command in (["print", "scorecard"], ["report", "assessment"]):
        args = [*command, "--year", "2099", "--pdf", out, "--db", demo_file]
        assert cli.main(args) == 1
        assert "2099年度尚未开始" in capsys.readouterr().err
    assert not Path(out).exists()
    with pytest.raises(SystemExit):  # --pdf or --xlsx, exactly one
        cli.main(["report", "assessment", "--year", "2025", "--db", demo_file])
