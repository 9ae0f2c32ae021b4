"""Backups rotate per database; paths with # and ?; restore takes the database exclusively."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from alliance_desk import cli, config
from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.storage import backup


def _make(path: Path, *names: str) -> None:
    db = open_database(str(path), auto_backup=False)
    for name in names:
        create_unit(db, UnitInput(name=name, category=UnitCategory.GOVERNMENT))
    db.dispose()


def _units(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT name FROM unit ORDER BY id")]
    finally:
        connection.close()


def test_opening_another_database_often_never_pushes_out_the_real_ones_backups(
    tmp_path: Path,
) -> None:
    real, demo = tmp_path / "alliance-desk.sqlite", tmp_path / "demo.sqlite"
    _make(real, "真实单位")
    _make(demo, "演示单位")
    open_database(str(real)).dispose()
    for _ in range(12):
        open_database(str(demo)).dispose()
    folder = config.backups_dir()
    real_copies = list(folder.glob(f"auto-{backup.database_tag(real)}-*.sqlite"))
    demo_copies = list(folder.glob(f"auto-{backup.database_tag(demo)}-*.sqlite"))
    assert len(real_copies) == 1 and _units(real_copies[0]) == ["真实单位"]
    assert len(demo_copies) == config.BACKUPS_KEPT


def test_a_damaged_copy_never_pushes_out_a_good_one(tmp_path: Path) -> None:
    database = tmp_path / "alliance-desk.sqlite"
    _make(database, "甲单位")
    folder = tmp_path / "copies"
    for _ in range(3):
        assert backup.automatic_backup(database, folder, keep=3) is not None
    good = sorted(folder.iterdir())
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    size = database.stat().st_size
    with database.open("r+b") as handle:  # scramble the pages after the first two
        handle.seek(4096 * 2)
        handle.write(b"\x07" * (size - 4096 * 2))
    for _ in range(5):
        with contextlib.suppress(DomainError):
            backup.automatic_backup(database, folder, keep=3)
    assert sorted(folder.iterdir()) == good


@pytest.mark.parametrize("name", ["a#b.sqlite", "what?.sqlite", "100%.sqlite"])
def test_backup_of_a_path_with_uri_characters_copies_the_real_data(
    tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "dir#1?x"
    folder.mkdir()
    database = folder / name
    _make(database, "路径特殊的单位")
    saved = tmp_path / "saved.sqlite"
    assert cli.main(["backup", "--db", str(database), "--to", str(saved)]) == cli.EXIT_OK
    assert _units(saved) == ["路径特殊的单位"]
    copy = backup.automatic_backup(database, tmp_path / "auto", keep=2, prefix="before-upgrade")
    assert copy is not None and _units(copy) == ["路径特殊的单位"]


HOLD_OPEN = textwrap.dedent(
    """
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1])
    connection.execute("SELECT count(*) FROM unit").fetchone()
    print("open", flush=True)
    sys.stdin.readline()
    connection.close()
    """
)


def test_restore_is_refused_while_another_process_has_the_database_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database, source = tmp_path / "live.sqlite", tmp_path / "backup.sqlite"
    _make(database, "现用单位")
    _make(source, "备份单位")
    before = database.read_bytes()
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(database)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as other:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        assert cli.main(["restore", "--db", str(database), str(source)]) == cli.EXIT_FAILED
        assert "正被其他程序打开或写入" in capsys.readouterr().err
        other.communicate("\n", timeout=10)
    assert database.read_bytes() == before
    assert _units(database) == ["现用单位"]
    # with nobody else on it, the restore goes through and keeps what it replaced
    assert cli.main(["restore", "--db", str(database), str(source)]) == cli.EXIT_OK
    assert _units(database) == ["备份单位"]
    (kept,) = config.backups_dir().glob("before-restore-*.sqlite")
    assert _units(kept) == ["现用单位"]
    db = open_database(str(database), auto_backup=False)  # still opens and works
    create_unit(db, UnitInput(name="恢复后新增", category=UnitCategory.GOVERNMENT))
    db.dispose()
    assert _units(database) == ["备份单位", "恢复后新增"]


def test_restore_refuses_a_backup_from_a_newer_version(tmp_path: Path) -> None:
    database, source = tmp_path / "live.sqlite", tmp_path / "future.sqlite"
    _make(database, "现用单位")
    _make(source, "未来单位")
    connection = sqlite3.connect(source)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = database.read_bytes()
    assert cli.main(["restore", "--db", str(database), str(source)]) == cli.EXIT_FAILED
    assert database.read_bytes() == before
