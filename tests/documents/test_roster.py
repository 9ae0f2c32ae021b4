"""Rosters: 联盟成员名册 and 成员单位名册 as PDFs, and ``alliance-desk print roster``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest
from pdf_probe import (
    LOOKALIKE,
    PDFTOTEXT,
    assert_inside_text_block,
    pdftotext_pages,
    pdftotext_words,
    pypdf_pages,
    squeeze,
)
from PySide6.QtGui import QTextDocument

from alliance_desk import cli
from alliance_desk.core.vocab import ChairPeriod, MembershipRole, UnitCategory
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import PORTRAIT, REGISTER_LANDSCAPE_SPEC
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.documents.roster import (
    MEMBER_HEADER,
    REGISTER_HEADER,
    REGISTER_LANDSCAPE,
    alliance_roster_document,
    unit_register_document,
)
from alliance_desk.services.alliances import AllianceDetail, AllianceRow, MemberRow
from alliance_desk.services.units import UnitRow

LOOKS = "人民用方行高立一"
LONG_NAME = ("中华人民共和国" + LOOKS * 6)[:50] + "党建联盟牵头单位党委"
PRINTED_ON = date(2025, 3, 8)
CATEGORIES = list(UnitCategory)


def test_long_name_is_sixty_characters() -> None:
    assert len(LONG_NAME) == 60


def _unit_name(i: int) -> str:
    if i % 37 == 5:
        return LONG_NAME
    return f"{LOOKS[i % 8]}{LOOKS[(i + 3) % 8]}路{LOOKS[(i + 5) % 8]}民服务中心{i + 1}号"


def _member(i: int, *, order: int, left_on: date | None = None) -> MemberRow:
    return MemberRow(
        membership_id=100 + i,
        unit_id=i,
        unit_name=_unit_name(i),
        category=CATEGORIES[i % 6],
        role=MembershipRole.LEAD if i == 0 else MembershipRole.MEMBER,
        joined_on=date(2021, 3, 1 + i),
        left_on=left_on,
        chair_eligible=i % 3 != 1,
        rotation_order=order,
        version=1,
    )


def _alliance(members: tuple[MemberRow, ...]) -> AllianceDetail:
    row = AllianceRow(
        id=7,
        name="人民路街道“高立行”党建联盟",
        lead_organisation="中共人民路街道工作委员会",
        founded_on=date(2020, 1, 1),
        chair_period=ChairPeriod.QUARTER,
        active=True,
        version=1,
        member_count=len(members),
    )
    return AllianceDetail(row, "章程", members)


# Rotation order deliberately differs from list order; unit 5 has the 60-character name.
CURRENT = tuple(_member(i, order=order) for i, order in ((0, 1), (5, 3), (2, 2), (3, 5), (4, 4)))
FORMER = (
    _member(8, order=6, left_on=date(2024, 6, 30)),
    _member(9, order=7, left_on=date(2023, 1, 31)),
)
LEAVING_LATER = _member(10, order=8, left_on=date(2025, 12, 31))  # still a member on PRINTED_ON


def _in_rotation_order() -> list[MemberRow]:
    return sorted([*CURRENT, LEAVING_LATER], key=lambda m: m.rotation_order)


def _register_units(count: int) -> list[UnitRow]:
    return [
        UnitRow(
            id=i + 1,
            name=_unit_name(i),
            category=CATEGORIES[i % 6],
            party_org_name=f"中共{_unit_name(i)}支部委员会",
            secretary="王立民",
            liaison="高方行",
            phone="0436-6221234" if i % 2 else "13912345678",
            address="人民路1号",
            party_member_count=(37 * i) % 500,
            active=True,
            version=1,
            alliance_names=tuple(f"第{k + 1}党建联盟" for k in range(i % 3)),
        )
        for i in range(count)
    ]


def _page_sizes(path: Path) -> set[tuple[int, int]]:
    return {
        (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        for page in pypdf.PdfReader(path).pages
    }


def _extracted(path: Path) -> list[str]:
    """The whole text, squeezed, from each extractor available."""
    texts = [squeeze("".join(pypdf_pages(path)))]
    if PDFTOTEXT is not None:
        texts.append(squeeze("".join(pdftotext_pages(path))))
    return texts


# --- 联盟成员名册 ----------------------------------------------------------------------


@pytest.fixture
def roster_pdf(fonts: DocumentFonts, tmp_path: Path) -> Path:
    detail = _alliance((*CURRENT, *FORMER, LEAVING_LATER))
    document = alliance_roster_document(detail, printed_on=PRINTED_ON)
    return write_pdf(document, tmp_path / "roster.pdf")


def test_roster_is_portrait_a4_and_extracts_as_printed(roster_pdf: Path) -> None:
    assert _page_sizes(roster_pdf) == {(595, 842)}
    for text in _extracted(roster_pdf):
        assert not LOOKALIKE.search(text)
        assert "人民路街道“高立行”党建联盟成员名册" in text
        assert "牵头组织：中共人民路街道工作委员会" in text
        assert "轮值周期：季度" in text
        assert "打印日期：2025年3月8日" in text
        assert LONG_NAME in text
        for member in (*CURRENT, *FORMER, LEAVING_LATER):
            assert member.unit_name in text


def test_roster_lists_current_members_in_rotation_order_then_former(roster_pdf: Path) -> None:
    text = squeeze("".join(pypdf_pages(roster_pdf)))  # pypdf keeps the painting order
    assert squeeze("".join(MEMBER_HEADER)) in text
    current, _, former = text.partition("已退出成员")
    assert former, "the 已退出成员 table is missing"
    positions = [current.find(m.unit_name) for m in _in_rotation_order()]
    assert -1 not in positions and positions == sorted(positions)
    rows = [f"{n}{m.unit_name}" for n, m in enumerate(_in_rotation_order(), start=1)]
    assert all(row in current for row in rows)
    assert "现有成员：6个" in current
    for member in FORMER:
        assert member.unit_name not in current
        assert member.unit_name in former
    # Former members by the date they left: the 2023 leaver first.
    assert former.find(FORMER[1].unit_name) < former.find(FORMER[0].unit_name)
    assert "2023-01-31" in former


def test_roster_without_former_members_has_no_second_table(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    document = alliance_roster_document(_alliance(CURRENT), printed_on=PRINTED_ON)
    assert "已退出成员" not in document.toPlainText()
    path = write_pdf(document, tmp_path / "current.pdf")
    assert "已退出成员" not in "".join(pypdf_pages(path))


def test_roster_escapes_user_text(fonts: DocumentFonts) -> None:
    typed = '<b>&amp; "人民"</b>'
    detail = _alliance((replace(_member(1, order=1), unit_name=typed),))
    document = alliance_roster_document(detail, printed_on=PRINTED_ON)
    assert typed in document.toPlainText()


def test_roster_stays_inside_the_page(roster_pdf: Path) -> None:
    assert_inside_text_block(roster_pdf, PORTRAIT)


def test_long_alliance_name_breaks_before_the_suffix(fonts: DocumentFonts) -> None:
    detail = _alliance(CURRENT)
    detail = replace(detail, alliance=replace(detail.alliance, name="人民" * 12))
    document = alliance_roster_document(detail, printed_on=PRINTED_ON)
    first_block = document.begin().text()
    assert first_block.endswith("\u2028成员名册")  # <br/> before 成员名册
    assert document.metaInformation(QTextDocument.MetaInformation.DocumentTitle) == (
        "人民" * 12 + "成员名册"
    )


# --- 成员单位名册 ----------------------------------------------------------------------

REGISTER_SIZE = 200


@pytest.fixture(scope="module")
def register_pdf(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[Path]:
    units = _register_units(REGISTER_SIZE)
    document = unit_register_document(units, printed_on=PRINTED_ON, title="成员单位名册")
    path = tmp_path_factory.mktemp("register") / "register.pdf"
    yield write_pdf(document, path, landscape=REGISTER_LANDSCAPE)


@pytest.fixture(scope="module")
def register_pages(register_pdf: Path) -> list[str]:
    """pypdf's text of each page (read once: 200 units take seconds)."""
    return pypdf_pages(register_pdf)


def test_register_is_landscape_a4(register_pdf: Path) -> None:
    assert REGISTER_LANDSCAPE
    assert _page_sizes(register_pdf) == {(842, 595)}


def test_register_header_and_page_number_on_every_page(register_pages: list[str]) -> None:
    pages = register_pages
    assert len(pages) >= 5
    header = squeeze("".join(REGISTER_HEADER))
    for number, text in enumerate(pages, start=1):
        page = squeeze(text)
        assert header in page, number
        assert page.endswith(f"—{number}—"), number
        assert f"— {number} —" in text


def test_register_holds_every_unit_exactly_once_in_order(
    register_pdf: Path, register_pages: list[str]
) -> None:
    units = _register_units(REGISTER_SIZE)
    texts = [squeeze("".join(register_pages))]
    if PDFTOTEXT is not None:
        texts.append(squeeze("".join(pdftotext_pages(register_pdf))))
    for text in texts:
        assert not LOOKALIKE.search(text)
        assert "成员单位名册" in text
        assert f"共{REGISTER_SIZE}个单位" in text
        assert "打印日期：2025年3月8日" in text
    text = texts[0]  # pypdf keeps the painting order (pdftotext interleaves wrapped cells)
    assert text.count(LONG_NAME) == 2 * sum(u.name == LONG_NAME for u in units)
    position = 0
    for number, unit in enumerate(units, start=1):
        found = text.find(f"{number}{unit.name}", position)
        assert found >= 0, (number, unit.name)
        position = found


def test_register_stays_inside_the_page(register_pdf: Path) -> None:
    assert_inside_text_block(register_pdf, REGISTER_LANDSCAPE_SPEC)


def test_register_title_and_inactive_units(fonts: DocumentFonts, tmp_path: Path) -> None:
    units = _register_units(3)
    units[1] = units[1]._replace(active=False)
    document = unit_register_document(
        units, printed_on=PRINTED_ON, title="成员单位名册（筛选结果）"
    )
    path = write_pdf(document, tmp_path / "filtered.pdf", landscape=True)
    text = squeeze("".join(pypdf_pages(path)))
    assert text.startswith("成员单位名册（筛选结果）共3个单位")
    assert f"{units[1].name}（已停用）" in text


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_register_prints_like_the_same_qt_table(fonts: DocumentFonts, tmp_path: Path) -> None:
    """The register paints its own pages (linear in its rows) but looks as the same table
    laid out by Qt: title, facts, header and cells at the same places."""
    units = _register_units(6)  # the sixth, with the 60-character name, starts page 2
    units[4] = units[4]._replace(active=False)
    document = unit_register_document(units, printed_on=PRINTED_ON)
    assert not isinstance(document, QTextDocument)  # a LongTableDocument
    painted = write_pdf(document, tmp_path / "painted.pdf", landscape=True)
    by_qt = write_pdf(
        document.to_text_document(), tmp_path / "qt.pdf", spec=REGISTER_LANDSCAPE_SPEC
    )
    painted_words, qt_words = pdftotext_words(painted), pdftotext_words(by_qt)
    assert [w.text for w in painted_words] == [w.text for w in qt_words]
    assert len(painted_words) > 6 * len(REGISTER_HEADER)
    for ours, theirs in zip(painted_words, qt_words, strict=True):
        assert ours.page == theirs.page, ours
        assert ours.x_min == pytest.approx(theirs.x_min, abs=0.5), ours
        assert ours.y_min == pytest.approx(theirs.y_min, abs=0.5), ours


# --- alliance-desk print roster -------------------------------------------------------


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(str(path), actor="测试员", auto_backup=False)
    try:
        generate_demo(database, scale=1)
    finally:
        database.dispose()
    return path


def _open(path: Path):  # type: ignore[no-untyped-def]
    from alliance_desk.services.bootstrap import open_database

    return open_database(str(path), actor="测试员", auto_backup=False)


def test_cli_prints_the_whole_register(
    fonts: DocumentFonts,
    demo_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from alliance_desk.services.units import list_units

    pdf = tmp_path / "名册.pdf"
    url = f"sqlite:///{demo_database}"
    assert cli.main(["print", "roster", "--db", url, "--pdf", str(pdf)]) == 0
    assert capsys.readouterr().out.strip() == str(pdf.resolve())
    database = _open(demo_database)
    try:
        units = list_units(database)
    finally:
        database.dispose()
    assert len(units) >= 160
    assert _page_sizes(pdf) == {(842, 595)}
    text = squeeze("".join(pypdf_pages(pdf)))
    assert f"共{len(units)}个单位" in text
    for unit in units:
        assert squeeze(unit.name) in text, unit.name


def test_cli_prints_one_alliance(
    fonts: DocumentFonts,
    demo_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from alliance_desk.services.alliances import get_alliance

    pdf = tmp_path / "roster.pdf"
    argv = ["print", "roster", "--alliance", "1", "--db", str(demo_database), "--pdf", str(pdf)]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out.strip() == str(pdf.resolve())
    database = _open(demo_database)
    try:
        detail = get_alliance(database, 1)
    finally:
        database.dispose()
    assert _page_sizes(pdf) == {(595, 842)}
    text = squeeze("".join(pypdf_pages(pdf)))
    assert squeeze(detail.alliance.name + "成员名册") in text
    current = [m for m in detail.members if m.is_current()]
    assert current
    for member in current:
        assert squeeze(member.unit_name) in text


def test_cli_unknown_alliance_fails_with_one_line(
    fonts: DocumentFonts,
    demo_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = tmp_path / "none.pdf"
    argv = ["print", "roster", "--alliance", "9999", "--db", str(demo_database), "--pdf", str(pdf)]
    assert cli.main(argv) == cli.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "9999" in captured.err and "联盟" in captured.err and "alliance" in captured.err
    assert not pdf.exists()


def test_cli_refuses_a_missing_database_and_folder(
    fonts: DocumentFonts, demo_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite"
    argv = ["print", "roster", "--db", str(missing), "--pdf", str(tmp_path / "x.pdf")]
    assert cli.main(argv) == cli.EXIT_FAILED
    assert not missing.exists()
    argv = ["print", "roster", "--db", str(demo_database), "--pdf", str(tmp_path / "no" / "x.pdf")]
    assert cli.main(argv) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "数据库文件不存在" in err and "文件夹不存在" in err


def test_print_needs_a_document(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["print"])
    assert exit_info.value.code == 2
    assert "DOCUMENT" in capsys.readouterr().err


def test_documents_do_not_import_the_database_layer() -> None:
    import subprocess
    import sys

    layers = ("sqlalchemy", "alliance_desk.services", "alliance_desk.storage")
    code = (
        "import sys, alliance_desk.documents.roster; "
        f"assert not [m for m in sys.modules if m.startswith({layers!r})]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
