"""A process killed (SIGKILL) in the middle of writing leaves a sound database holding
all of a unit of work or none of it: an import, and the saves the GUI makes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from alliance_desk.services.bootstrap import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

UNITS = 12_000


def _count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def _start(code: str, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["ALLIANCE_DESK_DATA_DIR"] = str(tmp_path / "data")
    env.pop("ALLIANCE_DESK_DB", None)
    return env


def _kill_while_writing(process: subprocess.Popen[str], wal: Path, grown: int) -> bool:
    """SIGKILL once the preview is printed and the write-ahead log has then grown by
    ``grown`` bytes (the import's unit of work is being written); True if the kill landed
    before the process ended by itself."""
    assert process.stdout is not None
    for line in process.stdout:  # the per-row report, then the summary before writing
        if "new/update/error" in line:
            break
    grown += wal.stat().st_size if wal.exists() else 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > grown:
            process.send_signal(signal.SIGKILL)
            return True
        time.sleep(0.002)
    return False


@pytest.mark.parametrize("grown", [50_000, 1_000_000])
def test_an_import_killed_midway_writes_all_rows_or_none(tmp_path: Path, grown: int) -> None:
    db = tmp_path / "register.sqlite"
    open_database(str(db), auto_backup=False).dispose()
    source = tmp_path / "units.csv"
    lines = ["单位名称,类别,党员人数"] + [f"导入单位{i:05d},机关,{i % 90}" for i in range(UNITS)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = _start(
        "import sys; from alliance_desk.cli import main; sys.exit(main(sys.argv[1:]))",
        "import", "units", "--db", str(db), str(source), env=_env(tmp_path),
    )
    killed = _kill_while_writing(process, Path(f"{db}-wal"), grown)
    process.communicate(timeout=30)
    assert killed, "the import finished before it could be killed"
    assert _count(db, "unit") == 0  # killed inside the unit of work: nothing of it
    # the file still opens and takes a normal import afterwards
    open_database(str(db), auto_backup=False).dispose()


SAVES = """
import sys
from datetime import date, timedelta
from pathlib import Path
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, UnitCategory
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.commitments import create_commitment, get_commitment, transition
from alliance_desk.services.commitments.attachments import add_progress_with_attachment
from alliance_desk.services.units import UnitInput, create_unit

db = open_database(sys.argv[1], auto_backup=False)
evidence = Path(sys.argv[2])
a = create_unit(db, UnitInput(name="社区", category=UnitCategory.COMMUNITY)).unit.id
b = create_unit(db, UnitInput(name="民政局", category=UnitCategory.GOVERNMENT)).unit.id
alliance = create_alliance(db, AllianceInput(name="联盟")).alliance.id
add_members(db, alliance, [a, b], joined_on=date(2020, 1, 1))
made = create_commitment(db, alliance_id=alliance, promisor_unit_id=b, promisee_unit_id=a,
    direction=CommitmentDirection.UNIT_TO_COMMUNITY, content="助老", category="",
    made_on=date(2020, 1, 2), due_on=date(2030, 1, 1))
transition(db, made.id, CommitmentState.ACCEPTED, on=date(2020, 1, 3),
           expected_version=made.version)
print("ready", flush=True)
day = date(2020, 1, 4)
for i in range(100000):
    version = get_commitment(db, made.id).version
    add_progress_with_attachment(db, made.id, recorded_on=day, note=f"第{i}次",
        percent=min(i, 99), attachment=evidence, expected_version=version)
"""


def test_saves_killed_midway_leave_every_entry_whole(tmp_path: Path) -> None:
    """The 进展 dialog's save (file copy + row + contents in one unit of work), killed."""
    db = tmp_path / "desk.sqlite"
    evidence = tmp_path / "照片.jpg"
    evidence.write_bytes(os.urandom(300_000))
    process = _start(SAVES, str(db), str(evidence), env=_env(tmp_path))
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute(
            "SELECT p.id, p.attachment_path, length(c.content) FROM progress_update p "
            "LEFT JOIN attachment_content c ON c.progress_update_id = p.id"
        ).fetchall()
    finally:
        connection.close()
    assert rows  # some saves landed before the kill
    for _id, stored, size in rows:
        assert size == 300_000  # every recorded entry has its whole attachment
        assert (tmp_path / "data" / stored).stat().st_size == 300_000
