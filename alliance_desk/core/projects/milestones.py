"""A milestone's state and warning on a day; derived, never stored."""

from __future__ import annotations

from datetime import date

from alliance_desk.core.projects.vocab import Alert, MilestoneState

#: Days late (calendar days past the planned day) from which each warning applies.
BLUE_FROM, YELLOW_FROM, RED_FROM = 1, 8, 31
WARNING_RULE = (
    f"预警：节点逾期 {BLUE_FROM}–{YELLOW_FROM - 1} 天为蓝色，"
    f"{YELLOW_FROM}–{RED_FROM - 1} 天为黄色，{RED_FROM} 天及以上为红色；"
    "逾期完成的按完成时逾期天数计。"
)


def milestone_state(
    planned_on: date, actual_on: date | None, percent: int, today: date
) -> MilestoneState:
    """未开始 / 进行中 / 按期完成 / 逾期完成 / 逾期未完成 on ``today``."""
    if actual_on is not None:
        return MilestoneState.DONE_ON_TIME if actual_on <= planned_on else MilestoneState.DONE_LATE
    if planned_on < today:
        return MilestoneState.OVERDUE
    return MilestoneState.IN_PROGRESS if percent > 0 else MilestoneState.NOT_STARTED


def days_late(planned_on: date, actual_on: date | None, today: date) -> int:
    """Calendar days past the planned day: at completion, or until today if still open."""
    end = actual_on if actual_on is not None else today
    return max(0, (end - planned_on).days)


def warning_for(late: int) -> Alert:
    if late >= RED_FROM:
        return Alert.RED
    if late >= YELLOW_FROM:
        return Alert.YELLOW
    if late >= BLUE_FROM:
        return Alert.BLUE
    return Alert.NONE


def milestone_warning(planned_on: date, actual_on: date | None, today: date) -> Alert:
    return warning_for(days_late(planned_on, actual_on, today))


_ORDER = (Alert.NONE, Alert.BLUE, Alert.YELLOW, Alert.RED)


def worst(warnings: list[Alert]) -> Alert:
    """The most serious of ``warnings`` (无 for none)."""
    return max(warnings, key=_ORDER.index, default=Alert.NONE)
