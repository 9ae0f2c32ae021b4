"""Attendance: every member unit before holding, guests, audit, attendance rates."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from test_meetings_support import Club, everyone_present, held, make_club, make_unit, with_agenda

from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.vocab import AttendanceState, MeetingState
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.storage.models import AuditEntry

AT = datetime(2026, 11, 20, 9, 0)
PRESENT, ABSENT = AttendanceState.PRESENT, AttendanceState.ABSENT
EXCUSED, DELEGATED = AttendanceState.EXCUSED, AttendanceState.DELEGATED


def test_attendance_for_every_member_before_holding(db: Database) -> None:
    club = make_club(db)
    meeting_id = with_agenda(db, club, AT).meeting.id
    with pytest.raises(DomainError, match="会议尚未发出通知，不能登记出席情况"):
        mt.record_attendance(db, meeting_id, everyone_present(club))
    mt.notify(db, meeting_id)
    detail = mt.record_attendance(
        db,
        meeting_id,
        [
            mt.AttendanceInput(club["城东社区"], PRESENT, "李书记"),
            mt.AttendanceInput(club["人民医院"], DELEGATED, "王副院长"),
        ],
        guests=[mt.GuestInput("街道党工委", "赵主任")],
    )
    assert [(r.unit_name, r.state) for r in detail.attendance] == [
        ("城东社区", PRESENT),
        ("人民医院", DELEGATED),
        ("供电公司", None),
        ("民政局", None),
    ]
    assert detail.unrecorded == ("供电公司", "民政局")
    with pytest.raises(DomainError) as refused:
        mt.hold_meeting(db, meeting_id, today=AT.date())
    assert refused.value.message == "以下成员单位尚未登记出席情况：供电公司、民政局。"
    detail = mt.record_attendance(
        db,
        meeting_id,
        [
            mt.AttendanceInput(club["供电公司"], EXCUSED, "不应保留"),
            mt.AttendanceInput(club["民政局"], ABSENT),
        ],
    )
    assert detail.attendance[2].attendee == ""
    assert [g.name for g in detail.guests] == ["街道党工委"]
    assert detail.attended_count == 2 and detail.attendance_rate == 0.5
    with pytest.raises(DomainError, match="尚未到召开日期"):
        mt.hold_meeting(db, meeting_id, today=date(2026, 11, 19))
    detail = mt.hold_meeting(db, meeting_id, today=AT.date())
    assert detail.meeting.state is MeetingState.HELD
    assert detail.minutes is not None and detail.minutes.summary == ""
    # Still correctable while held; the guest list is replaced when given.
    detail = mt.record_attendance(
        db,
        meeting_id,
        [mt.AttendanceInput(club["民政局"], PRESENT, "钱科长")],
        guests=[mt.GuestInput("街道党工委", "赵主任"), mt.GuestInput("区委组织部", "孙干事")],
    )
    assert detail.attendance_rate == 0.75
    assert [(g.name, g.attendee) for g in detail.guests] == [
        ("街道党工委", "赵主任"),
        ("区委组织部", "孙干事"),
    ]


def test_attendance_lines_are_checked(db: Database) -> None:
    club = make_club(db)
    outsider = make_unit(db, "外单位")
    meeting_id = with_agenda(db, club, AT).meeting.id
    mt.notify(db, meeting_id)
    with pytest.raises(ValidationError) as refused:
        mt.record_attendance(
            db,
            meeting_id,
            [
                mt.AttendanceInput(club["人民医院"], DELEGATED, " "),
                mt.AttendanceInput(outsider, PRESENT),
                mt.AttendanceInput(club["城东社区"], PRESENT),
                mt.AttendanceInput(club["城东社区"], ABSENT),
            ],
            guests=[mt.GuestInput("", "某人")],
        )
    assert refused.value.errors == {
        f"unit_{club['人民医院']}": "人民医院：委托出席须填写出席人姓名",
        f"unit_{outsider}": "“外单位”不是本联盟在会议当日的成员单位",
        f"unit_{club['城东社区']}": "城东社区：重复登记",
        "guest_1": "第 1 位列席人员：请填写单位或身份",
    }
    assert mt.get_meeting(db, meeting_id).unrecorded == tuple(club.units)


def test_attendance_changes_are_audited(db: Database) -> None:
    club = make_club(db)
    meeting_id = held(db, club, AT).meeting.id
    mt.record_attendance(db, meeting_id, [mt.AttendanceInput(club["民政局"], ABSENT)])
    with db.reading() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "attendance").order_by(AuditEntry.id)
        ).all()
    assert [e.action.value for e in entries] == ["insert"] * 4 + ["update"]
    assert entries[-1].before == {"state": "present", "attendee": "张三"}
    assert entries[-1].after == {"state": "absent", "attendee": ""}


def _attend(db: Database, club: Club, at: datetime, states: dict[str, AttendanceState]) -> None:
    detail = with_agenda(db, club, at)
    mt.notify(db, detail.meeting.id)
    rows = [
        mt.AttendanceInput(club[n], s, "代表" if s is DELEGATED else "") for n, s in states.items()
    ]
    mt.record_attendance(db, detail.meeting.id, rows)
    mt.hold_meeting(db, detail.meeting.id, today=at.date())


def test_attendance_rates_per_meeting_and_unit(db: Database) -> None:
    club = make_club(db, members=("城东社区", "人民医院"))
    other = make_club(db, "城西党建联盟", ("城西社区", "税务局"))
    _attend(db, club, datetime(2026, 3, 10, 9), {"城东社区": PRESENT, "人民医院": DELEGATED})
    _attend(db, club, datetime(2026, 6, 10, 9), {"城东社区": PRESENT, "人民医院": EXCUSED})
    _attend(db, other, datetime(2026, 4, 8, 9), {"城西社区": ABSENT, "税务局": PRESENT})
    with_agenda(db, club, datetime(2026, 11, 24, 9))  # not held: not counted
    _attend(db, club, datetime(2027, 3, 9, 9), {"城东社区": ABSENT, "人民医院": ABSENT})
    rates = mt.attendance_rates(db, year=2026)
    assert [(m.meeting.title, m.tally.expected, m.tally.rate) for m in rates.meetings] == [
        ("城东党建联盟第1次联席会议", 2, 1.0),
        ("城西党建联盟第1次联席会议", 2, 0.5),
        ("城东党建联盟第2次联席会议", 2, 0.5),
    ]
    units = {u.unit_name: u.tally for u in rates.units}
    assert units["人民医院"].rate == 0.5
    assert units["人民医院"].count(EXCUSED) == 1
    assert units["城东社区"].rate == 1.0
    assert units["城西社区"].rate == 0.0
    met_in = {u.unit_name: u.alliance_names for u in rates.units}
    assert met_in["人民医院"] == ("城东党建联盟",) and met_in["税务局"] == ("城西党建联盟",)
    mine = mt.attendance_rates(db, alliance_id=club.alliance_id, year=2026)
    assert {u.unit_name for u in mine.units} == {"城东社区", "人民医院"}
    assert len(mine.meetings) == 2
    later = mt.attendance_rates(db, year=2027)
    assert [u.tally.rate for u in later.units] == [0.0, 0.0]
    assert mt.attendance_rates(db, year=2025).meetings == ()
