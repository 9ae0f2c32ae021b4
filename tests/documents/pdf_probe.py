"""Read back what a PDF says: text per page (pypdf, pdftotext) and word boxes."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pypdf

from alliance_desk.documents.geometry import PageSpec

PDFTOTEXT = shutil.which("pdftotext")
MM = 72.0 / 25.4

# Radical / stroke look-alike blocks: none of these may come out of our PDFs.
LOOKALIKE = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")


def pypdf_pages(path: Path) -> list[str]:
    reader = pypdf.PdfReader(path, strict=True)
    return [page.extract_text() for page in reader.pages]


def pdftotext_pages(path: Path) -> list[str]:
    assert PDFTOTEXT is not None
    out = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split("\f")[:-1]


def squeeze(text: str) -> str:
    """Text without any whitespace (line wrapping differs between extractors)."""
    return "".join(text.split())


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdftotext_words(path: Path) -> list[Word]:
    """Every word box, in points from the page's top-left corner."""
    assert PDFTOTEXT is not None
    out = subprocess.run(
        [PDFTOTEXT, "-bbox", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = []
    for page, chunk in enumerate(out.split("<page ")[1:]):
        for m in _WORD.finditer(chunk):
            x0, y0, x1, y1 = (float(v) for v in m.group(1, 2, 3, 4))
            words.append(Word(page, x0, y0, x1, y1, unescape(m.group(5))))
    return words


def pypdf_text_origins(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, x, y-from-top, text) for every text run pypdf sees, in points."""
    reader = pypdf.PdfReader(path)
    found: list[tuple[int, float, float, str]] = []
    for index, page in enumerate(reader.pages):
        height = float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
            if not text.strip():
                return
            # Position = text matrix origin mapped through the current transformation.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((index, x, height - y, text))  # noqa: B023

        page.extract_text(visitor_text=visit)
    return found


def tounicode_destinations(path: Path) -> list[str]:
    """Every destination string in every ToUnicode CMap of the file."""
    reader = pypdf.PdfReader(path)
    seen: list[str] = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            if "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            seen.extend(cmap_destinations(cmap))
    return seen


_HEX = r"<([0-9A-Fa-f\s]*)>"
_BFCHAR = re.compile(_HEX + r"\s*" + _HEX)
_BFRANGE = re.compile(_HEX + r"\s*" + _HEX + r"\s*(" + _HEX + r"|\[[^\]]*\])")


def _utf16(hex_digits: str) -> str:
    return bytes.fromhex("".join(hex_digits.split())).decode("utf-16-be", errors="surrogatepass")


def cmap_destinations(cmap: str) -> list[str]:
    """Destination strings of a ToUnicode CMap (bfchar and bfrange, both forms)."""
    found: list[str] = []
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        found += [_utf16(m.group(2)) for m in _BFCHAR.finditer(block)]
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for m in _BFRANGE.finditer(block):
            low, high = int(m.group(1), 16), int(m.group(2), 16)
            if m.group(3).startswith("["):
                found += [_utf16(h) for h in re.findall(_HEX, m.group(3))]
            else:
                first = _utf16(m.group(4))
                found += [first[:-1] + chr(ord(first[-1]) + i) for i in range(high - low + 1)]
    return found


def assert_inside_text_block(path: Path, spec: PageSpec) -> None:
    """Every text origin and word box lies in the text block (or is the page number)."""
    left, top = spec.left_mm * MM, spec.top_mm * MM
    right, bottom = left + spec.text_width_mm * MM, top + spec.text_height_mm * MM
    origins = pypdf_text_origins(path)
    assert origins
    for _page, x, y, text in origins:
        if y > bottom and squeeze(text).strip("—0123456789") == "":
            continue  # the footer
        assert left - 1 <= x <= right, (x, text)
        assert top - 1 <= y <= bottom + 1, (y, text)
    if PDFTOTEXT is not None:
        for word in pdftotext_words(path):
            if word.y_min > bottom and word.text.strip("—0123456789") == "":
                continue
            assert left - 1.5 <= word.x_min and word.x_max <= right + 1.5, word
            assert top - 1.5 <= word.y_min and word.y_max <= bottom + 1.5, word
