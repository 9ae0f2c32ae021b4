"""Page geometry: A4, the GB/T 9704 text block, and the resolution documents are laid out at.

Documents are laid out at a fixed resolution (:data:`LAYOUT_DPI`) on a private paint
device, whatever they are painted on, so the PDF, the print preview and the printer
break pages at the same places. One layout unit is one pixel at that resolution.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize

LAYOUT_DPI = 1200
MM_PER_INCH = 25.4


def mm_to_layout(mm: float) -> float:
    """Millimetres → layout units (pixels at :data:`LAYOUT_DPI`)."""
    return mm / MM_PER_INCH * LAYOUT_DPI


def pt_to_layout(pt: float) -> float:
    return pt / 72.0 * LAYOUT_DPI


@dataclass(frozen=True, slots=True)
class PageSpec:
    """An A4 page and its text block, in millimetres from the paper's top-left corner."""

    landscape: bool
    top_mm: float
    left_mm: float
    text_width_mm: float
    text_height_mm: float
    footer_gap_mm: float = 7.0  # from the text block's foot to the page number's top
    footer_height_mm: float = 8.0
    paper: str = "A4"
    """"A4" or "A3" (wall lists are also posted on A3)."""

    @property
    def paper_mm(self) -> tuple[float, float]:
        short, long = (297.0, 420.0) if self.paper == "A3" else (210.0, 297.0)
        return (long, short) if self.landscape else (short, long)

    def page_size(self) -> QPageSize:
        ids = QPageSize.PageSizeId
        return QPageSize(ids.A3 if self.paper == "A3" else ids.A4)

    def text_rect(self) -> QRectF:
        """The text block in layout units."""
        return QRectF(
            mm_to_layout(self.left_mm),
            mm_to_layout(self.top_mm),
            mm_to_layout(self.text_width_mm),
            mm_to_layout(self.text_height_mm),
        )

    def footer_rect(self) -> QRectF:
        """Where the page number is centred, in layout units."""
        text = self.text_rect()
        top = text.bottom() + mm_to_layout(self.footer_gap_mm)
        return QRectF(text.left(), top, text.width(), mm_to_layout(self.footer_height_mm))

    def page_layout(self) -> QPageLayout:
        orientations = QPageLayout.Orientation
        orientation = orientations.Landscape if self.landscape else orientations.Portrait
        return QPageLayout(
            self.page_size(),
            orientation,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )


# GB/T 9704: top 37 mm, left 28 mm, text block 156 × 225 mm.
PORTRAIT = PageSpec(
    landscape=False, top_mm=37.0, left_mm=28.0, text_width_mm=156.0, text_height_mm=225.0
)
# Landscape (rotas, wide lists): 37 mm binding margin on the left; block 225 × 150 mm.
LANDSCAPE = PageSpec(
    landscape=True, top_mm=28.0, left_mm=37.0, text_width_mm=225.0, text_height_mm=150.0
)

# Registers on landscape A4 (not official documents): narrow margins, block 257 × 172 mm,
# so a street's 165-unit register fits on 8 pages.
REGISTER_LANDSCAPE_SPEC = PageSpec(
    landscape=True,
    top_mm=15.0,
    left_mm=20.0,
    text_width_mm=257.0,
    text_height_mm=172.0,
    footer_gap_mm=5.0,
)

# A3 landscape (四项清单公示表 on the wall): the same margins as landscape A4.
A3_LANDSCAPE = PageSpec(
    landscape=True,
    top_mm=28.0,
    left_mm=37.0,
    text_width_mm=355.0,
    text_height_mm=237.0,
    paper="A3",
)


def preferred_spec(document: object, landscape: bool) -> PageSpec:
    """The page a document asks for (its ``page_spec``) in that orientation, else the
    standard one: every path that prints a document lays it out the same way."""
    wanted = getattr(document, "page_spec", None)
    if isinstance(wanted, PageSpec) and wanted.landscape == landscape:
        return wanted
    return page_spec(landscape)


def page_spec(landscape: bool = False) -> PageSpec:
    return LANDSCAPE if landscape else PORTRAIT


@cache
def layout_device() -> QImage:
    """The private device documents are laid out on (kept alive for the process)."""
    image = QImage(1, 1, QImage.Format.Format_Mono)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image
