"""Agenda: items, time slots, editing while draft, the notice that freezes it, suggestions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_meetings_support import Club, held, make_club, schedule, with_agenda

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.vocab import (
    AgendaKind,
    AgendaOrigin,
    CommitmentDirection,
    CommitmentState,
    MeetingState,
)
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.storage.models import Commitment

AT = datetime(2026, 11, 20, 9, 0)


def test_agenda_items_get_clock_time_slots(db: Database) -> None:
    club = make_club(db)
    detail = schedule(db, club, AT)
    detail = mt.add_agenda_items(
        db,
        detail.meeting.id,
        [
            mt.AgendaInput("通报第四季度工作", AgendaKind.BRIEFING, club["城东社区"], 15),
            mt.AgendaInput("研究年度项目清单", AgendaKind.DISCUSSION, club["人民医院"], 30),
            mt.AgendaInput("评议承诺履行情况", AgendaKind.REVIEW, None, 45),
        ],
    )
    assert [(s.position, s.time_label, s.presenter_name) for s in detail.agenda] == [
        (1, "09:00–09:15", "城东社区"),
        (2, "09:15–09:45", "人民医院"),
        (3, "09:45–10:30", ""),
    ]
    assert detail.timing.end_label == "10:30"
    assert detail.timing.total_label == "1 小时 30 分钟"
    assert mt.list_meetings(db)[0].agenda_count == 3


def test_edit_delete_and_reorder_while_draft(db: Database) -> None:
    club = make_club(db)
    detail = with_agenda(db, club, AT, "甲议题", "乙议题", "丙议题")
    first, second, third = detail.agenda
    detail = mt.update_agenda_item(
        db,
        second.id,
        mt.AgendaInput("乙议题（修订）", AgendaKind.CONSULTATION, club["供电公司"], 20),
        expected_version=second.version,
    )
    assert detail.agenda[1].title == "乙议题（修订）"
    assert detail.agenda[1].kind is AgendaKind.CONSULTATION
    with pytest.raises(ConflictError):
        mt.update_agenda_item(db, second.id, mt.AgendaInput("旧"), expected_version=second.version)
    detail = mt.reorder_agenda(db, detail.meeting.id, [third.id, first.id, second.id])
    assert [s.title for s in detail.agenda] == ["丙议题", "甲议题", "乙议题（修订）"]
    assert [s.time_label for s in detail.agenda] == ["09:00–09:15", "09:15–09:30", "09:30–09:50"]
    with pytest.raises(ConflictError, match="议程"):
        mt.reorder_agenda(db, detail.meeting.id, [third.id, first.id])
    detail = mt.delete_agenda_item(db, third.id, expected_version=detail.agenda[0].version)
    assert [(s.position, s.title) for s in detail.agenda] == [(1, "甲议题"), (2, "乙议题（修订）")]


def test_agenda_input_is_checked(db: Database) -> None:
    club = make_club(db)
    meeting_id = schedule(db, club, AT).meeting.id
    with pytest.raises(ValidationError) as refused:
        mt.add_agenda_items(db, meeting_id, [mt.AgendaInput("  ", minutes_allotted=0)])
    assert refused.value.errors == {
        "title": "议题不能为空",
        "minutes_allotted": "议题用时应为 1–480 分钟",
    }
    with pytest.raises(ValidationError, match="第 2 项：议题不能为空"):
        mt.add_agenda_items(db, meeting_id, [mt.AgendaInput("好"), mt.AgendaInput("")])
    assert mt.get_meeting(db, meeting_id).agenda == ()


def test_notify_refuses_without_agenda_or_place(db: Database) -> None:
    club = make_club(db)
    detail = schedule(db, club, AT, place="")
    with pytest.raises(DomainError) as refused:
        mt.notify(db, detail.meeting.id)
    assert refused.value.message == "请至少安排一项议题。请填写会议地点。"
    assert mt.get_meeting(db, detail.meeting.id).meeting.state is MeetingState.DRAFT


def test_notify_freezes_the_agenda_until_withdrawn(db: Database) -> None:
    club = make_club(db)
    detail = with_agenda(db, club, AT, "甲议题", "乙议题")
    meeting_id, item = detail.meeting.id, detail.agenda[0]
    with pytest.raises(ConflictError):
        mt.notify(db, meeting_id, expected_version=detail.meeting.version - 1)
    notified = mt.notify(db, meeting_id, expected_version=detail.meeting.version)
    assert notified.meeting.state is MeetingState.NOTIFIED
    frozen = "会议通知已发出，议程已冻结；如需修改，请先撤回通知。"
    refusals = [
        lambda: mt.add_agenda_items(db, meeting_id, [mt.AgendaInput("新议题")]),
        lambda: mt.update_agenda_item(db, item.id, mt.AgendaInput("改"), expected_version=1),
        lambda: mt.delete_agenda_item(db, item.id, expected_version=1),
        lambda: mt.reorder_agenda(db, meeting_id, [a.id for a in reversed(detail.agenda)]),
        lambda: mt.update_meeting(
            db, meeting_id, starts_at=AT, place="别处", expected_version=notified.meeting.version
        ),
    ]
    for attempt in refusals:
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.message == frozen
    with pytest.raises(DomainError, match="会议通知已经发出"):
        mt.notify(db, meeting_id)
    with pytest.raises(DomainError, match="撤回通知须填写原因"):
        mt.withdraw_notice(db, meeting_id, reason=" ")
    draft = mt.withdraw_notice(db, meeting_id, reason="议题需调整")
    assert draft.meeting.state is MeetingState.DRAFT
    mt.add_agenda_items(db, meeting_id, [mt.AgendaInput("新议题")])
    events = mt.meeting_history(db, meeting_id)
    assert [(e.before, e.after, e.reason) for e in events] == [
        (None, MeetingState.DRAFT, ""),
        (MeetingState.DRAFT, MeetingState.NOTIFIED, ""),
        (MeetingState.NOTIFIED, MeetingState.DRAFT, "议题需调整"),
    ]
    assert {e.actor for e in events} == {"测试员"}


def test_carried_over_items_come_from_the_previous_meeting(db: Database) -> None:
    club = make_club(db)
    first = held(db, club, datetime(2026, 9, 8, 9), "甲议题", "乙议题", "丙议题")
    minutes = first.minutes
    assert minutes is not None
    mt.save_minutes_draft(
        db,
        first.meeting.id,
        summary="",
        item_summaries={},
        decisions=[],
        expected_version=minutes.version,
        not_reached={first.agenda[1].id, first.agenda[2].id},
    )
    result = mt.schedule_meeting(db, alliance_id=club.alliance_id, starts_at=AT, place="会议室")
    assert result.meeting is not None
    carried = [s for s in result.suggestions if s.item.origin is AgendaOrigin.CARRIED_OVER]
    assert [(s.item.title, s.reason) for s in carried] == [
        ("乙议题", "第1次会议未议及。"),
        ("丙议题", "第1次会议未议及。"),
    ]
    assert carried[0].item.presenter_unit_id == club["城东社区"]
    mt.add_agenda_items(db, result.meeting.meeting.id, [carried[0].item])
    left = mt.suggested_items(db, result.meeting.meeting.id)
    assert [s.item.title for s in left] == ["丙议题"]
    mt.add_agenda_items(db, result.meeting.meeting.id, [left[0].item])
    mt.notify(db, result.meeting.meeting.id)
    assert mt.suggested_items(db, result.meeting.meeting.id) == []


def _commitment(db: Database, club: Club, due: date, state: CommitmentState) -> None:
    with db.transaction() as session:
        session.add(
            Commitment(
                alliance_id=club.alliance_id,
                promisor_unit_id=club["人民医院"],
                promisee_unit_id=club["城东社区"],
                direction=CommitmentDirection.UNIT_TO_COMMUNITY,
                content=f"义诊 {due}",
                made_on=date(2026, 1, 5),
                due_on=due,
                state=state,
            )
        )


def test_open_commitments_are_offered_as_an_action_review(db: Database) -> None:
    club = make_club(db)
    _commitment(db, club, date(2026, 12, 31), CommitmentState.ACCEPTED)
    _commitment(db, club, date(2026, 6, 30), CommitmentState.IN_PROGRESS)
    _commitment(db, club, date(2026, 3, 31), CommitmentState.FULFILLED)
    result = mt.schedule_meeting(
        db, alliance_id=club.alliance_id, starts_at=AT, today=date(2026, 11, 27)
    )
    assert result.meeting is not None and result.meeting.agenda == ()
    (review,) = result.suggestions
    assert review.item.title == mt.ACTION_REVIEW_TITLE == "上次议定事项落实情况"
    assert review.item.origin is AgendaOrigin.ACTION_REVIEW
    assert review.reason == "本联盟有 2 项承诺尚未履行，其中 1 项已逾期。"
    assert [c.due_on for c in review.commitments] == [date(2026, 6, 30), date(2026, 12, 31)]
    assert review.overdue == 1
    meeting_id = result.meeting.meeting.id
    detail = mt.add_agenda_items(db, meeting_id, [review.item])
    assert [(s.title, s.origin) for s in detail.agenda] == [
        ("上次议定事项落实情况", AgendaOrigin.ACTION_REVIEW)
    ]
    assert mt.suggested_items(db, meeting_id) == []


def test_no_open_commitments_no_review(db: Database) -> None:
    club = make_club(db)
    result = mt.schedule_meeting(db, alliance_id=club.alliance_id, starts_at=AT)
    assert result.suggestions == ()
