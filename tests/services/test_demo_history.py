"""The demo's history is one a clerk would believe (issue 11, item 16): old promises are
settled, progress matches state, no meeting discusses one topic twice, and everything
happened in office hours, China time."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC

from sqlalchemy import select

from alliance_desk.core.commitments import OPEN_STATES, is_overdue
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services import Database
from alliance_desk.services.clock import in_china
from alliance_desk.services.demo import DEMO_TODAY
from alliance_desk.services.meetings import workday_calendar
from alliance_desk.storage.models import AgendaItem, AuditEntry, Commitment, ProgressUpdate


def test_only_recently_due_promises_are_still_overdue(demo: Database) -> None:
    with demo.reading() as session:
        rows = session.execute(select(Commitment.state, Commitment.due_on)).all()
    overdue = [due for state, due in rows if is_overdue(state, due, DEMO_TODAY)]
    assert overdue, "a few are overdue, as in any street"
    assert max((DEMO_TODAY - due).days for due in overdue) <= 150
    assert len(overdue) < len(rows) * 0.03
    two_years_ago = DEMO_TODAY.replace(year=DEMO_TODAY.year - 1, month=1, day=1)
    assert not [s for s, due in rows if due < two_years_ago and s in OPEN_STATES]


def test_progress_matches_the_state(demo: Database) -> None:
    with demo.reading() as session:
        states = dict(session.execute(select(Commitment.id, Commitment.state)).all())
        reasons = dict(session.execute(select(Commitment.id, Commitment.cancel_reason)).all())
        lines = session.execute(
            select(ProgressUpdate.commitment_id, ProgressUpdate.percent).order_by(
                ProgressUpdate.commitment_id, ProgressUpdate.recorded_on, ProgressUpdate.id
            )
        ).all()
    last: dict[int, int] = {}
    for commitment_id, percent in lines:
        assert percent >= last.get(commitment_id, 0)  # never goes down
        last[commitment_id] = percent
    fulfilled = [c for c, s in states.items() if s is CommitmentState.FULFILLED and c in last]
    at_full = sum(1 for c in fulfilled if last[c] == 100)
    assert at_full >= 0.97 * len(fulfilled)
    assert all(last[c] < 100 for c, s in states.items() if s in OPEN_STATES and c in last)
    cancelled = [c for c, s in states.items() if s is CommitmentState.CANCELLED]
    assert cancelled and all(reasons[c].strip() for c in cancelled)


def test_no_meeting_has_one_topic_twice(demo: Database) -> None:
    with demo.reading() as session:
        items = session.execute(select(AgendaItem.meeting_id, AgendaItem.title)).all()
    by_meeting: dict[int, list[str]] = defaultdict(list)
    for meeting_id, title in items:
        by_meeting[meeting_id].append(title)
    for titles in by_meeting.values():
        assert len(set(titles)) == len(titles)
        heads = [t[:6] for t in titles]  # "协商屋面防水维修任务分工" / "…活动经费和物资保障"
        assert len(set(heads)) == len(heads), titles


def test_every_change_happened_in_office_hours_china_time(demo: Database) -> None:
    with demo.reading() as session:
        moments = session.execute(select(AuditEntry.at)).scalars().all()
    assert moments
    hours = [in_china(at.replace(tzinfo=UTC)).hour for at in moments]
    assert min(hours) >= 8 and max(hours) <= 17
    calendar = workday_calendar(demo)
    days = {in_china(at.replace(tzinfo=UTC)).date() for at in moments}
    off = sorted(d for d in days if not calendar.day_kind(d).is_workday)
    assert off == []  # weekends only where they were adjusted working days (调休)
