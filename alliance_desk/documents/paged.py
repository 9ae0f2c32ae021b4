"""Several long-table documents printed one after another, each from the top of a page.

A :class:`~alliance_desk.documents.long_table.LongTableDocument` has no page breaks;
a pack of them (one 责任书 per unit, one scorecard per unit, one ballot per serial
number) is laid out document by document and painted with page numbers running on.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QPagedPaintDevice

from alliance_desk.documents.geometry import PageSpec
from alliance_desk.documents.long_table import LongTableDocument, _Paginator
from alliance_desk.documents.page import Footer, PagePainter, PaintResult, page_number_footer


class DocumentPack:
    """A :class:`~alliance_desk.documents.page.PagedSource` of several documents."""

    def __init__(self, documents: Sequence[LongTableDocument], *, title: str) -> None:
        if not documents:
            raise ValueError("a pack needs at least one document")
        self.documents = tuple(documents)
        self._title = title

    def title(self) -> str:
        return self._title

    def toPlainText(self) -> str:  # the QTextDocument name
        return "\n".join(document.toPlainText() for document in self.documents)

    def paint_pages(
        self, device: QPagedPaintDevice, spec: PageSpec, *, footer: Footer | None = None
    ) -> PaintResult:
        pages = []
        for document in self.documents:
            laid_out = _Paginator(document, spec).pages()
            if laid_out is None:
                raise ValueError(f"a part of {document.title()!r} does not fit on a page")
            pages.extend(laid_out)
        printed: list[str] = []
        with PagePainter(device, spec, footer or page_number_footer) as painting:
            for index, page in enumerate(pages):
                painter = painting.start(index)
                for item in page:
                    printed.append(item.paint(painter))
                painting.finish(index, len(pages))
        return PaintResult(len(pages), "\n".join([*printed, *painting.footers]))
