"""Fixtures for the printing tests: a Qt application and PDF inspection helpers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from alliance_desk.documents.fonts import DocumentFonts, document_fonts


@pytest.fixture
def fonts(qapp: QApplication) -> DocumentFonts:
    """The chosen document faces (needs the application for the font database)."""
    return document_fonts()


@pytest.fixture
def running_app(qapp: QApplication, fonts: DocumentFonts) -> Iterator[DocumentFonts]:
    """Print as the running app does: Chinese default locale and the CJK UI font.

    ``alliance_desk.ui.application.configure_application`` sets both before a clerk
    can print. Qt hands the default locale's language to the shaper, and Noto CJK then
    substitutes glyphs (``locl``) for ASCII quotes and apostrophes that no code point
    maps to — glyphs Qt's ToUnicode map leaves out. Both are restored afterwards.
    """
    from alliance_desk.ui import fonts as ui_fonts

    locale, app_font = QLocale(), QFont(qapp.font())
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ui_fonts.apply_ui_font(qapp, ui_fonts.choose_ui_family())
    try:
        yield fonts
    finally:
        QLocale.setDefault(locale)
        qapp.setFont(app_font)
