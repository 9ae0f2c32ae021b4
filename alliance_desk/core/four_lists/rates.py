"""四项清单 rates: the formulas the page, the dashboard and the 统计表 show beside each figure.

A rate is a fraction in ``[0, 1]``, or ``None`` when there is nothing to divide by.
"""

from __future__ import annotations

from dataclasses import dataclass

MATCH_RATE_FORMULA = "需求对接率 = 已对接或立项的需求 ÷ 已核实需求（含其后各状态）"
CLAIM_RATE_FORMULA = "认领率 = 已认领项目 ÷ 公示项目（公示待认领及其后各状态）"
COMPLETION_RATE_FORMULA = "办结率 = 已办结项目（含已评议）÷ 已认领项目（含其后各状态）"
ON_TIME_COMPLETION_FORMULA = "按期办结率 = 计划结束日当天或之前办结的项目 ÷ 已办结项目"
RESIDENT_SATISFACTION_FORMULA = "满意率 =（满意 + 基本满意）÷ 有效票（三档票数之和）"
GOOD_DEEDS_FORMULA = "好事实事 = 已办结（含已评议）的项目数"
UNIT_CLAIM_RATE_FORMULA = "单位认领率 = 该单位认领的项目 ÷ 该单位所在联盟公示的项目"
UNIT_COMPLETION_RATE_FORMULA = "单位办结率 = 该单位认领且已办结的项目 ÷ 该单位认领的项目"


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True, slots=True)
class ListCounts:
    """The counts behind every four-list rate of one scope (an alliance, a year, all)."""

    needs: int = 0
    verified: int = 0
    """Needs verified (已核实 or any later state)."""
    matched: int = 0
    """Needs matched or in a project (已对接, 已办结, 已评议)."""
    resources: int = 0
    active_resources: int = 0
    projects: int = 0
    published: int = 0
    claimed: int = 0
    finished: int = 0
    finished_on_time: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0

    @property
    def match_rate(self) -> float | None:
        return ratio(self.matched, self.verified)

    @property
    def claim_rate(self) -> float | None:
        return ratio(self.claimed, self.published)

    @property
    def completion_rate(self) -> float | None:
        return ratio(self.finished, self.claimed)

    @property
    def on_time_completion_rate(self) -> float | None:
        return ratio(self.finished_on_time, self.finished)

    @property
    def valid_votes(self) -> int:
        return self.satisfied + self.basically_satisfied + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        return ratio(self.satisfied + self.basically_satisfied, self.valid_votes)

    @property
    def good_deeds(self) -> int:
        return self.finished

    def __add__(self, other: ListCounts) -> ListCounts:
        return ListCounts(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def _values(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)  # type: ignore[attr-defined]


#: (label, attribute, formula) of every rate, in the order reports show them.
RATES: tuple[tuple[str, str, str], ...] = (
    ("需求对接率", "match_rate", MATCH_RATE_FORMULA),
    ("认领率", "claim_rate", CLAIM_RATE_FORMULA),
    ("办结率", "completion_rate", COMPLETION_RATE_FORMULA),
    ("按期办结率", "on_time_completion_rate", ON_TIME_COMPLETION_FORMULA),
    ("满意率", "satisfaction_rate", RESIDENT_SATISFACTION_FORMULA),
)


def percent_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def vote_error(participants: int, satisfied: int, basic: int, unsatisfied: int) -> str | None:
    """Why a 群众评议 tally cannot be saved, or None."""
    counts = (participants, satisfied, basic, unsatisfied)
    if any(c < 0 for c in counts):
        return "人数和票数不能为负数"
    if participants <= 0:
        return "参评人数须大于 0"
    if satisfied + basic + unsatisfied == 0:
        return "满意、基本满意、不满意票数不能都为 0"
    if satisfied + basic + unsatisfied > participants:
        return (
            f"三档票数之和（{satisfied + basic + unsatisfied}）不能超过参评人数（{participants}）"
        )
    return None
