"""The register's import/export commands, end to end through ``cli.main``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from alliance_desk import cli
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.units import list_units

HEADERS = ["单位名称", "单位类别", "书记", "联系电话", "党员人数"]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _names(url: str) -> list[str]:
    db = open_database(url, auto_backup=False)
    try:
        return sorted(r.name for r in list_units(db))
    finally:
        db.dispose()


def test_import_with_errors_writes_nothing_then_good_file_writes_all(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _xlsx(
        tmp_path / "bad.xlsx",
        [
            ["市人民医院", "事业单位", "王立民", "13912345678", 56],
            ["市民政局", "机关", "", "123", 3],
        ],
    )
    assert cli.main(["import", "units", "--db", db_url, str(bad)]) == cli.EXIT_FAILED
    out = capsys.readouterr().out
    assert "第 3 行" in out and "电话号码格式不正确" in out
    assert _names(db_url) == []

    good = _xlsx(
        tmp_path / "good.xlsx",
        [["市人民医院", "事业单位", "王立民", "13912345678", 56], ["市民政局", "机关", "", "", 3]],
    )
    assert cli.main(["import", "units", "--db", db_url, str(good)]) == cli.EXIT_OK
    assert _names(db_url) == ["市人民医院", "市民政局"]
    assert cli.main(["import", "units", "--db", db_url, str(good)]) == cli.EXIT_OK
    assert _names(db_url) == ["市人民医院", "市民政局"]


def test_export_follows_the_extension_and_creates_a_new_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / "new" / "fresh.sqlite"
    assert cli.main(["demo", "--db", str(fresh)]) == cli.EXIT_OK
    target = tmp_path / "units.csv"
    assert cli.main(["export", "units", "--db", str(fresh), str(target)]) == cli.EXIT_OK
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "单位名称"
    assert len(rows) - 1 == len(_names(str(fresh)))
    assert "已导出" in capsys.readouterr().out


def test_import_of_xls_is_refused_with_advice(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = tmp_path / "old.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert cli.main(["import", "units", "--db", db_url, str(legacy)]) == cli.EXIT_FAILED
    assert ".xlsx" in capsys.readouterr().err
