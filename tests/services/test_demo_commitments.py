"""The demo's commitments, progress and ratings obey the commitment services' rules.

One demo data set (scale 1) is generated per module and only read by the tests.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from itertools import pairwise

import pytest
from sqlalchemy import select

from alliance_desk.core.commitments import DueWindow, direction_error, is_overdue
from alliance_desk.core.vocab import (
    RATING_SCORES,
    CommitmentDirection,
    CommitmentState,
    Rating,
    UnitCategory,
)
from alliance_desk.services import Database
from alliance_desk.services.commitments import (
    OVERDUE,
    CommitmentFilter,
    StatScope,
    count_commitments,
    fulfilment_stats,
    get_commitment,
    state_counts,
)
from alliance_desk.services.demo import DEMO_TODAY, build_demo
from alliance_desk.storage.models import (
    Commitment,
    Evaluation,
    Membership,
    ProgressUpdate,
    Unit,
)

TODAY = DEMO_TODAY
OPEN = (CommitmentState.PROPOSED, CommitmentState.ACCEPTED, CommitmentState.IN_PROGRESS)
EXTENSION = "到期日期由"


@pytest.fixture(scope="module")
def commitments(demo: Database) -> list[Commitment]:
    with demo.reading() as session:
        rows = list(session.scalars(select(Commitment).order_by(Commitment.id)))
        session.expunge_all()
    return rows


def test_every_state_in_both_directions_across_three_years(
    demo: Database, commitments: list[Commitment]
) -> None:
    # Claims of 四项清单 projects are commitments too (category 四项清单), made beside meetings.
    made_around_meetings = [c for c in commitments if c.category != "四项清单"]
    assert 1800 <= len(made_around_meetings) <= 2300
    pairs = Counter((c.state, c.direction) for c in commitments)
    assert set(pairs) == {(s, d) for s in CommitmentState for d in CommitmentDirection}
    assert {c.made_on.year for c in commitments} == {TODAY.year - 2, TODAY.year - 1, TODAY.year}
    assert len({c.category for c in commitments}) >= 8
    assert any(c.source_decision_id is None for c in commitments)
    from_decisions = sum(c.source_decision_id is not None for c in made_around_meetings)
    assert from_decisions > len(made_around_meetings) // 2
    counts = state_counts(demo, CommitmentFilter(), today=TODAY)
    assert counts[OVERDUE] > 0
    assert all(counts[state.value] > 0 for state in CommitmentState)
    overdue = CommitmentFilter(due_window=DueWindow.OVERDUE)
    assert count_commitments(demo, overdue, today=TODAY) == counts[OVERDUE]
    due_soon = [CommitmentFilter(due_window=DueWindow.NEXT_7_DAYS, state=s) for s in OPEN]
    assert sum(count_commitments(demo, f, today=TODAY) for f in due_soon) > 0


def test_dates_and_outcomes_are_consistent(commitments: list[Commitment]) -> None:
    late = overdue = 0
    for c in commitments:
        assert c.made_on <= TODAY and c.due_on >= c.made_on
        if c.state is CommitmentState.FULFILLED:
            assert c.fulfilled_on is not None and c.made_on <= c.fulfilled_on <= TODAY
            late += c.fulfilled_on > c.due_on
        else:
            assert c.fulfilled_on is None
        assert bool(c.cancel_reason) == (c.state is CommitmentState.CANCELLED)
        overdue += is_overdue(c.state, c.due_on, TODAY)
    assert 0 < late < len(commitments) // 5
    assert 0 < overdue < len(commitments) // 10


def test_parties_are_valid_for_the_direction_and_seated_in_the_alliance(
    demo: Database, commitments: list[Commitment]
) -> None:
    with demo.reading() as session:
        units = {u.id: (u.category, u.name) for u in session.scalars(select(Unit))}
        seats: dict[tuple[int, int], list[tuple[date, date | None]]] = defaultdict(list)
        for alliance_id, unit_id, joined, left in session.execute(
            select(Membership.alliance_id, Membership.unit_id, Membership.joined_on,
                   Membership.left_on)
        ):  # fmt: skip
            seats[(alliance_id, unit_id)].append((joined, left))
    for c in commitments:
        assert c.promisor_unit_id != c.promisee_unit_id
        promisor, promisee = units[c.promisor_unit_id], units[c.promisee_unit_id]
        assert (
            direction_error(
                c.direction,
                promisor[0],
                promisee[0],
                promisor_name=promisor[1],
                promisee_name=promisee[1],
            )
            is None
        )
        assert UnitCategory.COMMUNITY in (promisor[0], promisee[0])
        for unit_id in (c.promisor_unit_id, c.promisee_unit_id):
            assert any(
                joined <= c.made_on and (left is None or left >= c.due_on)
                for joined, left in seats[(c.alliance_id, unit_id)]
            ), c.id


def test_progress_logs_rise_between_acceptance_and_fulfilment(
    demo: Database, commitments: list[Commitment]
) -> None:
    with demo.reading() as session:
        updates = session.execute(
            select(ProgressUpdate.commitment_id, ProgressUpdate.recorded_on,
                   ProgressUpdate.percent, ProgressUpdate.note, ProgressUpdate.evidence_note)
            .order_by(ProgressUpdate.recorded_on, ProgressUpdate.id)
        ).all()  # fmt: skip
    log: dict[int, list[tuple[date, int, str, str]]] = defaultdict(list)
    for commitment_id, day, percent, note, proof in updates:
        log[commitment_id].append((day, percent, note, proof))
    assert any(proof for lines in log.values() for *_rest, proof in lines)
    assert any(note.startswith(EXTENSION) for lines in log.values() for _d, _p, note, _e in lines)
    by_state: Counter[CommitmentState] = Counter()
    for c in commitments:
        lines = log.get(c.id, [])
        work = [line for line in lines if not line[2].startswith(EXTENSION)]
        assert all(0 <= p <= 100 for _d, p, _n, _e in lines)
        assert all(a[1] <= b[1] for a, b in pairwise(lines))
        assert all(c.made_on <= d <= TODAY for d, _p, _n, _e in lines)
        if c.fulfilled_on is not None:
            assert all(d <= c.fulfilled_on for d, _p, _n, _e in lines)
        if c.state is CommitmentState.IN_PROGRESS:
            assert work
        if c.state in (CommitmentState.PROPOSED, CommitmentState.ACCEPTED):
            assert not work
        by_state[c.state] += bool(work)
    assert by_state[CommitmentState.FULFILLED] > 0


def test_ratings_follow_fulfilment_on_both_sides(
    demo: Database, commitments: list[Commitment]
) -> None:
    with demo.reading() as session:
        units = dict(session.execute(select(Unit.id, Unit.category)).all())
        ratings = list(session.scalars(select(Evaluation)))
    by_id = {c.id: c for c in commitments}
    sides: Counter[str] = Counter()
    per_side: Counter[tuple[int | None, int]] = Counter()
    for r in ratings:
        assert r.score == RATING_SCORES[r.rating]
        assert r.rated_on <= TODAY
        if r.commitment_id is None:
            assert r.year is not None and date(r.year, 12, 1) <= r.rated_on <= date(r.year, 12, 31)
            assert UnitCategory.COMMUNITY in (units[r.rater_unit_id], units[r.ratee_unit_id])
            assert r.rater_unit_id != r.ratee_unit_id
            continue
        per_side[(r.commitment_id, r.rater_unit_id)] += 1
        c = by_id[r.commitment_id]
        assert c.state is CommitmentState.FULFILLED and c.fulfilled_on is not None
        assert r.rated_on >= c.fulfilled_on
        parties = {c.promisor_unit_id: c.promisee_unit_id, c.promisee_unit_id: c.promisor_unit_id}
        assert parties[r.rater_unit_id] == r.ratee_unit_id
        sides["promisee" if r.rater_unit_id == c.promisee_unit_id else "promisor"] += 1
    assert max(per_side.values()) == 1
    assert sides["promisee"] > sides["promisor"] > 0
    assert {r.rating for r in ratings} == set(Rating)
    assert any(r.year is not None for r in ratings)


def test_details_load_with_their_history(demo: Database, commitments: list[Commitment]) -> None:
    sample = [c for c in commitments if c.state is not CommitmentState.FULFILLED]
    sample += commitments[::15]
    rated = late = 0
    for c in sample:
        detail = get_commitment(demo, c.id, today=TODAY)
        assert detail.state is c.state
        history = detail.history
        assert history[0].from_state is None and history[0].to_state is CommitmentState.PROPOSED
        assert all(a.to_state is b.from_state for a, b in pairwise(history))
        assert all(a.at < b.at for a, b in pairwise(history))
        assert history[-1].to_state is c.state
        if c.state is CommitmentState.FULFILLED:
            assert history[-1].fulfilled_on == c.fulfilled_on
            late += detail.late
        if c.state is CommitmentState.CANCELLED:
            assert history[-1].reason == c.cancel_reason
        if c.source_decision_id is not None:
            assert detail.source_meeting_id is not None and "联席会议" in detail.source_label
        rated += detail.rating_by_promisee is not None
        assert detail.overdue == is_overdue(c.state, c.due_on, TODAY)
    assert rated > 0 and late > 0


def test_fulfilment_figures_are_sensible_every_year(demo: Database) -> None:
    for year in (TODAY.year - 2, TODAY.year - 1, TODAY.year):
        lines = fulfilment_stats(demo, year=year, today=TODAY)
        total = next(line for line in lines if line.scope is StatScope.TOTAL)
        assert total.on_time_rate is not None and 0.6 < total.on_time_rate < 1
        assert total.satisfaction_rate is not None and 0.8 < total.satisfaction_rate < 1
        assert total.counts.late > 0 and total.counts.cancelled > 0
        assert sum(line.scope is StatScope.ALLIANCE for line in lines) == 24
    both = [
        fulfilment_stats(demo, year=TODAY.year - 1, today=TODAY, direction=d, per_unit=False)
        for d in CommitmentDirection
    ]
    assert all(lines[-1].counts.total > 0 for lines in both)


def test_same_seed_same_commitments_and_another_seed_others() -> None:
    models = (Commitment, ProgressUpdate, Evaluation)
    first, again, other = build_demo(), build_demo(), build_demo(seed=7)
    assert all(first.of(m) == again.of(m) for m in models)
    assert first.of(Commitment) != other.of(Commitment)
