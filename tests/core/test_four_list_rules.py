from __future__ import annotations

from datetime import date

import pytest

from alliance_desk.core.errors import DomainError
from alliance_desk.core.four_lists.masking import HIDDEN_TITLE, mask_text, public_need_title
from alliance_desk.core.four_lists.matching import NeedItem, ResourceItem, suggest
from alliance_desk.core.four_lists.postings import adjustments
from alliance_desk.core.four_lists.rates import ListCounts, vote_error
from alliance_desk.core.four_lists.states import (
    check_need_transition,
    check_project_transition,
    need_transition_error,
    project_transition_error,
    unclaimed_too_long,
)
from alliance_desk.core.four_lists.vocab import (
    NeedState,
    ProjectState,
    ResourceCategory,
    Urgency,
)


def test_need_moves_forward_and_side_exits_need_a_reason() -> None:
    check_need_transition(NeedState.PENDING, NeedState.VERIFIED)
    assert need_transition_error(NeedState.PENDING, NeedState.DONE) is not None
    with pytest.raises(DomainError, match="须填写原因"):
        check_need_transition(NeedState.VERIFIED, NeedState.REJECTED)
    check_need_transition(NeedState.VERIFIED, NeedState.REJECTED, reason="不属本街道")
    assert "并入" in (
        need_transition_error(NeedState.PENDING, NeedState.MERGED, reason="重复") or ""
    )
    check_need_transition(NeedState.PENDING, NeedState.MERGED, reason="重复", merged_into=3)
    assert "不能再更改" in (need_transition_error(NeedState.RATED, NeedState.DONE) or "")


def test_project_state_machine() -> None:
    check_project_transition(ProjectState.DRAFT, ProjectState.PUBLISHED)
    check_project_transition(ProjectState.CLAIMED, ProjectState.DONE)
    assert project_transition_error(ProjectState.PUBLISHED, ProjectState.DONE)
    assert "原因" in (project_transition_error(ProjectState.CLAIMED, ProjectState.SHELVED) or "")
    check_project_transition(ProjectState.SHELVED, ProjectState.CLAIMED)
    with pytest.raises(DomainError):
        check_project_transition(ProjectState.WITHDRAWN, ProjectState.DRAFT)


def test_unclaimed_flag_counts_days_after_publication() -> None:
    published = date(2026, 3, 1)
    assert not unclaimed_too_long(ProjectState.PUBLISHED, published, date(2026, 3, 31), 30)
    assert unclaimed_too_long(ProjectState.PUBLISHED, published, date(2026, 4, 1), 30)
    assert not unclaimed_too_long(ProjectState.CLAIMED, published, date(2026, 9, 1), 30)


def test_rates_and_their_denominators() -> None:
    counts = ListCounts(
        needs=10, verified=8, matched=6, published=5, claimed=4, finished=3,
        finished_on_time=2, satisfied=30, basically_satisfied=10, unsatisfied=10,
    )  # fmt: skip
    assert counts.match_rate == 0.75
    assert counts.claim_rate == 0.8
    assert counts.completion_rate == 0.75
    assert counts.on_time_completion_rate == pytest.approx(2 / 3)
    assert counts.satisfaction_rate == 0.8
    assert counts.good_deeds == 3
    assert ListCounts().claim_rate is None
    assert (counts + counts).verified == 16


def test_vote_tally_rules() -> None:
    assert vote_error(50, 30, 10, 5) is None
    assert "不能超过" in (vote_error(10, 8, 2, 1) or "")
    assert vote_error(0, 0, 0, 0)
    assert vote_error(5, 0, 0, 0)


def test_suggestions_rank_fitting_categories_and_shared_words() -> None:
    needs = [
        NeedItem(1, "老年人助餐服务点缺少志愿者", "养老服务", Urgency.CRITICAL, 40),
        NeedItem(2, "小区篮球场地破损", "文体", Urgency.NORMAL, 5),
    ]
    resources = [
        ResourceItem(10, 1, "医院", ResourceCategory.TALENT, "医护志愿者助餐服务"),
        ResourceItem(11, 2, "学校", ResourceCategory.VENUE, "周末开放篮球场地"),
        ResourceItem(12, 3, "银行", ResourceCategory.FUNDS, "理财讲座"),
    ]
    found = suggest(needs, resources)
    first = [s for s in found if s.need_id == 1]
    assert first[0].resource_id == 10
    assert {s.resource_id for s in found if s.need_id == 2} == {11}
    assert all("可用于" in s.reason or "相近" in s.reason for s in found)


def test_masking_hides_personal_details() -> None:
    text = "张大民家（13912345678，3单元402室）门前路灯不亮，身份证220881199001011234"
    masked = mask_text(text, names=("张大民",))
    assert "13912345678" not in masked and "139****5678" in masked
    assert "220881199001011234" not in masked
    assert "张大民" not in masked and "402" not in masked
    assert public_need_title(text, public=False, category="平安").endswith(HIDDEN_TITLE)
    assert "张大民" not in public_need_title(text, public=False, category="平安")


def test_adjustments_name_added_removed_and_changed_lines() -> None:
    old = {"1": {"project": "助餐", "progress": "30%"}, "2": {"project": "路灯"}}
    new = {"1": {"project": "助餐", "progress": "60%"}, "3": {"project": "球场"}}
    found = adjustments(old, new)
    kinds = [(a.project_key, a.kind) for a in found]
    assert kinds == [("1", "调整"), ("3", "新增"), ("2", "撤下")]
    assert "进度由“30%”改为“60%”" in found[0].text
    assert adjustments(None, new) == []
