"""轮值主席轮值表 as PDFs (one alliance, portrait; all alliances, landscape) and ``print rota``."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
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
    pypdf_text_origins,
    squeeze,
)
from PySide6.QtGui import QTextDocument

from alliance_desk import cli
from alliance_desk.core.rotation import periods_between
from alliance_desk.core.vocab import ChairPeriod, ChairTermState
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import LANDSCAPE, PORTRAIT
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.documents.rota import (
    ALLIANCE_HEADER,
    GRID_HEADER,
    NOTES_HEADER,
    rota_document,
    rota_is_landscape,
    rota_title,
)
from alliance_desk.services.rotation import TermRow

YEAR = 2026
PRINTED_ON = date(2026, 3, 8)
LOOKS = "人民用方行高立一"
GAP_TEXT = "空缺：本期没有可担任轮值主席的成员单位"
KINDS = (ChairPeriod.QUARTER, ChairPeriod.MONTH, ChairPeriod.HALF_YEAR, ChairPeriod.YEAR)


def _unit(i: int) -> str:
    return f"{LOOKS[i % 8]}{LOOKS[(i + 3) % 8]}路{LOOKS[(i + 5) % 8]}民服务中心第{i + 1}号"


def _alliance_name(a: int) -> str:
    return f"{LOOKS[a % 8]}{LOOKS[(a + 2) % 8]}社区“{LOOKS[(a + 4) % 8]}行”党建联盟"


def _terms(alliance_id: int, kind: ChairPeriod, *, year: int = YEAR) -> list[TermRow]:
    periods = periods_between(kind, date(year, 1, 1), date(year, 12, 31))
    return [
        TermRow(
            id=alliance_id * 100 + n,
            alliance_id=alliance_id,
            alliance_name=_alliance_name(alliance_id),
            period_start=p.start,
            period_end=p.end,
            unit_id=alliance_id * 100 + n,
            unit_name=_unit(alliance_id * 20 + n + 700 * (year - YEAR)),
            state=ChairTermState.PLANNED,
            locked=False,
            explanation="按轮值顺序",
            change_reason="",
            version=1,
        )
        for n, p in enumerate(periods)
    ]


def _with(term: TermRow, **changes: object) -> TermRow:
    from dataclasses import replace

    return replace(term, **changes)  # type: ignore[arg-type]


def _special(terms: list[TermRow]) -> list[TermRow]:
    """One alliance's quarters: served, swapped, skipped (with reasons) and a gap."""
    served, swapped, skipped, gap = terms
    return [
        _with(served, state=ChairTermState.SERVED, locked=True),
        _with(swapped, state=ChairTermState.SWAPPED, explanation="调换：人民医院换届"),
        _with(skipped, state=ChairTermState.SKIPPED, change_reason="单位搬迁", locked=True),
        _with(
            gap, unit_id=None, unit_name="", explanation="空缺：本期没有可担任轮值主席的成员单位"
        ),
    ]


def _page_sizes(path: Path) -> set[tuple[int, int]]:
    return {
        (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        for page in pypdf.PdfReader(path).pages
    }


def painted_pages(path: Path) -> list[str]:
    """Each page's text runs in the order they were painted, squeezed.

    ``extract_text`` can move a run (here the last column's header) behind the page
    number; the runs themselves come in painting order, so order checks use these.
    """
    pages: dict[int, list[str]] = {}
    for page, _x, _y, text in pypdf_text_origins(path):
        pages.setdefault(page, []).append(text)
    return [squeeze("".join(pages[n])) for n in sorted(pages)]


def pdftotext_raw(path: Path) -> str:
    """pdftotext in content-stream order (``-raw``), squeezed.

    Its default layout mode reads by position and interleaves the wrapped lines of cells
    standing side by side (a two-line unit name next to a monthly list), so a grid is
    checked in the order it was written.
    """
    assert PDFTOTEXT is not None
    command = [PDFTOTEXT, "-raw", "-enc", "UTF-8", str(path), "-"]
    return squeeze(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def _texts(path: Path, *, grid: bool = False) -> list[str]:
    """The whole text, squeezed: as pypdf extracts it, as painted, as pdftotext reads it."""
    texts = [squeeze("".join(pypdf_pages(path))), "".join(painted_pages(path))]
    if PDFTOTEXT is not None:
        texts.append(pdftotext_raw(path) if grid else squeeze("".join(pdftotext_pages(path))))
    return texts


# --- one alliance ------------------------------------------------------------------------

ONE = [*_special(_terms(1, ChairPeriod.QUARTER)), *_terms(1, ChairPeriod.QUARTER, year=YEAR + 1)]


@pytest.fixture
def one_pdf(fonts: DocumentFonts, tmp_path: Path) -> Path:
    name = _alliance_name(1)
    assert not rota_is_landscape(name)
    document = rota_document(ONE, year=YEAR, alliance_name=name, printed_on=PRINTED_ON)
    return write_pdf(document, tmp_path / "one.pdf")


def test_one_alliance_is_portrait_and_extracts_as_printed(one_pdf: Path) -> None:
    assert _page_sizes(one_pdf) == {(595, 842)}
    for text in _texts(one_pdf):
        assert not LOOKALIKE.search(text)
        assert squeeze(rota_title(YEAR, _alliance_name(1))) in text
        assert "轮值周期：季度" in text and "共4期" in text and "打印日期：2026年3月8日" in text
        for term in ONE[:3]:
            assert term.unit_name in text
        assert ONE[4].unit_name not in text  # next year's terms are not this year's rota
    text = "".join(painted_pages(one_pdf))
    assert squeeze("".join(ALLIANCE_HEADER)) in text
    assert f"第1季度1月1日至3月31日{ONE[0].unit_name}已履职" in text
    assert f"第2季度4月1日至6月30日{ONE[1].unit_name}已调换调换：人民医院换届" in text
    assert f"{ONE[2].unit_name}已跳过跳过原因：单位搬迁" in text
    assert "第4季度10月1日至12月31日（空缺）计划空缺：" in text
    assert "按轮值顺序" not in text  # the ordinary case needs no words


def test_one_alliance_stays_inside_the_page(one_pdf: Path) -> None:
    assert_inside_text_block(one_pdf, PORTRAIT)


def test_long_alliance_name_breaks_before_the_suffix(fonts: DocumentFonts) -> None:
    document = rota_document([], year=YEAR, alliance_name="人民" * 12, printed_on=PRINTED_ON)
    assert document.begin().text() == "人民" * 12 + "\u2028轮值主席轮值表（2026年）"
    assert "本年度尚未排定轮值主席" in document.toPlainText()


def test_user_text_is_escaped(fonts: DocumentFonts) -> None:
    typed = '<b>&amp; "人民"</b>'
    terms = [_with(ONE[0], unit_name=typed, alliance_name="<i>联盟</i>")]
    for name in ("<i>联盟</i>", None):
        document = rota_document(terms, year=YEAR, alliance_name=name, printed_on=PRINTED_ON)
        assert typed in document.toPlainText()
        assert "<i>联盟</i>" in document.toPlainText()


# --- every alliance ------------------------------------------------------------------------

ALLIANCES = 32


def _grid_terms() -> list[TermRow]:
    terms: list[TermRow] = []
    for a in range(1, ALLIANCES + 1):
        own = _terms(a, KINDS[a % 4])
        terms += _special(own) if a == 4 else own
    return terms


GRID = _grid_terms()


@pytest.fixture(scope="module")
def grid_pdf(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[Path]:
    assert rota_is_landscape(None)
    document = rota_document(GRID, year=YEAR, printed_on=PRINTED_ON)
    path = tmp_path_factory.mktemp("grid") / "grid.pdf"
    yield write_pdf(document, path, landscape=True)


@pytest.fixture(scope="module")
def grid_pages(grid_pdf: Path) -> list[str]:
    """Each page's text in painting order (read once: the grid takes seconds)."""
    return painted_pages(grid_pdf)


def test_grid_is_landscape_a4_with_headers_and_page_numbers(
    grid_pdf: Path, grid_pages: list[str]
) -> None:
    assert _page_sizes(grid_pdf) == {(842, 595)}
    assert len(grid_pages) >= 3
    header, notes = squeeze("".join(GRID_HEADER)), squeeze("".join(NOTES_HEADER))
    *grid, last = grid_pages
    assert notes in last  # the notes table follows the grid (here on a page of its own)
    for number, page in enumerate(grid, start=1):
        assert header in page, number
        assert page.endswith(f"—{number}—"), number


def test_grid_holds_every_unit_and_alliance(grid_pdf: Path, grid_pages: list[str]) -> None:
    texts = _texts(grid_pdf, grid=True)
    for text in texts:
        assert not LOOKALIKE.search(text)
        assert text.startswith(squeeze(rota_title(YEAR)))
        assert f"共{ALLIANCES}个联盟" in text and "打印日期：2026年3月8日" in text
        assert "按月轮值的联盟在所属季度格内逐月列出" in text  # the note under the title
        for term in GRID:
            if term.unit_name:
                assert term.unit_name in text, term.unit_name
        for a in range(1, ALLIANCES + 1):
            assert _alliance_name(a) in text
    text = "".join(grid_pages)
    rows = [text.find(f"{a}{_alliance_name(a)}") for a in range(1, ALLIANCES + 1)]
    assert -1 not in rows and rows == sorted(rows)


def test_grid_cells_by_period_length(grid_pages: list[str]) -> None:
    text = "".join(grid_pages)
    quarterly = _terms(4 * 2, ChairPeriod.QUARTER)
    assert "".join(t.unit_name for t in quarterly) in text  # one per quarter, in order
    monthly = _terms(1, ChairPeriod.MONTH)  # alliance 1: a month per line, within quarters
    assert "".join(f"{m + 1}月{t.unit_name}" for m, t in enumerate(monthly[:3])) in text
    assert f"10月{monthly[9].unit_name}" in text
    half = _terms(2, ChairPeriod.HALF_YEAR)  # repeated in each quarter of its half
    assert text.count(half[0].unit_name) == 2 and text.count(half[1].unit_name) == 2
    whole = _terms(3, ChairPeriod.YEAR)
    assert text.count(whole[0].unit_name) == 4


def test_grid_marks_changes_and_explains_them(grid_pages: list[str]) -> None:
    text = "".join(grid_pages)
    special = _special(_terms(4, ChairPeriod.QUARTER))
    assert f"{special[1].unit_name}（调换）" in text
    assert f"{special[2].unit_name}（已跳过）" in text
    _grid, notes = text.split("冲突、空缺与变动说明")
    assert special[0].unit_name not in notes  # served as planned: nothing to explain
    assert f"{special[1].unit_name}调换：人民医院换届" in notes
    assert f"{special[2].unit_name}跳过原因：单位搬迁" in notes
    assert "2026年第4季度（空缺）空缺：本期没有可担任轮值主席的成员单位" in notes


def test_grid_stays_inside_the_page(grid_pdf: Path) -> None:
    assert_inside_text_block(grid_pdf, LANDSCAPE)


def test_empty_year(fonts: DocumentFonts) -> None:
    document = rota_document(GRID, year=YEAR + 5, printed_on=PRINTED_ON)
    assert "本年度尚未排定轮值主席" in document.toPlainText()
    assert "冲突、空缺与变动说明" not in document.toPlainText()


# --- alliance-desk print rota ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_rota(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from alliance_desk.services import rotation
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(str(path), actor="测试员", auto_backup=False)
    try:
        generate_demo(database, scale=1)
        preview = rotation.preview_plan(database, start=date(2024, 1, 1), end=date(2027, 12, 31))
        rotation.save_plan(database, preview)
    finally:
        database.dispose()
    return path


def _stored_terms(path: Path, alliance_id: int | None) -> list[TermRow]:
    from alliance_desk.services import rotation
    from alliance_desk.services.bootstrap import open_database

    database = open_database(str(path), actor="测试员", auto_backup=False)
    try:
        return rotation.list_terms(database, alliance_id=alliance_id, year=YEAR)
    finally:
        database.dispose()


def test_cli_prints_every_alliance(
    fonts: DocumentFonts, demo_rota: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "轮值表.pdf"
    started = time.perf_counter()
    argv = ["print", "rota", "--year", str(YEAR), "--db", str(demo_rota), "--pdf", str(pdf)]
    assert cli.main(argv) == 0
    assert time.perf_counter() - started < 10
    assert capsys.readouterr().out.strip() == str(pdf.resolve())
    assert _page_sizes(pdf) == {(842, 595)}
    text = "".join(painted_pages(pdf))
    terms = _stored_terms(demo_rota, None)
    assert len({t.alliance_id for t in terms}) == 24
    for term in terms:
        assert squeeze(term.alliance_name) in text and squeeze(term.unit_name) in text


def test_cli_prints_one_alliance(
    fonts: DocumentFonts, demo_rota: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "one.pdf"
    argv = ["print", "rota", "--year", str(YEAR), "--alliance", "2"]
    assert cli.main([*argv, "--db", str(demo_rota), "--pdf", str(pdf)]) == 0
    assert capsys.readouterr().out.strip() == str(pdf.resolve())
    assert _page_sizes(pdf) == {(595, 842)}
    text = "".join(painted_pages(pdf))
    terms = _stored_terms(demo_rota, 2)
    assert text.startswith(squeeze(rota_title(YEAR, terms[0].alliance_name)))
    for term in terms:
        assert squeeze(term.unit_name) in text


def test_cli_unknown_alliance_or_bad_year_fails_with_one_line(
    fonts: DocumentFonts, demo_rota: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "none.pdf"
    argv = ["print", "rota", "--year", str(YEAR), "--alliance", "9999"]
    assert cli.main([*argv, "--db", str(demo_rota), "--pdf", str(pdf)]) == cli.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "9999" in captured.err and "联盟" in captured.err
    argv = ["print", "rota", "--year", "0", "--db", str(demo_rota), "--pdf", str(pdf)]
    assert cli.main(argv) == cli.EXIT_FAILED
    assert "年度" in capsys.readouterr().err
    assert not pdf.exists()


def test_cli_year_without_a_rota_refuses_with_a_reason(
    fonts: DocumentFonts, demo_rota: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "2031.pdf"
    argv = ["print", "rota", "--year", "2031", "--db", str(demo_rota), "--pdf", str(pdf)]
    assert cli.main(argv) == cli.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "2031 年" in captured.err and "没有轮值安排" in captured.err
    assert not pdf.exists()


def test_rota_document_does_not_import_the_database_layer() -> None:
    import sys

    layers = ("sqlalchemy", "alliance_desk.services", "alliance_desk.storage")
    code = (
        "import sys, alliance_desk.documents.rota; "
        f"assert not [m for m in sys.modules if m.startswith({layers!r})]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the grid is a long table: linear in its rows, the same look -------------------------

MANY = 90


def _many_terms() -> list[TermRow]:
    return [term for a in range(1, MANY + 1) for term in _terms(a, KINDS[a % 4])]


def test_many_alliances_every_row_whole_under_a_header(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    terms = _many_terms()
    document = rota_document(terms, year=YEAR, printed_on=PRINTED_ON)
    assert not isinstance(document, QTextDocument)  # painted page by page
    pages = painted_pages(write_pdf(document, tmp_path / "many.pdf", landscape=True))
    assert len(pages) >= 5
    header = squeeze("".join(GRID_HEADER))
    for number, page in enumerate(pages, start=1):
        assert page.count(header) == 1, number
        assert page.endswith(f"—{number}—"), number
        if number > 1:
            assert page.startswith(header), number
    for a in range(1, MANY + 1):
        own = [t for t in terms if t.alliance_id == a]
        # The whole row on exactly one page: its number and name, and every unit.
        holding = {n for n, page in enumerate(pages) for t in own if t.unit_name in page}
        assert len(holding) == 1, (a, holding)
        assert squeeze(f"{a}{own[0].alliance_name}") in pages[holding.pop()], a


def test_grid_prints_like_the_same_qt_document(fonts: DocumentFonts, tmp_path: Path) -> None:
    """Painted as a long table, the grid's words stand where Qt's own layout of the same
    document puts them (monthly cells with their hanging indents included)."""
    terms = [t for t in GRID if t.alliance_id <= 6]
    document = rota_document(terms, year=YEAR, printed_on=PRINTED_ON)
    assert not isinstance(document, QTextDocument)
    painted = write_pdf(document, tmp_path / "painted.pdf", landscape=True)
    by_qt = write_pdf(document.to_text_document(), tmp_path / "qt.pdf", landscape=True)
    if PDFTOTEXT is None:
        pytest.skip("needs pdftotext")
    ours_words, qt_words = pdftotext_words(painted), pdftotext_words(by_qt)
    assert Counter((w.page, w.text) for w in ours_words) == Counter(
        (w.page, w.text) for w in qt_words
    )
    for ours in ours_words:
        theirs = min(
            (w for w in qt_words if (w.page, w.text) == (ours.page, ours.text)),
            key=lambda w: abs(w.x_min - ours.x_min) + abs(w.y_min - ours.y_min),
        )
        assert ours.x_min == pytest.approx(theirs.x_min, abs=0.5), ours
        assert ours.y_min == pytest.approx(theirs.y_min, abs=0.5), ours


def test_empty_year_prints_a_header_and_the_note(fonts: DocumentFonts, tmp_path: Path) -> None:
    document = rota_document(GRID, year=YEAR + 5, printed_on=PRINTED_ON)
    (page,) = painted_pages(write_pdf(document, tmp_path / "empty.pdf", landscape=True))
    header = squeeze("".join(GRID_HEADER))
    assert page.index(header) < page.index("（本年度尚未排定轮值主席）")
    assert page.endswith("—1—")
