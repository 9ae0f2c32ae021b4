"""履诺率 and 满意率: the formulas the dashboard, the report and the tooltips show.

A rate is a fraction in ``[0, 1]`` (the UI formats it as a percentage), or ``None``
when there is nothing to divide by — "no figure yet" is not 0 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from alliance_desk.core.commitments.dates import Outcome
from alliance_desk.core.vocab import RATING_SCORES, Rating

ON_TIME_RATE_FORMULA = (
    "按期履诺率 = 按期履诺数 ÷（已履诺数 + 逾期未履诺数）。"
    "统计期内到期的承诺参加计算；已取消的、尚未到期的不计入。"
)
SATISFACTION_RATE_FORMULA = "满意率 =（满意 + 基本满意）÷ 全部评价数。"
AVERAGE_SCORE_FORMULA = "平均分 = 各评价分值之和 ÷ 评价数（满意 100，基本满意 80，不满意 40）。"


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def on_time_rate(on_time: int, late: int, overdue: int) -> float | None:
    """按期履诺率 = on_time ÷ (on_time + late + overdue).

    Counted over the commitments *due* in the period: ``on_time`` were fulfilled on or
    before their due day, ``late`` after it, ``overdue`` are still open with the due
    day passed. Cancelled commitments and open ones not yet due are left out (nothing
    is owed yet, or nothing is owed any more). None when the denominator is 0.
    """
    return _ratio(on_time, on_time + late + overdue)


def satisfaction_rate(satisfied: int, basically_satisfied: int, unsatisfied: int) -> float | None:
    """满意率 = (满意 + 基本满意) ÷ (满意 + 基本满意 + 不满意); None without ratings."""
    return _ratio(satisfied + basically_satisfied, satisfied + basically_satisfied + unsatisfied)


def average_score(satisfied: int, basically_satisfied: int, unsatisfied: int) -> float | None:
    """Mean of ``RATING_SCORES`` over the ratings (满意 100, 基本满意 80, 不满意 40)."""
    total = satisfied + basically_satisfied + unsatisfied
    points = (
        satisfied * RATING_SCORES[Rating.SATISFIED]
        + basically_satisfied * RATING_SCORES[Rating.BASICALLY_SATISFIED]
        + unsatisfied * RATING_SCORES[Rating.UNSATISFIED]
    )
    return _ratio(points, total)


@dataclass(frozen=True, slots=True)
class FulfilmentCounts:
    """Commitments of one scope, each counted under exactly one ``Outcome``."""

    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    cancelled: int = 0

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> FulfilmentCounts:
        counts = dict.fromkeys(Outcome, 0)
        for item in outcomes:
            counts[Outcome(item)] += 1
        return cls(**{k.value: v for k, v in counts.items()})

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.open + self.overdue + self.cancelled

    @property
    def fulfilled(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.on_time, self.late, self.overdue)

    def __add__(self, other: FulfilmentCounts) -> FulfilmentCounts:
        return FulfilmentCounts(
            self.on_time + other.on_time,
            self.late + other.late,
            self.open + other.open,
            self.overdue + other.overdue,
            self.cancelled + other.cancelled,
        )


@dataclass(frozen=True, slots=True)
class RatingCounts:
    """How many ratings of each kind one scope received."""

    satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0

    @classmethod
    def of(cls, ratings: Iterable[Rating]) -> RatingCounts:
        counts = dict.fromkeys(Rating, 0)
        for item in ratings:
            counts[Rating(item)] += 1
        return cls(**{k.value: v for k, v in counts.items()})

    @property
    def total(self) -> int:
        return self.satisfied + self.basically_satisfied + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        return satisfaction_rate(self.satisfied, self.basically_satisfied, self.unsatisfied)

    @property
    def average_score(self) -> float | None:
        return average_score(self.satisfied, self.basically_satisfied, self.unsatisfied)

    def __add__(self, other: RatingCounts) -> RatingCounts:
        return RatingCounts(
            self.satisfied + other.satisfied,
            self.basically_satisfied + other.basically_satisfied,
            self.unsatisfied + other.unsatisfied,
        )


def rating_comment_error(rating: Rating, comment: str) -> str | None:
    """不满意 must say why (the other side is to act on it); other levels may be silent."""
    if Rating(rating) is Rating.UNSATISFIED and not comment.strip():
        return "评价为“不满意”时须填写评语，说明不满意的原因"
    return None
