"""Minutes: autosaved drafts, approval locks, reopening with a reason (audited)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from test_meetings_support import held, make_club, minutes_version, with_agenda

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import (
    AuditAction,
    MeetingState,
)
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.storage.models import AuditEntry

AT = datetime(2026, 11, 20, 9, 0)
LONG = "经研究，" + "人民群众急难愁盼问题" * 200  # 2,000+ characters, kept verbatim


def test_minutes_wait_for_the_meeting_to_be_held(db: Database) -> None:
    club = make_club(db)
    detail = with_agenda(db, club, AT)
    with pytest.raises(DomainError, match="会议尚未登记召开，不能编辑纪要"):
        mt.save_minutes_draft(
            db, detail.meeting.id, summary="x", item_summaries={}, decisions=[], expected_version=1
        )
    with pytest.raises(DomainError, match="会议尚未登记召开"):
        mt.decide(db, detail.meeting.id, content="议定")


def test_autosave_is_idempotent_and_keeps_text_verbatim(db: Database) -> None:
    club = make_club(db)
    detail = held(db, club, AT, "甲议题", "乙议题")
    meeting_id, (item1, item2) = detail.meeting.id, detail.agenda
    version = minutes_version(db, meeting_id)
    first = mt.save_minutes_draft(
        db,
        meeting_id,
        summary="  会议由城东社区主持。\n",
        item_summaries={item1.id: "听取了通报。"},
        decisions=[mt.DecisionInput(LONG), mt.DecisionInput("第二项")],
        expected_version=version,
    )
    assert first.changed and first.version == version + 1
    assert len(first.decision_ids) == 2
    # The same state again (ids known, or a retry whose answer was lost): nothing written.
    one, two = first.decision_ids
    for decisions in (
        [mt.DecisionInput(LONG, one), mt.DecisionInput("第二项", two)],
        [mt.DecisionInput(LONG), mt.DecisionInput("第二项")],
    ):
        again = mt.save_minutes_draft(
            db,
            meeting_id,
            summary="  会议由城东社区主持。\n",
            item_summaries={item1.id: "听取了通报。"},
            decisions=decisions,
            expected_version=version,  # stale, yet nothing to refuse
        )
        assert again == mt.MinutesSaved(first.version, first.decision_ids, changed=False)
    detail = mt.get_meeting(db, meeting_id)
    assert detail.minutes is not None and detail.minutes.summary == "  会议由城东社区主持。\n"
    assert detail.agenda[0].summary == "听取了通报。" and detail.agenda[1].summary == ""
    assert [d.content for d in detail.decisions] == [LONG, "第二项"]
    # A stale editor with different text is refused, not merged.
    with pytest.raises(ConflictError, match="第1次会议纪要已被他人修改"):
        mt.save_minutes_draft(
            db,
            meeting_id,
            summary="别人",
            item_summaries={},
            decisions=[],
            expected_version=version,
        )
    # Reorder, edit and drop decisions; summarise the second item.
    second = mt.save_minutes_draft(
        db,
        meeting_id,
        summary="会议由城东社区主持。",
        item_summaries={item2.id: "讨论了清单。"},
        decisions=[mt.DecisionInput("第二项（修订）", first.decision_ids[1])],
        expected_version=first.version,
    )
    assert second.decision_ids == (first.decision_ids[1],)
    detail = mt.get_meeting(db, meeting_id)
    assert [(d.position, d.content) for d in detail.decisions] == [(1, "第二项（修订）")]
    assert detail.agenda[1].summary == "讨论了清单。"
    with pytest.raises(ConflictError, match="议定事项"):
        mt.save_minutes_draft(
            db,
            meeting_id,
            summary="x",
            item_summaries={},
            decisions=[mt.DecisionInput("x", 99999)],
            expected_version=second.version,
        )
    with pytest.raises(ConflictError, match="议程"):
        mt.save_minutes_draft(
            db, meeting_id, summary="x", item_summaries={99999: "x"}, decisions=[],
            expected_version=second.version,
        )  # fmt: skip


def test_approval_locks_and_reopening_needs_a_reason(db: Database) -> None:
    club = make_club(db)
    meeting_id = held(db, club, AT).meeting.id
    version = minutes_version(db, meeting_id)
    with pytest.raises(DomainError, match="请先填写纪要概述"):
        mt.approve_minutes(db, meeting_id, approved_by="王主任")
    saved = mt.save_minutes_draft(
        db,
        meeting_id,
        summary="会议听取了通报。",
        item_summaries={},
        decisions=[mt.DecisionInput(""), mt.DecisionInput("议定一")],
        expected_version=version,
    )
    with pytest.raises(DomainError) as refused:
        mt.approve_minutes(db, meeting_id, approved_by="王主任")
    assert refused.value.message == "第 1 项议定事项内容为空，请填写或删除。"
    saved = mt.save_minutes_draft(
        db,
        meeting_id,
        summary="会议听取了通报。",
        item_summaries={},
        decisions=[mt.DecisionInput("议定一", saved.decision_ids[1])],
        expected_version=saved.version,
    )
    with pytest.raises(DomainError, match="请填写审定人"):
        mt.approve_minutes(db, meeting_id, approved_by=" ")
    with pytest.raises(ConflictError):
        mt.approve_minutes(db, meeting_id, approved_by="王主任", expected_version=version)
    approved = mt.approve_minutes(
        db, meeting_id, approved_by="王主任", expected_version=saved.version
    )
    assert approved.meeting.state is MeetingState.APPROVED
    assert approved.minutes is not None and approved.minutes.locked
    assert approved.minutes.approved_by == "王主任"
    locked = "纪要已审定并锁定；如需修改，请先重新打开纪要。"
    with pytest.raises(DomainError) as refused:
        mt.save_minutes_draft(
            db, meeting_id, summary="改", item_summaries={}, decisions=[],
            expected_version=approved.minutes.version,
        )  # fmt: skip
    assert refused.value.message == locked
    with pytest.raises(DomainError, match="纪要已审定并锁定"):
        mt.decide(db, meeting_id, content="再加一项")
    with pytest.raises(DomainError, match="纪要已审定并锁定"):
        mt.record_attendance(db, meeting_id, [])
    # An autosave of exactly what is stored, arriving after approval, is harmless.
    late = mt.save_minutes_draft(
        db,
        meeting_id,
        summary="会议听取了通报。",
        item_summaries={},
        decisions=[mt.DecisionInput("议定一", saved.decision_ids[0])],
        expected_version=saved.version,
    )
    assert not late.changed
    with pytest.raises(DomainError, match="重新打开纪要须填写原因") as refused:
        mt.reopen_minutes(db, meeting_id, reason="")
    assert refused.value.field == "reason"
    reopened = mt.reopen_minutes(db, meeting_id, reason="议定事项表述有误")
    assert reopened.meeting.state is MeetingState.HELD
    assert reopened.minutes is not None and not reopened.minutes.locked
    assert reopened.minutes.approved_by == ""
    mt.decide(db, meeting_id, content="补充议定事项")
    history = mt.meeting_history(db, meeting_id)
    assert [(e.after, e.reason) for e in history][-2:] == [
        (MeetingState.APPROVED, ""),
        (MeetingState.HELD, "议定事项表述有误"),
    ]
    with db.reading() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity.in_(("meeting", "minutes")))
            .where(AuditEntry.action == AuditAction.UPDATE)
            .order_by(AuditEntry.id)
        ).all()
    reason = [e for e in entries if e.after and "reason" in e.after]
    assert [(e.entity, e.after, e.actor) for e in reason] == [
        ("meeting", {"step": "reopen", "reason": "议定事项表述有误"}, "测试员")
    ]
    unlocked = [
        e for e in entries if e.entity == "minutes" and e.before and e.before.get("approved_by")
    ]
    assert unlocked[-1].after == {"approved_at": None, "approved_by": ""}


def test_reopen_and_approve_from_the_wrong_state(db: Database) -> None:
    club = make_club(db)
    meeting_id = held(db, club, AT).meeting.id
    with pytest.raises(DomainError, match="纪要尚未审定，可直接编辑"):
        mt.reopen_minutes(db, meeting_id, reason="误操作")
    draft = with_agenda(db, club, datetime(2026, 11, 24, 9))
    with pytest.raises(DomainError, match="会议尚未召开，不能审定纪要"):
        mt.approve_minutes(db, draft.meeting.id, approved_by="王主任")
