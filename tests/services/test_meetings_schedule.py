"""Scheduling: numbering, host default and override, non-working days, suggestions."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from test_meetings_support import Club, make_club, make_unit, plan_rota, schedule

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.meetings import FALLBACK_NOTE, DaySource
from alliance_desk.core.vocab import (
    MeetingState,
)
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt

NOV = datetime(2026, 11, 20, 9, 0)  # a Friday, an ordinary working day


def _numbers(db: Database, club: Club) -> list[int]:
    return [m.sequence_no for m in mt.list_meetings(db, alliance_id=club.alliance_id)]


def test_numbers_follow_on_per_alliance(db: Database) -> None:
    east = make_club(db)
    west = make_club(db, "城西党建联盟", ("城西社区", "税务局"))
    for month in (3, 6, 9):
        schedule(db, east, datetime(2026, month, 10, 9, 0))
    first_west = schedule(db, west, datetime(2026, 4, 8, 14, 30))
    assert _numbers(db, east) == [1, 2, 3]
    assert first_west.meeting.sequence_no == 1
    assert first_west.meeting.number_label == "第1次"
    assert first_west.meeting.title == "城西党建联盟第1次联席会议"
    assert first_west.meeting.when_label == "2026年4月8日（星期三）14:30"


def test_deleting_keeps_numbers_without_gaps(db: Database) -> None:
    club = make_club(db)
    one, two = (schedule(db, club, datetime(2026, m, 10, 9)) for m in (3, 6))
    with pytest.raises(DomainError, match="只能删除本联盟最近一次会议（第2次）"):
        mt.delete_meeting(db, one.meeting.id, expected_version=one.meeting.version)
    mt.add_agenda_items(db, two.meeting.id, [mt.AgendaInput("议题")])
    with pytest.raises(ConflictError):
        mt.delete_meeting(db, two.meeting.id, expected_version=two.meeting.version)
    current = mt.get_meeting(db, two.meeting.id).meeting
    mt.delete_meeting(db, two.meeting.id, expected_version=current.version)
    again = schedule(db, club, datetime(2026, 7, 1, 9))
    assert again.meeting.sequence_no == 2
    assert _numbers(db, club) == [1, 2]


def test_a_new_meeting_may_not_be_dated_before_the_latest(db: Database) -> None:
    club = make_club(db)
    schedule(db, club, datetime(2026, 6, 10, 9))
    with pytest.raises(DomainError, match="不能早于本联盟第1次会议（2026-06-10 09:00）") as refused:
        schedule(db, club, datetime(2026, 5, 12, 9))
    assert refused.value.field == "starts_at"
    assert _numbers(db, club) == [1]


def test_concurrent_schedules_get_distinct_numbers(db: Database) -> None:
    club = make_club(db)
    workers = 4
    barrier = threading.Barrier(workers)
    numbers: list[int] = []
    failures: list[BaseException] = []

    def work() -> None:
        clerk = Database(db.location, actor="并发")
        try:
            barrier.wait()
            result = mt.schedule_meeting(
                clerk, alliance_id=club.alliance_id, starts_at=NOV, place="会议室"
            )
            assert result.meeting is not None
            numbers.append(result.meeting.meeting.sequence_no)
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)
        finally:
            clerk.dispose()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(numbers) == [1, 2, 3, 4]


def test_host_defaults_to_the_chair_of_that_date(db: Database) -> None:
    club = make_club(db)
    plan_rota(db)  # Q1 城东社区, Q2 人民医院, Q3 供电公司, Q4 民政局
    spring = schedule(db, club, datetime(2026, 5, 12, 9))
    assert spring.meeting.host_name == "人民医院"
    autumn = schedule(db, club, NOV)
    assert autumn.meeting.host_unit_id == club["民政局"]
    assert autumn.host_note == ""


def test_overriding_the_host_needs_a_note(db: Database) -> None:
    club = make_club(db)
    plan_rota(db)
    with pytest.raises(ValidationError) as refused:
        schedule(db, club, NOV, host_unit_id=club["供电公司"])
    assert refused.value.errors == {"host_note": "主持单位不是当期轮值主席单位，请填写说明。"}
    assert mt.list_meetings(db) == []
    detail = schedule(db, club, NOV, host_unit_id=club["供电公司"], host_note="民政局承办全市会议")
    assert detail.meeting.host_name == "供电公司"
    assert detail.host_note == "民政局承办全市会议"
    # Naming the chair itself is no override.
    same = schedule(db, club, datetime(2026, 12, 1, 9), host_unit_id=club["民政局"])
    assert same.meeting.host_name == "民政局"
    outsider = make_unit(db, "外单位")
    with pytest.raises(DomainError, match="主持单位“外单位”在 2026-12-02 不是本联盟成员单位"):
        schedule(db, club, datetime(2026, 12, 2, 9), host_unit_id=outsider, host_note="借用")


def test_without_a_rota_there_is_no_default_host_and_no_note_needed(db: Database) -> None:
    club = make_club(db)
    assert schedule(db, club, NOV).meeting.host_unit_id is None
    chosen = schedule(db, club, datetime(2026, 12, 1, 9), host_unit_id=club["人民医院"])
    assert chosen.meeting.host_name == "人民医院"


def test_a_holiday_needs_confirmation(db: Database) -> None:
    club = make_club(db)
    at = datetime(2026, 10, 1, 9, 0)
    asked = mt.schedule_meeting(db, alliance_id=club.alliance_id, starts_at=at, place="会议室")
    assert asked.needs_confirmation and asked.meeting is None
    assert asked.day.name == "国庆节" and not asked.day.is_workday
    assert asked.warning == "所选日期是国庆节（休息日），确定在这一天开会吗？"
    assert mt.list_meetings(db) == []
    confirmed = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=at, confirm_non_working_day=True
    )
    assert confirmed.meeting is not None and not confirmed.needs_confirmation
    assert confirmed.meeting.day.name == "国庆节"


def test_an_adjusted_working_saturday_needs_no_confirmation(db: Database) -> None:
    club = make_club(db)
    result = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=datetime(2026, 10, 10, 9)
    )
    assert result.meeting is not None
    assert result.day.name == "国庆节调休上班"


def test_a_year_without_holiday_data_schedules_with_a_note(db: Database) -> None:
    club = make_club(db)
    weekday = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=datetime(2027, 1, 5, 9)
    )
    assert weekday.meeting is not None
    assert weekday.day.source is DaySource.FALLBACK
    assert weekday.warning == f"（{FALLBACK_NOTE}）"
    saturday = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=datetime(2027, 1, 9, 9)
    )
    assert saturday.needs_confirmation
    assert saturday.warning.startswith("所选日期是周六（休息日）")
    assert mt.day_kind_on(db, date(2027, 1, 9)).note == FALLBACK_NOTE


def test_update_moves_a_draft_between_its_neighbours(db: Database) -> None:
    club = make_club(db)
    plan_rota(db)
    one, two, three = (
        schedule(db, club, datetime(2026, m, d, 9)) for m, d in ((2, 10), (5, 12), (8, 11))
    )  # Tuesdays
    with pytest.raises(DomainError, match="不能晚于本联盟第3次会议"):
        mt.update_meeting(
            db, two.meeting.id, starts_at=datetime(2026, 9, 1, 9), place="会议室",
            expected_version=two.meeting.version,
        )  # fmt: skip
    moved = mt.update_meeting(
        db, two.meeting.id, starts_at=datetime(2026, 7, 7, 9), place="新会议室",
        contact="王五 13912345678", expected_version=two.meeting.version,
    )  # fmt: skip
    assert moved.meeting is not None
    assert moved.meeting.meeting.place == "新会议室"
    assert moved.meeting.meeting.host_name == "供电公司"  # the Q3 chair
    assert moved.meeting.contact == "王五 13912345678"
    with pytest.raises(ConflictError):
        mt.update_meeting(
            db, two.meeting.id, starts_at=datetime(2026, 7, 7, 9), place="x",
            expected_version=two.meeting.version,
        )  # fmt: skip
    holiday = mt.update_meeting(
        db, one.meeting.id, starts_at=datetime(2026, 2, 17, 9), place="会议室",
        expected_version=one.meeting.version,
    )  # fmt: skip
    assert holiday.needs_confirmation and holiday.day.name == "春节"
    assert three.meeting.sequence_no == 3


def test_next_meeting_per_alliance(db: Database) -> None:
    club = make_club(db)
    other = make_club(db, "城西党建联盟", ("城西社区", "税务局"))
    make_club(db, "城北党建联盟", ("城北社区",))
    schedule(db, club, datetime(2026, 11, 20, 9))
    schedule(db, club, datetime(2027, 1, 5, 14, 30))
    schedule(db, other, datetime(2026, 12, 3, 9))
    labels = mt.next_meeting_by_alliance(db, date(2026, 11, 27))
    assert labels == {
        club.alliance_id: "11-20 09:00 第1次（草稿，待登记召开情况）",
        other.alliance_id: "12-03 09:00 第1次（草稿）",
    }
    assert mt.next_meeting_by_alliance(db, date(2025, 12, 1))[other.alliance_id] == (
        "2026-12-03 09:00 第1次（草稿）"
    )
    assert [m.sequence_no for m in mt.list_meetings(db, year=2027)] == [2]
    assert mt.list_meetings(db, alliance_id=other.alliance_id)[0].state is MeetingState.DRAFT
