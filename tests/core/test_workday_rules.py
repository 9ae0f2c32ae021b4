from datetime import datetime

import pytest

from alliance_desk.core.errors import DomainError
from alliance_desk.core.workday.hours import (
    Attendance,
    SheetRow,
    check_correction,
    check_sheet,
    service_hours,
)
from alliance_desk.core.workday.masking import mask_address, mask_name, mask_phone
from alliance_desk.core.workday.rates import UnitFigures
from alliance_desk.core.workday.states import MemberState, check_transition


def t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute)


def test_states_forward_and_side_exits() -> None:
    check_transition(MemberState.EXPECTED, MemberState.REPORTED)
    check_transition(MemberState.REPORTED, MemberState.RECEIPT_SENT)
    check_transition(MemberState.RECEIPT_SENT, MemberState.RETIRED, "到龄退休")
    with pytest.raises(DomainError, match="原因"):
        check_transition(MemberState.REPORTED, MemberState.MOVED, " ")
    with pytest.raises(DomainError, match="不能改为"):
        check_transition(MemberState.RECEIPT_SENT, MemberState.REPORTED)
    with pytest.raises(DomainError):
        check_transition(MemberState.MOVED, MemberState.EXPECTED)


def test_service_hours() -> None:
    assert service_hours(Attendance.NORMAL, t(1, 9), t(1, 11, 30)) == 2.5
    assert service_hours(Attendance.LATE, t(1, 9, 20), t(1, 11)) == 1.7
    assert service_hours(Attendance.LEAVE, t(1, 9), t(1, 11)) == 0.0
    assert service_hours(Attendance.ABSENT, None, None) == 0.0
    with pytest.raises(DomainError, match="晚于"):
        service_hours(Attendance.NORMAL, t(1, 11), t(1, 9))
    with pytest.raises(DomainError, match="填写"):
        service_hours(Attendance.NORMAL, t(1, 9), None)


def test_locked_hours_need_a_reason_to_correct() -> None:
    check_correction("", locked=False)
    check_correction("签退时间录错", locked=True)
    with pytest.raises(DomainError, match="原因"):
        check_correction("", locked=True)


def test_sheet_duplicates_overlaps_and_day_limit() -> None:
    rows = [
        SheetRow(2, "张三", "A1", t(1, 9), t(1, 11)),
        SheetRow(3, "张三", "A1", t(1, 9), t(1, 11)),  # duplicate of 2
        SheetRow(4, "张三", "A2", t(1, 10), t(1, 12)),  # overlaps 2
        SheetRow(5, "张三", "A3", t(1, 12), t(1, 13)),  # touches 4: fine
        SheetRow(6, "李四", "A4", t(2, 0), t(2, 13)),
        SheetRow(7, "李四", "A5", t(2, 13), t(3, 2)),  # 李四 has 24h on day 2: fine
        SheetRow(8, "王五", "A6", t(4, 0), t(4, 14)),
        SheetRow(9, "王五", "A7", t(4, 14), t(5, 1)),
        SheetRow(10, "王五", "A8", t(4, 23), t(4, 23, 30)),  # overlaps 9
        SheetRow(11, "赵六", "A9", t(6, 0), t(7, 2)),  # one session of 26 h
    ]
    problems = {(p.row, p.message) for p in check_sheet(rows)}
    assert (3, "与第2行重复") in problems
    assert (4, "张三 的时段与第2行重叠") in problems
    assert (10, "王五 的时段与第9行重叠") in problems
    assert (11, "一次服务超过24小时") in problems
    assert not any(row in (5, 6, 7) for row, _ in problems)


def test_sheet_more_than_24_hours_in_a_day() -> None:
    rows = [
        SheetRow(2, "张三", "A1", t(1, 0), t(1, 23)),
        SheetRow(3, "张三", "A2", t(1, 23), t(2, 0, 30)),
        SheetRow(4, "张三", "A3", t(1, 23, 0), t(1, 23, 0)),
    ]
    messages = [(p.row, p.message) for p in check_sheet(rows)]
    assert (4, "签退时间须晚于签到时间") in messages
    assert not any("24" in m for _, m in messages)  # exactly 24 h on day 1
    more = [*rows[:2], SheetRow(5, "张三", "A4", t(1, 0), t(1, 2))]
    found = [(p.row, p.message) for p in check_sheet(more)]
    assert (5, "张三 在2025-03-01的服务时长超过24小时") in found
    assert any(r == 5 and "重叠" in m for r, m in found)


def test_masking() -> None:
    assert mask_name("张小明") == "张*明"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧**明"
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("1234") == "**34"
    assert mask_address("幸福小区3栋2单元501") == "幸福小区***"
    assert mask_address("幸福小区") == "幸福小区"


def test_rates_and_threshold() -> None:
    f = UnitFigures(
        expected=20,
        reported=18,
        served=9,
        attendances=40,
        total_hours=90.0,
        reached_target=6,
        pairs=2,
        visits=5,
    )
    assert f.report_rate == 0.9
    assert f.participation_rate == 0.5
    assert f.average_hours == 5.0
    assert f.target_rate == pytest.approx(1 / 3)
    assert f.below_threshold(0.95)
    assert not f.below_threshold(0.9)
    empty = UnitFigures(0, 0, 0, 0, 0.0, 0, 0, 0)
    assert empty.report_rate is None and not empty.below_threshold(0.95)
