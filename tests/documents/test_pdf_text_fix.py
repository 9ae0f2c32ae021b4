"""The ToUnicode rewriter, on hand-made CMaps and hand-made PDFs (no Qt)."""

from __future__ import annotations

import io
import re
import zlib

import pypdf
import pytest
from pdf_probe import cmap_destinations

from alliance_desk.documents.pdf_file import PdfFile
from alliance_desk.documents.pdf_text_fix import (
    PdfTextFixError,
    fix_cmap,
    fix_pdf,
    parse_cmap,
    replacements_for,
)

CMAP = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<0003> <2F08>
<0004> <0041>
endbfchar
5 beginbfrange
<0000> <0000> <0000>
<0001> <0002> [<2EA0> <2F64>]
<0005> <0005> <0009>
<0006> <0008> <2F00>
<0009> <000A> <2E87>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def test_fix_cmap_rewrites_every_form() -> None:
    fixed = fix_cmap(CMAP).decode("latin-1")
    # bfchar, array ranges, single ranges, tab → space
    assert "<0003> <4EBA>" in fixed
    assert "[<6C11> <7528>]" in fixed
    assert "<0005> <0005> <0020>" in fixed
    # an incrementing range with a radical becomes an explicit array: 2F00..2F02
    assert "<0006> <0008> [<4E00> <4E28> <4E36>]" in fixed
    # a range whose ideograph is outside the BMP: a surrogate pair
    assert "<D841DE28>" in fixed
    assert "<0004> <0041>" in fixed
    # block counts and structure unchanged
    assert "2 beginbfchar" in fixed and "5 beginbfrange" in fixed
    destinations = cmap_destinations(fixed)
    assert not [d for d in destinations if re.search("[\u2e80-\u2fdf]", d)]
    assert "\U00020628" in destinations


def test_fix_cmap_leaves_clean_cmap_alone() -> None:
    clean = CMAP.replace("2F08", "4EBA").replace("<2EA0> <2F64>", "<6C11> <7528>")
    clean = (
        clean.replace("<0009>", "<0020>").replace("<2F00>", "<4E00>").replace("<2E87>", "<4E00>")
    )
    assert fix_cmap(clean) == clean.encode("latin-1")


def test_twins_are_resolved_only_from_printed_text() -> None:
    wave = "1 beginbfchar\n<0001> <301C>\nendbfchar\n"
    assert "<301C>" in fix_cmap(wave, replacements_for(None)).decode()
    assert "<FF5E>" in fix_cmap(wave, replacements_for("9:00～11:00")).decode()
    # both printed: the glyph is shared, nothing can be told apart — leave it
    assert "<301C>" in fix_cmap(wave, replacements_for("〜～")).decode()
    space = "1 beginbfchar\n<0002> <2003>\nendbfchar\n"
    assert "<3000>" in fix_cmap(space, replacements_for("张\u3000三")).decode()
    # Qt may name the higher twin too: an em dash between Han characters is drawn
    # (locl, Chinese locale) with the glyph of U+2015 HORIZONTAL BAR
    # —— is drawn as one glyph, the two-em dash ⸺ (typed as such: left alone)
    dash = "1 beginbfchar\n<0004> <2E3A>\nendbfchar\n"
    assert "<20142014>" in fix_cmap(dash, replacements_for("第1季度——第2季度")).decode()
    assert "<2E3A>" in fix_cmap(dash, replacements_for("——⸺")).decode()
    bar = "1 beginbfchar\n<0003> <2015>\nendbfchar\n"
    assert "<2014>" in fix_cmap(bar, replacements_for("1月1日—3月31日")).decode()
    assert "<2015>" in fix_cmap(bar, replacements_for("1月1日—3月31日 ―")).decode()


def _pdf(objects: list[bytes]) -> bytes:
    """A classic-xref PDF from object bodies numbered 1..n."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _sample_pdf(compressed: bool) -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td <00010002000300040005> Tj ET"
    return _font_pdf(CMAP.encode("latin-1"), content, compressed)


def _font_pdf(cmap: bytes, content: bytes, compressed: bool = True) -> bytes:
    """One page drawing ``content`` with one Type0 font whose ToUnicode is ``cmap``."""
    stream = zlib.compress(cmap) if compressed else cmap
    filter_entry = b"/Filter /FlateDecode " if compressed else b""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H"
            b" /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor 9 0 R /DW 1000 >>",
            b"<< /Length 8 0 R %s>>\nstream\n%s\nendstream" % (filter_entry, stream),
            b"%d" % len(stream),
            b"<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontBBox [0 0 1000 1000]"
            b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ]
    )


def _check_xref(data: bytes) -> None:
    start = int(re.search(rb"startxref\s+(\d+)", data).group(1))  # type: ignore[union-attr]
    assert data[start : start + 4] == b"xref"
    entries = re.findall(rb"(\d{10}) (\d{5}) n", data[start:])
    for number, (offset, _gen) in enumerate(entries, start=1):
        assert data[int(offset) :].startswith(b"%d 0 obj" % number), number


@pytest.mark.parametrize("compressed", [True, False])
def test_fix_pdf_rewrites_and_keeps_file_valid(compressed: bool) -> None:
    data = _sample_pdf(compressed)
    _check_xref(data)
    fixed, report = fix_pdf(data)
    assert report.cmaps_seen == 1 and report.cmaps_changed == 1
    assert report.replaced["⼈"] == "人"
    _check_xref(fixed)
    reader = pypdf.PdfReader(__import__("io").BytesIO(fixed), strict=True)
    cmap = reader.pages[0]["/Resources"]["/Font"]["/F1"]["/ToUnicode"].get_data().decode()
    assert "<4EBA>" in cmap and "2F08" not in cmap
    assert reader.pages[0].extract_text().startswith("民用人A")


def test_fix_pdf_returns_clean_file_unchanged() -> None:
    data = _sample_pdf(True)
    once, _ = fix_pdf(data)
    twice, report = fix_pdf(once)
    assert twice is once
    assert report.cmaps_seen == 1 and report.cmaps_changed == 0


def test_fix_pdf_refuses_what_it_does_not_understand() -> None:
    with pytest.raises(PdfTextFixError):
        fix_pdf(b"%PDF-1.5\n1 0 obj\n<< /Type /XRef >>\nendobj\nstartxref\n9\n%%EOF\n")
    data = _sample_pdf(True)
    broken = data.replace(b"xref\n0 10", b"xref\n0 1x")
    with pytest.raises(PdfTextFixError):
        fix_pdf(broken)


# Qt's CMap for a font whose quote glyph (code 0x32) came from a feature substitution
# (locl under a Chinese locale): no code point maps to it, so the ranges skip it.
QT_CMAP = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfrange
<0000> <0000> <0000>
<0001> <0031> [%s]
<0034> <0038> [<0071> <0075> <006F> <0074> <0065>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""
# Codes 0x01.. read as these characters; 0x32 and 0x33 have no reading, 0x34.. "quote".
KNOWN = "abcit's" + "x" * (0x31 - 7)


def _drawn(runs: list[str]) -> bytes:
    """A PDF drawing each run (glyph codes as hex) in its own BT … ET, as Qt does."""
    cmap = QT_CMAP % " ".join(f"<{ord(c):04X}>" for c in KNOWN)
    content = b"\n".join(
        b"BT /F1 12 Tf 1 0 0 -1 0 0 Tm 72 %d Td %s ET"
        % (720 - 20 * i, b" ".join(b"<%s> Tj" % code.encode() for code in run.split()))
        for i, run in enumerate(runs)
    )
    return _font_pdf(cmap.encode("latin-1"), content)


def _text(data: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(data), strict=True).pages[0].extract_text()


def _readings(data: bytes) -> dict[int, str]:
    """The ToUnicode map of the font, as code → text."""
    pdf = PdfFile(data)
    (number,) = pdf.references(pdf.dictionary(5), b"ToUnicode")
    stream = pdf.stream(number)
    assert stream is not None
    return parse_cmap(stream.decoded)


def test_glyph_without_a_reading_is_recovered_from_the_printed_text() -> None:
    # "it's" drawn with the apostrophe glyph 0x32, which Qt left out of the CMap.
    data = _drawn(["0004 0005 0032 0007"])
    assert 0x32 not in _readings(data)
    assert "it2s" in _text(data)  # what pypdf made of Qt's file: the code read as U+0032
    fixed, report = fix_pdf(data, printed_text="it's 1")
    assert _readings(fixed)[0x32] == "'"
    assert report.recovered == {"'": 1} and report.unknown == 0
    assert "it's" in _text(fixed)


def test_glyph_without_a_certain_reading_reads_as_replacement_character() -> None:
    data = _drawn(["0004 0005 0032 0007"])
    # nothing printed to compare with, or two ways to read it: never the raw code
    for printed in (None, "it's it’s", "nothing like it"):
        fixed, report = fix_pdf(data, printed_text=printed)
        assert _readings(fixed)[0x32] == "\ufffd", printed
        assert report.unknown == 1 and not report.recovered
        assert "it\ufffds" in _text(fixed)


def test_a_recurring_glyph_reads_as_one_character() -> None:
    # '"quotes"' in one run: both 0x32 glyphs are the same character, so '"quotes"'
    # pins it down although 'quotes" was printed too (with another first glyph).
    data = _drawn(["0032 0034 0035 0036 0037 0038 0007 0032"])
    fixed, _report = fix_pdf(data, printed_text='\'quotes" "quotes"')
    assert _readings(fixed)[0x32] == '"'
    fixed, _report = fix_pdf(data, printed_text="'quotes\" \"quotes'")
    assert _readings(fixed)[0x32] == "\ufffd"


def test_a_glyph_is_never_read_by_elimination() -> None:
    # 0x32 can only be '"'; 0x33 could be '"' or '2'. A font may draw '"' with two
    # glyphs (its cmap glyph and a substituted one), so 0x33 is not "the other one".
    data = _drawn(["0001 0032 0002", "0033", "0003"])
    fixed, report = fix_pdf(data, printed_text='a"b"c a"b2c')
    readings = _readings(fixed)
    assert readings[0x32] == '"'
    assert readings[0x33] == "\ufffd"
    assert report.recovered == {'"': 1} and report.unknown == 1


def test_a_glyph_may_stand_for_several_characters() -> None:
    # Noto CJK under a Chinese locale draws —— between Han characters as one glyph
    # that no code point maps to: it reads as both dashes, unless "—" fits there too.
    data = _drawn(["0001 0032 0002"])
    fixed, report = fix_pdf(data, printed_text="a——b")
    assert _readings(fixed)[0x32] == "——"
    assert report.recovered == {"——": 1}
    assert "a——b" in _text(fixed)
    fixed, report = fix_pdf(data, printed_text="a——b a—b")
    assert _readings(fixed)[0x32] == "\ufffd"
