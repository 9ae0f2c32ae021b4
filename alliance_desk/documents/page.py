"""The one routine that paints a QTextDocument page by page, on any paged device.

Each page is painted by clipping the prepared document (:mod:`pagination`) to the
page's slice of the text block, then the footer ("— N —") is drawn below it. The same
routine serves QPdfWriter (:func:`~alliance_desk.documents.pdf.write_pdf`), QPrinter
and the printer a QPrintPreviewDialog hands to its ``paintRequested`` slot. Documents
whose bulk is long tables paint their own pages (:class:`PagedSource`, see
:mod:`~alliance_desk.documents.long_table`) with the same :class:`PagePainter`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPainter, QTextDocument

from alliance_desk.documents.fonts import document_fonts
from alliance_desk.documents.geometry import LAYOUT_DPI, PORTRAIT, PageSpec
from alliance_desk.documents.ideographs import to_unified
from alliance_desk.documents.pagination import prepare_document

FOOTER_POINT_SIZE = 14.0  # 4号


def page_number_footer(page: int, _pages: int) -> str:
    """GB/T 9704 style page number: ``— 3 —``."""
    return f"— {page} —"


Footer = Callable[[int, int], str]


def _printer(device: QPagedPaintDevice) -> QPagedPaintDevice | None:
    """``device`` if it is a QPrinter, else None.

    QtPrintSupport drags in QtWidgets (0.1 s), which the CLI's PDF path never needs:
    a QPrinter can only exist if its module was already imported by the caller.
    """
    module = sys.modules.get("PySide6.QtPrintSupport")
    if module is not None and isinstance(device, module.QPrinter):
        return device
    return None


def configure_device(device: QPagedPaintDevice, spec: PageSpec) -> None:
    """The spec's paper (A4, or A3) and orientation, painting from the paper's corner (no
    device margins)."""
    printer = _printer(device)
    if printer is not None:
        printer.setFullPage(True)  # type: ignore[attr-defined]
    if not device.setPageLayout(spec.page_layout()):
        device.setPageSize(spec.page_size())
        device.setPageOrientation(spec.page_layout().orientation())


def _origin_on_paper(device: QPagedPaintDevice) -> QPointF:
    """Where the painter's (0, 0) lies on the paper, in device pixels."""
    printer = _printer(device)
    if printer is not None and printer.fullPage():  # type: ignore[attr-defined]
        return QPointF(0, 0)
    paint_rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    return QPointF(
        paint_rect.left() / 72.0 * device.logicalDpiX(),
        paint_rect.top() / 72.0 * device.logicalDpiY(),
    )


SLICE_INSET = 0.5  # layout units (1/2400 inch)
SLICE_BLEED = 24.0  # layout units: let table rules on the block's edges show whole


@dataclass(frozen=True, slots=True)
class PaintResult:
    pages: int
    printed_text: str  # the document text and footers, as painted (look-alikes unified)


@runtime_checkable
class PagedSource(Protocol):
    """A document that paints its own pages (such as a :mod:`long_table` document)."""

    def title(self) -> str: ...

    def toPlainText(self) -> str: ...  # the QTextDocument name: both kinds read alike

    def paint_pages(
        self, device: QPagedPaintDevice, spec: PageSpec, *, footer: Footer | None
    ) -> PaintResult: ...


Printable = QTextDocument | PagedSource
"""What the print paths accept: a QTextDocument or a document that paints its own pages."""


def document_title(source: Printable) -> str:
    if isinstance(source, QTextDocument):
        return source.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    return source.title()


class PagePainter:
    """One QPainter over a paged device, in layout units from the text block's corner.

    ``with PagePainter(device, spec, footer) as pages:`` then ``pages.start(index)`` for
    each page (a new device page after the first), paint, ``pages.finish(index, total)``
    to draw the footer. ``footers`` collects the footer texts as painted.
    """

    def __init__(self, device: QPagedPaintDevice, spec: PageSpec, footer: Footer | None) -> None:
        self.device = device
        self.spec = spec
        self.footer = footer
        self.footers: list[str] = []
        self.painter = QPainter()
        self._font = document_fonts().body_font(FOOTER_POINT_SIZE)
        # Fonts on the painter are sized for the device's resolution, but the painter is
        # scaled to layout units: compensate so the footer keeps its physical size.
        self._font.setPointSizeF(FOOTER_POINT_SIZE * LAYOUT_DPI / device.logicalDpiY())
        self._origin = QPointF(0, 0)

    def __enter__(self) -> PagePainter:
        if not self.painter.begin(self.device):
            raise OSError("无法开始打印：打印机或文件不可用")
        self._origin = _origin_on_paper(self.device)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.painter.end()

    def start(self, index: int) -> QPainter:
        """Begin page ``index`` (from 0); the painter's origin is the text block's corner."""
        if index and not self.device.newPage():
            raise OSError("无法开始新的一页")
        painter = self.painter
        painter.save()
        painter.translate(-self._origin)
        dpi_x, dpi_y = self.device.logicalDpiX(), self.device.logicalDpiY()
        painter.scale(dpi_x / LAYOUT_DPI, dpi_y / LAYOUT_DPI)
        painter.save()
        text = self.spec.text_rect()
        painter.translate(text.left(), text.top())
        return painter

    def finish(self, index: int, pages: int) -> None:
        """End page ``index``: the footer below the text block."""
        painter = self.painter
        painter.restore()
        if self.footer is not None:
            label = to_unified(self.footer(index + 1, pages))
            self.footers.append(label)
            painter.setFont(self._font)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(
                self.spec.footer_rect(),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        painter.restore()


def paint_document(
    document: Printable,
    device: QPagedPaintDevice,
    spec: PageSpec = PORTRAIT,
    *,
    footer: Footer | None = page_number_footer,
    configure: bool = True,
) -> PaintResult:
    """Paint ``document`` onto any paged device (QPdfWriter, QPrinter, a preview's printer).

    A :class:`PagedSource` paints its own pages. For a print preview:
    ``dialog.paintRequested.connect(partial(paint_document, doc, spec=PORTRAIT))``.
    """
    if configure:
        configure_device(device, spec)
    if not isinstance(document, QTextDocument):
        return document.paint_pages(device, spec, footer=footer)
    printable = prepare_document(document, spec)
    pages = max(1, printable.pageCount())
    text = spec.text_rect()
    with PagePainter(device, spec, footer) as painting:
        for index in range(pages):
            painter = painting.start(index)
            painter.translate(0, -index * text.height())
            # Qt paints every line that touches the clip, so a line starting exactly at
            # the next page's top would be painted (clipped, but still in the text
            # layer) on this page too: keep the slice a hair inside the page.
            page_slice = QRectF(
                -SLICE_BLEED,
                index * text.height() + SLICE_INSET,
                text.width() + 2 * SLICE_BLEED,
                text.height() - 2 * SLICE_INSET,
            )
            printable.drawContents(painter, page_slice)
            painting.finish(index, pages)
    return PaintResult(pages, "\n".join([printable.toPlainText(), *painting.footers]))
