"""The dashboard's figures and the due-soon / overdue panel, on a hand-counted data set."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_commitments_support import World, add_decision, make, world

from alliance_desk.core.vocab import CommitmentDirection, MeetingState, Rating
from alliance_desk.core.vocab import CommitmentState as S
from alliance_desk.services import Database
from alliance_desk.services.commitments import get_commitment, rate, transition
from alliance_desk.services.dashboard import (
    STATE_SLOTS,
    dashboard_figures,
    due_soon,
    overdue,
)
from alliance_desk.storage.models import Meeting

__all__ = ["world"]

TODAY = date(2026, 4, 15)


def _to(db: Database, commitment_id: int, *states: S, on: date = date(2026, 3, 20)) -> None:
    for state in states:
        version = get_commitment(db, commitment_id).version
        reason = "不再需要" if state is S.CANCELLED else ""
        transition(db, commitment_id, state, on=on, reason=reason, expected_version=version)


def _rate(db: Database, commitment_id: int, rater: int, rating: Rating) -> None:
    comment = "未落实" if rating is Rating.UNSATISFIED else ""
    rate(db, commitment_id, rater_unit_id=rater, rating=rating, comment=comment,
         rated_on=date(2026, 4, 10))


@pytest.fixture
def book(db: Database, world: World) -> dict[str, int]:
    """Eleven commitments (ten due in 2026); the comments give their slot on TODAY."""
    to_firm = {
        "promisor_unit_id": world.community_a,
        "promisee_unit_id": world.firm,
        "direction": CommitmentDirection.COMMUNITY_TO_UNIT,
    }
    ids: dict[str, int] = {}
    ids["overdue"] = make(db, world).id  # proposed, due 3-31: overdue
    ids["venue"] = make(db, world, content="场地", due_on=date(2026, 4, 17)).id  # accepted
    ids["books"] = make(db, world, content="图书", due_on=date(2026, 4, 30)).id  # accepted
    ids["on_time"] = make(db, world, content="义诊").id  # fulfilled 3-20: on time
    ids["late"] = make(db, world, content="清理楼道").id  # fulfilled 4-3: late
    ids["cancelled"] = make(db, world, content="修缮凉亭").id
    ids["parking"] = make(  # proposed, due 5-20, made in February
        db, world, content="停车位", made_on=date(2026, 2, 10), due_on=date(2026, 5, 20), **to_firm
    ).id
    _meeting, decision = add_decision(db, world.two)  # a planned meeting of 二联盟
    ids["other"] = make(  # 二联盟, in progress, due 2-28: overdue
        db, world, alliance_id=world.two, promisee_unit_id=world.community_b,
        content="就业岗位", due_on=date(2026, 2, 28), source_decision_id=decision,
    ).id
    ids["last_year"] = make(
        db, world, content="去年", made_on=date(2025, 6, 1), due_on=date(2025, 12, 31)
    ).id
    ids["today"] = make(  # in progress, due today: not overdue, due soon
        db, world, content="今日到期", made_on=date(2026, 3, 1), due_on=TODAY
    ).id
    ids["help"] = make(  # 社区→单位, fulfilled 4-8 before its due day 4-10
        db, world, content="政策帮办", made_on=date(2026, 3, 15), due_on=date(2026, 4, 10),
        **to_firm,
    ).id
    _to(db, ids["venue"], S.ACCEPTED)
    _to(db, ids["books"], S.ACCEPTED)
    _to(db, ids["on_time"], S.ACCEPTED, S.FULFILLED)
    _to(db, ids["late"], S.ACCEPTED, S.FULFILLED, on=date(2026, 4, 3))
    _to(db, ids["cancelled"], S.CANCELLED)
    _to(db, ids["other"], S.ACCEPTED, S.IN_PROGRESS)
    _to(db, ids["last_year"], S.ACCEPTED, S.FULFILLED, on=date(2025, 12, 1))
    _to(db, ids["today"], S.ACCEPTED, S.IN_PROGRESS)
    _to(db, ids["help"], S.ACCEPTED, S.FULFILLED, on=date(2026, 4, 8))
    _rate(db, ids["on_time"], world.community_a, Rating.SATISFIED)
    _rate(db, ids["on_time"], world.bureau, Rating.BASICALLY_SATISFIED)
    _rate(db, ids["late"], world.community_a, Rating.UNSATISFIED)
    _rate(db, ids["help"], world.firm, Rating.SATISFIED)
    _rate(db, ids["last_year"], world.community_a, Rating.UNSATISFIED)  # another year
    with db.transaction() as session:
        session.add_all([
            Meeting(alliance_id=world.one, sequence_no=1, starts_at=datetime(2026, 2, 1, 9),
                    state=MeetingState.HELD),
            Meeting(alliance_id=world.one, sequence_no=2, starts_at=datetime(2026, 3, 1, 9),
                    state=MeetingState.APPROVED),
            Meeting(alliance_id=world.one, sequence_no=3, starts_at=datetime(2026, 6, 1, 9),
                    state=MeetingState.NOTIFIED),
            Meeting(alliance_id=world.one, sequence_no=4, starts_at=datetime(2025, 12, 31, 9),
                    state=MeetingState.HELD),
        ])
    return ids


def test_figures_of_the_year(db: Database, world: World, book: dict[str, int]) -> None:
    f = dashboard_figures(db, year=2026, today=TODAY)
    assert (f.alliances, f.units) == (2, 5)
    assert (f.meetings_held, f.meetings_planned) == (2, 2)
    assert f.total == 10
    assert f.states == {
        "proposed": 1,  # parking (the overdue proposed one counts as overdue)
        "accepted": 2,
        "in_progress": 1,  # today's (other is overdue)
        "overdue": 2,
        "fulfilled": 3,
        "cancelled": 1,
    }
    assert list(f.states) == list(STATE_SLOTS)
    assert sum(f.states.values()) == f.total
    c = f.counts
    assert (c.on_time, c.late, c.open, c.overdue, c.cancelled) == (2, 1, 4, 2, 1)
    assert f.on_time_rate == pytest.approx(2 / 5)  # 2 ÷ (2 + 1 + 2)
    assert f.satisfaction_rate == pytest.approx(3 / 4)  # last year's rating left out
    assert [(a.name, a.on_time_rate) for a in f.per_alliance] == [
        ("一联盟", pytest.approx(2 / 4)),
        ("二联盟", 0.0),
    ]
    assert f.per_alliance[0].alliance_id == world.one
    made = [m.made for m in f.monthly]
    fulfilled = [m.fulfilled for m in f.monthly]
    assert [m.month for m in f.monthly] == list(range(1, 13))
    assert made == [7, 1, 2] + [0] * 9
    assert fulfilled == [0, 0, 1, 2] + [0] * 8
    unit_side, community_side = f.directions
    assert unit_side.direction is CommitmentDirection.UNIT_TO_COMMUNITY
    assert (unit_side.made, unit_side.fulfilled) == (8, 2)
    assert unit_side.on_time_rate == pytest.approx(1 / 4)
    assert unit_side.ratings.satisfaction_rate == pytest.approx(2 / 3)
    assert community_side.direction is CommitmentDirection.COMMUNITY_TO_UNIT
    assert (community_side.made, community_side.fulfilled, community_side.on_time_rate) == (
        2, 1, 1.0,
    )


def test_one_alliance_and_other_years(db: Database, world: World, book: dict[str, int]) -> None:
    two = dashboard_figures(db, year=2026, today=TODAY, alliance_id=world.two)
    assert (two.alliances, two.units, two.meetings_held, two.meetings_planned) == (1, 2, 0, 1)
    assert (two.total, two.states["overdue"], two.on_time_rate) == (1, 1, 0.0)
    assert [a.name for a in two.per_alliance] == ["二联盟"]
    assert two.monthly[0].made == 1
    last = dashboard_figures(db, year=2025, today=TODAY)
    assert (last.total, last.on_time_rate, last.satisfaction_rate) == (1, 1.0, 0.0)
    assert last.meetings_held == 1
    assert [m.fulfilled for m in last.monthly][11] == 1
    # Seen from before the due days, nothing was overdue and nothing late yet.
    early = dashboard_figures(db, year=2026, today=date(2026, 1, 6))
    assert early.states["overdue"] == 0
    empty = dashboard_figures(db, year=2020, today=TODAY)
    assert (empty.total, empty.on_time_rate, empty.satisfaction_rate) == (0, None, None)
    assert empty.per_alliance == () and sum(m.made for m in empty.monthly) == 0


def test_figures_follow_a_fulfilment(db: Database, world: World, book: dict[str, int]) -> None:
    before = dashboard_figures(db, year=2026, today=TODAY)
    _to(db, book["venue"], S.FULFILLED, on=TODAY)
    after = dashboard_figures(db, year=2026, today=TODAY)
    assert after.states["fulfilled"] == before.states["fulfilled"] + 1
    assert after.states["accepted"] == before.states["accepted"] - 1
    assert after.on_time_rate == pytest.approx(3 / 6)
    assert after.monthly[3].fulfilled == before.monthly[3].fulfilled + 1


def test_due_soon_and_overdue_lists(db: Database, world: World, book: dict[str, int]) -> None:
    soon = due_soon(db, TODAY)
    assert soon.total == 2
    assert [i.id for i in soon.items] == [book["today"], book["venue"]]
    first = soon.items[0]
    assert (first.content, first.alliance_name, first.promisor_name, first.promisee_name) == (
        "今日到期", "一联盟", "民政局", "社区甲",
    )
    assert (first.state, first.days_from(TODAY)) == (S.IN_PROGRESS, 0)
    # 7 days are today and the six after it; 16 days reach 4-30, 15 stop at 4-29.
    assert book["books"] in [i.id for i in due_soon(db, TODAY, 16).items]
    assert book["books"] not in [i.id for i in due_soon(db, TODAY, 15).items]
    late = overdue(db, TODAY)
    assert (late.total, [i.id for i in late.items]) == (2, [book["other"], book["overdue"]])
    assert late.items[0].days_from(TODAY) == -46
    limited = overdue(db, TODAY, limit=1)
    assert (limited.total, [i.id for i in limited.items]) == (2, [book["other"]])
    assert overdue(db, TODAY, alliance_id=world.one).total == 1
    assert due_soon(db, TODAY, alliance_id=world.two).total == 0
    # Fulfilled and cancelled commitments are never listed.
    _to(db, book["venue"], S.FULFILLED, on=TODAY)
    assert [i.id for i in due_soon(db, TODAY).items] == [book["today"]]
    with pytest.raises(ValueError):
        due_soon(db, TODAY, 0)
    with pytest.raises(ValueError):
        overdue(db, TODAY, limit=0)
