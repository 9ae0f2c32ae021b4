"""Fixtures for the printing tests: a Qt application and PDF inspection helpers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication

from alliance_desk.documents.fonts import DocumentFonts, document_fonts


@pytest.fixture
def fonts(qapp: QApplication) -> DocumentFonts:
    """The chosen document faces (needs the application for the font database)."""
    return document_fonts()
