"""One meeting's agenda read straight from a SQLite file, for ``print agenda`` from the CLI.

Printing one agenda is a clerk's most frequent command, and importing SQLAlchemy costs it
more than all its real work (about 0.3 s of 0.75 s). This reader uses the standard
library's ``sqlite3`` on a file whose schema is at the program's head revision and fills
the parts of :class:`MeetingDetail` an agenda prints (meeting, host note, contact, day,
timing, agenda); attendance, minutes and decisions stay empty. Anything else — another
revision, PostgreSQL, a meeting that is not there — returns ``None`` and the caller uses
:func:`alliance_desk.services.meetings.reading.get_meeting`, which upgrades, refuses or
explains as usual. A test checks the agenda printed from both readers is the same.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from alliance_desk.core.meetings import WorkdayCalendar, agenda_timing
from alliance_desk.core.vocab import AgendaKind, AgendaOrigin, MeetingState
from alliance_desk.services.meetings.records import AgendaSlot, MeetingDetail, MeetingRow
from alliance_desk.storage.schema import HEAD_REVISION

_MEETING = """
SELECT m.id, m.alliance_id, a.name, m.sequence_no, m.starts_at, m.place, m.host_unit_id,
       COALESCE(u.name, ''), m.state, m.version,
       (SELECT COUNT(*) FROM agenda_item i WHERE i.meeting_id = m.id),
       m.host_note, m.contact
FROM meeting m
JOIN alliance a ON a.id = m.alliance_id
LEFT JOIN unit u ON u.id = m.host_unit_id
WHERE m.id = ?
"""
_AGENDA = """
SELECT i.id, i.position, i.title, i.kind, i.presenter_unit_id, COALESCE(u.name, ''),
       i.minutes_allotted, i.origin, i.summary, i.reached, i.version
FROM agenda_item i
LEFT JOIN unit u ON u.id = i.presenter_unit_id
WHERE i.meeting_id = ?
ORDER BY i.position, i.id
"""


def read_agenda_detail(path: Path, meeting_id: int) -> MeetingDetail | None:
    """The meeting with its agenda, or ``None`` when the full reader must answer instead."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        return _read(connection, meeting_id)
    except (sqlite3.Error, ValueError, KeyError):
        return None
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, meeting_id: int) -> MeetingDetail | None:
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != HEAD_REVISION:
        return None
    row = connection.execute(_MEETING, (meeting_id,)).fetchone()
    if row is None:
        return None
    meeting = MeetingRow(
        *row[:4], _datetime(row[4]), *row[5:8], MeetingState(row[8]), *row[9:11]
    )
    items = connection.execute(_AGENDA, (meeting_id,)).fetchall()
    timing = agenda_timing(meeting.starts_at, [item[6] for item in items])
    agenda = tuple(
        AgendaSlot(
            *item[:3], AgendaKind(item[3]), *item[4:7], AgendaOrigin(item[7]), item[8],
            bool(item[9]), item[10], start=slot.start, end=slot.end,
        )
        for item, slot in zip(items, timing.slots, strict=True)
    )
    overrides = {
        date.fromisoformat(day): (bool(is_workday), name)
        for day, is_workday, name in connection.execute(
            "SELECT day, is_workday, name FROM calendar_day"
        )
    }
    return MeetingDetail(
        meeting=meeting,
        host_note=row[11],
        contact=row[12],
        day=WorkdayCalendar(overrides).day_kind(meeting.starts_at.date()),
        timing=timing,
        agenda=agenda,
        attendance=(),
        guests=(),
        minutes=None,
        decisions=(),
    )


def _datetime(value: str) -> datetime:
    return datetime.fromisoformat(value)
