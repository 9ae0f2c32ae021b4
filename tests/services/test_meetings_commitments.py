"""Decisions (议定事项) → commitments in one step."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from test_meetings_support import held, make_club, make_unit, minutes_version, with_agenda

from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.alliances import add_members
from alliance_desk.storage.models import Commitment

AT = datetime(2026, 11, 20, 9, 0)


def test_a_decision_makes_commitments_in_one_step(db: Database) -> None:
    club = make_club(db)
    detail = held(db, club, AT)
    meeting_id = detail.meeting.id
    decided = mt.decide(db, meeting_id, content="人民医院每月到城东社区开展一次义诊。")
    (decision,) = decided.decisions
    row = mt.create_commitments_from_decision(
        db,
        decision.id,
        [
            mt.CommitmentInput(club["人民医院"], club["城东社区"], date(2026, 12, 31)),
            mt.CommitmentInput(
                club["城东社区"],
                club["供电公司"],
                date(2027, 3, 31),
                CommitmentDirection.COMMUNITY_TO_UNIT,
                "社区协助供电公司入户宣传安全用电",
                "志愿服务",
            ),
        ],
    )
    assert [(c.promisor_name, c.promisee_name, c.direction) for c in row.commitments] == [
        ("人民医院", "城东社区", CommitmentDirection.UNIT_TO_COMMUNITY),
        ("城东社区", "供电公司", CommitmentDirection.COMMUNITY_TO_UNIT),
    ]
    first, second = row.commitments
    assert first.content == "人民医院每月到城东社区开展一次义诊。"
    assert (first.made_on, first.due_on, first.state) == (
        date(2026, 11, 20),
        date(2026, 12, 31),
        CommitmentState.PROPOSED,
    )
    assert second.category == "志愿服务"
    with db.reading() as session:
        stored = session.scalars(select(Commitment).order_by(Commitment.id)).all()
    assert [c.source_decision_id for c in stored] == [decision.id, decision.id]
    assert {c.alliance_id for c in stored} == {club.alliance_id}
    shown = mt.get_meeting(db, meeting_id).decisions[0].commitments
    assert [c.id for c in shown] == [first.id, second.id]
    # A decision that made commitments cannot be dropped from the minutes.
    version = minutes_version(db, meeting_id)
    with pytest.raises(DomainError, match="第 1 项议定事项已生成承诺，不能删除"):
        mt.save_minutes_draft(
            db, meeting_id, summary="s", item_summaries={}, decisions=[], expected_version=version
        )
    # Commitments may still be made once the minutes are approved.
    mt.save_minutes_draft(
        db,
        meeting_id,
        summary="概述",
        item_summaries={},
        decisions=[mt.DecisionInput(decision.content, decision.id)],
        expected_version=version,
    )
    mt.approve_minutes(db, meeting_id, approved_by="王主任")
    later = mt.create_commitments_from_decision(
        db, decision.id, [mt.CommitmentInput(club["民政局"], club["城东社区"], date(2027, 6, 30))]
    )
    assert len(later.commitments) == 3


def test_commitment_lines_are_checked_all_or_none(db: Database) -> None:
    club = make_club(db)
    outsider = make_unit(db, "外单位")
    meeting_id = held(db, club, AT).meeting.id
    second_community = make_unit(db, "城南社区")
    add_members(db, club.alliance_id, [second_community], joined_on=date(2020, 1, 1))
    decision = mt.decide(db, meeting_id, content="议定事项").decisions[0]
    with pytest.raises(ValidationError) as refused:
        mt.create_commitments_from_decision(
            db,
            decision.id,
            [
                mt.CommitmentInput(club["人民医院"], club["城东社区"], date(2026, 12, 31)),
                mt.CommitmentInput(club["人民医院"], club["供电公司"], date(2026, 12, 31)),
                mt.CommitmentInput(club["城东社区"], second_community, date(2026, 12, 31)),
                mt.CommitmentInput(outsider, club["城东社区"], date(2026, 11, 1), content=" "),
                mt.CommitmentInput(
                    club["人民医院"], club["城东社区"], date(2026, 12, 31),
                    CommitmentDirection.COMMUNITY_TO_UNIT,
                ),
                mt.CommitmentInput(club["城东社区"], club["城东社区"], date(2026, 12, 31)),
            ],
        )  # fmt: skip
    assert refused.value.errors == {
        "commitment_2": "第 2 项承诺：双向承诺须有一方是社区",
        "commitment_3": "第 3 项承诺：承诺方与受诺方不能都是社区",
        "commitment_4": "第 4 项承诺：承诺方须为本联盟在会议当日的成员单位，"
        "到期日期不能早于会议日期（2026-11-20）",
        "commitment_5": "第 5 项承诺：“社区→单位”的承诺方须是社区，“人民医院”是机关",
        "commitment_6": "第 6 项承诺：承诺方与受诺方不能是同一单位",
    }
    assert mt.get_meeting(db, meeting_id).decisions[0].commitments == ()
    with pytest.raises(DomainError, match="请至少填写一项承诺"):
        mt.create_commitments_from_decision(db, decision.id, [])
    draft = with_agenda(db, club, datetime(2026, 11, 24, 9))
    assert draft.decisions == ()
