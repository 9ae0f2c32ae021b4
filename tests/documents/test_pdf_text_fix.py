"""The ToUnicode rewriter, on hand-made CMaps and hand-made PDFs (no Qt)."""

from __future__ import annotations

import re
import zlib

import pypdf
import pytest
from pdf_probe import cmap_destinations

from alliance_desk.documents.pdf_text_fix import (
    PdfTextFixError,
    fix_cmap,
    fix_pdf,
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
    cmap = CMAP.encode("latin-1")
    stream = zlib.compress(cmap) if compressed else cmap
    filter_entry = b"/Filter /FlateDecode " if compressed else b""
    content = b"BT /F1 12 Tf 72 720 Td <00010002000300040005> Tj ET"
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
