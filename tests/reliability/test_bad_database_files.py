"""Every command on a bad database file: one Chinese line, exit 1, the file unchanged.

The files are made here: truncated, garbage header, text named .sqlite, a foreign SQLite
database, an empty SQLite database, zero bytes (for commands that only read), a newer
revision, a folder named like a database, and one locked by another process.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from alliance_desk import cli
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.units import UnitInput, create_unit


def _ours(path: Path) -> None:
    db = open_database(str(path), auto_backup=False)
    for i in range(200):
        create_unit(db, UnitInput(name=f"单位{i:03d}", category=UnitCategory.GOVERNMENT))
    db.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def truncated(path: Path) -> None:
    _ours(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbage_header(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def text_file(path: Path) -> None:
    path.write_text("名称,类别\n民政局,机关\n", encoding="utf-8")


def foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (x TEXT)")
    connection.execute("INSERT INTO notes VALUES ('别人的数据')")
    connection.commit()
    connection.close()


def empty_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 7")  # a header, no tables
    connection.close()


def newer_revision(path: Path) -> None:
    _ours(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


BAD_FILES: dict[str, Callable[[Path], None]] = {
    "truncated": truncated,
    "garbage": garbage_header,
    "text": text_file,
    "foreign": foreign_sqlite,
    "empty-sqlite": empty_sqlite,
    "newer": newer_revision,
}

COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "backup": ["backup", "--to", "{tmp}/copy.sqlite"],
    "demo": ["demo"],
    "demo-replace": ["demo", "--replace"],
    "import": ["import", "units", "{tmp}/units.csv"],
    "export": ["export", "units", "{tmp}/out.xlsx"],
    "print": ["print", "roster", "--pdf", "{tmp}/roster.pdf"],
    "report": ["report", "fulfilment", "--year", "2026", "--xlsx", "{tmp}/r.xlsx"],
    "restore-into": ["restore", "{tmp}/good.sqlite"],
}


def _run(argv: list[str], tmp: Path, db: Path) -> int:
    (tmp / "units.csv").write_text("名称,类别\n新单位,机关\n", encoding="utf-8")
    if not (tmp / "good.sqlite").exists():
        _ours(tmp / "good.sqlite")
    filled = [a.replace("{tmp}", str(tmp)) for a in argv]
    return cli.main([*filled, "--db", str(db)])


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_refused_in_one_line_and_left_unchanged(
    tmp_path: Path, kind: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bad.sqlite"
    BAD_FILES[kind](db)
    before = db.read_bytes()
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(db.name))
    code = _run(COMMANDS[command], tmp_path, db)
    err = capsys.readouterr().err
    if command == "restore-into" and kind in ("truncated", "garbage", "text", "foreign",
                                                "empty-sqlite", "newer"):
        # restoring a good backup over a broken file is the way out: allowed
        assert code == cli.EXIT_OK, err
        return
    assert code == cli.EXIT_FAILED
    assert err.startswith("错误 (error): ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert db.read_bytes() == before  # not a byte changed
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(db.name)) == beside


@pytest.mark.parametrize("command", ["print", "export", "report", "check"])
def test_a_zero_byte_file_gets_no_schema_from_a_reading_command(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "zero.sqlite"
    zero_bytes(db)
    assert _run(COMMANDS[command], tmp_path, db) == cli.EXIT_FAILED
    assert "空的" in capsys.readouterr().err
    assert db.read_bytes() == b""


def test_a_folder_named_like_a_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    for command in ("check", "demo", "print"):
        assert _run(COMMANDS[command], tmp_path, folder) == cli.EXIT_FAILED
        assert "文件夹" in capsys.readouterr().err


LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("PRAGMA locking_mode=EXCLUSIVE")
    connection.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.readline()
    """
)


@pytest.mark.parametrize("command", ["check", "backup", "print", "demo"])
def test_a_file_locked_by_another_process_is_refused_after_a_bounded_wait(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "locked.sqlite"
    _ours(db)
    with subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as locker:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        code = _run(COMMANDS[command], tmp_path, db)
        locker.communicate("\n", timeout=10)
    assert code == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "占用" in err and "Traceback" not in err


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make ``path`` read-only even for root (CI runs as root): the immutable attribute,
    which root's writes also obey; ordinary permissions otherwise."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("as root, only the immutable attribute makes a file read-only; not here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_read_only_folder_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "db.sqlite"
    _ours(db)
    before = db.read_bytes()
    with _read_only(folder):
        assert _run(COMMANDS["demo"], tmp_path, db) == cli.EXIT_FAILED
        assert "只读" in capsys.readouterr().err
        assert db.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["db.sqlite"]


def test_a_read_only_file_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite"
    _ours(db)
    before = db.read_bytes()
    with _read_only(db):
        assert _run(COMMANDS["demo"], tmp_path, db) == cli.EXIT_FAILED
        err = capsys.readouterr().err
        assert "只读" in err and "Traceback" not in err
        assert db.read_bytes() == before
