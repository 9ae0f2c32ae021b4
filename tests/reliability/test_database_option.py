"""``--db`` is one option wherever it is written, and destructive commands name their target."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from alliance_desk import cli, config
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.units import UnitInput, create_unit


def _units(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT name FROM unit ORDER BY id")]
    finally:
        connection.close()


def _database_with_one_unit(path: Path, name: str) -> None:
    db = open_database(str(path), auto_backup=False)
    create_unit(db, UnitInput(name=name, category=UnitCategory.GOVERNMENT))
    db.dispose()


@pytest.mark.parametrize("position", ["before", "after"])
def test_demo_replace_acts_on_the_db_given_in_either_position(
    tmp_path: Path, position: str, capsys: pytest.CaptureFixture[str]
) -> None:
    default = config.resolve_database(None).sqlite_path
    assert default is not None
    _database_with_one_unit(default, "真实登记的单位")
    target = tmp_path / "other.sqlite"
    _database_with_one_unit(target, "将被替换的单位")
    argv = ["demo", "--replace", "--db", str(target)]
    if position == "before":
        argv = ["--db", str(target), "demo", "--replace"]
    assert cli.main(argv) == cli.EXIT_OK
    assert _units(default) == ["真实登记的单位"]  # untouched
    assert "将被替换的单位" not in _units(target) and len(_units(target)) > 100
    assert str(target) in capsys.readouterr().out  # it said which database it replaced


def test_two_different_db_values_are_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    assert cli.main(["--db", str(one), "demo", "--db", str(two)]) == cli.EXIT_FAILED
    assert "--db 给了两个不同的数据库" in capsys.readouterr().err
    assert not one.exists() and not two.exists()
    # the same file written twice is one value
    assert cli.main(["--db", str(one), "demo", "--db", str(one)]) == cli.EXIT_OK


def test_the_environment_variable_applies_to_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "env.sqlite"
    _database_with_one_unit(target, "环境变量指定的单位")
    monkeypatch.setenv(config.DB_ENV, str(target))
    saved = tmp_path / "saved.sqlite"
    assert cli.main(["backup", "--to", str(saved)]) == cli.EXIT_OK
    assert _units(saved) == ["环境变量指定的单位"]


def test_a_password_is_never_shown() -> None:
    url = "postgresql+psycopg://clerk:s3cret@db.example:5432/alliance"
    assert "s3cret" not in config.redact_url(url)
    assert config.redact_url(url).startswith("postgresql+psycopg://clerk:***@db.example:5432")
