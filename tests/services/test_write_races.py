"""Two clerks saving at once: one save lands, the other is told "已被他人修改".

Runs on SQLite and, in CI's PostgreSQL leg, on PostgreSQL (``pg`` marker by folder).
Both saves are held at the same point (after each read the commitment, before either
writes) so that they really overlap.
"""

from __future__ import annotations

import contextlib
import threading
from datetime import date
from typing import Any

import pytest
from test_commitments_support import World, make, world

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services import Database
from alliance_desk.services.commitments import add_progress, get_commitment, transition
from alliance_desk.services.commitments import progress as progress_module

__all__ = ["world"]


def _in_progress(db: Database, world: World) -> int:
    made = make(db, world)
    transition(db, made.id, CommitmentState.ACCEPTED, on=date(2026, 1, 10),
               expected_version=made.version)
    add_progress(db, made.id, recorded_on=date(2026, 1, 20), note="开始", percent=10)
    return made.id


def test_two_progress_entries_saved_at_once_do_not_both_land(
    db: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    commitment_id = _in_progress(db, world)
    version = get_commitment(db, commitment_id).version
    both_read = threading.Barrier(2)
    real = progress_module._last_updates

    def held(session: Any, ids: list[int]) -> Any:
        found = real(session, ids)
        # SQLite serialises writers at BEGIN IMMEDIATE, so there the second save is still
        # waiting for the lock: the barrier times out and the first goes on.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=1.5)
        return found

    monkeypatch.setattr(progress_module, "_last_updates", held)
    outcomes: list[str] = []

    def save(note: str) -> None:
        try:
            add_progress(db, commitment_id, recorded_on=date(2026, 2, 1), note=note,
                         percent=50, expected_version=version)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")
        except DomainError as exc:
            outcomes.append(exc.message)

    clerks = [threading.Thread(target=save, args=(f"第{i}位办事员",)) for i in (1, 2)]
    for clerk in clerks:
        clerk.start()
    for clerk in clerks:
        clerk.join(30)
    assert sorted(outcomes) == ["conflict", "saved"]
    notes = [p.note for p in get_commitment(db, commitment_id).progress]
    assert len(notes) == 2 and notes[0] == "开始"


def test_a_writer_waits_for_another_writer_instead_of_failing(db: Database) -> None:
    """BEGIN IMMEDIATE: the second unit of work waits for the first (within the busy
    timeout) and then goes through; nobody sees "数据库正被其他程序占用"."""
    from alliance_desk.core.vocab import UnitCategory
    from alliance_desk.services.units import UnitInput, create_unit

    started, release = threading.Event(), threading.Event()
    errors: list[str] = []

    def long_write() -> None:
        with db.transaction() as session:
            from alliance_desk.storage.models import Unit

            session.add(Unit(name="慢单位", name_key="慢单位", category=UnitCategory.GOVERNMENT))
            session.flush()
            started.set()
            release.wait(5)

    first = threading.Thread(target=long_write)
    first.start()
    assert started.wait(10)
    timer = threading.Timer(1.0, release.set)
    timer.start()
    try:
        create_unit(db, UnitInput(name="快单位", category=UnitCategory.GOVERNMENT))
    except DomainError as exc:
        errors.append(exc.message)
    first.join(10)
    timer.join()
    assert errors == []
