"""``write_pdf``: the one way the app writes a PDF.

Paints with Qt (QPdfWriter, A4, :data:`~alliance_desk.documents.page.LAYOUT_DPI`), then
repairs the text layer so that the PDF extracts to exactly what was printed (see
:mod:`alliance_desk.documents.pdf_text_fix`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter, QTextDocument

from alliance_desk.documents.geometry import LAYOUT_DPI, PageSpec, preferred_spec
from alliance_desk.documents.page import (
    PagedSource,
    Printable,
    configure_device,
    document_title,
    paint_document,
)
from alliance_desk.documents.pdf_text_fix import fix_pdf

log = logging.getLogger(__name__)

CREATOR = "党建联盟工作台"

PaintFunction = Callable[[QPagedPaintDevice], object]
"""Paints every page on a configured A4 device (opens and ends its own QPainter)."""


def write_pdf(
    source: Printable | PaintFunction,
    path: str | os.PathLike[str],
    *,
    landscape: bool = False,
    spec: PageSpec | None = None,
    printed_text: str | None = None,
) -> Path:
    """Write ``source`` to ``path`` as an A4 PDF whose text extracts as printed.

    ``source`` is a QTextDocument or a document that paints its own pages (such as a
    :class:`~alliance_desk.documents.long_table.LongTableDocument`), both painted with
    :func:`paint_document` (GB/T 9704 margins, "— N —" footers), or a paint function
    for custom layouts; for the latter, pass ``printed_text`` so look-alike
    punctuation can be resolved and glyphs Qt left
    without a reading recovered (radicals are repaired either way; a glyph with no
    certain reading extracts as U+FFFD). The file appears complete or not at all.
    """
    target = Path(path)
    spec = spec or preferred_spec(source, landscape)
    partial_file = target.with_name(f".{target.name}.partial")
    writer: QPdfWriter | None = QPdfWriter(str(partial_file))
    try:
        writer.setResolution(LAYOUT_DPI)
        writer.setCreator(CREATOR)
        configure_device(writer, spec)
        if isinstance(source, QTextDocument | PagedSource):
            title = document_title(source)
            if title:
                writer.setTitle(title)
            printed_text = paint_document(source, writer, spec, configure=False).printed_text
        else:
            source(writer)
        writer = None  # destroying the writer closes the file (Windows cannot rename it open)
        data = partial_file.read_bytes()
        try:
            fixed, report = fix_pdf(data, printed_text)
        except Exception:  # any failure of the repair (a malformed CMap: ValueError …)
            # The print matters more than the text layer: keep Qt's own PDF.
            log.warning("could not repair the text layer of %s; kept Qt's output", target,
                        exc_info=True)
        else:
            if fixed is not data:
                partial_file.write_bytes(fixed)
            log.debug("PDF text layer: %s", report)
            if report.unknown:
                log.warning(
                    "%s: %d glyph(s) have no certain reading and extract as U+FFFD",
                    target,
                    report.unknown,
                )
        partial_file.replace(target)
    finally:
        writer = None
        partial_file.unlink(missing_ok=True)
    return target
