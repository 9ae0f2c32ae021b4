from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from alliance_desk import cli
from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.bootstrap import open_database
from alliance_desk.storage import backup
from alliance_desk.storage.models import Unit


def _add_unit(path: Path, name: str) -> None:
    db = open_database(str(path), auto_backup=False)
    with db.transaction() as session:
        session.add(Unit(name=name, name_key=name, category=UnitCategory.GOVERNMENT))
    db.dispose()


def _unit_names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM unit ORDER BY id")]
    finally:
        connection.close()


def test_backup_damage_restore_round_trip(sqlite_path: Path, tmp_path: Path) -> None:
    _add_unit(sqlite_path, "市民政局")
    saved = tmp_path / "saved.sqlite"
    assert cli.main(["backup", "--db", str(sqlite_path), "--to", str(saved)]) == 0
    assert _unit_names(saved) == ["市民政局"]

    for suffix in ("-wal", "-shm"):
        Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    with sqlite_path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xff" * 8192)
    with pytest.raises(DomainError):
        backup.verify(sqlite_path)

    assert cli.main(["restore", "--db", str(sqlite_path), str(saved)]) == 0
    assert _unit_names(sqlite_path) == ["市民政局"]
    kept = list((tmp_path / "data" / "backups").glob("before-restore-*.sqlite"))
    assert len(kept) == 1


def test_restore_refuses_a_file_that_is_not_ours(sqlite_path: Path, tmp_path: Path) -> None:
    _add_unit(sqlite_path, "市教育局")
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    assert cli.main(["restore", "--db", str(sqlite_path), str(bogus)]) == cli.EXIT_FAILED
    assert _unit_names(sqlite_path) == ["市教育局"]


def test_automatic_backups_rotate(sqlite_path: Path, tmp_path: Path) -> None:
    _add_unit(sqlite_path, "市财政局")
    folder = tmp_path / "rotating"
    for _ in range(4):
        backup.automatic_backup(sqlite_path, folder, keep=2)
    assert len(list(folder.glob("auto-*.sqlite"))) == 2


def test_backup_is_a_consistent_copy_while_open(sqlite_path: Path, tmp_path: Path) -> None:
    db = open_database(str(sqlite_path), auto_backup=False)
    with db.transaction() as session:
        session.add(Unit(name="甲", name_key="甲", category=UnitCategory.COMMUNITY))
    copy = backup.backup(sqlite_path, tmp_path / "copy.sqlite")
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 1
    db.dispose()
    assert _unit_names(copy) == ["甲"]


def test_check_command_reports_ok(sqlite_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _add_unit(sqlite_path, "乙")
    assert cli.main(["check", "--db", str(sqlite_path)]) == 0
    assert "ok" in capsys.readouterr().out
