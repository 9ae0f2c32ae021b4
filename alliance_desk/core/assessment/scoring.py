"""考核计分: 折算分, 满意率, 综合分, caps, 等次 and 排名 — the formulas every print shows.

Scores are on a 0–100 scale; weights are percentages that add up to 100. An indicator
without data for a unit scores 0 (the scorecard says 无数据), so the total can always be
recomputed as Σ 权重 × 分项 ÷ 100 + 加分 − 扣分 from the printed columns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from alliance_desk.core.assessment.vocab import (
    GRADE_ORDER,
    VOTE_COEFFICIENTS,
    Grade,
    GradeMode,
    Vote,
)

TOTAL_FORMULA = "综合分 = Σ（权重 × 分项得分）÷ 100 + 加分 − 扣分"
BALLOT_FORMULA = "折算分 = Σ（票数 × 档位系数）÷ 有效票 × 100；档位系数：" + "，".join(
    f"{v.label} {c:g}" for v, c in VOTE_COEFFICIENTS.items()
)
REVIEW_FORMULA = "述职评议得分 = Σ（各评议组权重 × 该组折算分）÷ 有票评议组权重之和"
SURVEY_FORMULA = "满意率 =（满意 + 基本满意）÷ 参评人数 × 100"
WEIGHT_TOTAL = 100.0
MAX_ADJUSTMENT = 20.0


def round_score(value: float) -> float:
    """Two decimals, halves away from zero (as printed and as Excel's ROUND does)."""
    return math.floor(abs(value) * 100 + 0.5) / 100 * (1 if value >= 0 else -1)


# --- 述职评议 -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VoteCounts:
    good: int = 0
    fairly_good: int = 0
    average: int = 0
    poor: int = 0

    @property
    def valid(self) -> int:
        return self.good + self.fairly_good + self.average + self.poor

    def of(self, vote: Vote) -> int:
        return int(getattr(self, Vote(vote).value))

    def __add__(self, other: VoteCounts) -> VoteCounts:
        return VoteCounts(
            self.good + other.good,
            self.fairly_good + other.fairly_good,
            self.average + other.average,
            self.poor + other.poor,
        )


def ballot_score(votes: VoteCounts) -> float | None:
    """折算分 = Σ(票数 × 档位系数) ÷ 有效票 × 100; None without a valid vote."""
    valid = votes.valid
    if valid == 0:
        return None
    c = VOTE_COEFFICIENTS
    points = (
        votes.good * c[Vote.GOOD]
        + votes.fairly_good * c[Vote.FAIRLY_GOOD]
        + votes.average * c[Vote.AVERAGE]
        + votes.poor * c[Vote.POOR]
    )
    return points / valid * 100


def tally_error(votes: VoteCounts, returned: int, issued: int) -> str | None:
    """A unit's tally of one rater group against the ballots issued and returned."""
    if min(votes.good, votes.fairly_good, votes.average, votes.poor) < 0:
        return "票数不能为负数"
    if returned > issued:
        return f"收回票数（{returned}）多于发出票数（{issued}）"
    if votes.valid > returned:
        return f"有效票（{votes.valid}）多于收回票数（{returned}）"
    return None


def review_score(groups: Sequence[tuple[float, float | None]]) -> float | None:
    """(group weight, group 折算分) → the weighted mean over the groups that have votes."""
    voted = [(w, s) for w, s in groups if s is not None and w > 0]
    weight = sum(w for w, _ in voted)
    if not weight:
        return None
    return sum(w * s for w, s in voted) / weight


# --- 群众满意度测评 -----------------------------------------------------------------------
def survey_error(participants: int, satisfied: int, basic: int, unsatisfied: int) -> str | None:
    if min(participants, satisfied, basic, unsatisfied) < 0:
        return "人数不能为负数"
    if satisfied + basic + unsatisfied > participants:
        return "满意、基本满意、不满意人数之和超过参评人数"
    return None


def survey_rate(participants: int, satisfied: int, basic: int) -> float | None:
    """满意率 in percent; None when nobody took part."""
    if participants <= 0:
        return None
    return (satisfied + basic) / participants * 100


# --- 综合分 -------------------------------------------------------------------------------
def weights_error(weights: Mapping[str, float]) -> str | None:
    """Weights are 0–100 and add up to 100 (printed on every scorecard)."""
    if not weights:
        return "请至少为一个指标设置权重"
    if any(w < 0 or w > WEIGHT_TOTAL for w in weights.values()):
        return "每项权重应在 0 到 100 之间"
    total = sum(weights.values())
    if abs(total - WEIGHT_TOTAL) > 1e-6:
        return f"各项权重之和应为 100，现为 {total:g}"
    return None


def composite(
    parts: Sequence[tuple[float, float | None]], bonus: float = 0.0, penalty: float = 0.0
) -> float:
    """综合分 = Σ(权重 × 分项) ÷ 100 + 加分 − 扣分; a missing part scores 0."""
    weighted = sum(w * (s or 0.0) for w, s in parts) / WEIGHT_TOTAL
    return round_score(weighted + bonus - penalty)


def adjustment_total(points: Sequence[float]) -> float:
    """加分 (or 扣分) of a unit, capped at ``MAX_ADJUSTMENT``."""
    return min(MAX_ADJUSTMENT, round_score(sum(points)))


# --- 等次 and 排名 -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GradeRule:
    """How 等次 are given: score lines, or quotas (percent of units) with a 较差 line."""

    mode: GradeMode = GradeMode.THRESHOLDS
    excellent_from: float = 90.0
    good_from: float = 80.0
    fair_from: float = 60.0
    excellent_quota: float = 20.0
    good_quota: float = 30.0

    def error(self) -> str | None:
        if self.mode is GradeMode.THRESHOLDS and not (
            self.excellent_from >= self.good_from >= self.fair_from >= 0
        ):
            return "分数线应满足：优秀 ≥ 良好 ≥ 一般 ≥ 0"
        if self.mode is GradeMode.QUOTAS and not (
            0 <= self.excellent_quota <= 100
            and 0 <= self.good_quota <= 100
            and self.excellent_quota + self.good_quota <= 100
        ):
            return "优秀、良好比例应在 0–100% 之间，且两者之和不超过 100%"
        if self.fair_from < 0:
            return "一般等次的分数线不能为负"
        return None

    def describe(self) -> str:
        if self.mode is GradeMode.THRESHOLDS:
            return (
                f"等次按分数线：优秀 ≥ {self.excellent_from:g}，良好 ≥ {self.good_from:g}，"
                f"一般 ≥ {self.fair_from:g}，其余较差"
            )
        return (
            f"等次按比例：按排名前 {self.excellent_quota:g}% 为优秀，"
            f"其后 {self.good_quota:g}% 为良好，"
            f"其余 ≥ {self.fair_from:g} 分为一般、低于为较差；一票否决的单位不占比例"
        )


def threshold_grade(total: float, rule: GradeRule) -> Grade:
    if total >= rule.excellent_from:
        return Grade.EXCELLENT
    if total >= rule.good_from:
        return Grade.GOOD
    if total >= rule.fair_from:
        return Grade.FAIR
    return Grade.POOR


def lower(grade: Grade, cap: Grade | None) -> Grade:
    """The worse of ``grade`` and ``cap`` (a 一票否决 cap)."""
    if cap is None:
        return grade
    return max(grade, cap, key=GRADE_ORDER.index)


def ranks(totals: Sequence[float]) -> list[int]:
    """Competition ranking (1, 2, 2, 4) by total, highest first, in the input's order."""
    order = sorted(range(len(totals)), key=lambda i: -totals[i])
    result = [0] * len(totals)
    previous: float | None = None
    rank = 0
    for position, i in enumerate(order, start=1):
        if previous is None or totals[i] != previous:
            rank = position
            previous = totals[i]
        result[i] = rank
    return result


def quota_count(percent: float, units: int) -> int:
    """How many units a quota allows: rounded down (a quota is a ceiling)."""
    return math.floor(units * percent / 100 + 1e-9)


def grades(totals: Sequence[float], caps: Sequence[Grade | None], rule: GradeRule) -> list[Grade]:
    """等次 per unit, in the input's order; caps (一票否决) always apply.

    By quotas: uncapped units in rank order fill 优秀 then 良好 up to their counts
    (units tied at the edge are all let in only if the quota still holds them — a
    tie that would overflow the quota goes to the next 等次 for all of them); the rest
    are 一般 or, under the 一般 line, 较差.
    """
    if rule.mode is GradeMode.THRESHOLDS:
        return [lower(threshold_grade(t, rule), c) for t, c in zip(totals, caps, strict=True)]
    free = [i for i, c in enumerate(caps) if c is None]
    n = len(free)
    slots = {
        Grade.EXCELLENT: quota_count(rule.excellent_quota, n),
        Grade.GOOD: quota_count(rule.good_quota, n),
    }
    result: list[Grade] = [Grade.POOR] * len(totals)
    for i, cap in enumerate(caps):
        base = Grade.FAIR if totals[i] >= rule.fair_from else Grade.POOR
        result[i] = lower(base, cap)
    order = sorted(free, key=lambda i: -totals[i])
    position = 0
    for grade in (Grade.EXCELLENT, Grade.GOOD):
        room = slots[grade]
        while position < len(order):
            tied = [i for i in order[position:] if totals[i] == totals[order[position]]]
            if len(tied) > room or totals[tied[0]] < rule.fair_from:
                break
            for i in tied:
                result[i] = grade
            room -= len(tied)
            position += len(tied)
    return result
