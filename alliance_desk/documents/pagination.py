"""Prepare a QTextDocument for printing: a paginated copy that prints cleanly.

The copy is laid out on the private layout device at the text block's size; typed
radical look-alikes become unified ideographs; a heading is not left alone at a page
foot; table rows are not cut by a page break; paragraphs running over a page break
are split so that no line is painted twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRegularExpression, QSizeF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextOption,
    QTextTable,
    QTextTableFormat,
)

from alliance_desk.documents.geometry import LAYOUT_DPI, PORTRAIT, PageSpec, layout_device
from alliance_desk.documents.ideographs import has_lookalikes, lookalike_pattern, to_unified


def unify_lookalikes(document: QTextDocument) -> int:
    """Replace radical look-alikes in ``document`` by unified ideographs, keeping formats.

    Returns how many characters were replaced.
    """
    if not has_lookalikes(document.toPlainText()):
        return 0
    expression = QRegularExpression(lookalike_pattern().pattern)
    replaced = 0
    cursor = document.find(expression, 0)
    while not cursor.isNull():
        cursor.insertText(to_unified(cursor.selectedText()), cursor.charFormat())
        replaced += 1
        cursor = document.find(expression, cursor)
    return replaced


def page_of(y: float, page_height: float) -> int:
    """The page (from 0) a layout y position falls on.

    Qt places a line moved to the next page at the page height rounded to 1/64
    unit, which can fall a hair short of it: allow half a unit.
    """
    return int((y + 0.5) // page_height)


def tables(document: QTextDocument) -> list[QTextTable]:
    """Every table in ``document``, nested ones included."""
    found: list[QTextTable] = []
    frames = list(document.rootFrame().childFrames())
    while frames:
        frame = frames.pop(0)
        if isinstance(frame, QTextTable):
            found.append(frame)
        frames.extend(frame.childFrames())
    return found


def row_extent(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    """Top of the row's first lines and bottom of its last lines, in layout units."""
    layout = document.documentLayout()
    tops: list[float] = []
    bottoms: list[float] = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        tops.append(layout.blockBoundingRect(document.findBlock(cell.firstPosition())).top())
        bottoms.append(layout.blockBoundingRect(document.findBlock(cell.lastPosition())).bottom())
    return min(tops), max(bottoms)


def _has_spans(table: QTextTable) -> bool:
    return any(
        table.cellAt(r, c).rowSpan() > 1 or table.cellAt(r, c).columnSpan() > 1
        for r in range(table.rows())
        for c in range(table.columns())
    )


def _add_spacer(document: QTextDocument, table: QTextTable, row: int, height: float) -> QTextCursor:
    """Append an empty fixed-height line to the tallest cell of ``row``; return its cursor."""
    layout = document.documentLayout()
    cells = [table.cellAt(row, column) for column in range(table.columns())]
    tallest = max(
        cells,
        key=lambda cell: layout.blockBoundingRect(document.findBlock(cell.lastPosition())).bottom(),
    )
    cursor = tallest.lastCursorPosition()
    block_format = QTextBlockFormat(cursor.blockFormat())
    block_format.setTopMargin(0)
    block_format.setBottomMargin(0)
    block_format.setLineHeight(height, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    cursor.insertBlock(block_format)
    return cursor


def _remove_spacer(cursor: QTextCursor) -> None:
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    cursor.deletePreviousChar()


def _first_line_top(document: QTextDocument, block: QTextBlock) -> float:
    """Where the block's first line is drawn (a line that did not fit moved down)."""
    top = document.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    return top + lines.lineAt(0).y() if lines.lineCount() else top


def keep_headings_with_next(document: QTextDocument) -> int:
    """Start a heading on the next page when it would end its page alone.

    Qt has no keep-with-next; a heading (h1–h6) whose following block begins on a
    later page gets a page break before it. Returns how many headings moved.
    """
    page_height = document.pageSize().height()
    layout = document.documentLayout()
    moved = 0
    block = document.begin()
    while block.isValid():
        following = block.next()
        if block.blockFormat().headingLevel() > 0 and following.isValid():
            top = layout.blockBoundingRect(block).top()
            page = page_of(top, page_height)
            at_page_top = top - page * page_height < 1.0
            next_page = page_of(_first_line_top(document, following), page_height)
            if next_page > page and not at_page_top:
                block_format = block.blockFormat()
                block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(block_format)
                layout.documentSize()
                moved += 1
        block = following
    return moved


def keep_rows_together(document: QTextDocument) -> int:
    """Move table rows that a page break would cut in two to the next page.

    Qt moves a row only when none of its first lines fits, so a two-line unit name
    gets split. Here an invisible fixed-height line is added to the row above, long
    enough to push the row below the page foot, where Qt moves it whole under the
    repeated header (and stretches the row above, as it does itself). The first body
    row has no row above to stretch: the whole table moves to the next page instead
    (:func:`_keep_header_with_first_row`). Rows taller than most of a page are left to
    split. Returns how many rows were moved.
    """
    page_height = document.pageSize().height()
    if page_height <= 0:
        return 0
    screen = QGuiApplication.primaryScreen()
    css_px = LAYOUT_DPI / (screen.logicalDotsPerInchY() if screen else 96.0)
    moved = 0
    for table in tables(document):
        if _has_spans(table):
            continue
        if _keep_header_with_first_row(document, table, page_height):
            moved += 1
        row = table.format().headerRowCount() + 1
        while row < table.rows():
            top, bottom = row_extent(document, table, row)
            page = page_of(top, page_height)
            if page == page_of(bottom - 1, page_height) or bottom - top >= 0.8 * page_height:
                row += 1
                continue
            if _push_row(document, table, row, page, page_height, css_px):
                moved += 1
            row += 1
    return moved


def _first_row_apart(
    document: QTextDocument, table: QTextTable, first: int, page_height: float
) -> bool:
    """Whether the first body row is cut by a page break or begins on a later page than
    the table (its header left alone at the page foot)."""
    layout = document.documentLayout()
    table_top = layout.frameBoundingRect(table).top()
    top, bottom = row_extent(document, table, first)
    page = page_of(top, page_height)
    return page != page_of(bottom - 1, page_height) or page != page_of(table_top, page_height)


def _keep_header_with_first_row(
    document: QTextDocument, table: QTextTable, page_height: float
) -> bool:
    """Start ``table`` on the next page when its first body row would be cut or parted
    from the header; False (and the table left as it was) when that would not help.

    Qt honours a page break before a table frame, so the header moves with the row; a
    heading just above the table moves with it (the break goes before the heading).
    """
    first = table.format().headerRowCount()
    if first >= table.rows():
        return False
    top, bottom = row_extent(document, table, first)
    if bottom - top >= 0.8 * page_height or not _first_row_apart(
        document, table, first, page_height
    ):
        return False
    layout = document.documentLayout()
    heading = table.cellAt(0, 0).firstCursorPosition().block().previous()
    if heading.isValid() and heading.blockFormat().headingLevel() > 0:
        start = layout.blockBoundingRect(heading).top()
        break_before: _BreakBefore = _BreakBefore.block(heading)
    else:
        start = layout.frameBoundingRect(table).top()
        break_before = _BreakBefore.table(table)
    if start - page_of(start, page_height) * page_height < 1.0:
        return False  # already at a page top: moving it gains nothing
    break_before.apply()
    _relayout(document)
    if not _first_row_apart(document, table, first, page_height):
        return True
    break_before.undo()
    _relayout(document)
    return False


class _BreakBefore:
    """A page break set before a heading block or a table, and taken back if useless."""

    def __init__(self, set_break: Callable[[bool], None]) -> None:
        self._set = set_break

    @classmethod
    def block(cls, block: QTextBlock) -> _BreakBefore:
        original = block.blockFormat()

        def set_break(on: bool) -> None:
            block_format = QTextBlockFormat(original)
            if on:
                block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(block_format)

        return cls(set_break)

    @classmethod
    def table(cls, table: QTextTable) -> _BreakBefore:
        original = table.format()

        def set_break(on: bool) -> None:
            table_format = QTextTableFormat(original)
            if on:
                table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            table.setFormat(table_format)

        return cls(set_break)

    def apply(self) -> None:
        self._set(True)

    def undo(self) -> None:
        self._set(False)


def _push_row(
    document: QTextDocument,
    table: QTextTable,
    row: int,
    page: int,
    page_height: float,
    css_px: float,
) -> bool:
    """Try spacer heights until ``row`` starts on the next page and ``row - 1`` stays put."""
    layout = document.documentLayout()
    previous_top, previous_bottom = row_extent(document, table, row - 1)
    top, _bottom = row_extent(document, table, row)
    if page_of(previous_top, page_height) != page:
        return False
    gap = max(top - previous_bottom, 1.0)
    page_end = (page + 1) * page_height
    height = page_end - previous_bottom - 2 * gap
    for _attempt in range(4):
        if height <= 0:
            return False
        spacer = _add_spacer(document, table, row - 1, height / css_px)
        layout.documentSize()  # lay out again now
        new_top, _ = row_extent(document, table, row)
        _, new_previous_bottom = row_extent(document, table, row - 1)
        previous_stays = page_of(new_previous_bottom - 1, page_height) == page
        if previous_stays and page_of(new_top, page_height) > page:
            return True
        _remove_spacer(spacer)
        height += gap / 2 if previous_stays else -gap
    layout.documentSize()
    return False


def _page_break_positions(document: QTextDocument) -> list[int]:
    """Document positions where a paragraph's line begins a new page."""
    page_height = document.pageSize().height()
    layout = document.documentLayout()
    positions: list[int] = []
    block = document.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        lines = block.layout()
        if lines.lineCount() > 1 and page_of(rect.top(), page_height) != page_of(
            rect.bottom() - 1, page_height
        ):
            previous_page = None
            for index in range(lines.lineCount()):
                line = lines.lineAt(index)
                page = page_of(rect.top() + line.y(), page_height)
                if previous_page is not None and page != previous_page:
                    positions.append(block.position() + line.textStart())
                previous_page = page
        block = block.next()
    return positions


def split_paragraphs_at_page_breaks(document: QTextDocument) -> int:
    """Cut paragraphs that run over a page break into one block per page.

    ``QTextLayout::draw`` also draws the last line *above* its clip rectangle, so a
    paragraph running over a page break leaves its last line of page N, clipped out
    of sight but still in the PDF's text layer, at the top of page N + 1: the
    archive would hold that line twice. A paragraph whose part on each page is its
    own block is drawn exactly once. The cut falls at a line start and the new
    block has no indent or top margin, so the lines do not move. Returns cuts made.
    """
    positions = _page_break_positions(document)
    cursor = QTextCursor(document)
    for position in reversed(positions):
        cursor.setPosition(position)
        head = QTextBlockFormat(cursor.blockFormat())
        tail = QTextBlockFormat(head)
        tail.setTopMargin(0)
        tail.setTextIndent(0)
        head.setBottomMargin(0)
        cursor.setBlockFormat(head)
        cursor.insertBlock(tail, cursor.charFormat())
    return len(positions)


class _PrintCopy(QTextDocument):
    """A copy of a document; images and other resources are fetched from the original."""

    def __init__(self, source: QTextDocument) -> None:
        super().__init__()
        self._source = source

    def loadResource(self, kind: int, name: QUrl) -> Any:
        return self._source.resource(kind, name)


def copy_document(document: QTextDocument) -> QTextDocument:
    """A Python-owned copy of ``document`` (content, formats, fonts, options, title).

    Not ``QTextDocument.clone()``: PySide 6.12 deletes a clone together with its
    original, and handing it to Python with ``setParent(None)`` corrupts the
    reference count of ``None`` (the interpreter aborts at exit).
    """
    copy = _PrintCopy(document)
    copy.setDefaultFont(document.defaultFont())
    copy.setDefaultTextOption(document.defaultTextOption())
    copy.setDefaultStyleSheet(document.defaultStyleSheet())
    copy.setIndentWidth(document.indentWidth())
    copy.setUseDesignMetrics(document.useDesignMetrics())
    copy.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle,
        document.metaInformation(QTextDocument.MetaInformation.DocumentTitle),
    )
    copy.rootFrame().setFrameFormat(document.rootFrame().frameFormat())
    if not document.isEmpty():
        QTextCursor(copy).insertFragment(QTextDocumentFragment(document))
    return copy


def prepare_document(document: QTextDocument, spec: PageSpec = PORTRAIT) -> QTextDocument:
    """A paginated copy of ``document`` for printing; the original is left untouched."""
    printable = copy_document(document)
    # Edit before the first layout: Qt's incremental re-layout after an edit inside a
    # paginated table can stop early and drop the blocks that follow.
    unify_lookalikes(printable)
    printable.setUseDesignMetrics(True)
    printable.documentLayout().setPaintDevice(layout_device())
    option = QTextOption(document.defaultTextOption())
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    printable.setDefaultTextOption(option)
    printable.setDocumentMargin(0)
    text = spec.text_rect()
    printable.setPageSize(QSizeF(text.width(), text.height()))
    # Each step measures a layout the step before may have changed; Qt's incremental
    # re-layout after edits inside paginated tables is not to be trusted (see above),
    # so lay out from scratch after any step that edited.
    for step in (keep_headings_with_next, keep_rows_together, split_paragraphs_at_page_breaks):
        if step(printable):
            _relayout(printable)
    return printable


def _relayout(document: QTextDocument) -> None:
    document.markContentsDirty(0, document.characterCount())
    document.documentLayout().documentSize()
