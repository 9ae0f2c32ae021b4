"""``print agenda`` reads a SQLite file without SQLAlchemy: same agenda, or it steps aside."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from alliance_desk.services import Database
from alliance_desk.services.meetings.quick_agenda import read_agenda_detail
from alliance_desk.services.meetings.reading import get_meeting, list_meetings


def _sqlite_path(db: Database) -> Path:
    if db.sqlite_path is None:
        pytest.skip("the quick reader is for SQLite files only")
    return db.sqlite_path


def test_every_demo_agenda_reads_the_same_as_the_full_reader(demo: Database) -> None:
    path = _sqlite_path(demo)
    meetings = list_meetings(demo)
    assert len(meetings) > 100
    for row in meetings:
        quick = read_agenda_detail(path, row.id)
        full = get_meeting(demo, row.id)
        assert quick is not None
        assert quick.meeting == full.meeting
        assert (quick.host_note, quick.contact, quick.day) == (full.host_note, full.contact,
                                                               full.day)
        assert quick.timing == full.timing
        assert quick.agenda == full.agenda


def test_the_printed_agenda_is_the_same(demo: Database, qapp: object) -> None:
    from alliance_desk.documents.meetings import build_document

    path = _sqlite_path(demo)
    for row in list_meetings(demo)[::40]:
        quick = read_agenda_detail(path, row.id)
        assert quick is not None
        texts = [
            build_document("agenda", detail, printed_on=date(2026, 12, 1)).toPlainText()
            for detail in (quick, get_meeting(demo, row.id))
        ]
        assert texts[0] == texts[1]
        assert row.alliance_name in texts[0]


def test_anything_unusual_goes_to_the_full_reader(demo: Database, tmp_path: Path) -> None:
    path = _sqlite_path(demo)
    assert read_agenda_detail(path, 999_999) is None  # the full reader explains
    assert read_agenda_detail(tmp_path / "missing.sqlite", 1) is None
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 100)
    assert read_agenda_detail(tmp_path / "junk.sqlite", 1) is None
    older = tmp_path / "older.sqlite"
    source = sqlite3.connect(path)
    target = sqlite3.connect(older)
    source.backup(target)
    source.close()
    target.execute("UPDATE alembic_version SET version_num = '0001'")
    target.commit()
    target.close()
    assert read_agenda_detail(older, 1) is None  # upgraded (after a backup) by the full path


def test_printing_an_agenda_imports_no_sqlalchemy(demo: Database, tmp_path: Path) -> None:
    path = _sqlite_path(demo)
    meeting = list_meetings(demo)[0].id
    code = (
        "import sys; from alliance_desk.cli import main; "
        f"code = main(['print', 'agenda', '{meeting}', '--db', r'{path}', "
        f"'--pdf', r'{tmp_path / 'agenda.pdf'}']); "
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic')))); "
        "sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip().endswith("[]"), result.stdout
    assert (tmp_path / "agenda.pdf").stat().st_size > 1000
