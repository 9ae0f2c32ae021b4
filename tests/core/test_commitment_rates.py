"""The rate formulas on hand-computed cases; no denominator means no figure (None)."""

from __future__ import annotations

import pytest

from alliance_desk.core.commitments import (
    FulfilmentCounts,
    Outcome,
    RatingCounts,
    average_score,
    on_time_rate,
    satisfaction_rate,
)
from alliance_desk.core.vocab import Rating


def test_on_time_rate_counts_fulfilled_and_overdue_only() -> None:
    # 6 on time, 2 late, 2 open past due → 6 / 10; open-not-due and cancelled don't count.
    counts = FulfilmentCounts(on_time=6, late=2, open=5, overdue=2, cancelled=3)
    assert counts.on_time_rate == pytest.approx(0.6)
    assert counts.total == 18
    assert counts.fulfilled == 8
    assert on_time_rate(3, 1, 0) == pytest.approx(0.75)
    assert on_time_rate(0, 0, 4) == 0.0


def test_on_time_rate_without_a_denominator_is_none() -> None:
    assert on_time_rate(0, 0, 0) is None
    assert FulfilmentCounts(open=4, cancelled=2).on_time_rate is None


def test_satisfaction_rate_and_average_score() -> None:
    # 5 满意, 3 基本满意, 2 不满意 → (5+3)/10; (500+240+80)/10 = 82.
    assert satisfaction_rate(5, 3, 2) == pytest.approx(0.8)
    assert average_score(5, 3, 2) == pytest.approx(82.0)
    ratings = RatingCounts.of([Rating.SATISFIED, Rating.UNSATISFIED, Rating.UNSATISFIED])
    assert ratings == RatingCounts(1, 0, 2)
    assert ratings.satisfaction_rate == pytest.approx(1 / 3)
    assert ratings.average_score == pytest.approx(60.0)


def test_rates_without_ratings_are_none() -> None:
    assert satisfaction_rate(0, 0, 0) is None
    assert average_score(0, 0, 0) is None
    assert RatingCounts().satisfaction_rate is None


def test_counts_add_up_and_tally_outcomes() -> None:
    counts = FulfilmentCounts.of([Outcome.ON_TIME, Outcome.LATE, Outcome.ON_TIME, "overdue"])  # type: ignore[list-item]
    assert counts == FulfilmentCounts(on_time=2, late=1, overdue=1)
    assert counts + FulfilmentCounts(open=1) == FulfilmentCounts(2, 1, 1, 1, 0)
    assert RatingCounts(1, 2, 3) + RatingCounts(1, 1, 1) == RatingCounts(2, 3, 4)
