"""Overdue and late are derived from dates; "today" is the clerk's day in Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from alliance_desk.core.commitments import (
    DueWindow,
    Outcome,
    due_window_range,
    fulfilled_late,
    is_overdue,
    local_date,
    outcome,
)
from alliance_desk.core.vocab import CommitmentState as S

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = date(2026, 3, 31)


@pytest.mark.parametrize("state", [S.PROPOSED, S.ACCEPTED, S.IN_PROGRESS])
def test_open_commitment_is_overdue_only_after_its_due_day(state: S) -> None:
    assert not is_overdue(state, DUE, DUE - timedelta(days=1))
    assert not is_overdue(state, DUE, DUE)
    assert is_overdue(state, DUE, DUE + timedelta(days=1))


@pytest.mark.parametrize("state", [S.FULFILLED, S.CANCELLED])
def test_closed_commitment_is_never_overdue(state: S) -> None:
    assert not is_overdue(state, DUE, DUE + timedelta(days=365))


def test_overdue_turns_at_midnight_in_shanghai() -> None:
    before = datetime(2026, 3, 31, 23, 59, 59, tzinfo=SHANGHAI)
    after = datetime(2026, 4, 1, 0, 0, tzinfo=SHANGHAI)
    assert not is_overdue(S.IN_PROGRESS, DUE, local_date(before))
    assert is_overdue(S.IN_PROGRESS, DUE, local_date(after))


def test_a_utc_time_already_the_next_day_in_shanghai() -> None:
    # 16:30 UTC on 31 March is 00:30 on 1 April in Shanghai: the day is over there.
    moment = datetime(2026, 3, 31, 16, 30, tzinfo=UTC)
    assert moment.date() == DUE
    assert local_date(moment) == date(2026, 4, 1)
    assert is_overdue(S.ACCEPTED, DUE, local_date(moment))
    # 15:59 UTC is 23:59 in Shanghai: still due today, not overdue.
    assert not is_overdue(S.ACCEPTED, DUE, local_date(datetime(2026, 3, 31, 15, 59, tzinfo=UTC)))


def test_local_date_in_other_zones_and_by_name() -> None:
    moment = datetime(2026, 4, 1, 2, 0, tzinfo=SHANGHAI)  # 18:00 UTC on 31 March
    assert local_date(moment) == date(2026, 4, 1)
    assert local_date(moment, "Europe/Berlin") == date(2026, 3, 31)
    assert local_date(moment, timezone(timedelta(hours=-5))) == date(2026, 3, 31)
    assert local_date(moment, UTC) == date(2026, 3, 31)


def test_local_date_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        local_date(datetime(2026, 3, 31, 12, 0))


def test_fulfilment_after_the_due_day_is_late() -> None:
    assert not fulfilled_late(DUE, DUE - timedelta(days=3))
    assert not fulfilled_late(DUE, DUE)
    assert fulfilled_late(DUE, DUE + timedelta(days=1))
    assert not fulfilled_late(DUE, None)


@pytest.mark.parametrize(
    ("state", "fulfilled_on", "today", "expected"),
    [
        (S.FULFILLED, DUE, DUE + timedelta(days=9), Outcome.ON_TIME),
        (S.FULFILLED, DUE + timedelta(days=1), DUE + timedelta(days=9), Outcome.LATE),
        (S.IN_PROGRESS, None, DUE, Outcome.OPEN),
        (S.PROPOSED, None, DUE + timedelta(days=1), Outcome.OVERDUE),
        (S.CANCELLED, None, DUE + timedelta(days=1), Outcome.CANCELLED),
    ],
)
def test_each_commitment_has_one_outcome(
    state: S, fulfilled_on: date | None, today: date, expected: Outcome
) -> None:
    assert outcome(state, DUE, fulfilled_on, today) is expected


@pytest.mark.parametrize(
    ("window", "today", "expected"),
    [
        (DueWindow.THIS_WEEK, date(2026, 4, 1), (date(2026, 3, 30), date(2026, 4, 5))),
        (DueWindow.THIS_WEEK, date(2026, 4, 5), (date(2026, 3, 30), date(2026, 4, 5))),
        (DueWindow.THIS_MONTH, date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28))),
        (DueWindow.THIS_MONTH, date(2028, 2, 29), (date(2028, 2, 1), date(2028, 2, 29))),
        (DueWindow.NEXT_7_DAYS, date(2026, 12, 28), (date(2026, 12, 28), date(2027, 1, 3))),
        (DueWindow.OVERDUE, date(2026, 1, 1), (None, date(2025, 12, 31))),
    ],
)
def test_due_windows(
    window: DueWindow, today: date, expected: tuple[date | None, date | None]
) -> None:
    assert due_window_range(window, today) == expected
