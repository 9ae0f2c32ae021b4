"""四项清单 services: need → project → claim (a commitment) → 办结 → 群众评议 → 公示 → 统计."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_commitments_support import World, world

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.four_lists.vocab import (
    NeedSource,
    NeedState,
    ProjectOrigin,
    ProjectState,
    Proposer,
    ResourceCategory,
    ResourceState,
    Urgency,
)
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services import Database
from alliance_desk.services.assessment import indicators as ind
from alliance_desk.services.assessment import results as rs
from alliance_desk.services.assessment import setup as st
from alliance_desk.services.commitments import get_commitment, transition
from alliance_desk.services.four_lists.claims import claim_project, list_claims
from alliance_desk.services.four_lists.needs import (
    change_need_state,
    create_need,
    list_needs,
    need_categories,
    save_need_categories,
    update_need,
)
from alliance_desk.services.four_lists.postings import (
    list_postings,
    preview_posting,
    record_issue,
    record_posting,
)
from alliance_desk.services.four_lists.projects import (
    create_project,
    get_project,
    matching_suggestions,
    set_claim_days,
    transition_project,
)
from alliance_desk.services.four_lists.ratings import get_rating, record_rating
from alliance_desk.services.four_lists.records import NeedInput, ProjectInput, ResourceInput
from alliance_desk.services.four_lists.resources import (
    change_resource_state,
    create_resource,
    list_resources,
)
from alliance_desk.services.four_lists.stats import list_statistics, unit_claim_figures

__all__ = ["world"]

TODAY = date(2026, 6, 30)


def need(db: Database, w: World, **changes: object) -> int:
    values: dict[str, object] = {
        "title": "老年人助餐点缺少志愿者",
        "category": "养老服务",
        "alliance_id": w.one,
        "community_unit_id": w.community_a,
        "source": NeedSource.HOME_VISIT,
        "proposer": Proposer.RESIDENT,
        "registered_on": date(2026, 3, 1),
        "proposer_name": "王秀英",
        "proposer_phone": "13912345678",
        "households": 30,
        "urgency": Urgency.URGENT,
    }
    values.update(changes)
    return create_need(db, NeedInput(**values), today=TODAY).id  # type: ignore[arg-type]


def verified(db: Database, w: World, **changes: object) -> int:
    need_id = need(db, w, **changes)
    change_need_state(db, need_id, NeedState.VERIFIED, expected_version=1)
    return need_id


def resource(db: Database, w: World) -> int:
    data = ResourceInput(w.one, w.bureau, ResourceCategory.TALENT, "志愿者助餐服务队", "每周二")
    return create_resource(db, data, today=TODAY).id


def project(db: Database, w: World, need_ids: tuple[int, ...], **changes: object) -> int:
    values: dict[str, object] = {
        "name": "幸福食堂助餐",
        "alliance_id": w.one,
        "need_ids": need_ids,
        "planned_start": date(2026, 4, 1),
        "planned_end": date(2026, 6, 30),
    }
    values.update(changes)
    return create_project(db, ProjectInput(**values), today=date(2026, 3, 10)).id  # type: ignore[arg-type]


def test_need_rules_and_codes(db: Database, world: World) -> None:
    first = need(db, world)
    second = need(db, world, title="路灯不亮")
    rows = {r.id: r for r in list_needs(db)}
    assert rows[first].code == "XQ2026-00001" and rows[second].code == "XQ2026-00002"
    assert rows[first].state is NeedState.PENDING
    with pytest.raises(ValidationError) as caught:
        need(db, world, title=" ", community_unit_id=world.bureau, households=-1)
    assert set(caught.value.errors) == {"title", "community_unit_id", "households"}
    with pytest.raises(ValidationError) as caught:
        need(db, world, community_unit_id=world.community_b)
    assert "不是所选联盟的成员" in caught.value.errors["community_unit_id"]
    with pytest.raises(ConflictError):
        update_need(db, first, rows[first].as_input(), expected_version=7, today=TODAY)


def test_side_exits_and_merging(db: Database, world: World) -> None:
    a, b = need(db, world), need(db, world)
    with pytest.raises(DomainError, match="原因"):
        change_need_state(db, a, NeedState.REJECTED, expected_version=1)
    merged = change_need_state(
        db, a, NeedState.MERGED, expected_version=1, reason="与另一条重复", merged_into=b
    )
    assert (merged.state, merged.merged_into_id, merged.state_reason) == (
        NeedState.MERGED,
        b,
        "与另一条重复",
    )
    with pytest.raises(ValidationError, match="随项目"):
        change_need_state(db, b, NeedState.MATCHED, expected_version=1)


def test_categories_are_editable(db: Database) -> None:
    assert "养老服务" in need_categories(db)
    assert save_need_categories(db, [" 助老 ", "助老", "", "文体"]) == ["助老", "文体"]
    assert need_categories(db) == ["助老", "文体"]


def test_whole_chain_need_to_rating(db: Database, world: World) -> None:
    need_id = verified(db, world)
    resource_id = resource(db, world)
    expired = create_resource(
        db,
        ResourceInput(
            world.one,
            world.bureau,
            ResourceCategory.TALENT,
            "去年的助餐志愿队",
            valid_until=TODAY - timedelta(days=1),
        ),
        today=TODAY,
    ).id
    suggestions = matching_suggestions(db, world.one, today=TODAY)
    assert [(s.need_id, s.resource_id) for s in suggestions] == [(need_id, resource_id)]
    assert expired in [
        s.resource_id
        for s in matching_suggestions(db, world.one, today=TODAY - timedelta(days=1))
    ]
    pid = project(db, world, (need_id,), resource_ids=(resource_id,))
    row = get_project(db, pid, today=TODAY)
    assert row.state is ProjectState.DRAFT and row.community_name == "社区甲"
    assert list_needs(db)[0].state is NeedState.MATCHED
    transition_project(db, pid, ProjectState.PUBLISHED, on=date(2026, 3, 12), expected_version=1)
    claim = claim_project(
        db,
        pid,
        unit_id=world.bureau,
        responsible_person="李明",
        content="每周二派志愿者助餐",
        due_on=date(2026, 6, 20),
        claimed_on=date(2026, 3, 15),
        milestones="4月 组建志愿队",
    )
    commitment = get_commitment(db, claim.commitment_id, today=TODAY)
    assert commitment.state is CommitmentState.ACCEPTED
    assert (commitment.promisor_name, commitment.promisee_name) == ("民政局", "社区甲")
    row = get_project(db, pid, today=TODAY)
    assert row.state is ProjectState.CLAIMED and row.lead_name == "民政局"
    with pytest.raises(ValidationError, match="已认领本项目"):
        claim_project(
            db,
            pid,
            unit_id=world.bureau,
            responsible_person="李明",
            content="x",
            due_on=date(2026, 6, 20),
            claimed_on=date(2026, 3, 15),
        )
    with pytest.raises(DomainError, match="未履诺"):
        transition_project(db, pid, ProjectState.DONE, on=date(2026, 6, 1), expected_version=None)
    transition(
        db,
        claim.commitment_id,
        CommitmentState.FULFILLED,
        on=date(2026, 6, 1),
        expected_version=commitment.version,
    )
    done = transition_project(
        db, pid, ProjectState.DONE, on=date(2026, 6, 1), expected_version=None, outcome="已开餐"
    )
    assert done.on_time and list_needs(db)[0].state is NeedState.DONE
    with pytest.raises(ValidationError, match="不能超过"):
        record_rating(
            db,
            pid,
            rated_on=date(2026, 6, 5),
            participants=10,
            satisfied=9,
            basically_satisfied=2,
            unsatisfied=0,
        )
    rating = record_rating(
        db,
        pid,
        rated_on=date(2026, 6, 5),
        participants=50,
        satisfied=40,
        basically_satisfied=6,
        unsatisfied=2,
        comments="饭菜可口",
    )
    assert rating.satisfaction_rate == pytest.approx(46 / 48)
    assert get_project(db, pid, today=TODAY).state is ProjectState.RATED
    assert list_needs(db)[0].state is NeedState.RATED
    with pytest.raises(ConflictError):
        record_rating(
            db,
            pid,
            rated_on=date(2026, 6, 5),
            participants=50,
            satisfied=40,
            basically_satisfied=6,
            unsatisfied=2,
        )
    assert get_rating(db, pid) == rating
    stats = list_statistics(db, year=2026, today=TODAY)
    t = stats.total
    assert (t.needs, t.verified, t.matched, t.published, t.claimed, t.finished) == (
        1,
        1,
        1,
        1,
        1,
        1,
    )
    assert (t.match_rate, t.claim_rate, t.completion_rate, t.on_time_completion_rate) == (
        1,
        1,
        1,
        1,
    )
    assert t.satisfaction_rate == pytest.approx(46 / 48) and t.good_deeds == 1
    figures = {f.unit_name: f for f in unit_claim_figures(db, 2026)}
    assert figures["民政局"].claimed == 1 and figures["民政局"].completion_rate == 1
    assert figures["兴业公司"].claimed == 0 and figures["兴业公司"].claim_rate == 0

    # the year-end assessment scores the same figures
    ids = {f.unit_name: f.unit_id for f in figures.values()}
    with db.reading() as session:
        claim = ind.four_lists_claim(session, 2026, date(2026, 12, 20), None)
        done = ind.four_lists_completion(session, 2026, date(2026, 12, 20), None)
    assert claim[ids["民政局"]].value == 1 and claim[ids["兴业公司"]].value == 0
    assert claim[ids["兴业公司"]].detail == "认领 0/1 个"
    assert done[ids["民政局"]] == ind.Raw(1.0, "办结 1/1 个")
    assert ids["兴业公司"] not in done  # nothing claimed: 无数据, not 0 %
    unweighted = rs.assess_year(db, 2026, today=date(2026, 12, 20))  # the defaults: 0 % each
    assert not {p.key for line in unweighted.lines for p in line.parts} & {
        "four_lists_claim",
        "four_lists_completion",
    }
    st.save_weights(db, 2026, {"four_lists_claim": 50, "four_lists_completion": 50})
    report = rs.assess_year(db, 2026, today=date(2026, 12, 20))
    scored = {r.unit_name: r for r in report.lines}
    assert scored["民政局"].total == pytest.approx(100)


def test_project_rules(db: Database, world: World) -> None:
    pending = need(db, world)
    with pytest.raises(ValidationError, match="只有已核实"):
        project(db, world, (pending,))
    other = verified(db, world, alliance_id=world.two, community_unit_id=world.community_b)
    with pytest.raises(ValidationError, match="不属于所选联盟"):
        project(db, world, (other,))
    ok = verified(db, world)
    res = resource(db, world)
    change_resource_state(db, res, ResourceState.PAUSED, expected_version=1)
    with pytest.raises(ValidationError, match="暂停"):
        project(db, world, (ok,), resource_ids=(res,))
    with pytest.raises(ValidationError, match="须选择会议"):
        project(db, world, (ok,), origin=ProjectOrigin.MEETING)
    pid = project(db, world, (ok,))
    with pytest.raises(DomainError, match="原因"):
        transition_project(db, pid, ProjectState.WITHDRAWN, on=TODAY, expected_version=1)
    transition_project(
        db, pid, ProjectState.WITHDRAWN, on=TODAY, expected_version=1, reason="居民已自行解决"
    )
    assert {n.id: n.state for n in list_needs(db)}[ok] is NeedState.VERIFIED
    assert list_resources(db)[0].state is ResourceState.PAUSED


def test_unclaimed_projects_are_flagged_after_the_setting(db: Database, world: World) -> None:
    pid = project(db, world, (verified(db, world),))
    transition_project(db, pid, ProjectState.PUBLISHED, on=date(2026, 3, 1), expected_version=1)
    set_claim_days(db, 10)
    assert get_project(db, pid, today=date(2026, 3, 20)).unclaimed_too_long
    assert not get_project(db, pid, today=date(2026, 3, 5)).unclaimed_too_long


def test_postings_number_issues_and_list_adjustments(db: Database, world: World) -> None:
    first_need = verified(db, world, public=False)
    pid = project(db, world, (first_need,))
    transition_project(db, pid, ProjectState.PUBLISHED, on=date(2026, 3, 12), expected_version=1)
    preview = preview_posting(db, alliance_id=world.one, today=TODAY)
    assert (preview.number, preview.first, preview.recorded) == (1, True, False)
    line = preview.lines[0]
    assert "老年人助餐" not in line.need and "王秀英" not in line.need
    assert (line.unit, line.progress) == ("待认领", "公示待认领")
    issue = record_posting(db, alliance_id=world.one, today=TODAY)
    assert issue.number == 1 and issue.adjustments == ()
    claim_project(
        db,
        pid,
        unit_id=world.firm,
        responsible_person="赵强",
        content="安排场地",
        due_on=date(2026, 7, 31),
        claimed_on=date(2026, 6, 1),
    )
    second = record_posting(db, alliance_id=world.one, today=TODAY, paper="A3")
    assert second.number == 2 and not second.first
    assert any("责任单位由“待认领”改为“兴业公司”" in a for a in second.adjustments)
    assert record_posting(db, alliance_id=None, today=TODAY).number == 1
    printed_here = preview_posting(db, alliance_id=None, today=TODAY)
    record_posting(db, alliance_id=None, today=TODAY)  # another clerk, meanwhile
    with pytest.raises(ConflictError, match="第2期已由其他工作人员登记"):
        record_issue(db, printed_here)
    assert [p.number for p in list_postings(db) if p.scope_title == "全街道"] == [2, 1]
    assert [c.unit_name for c in list_claims(db, today=TODAY)] == ["兴业公司"]


def test_a_project_matched_at_a_meeting_reads_what_the_meeting_made_of_it(
    db: Database, world: World
) -> None:
    """需求—资源对接 at a 联席会议: the item goes on the draft agenda, and the project shows
    what the minutes record for it."""
    from datetime import datetime

    from alliance_desk.core.four_lists.vocab import ProjectOrigin
    from alliance_desk.core.vocab import AttendanceState
    from alliance_desk.services import meetings as mt

    at = datetime(2026, 11, 20, 9, 0)
    scheduled = mt.schedule_meeting(db, alliance_id=world.one, starts_at=at, place="会议室")
    assert scheduled.meeting is not None, scheduled.warning
    meeting_id = scheduled.meeting.meeting.id
    pid = project(
        db, world, (verified(db, world),), origin=ProjectOrigin.MEETING, meeting_id=meeting_id
    )
    (item,) = [i for i in mt.get_meeting(db, meeting_id).agenda if "需求—资源对接" in i.title]
    row = get_project(db, pid, today=TODAY)
    assert row.agenda_item_id == item.id
    assert row.meeting_outcome == "已列入第1次联席会议（11月20日）议程，待讨论"

    mt.notify(db, meeting_id)
    members = mt.get_meeting(db, meeting_id).attendance
    mt.record_attendance(
        db,
        meeting_id,
        [mt.AttendanceInput(a.unit_id, AttendanceState.PRESENT, "张三") for a in members],
    )
    mt.hold_meeting(db, meeting_id, today=at.date())
    minutes = mt.get_meeting(db, meeting_id).minutes
    assert minutes is not None
    mt.save_minutes_draft(
        db,
        meeting_id,
        summary="",
        item_summaries={item.id: "同意由市民政局牵头，4月起每周二助餐"},
        decisions=[],
        expected_version=minutes.version,
    )
    assert get_project(db, pid, today=TODAY).meeting_outcome == (
        "第1次联席会议（11月20日）议定：同意由市民政局牵头，4月起每周二助餐"
    )
