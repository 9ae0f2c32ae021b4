"""Printable documents: built as QTextDocument (QtGui only), painted to PDF or a printer.

Build a document from escaped markup and write it::

    from alliance_desk.documents import new_document, write_pdf
    from alliance_desk.documents.richtext import table, title

    doc = new_document(title("第3次联席会议签到表") + table(["序号", "单位"], rows))
    write_pdf(doc, path)                      # A4, GB/T 9704 margins, "— N —" footers

For a print preview, connect ``paint_document`` (same layout as the PDF)::

    dialog.paintRequested.connect(functools.partial(paint_document, doc))

Modules: :mod:`richtext` (escaping HTML builder), :mod:`compose` (styles, new
documents), :mod:`fonts` (faces, missing-font warning), :mod:`geometry` (A4, text
block), :mod:`pagination` (print copy: rows kept whole, headings kept with text),
:mod:`page` (painting), :mod:`pdf` (``write_pdf``), :mod:`pdf_text_fix` and
:mod:`pdf_file` (repair of the PDF text layer, standard library only),
:mod:`ideographs` (radical look-alikes table).

Names are imported lazily so that ``pdf_text_fix`` can be used without Qt.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "write_pdf": "alliance_desk.documents.pdf",
    "new_document": "alliance_desk.documents.compose",
    "paint_document": "alliance_desk.documents.page",
    "document_fonts": "alliance_desk.documents.fonts",
    "font_warning": "alliance_desk.documents.fonts",
    "PORTRAIT": "alliance_desk.documents.geometry",
    "LANDSCAPE": "alliance_desk.documents.geometry",
    "fix_pdf": "alliance_desk.documents.pdf_text_fix",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)
