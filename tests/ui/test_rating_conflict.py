"""A rating saved by someone else while the clerk typed is not overwritten: the panel says
so and offers to reload."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from alliance_desk.core.vocab import (
    CommitmentDirection,
    CommitmentState,
    MembershipRole,
    Rating,
    UnitCategory,
)
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments import create_commitment, get_commitment, rate, transition
from alliance_desk.services.commitments.records import CommitmentDetail, local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.commitments.rating_panel import RatingPanel


def _fulfilled(db: Database) -> CommitmentDetail:
    community = create_unit(db, UnitInput(name="社区甲", category=UnitCategory.COMMUNITY))
    bureau = create_unit(db, UnitInput(name="民政局", category=UnitCategory.GOVERNMENT))
    alliance = create_alliance(db, AllianceInput(name="一联盟")).alliance.id
    joined = date(2020, 1, 1)
    add_members(db, alliance, [community.unit.id], joined_on=joined, role=MembershipRole.LEAD)
    add_members(db, alliance, [bureau.unit.id], joined_on=joined)
    made = local_today() - timedelta(days=30)
    detail = create_commitment(
        db,
        alliance_id=alliance,
        promisor_unit_id=bureau.unit.id,
        promisee_unit_id=community.unit.id,
        direction=CommitmentDirection.UNIT_TO_COMMUNITY,
        content="组织志愿者开展助老服务",
        made_on=made,
        due_on=made + timedelta(days=20),
    )
    for state in (CommitmentState.ACCEPTED, CommitmentState.FULFILLED):
        detail = transition(
            db, detail.id, state, on=made + timedelta(days=5), expected_version=detail.version
        )
    return detail


@pytest.mark.parametrize("reload", [True, False])
def test_a_rating_saved_meanwhile_is_kept_and_offered(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch, reload: bool
) -> None:
    detail = _fulfilled(db)
    panel = RatingPanel(db, by_promisor=False)
    qtbot.addWidget(panel)
    panel.show_detail(detail)  # the clerk sees no rating yet …
    rate(  # … while another clerk saves one
        db,
        detail.id,
        rater_unit_id=detail.promisee_unit_id,
        rating=Rating.SATISFIED,
        comment="别人先评了",
        rated_on=local_today(),
    )
    panel.choose(Rating.UNSATISFIED, "拖延两周")
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        wanted = "重新载入" if reload else "继续编辑"
        box_button = next(b for b in box.buttons() if b.text() == wanted)
        box_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    reloaded: list[CommitmentDetail] = []
    panel.saved.connect(reloaded.append)
    panel.save_button.click()
    assert asked and "修改" in asked[0]
    kept = get_commitment(db, detail.id).rating_by_promisee
    assert kept is not None and kept.comment == "别人先评了"
    if reload:
        assert [d.rating_by_promisee for d in reloaded] == [kept]
    else:
        assert reloaded == [] and panel.comment.toPlainText() == "拖延两周"
