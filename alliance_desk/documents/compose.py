"""Build a QTextDocument in the official-document style from :mod:`richtext` markup."""

from __future__ import annotations

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
)

from alliance_desk.documents.fonts import XIAOBIAOSONG_FAMILIES, DocumentFonts, document_fonts
from alliance_desk.documents.geometry import PORTRAIT, layout_device
from alliance_desk.documents.pagination import tables
from alliance_desk.documents.richtext import Markup

BODY_POINT_SIZE = 16.0  # 3号
DENSE_POINT_SIZE = 12.0  # 小4号, for long tables
TITLE_POINT_SIZE = 22.0  # 2号
LINES_PER_PAGE = 22  # GB/T 9704 at 3号; smaller sizes keep the same pitch ratio


def _css_family(*families: str) -> str:
    names = dict.fromkeys(f for f in families if f)
    return ", ".join("'" + name.replace("'", "").replace("\\", "") + "'" for name in names)


def line_pitch_pt(body_pt: float) -> float:
    """GB/T 9704 line pitch: 22 lines in the 225 mm block at 3号, scaled for other sizes."""
    return PORTRAIT.text_height_mm / 25.4 * 72.0 / LINES_PER_PAGE * body_pt / BODY_POINT_SIZE


def line_pitch_percent(fonts: DocumentFonts, body_pt: float) -> float:
    """:func:`line_pitch_pt` as a percentage of the body face's natural line height."""
    metrics = QFontMetricsF(fonts.body_font(body_pt), layout_device())
    natural_pt = metrics.height() * 72.0 / layout_device().logicalDpiY()
    return max(100.0, 100.0 * line_pitch_pt(body_pt) / natural_pt)


def style_sheet(fonts: DocumentFonts, body_pt: float = BODY_POINT_SIZE) -> str:
    """The default CSS (Qt's rich-text subset) for documents."""
    title = _css_family(fonts.title, *fonts.fallbacks)
    heading = _css_family(fonts.heading, *fonts.fallbacks)
    body = _css_family(fonts.body, *fonts.fallbacks)
    title_weight = "normal" if fonts.title in XIAOBIAOSONG_FAMILIES else "bold"
    pitch = line_pitch_percent(fonts, body_pt)
    # Qt's CSS lengths in px are 1/96 inch, scaled to the device by the layout.
    indent_px = 2 * body_pt / 72.0 * 96.0
    line_px = line_pitch_pt(body_pt) / 72.0 * 96.0
    return f"""
h1 {{ font-family: {title}; font-size: {TITLE_POINT_SIZE:g}pt; font-weight: {title_weight};
      text-align: center; margin-top: 0px; margin-bottom: {line_px:.1f}px; }}
h2 {{ font-family: {heading}; font-size: {body_pt:g}pt; font-weight: normal;
      margin-top: 0px; margin-bottom: 0px; line-height: {pitch:.0f}%; }}
h3 {{ font-family: {body}; font-size: {body_pt:g}pt; font-weight: bold;
      margin-top: 0px; margin-bottom: 0px; line-height: {pitch:.0f}%; }}
p {{ margin-top: 0px; margin-bottom: 0px; line-height: {pitch:.0f}%; white-space: pre-wrap; }}
p.indent {{ text-indent: {indent_px:.1f}px; }}
p.right {{ text-align: right; }}
p.center {{ text-align: center; }}
table {{ margin-top: 4px; margin-bottom: 4px; }}
th {{ font-family: {heading}; font-weight: normal; white-space: pre-wrap; }}
td {{ white-space: pre-wrap; }}
"""


TABLE_RULE_PX = 0.25


def rule_tables(document: QTextDocument) -> None:
    """Thin solid black rules for every table, and room above it.

    Qt's collapsed borders leave each page's part of a table open at the page foot;
    separate borders close it, but draw two rules a border's width apart. A quarter
    CSS pixel each (0.07 mm) prints as one thin rule. Qt drops the bottom margin of
    the block before a table, so the table takes it over as its top margin.
    """
    for table in tables(document):
        table_format = table.format()
        table_format.setBorderCollapse(False)
        table_format.setBorder(TABLE_RULE_PX)
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table_format.setBorderBrush(QBrush(QColor("black")))
        table_format.setCellSpacing(0)
        before = table.cellAt(0, 0).firstCursorPosition().block().previous()
        if before.isValid():
            margin = before.blockFormat().bottomMargin()
            table_format.setTopMargin(max(table_format.topMargin(), margin))
        table.setFormat(table_format)


def drop_size_adjustments(document: QTextDocument) -> int:
    """Let the style sheet's point sizes win over Qt's relative heading sizes.

    Qt's HTML import gives ``h1``/``h2`` a relative size (FontSizeAdjustment) that the
    layout applies to the *default* font, on top of the style sheet's ``font-size``: a
    22 pt title would print at twice the body size (32 pt over 3号 text). Where a text
    run has a point size, the relative size is dropped. Returns how many runs changed.
    """
    adjustment = QTextFormat.Property.FontSizeAdjustment
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    changed = 0
    block = document.begin()
    while block.isValid():
        for text_range in block.textFormats():
            run = QTextCharFormat(text_range.format)
            if run.hasProperty(adjustment) and run.hasProperty(QTextFormat.Property.FontPointSize):
                run.clearProperty(adjustment)
                cursor.setPosition(block.position() + text_range.start)
                cursor.setPosition(
                    block.position() + text_range.start + text_range.length,
                    QTextCursor.MoveMode.KeepAnchor,
                )
                cursor.setCharFormat(run)
                changed += 1
        block = block.next()
    cursor.endEditBlock()
    return changed


def end_without_leading(document: QTextDocument) -> None:
    """No line-pitch leading after the last line (for a document ending in a short line).

    The proportional line height adds its leading *below* each line, and the page count
    includes it: a last line ending near the page foot would add an empty last page.
    """
    last = document.lastBlock()
    block_format = QTextBlockFormat(last.blockFormat())
    block_format.setLineHeight(100.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block_format.setBottomMargin(0)
    QTextCursor(last).setBlockFormat(block_format)


def new_document(
    body: Markup,
    *,
    body_pt: float = BODY_POINT_SIZE,
    document_title: str | None = None,
) -> QTextDocument:
    """A document holding ``body`` (built with :mod:`richtext`), in the body face at ``body_pt``.

    Use ``body_pt=DENSE_POINT_SIZE`` (or 10.5 for 5号) for documents that are mostly tables.
    """
    if not isinstance(body, Markup):
        raise TypeError("body must be Markup built with alliance_desk.documents.richtext")
    fonts = document_fonts()
    document = QTextDocument()
    document.setUseDesignMetrics(True)
    document.documentLayout().setPaintDevice(layout_device())
    document.setDefaultFont(fonts.body_font(body_pt))
    document.setDefaultStyleSheet(style_sheet(fonts, body_pt))
    document.setHtml(str(body))
    drop_size_adjustments(document)
    rule_tables(document)
    if document_title:
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document_title)
    return document
