"""The QApplication: names, Qt's own Chinese translation, locale and the UI font."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from alliance_desk import config
from alliance_desk.ui import fonts

log = logging.getLogger("alliance_desk.ui")

QT_TRANSLATIONS = ("qtbase_zh_CN",)


def ensure_application() -> QApplication:
    """The running QApplication (tests share one), named for QSettings."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(config.ORG_NAME)
    app.setApplicationName(config.APP_NAME)
    return app


def install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own strings (OK/Cancel, file and print dialogs) in Chinese; returns what loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in QT_TRANSLATIONS:
        if app.findChild(QTranslator, name) is not None:
            continue  # already installed (tests call this more than once)
        translator = QTranslator(app)
        translator.setObjectName(name)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, directory)
    extra = _own_translation(app)
    if extra is not None:
        installed.append(extra)
    return installed


EXTRA_TRANSLATION = "qt_extra_zh_CN"
_RESOURCE_DIRS = (
    Path(__file__).resolve().parents[1] / "resources",  # bundled beside the package
    Path(__file__).resolve().parents[2] / "resources",  # the source tree
)


def _own_translation(app: QApplication) -> QTranslator | None:
    """What qtbase_zh_CN leaves in English (the file dialog's "Look in:" and "Files of
    type:"), from resources/translations; installed last, so it is asked first."""
    if app.findChild(QTranslator, EXTRA_TRANSLATION) is not None:
        return None
    for folder in _RESOURCE_DIRS:
        translator = QTranslator(app)
        translator.setObjectName(EXTRA_TRANSLATION)
        if translator.load(EXTRA_TRANSLATION, str(folder / "translations")):
            app.installTranslator(translator)
            return translator
        translator.deleteLater()
    log.warning("translation %s not found", EXTRA_TRANSLATION)
    return None


def configure_application(*, plain_labels: bool = True) -> tuple[QApplication, bool]:
    """Create/configure the app; the flag is False when no font draws Chinese.

    ``plain_labels=False`` leaves :func:`install_plain_labels` to the caller (the app
    installs it once its window has painted: see ``plain_text``).
    """
    app = ensure_application()
    install_qt_translations(app)
    if plain_labels:
        from alliance_desk.ui.plain_text import install_plain_labels

        install_plain_labels(app)
    family = fonts.choose_ui_family()
    fonts.apply_ui_font(app, family)
    return app, family is not None
