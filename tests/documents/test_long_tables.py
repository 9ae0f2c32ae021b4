"""Long tables painted page by page (``long_table``): the same look as a QTextDocument
table, rows whole, the header on every page, and the text layer exactly as printed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdf
import pytest
from pdf_probe import (
    LOOKALIKE,
    MM,
    PDFTOTEXT,
    pdftotext_words,
    pypdf_pages,
    pypdf_text_origins,
    squeeze,
)

from alliance_desk.documents.compose import new_document
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import LANDSCAPE, PORTRAIT, PageSpec, pt_to_layout
from alliance_desk.documents.long_table import (
    LongTable,
    LongTableDocument,
    Paragraph,
    ParagraphCell,
    _Grid,
    center_header_cells,
)
from alliance_desk.documents.page import paint_document
from alliance_desk.documents.pagination import page_of, prepare_document, row_extent, tables
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.documents.richtext import heading, paragraph, title

HEADER = ("序号", "单位名称", "联系人", "备注")
WIDTHS = (10, 50, 20, 20)
ALIGN = ("center", None, "center", "right")
LOOKS = "人民用方行高立一"
TITLE = "人民路街道成员单位名单"


def _rows(count: int = 300) -> list[list[str]]:
    rows = []
    for i in range(count):
        name = f"{LOOKS[i % 8]}{LOOKS[(i + 3) % 8]}社区第{i + 1}党支部"
        if i % 7 == 3:  # wraps onto a second and third line
            name += "暨高立行用方一人民联合党建示范点" * 3
        note = "同意" if i % 11 else "第一行\n第二行"  # a typed line break
        rows.append([str(i + 1), name, f"张{LOOKS[(i + 5) % 8]}", note])
    if count > 41:
        rows[40][1] = "⼈⺠路社区⽤⽅⾏⾼⽴⼀党支部"  # typed with Kangxi radicals by a clerk
        rows[41][3] = '<b>&amp; "quotes"'
    return rows


def _printed(text: str) -> str:
    """As printed: radicals become the ideographs they look like."""
    return text.translate(
        {0x2F08: "人", 0x2EA0: "民", 0x2F64: "用", 0x2F45: "方", 0x2F8F: "行", 0x2FBC: "高"}
        | {0x2F74: "立", 0x2F00: "一"}
    )


def _document(rows: list[list[str]]) -> LongTableDocument:
    return LongTableDocument(
        [
            title(TITLE) + paragraph("共 300 个单位", class_="center"),
            heading("一、名单"),
            LongTable(HEADER, rows, WIDTHS, ALIGN),
            paragraph("注：以上名单按报到先后排列。"),
        ],
        body_pt=12,
        title=TITLE,
    )


@pytest.fixture
def long_pdf(fonts: DocumentFonts, tmp_path: Path) -> Path:
    return write_pdf(_document(_rows()), tmp_path / "名单.pdf")


def _page_bodies(path: Path) -> list[str]:
    """Each page squeezed, page number checked and removed."""
    bodies = []
    for number, text in enumerate(pypdf_pages(path), start=1):
        page = squeeze(text)
        assert page.endswith(f"—{number}—"), (number, page[-20:])
        bodies.append(page.removesuffix(f"—{number}—"))
    return bodies


def test_every_page_has_the_header_and_its_number(long_pdf: Path) -> None:
    bodies = _page_bodies(long_pdf)
    assert len(bodies) >= 8
    header = squeeze("".join(HEADER))
    assert bodies[0].startswith(squeeze(TITLE + "共300个单位一、名单") + header)
    for body in bodies[1:]:
        assert body.startswith(header)
    assert TITLE not in "".join(bodies[1:])  # the title only on page 1
    assert bodies[-1].endswith("注：以上名单按报到先后排列。")


def test_no_row_is_split_and_the_text_is_exactly_what_was_printed(long_pdf: Path) -> None:
    bodies = _page_bodies(long_pdf)
    rows = _rows()
    header = squeeze("".join(HEADER))
    joined = bodies[0] + "".join(body.removeprefix(header) for body in bodies[1:])
    cells = _printed("".join("".join(row) for row in rows))
    expected = squeeze(TITLE + "共300个单位一、名单" + "".join(HEADER) + cells)
    assert joined == expected + "注：以上名单按报到先后排列。"
    assert not LOOKALIKE.search(joined)
    assert "人民路社区用方行高立一党支部" in joined


def test_rows_stay_whole_on_their_page(long_pdf: Path) -> None:
    bodies = _page_bodies(long_pdf)
    for number, row in enumerate(_rows(), start=1):
        pages = [i for i, body in enumerate(bodies) if squeeze(_printed("".join(row))) in body]
        assert len(pages) == 1, (number, pages)


def test_text_stays_inside_the_page_box(long_pdf: Path) -> None:
    left, top = PORTRAIT.left_mm * MM, PORTRAIT.top_mm * MM
    right = left + PORTRAIT.text_width_mm * MM
    bottom = top + PORTRAIT.text_height_mm * MM
    origins = pypdf_text_origins(long_pdf)
    assert origins
    for _page, x, y, word in origins:
        if y > bottom and squeeze(word).strip("—0123456789") == "":
            continue  # the page number
        assert left - 1 <= x <= right and top - 1 <= y <= bottom + 1, (x, y, word)
    for page in pypdf.PdfReader(long_pdf).pages:
        assert float(page.mediabox.width) == pytest.approx(595, abs=1)


@pytest.mark.parametrize(("spec", "body_pt"), [(PORTRAIT, 12.0), (LANDSCAPE, 10.5)])
def test_rows_are_laid_out_as_qt_lays_out_the_table(
    fonts: DocumentFonts, spec: PageSpec, body_pt: float
) -> None:
    """Row heights and line breaks equal those of the same table in a QTextDocument."""
    rows = _rows(60)
    rows[5][1] = "https://example.org/" + "x" * 90 + " 中文 words"
    long_table = LongTable(HEADER, rows, WIDTHS, ALIGN)
    grid = _Grid(long_table, body_pt, spec)
    document = center_header_cells(new_document(long_table.markup(), body_pt=body_pt))
    printable = prepare_document(document, spec)
    (qt_table,) = tables(printable)
    page_height = printable.pageSize().height()
    compared = 0
    for row in range(1, qt_table.rows() - 1):
        top, _bottom = row_extent(printable, qt_table, row)
        next_top, _ = row_extent(printable, qt_table, row + 1)
        if page_of(top, page_height) != page_of(next_top, page_height):
            continue  # Qt stretched this row to the page foot
        cells, height = grid.row(rows[row - 1])
        assert height == pytest.approx(next_top - top, abs=0.01), row
        for column, cell in enumerate(cells):
            qt_cell = qt_table.cellAt(row, column)
            block = printable.findBlock(qt_cell.firstPosition())
            lines = 0
            while block.isValid() and block.position() <= qt_cell.lastPosition():
                lines += block.layout().lineCount()
                block = block.next()
            assert sum(layout.lineCount() for layout in cell.layouts) == lines, (row, column)
        compared += 1
    assert compared >= 40


def test_a_heading_stays_with_its_table(fonts: DocumentFonts, tmp_path: Path) -> None:
    filler = LongTable(HEADER, [["1", "人民", "张三", "同意"]] * 30, WIDTHS, ALIGN)
    document = LongTableDocument(
        [heading("一、甲"), filler, heading("二、乙"), LongTable(HEADER, _rows(5), WIDTHS, ALIGN)],
        body_pt=12,
    )
    bodies = _page_bodies(write_pdf(document, tmp_path / "h.pdf"))
    for body in bodies:
        assert not body.endswith("二、乙")
    (page,) = [body for body in bodies if "二、乙" in body]
    assert "二、乙" + squeeze("".join(HEADER)) + "1" in page


def test_printer_paints_the_same_pages(fonts: DocumentFonts, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    document = _document(_rows(120))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(600)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    result = paint_document(document, printer, PORTRAIT)
    pdf = write_pdf(document, tmp_path / "writer.pdf")
    assert (
        result.pages
        == len(pypdf.PdfReader(pdf).pages)
        == len(pypdf.PdfReader(tmp_path / "printer.pdf").pages)
    )
    assert "— 1 —" in result.printed_text and TITLE in result.printed_text


def test_a_part_taller_than_a_page_is_printed_the_ordinary_way(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    long_paragraph = "党建联盟各成员单位共驻共建、资源共享。" * 150
    document = LongTableDocument(
        [paragraph(long_paragraph), LongTable(HEADER, _rows(20), WIDTHS, ALIGN)], body_pt=12
    )
    bodies = _page_bodies(write_pdf(document, tmp_path / "tall.pdf"))
    assert len(bodies) >= 3
    assert squeeze(long_paragraph) in "".join(bodies)


def test_plain_text_and_text_document_hold_every_cell(fonts: DocumentFonts) -> None:
    rows = _rows(30)
    document = _document(rows)
    text = document.toPlainText()
    assert TITLE in text and "注：以上名单按报到先后排列。" in text
    assert all(cell in text for row in rows for cell in row)
    assert squeeze(document.to_text_document().toPlainText()) == squeeze(text)


# --- cells of several paragraphs with a hanging indent ----------------------------------

HANGING_HEADER = ("序号", "名称", "各月", "备注")
HANGING_WIDTHS = (8, 30, 32, 30)
HANGING_ALIGN = ("center", None, None, None)


def _hanging_cell(i: int) -> ParagraphCell:
    """Month lines hanging under ``10月　``; a long name wraps onto continuation lines."""
    lines = []
    for month in range(1 + i % 3, 4 + i % 3):
        name = f"{LOOKS[(i + month) % 8]}{LOOKS[month % 8]}路社区党支部"
        if (i + month) % 4 == 0:
            name += "暨高立行用方一人民联合党建示范点" * 2
        lines.append(Paragraph(f"{month:\u2007>2}月\u3000{name}", hanging_pt=27))
    if i % 5 == 2:
        lines.append(Paragraph("全年：" + "人民用方行高立一" * 3))  # no indent: wraps to the edge
    return ParagraphCell(tuple(lines))


def _hanging_rows(count: int) -> list[list[str | ParagraphCell]]:
    return [
        [
            str(i + 1),
            f"{LOOKS[i % 8]}{LOOKS[(i + 2) % 8]}联盟",
            _hanging_cell(i),
            _hanging_cell(i + 1),
        ]
        for i in range(count)
    ]


def _hanging_document(count: int) -> LongTableDocument:
    table = LongTable(HANGING_HEADER, _hanging_rows(count), HANGING_WIDTHS, HANGING_ALIGN)
    return LongTableDocument(
        [
            title(TITLE) + paragraph(f"共 {count} 个联盟", class_="center"),
            table,
            heading("二、附注"),
            paragraph("注：按月列出。"),
        ],
        body_pt=9,
        title=TITLE,
    )


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs pdftotext")
@pytest.mark.parametrize("spec", [PORTRAIT, LANDSCAPE])
def test_paragraph_cells_print_like_the_same_qt_table(
    fonts: DocumentFonts, tmp_path: Path, spec: PageSpec
) -> None:
    """Hanging-indent paragraphs land where Qt lays out the same ``<p>`` blocks: the first
    line at the cell's edge, continuation lines shifted right by the indent."""
    document = _hanging_document(4)  # one page: page feet are compared elsewhere
    painted = write_pdf(document, tmp_path / "painted.pdf", spec=spec)
    by_qt = write_pdf(document.to_text_document(), tmp_path / "qt.pdf", spec=spec)
    painted_words, qt_words = pdftotext_words(painted), pdftotext_words(by_qt)
    assert Counter((w.page, w.text) for w in painted_words) == Counter(
        (w.page, w.text) for w in qt_words
    )
    # pdftotext may read cells standing side by side in another order: pair each word
    # with the nearest word of the same text on the same page.
    for ours in painted_words:
        theirs = min(
            (w for w in qt_words if (w.page, w.text) == (ours.page, ours.text)),
            key=lambda w: abs(w.x_min - ours.x_min) + abs(w.y_min - ours.y_min),
        )
        assert ours.x_min == pytest.approx(theirs.x_min, abs=0.5), ours
        assert ours.y_min == pytest.approx(theirs.y_min, abs=0.5), ours


def test_paragraph_cells_are_laid_out_as_qt_lays_out_them(fonts: DocumentFonts) -> None:
    """Per paragraph: the line count, each line's x and width, as in the Qt table."""
    rows = _hanging_rows(12)
    table = LongTable(HANGING_HEADER, rows, HANGING_WIDTHS, HANGING_ALIGN)
    grid = _Grid(table, 9, LANDSCAPE)
    document = center_header_cells(new_document(table.markup(), body_pt=9))
    printable = prepare_document(document, LANDSCAPE)
    (qt_table,) = tables(printable)
    page_height = printable.pageSize().height()
    hanging = compared = 0
    for row, cells in enumerate(rows[:-1], start=1):
        top, _ = row_extent(printable, qt_table, row)
        next_top, _ = row_extent(printable, qt_table, row + 1)
        if page_of(top, page_height) != page_of(next_top, page_height):
            continue  # Qt stretched this row to the page foot (with a line of its own)
        assert grid.row(cells)[1] == pytest.approx(next_top - top, abs=0.01), row
        for column in (2, 3):
            laid = grid.cell(column, cells[column])
            qt_cell = qt_table.cellAt(row, column)
            block = printable.findBlock(qt_cell.firstPosition())
            qt_lines = []
            while block.isValid() and block.position() <= qt_cell.lastPosition():
                layout = block.layout()
                qt_lines += [layout.lineAt(n) for n in range(layout.lineCount())]
                block = block.next()
            ours = [layout.lineAt(n) for layout in laid.layouts for n in range(layout.lineCount())]
            assert len(ours) == len(qt_lines), (row, column)
            for mine, qt_line in zip(ours, qt_lines, strict=True):
                assert mine.textLength() == qt_line.textLength(), (row, column)
                assert mine.x() == pytest.approx(qt_line.x(), abs=0.5), (row, column)
                assert mine.y() == pytest.approx(qt_line.y(), abs=0.5), (row, column)
                assert mine.width() == pytest.approx(qt_line.width(), abs=0.5), (row, column)
                hanging += mine.x() == pytest.approx(pt_to_layout(27), abs=0.5)
        compared += 1
    assert compared >= 8
    assert hanging >= 10  # continuation lines stand right of their month


def test_paragraph_cells_read_back_as_printed(fonts: DocumentFonts, tmp_path: Path) -> None:
    document = _hanging_document(30)
    rows = _hanging_rows(30)
    text = document.toPlainText()
    for row in rows:
        for cell in row:
            expected = cell.text() if isinstance(cell, ParagraphCell) else cell
            assert expected in text
    assert squeeze(document.to_text_document().toPlainText()) == squeeze(text)
    bodies = _page_bodies(write_pdf(document, tmp_path / "hanging.pdf"))
    header = squeeze("".join(HANGING_HEADER))
    assert all(body.startswith(header) for body in bodies[1:])
    joined = "".join(body.removeprefix(header) for body in bodies)
    assert not LOOKALIKE.search(joined)
    for number, row in enumerate(rows, start=1):  # each row whole, on one page, once
        cells = "".join(c.text() if isinstance(c, ParagraphCell) else c for c in row)
        pages = [i for i, body in enumerate(bodies) if squeeze(cells) in body]
        assert len(pages) == 1, (number, pages)
    assert joined.endswith("二、附注注：按月列出。")
