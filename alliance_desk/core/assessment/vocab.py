"""Words of the year-end assessment (年终考核)."""

from __future__ import annotations

from alliance_desk.core.vocab import LabelledEnum


class Grade(LabelledEnum):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    FAIR = "fair", "一般"
    POOR = "poor", "较差"


#: Best first.
GRADE_ORDER: tuple[Grade, ...] = (Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR)


class GradeMode(LabelledEnum):
    THRESHOLDS = "thresholds", "按分数线"
    QUOTAS = "quotas", "按比例"


class AdjustmentKind(LabelledEnum):
    BONUS = "bonus", "加分"
    PENALTY = "penalty", "扣分"
    VETO = "veto", "一票否决"


class Vote(LabelledEnum):
    GOOD = "good", "好"
    FAIRLY_GOOD = "fairly_good", "较好"
    AVERAGE = "average", "一般"
    POOR = "poor", "差"


#: 档位系数 of the 述职评议 votes.
VOTE_COEFFICIENTS: dict[Vote, float] = {
    Vote.GOOD: 1.0,
    Vote.FAIRLY_GOOD: 0.8,
    Vote.AVERAGE: 0.6,
    Vote.POOR: 0.0,
}
