"""Documents whose bulk is long tables, printed in time linear in their rows.

A QTextDocument holding one table of 15,000 rows takes seconds to build and to lay
out, and keeping its rows whole across page breaks re-lays it out once per page. A
:class:`LongTableDocument` is instead a list of parts — short rich-text parts
(:mod:`richtext` markup: title, headings, notes) and :class:`LongTable` s of plain-text
cells (or :class:`ParagraphCell` s: a few paragraphs with hanging indents) — painted page
by page:

* each text part and each table's header row is a small prepared QTextDocument, laid
  out once and painted wherever it falls (so they look exactly as before);
* each body cell is a ``QTextLayout`` in the body face (one per paragraph), laid out once
  per distinct text and column (counts and rates repeat), in the cell box measured from a
  Qt template of the same table, and its rules are drawn as Qt draws separate borders.

Rows never split; the header row repeats at the top of every page a table continues
on; a text part just before a table stays with the table's header and first row. A
part or row taller than a page (never in the app's documents) falls back to painting
:meth:`LongTableDocument.to_text_document` the ordinary way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextLayout,
    QTextOption,
)

from alliance_desk.documents.compose import new_document
from alliance_desk.documents.fonts import document_fonts
from alliance_desk.documents.geometry import LAYOUT_DPI, PageSpec, layout_device, pt_to_layout
from alliance_desk.documents.ideographs import to_unified
from alliance_desk.documents.page import (
    SLICE_BLEED,
    SLICE_INSET,
    Footer,
    PagePainter,
    PaintResult,
    page_number_footer,
    paint_document,
)
from alliance_desk.documents.pagination import prepare_document, tables
from alliance_desk.documents.richtext import Markup, element, table

__all__ = [
    "Cell",
    "LongTable",
    "LongTableDocument",
    "Paragraph",
    "ParagraphCell",
    "Part",
    "center_header_cells",
]

_ALIGNMENT = {
    None: Qt.AlignmentFlag.AlignLeft,
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}
_SAMPLE_CELL = "一"


def center_header_cells(document: QTextDocument) -> QTextDocument:
    """Centre header cells vertically, so one-line headers sit beside two-line ones.

    Body cells stay top-aligned: the print copy may stretch the row above a page break
    (:func:`~alliance_desk.documents.pagination.keep_rows_together`), and centred text
    would slide down into that space.
    """
    edit = QTextCursor(document)
    edit.beginEditBlock()  # one re-layout at the end, not one per cell
    for found in tables(document):
        for row in range(found.format().headerRowCount()):
            for column in range(found.columns()):
                cell = found.cellAt(row, column)
                cell_format = cell.format().toTableCellFormat()
                cell_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
                cell.setFormat(cell_format)
    edit.endEditBlock()
    return document


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a :class:`ParagraphCell`; its lines after the first are shifted
    right by ``hanging_pt`` (a hanging indent: ``10月　`` standing out before a name).

    A typed line break starts a new paragraph with the same indent, as in Qt.
    """

    text: str
    hanging_pt: float = 0.0

    def indent(self) -> int:
        """The hanging indent in whole layout units (Qt keeps block indents in those)."""
        return round(pt_to_layout(self.hanging_pt))

    def markup(self) -> Markup:
        # Qt scales vertical margins from CSS px but keeps left margins and indents in
        # layout units, so the indent is given in those; single-spaced, as a plain cell.
        indent = self.indent()
        if not indent:
            return element("p", self.text, style="line-height: 100%")
        style = f"margin-left: {indent}px; text-indent: -{indent}px; line-height: 100%"
        return element("p", self.text, style=style)


@dataclass(frozen=True, slots=True)
class ParagraphCell:
    """A body cell of several paragraphs (``<p>`` blocks in the cell of a Qt table)."""

    paragraphs: tuple[Paragraph, ...]

    def text(self) -> str:
        """The text as a QTextDocument gives it: a paragraph a line."""
        return "\n".join(paragraph.text for paragraph in self.paragraphs)

    def markup(self) -> Markup:
        return Markup("").join(paragraph.markup() for paragraph in self.paragraphs)


Cell = str | ParagraphCell
"""A body cell: plain text (line breaks kept) or paragraphs with hanging indents."""


def _cell_text(cell: Cell) -> str:
    return cell.text() if isinstance(cell, ParagraphCell) else cell


@dataclass(frozen=True, slots=True)
class LongTable:
    """A ruled table of plain-text or paragraph cells, its header on every page.

    ``widths`` are percentages per column, ``align`` ``"center"``/``"right"``/None per
    column, as for :func:`~alliance_desk.documents.richtext.table`.
    """

    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float]
    align: Sequence[str | None]
    padding: int = 4

    def __post_init__(self) -> None:
        columns = len(self.header)
        if len(self.widths) != columns or len(self.align) != columns:
            raise ValueError("widths and align must give one value per column")
        for row in self.rows:
            if len(row) != columns:
                raise ValueError(f"row has {len(row)} cells, the header {columns}")

    def markup(self) -> Markup:
        rows = [
            [cell.markup() if isinstance(cell, ParagraphCell) else cell for cell in row]
            for row in self.rows
        ]
        return table(
            self.header, rows, widths=self.widths, align=self.align, padding=self.padding
        )


Part = Markup | LongTable


class LongTableDocument:
    """Text parts and long tables, painted page by page (see the module notes).

    Accepted wherever a QTextDocument is printed (:func:`~alliance_desk.documents.pdf.
    write_pdf`, :func:`~alliance_desk.documents.page.paint_document`, the print preview).
    """

    def __init__(
        self,
        parts: Sequence[Part],
        *,
        body_pt: float,
        title: str = "",
        page_spec: PageSpec | None = None,
    ) -> None:
        self.parts: tuple[Part, ...] = tuple(parts)
        self.body_pt = body_pt
        self._title = title
        self.page_spec = page_spec
        """The page it is laid out for in its orientation (None: the standard one)."""

    def title(self) -> str:
        return self._title

    def toPlainText(self) -> str:  # the name QTextDocument gives it
        """The text as a QTextDocument of the same content gives it (a cell a line)."""
        lines: list[str] = []
        for part in self.parts:
            if isinstance(part, LongTable):
                lines += part.header
                lines += [_cell_text(cell) for row in part.rows for cell in row]
            else:
                lines.append(QTextDocumentFragment.fromHtml(str(part)).toPlainText())
        return "\n".join(lines)

    def to_text_document(self) -> QTextDocument:
        """The same content as one QTextDocument (slow for thousands of rows)."""
        body = Markup("").join(
            part.markup() if isinstance(part, LongTable) else part for part in self.parts
        )
        document = new_document(body, body_pt=self.body_pt, document_title=self._title or None)
        return center_header_cells(document)

    def paint_pages(
        self,
        device: QPagedPaintDevice,
        spec: PageSpec,
        *,
        footer: Footer | None = page_number_footer,
    ) -> PaintResult:
        """Paint every page on a configured device (see :func:`page.paint_document`)."""
        pages = _Paginator(self, spec).pages()
        if pages is None:
            return paint_document(
                self.to_text_document(), device, spec, footer=footer, configure=False
            )
        printed: list[str] = []
        with PagePainter(device, spec, footer) as painting:
            for index, page in enumerate(pages):
                painter = painting.start(index)
                for item in page:
                    printed.append(item.paint(painter))
                painting.finish(index, len(pages))
        return PaintResult(len(pages), "\n".join([*printed, *painting.footers]))


# --- measured pieces ---------------------------------------------------------------------


def _paint_clipped(painter: QPainter, document: QTextDocument, y: float, height: float) -> None:
    """Paint the top ``height`` of ``document`` with its top at ``y``."""
    painter.save()
    painter.translate(0, y)
    width = document.pageSize().width()
    document.drawContents(
        painter, QRectF(-SLICE_BLEED, 0, width + 2 * SLICE_BLEED, height - SLICE_INSET)
    )
    painter.restore()


@dataclass(slots=True)
class _Text:
    """A text part: a prepared document painted whole.

    ``top_margin`` is its first block's top margin in layout units: Qt leaves it out at
    the top of a document but keeps it below a table (even across a page break), scaled
    from CSS px by the layout device's resolution over the screen's (as
    :func:`pagination.keep_rows_together`).
    """

    document: QTextDocument
    height: float
    top_margin: float

    @classmethod
    def build(cls, markup: Markup, body_pt: float, spec: PageSpec) -> _Text:
        document = prepare_document(new_document(markup, body_pt=body_pt), spec)
        screen = QGuiApplication.primaryScreen()
        css_px = LAYOUT_DPI / (screen.logicalDotsPerInchY() if screen else 96.0)
        margin = document.begin().blockFormat().topMargin() * css_px
        return cls(document, document.documentLayout().documentSize().height(), margin)


@dataclass(frozen=True, slots=True)
class _Cell:
    """A laid-out cell: a layout per paragraph, each positioned inside the cell."""

    layouts: tuple[QTextLayout, ...]
    height: float

    def draw(self, painter: QPainter, origin: QPointF) -> None:
        for layout in self.layouts:
            layout.draw(painter, origin)


class _Grid:
    """A table's geometry, measured from a Qt template of its header and one sample row.

    The template is the table as :func:`richtext.table` builds it, prepared for print;
    its header row is painted from it on every page. Lengths are layout units.
    """

    def __init__(self, spec_table: LongTable, body_pt: float, spec: PageSpec) -> None:
        self.table = spec_table
        sample = [[_SAMPLE_CELL] * len(spec_table.header)]
        markup = table(
            spec_table.header,
            sample,
            widths=spec_table.widths,
            align=spec_table.align,
            padding=spec_table.padding,
        )
        template = center_header_cells(new_document(markup, body_pt=body_pt))
        self.template = prepare_document(template, spec)
        layout = self.template.documentLayout()
        (found,) = tables(self.template)

        def block_rect(row: int, column: int, last: bool = False) -> QRectF:
            cell = found.cellAt(row, column)
            position = cell.lastPosition() if last else cell.firstPosition()
            return layout.blockBoundingRect(self.template.findBlock(position))

        columns = range(found.columns())
        head = [block_rect(0, c) for c in columns]
        head_bottom = max(block_rect(0, c, last=True).bottom() for c in columns)
        body = [block_rect(1, c) for c in columns]
        body_top = body[0].top()
        self.inset = (body_top - head_bottom) / 2  # cell border + padding
        self.rule = body[0].left() - self.inset  # the table's own border
        self.header_bottom = body_top - self.inset  # where the first body row begins
        self.top_margin = min(rect.top() for rect in head) - self.inset - self.rule
        self.columns = [(rect.left(), rect.width()) for rect in body]
        last_left, last_width = self.columns[-1]
        self.width = last_left + last_width + self.inset + self.rule
        font = QFont(document_fonts().body_font(body_pt), layout_device())
        self._options = [self._option(_ALIGNMENT[a]) for a in spec_table.align]
        self._font = font
        self._cache: dict[tuple[int, Cell], _Cell] = {}

    @staticmethod
    def _option(alignment: Qt.AlignmentFlag) -> QTextOption:
        option = QTextOption(alignment)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setUseDesignMetrics(True)
        return option

    def cell(self, column: int, content: Cell) -> _Cell:
        """The laid-out cell (cached: counts and rates repeat down a column)."""
        key = (column, content)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._lay_out(column, content)
        return found

    def _lay_out(self, column: int, content: Cell) -> _Cell:
        if isinstance(content, str):
            layout, height = self._paragraph(column, content, 0, 0.0)
            return _Cell((layout,), height)
        layouts: list[QTextLayout] = []
        y = 0.0  # the paragraphs' margins are 0: each starts where the last one ended
        for paragraph in content.paragraphs:
            for text in paragraph.text.split("\n"):  # Qt: a typed line break starts a block
                layout, y = self._paragraph(column, text, paragraph.indent(), y)
                layouts.append(layout)
        return _Cell(tuple(layouts), y)

    def _paragraph(
        self, column: int, text: str, indent: int, top: float
    ) -> tuple[QTextLayout, float]:
        """A paragraph laid out from ``top``, and where it ends.

        Its lines after the first stand ``indent`` to the right, narrower by as much (as
        Qt lays out a block with a hanging indent).
        """
        # Typed line breaks are kept (white-space: pre-wrap): Qt's line separator.
        layout = QTextLayout(to_unified(text).replace("\n", "\u2028"), self._font, layout_device())
        layout.setTextOption(self._options[column])
        layout.setCacheEnabled(True)
        layout.setPosition(QPointF(0, top))
        width = self.columns[column][1]
        y, left = 0.0, 0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width - left)
            line.setPosition(QPointF(left, y))
            # As QTextDocumentLayout steps single-spaced lines: whole units.
            y += math.ceil(line.ascent() + line.descent() + line.leading())
            left = indent
        layout.endLayout()
        return layout, top + y

    def row(self, cells: Sequence[Cell]) -> tuple[list[_Cell], float]:
        """The row's cells and its height from rule to rule."""
        laid = [self.cell(c, text) for c, text in enumerate(cells)]
        return laid, max((cell.height for cell in laid), default=0.0) + 2 * self.inset

    def paint_header(self, painter: QPainter, y: float) -> str:
        """The header row (and the rule above it) with the table's top margin at ``y``."""
        _paint_clipped(painter, self.template, y, self.header_bottom)
        return to_unified("\n".join(self.table.header))

    def paint_rows(
        self, painter: QPainter, top: float, rows: Sequence[tuple[list[_Cell], float]]
    ) -> None:
        """Body rows from ``top`` (a row's upper edge), the table closed below the last.

        Qt's separate borders: each cell draws its own rule inside its box, the table
        one around them; the rules of neighbouring boxes touch, so each line of rules is
        filled as one rectangle (the same ink, a few calls a page instead of four a cell).
        """
        rule, inset = self.rule, self.inset
        y = top
        edges = [top]
        for cells, height in rows:
            for (left, _width), cell in zip(self.columns, cells, strict=True):
                cell.draw(painter, QPointF(left, y + inset))
            y += height
            edges.append(y)
        black = Qt.GlobalColor.black
        for index, edge in enumerate(edges):  # a row's lower rule, the next row's upper one
            upper = edge - rule if index else edge
            painter.fillRect(QRectF(0, upper, self.width, edge + rule - upper), black)
        bottom = y + rule
        boundaries = [left - inset for left, _width in self.columns[1:]]
        painter.fillRect(QRectF(0, top, 2 * rule, bottom - top), black)
        for x in boundaries:
            painter.fillRect(QRectF(x - rule, top, 2 * rule, bottom - top), black)
        painter.fillRect(QRectF(self.width - 2 * rule, top, 2 * rule, bottom - top), black)


# --- pages ------------------------------------------------------------------------------


@dataclass(slots=True)
class _TextItem:
    text: _Text
    y: float

    def paint(self, painter: QPainter) -> str:
        _paint_clipped(painter, self.text.document, self.y, self.text.height)
        return self.text.document.toPlainText()


@dataclass(slots=True)
class _TableItem:
    """A table's part on one page: its header, then rows ``first`` to ``first + len(rows)``."""

    grid: _Grid
    y: float
    first: int
    rows: list[tuple[list[_Cell], float]] = field(default_factory=list)

    def paint(self, painter: QPainter) -> str:
        header = self.grid.paint_header(painter, self.y)
        self.grid.paint_rows(painter, self.y + self.grid.header_bottom, self.rows)
        body = self.grid.table.rows[self.first : self.first + len(self.rows)]
        texts = ("\n".join(_cell_text(cell) for cell in cells) for cells in body)
        return "\n".join([header, *(to_unified(text) for text in texts)])


_Item = _TextItem | _TableItem


class _Paginator:
    """Places the parts on pages; None from :meth:`pages` when something cannot fit."""

    def __init__(self, document: LongTableDocument, spec: PageSpec) -> None:
        self.document = document
        self.spec = spec
        self.page_height = spec.text_rect().height()
        self.done: list[list[_Item]] = []
        self.page: list[_Item] = []
        self.y = 0.0

    def _new_page(self) -> None:
        self.done.append(self.page)
        self.page, self.y = [], 0.0

    def _fits(self, height: float) -> bool:
        return self.y + height <= self.page_height + 0.5

    def pages(self) -> list[list[_Item]] | None:
        parts = self.document.parts
        body_pt = self.document.body_pt
        built: list[_Text | _Grid] = [
            _Grid(part, body_pt, self.spec)
            if isinstance(part, LongTable)
            else _Text.build(part, body_pt, self.spec)
            for part in parts
        ]
        for index, piece in enumerate(built):
            previous = built[index - 1] if index else None
            following = built[index + 1] if index + 1 < len(built) else None
            if isinstance(piece, _Text):
                if not self._place_text(piece, previous, following):
                    return None
            elif not self._place_table(piece):
                return None
        self.done.append(self.page)
        return self.done

    def _opening(self, grid: _Grid) -> float:
        """Height of a table's header and first row (or its closing rule without rows)."""
        rows = grid.table.rows
        first = grid.row(rows[0])[1] if rows else 0.0
        return grid.header_bottom + first + grid.rule

    def _place_text(
        self, text: _Text, previous: _Text | _Grid | None, following: _Text | _Grid | None
    ) -> bool:
        gap = text.top_margin if isinstance(previous, _Grid) else 0.0
        needed = gap + text.height
        if isinstance(following, _Grid):  # keep a heading with the table it introduces
            needed += self._opening(following)
        if not self._fits(needed) and self.page:
            self._new_page()
        self.y += gap  # kept at the top of a page too, as Qt keeps it
        if not self._fits(text.height):
            return False
        self.page.append(_TextItem(text, self.y))
        self.y += text.height
        return True

    def _place_table(self, grid: _Grid) -> bool:
        if not self._fits(self._opening(grid)) and self.page:
            self._new_page()
        item = _TableItem(grid, self.y, first=0)
        self.page.append(item)
        self.y += grid.header_bottom + grid.rule
        for number, cells in enumerate(grid.table.rows):
            row = grid.row(cells)
            if not self._fits(row[1]):
                if not item.rows:
                    return False  # a row taller than a page
                self._new_page()
                item = _TableItem(grid, 0.0, first=number)
                self.page.append(item)
                self.y = grid.header_bottom + grid.rule
                if not self._fits(row[1]):
                    return False
            item.rows.append(row)
            self.y += row[1]
        self.y += grid.top_margin  # the table's bottom margin, as its top one
        return True
