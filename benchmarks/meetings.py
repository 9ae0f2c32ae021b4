"""Issue 5 figures: one agenda PDF from the CLI, whole process; a month's batch of agendas.

Runs on a copy of the cached demo database in which every alliance that has no meeting in
``YEAR``-``MONTH`` gets one (with an agenda), so the batch holds one agenda per alliance
(24 at scale 1).
The processes run with byte-code caching on (in ``.cache/pycache``) after one warm-up
run, as an installed app does.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.common import CACHE_DIR, demo_database, emit, median_ms

YEAR, MONTH = 2027, 12
"""After every demo meeting (the latest next meeting is mid-2027), so every alliance can
meet that month: meeting numbers follow time, so none can be slotted in before a later one."""
TARGET_AGENDA_S = 0.4
TARGET_BATCH_S = 2.0
ITEMS = (
    ("上次议定事项落实情况", 15),
    ("通报本季度共建工作", 20),
    ("研究下季度共建项目清单", 40),
    ("评议成员单位履诺情况", 20),
)


def _workdays(count: int) -> list[date]:
    """The first ``count`` weekdays of the month (repeating when there are fewer)."""
    day, found = date(YEAR, MONTH, 1), []
    while day.month == MONTH:
        if day.weekday() < 5:
            found.append(day)
        day += timedelta(days=1)
    return [found[i % len(found)] for i in range(count)]


def prepare_database(scale: int) -> tuple[Path, list[int]]:
    """A copy of the demo file with a meeting in the month for every alliance; the meeting ids."""
    from alliance_desk.core.errors import DomainError
    from alliance_desk.services import meetings as mt
    from alliance_desk.services.alliances import list_alliances
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.meetings.batch import meetings_in_month

    source, _generated = demo_database(scale)
    path = CACHE_DIR / f"meetings-scale{scale}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, path)
    db = open_database(str(path), auto_backup=False)
    try:
        having = {d.meeting.alliance_id for d in meetings_in_month(db, YEAR, MONTH)}
        missing = [a for a in list_alliances(db) if a.active and a.id not in having]
        for alliance, day in zip(missing, _workdays(len(missing)), strict=True):
            try:
                result = mt.schedule_meeting(
                    db,
                    alliance_id=alliance.id,
                    starts_at=datetime.combine(day, datetime.min.time()).replace(hour=9),
                    place=f"{alliance.name}党群服务中心会议室",
                    contact="联络员 0436-6221234",
                    confirm_non_working_day=True,
                    today=day,
                )
            except DomainError as error:
                raise RuntimeError(f"{alliance.name}: {error.message}") from error
            assert result.meeting is not None
            items = [mt.AgendaInput(title, minutes_allotted=m) for title, m in ITEMS]
            mt.add_agenda_items(db, result.meeting.meeting.id, items)
        ids = [d.meeting.id for d in meetings_in_month(db, YEAR, MONTH)]
    finally:
        db.dispose()
    return path, ids


def _environment() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE_DIR / "pycache")
    return env


def whole_process_seconds(argv: list[str], *, repeat: int) -> float:
    """Median wall time of ``python -m alliance_desk *argv`` after one warm-up run."""
    command = [sys.executable, "-m", "alliance_desk", *argv]
    env = _environment()
    samples = []
    for attempt in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
        if attempt:
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(scale: int, repeat: int) -> None:
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.meetings.batch import meetings_in_month

    path, ids = prepare_database(scale)
    db = open_database(str(path), auto_backup=False)
    try:
        loading = median_ms(lambda: meetings_in_month(db, YEAR, MONTH), repeat=repeat)
    finally:
        db.dispose()
    emit(f"meetings_in_month_scale{scale}", loading, "ms", meetings=len(ids))
    out = CACHE_DIR / "meetings-out"
    out.mkdir(exist_ok=True)
    runs = max(3, min(repeat, 5))
    agenda = whole_process_seconds(
        ["print", "agenda", str(ids[0]), "--db", str(path), "--pdf", str(out / "agenda.pdf")],
        repeat=runs,
    )
    emit(
        f"print_agenda_whole_process_scale{scale}",
        agenda * 1000,
        "ms",
        target_ms=TARGET_AGENDA_S * 1000,
    )
    month = f"{YEAR}-{MONTH:02d}"
    batch = whole_process_seconds(
        ["print", "agendas", "--month", month, "--db", str(path), "--pdf", str(out / "month.pdf")],
        repeat=runs,
    )
    emit(
        f"print_month_agendas_whole_process_scale{scale}",
        batch * 1000,
        "ms",
        agendas=len(ids),
        target_ms=TARGET_BATCH_S * 1000,
    )


__all__ = ["run"]
