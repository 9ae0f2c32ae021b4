"""Agenda timing: clock-time slots and the planned end."""

from __future__ import annotations

from datetime import datetime

import pytest

from alliance_desk.core.meetings import agenda_timing, duration_label, minutes_error


def test_slots_run_back_to_back_from_the_start() -> None:
    timing = agenda_timing(datetime(2026, 11, 20, 9, 0), [15, 30, 45])
    assert [s.label for s in timing.slots] == ["09:00–09:15", "09:15–09:45", "09:45–10:30"]
    assert [s.minutes for s in timing.slots] == [15, 30, 45]
    assert timing.end == datetime(2026, 11, 20, 10, 30)
    assert timing.end_label == "10:30"
    assert timing.label == "09:00–10:30"
    assert timing.total_minutes == 90
    assert timing.total_label == "1 小时 30 分钟"


def test_an_empty_agenda_ends_when_it_starts() -> None:
    timing = agenda_timing(datetime(2026, 11, 20, 14, 30), [])
    assert timing.slots == ()
    assert timing.end == timing.start
    assert timing.total_minutes == 0
    assert timing.end_label == "14:30"


def test_a_meeting_running_past_midnight_says_so() -> None:
    timing = agenda_timing(datetime(2026, 11, 20, 23, 30), [20, 20])
    assert [s.label for s in timing.slots] == ["23:30–23:50", "23:50–次日00:10"]
    assert timing.end_label == "次日00:10"


def test_negative_minutes_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        agenda_timing(datetime(2026, 11, 20, 9), [10, -5])


@pytest.mark.parametrize(
    ("minutes", "label"), [(0, "0 分钟"), (45, "45 分钟"), (60, "1 小时"), (125, "2 小时 5 分钟")]
)
def test_duration_label(minutes: int, label: str) -> None:
    assert duration_label(minutes) == label


def test_allotted_minutes_rule() -> None:
    assert minutes_error(10) is None
    assert minutes_error(480) is None
    assert minutes_error(None) == "请填写议题用时（分钟）"
    assert minutes_error(0) == "议题用时应为 1–480 分钟"
    assert minutes_error(481) == "议题用时应为 1–480 分钟"
