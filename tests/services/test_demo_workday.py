"""The demo's 社区工作日 at the article's scale, consistent with the services' rules."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from alliance_desk.core.vocab import UnitCategory
from alliance_desk.core.workday.hours import SheetRow, check_sheet
from alliance_desk.core.workday.states import SIDE_EXITS, MemberState
from alliance_desk.services import Database
from alliance_desk.services.demo import DEMO_TODAY
from alliance_desk.services.demo.generator import build_demo
from alliance_desk.services.demo.timeline import Workdays
from alliance_desk.services.demo.workday import ACTIVITIES_PER_COMMUNITY_YEAR
from alliance_desk.services.workday import activities, feedback, members, pairs, stats
from alliance_desk.storage.models import ServiceAttendance, Unit, WorkdayActivity, WorkdayMember


def test_figures_at_the_articles_scale(demo: Database) -> None:
    page = members.member_page(demo)
    assert page.total >= 3200
    assert set(page.counts) >= {
        MemberState.EXPECTED,
        MemberState.REPORTED,
        MemberState.RECEIPT_SENT,
    }
    assert 10 <= sum(page.counts.get(s, 0) for s in SIDE_EXITS) <= 150
    with demo.reading() as session:
        by_unit = select(WorkdayMember.unit_id, func.count()).group_by(WorkdayMember.unit_id)
        counts = {int(u): int(n) for u, n in session.execute(by_unit)}
        for unit_id, party_members, category in session.execute(
            select(Unit.id, Unit.party_member_count, Unit.category)
        ):
            assert counts.get(unit_id, 0) <= party_members
            if category is UnitCategory.COMMUNITY:
                assert unit_id not in counts
        held = list(session.scalars(select(WorkdayActivity.held_on)))
        assert len(held) >= 1400
        assert {d.year for d in held} == {DEMO_TODAY.year - 2, DEMO_TODAY.year - 1, DEMO_TODAY.year}
        workdays = Workdays()
        assert all(workdays.is_workday(d) for d in held)  # 调休 Saturdays included
        times = session.execute(
            select(ServiceAttendance.sign_in, ServiceAttendance.sign_out).where(
                ServiceAttendance.sign_in.is_not(None)
            )
        ).all()
        assert all(a.hour >= 8 and b.hour < 19 for a, b in times)
    all_pairs = pairs.list_pairs(demo)
    assert len(all_pairs) >= 310
    assert sum(p.visits for p in all_pairs) >= 2 * len(all_pairs)
    assert {p.state for p in all_pairs} == {"paired", "ended"}
    assert all(p.end_reason for p in all_pairs if p.state == "ended")


def test_report_has_units_below_the_threshold(demo: Database) -> None:
    report = stats.workday_report(demo, DEMO_TODAY.year - 1)
    assert 3 <= len(report.flagged_units) <= 30
    assert report.total.report_rate is not None and report.total.report_rate > 0.9
    assert report.total.attendances > 4000 and report.total.total_hours > 8000
    assert 0 < report.total.target_rate < 1  # type: ignore[operator]
    assert report.total.pairs >= 100 and report.total.visits > 300
    street = stats.street_figures(demo, DEMO_TODAY.year - 1)
    assert street.flagged_units == len(report.flagged_units) and sum(street.by_month_hours) > 0


def test_attendance_follows_the_sheet_rules(demo: Database) -> None:
    recent = activities.list_activities(demo)[:30]
    assert any(not a.confirmed for a in recent) and any(a.confirmed for a in recent)
    rows = []
    for activity in activities.list_activities(demo)[:200]:
        for r in activities.list_attendance(demo, activity.id):
            if r.sign_in is not None and r.sign_out is not None:
                rows.append(
                    SheetRow(
                        len(rows) + 1, str(r.member_id), str(activity.id), r.sign_in, r.sign_out
                    )
                )
    assert rows and check_sheet(rows) == []
    with demo.reading() as session:
        corrections = session.scalar(
            select(func.count())
            .select_from(ServiceAttendance)
            .where(ServiceAttendance.corrects_id.is_not(None))
        )
    assert corrections


def test_letters_cover_every_unit_with_members(demo: Database) -> None:
    letters = feedback.feedback_letters(demo, DEMO_TODAY.year - 1)
    assert len(letters) >= 130
    rated = Counter(m.rating for letter in letters for m in letter.members)
    assert rated["好"] and rated["较好"] and rated["一般"]


def test_same_seed_same_rows() -> None:
    first = build_demo(scale=1, seed=7)
    second = build_demo(scale=1, seed=7)
    assert first.of(ServiceAttendance)[:500] == second.of(ServiceAttendance)[:500]
    assert first.of(WorkdayMember)[-50:] == second.of(WorkdayMember)[-50:]
    assert ACTIVITIES_PER_COMMUNITY_YEAR > 0
