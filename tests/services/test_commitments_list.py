"""The list (filters, counts per state, stable pages) and the fulfilment figures."""

from __future__ import annotations

from datetime import date

import pytest
from test_commitments_support import World, add_decision, make, world

from alliance_desk.core.commitments import DueWindow
from alliance_desk.core.pinyin import sort_key
from alliance_desk.core.vocab import CommitmentDirection, Rating
from alliance_desk.core.vocab import CommitmentState as S
from alliance_desk.services import Database
from alliance_desk.services.commitments import (
    OVERDUE,
    CommitmentFilter,
    SortKey,
    StatScope,
    add_progress,
    count_commitments,
    fetch_commitments,
    fulfilment_stats,
    get_commitment,
    rate,
    state_counts,
    transition,
)
from alliance_desk.services.commitments.filters import PartyRole
from alliance_desk.services.commitments.listing import (
    commitment_categories,
    fetch_rows,
    filter_choices,
    iter_commitments,
    matching_count,
    meeting_choices,
    open_list,
    unit_choices,
)

__all__ = ["world"]

TODAY = date(2026, 4, 15)  # a Wednesday: this week is 13–19 April


def _to(db: Database, commitment_id: int, *states: S, on: date = date(2026, 3, 20)) -> None:
    for state in states:
        version = get_commitment(db, commitment_id).version
        reason = "不再需要" if state is S.CANCELLED else ""
        transition(db, commitment_id, state, on=on, reason=reason, expected_version=version)


@pytest.fixture
def book(db: Database, world: World) -> dict[str, int]:
    """Nine commitments; see the comments for state and due date."""
    ids: dict[str, int] = {}
    ids["overdue"] = make(db, world).id  # proposed, due 3-31
    ids["venue"] = make(
        db, world, content="提供活动场地", category="场地", due_on=date(2026, 4, 17)
    ).id
    ids["books"] = make(db, world, content="ABC 图书角捐赠图书", due_on=date(2026, 4, 30)).id
    ids["on_time"] = make(db, world, content="义诊").id
    ids["late"] = make(db, world, content="清理楼道").id
    ids["cancelled"] = make(db, world, content="修缮凉亭").id
    ids["parking"] = make(
        db,
        world,
        content="协调停车位",
        promisor_unit_id=world.community_a,
        promisee_unit_id=world.firm,
        direction=CommitmentDirection.COMMUNITY_TO_UNIT,
        due_on=date(2026, 5, 20),
    ).id
    meeting_id, decision_id = add_decision(db, world.two)
    ids["meeting"] = meeting_id
    ids["other"] = make(
        db,
        world,
        alliance_id=world.two,
        promisee_unit_id=world.community_b,
        content="50% 就业岗位_专场",
        due_on=date(2026, 2, 28),
        source_decision_id=decision_id,
    ).id  # in progress, overdue
    ids["last_year"] = make(
        db, world, content="去年的承诺", made_on=date(2025, 6, 1), due_on=date(2025, 12, 31)
    ).id
    _to(db, ids["venue"], S.ACCEPTED)
    _to(db, ids["books"], S.ACCEPTED)
    add_progress(db, ids["books"], recorded_on=date(2026, 2, 1), note="已到 300 册", percent=60)
    _to(db, ids["on_time"], S.ACCEPTED, S.FULFILLED)
    _to(db, ids["late"], S.ACCEPTED, S.FULFILLED, on=date(2026, 4, 3))
    _to(db, ids["cancelled"], S.CANCELLED)
    _to(db, ids["other"], S.ACCEPTED, S.IN_PROGRESS)
    _to(db, ids["last_year"], S.ACCEPTED, S.FULFILLED, on=date(2025, 12, 1))
    return ids


def _ids(db: Database, book: dict[str, int], **filters: object) -> set[str]:
    names = {v: k for k, v in book.items() if k != "meeting"}
    f = CommitmentFilter(**filters)  # type: ignore[arg-type]
    rows = fetch_commitments(db, f, today=TODAY, limit=1000)
    assert count_commitments(db, f, today=TODAY) == len(rows)
    return {names[r.id] for r in rows}


def test_filters(db: Database, world: World, book: dict[str, int]) -> None:
    everything = set(book) - {"meeting"}
    assert _ids(db, book) == everything
    assert _ids(db, book, alliance_id=world.two) == {"other"}
    assert _ids(db, book, unit_id=world.firm) == {"parking"}
    assert _ids(db, book, unit_id=world.community_a) == everything - {"other"}
    assert _ids(db, book, direction=CommitmentDirection.COMMUNITY_TO_UNIT) == {"parking"}
    assert _ids(db, book, state=OVERDUE) == {"overdue", "other"}
    assert _ids(db, book, state=S.IN_PROGRESS) == {"books", "other"}
    assert _ids(db, book, state="fulfilled") == {"on_time", "late", "last_year"}
    assert _ids(db, book, category="场地") == {"venue"}
    assert _ids(db, book, due_window=DueWindow.THIS_WEEK) == {"venue"}
    assert _ids(db, book, due_window=DueWindow.NEXT_7_DAYS) == {"venue"}
    assert _ids(db, book, due_window=DueWindow.THIS_MONTH) == {"venue", "books"}
    assert _ids(db, book, due_window=DueWindow.OVERDUE) == {"overdue", "other"}
    assert _ids(db, book, source_meeting_id=book["meeting"]) == {"other"}
    assert _ids(db, book, alliance_id=world.one, state=OVERDUE) == {"overdue"}


def test_text_search_over_content_and_party_names(
    db: Database, world: World, book: dict[str, int]
) -> None:
    assert _ids(db, book, text="图书") == {"books"}
    assert _ids(db, book, text=" abc ") == {"books"}  # case-insensitive, trimmed
    assert _ids(db, book, text="兴业") == {"parking"}  # the promisee's name
    assert _ids(db, book, text="社区乙") == {"other"}
    assert _ids(db, book, text="50%") == {"other"}  # LIKE wildcards are literal
    assert _ids(db, book, text="%") == {"other"}
    assert _ids(db, book, text="_专") == {"other"}
    assert _ids(db, book, text="无此内容") == set()


def test_state_counts_in_one_query_with_overdue(
    db: Database, world: World, book: dict[str, int]
) -> None:
    expected = {
        "proposed": 2,
        "accepted": 1,
        "in_progress": 2,
        "fulfilled": 3,
        "cancelled": 1,
        "overdue": 2,
    }
    assert state_counts(db, CommitmentFilter(), today=TODAY) == expected
    # The state being looked at does not hide the other states' counts.
    assert state_counts(db, CommitmentFilter(state=OVERDUE), today=TODAY) == expected
    two = state_counts(db, CommitmentFilter(alliance_id=world.two), today=TODAY)
    assert two == dict.fromkeys(expected, 0) | {"in_progress": 1, "overdue": 1}
    # Two months earlier nothing was overdue yet.
    early = state_counts(db, CommitmentFilter(), today=date(2026, 2, 1))
    assert early["overdue"] == 0


def test_rows_carry_names_flags_and_progress(
    db: Database, world: World, book: dict[str, int]
) -> None:
    rows = {r.id: r for r in fetch_commitments(db, CommitmentFilter(), today=TODAY, limit=50)}
    other = rows[book["other"]]
    assert (other.alliance_name, other.promisor_name, other.promisee_name) == (
        "二联盟",
        "民政局",
        "社区乙",
    )
    assert other.overdue and not other.late and other.percent is None
    assert rows[book["late"]].late and not rows[book["late"]].overdue
    assert not rows[book["on_time"]].late
    assert rows[book["books"]].percent == 60
    assert rows[book["on_time"]].percent == 100  # fulfilled without a progress line
    assert get_commitment(db, book["on_time"]).percent == 100
    assert rows[book["parking"]].direction is CommitmentDirection.COMMUNITY_TO_UNIT


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_are_stable_and_complete(
    db: Database, world: World, book: dict[str, int], sort: SortKey, descending: bool
) -> None:
    # Duplicate sort keys (same due date, same names) must still page without overlap.
    for n in range(6):
        make(db, world, content=f"同日承诺{n}")
    f = CommitmentFilter(sort=sort, descending=descending)
    whole = [r.id for r in fetch_commitments(db, f, today=TODAY, limit=1000)]
    pages = [
        r.id
        for offset in range(0, len(whole), 4)
        for r in fetch_commitments(db, f, today=TODAY, offset=offset, limit=4)
    ]
    assert pages == whole
    assert len(set(whole)) == len(whole) == count_commitments(db, f, today=TODAY) == 15
    again = [r.id for r in fetch_commitments(db, f, today=TODAY, limit=1000)]
    assert again == whole


def test_sort_orders(db: Database, world: World, book: dict[str, int]) -> None:
    def order(sort: SortKey, descending: bool = False) -> list[int]:
        f = CommitmentFilter(sort=sort, descending=descending)
        return [r.id for r in fetch_commitments(db, f, today=TODAY, limit=100)]

    rows = {r.id: r for r in fetch_commitments(db, CommitmentFilter(), today=TODAY, limit=100)}
    due = [rows[i].due_on for i in order(SortKey.DUE_ON)]
    assert due == sorted(due)
    states = [rows[i].state for i in order(SortKey.STATE)]
    assert states[0] is S.PROPOSED and states[-1] is S.CANCELLED
    # names in pinyin order (二 er before 一 yi), by the database on SQLite and PostgreSQL
    assert rows[order(SortKey.ALLIANCE)[0]].alliance_name == "二联盟"
    assert rows[order(SortKey.ALLIANCE, True)[0]].alliance_name == "一联盟"
    promisors = [rows[i].promisor_name for i in order(SortKey.PROMISOR)]
    assert promisors == sorted(promisors, key=sort_key) and len(set(promisors)) > 1
    fulfilled = [rows[i].fulfilled_on for i in order(SortKey.FULFILLED_ON, True)]
    assert fulfilled[:3] == [date(2026, 4, 3), date(2026, 3, 20), date(2025, 12, 1)]
    assert all(d is None for d in fulfilled[3:])
    assert order(SortKey.ID, True) == sorted(rows, reverse=True)


def test_paging_arguments_are_checked(db: Database) -> None:
    with pytest.raises(ValueError):
        fetch_commitments(db, CommitmentFilter(), today=TODAY, limit=0)
    assert fetch_commitments(db, CommitmentFilter(), today=TODAY, offset=10) == []


def test_fulfilment_stats(db: Database, world: World, book: dict[str, int]) -> None:
    rate(
        db,
        book["on_time"],
        rater_unit_id=world.community_a,
        rating=Rating.SATISFIED,
        comment="",
        rated_on=date(2026, 3, 21),
    )
    rate(
        db,
        book["on_time"],
        rater_unit_id=world.bureau,
        rating=Rating.BASICALLY_SATISFIED,
        comment="",
        rated_on=date(2026, 3, 21),
    )
    rate(
        db,
        book["late"],
        rater_unit_id=world.community_a,
        rating=Rating.UNSATISFIED,
        comment="拖延",
        rated_on=date(2026, 4, 5),
    )
    lines = fulfilment_stats(db, year=2026, today=TODAY)
    by = {(line.scope, line.name): line for line in lines}
    assert [line.scope for line in lines] == [
        StatScope.ALLIANCE,
        StatScope.ALLIANCE,
        StatScope.TOTAL,
        StatScope.UNIT,
        StatScope.UNIT,
    ]
    one = by[StatScope.ALLIANCE, "一联盟"].counts
    assert (one.on_time, one.late, one.open, one.overdue, one.cancelled) == (1, 1, 3, 1, 1)
    assert by[StatScope.ALLIANCE, "一联盟"].on_time_rate == pytest.approx(1 / 3)
    assert by[StatScope.ALLIANCE, "一联盟"].satisfaction_rate == pytest.approx(2 / 3)
    assert by[StatScope.ALLIANCE, "一联盟"].average_score == pytest.approx(220 / 3)
    two = by[StatScope.ALLIANCE, "二联盟"]
    assert (two.total, two.on_time_rate, two.satisfaction_rate) == (1, 0.0, None)
    total = by[StatScope.TOTAL, "合计"]
    assert (total.total, total.on_time_rate) == (8, pytest.approx(0.25))
    bureau = by[StatScope.UNIT, "民政局"]
    assert (bureau.total, bureau.counts.overdue) == (7, 2)
    assert (bureau.satisfaction_rate, bureau.average_score) == (0.5, 70.0)
    community = by[StatScope.UNIT, "社区甲"]
    assert (community.total, community.counts.open, community.on_time_rate) == (1, 1, None)
    assert (community.satisfaction_rate, community.ratings.total) == (1.0, 1)
    # One alliance, and another year.
    only_two = fulfilment_stats(db, year=2026, alliance_id=world.two, today=TODAY)
    assert [(line.scope, line.name, line.total) for line in only_two] == [
        (StatScope.ALLIANCE, "二联盟", 1),
        (StatScope.TOTAL, "合计", 1),
        (StatScope.UNIT, "民政局", 1),
    ]
    alliances_only = fulfilment_stats(db, year=2026, today=TODAY, per_unit=False)
    assert alliances_only == lines[:3]
    last = fulfilment_stats(db, year=2025, today=TODAY)
    assert [(line.name, line.counts.on_time, line.on_time_rate) for line in last] == [
        ("一联盟", 1, 1.0),
        ("合计", 1, 1.0),
        ("民政局", 1, 1.0),
    ]
    empty = fulfilment_stats(db, year=2020, today=TODAY)
    assert [(line.scope, line.total, line.on_time_rate) for line in empty] == [
        (StatScope.TOTAL, 0, None)
    ]


def test_many_named_units_fall_back_to_a_subquery(
    db: Database, world: World, book: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_desk.services.commitments import listing

    monkeypatch.setattr(listing, "_MAX_NAMED_UNITS", 0)
    assert _ids(db, book, text="兴业") == {"parking"}
    assert _ids(db, book, text="社区") == set(book) - {"meeting"}


def test_a_unit_on_one_side_only(db: Database, world: World, book: dict[str, int]) -> None:
    as_promisor = CommitmentFilter(unit_id=world.community_a, unit_role=PartyRole.PROMISOR)
    as_promisee = CommitmentFilter(unit_id=world.community_a, unit_role=PartyRole.PROMISEE)
    either = CommitmentFilter(unit_id=world.community_a)
    counts = [count_commitments(db, f, today=TODAY) for f in (as_promisor, as_promisee, either)]
    assert counts[0] + counts[1] == counts[2] and counts[0] > 0 and counts[1] > 0
    rows = fetch_commitments(db, as_promisor, today=TODAY, limit=50)
    assert {r.promisor_unit_id for r in rows} == {world.community_a}


def test_due_year(db: Database, world: World) -> None:
    this_year = make(db, world, due_on=date(2026, 12, 31)).id
    make(db, world, made_on=date(2026, 1, 5), due_on=date(2027, 1, 1))
    rows = fetch_commitments(db, CommitmentFilter(due_year=2026), today=TODAY)
    assert [r.id for r in rows] == [this_year]


@pytest.mark.parametrize("state", [None, S.PROPOSED, S.FULFILLED, OVERDUE])
@pytest.mark.parametrize("text", ["", "社区甲", "图书", "没有这样的字"])
def test_open_list_agrees_with_counts_and_pages(
    db: Database, book: dict[str, int], state: object, text: str
) -> None:
    """The one-scan path of a text search gives what the separate queries give."""
    f = CommitmentFilter(state=state, text=text, sort=SortKey.PROMISEE, descending=True)  # type: ignore[arg-type]
    window = open_list(db, f, today=TODAY, limit=3)
    counts = state_counts(db, f, today=TODAY)
    assert window.counts == counts
    assert window.total == matching_count(counts, f)
    every = fetch_commitments(db, f, today=TODAY, limit=100)
    assert [r.id for r in window.rows] == [r.id for r in every[:3]]
    if window.ids is not None:
        assert list(window.ids) == [r.id for r in every]
        assert fetch_rows(db, window.ids[1:3], today=TODAY) == every[1:3]


def test_choices_for_the_filter_bar(db: Database, world: World, book: dict[str, int]) -> None:
    meeting_id, decision_id = add_decision(db, world.one)
    make(db, world, source_decision_id=decision_id, made_on=date(2026, 1, 5))
    choices = filter_choices(db)
    assert [a.name for a in choices.alliances] == ["二联盟", "一联盟"]  # pinyin: er, yi
    meetings = meeting_choices(db)
    assert meeting_id in [m.id for m in meetings]
    assert all("第1次联席会议" in m.name for m in meetings)
    assert choices.years == (2026, 2025)  # due dates in the book span both
    assert commitment_categories(db) == ["场地", "志愿服务"]
    assert [u.name for u in unit_choices(db, alliance_id=world.two)] == sorted(["社区乙", "民政局"])


def test_every_matching_row_in_batches(db: Database, book: dict[str, int]) -> None:
    f = CommitmentFilter(sort=SortKey.CONTENT)
    batches = list(iter_commitments(db, f, today=TODAY, batch=4))
    assert [len(b) for b in batches][:-1] == [4] * (len(batches) - 1)
    assert [r.id for b in batches for r in b] == [
        r.id for r in fetch_commitments(db, f, today=TODAY, limit=1000)
    ]
