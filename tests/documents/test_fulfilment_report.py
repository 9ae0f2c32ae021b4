"""履诺情况统计表: the PDF (landscape A4, inside the page, text as printed), the workbook
(numbers stay numbers, rates are percentages) and the CLI both ways."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pypdf
import pytest
from pdf_probe import pypdf_pages, pypdf_text_origins, squeeze

from alliance_desk import cli
from alliance_desk.commands import COMMAND_MODULES
from alliance_desk.core.commitments import ON_TIME_RATE_FORMULA, SATISFACTION_RATE_FORMULA
from alliance_desk.core.vocab import (
    CommitmentDirection,
    CommitmentState,
    MembershipRole,
    Rating,
    UnitCategory,
)
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.fulfilment_report import (
    ALLIANCE_HEADER,
    REPORT_LANDSCAPE,
    UNIT_HEADER,
    fulfilment_report_document,
)
from alliance_desk.documents.fulfilment_report import _cells as fulfilment_cells
from alliance_desk.documents.geometry import LANDSCAPE
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.commitments import create_commitment, get_commitment, rate, transition
from alliance_desk.services.reports import COUNT_HEADER, RATE_HEADER, ReportLines, report_lines
from alliance_desk.services.reports.fulfilment_xlsx import write_fulfilment_xlsx
from alliance_desk.services.units import UnitInput, create_unit

TODAY = date(2026, 4, 15)
MM = 72 / 25.4
HAS_REPORT_COMMAND = "reports" in COMMAND_MODULES


def _world(db: Database) -> dict[str, int]:
    """人民社区 (with 市民政局 and 立行公司) in 人民路党建联盟: four commitments due in 2026."""
    ids = {
        name: create_unit(db, UnitInput(name=name, category=category)).unit.id
        for name, category in (
            ("人民社区", UnitCategory.COMMUNITY),
            ("市民政局", UnitCategory.GOVERNMENT),
            ("立行公司", UnitCategory.PRIVATE_ENTERPRISE),
        )
    }
    alliance = create_alliance(db, AllianceInput(name="人民路党建联盟")).alliance.id
    add_members(db, alliance, [ids["人民社区"]], joined_on=date(2020, 1, 1),
                role=MembershipRole.LEAD)
    add_members(db, alliance, [ids["市民政局"], ids["立行公司"]], joined_on=date(2020, 1, 1))
    ids["alliance"] = alliance

    def make(promisor: str, due: date, to_community: bool = True) -> int:
        promisee = "人民社区" if to_community else "立行公司"
        direction = (CommitmentDirection.UNIT_TO_COMMUNITY if to_community
                     else CommitmentDirection.COMMUNITY_TO_UNIT)
        return create_commitment(
            db, alliance_id=alliance, promisor_unit_id=ids[promisor],
            promisee_unit_id=ids[promisee], direction=direction, content="高立行志愿服务",
            made_on=date(2026, 1, 5), due_on=due,
        ).id

    def move(commitment_id: int, *states: CommitmentState, on: date) -> None:
        for state in states:
            version = get_commitment(db, commitment_id).version
            transition(db, commitment_id, state, on=on, expected_version=version)

    on_time = make("市民政局", date(2026, 3, 31))
    late = make("市民政局", date(2026, 3, 31))
    make("立行公司", date(2026, 2, 28))  # overdue
    back = make("人民社区", date(2026, 6, 30), to_community=False)  # not yet due
    move(on_time, CommitmentState.ACCEPTED, CommitmentState.FULFILLED, on=date(2026, 3, 20))
    move(late, CommitmentState.ACCEPTED, CommitmentState.FULFILLED, on=date(2026, 4, 2))
    move(back, CommitmentState.ACCEPTED, on=date(2026, 2, 1))
    rate(db, on_time, rater_unit_id=ids["人民社区"], rating=Rating.SATISFIED, comment="",
         rated_on=date(2026, 3, 21))
    rate(db, late, rater_unit_id=ids["人民社区"], rating=Rating.UNSATISFIED, comment="拖延",
         rated_on=date(2026, 4, 3))
    return ids


@pytest.fixture
def report(db: Database, fonts: DocumentFonts) -> ReportLines:
    _world(db)
    return report_lines(db, year=2026, today=TODAY)


def test_report_lines_add_up(report: ReportLines) -> None:
    assert [line.name for line in report.alliances] == ["人民路党建联盟"]
    assert [line.name for line in report.units] == ["人民社区", "市民政局", "立行公司"]
    total = report.total
    c = total.counts
    assert (c.total, c.on_time, c.late, c.overdue, c.open, c.cancelled) == (4, 1, 1, 1, 1, 0)
    assert total.on_time_rate == pytest.approx(1 / 3)
    assert total.satisfaction_rate == 0.5
    assert report.title == "2026年度履诺情况统计表"


def test_pdf_is_landscape_a4_inside_the_page_with_every_line(
    report: ReportLines, tmp_path: Path
) -> None:
    path = write_pdf(fulfilment_report_document(report), tmp_path / "r.pdf",
                     landscape=REPORT_LANDSCAPE)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in pypdf.PdfReader(path).pages} == {(842, 595)}
    text = squeeze("".join(pypdf_pages(path)))
    assert text.startswith("2026年度履诺情况统计表")
    assert "统计日期：2026年4月15日" in text
    assert "一、各党建联盟履诺情况" in text and "二、各成员单位履诺情况" in text
    # 序号 名称 承诺数 按期 逾期履诺 逾期未履诺 未到期 已取消 按期履诺率 满意率
    assert "1人民路党建联盟41111033.3%50.0%" in text
    assert "合计41111033.3%50.0%" in text
    assert "2市民政局21100050.0%50.0%" in text
    assert "3立行公司1001000.0%—" in text
    assert "1人民社区100010——" in text  # not due yet and never rated: no rates
    assert squeeze(ON_TIME_RATE_FORMULA) in text
    left, top = LANDSCAPE.left_mm * MM, LANDSCAPE.top_mm * MM
    right = left + LANDSCAPE.text_width_mm * MM
    bottom = top + LANDSCAPE.text_height_mm * MM
    origins = pypdf_text_origins(path)
    assert origins
    for _page, x, y, word in origins:
        if y > bottom and squeeze(word).strip("—0123456789") == "":
            continue  # the page number
        assert left - 1 <= x <= right and top - 1 <= y <= bottom + 1, (x, y, word)


def test_an_empty_year_prints_a_note(db: Database, fonts: DocumentFonts, tmp_path: Path) -> None:
    empty = report_lines(db, year=2019, today=TODAY)
    path = write_pdf(fulfilment_report_document(empty), tmp_path / "e.pdf", landscape=True)
    assert "本年度没有到期的承诺" in squeeze("".join(pypdf_pages(path)))


def test_workbook_keeps_numbers_and_formats_rates(report: ReportLines, tmp_path: Path) -> None:
    path = write_fulfilment_xlsx(report, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["联盟", "成员单位", "说明"]
    alliances = [list(row) for row in book["联盟"].iter_rows(values_only=True)]
    assert alliances[0] == ["序号", "党建联盟", *COUNT_HEADER, *RATE_HEADER]
    assert alliances[1][:8] == [1, "人民路党建联盟", 4, 1, 1, 1, 1, 0]
    assert alliances[1][8] == pytest.approx(1 / 3) and alliances[1][9] == 0.5
    assert alliances[-1][:3] == [None, "合计", 4]
    rate_cell = book["联盟"]["I2"]
    assert rate_cell.number_format == "0.0%" and isinstance(rate_cell.value, float)
    assert book["联盟"]["B3"].font.b and not book["联盟"]["B2"].font.b  # the total is bold
    units = {row[1]: row for row in book["成员单位"].iter_rows(min_row=2, values_only=True)}
    assert units["人民社区"][8] is None  # no rate yet: an empty cell, not 0
    assert units["立行公司"][8] == 0.0 and units["市民政局"][9] == 0.5
    notes = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["按期履诺率"] == ON_TIME_RATE_FORMULA


@pytest.fixture
def report_db(tmp_path: Path) -> str:
    path = tmp_path / "report.sqlite"
    database = open_database(str(path), actor="测试员", auto_backup=False)
    try:
        _world(database)
    finally:
        database.dispose()
    return f"sqlite:///{path}"


def _main(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """``alliance-desk …`` with the report command registered (until cli lists it)."""
    if not HAS_REPORT_COMMAND:
        import alliance_desk.cli as cli_module

        monkeypatch.setattr(cli_module, "COMMAND_MODULES", (*COMMAND_MODULES, "reports"))
    return cli.main(argv)


def test_cli_writes_pdf_and_xlsx(
    fonts: DocumentFonts,
    report_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf, xlsx = tmp_path / "统计表.pdf", tmp_path / "统计表.xlsx"
    args = ["report", "fulfilment", "--year", "2026", "--db", report_db]
    assert _main([*args, "--pdf", str(pdf)], monkeypatch) == 0
    assert capsys.readouterr().out.strip() == str(pdf.resolve())
    text = squeeze("".join(pypdf_pages(pdf)))
    assert "人民路党建联盟" in text and "立行公司" in text
    assert _main([*args, "--xlsx", str(xlsx), "--alliance", "1"], monkeypatch) == 0
    assert capsys.readouterr().out.strip() == str(xlsx.resolve())
    book = openpyxl.load_workbook(xlsx)
    assert book["联盟"]["B2"].value == "人民路党建联盟"
    assert dict(book["说明"].iter_rows(min_row=2, values_only=True))["报表"] == (
        "人民路党建联盟2026年度履诺情况统计表"
    )


def test_cli_refuses_bad_requests(
    report_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = ["report", "fulfilment", "--db", report_db]
    out = str(tmp_path / "x.xlsx")
    assert _main([*base, "--year", "2026", "--alliance", "999", "--xlsx", out], monkeypatch) == 1
    assert "没有编号为 999 的联盟" in capsys.readouterr().err
    assert _main([*base, "--year", "3000", "--xlsx", out], monkeypatch) == 1
    assert "年度应在" in capsys.readouterr().err
    missing = str(tmp_path / "nowhere" / "x.xlsx")
    assert _main([*base, "--year", "2026", "--xlsx", missing], monkeypatch) == 1
    assert "文件夹不存在" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # --pdf or --xlsx, exactly one
        _main([*base, "--year", "2026"], monkeypatch)


def _city(units: int) -> ReportLines:
    """A report with ``units`` unit lines, some names long enough to wrap."""
    from alliance_desk.core.commitments import FulfilmentCounts, RatingCounts
    from alliance_desk.services.commitments import FulfilmentStat, StatScope

    def line(scope: StatScope, number: int, name: str) -> FulfilmentStat:
        counts = FulfilmentCounts(on_time=number % 7, late=number % 3, overdue=number % 2)
        return FulfilmentStat(scope, number, name, counts, RatingCounts(satisfied=number % 4))

    alliances = tuple(line(StatScope.ALLIANCE, n, f"人民路{n}号党建联盟") for n in range(1, 31))
    names = [f"立行用方第{n}公司" + ("暨高立行用方一人民联合党建示范点" * 2 if n % 9 == 0 else "")
             for n in range(1, units + 1)]
    lines = tuple(line(StatScope.UNIT, n, name) for n, name in enumerate(names, start=1))
    total = line(StatScope.TOTAL, 0, "合计")
    return ReportLines(2026, TODAY, None, alliances, total, lines)


def _pages(path: Path) -> list[str]:
    pages = []
    for number, text in enumerate(pypdf_pages(path), start=1):
        page = squeeze(text)
        assert page.endswith(f"—{number}—"), number  # page numbers run 1..N
        pages.append(page.removesuffix(f"—{number}—"))
    return pages


def test_a_long_report_repeats_headers_and_keeps_lines_whole(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    report = _city(400)
    path = write_pdf(fulfilment_report_document(report), tmp_path / "city.pdf",
                     landscape=REPORT_LANDSCAPE)
    pages = _pages(path)
    assert len(pages) >= 15
    assert pages[0].startswith("2026年度履诺情况统计表")
    assert all("履诺情况统计表" not in page for page in pages[1:])
    headers = (squeeze("".join(ALLIANCE_HEADER)), squeeze("".join(UNIT_HEADER)))
    for page in pages[1:]:
        assert page.startswith((*headers, "注：")), page[:30]  # the notes may start a page
    for number, unit in enumerate(report.units, start=1):
        found = [page for page in pages if f"{number}{unit.name}" in page]
        assert len(found) == 1, number  # the whole line on one page
    text = "".join(pages)
    total = "".join(fulfilment_cells("", report.total))
    last_unit = f"{len(report.units)}{report.units[-1].name}"
    assert text.count(total) == 2  # each table ends with it
    assert text.index(last_unit) < text.rindex(total) < text.index("注：")
    assert text.endswith(squeeze(SATISFACTION_RATE_FORMULA))


def test_a_small_report_prints_as_before(report: ReportLines, tmp_path: Path) -> None:
    """The same text, page 1 line for line, as the one-QTextDocument rendering."""
    document = fulfilment_report_document(report)
    new = _pages(write_pdf(document, tmp_path / "new.pdf", landscape=REPORT_LANDSCAPE))
    legacy = document.to_text_document()
    old = _pages(write_pdf(legacy, tmp_path / "old.pdf", landscape=REPORT_LANDSCAPE))
    assert new == old
    assert squeeze(document.toPlainText()) == squeeze(legacy.toPlainText())
