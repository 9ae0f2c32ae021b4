"""社区工作日 services: members and their states, unit reports, posts and claims, activities
with attendance, pairs and visits, evaluations, letters and the report (SQLite and PG)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.core.workday.hours import Attendance
from alliance_desk.core.workday.states import MemberState
from alliance_desk.services import Database
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.services.workday import (
    activities,
    common,
    feedback,
    members,
    pairs,
    posts,
    stats,
    unit_reports,
)

TODAY = date(2026, 6, 30)


@pytest.fixture
def setup(db: Database) -> dict[str, int]:
    ids = {
        "community": create_unit(db, UnitInput("东风社区", UnitCategory.COMMUNITY)).unit.id,
        "community2": create_unit(db, UnitInput("西湖社区", UnitCategory.COMMUNITY)).unit.id,
        "unit": create_unit(
            db, UnitInput("市财政局", UnitCategory.GOVERNMENT, party_member_count=3)
        ).unit.id,
        "unit2": create_unit(
            db, UnitInput("市医院", UnitCategory.INSTITUTION, party_member_count=2)
        ).unit.id,
    }
    return ids


def _member(db: Database, setup: dict[str, int], name: str, **kw: object) -> members.MemberRow:
    data = members.MemberInput(
        name=name,
        unit_id=kw.pop("unit_id", setup["unit"]),  # type: ignore[arg-type]
        gender="男",
        phone="13812341234",
        residence="幸福小区3栋2单元101",
        community_unit_id=setup["community"],
        **kw,  # type: ignore[arg-type]
    )
    return members.create_member(db, data, today=TODAY)


def test_member_states_history_and_errors(db: Database, setup: dict[str, int]) -> None:
    m = _member(db, setup, "张小明")
    assert m.state is MemberState.EXPECTED and m.unit_name == "市财政局"
    m = members.change_member_state(
        db, m.id, MemberState.REPORTED, expected_version=m.version, on=date(2026, 3, 1)
    )
    assert m.state is MemberState.REPORTED and m.reported_on == date(2026, 3, 1)
    with pytest.raises(ConflictError):
        members.change_member_state(
            db, m.id, MemberState.RECEIPT_SENT, expected_version=m.version - 1, on=TODAY
        )
    with pytest.raises(DomainError, match="原因"):
        members.change_member_state(
            db, m.id, MemberState.RETIRED, expected_version=m.version, on=TODAY
        )
    m = members.change_member_state(
        db, m.id, MemberState.MOVED, expected_version=m.version, on=TODAY, reason="调往省厅"
    )
    with pytest.raises(DomainError):
        members.change_member_state(
            db, m.id, MemberState.REPORTED, expected_version=m.version, on=TODAY
        )
    history = members.member_history(db, m.id)
    assert [(h.from_state, h.to_state) for h in history] == [
        (MemberState.EXPECTED, MemberState.REPORTED),
        (MemberState.REPORTED, MemberState.MOVED),
    ]
    assert history[-1].reason == "调往省厅"
    with pytest.raises(ValidationError) as caught:
        members.create_member(
            db,
            members.MemberInput(name="", unit_id=setup["community"], phone="12"),
            today=TODAY,
        )
    assert set(caught.value.errors) >= {"name", "unit_id", "phone"}


def test_member_page_search_and_counts(db: Database, setup: dict[str, int]) -> None:
    for name in ("王五", "李四", "赵六"):
        _member(db, setup, name, reported_on=date(2026, 2, 1))
    _member(db, setup, "钱七", unit_id=setup["unit2"])
    page = members.member_page(db, members.MemberFilter(), limit=2)
    assert page.total == 4 and len(page.rows) == 2
    assert page.rows[0].name == "李四"  # pinyin order
    assert page.counts == {MemberState.REPORTED: 3, MemberState.EXPECTED: 1}
    found = members.member_page(db, members.MemberFilter(search="医院"))
    assert [r.name for r in found.rows] == ["钱七"]
    only = members.member_page(db, members.MemberFilter(states=(MemberState.EXPECTED,)))
    assert only.total == 1


def test_unit_report_and_duplicate(db: Database, setup: dict[str, int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    agreement = tmp_path / "共建协议.pdf"
    agreement.write_bytes(b"%PDF-1.4 test")
    row = unit_reports.create_unit_report(
        db,
        unit_reports.UnitReportInput(
            setup["unit"], setup["community"], date(2026, 1, 10), 3, "共建协议全文", agreement
        ),
        today=TODAY,
    )
    assert row.attachment_name == "共建协议.pdf" and row.community_name == "东风社区"
    assert unit_reports.unit_report_attachment(db, row.id) == ("共建协议.pdf", b"%PDF-1.4 test")
    with pytest.raises(ValidationError, match="已向这个社区报到"):
        unit_reports.create_unit_report(
            db,
            unit_reports.UnitReportInput(setup["unit"], setup["community"], date(2026, 1, 11), 3),
            today=TODAY,
        )
    assert len(unit_reports.list_unit_reports(db, community_id=setup["community"])) == 1


def test_posts_claims(db: Database, setup: dict[str, int]) -> None:
    assert "政策宣讲" in posts.post_categories(db)
    assert posts.save_post_categories(db, ["治安巡逻", " 治安巡逻", "夜巡"]) == ["治安巡逻", "夜巡"]
    post = posts.create_post(db, posts.PostInput(setup["community"], "夜巡", "夜间巡逻", needed=1))
    a = _member(db, setup, "甲一", reported_on=date(2026, 2, 1))
    b = _member(db, setup, "乙二", reported_on=date(2026, 2, 1))
    post = posts.claim_post(db, post.id, a.id, on=TODAY, expected_version=post.version)
    assert post.claimed == 1 and post.open_places == 0
    with pytest.raises(ValidationError, match="满员"):
        posts.claim_post(db, post.id, b.id, on=TODAY, expected_version=post.version)
    claims = posts.list_claims(db, post_id=post.id)
    assert [c.member_name for c in claims] == ["甲一"]
    posts.release_claim(db, claims[0].id)
    assert posts.list_posts(db)[0].claimed == 0


def _activity(db: Database, setup: dict[str, int], day: date) -> activities.ActivityRow:
    return activities.create_activity(
        db,
        activities.ActivityInput(
            held_on=day,
            community_unit_id=setup["community"],
            category="环境整治",
            content="清理楼道",
            organiser="东风社区党委",
            planned_start=datetime.combine(day, datetime.min.time()).replace(hour=9),
            planned_end=datetime.combine(day, datetime.min.time()).replace(hour=11),
            planned_participants=10,
        ),
    )


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def test_attendance_hours_confirm_and_correction(db: Database, setup: dict[str, int]) -> None:
    day = date(2026, 5, 9)
    act = _activity(db, setup, day)
    a = _member(db, setup, "甲一", reported_on=date(2026, 2, 1))
    b = _member(db, setup, "乙二", reported_on=date(2026, 2, 1))
    ra = activities.add_attendance(
        db, act.id, activities.AttendanceInput(a.id, Attendance.LATE, _at(day, 9, 30), _at(day, 11))
    )
    assert ra.hours == 1.5 and ra.planned_in == _at(day, 9)
    rb = activities.add_attendance(
        db, act.id, activities.AttendanceInput(b.id, Attendance.LEAVE, _at(day, 9), _at(day, 11))
    )
    assert rb.hours == 0 and rb.sign_in is None
    with pytest.raises(ValidationError, match="已有考勤"):
        activities.add_attendance(db, act.id, activities.AttendanceInput(a.id, Attendance.ABSENT))
    with pytest.raises(ValidationError, match="签退"):
        activities.update_attendance(
            db,
            ra.id,
            activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 11), _at(day, 9)),
            expected_version=ra.version,
        )
    assert activities.confirm_attendance(db, act.id, on=day) == 2
    row = activities.get_activity(db, act.id)
    assert row.confirmed and row.attendees == 1 and row.total_hours == 1.5
    ra = next(r for r in activities.list_attendance(db, act.id) if r.member_id == a.id)
    with pytest.raises(DomainError, match="锁定"):
        activities.update_attendance(
            db,
            ra.id,
            activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 9), _at(day, 11)),
            expected_version=ra.version,
        )
    with pytest.raises(DomainError, match="原因"):
        activities.correct_attendance(
            db,
            ra.id,
            activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 9), _at(day, 11)),
            reason=" ",
            expected_version=ra.version,
            on=day,
        )
    fixed = activities.correct_attendance(
        db,
        ra.id,
        activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 9), _at(day, 11)),
        reason="签到表抄错",
        expected_version=ra.version,
        on=day,
    )
    assert fixed.corrects_id == ra.id and fixed.confirmed and fixed.hours == 2.0
    assert len(activities.list_attendance(db, act.id)) == 2
    assert len(activities.list_attendance(db, act.id, with_superseded=True)) == 3
    assert activities.get_activity(db, act.id).total_hours == 2.0
    with pytest.raises(ValidationError, match="已确认"):
        activities.delete_activity(db, act.id, expected_version=row.version)


def test_pairs_visits(db: Database, setup: dict[str, int]) -> None:
    a = _member(db, setup, "甲一", reported_on=date(2026, 2, 1))
    pair = pairs.create_pair(
        db,
        pairs.PairInput(
            a.id, "刘大爷", date(2026, 3, 1), "空巢独居老人", "幸福小区1栋", "13900001111"
        ),
        today=TODAY,
    )
    assert pair.state_label == "结对"
    pairs.add_visit(db, pair.id, date(2026, 3, 15), "送米面油", today=TODAY)
    with pytest.raises(ValidationError, match="早于结对"):
        pairs.add_visit(db, pair.id, date(2026, 2, 15), "送米面油", today=TODAY)
    pair = pairs.list_pairs(db)[0]
    assert pair.visits == 1 and pair.last_visit == date(2026, 3, 15)
    with pytest.raises(ValidationError, match="原因"):
        pairs.end_pair(db, pair.id, reason="", on=TODAY, expected_version=pair.version)
    pair = pairs.end_pair(db, pair.id, reason="对象已搬离", on=TODAY, expected_version=pair.version)
    assert pair.state == "ended"
    with pytest.raises(ValidationError, match="已解除"):
        pairs.add_visit(db, pair.id, TODAY, "回访", today=TODAY)


def test_report_letters_and_settings(db: Database, setup: dict[str, int]) -> None:
    s = common.save_workday_settings(db, 2.0, 0.9, expected_version=None)
    assert s.target_hours == 2.0 and s.version == 1
    day = date(2026, 5, 9)
    act = _activity(db, setup, day)
    a = _member(db, setup, "甲一", reported_on=date(2026, 2, 1))
    b = _member(db, setup, "乙二", reported_on=date(2026, 2, 1))
    _member(db, setup, "丙三")  # 应报到, not reported
    c = _member(db, setup, "丁四", unit_id=setup["unit2"], reported_on=date(2026, 2, 1))
    activities.add_attendance(
        db, act.id, activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 9), _at(day, 11))
    )
    activities.add_attendance(
        db, act.id, activities.AttendanceInput(b.id, Attendance.NORMAL, _at(day, 9), _at(day, 10))
    )
    activities.add_attendance(db, act.id, activities.AttendanceInput(c.id, Attendance.ABSENT))
    before = stats.workday_report(db, 2026)
    unit = next(r for r in before.units if r.id == setup["unit"])
    assert unit.figures.attendances == 2 and unit.figures.total_hours == 0  # not confirmed
    activities.confirm_attendance(db, act.id, on=day)
    pairs.create_pair(db, pairs.PairInput(a.id, "刘大爷", date(2026, 3, 1)), today=TODAY)
    report = stats.workday_report(db, 2026)
    unit = next(r for r in report.units if r.id == setup["unit"])
    f = unit.figures
    assert (f.expected, f.reported, f.served, f.attendances) == (3, 2, 2, 2)
    assert f.total_hours == 3.0 and f.reached_target == 1 and f.pairs == 1
    assert f.report_rate == pytest.approx(2 / 3) and unit.flagged
    other = next(r for r in report.units if r.id == setup["unit2"])
    assert other.figures.served == 0 and not other.flagged
    assert [r.name for r in report.communities] == ["东风社区"]
    assert report.total.expected == 4 and report.activities == 1
    assert stats.workday_report(db, 2026, 1).total.attendances == 0
    street = stats.street_figures(db, 2026)
    assert street.flagged_units == 1 and street.by_month_hours[4] == 3.0

    feedback.set_evaluation(db, a.id, 2026, 2, "好", "积极")
    row = feedback.set_evaluation(db, a.id, 2026, 2, "较好", "积极参加")
    assert row.rating_label == "较好"
    with pytest.raises(ValidationError):
        feedback.set_evaluation(db, a.id, 2026, 2, "优秀")
    letters = feedback.feedback_letters(db, 2026, 2)
    assert [x.unit_name for x in letters] == ["市财政局", "市医院"]
    first = letters[0]
    by_name = {m.name: m for m in first.members}
    assert by_name["甲一"].hours == 2.0 and by_name["甲一"].rating == "较好"
    assert by_name["甲一"].pairs == 1 and by_name["丙三"].state_label == "应报到"
    assert first.figures.expected == 3
    only = feedback.feedback_letters(db, 2026, unit_id=setup["unit2"])
    assert len(only) == 1 and only[0].members[0].activities == 0


def test_settings_validation_and_conflict(db: Database) -> None:
    assert common.workday_settings(db).version is None
    with pytest.raises(ValidationError):
        common.save_workday_settings(db, -1, 2, expected_version=None)
    s = common.save_workday_settings(db, 24, 0.95, expected_version=None)
    common.save_workday_settings(db, 30, 0.95, expected_version=s.version)
    with pytest.raises(ConflictError):
        common.save_workday_settings(db, 31, 0.95, expected_version=s.version)
    assert replace(s, target_hours=1).target_hours == 1


def test_edits_keep_the_rules(db: Database, setup: dict[str, int]) -> None:
    m = _member(db, setup, "欧阳小明", reported_on=date(2026, 2, 1))
    data = members.MemberInput(
        name="安小明", unit_id=setup["unit2"], community_unit_id=setup["community2"]
    )
    with pytest.raises(ValidationError, match="报到日期不能为空"):
        members.update_member(db, m.id, data, expected_version=m.version, today=TODAY)
    data = replace(data, reported_on=date(2026, 2, 1))
    m = members.update_member(db, m.id, data, expected_version=m.version, today=TODAY)
    assert (m.name, m.unit_name, m.community_name) == ("安小明", "市医院", "西湖社区")
    _member(db, setup, "白云")
    assert [r.name for r in members.list_members(db)][:1] == ["白云"]  # 市财政局 first by id
    assert [r.name for r in members.member_page(db).rows] == ["安小明", "白云"]
    day = date(2026, 5, 9)
    act = _activity(db, setup, day)
    activities.add_attendance(db, act.id, activities.AttendanceInput(m.id, Attendance.ABSENT))
    with pytest.raises(ValidationError, match="不能删除"):
        members.delete_member(db, m.id, expected_version=m.version)
    assert [a.id for a in activities.list_activities(db, search="楼道")] == [act.id]
    assert activities.list_activities(db, start=date(2026, 6, 1)) == []
    post = posts.create_post(db, posts.PostInput(setup["community"], "夜巡", "夜间巡逻"))
    with pytest.raises(ValidationError) as caught:
        posts.update_post(
            db,
            post.id,
            posts.PostInput(setup["unit"], "", "夜间巡逻", needed=-1),
            expected_version=post.version,
        )
    assert set(caught.value.errors) == {"community_unit_id", "category", "needed"}
    report = unit_reports.create_unit_report(
        db,
        unit_reports.UnitReportInput(setup["unit"], setup["community"], date(2026, 1, 10), 3),
        today=TODAY,
    )
    changed = unit_reports.update_unit_report(
        db,
        report.id,
        unit_reports.UnitReportInput(setup["unit"], setup["community"], date(2026, 1, 12), 4),
        expected_version=report.version,
        today=TODAY,
    )
    assert changed.member_count == 4
    with pytest.raises(ConflictError):
        unit_reports.delete_unit_report(db, report.id, expected_version=report.version)
    unit_reports.delete_unit_report(db, report.id, expected_version=changed.version)
    assert unit_reports.list_unit_reports(db) == []


def test_attendance_refuses_a_time_the_member_spent_at_another_activity(
    db: Database, setup: dict[str, int]
) -> None:
    day = date(2026, 5, 9)
    morning, other = _activity(db, setup, day), _activity(db, setup, day)
    a = _member(db, setup, "甲一", reported_on=date(2026, 2, 1))
    first = activities.add_attendance(
        db,
        morning.id,
        activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 9), _at(day, 11)),
    )
    with pytest.raises(ValidationError, match=f"甲一 的时段与已登记的活动{morning.id}.*重叠"):
        activities.add_attendance(
            db,
            other.id,
            activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 10), _at(day, 12)),
        )
    later = activities.add_attendance(
        db,
        other.id,
        activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 11), _at(day, 12)),
    )
    with pytest.raises(ValidationError, match="重叠"):  # moving the first onto the second
        activities.update_attendance(
            db,
            first.id,
            activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 9), _at(day, 11, 30)),
            expected_version=first.version,
        )
    activities.update_attendance(  # its own times never clash with themselves
        db,
        later.id,
        activities.AttendanceInput(a.id, Attendance.NORMAL, _at(day, 11), _at(day, 12, 30)),
        expected_version=later.version,
    )
