"""Choosing the CJK faces; the warning when none exists; no QtWidgets in documents/."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from alliance_desk.documents import fonts as fonts_module
from alliance_desk.documents.fonts import DocumentFonts


def test_faces_exist_and_draw_chinese(fonts: DocumentFonts) -> None:
    assert fonts.has_cjk
    for family in (fonts.title, fonts.body, fonts.heading):
        assert QFontDatabase.hasFamily(family)
        assert fonts_module.draws_chinese(family)
    assert fonts_module.font_warning() is None


def test_linux_picks_noto(fonts: DocumentFonts) -> None:
    if not QFontDatabase.hasFamily("Noto Serif CJK SC"):
        pytest.skip("Noto CJK is not installed")
    if any(fonts_module.draws_chinese(f) for f in ("仿宋", "FangSong", "SimSun", "SimHei")):
        pytest.skip("Windows faces are installed here")
    assert fonts.body == "Noto Serif CJK SC"
    assert fonts.title == "Noto Serif CJK SC"
    assert fonts.heading == "Noto Sans CJK SC"


def test_fonts_have_the_official_sizes(fonts: DocumentFonts) -> None:
    assert fonts.title_font().pointSizeF() == 22
    assert fonts.body_font().pointSizeF() == 16
    assert fonts.body_font(12).pointSizeF() == 12
    assert QFontInfo(fonts.body_font()).family() == fonts.body


def test_warning_when_no_face_draws_chinese(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "draws_chinese", lambda family: False)
    monkeypatch.setattr(fonts_module, "_any_chinese_family", lambda: None)
    fonts_module.document_fonts.cache_clear()
    try:
        chosen = fonts_module.document_fonts()
        assert not chosen.has_cjk
        warning = fonts_module.font_warning()
        assert warning is not None and "中文" in warning
    finally:
        fonts_module.document_fonts.cache_clear()


def test_documents_never_import_qtwidgets() -> None:
    code = (
        "import sys\n"
        "import alliance_desk.documents.pdf, alliance_desk.documents.compose\n"
        "import alliance_desk.documents.page, alliance_desk.documents.fonts\n"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'QtWidgets imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_text_fix_needs_no_qt() -> None:
    code = (
        "import sys\n"
        "import alliance_desk.documents.pdf_text_fix\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
