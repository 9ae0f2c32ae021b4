"""The 双报到 report's rates: one formula each, shared by the page, prints and the assessment."""

from __future__ import annotations

from dataclasses import dataclass

REPORT_RATE_FORMULA = "报到率 = 已报到 ÷ 应报到"
PARTICIPATION_FORMULA = "参与率 = 至少服务一次的党员 ÷ 已报到"
AVERAGE_HOURS_FORMULA = "人均时长 = 已确认服务总时长 ÷ 已报到"
TARGET_RATE_FORMULA = "时长达标率 = 年度时长达到目标的党员 ÷ 已报到"


def ratio(part: int | float, whole: int | float) -> float | None:
    """``part ÷ whole``, or ``None`` when there is nothing to divide by (shown as “—”)."""
    return None if not whole else part / whole


@dataclass(frozen=True)
class UnitFigures:
    expected: int
    reported: int
    served: int
    attendances: int
    total_hours: float
    reached_target: int
    pairs: int
    visits: int

    @property
    def report_rate(self) -> float | None:
        return ratio(self.reported, self.expected)

    @property
    def participation_rate(self) -> float | None:
        return ratio(self.served, self.reported)

    @property
    def average_hours(self) -> float | None:
        return ratio(self.total_hours, self.reported)

    @property
    def target_rate(self) -> float | None:
        return ratio(self.reached_target, self.reported)

    def below_threshold(self, threshold: float) -> bool:
        """Flag a unit whose 报到率 is below ``threshold`` (nobody expected: not flagged)."""
        rate = self.report_rate
        return rate is not None and rate < threshold
