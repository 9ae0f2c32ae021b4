"""The command line's start of the window: no subcommand parsers, the log file held back."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from alliance_desk import cli, logging_setup


@pytest.fixture
def fresh_logging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``alliance_desk``'s logger without handlers, logging into ``tmp_path``."""
    monkeypatch.setenv("ALLIANCE_DESK_DATA_DIR", str(tmp_path))
    root = logging.getLogger("alliance_desk")
    saved = root.handlers[:], root.level
    root.handlers.clear()
    yield tmp_path / "logs" / logging_setup.LOG_FILE_NAME
    for handler in root.handlers:
        handler.close()
    root.handlers[:], root.level = saved


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--db", "a.sqlite"], ["--db=postgresql+psycopg://u@h/d", "--verbose"],
    ["--verbose", "--db", "a b.sqlite", "--demo"],
])
def test_the_windows_own_options_open_the_window(argv: list[str]) -> None:
    assert cli.opens_the_window(argv)
    fast = cli._top_level_parser().parse_args(argv)
    full = cli.build_parser().parse_args(argv)
    assert (fast.db, fast.demo, fast.verbose) == (full.db, full.demo, full.verbose)
    assert getattr(full, "handler", None) is None


@pytest.mark.parametrize("argv", [
    ["demo"], ["check", "--db", "a.sqlite"], ["--db", "a.sqlite", "check"], ["--help"], ["-h"],
    ["--version"], ["--db"], ["--db", "--demo"], ["--db="], ["--de"], ["--no-such-option"],
])
def test_anything_else_gets_the_full_parser(argv: list[str]) -> None:
    assert not cli.opens_the_window(argv)


def test_a_mistake_is_still_refused_with_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--no-such-option"])
    assert exit_info.value.code == 2
    assert "COMMAND" in capsys.readouterr().err  # the full parser's usage line


def test_the_window_imports_no_subcommand(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import alliance_desk.ui.app as gui\n"
        "gui.run_gui = lambda db, demo=False: print(db, demo) or 0\n"
        "from alliance_desk import cli\n"
        f"code = cli.main(['--db', r'{tmp_path / 'a.sqlite'}', '--demo'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('alliance_desk.commands.')))\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, ALLIANCE_DESK_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=env)
    assert result.stdout.splitlines() == [f"{tmp_path / 'a.sqlite'} True", "[]"]


def test_records_held_for_the_window_reach_the_file_even_if_it_never_paints(
    fresh_logging: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import alliance_desk.ui.app as gui

    def refused(_db: str | None, *, demo: bool = False) -> int:
        logging.getLogger("alliance_desk.ui").warning("database in use: x")
        assert not fresh_logging.exists()  # held, not yet written
        return gui.EXIT_REFUSED

    monkeypatch.setattr(gui, "run_gui", refused)
    assert cli.main(["--db", str(fresh_logging.parent / "a.sqlite")]) == gui.EXIT_REFUSED
    assert "WARNING alliance_desk.ui: database in use: x" in fresh_logging.read_text("utf-8")
    logging.getLogger("alliance_desk").info("later")
    assert "INFO alliance_desk: later" in fresh_logging.read_text("utf-8")  # written at once


def test_a_command_logs_to_the_file_at_once(fresh_logging: Path) -> None:
    logging_setup.configure_logging()
    logging.getLogger("alliance_desk").info("now")
    assert "now" in fresh_logging.read_text("utf-8")
    logging_setup.configure_logging()  # a second call adds no second handler
    assert len(logging.getLogger("alliance_desk").handlers) == 1
