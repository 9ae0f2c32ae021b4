"""倒排工期 and milestone states: property-tested on arbitrary workday calendars."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_desk.core.errors import DomainError
from alliance_desk.core.meetings import WorkdayCalendar
from alliance_desk.core.projects import (
    Alert,
    MilestoneState,
    ProjectState,
    ProjectStep,
    check_step,
    milestone_state,
    milestone_warning,
    plan_backwards,
    steps_from,
    warning_for,
    workdays_between,
)

BASE = date(2025, 1, 1)
holidays = st.frozensets(st.integers(0, 400), max_size=120)
steps = st.lists(
    st.tuples(st.sampled_from(["调研", "方案", "实施", "验收"]), st.integers(1, 40)),
    min_size=1,
    max_size=6,
)


def calendar_without(days_off: frozenset[int]):  # type: ignore[no-untyped-def]
    def is_workday(day: date) -> bool:
        return day.weekday() < 5 and (day - BASE).days not in days_off

    return is_workday


@given(holidays, steps, st.integers(200, 400), st.integers(0, 200))
def test_backward_plan_uses_exact_working_days_and_meets_the_deadline(
    days_off: frozenset[int], milestones: list[tuple[str, int]], deadline_at: int, start_at: int
) -> None:
    is_workday = calendar_without(days_off)
    deadline = BASE + timedelta(days=deadline_at)
    earliest = BASE + timedelta(days=start_at)
    plan = plan_backwards(deadline, milestones, earliest=earliest, is_workday=is_workday)
    assert plan.steps[-1].end <= deadline
    # the last step ends on the last working day on or before the deadline
    assert workdays_between(plan.steps[-1].end + timedelta(days=1), deadline, is_workday) == 0
    for step, (_name, duration) in zip(plan.steps, milestones, strict=True):
        assert is_workday(step.start) and is_workday(step.end)
        assert workdays_between(step.start, step.end, is_workday) == duration
    for before, after in zip(plan.steps, plan.steps[1:], strict=False):
        assert before.end < after.start
        # no working day is left idle between two steps
        assert (
            workdays_between(
                before.end + timedelta(days=1), after.start - timedelta(days=1), is_workday
            )
            == 0
        )
    total = sum(d for _n, d in milestones)
    available = workdays_between(earliest, deadline, is_workday)
    assert plan.fits == (available >= total)
    if plan.fits:
        assert plan.steps[0].start >= earliest and plan.message == ""
    else:
        assert plan.shortfall == total - available
        assert "排不下" in plan.message and str(plan.shortfall) in plan.message


def test_plan_on_the_meetings_calendar_skips_national_day() -> None:
    calendar = WorkdayCalendar()
    plan = plan_backwards(
        date(2025, 10, 10),
        [("方案", 3), ("实施", 5)],
        earliest=date(2025, 9, 1),
        is_workday=calendar.is_workday,
    )
    # 10-1..10-8 are the National Day holiday; Sunday 9-28 is an adjusted working day:
    # 实施 takes 10-10, 10-9, 9-30, 9-29, 9-28; 方案 ends on Friday 9-26
    assert plan.steps[1].end == date(2025, 10, 10)
    assert plan.steps[1].start == date(2025, 9, 28)
    assert plan.steps[0].end == date(2025, 9, 26)


def test_a_plan_that_cannot_fit_says_so() -> None:
    calendar = WorkdayCalendar()
    plan = plan_backwards(
        date(2025, 3, 14), [("实施", 20)], earliest=date(2025, 3, 3), is_workday=calendar.is_workday
    )
    assert not plan.fits and plan.shortfall == 10


@pytest.mark.parametrize("milestones", [[], [("", 3)], [("实施", 0)], [("实施", 10_000)]])
def test_bad_milestone_lists_are_refused(milestones: list[tuple[str, int]]) -> None:
    with pytest.raises(DomainError):
        plan_backwards(date(2025, 6, 1), milestones, earliest=BASE, is_workday=lambda d: True)


days = st.integers(-100, 100)


@given(days, st.one_of(st.none(), days), st.integers(0, 100), days)
def test_milestone_state_and_warning_agree(
    planned: int, actual: int | None, percent: int, today_at: int
) -> None:
    planned_on = BASE + timedelta(days=planned)
    actual_on = None if actual is None else BASE + timedelta(days=actual)
    today = BASE + timedelta(days=today_at)
    state = milestone_state(planned_on, actual_on, percent, today)
    alert = milestone_warning(planned_on, actual_on, today)
    if state in (
        MilestoneState.DONE_ON_TIME,
        MilestoneState.NOT_STARTED,
        MilestoneState.IN_PROGRESS,
    ):
        assert alert is Alert.NONE
    else:
        assert alert is not Alert.NONE


@given(st.integers(0, 400), st.integers(0, 400))
def test_warnings_grow_with_lateness(a: int, b: int) -> None:
    order = [Alert.NONE, Alert.BLUE, Alert.YELLOW, Alert.RED]
    low, high = sorted((a, b))
    assert order.index(warning_for(low)) <= order.index(warning_for(high))


def test_warning_bands() -> None:
    assert [warning_for(n) for n in (0, 1, 7, 8, 30, 31)] == [
        Alert.NONE,
        Alert.BLUE,
        Alert.BLUE,
        Alert.YELLOW,
        Alert.YELLOW,
        Alert.RED,
    ]


def test_project_steps_follow_the_state_machine() -> None:
    assert steps_from(ProjectState.DECLARED) == [ProjectStep.REVIEW, ProjectStep.TERMINATE]
    assert ProjectStep.POSTPONE in steps_from(ProjectState.IN_PROGRESS)
    assert steps_from(ProjectState.CLOSED) == []
    with pytest.raises(DomainError, match="不能验收"):
        check_step(ProjectState.IN_PROGRESS, ProjectStep.ACCEPT)
