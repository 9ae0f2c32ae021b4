"""``run_gui`` end to end, in this process (the QApplication is pytest-qt's)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from sqlalchemy import text
from ui_helpers import ModalCloser

from alliance_desk.config import SettingsKey
from alliance_desk.services.bootstrap import open_database
from alliance_desk.ui import app as gui
from alliance_desk.ui import fonts
from alliance_desk.ui.app import EXIT_AFTER_SHOW_ENV, EXIT_REFUSED, run_gui
from alliance_desk.ui.application import configure_application
from alliance_desk.ui.instance_lock import InstanceLock, lock_path

pytestmark = pytest.mark.usefixtures("guard_event_loop")


@pytest.fixture
def exit_after_show(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EXIT_AFTER_SHOW_ENV, "1")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.usefixtures("exit_after_show")
def test_run_gui_shows_the_window_then_opens_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.sqlite"
    hook = sys.excepthook
    assert run_gui(str(path)) == 0
    out = capsys.readouterr().out
    assert "window shown after" in out
    assert "database ready after" in out
    assert out.index("window shown") < out.index("database ready")
    assert path.exists()  # created at the current schema
    assert not lock_path(path).exists()  # released at exit
    assert QSettings().value(SettingsKey.LAST_PAGE) == "home"
    assert sys.excepthook is hook


@pytest.mark.usefixtures("exit_after_show")
def test_demo_mode_fills_an_empty_database(tmp_path: Path) -> None:
    pytest.importorskip("alliance_desk.services.demo.generator")
    path = tmp_path / "demo.sqlite"
    assert run_gui(str(path), demo=True) == 0
    database = open_database(str(path), auto_backup=False)
    try:
        with database.reading() as session:
            assert session.scalar(text("SELECT COUNT(*) FROM alliance")) == 24
    finally:
        database.dispose()


def test_a_database_from_a_newer_version_is_refused_untouched(
    tmp_path: Path, modal_closer: ModalCloser
) -> None:
    path = tmp_path / "future.sqlite"
    database = open_database(str(path), auto_backup=False)
    with database.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.dispose()
    before = _digest(path)
    assert run_gui(str(path)) == EXIT_REFUSED
    assert any("更新版本" in message for message in modal_closer.texts)
    assert _digest(path) == before


def test_an_unreadable_file_is_refused(tmp_path: Path, modal_closer: ModalCloser) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    assert run_gui(str(path)) == EXIT_REFUSED
    assert any("无法打开数据库" in m or "数据库" in m for m in modal_closer.texts)


def test_a_second_copy_on_the_same_file_is_refused(
    tmp_path: Path, modal_closer: ModalCloser
) -> None:
    path = tmp_path / "shared.sqlite"
    with InstanceLock(path):
        assert run_gui(str(path)) == EXIT_REFUSED
    (message,) = modal_closer.texts
    assert str(path) in message
    assert "另一个党建联盟工作台" in message
    assert not path.exists()  # never opened


@pytest.mark.usefixtures("exit_after_show")
def test_missing_chinese_font_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "choose_ui_family", lambda *args: None)
    assert run_gui(str(tmp_path / "a.sqlite")) == 0
    assert QSettings().value(SettingsKey.FONT_WARNING_SHOWN, type=bool) is True
    assert fonts.warn_missing_font_once(None) is None  # never again


def test_warning_box_says_it_in_english_too(qapp: object) -> None:
    box = fonts.warn_missing_font_once(None)
    assert box is not None
    assert "Noto Sans CJK SC" in box.text()
    assert "No font that can display Chinese" in box.text()
    box.done(0)


def test_qt_dialogs_speak_chinese_and_a_cjk_font_is_chosen() -> None:
    app, font_ok = configure_application()
    assert font_ok
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "确定"
    assert fonts.draws_chinese(app.font().family())
    assert fonts.choose_ui_family(("没有这种字体",)) is not None  # any CJK face will do


def test_start_up_imports_nothing_heavy() -> None:
    """The window must not wait for SQLAlchemy, Alembic, openpyxl or matplotlib."""
    import subprocess

    code = (
        "import sys; import alliance_desk.ui.app; "
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'openpyxl', 'matplotlib') "
        "if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
    assert gui.EXIT_OK == 0


FIRST_PAINT_PROBE = """
import sys
import PySide6.QtCore
from PySide6.QtWidgets import QApplication, QLabel
from alliance_desk import cli, config
from alliance_desk.ui import app as gui

LATER = ("alliance_desk.ui.plain_text", "alliance_desk.ui.tasks", "alliance_desk.ui.demo_fill",
         "alliance_desk.ui.backup", "logging.handlers", "sqlalchemy")

def on_first_paint(self):
    print("at first paint:", "Qt" in PySide6.QtCore.__dict__,
          [name for name in LATER if name in sys.modules],
          (config.logs_dir() / "alliance-desk.log").exists(), flush=True)
    first_paint(self)

def ready(self):
    from PySide6.QtCore import Qt
    from alliance_desk.ui.plain_text import PlainLabels
    labels = self.window.findChildren(QLabel)
    log = (config.logs_dir() / "alliance-desk.log").read_text(encoding="utf-8")
    print("when ready:", QApplication.instance().findChild(PlainLabels) is not None,
          self.window.quit_action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut,
          bool(labels) and all(l.textFormat() == Qt.TextFormat.PlainText for l in labels),
          "UI font:" in log, flush=True)
    finish(self)

first_paint, finish = gui.Startup._on_first_paint, gui.Startup._ready
gui.Startup._on_first_paint, gui.Startup._ready = on_first_paint, ready
sys.exit(cli.main(["--db", sys.argv[1]]))
"""


def test_the_first_paint_waits_only_for_what_it_shows(tmp_path: Path) -> None:
    """Resolving ``Qt`` builds ~140 enums, the plain-label filter sees every event in
    Python, the log file needs ``logging.handlers``: the first window waits for none of
    them, and all are in place right after it (the font line logged before is kept)."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               ALLIANCE_DESK_DATA_DIR=str(tmp_path / "data"))
    env[EXIT_AFTER_SHOW_ENV] = "1"
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(tmp_path / "desk.sqlite")],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(("at", "when"))]
    assert lines == ["at first paint: False [] False", "when ready: True True True True"], (
        result.stdout)
