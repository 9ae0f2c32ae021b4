"""PDFs written by the app: text layer, page size, headers, footers, page box."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from pdf_probe import (
    LOOKALIKE,
    MM,
    PDFTOTEXT,
    pdftotext_pages,
    pdftotext_words,
    pypdf_pages,
    pypdf_text_origins,
    squeeze,
    tounicode_destinations,
)
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QTextDocument

from alliance_desk.documents.compose import DENSE_POINT_SIZE, new_document
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import LANDSCAPE, PORTRAIT
from alliance_desk.documents.page import paint_document
from alliance_desk.documents.pagination import page_of, prepare_document, row_extent, tables
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.documents.pdf_text_fix import fix_pdf_file
from alliance_desk.documents.richtext import Markup, heading, paragraph, table, title

LOOKS = "人民用方行高立一"
HEADER = ["序号", "单位名称", "联系人", "备注"]
USER_MARKUP = '<b>&amp; "quotes"'
TITLE = "人民路街道党建联盟第3次联席会议签到表"


def _rows() -> list[list[str]]:
    rows = []
    for i in range(80):
        a, b, c = LOOKS[i % 8], LOOKS[(i + 3) % 8], LOOKS[(i + 5) % 8]
        name = f"{a}{b}社区{c}民服务中心第{i + 1}党支部"
        if i % 7 == 3:  # some names wrap onto a second line
            name += "暨高立行用方一人民联合党建示范点"
        rows.append([str(i + 1), name, f"张{b}{c}", "同意"])
    rows[40][1] = "⼈⺠路社区⽤⽅⾏⾼⽴⼀党支部"  # typed with Kangxi radicals by a clerk
    rows[41][3] = USER_MARKUP
    return rows


def _printed(cell: str) -> str:
    """What a cell looks like on paper (radicals are printed as the ideographs)."""
    return cell.translate(
        {0x2F08: "人", 0x2EA0: "民", 0x2F64: "用", 0x2F45: "方", 0x2F8F: "行", 0x2FBC: "高"}
        | {0x2F74: "立", 0x2F00: "一"}
    )


def _write_sign_in_sheet(folder: Path) -> tuple[Path, QTextDocument]:
    body = title(TITLE) + table(HEADER, _rows(), widths=[10, 55, 20, 15])
    document = new_document(body, document_title="签到表")
    path = write_pdf(document, folder / "签到表.pdf")
    return path, document


@pytest.fixture
def sign_in_sheet(fonts: DocumentFonts, tmp_path: Path) -> tuple[Path, QTextDocument]:
    return _write_sign_in_sheet(tmp_path)


def _body_only(page_texts: list[str]) -> str:
    """All pages squeezed, without the repeated header and the page numbers."""
    header = squeeze("".join(HEADER))
    out = []
    for number, text in enumerate(page_texts, start=1):
        page = squeeze(text)
        footer = f"—{number}—"
        assert page.endswith(footer), (number, page[-20:])
        page = page.removesuffix(footer)
        if number > 1:
            assert page.startswith(header), (number, page[:20])
            page = page.removeprefix(header)
        out.append(page)
    return "".join(out)


def test_pypdf_extracts_exactly_what_was_printed(sign_in_sheet: tuple[Path, QTextDocument]) -> None:
    path, _document = sign_in_sheet
    pages = pypdf_pages(path)
    assert len(pages) >= 3
    expected = squeeze(TITLE + "".join(HEADER) + "".join(_printed("".join(r)) for r in _rows()))
    assert _body_only(pages) == expected
    assert not LOOKALIKE.search("".join(pages))


def test_sheet_printed_inside_the_running_app_extracts_exactly(
    running_app: DocumentFonts, tmp_path: Path
) -> None:
    # The Chinese locale makes Noto CJK draw the clerk's ASCII quotes with glyphs no
    # code point maps to; pypdf used to read such a glyph's code 0x0032 as "2".
    path, _document = _write_sign_in_sheet(tmp_path)
    pages = pypdf_pages(path)
    expected = squeeze(TITLE + "".join(HEADER) + "".join(_printed("".join(r)) for r in _rows()))
    assert _body_only(pages) == expected
    assert squeeze(USER_MARKUP) in _body_only(pages)


# Punctuation and digits the shaper draws with substituted glyphs: under a Chinese
# locale (locl) ASCII quotes and apostrophes, ‼ and an em dash between Han characters
# (drawn with the glyph of U+2015 ―); in any locale digits and … after Latin letters.
SUBSTITUTED = [
    ["1", '他说"好"', "it's 张三's"],
    ["2", "Room 101", "No.5 v2.0 ab12 wait…"],
    ["3", "a 0123456789", '"人民"用方行高‼'],
    ["4", "1月1日—3月31日", "第1季度——第2季度"],
]
NO_READING = re.compile("[\x00-\x1f\ufffd]")


@pytest.mark.parametrize("setting", ["fonts", "running_app"])
def test_substituted_glyphs_extract_as_printed(
    setting: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    request.getfixturevalue(setting)
    body = title('"No.1" 签到') + table(["序号", "名称", "备注"], SUBSTITUTED)
    path = write_pdf(new_document(body), tmp_path / "latin.pdf")
    expected = squeeze('"No.1" 签到' + "序号名称备注" + "".join("".join(r) for r in SUBSTITUTED))
    extracted = {"pypdf": squeeze(pypdf_pages(path)[0])}
    if PDFTOTEXT is not None:
        extracted["pdftotext"] = squeeze(pdftotext_pages(path)[0])
    for extractor, text in extracted.items():
        assert not NO_READING.search(text), (extractor, text)
        assert text == expected + "—1—", extractor


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_extracts_exactly_what_was_printed(
    sign_in_sheet: tuple[Path, QTextDocument],
) -> None:
    path, _document = sign_in_sheet
    pages = pdftotext_pages(path)
    text = "".join(pages)
    assert not LOOKALIKE.search(text)
    # pdftotext reads multi-line cells column-wise, so compare characters, not order.
    expected = squeeze(TITLE + "".join(_printed("".join(r)) for r in _rows()))
    expected += squeeze("".join(HEADER)) * len(pages)
    expected += "".join(f"—{n}—" for n in range(1, len(pages) + 1))
    assert Counter(squeeze(text)) == Counter(expected)
    assert "人民路社区用方行高立一党支部" in squeeze(text)  # the clerk's radicals, unified


def test_tounicode_maps_name_no_radicals(sign_in_sheet: tuple[Path, QTextDocument]) -> None:
    path, _document = sign_in_sheet
    destinations = tounicode_destinations(path)
    assert destinations
    assert not [d for d in destinations if LOOKALIKE.search(d)]
    assert not [d for d in destinations if d in ("\t", "\n", "\r")]
    assert set(LOOKS) <= set("".join(destinations))


def test_pages_are_a4(sign_in_sheet: tuple[Path, QTextDocument]) -> None:
    path, _document = sign_in_sheet
    for page in pypdf.PdfReader(path).pages:
        assert float(page.mediabox.width) == pytest.approx(595, abs=1)
        assert float(page.mediabox.height) == pytest.approx(842, abs=1)


def test_header_row_and_page_number_on_every_page(
    sign_in_sheet: tuple[Path, QTextDocument],
) -> None:
    path, _document = sign_in_sheet
    pages = pypdf_pages(path)
    for number, text in enumerate(pages, start=1):
        assert squeeze("".join(HEADER)) in squeeze(text), number
        assert f"— {number} —" in text, number


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_footer_is_centred_below_the_text_block(
    sign_in_sheet: tuple[Path, QTextDocument],
) -> None:
    path, _document = sign_in_sheet
    words = pdftotext_words(path)
    digits = [w for w in words if w.text == "2" and w.page == 1 and w.y_min > 262 * MM]
    assert len(digits) == 1
    footer = digits[0]
    assert (footer.x_min + footer.x_max) / 2 == pytest.approx((28 + 78) * MM, abs=2)
    assert footer.y_min == pytest.approx((262 + 7) * MM, abs=3)


def test_rows_are_not_cut_by_page_breaks(fonts: DocumentFonts) -> None:
    document = new_document(table(HEADER, _rows(), widths=[10, 55, 20, 15]))
    printable = prepare_document(document)
    page_height = printable.pageSize().height()
    (sheet,) = tables(printable)
    assert sheet.format().headerRowCount() == 1
    pages = set()
    for row in range(1, sheet.rows()):
        top, bottom = row_extent(printable, sheet, row)
        assert page_of(top, page_height) == page_of(bottom - 1, page_height), row
        pages.add(page_of(top, page_height))
    assert len(pages) >= 3


AGENDA_ITEM = ("研究人民用方行高立一共建项目清单并逐项明确责任单位、完成时限和验收标准，" * 10)[
    :300
]


@pytest.mark.parametrize("with_heading", [False, True])
def test_a_tall_first_row_moves_with_the_header(
    fonts: DocumentFonts, tmp_path: Path, with_heading: bool
) -> None:
    """A table beginning near the page foot whose first row (a 300-character agenda item)
    would run over the page break starts on the next page, header, heading and all."""
    lead = [paragraph(f"第{n}段。") for n in range(1, 18)]
    intro = [heading("一、议题")] if with_heading else []
    header = ["序号", "议题", "汇报单位"]
    rows = [["1", AGENDA_ITEM, "人民医院"], ["2", "通报年度工作", "民政局"]]
    body = Markup("").join([*lead, *intro, table(header, rows, widths=[10, 70, 20])])
    document = new_document(body)
    printable = prepare_document(document)
    page_height = printable.pageSize().height()
    (agenda,) = tables(printable)
    header_top, _header_bottom = row_extent(printable, agenda, 0)
    top, bottom = row_extent(printable, agenda, 1)
    pages = [page_of(y, page_height) for y in (header_top, top, bottom - 1)]
    assert pages == [1, 1, 1]  # header and the whole first row on page 2
    path = write_pdf(document, tmp_path / "agenda.pdf")
    first, second = (squeeze(text) for text in pypdf_pages(path))
    assert first == squeeze("".join(f"第{n}段。" for n in range(1, 18))) + "—1—"
    opening = ("一、议题" if with_heading else "") + "".join(header) + "1" + AGENDA_ITEM
    assert second.startswith(squeeze(opening) + "人民医院2通报年度工作民政局")


def test_user_markup_is_printed_literally(sign_in_sheet: tuple[Path, QTextDocument]) -> None:
    path, document = sign_in_sheet
    assert USER_MARKUP in document.toPlainText()
    text = "".join(pypdf_pages(path))
    assert squeeze(USER_MARKUP) in squeeze(text)


def test_caller_document_is_left_untouched(sign_in_sheet: tuple[Path, QTextDocument]) -> None:
    _path, document = sign_in_sheet
    assert "⼈⺠路" in document.toPlainText()
    assert document.pageSize().height() < 0 or document.pageCount() == 1


LONG_NAME = "中华人民共和国" + "人民用方行高立一" * 6 + "党建联盟牵头单位党委"  # 65 characters
LONG_PARAGRAPH = ("党建联盟各成员单位人民用方行高立一，共驻共建、资源共享。" * 72)[:2000]
LONG_LATIN = "https://example.org/" + "x" * 180


def _long_document() -> QTextDocument:
    body = Markup("").join(
        [
            title(LONG_NAME),
            table(["单位名称", "负责人"], [[LONG_NAME, "张三"], [LONG_LATIN, "李四"]]),
            paragraph(LONG_NAME),
            paragraph(LONG_PARAGRAPH),
            paragraph(LONG_LATIN),
        ]
    )
    return new_document(body)


def _inside_portrait_block(x0: float, y0: float, x1: float, y1: float, page_w: float) -> bool:
    left, top = 28 * MM, 37 * MM
    right, bottom = left + 156 * MM, top + 225 * MM
    slack = 1.5  # pt: glyph boxes of the last character may overhang a hair
    return left - slack <= x0 and x1 <= right + slack and top - slack <= y0 and y1 <= bottom + slack


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_long_names_and_paragraphs_wrap_inside_the_text_block(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    path = write_pdf(_long_document(), tmp_path / "long.pdf")
    words = pdftotext_words(path)
    assert words
    body_words = [w for w in words if not (w.y_min > 262 * MM and w.text in "—0123456789")]
    outside = [
        w for w in body_words if not _inside_portrait_block(w.x_min, w.y_min, w.x_max, w.y_max, 595)
    ]
    assert not outside, outside[:3]
    everything = squeeze("".join(w.text for w in body_words))
    for text in (LONG_NAME, LONG_PARAGRAPH, LONG_LATIN):
        assert squeeze(text) in everything


def test_long_text_origins_stay_inside_the_text_block(fonts: DocumentFonts, tmp_path: Path) -> None:
    path = write_pdf(_long_document(), tmp_path / "long.pdf")
    origins = pypdf_text_origins(path)
    assert origins
    for _page, x, y, text in origins:
        if y > 262 * MM:  # the page number
            continue
        assert 28 * MM - 1 <= x <= (28 + 156) * MM, (x, text)
        assert 37 * MM - 1 <= y <= (37 + 225) * MM + 1, (y, text)
    pages = [squeeze(t).removesuffix(f"—{n}—") for n, t in enumerate(pypdf_pages(path), 1)]
    text = "".join(pages)
    for expected in (LONG_NAME, LONG_PARAGRAPH, LONG_LATIN):
        assert squeeze(expected) in text
    # Every character printed once: the long name three times, nothing doubled.
    assert text == squeeze(
        LONG_NAME
        + "单位名称负责人"
        + LONG_NAME
        + "张三"
        + LONG_LATIN
        + "李四"
        + LONG_NAME
        + LONG_PARAGRAPH
        + LONG_LATIN
    )


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_body_text_has_22_lines_per_page(fonts: DocumentFonts, tmp_path: Path) -> None:
    path = write_pdf(new_document(paragraph(LONG_PARAGRAPH)), tmp_path / "lines.pdf")
    lines = {round(w.y_min) for w in pdftotext_words(path) if w.page == 0 and w.y_min < 262 * MM}
    assert len(lines) == 22


def test_landscape_and_dense_tables(fonts: DocumentFonts, tmp_path: Path) -> None:
    rows = [[str(i), f"{LOOKS[i % 8]}民社区", "2024年第1季度", "轮值主席"] for i in range(60)]
    document = new_document(table(HEADER, rows), body_pt=DENSE_POINT_SIZE)
    path = write_pdf(document, tmp_path / "rota.pdf", landscape=True)
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(842, abs=1)
        assert float(page.mediabox.height) == pytest.approx(595, abs=1)
    assert len(reader.pages) >= 2
    pages = pypdf_pages(path)
    assert all(squeeze("".join(HEADER)) in squeeze(text) for text in pages)
    assert not LOOKALIKE.search("".join(pages))


def test_same_routine_paints_on_a_qprinter(fonts: DocumentFonts, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    document = new_document(title(TITLE) + table(HEADER, _rows()))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(600)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    result = paint_document(document, printer, PORTRAIT)
    pdf = write_pdf(document, tmp_path / "writer.pdf")
    assert result.pages == len(pypdf.PdfReader(pdf).pages)
    reader = pypdf.PdfReader(tmp_path / "printer.pdf")
    assert len(reader.pages) == result.pages
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595, abs=1)
    # Same layout at another resolution, so the same text on each page. Qt's own text
    # layer (not repaired on this path) names radicals, and under a Chinese locale
    # leaves substituted quote glyphs without a reading: repair it as write_pdf does.
    fix_pdf_file(tmp_path / "printer.pdf", result.printed_text)
    assert [squeeze(t) for t in pypdf_pages(pdf)] == [
        squeeze(t) for t in pypdf_pages(tmp_path / "printer.pdf")
    ]


def test_paint_function_source(fonts: DocumentFonts, tmp_path: Path) -> None:
    def paint(device: QPagedPaintDevice) -> None:
        painter = QPainter(device)
        painter.setFont(fonts.body_font())
        painter.drawText(
            QRectF(0, 0, 8000, 2000), Qt.AlignmentFlag.AlignCenter, "人民 用方行高立一"
        )
        painter.end()

    path = write_pdf(
        paint, tmp_path / "custom.pdf", landscape=True, printed_text="人民 用方行高立一"
    )
    text = pypdf_pages(path)[0]
    assert squeeze(text) == "人民用方行高立一"
    assert "\t" not in text
    assert not list(tmp_path.glob(".*.partial"))


def test_landscape_spec_geometry() -> None:
    assert LANDSCAPE.paper_mm == (297.0, 210.0)
    assert LANDSCAPE.left_mm + LANDSCAPE.text_width_mm <= 297 - 20
    assert PORTRAIT.left_mm + PORTRAIT.text_width_mm == pytest.approx(184)
    assert PORTRAIT.top_mm + PORTRAIT.text_height_mm == pytest.approx(262)


RARE_NAMES = [["1", "张𠮷明", "赵孟𫖯"], ["2", "𬘡", "王𬌗"], ["3", "office fifty", "人民"]]


def test_characters_beyond_the_bmp_and_ligatures_extract(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    body = title("𠮷野名单") + table(["序号", "姓名", "备注"], RARE_NAMES) + paragraph("𡃁 张𠮷明")
    path = write_pdf(new_document(body), tmp_path / "rare.pdf")
    expected = ["𠮷野名单", "张𠮷明", "赵孟𫖯", "𬘡", "王𬌗", "officefifty", "𡃁张𠮷明"]
    extracted = [squeeze(pypdf_pages(path)[0])]
    if PDFTOTEXT is not None:
        extracted.append(squeeze(pdftotext_pages(path)[0]))
    for text in extracted:
        for name in expected:
            assert name in text
        assert "\ufb01" not in text and "\ufb03" not in text


def test_printing_leaves_the_refcount_of_none_alone(fonts: DocumentFonts, tmp_path: Path) -> None:
    import gc
    import sys

    document = new_document(title(TITLE) + table(HEADER, _rows()))
    write_pdf(document, tmp_path / "warm.pdf")
    gc.collect()
    before = sys.getrefcount(None)
    document = new_document(title(TITLE) + table(HEADER, _rows()))
    write_pdf(document, tmp_path / "again.pdf")
    del document
    gc.collect()
    assert sys.getrefcount(None) >= before


@pytest.mark.parametrize("failure", ["format", "value"])
def test_unrepairable_file_is_still_written(
    fonts: DocumentFonts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    import alliance_desk.documents.pdf as pdf_module
    from alliance_desk.documents.pdf_text_fix import PdfTextFixError

    def refuse(data: bytes, printed_text: str | None = None) -> tuple[bytes, object]:
        if failure == "value":  # what a malformed CMap's hex digits raise
            int("not hex", 16)
        raise PdfTextFixError("not today")

    monkeypatch.setattr(pdf_module, "fix_pdf", refuse)
    path = write_pdf(new_document(paragraph("人民")), tmp_path / "raw.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".*.partial"))


def test_unwritable_target_raises_and_leaves_nothing(fonts: DocumentFonts, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_pdf(new_document(paragraph("人民")), tmp_path / "missing" / "x.pdf")
    assert not list(tmp_path.rglob("*.partial"))


@pytest.mark.parametrize(
    "text",
    [
        "人民群众“满意”率 87.5%，共 1,034 页。",  # quotes and digits after Latin: locl glyphs
        "人民用方行高立一" * 40,  # Han only, every width the default (no /W array)
    ],
)
def test_subset_codes_are_exactly_the_drawn_glyphs(
    fonts: DocumentFonts, tmp_path: Path, text: str
) -> None:
    """The repair skips reading the pages when no subset glyph lacks a reading, so the
    subset (read off ``/W`` or the TrueType program) must hold every drawn glyph."""
    from alliance_desk.documents.pdf_file import PdfFile
    from alliance_desk.documents.pdf_text_fix import _text_runs, subset_codes

    path = write_pdf(new_document(title("标题") + paragraph(text)), tmp_path / "subset.pdf")
    pdf = PdfFile(path.read_bytes())
    fonts_with_cmaps = {
        font: pdf.references(pdf.dictionary(font), b"ToUnicode")[0]
        for font in pdf.objects_with(b"/ToUnicode")
    }
    drawn: dict[int, set[int]] = {}
    for cmap_object, codes in _text_runs(pdf, fonts_with_cmaps):
        drawn.setdefault(cmap_object, set()).update(codes)
    for font, cmap_object in fonts_with_cmaps.items():
        codes = subset_codes(pdf, font)
        assert codes is not None
        assert drawn.get(cmap_object, set()) <= codes
        assert codes - drawn.get(cmap_object, set()) <= {0}  # .notdef is always there
