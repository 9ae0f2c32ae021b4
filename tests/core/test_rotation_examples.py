"""Worked examples: the rotation order, history (swaps, skips), joins, leaves, gaps,
locked terms, and the change list a clerk previews."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from test_rotation_support import SKIPPED, SWAPPED, H, member, quarter, request, served, units

from alliance_desk.core.errors import DomainError
from alliance_desk.core.rotation import ChangeKind, ExistingTerm, TermFlag, plan_rota
from alliance_desk.core.vocab import ChairTermState

SERVED = ChairTermState.SERVED


def test_round_robin_in_rotation_order() -> None:
    plan = plan_rota(
        request([member(1, 3, 1), member(1, 1, 2), member(1, 2, 3)], end=date(2027, 12, 31))
    )
    assert units(plan) == [3, 1, 2, 3, 1, 2, 3, 1]
    assert {t.explanation for t in plan.terms} == {"按轮值顺序"}
    assert all(t.flags == () for t in plan.terms)


def test_history_continues_the_rotation() -> None:
    history = [served(1, 1, 2025, 3), served(1, 2, 2025, 4)]
    plan = plan_rota(request([member(1, u) for u in (1, 2, 3)], history))
    assert units(plan) == [3, 1, 2, 3]


def test_a_swap_in_history_is_followed() -> None:
    """Q2 and Q3 were swapped (unit 3 before unit 2): the queue follows who really served."""
    history = [
        served(1, 1, 2025, 1),
        served(1, 3, 2025, 2, SWAPPED),
        served(1, 2, 2025, 3, SWAPPED),
    ]
    plan = plan_rota(request([member(1, u) for u in (1, 2, 3)], history, start=date(2025, 10, 1)))
    assert units(plan) == [1, 3, 2, 1, 3]


def test_a_skipped_turn_does_not_count() -> None:
    history = [served(1, 1, 2025, 3), served(1, 2, 2025, 4, SKIPPED)]
    plan = plan_rota(request([member(1, u) for u in (1, 2, 3)], history))
    assert units(plan) == [2, 3, 1, 2]
    kept = [t for t in plan.for_alliance(1) if t.kept]
    assert kept == []  # history before the horizon is not repeated in the plan


def test_a_newcomer_enters_at_the_end_of_the_queue() -> None:
    history = [served(1, 1, 2025, 1), served(1, 2, 2025, 2), served(1, 3, 2025, 3)]
    old = [member(1, u) for u in (1, 2, 3)]
    newcomer = member(1, 4, 0, joined_on=date(2025, 8, 15))
    before = plan_rota(request(old, history, start=date(2025, 10, 1)))
    after = plan_rota(request([*old, newcomer], history, start=date(2025, 10, 1)))
    assert units(before) == [1, 2, 3, 1, 2]
    assert units(after) == [1, 2, 3, 4, 1]  # unchanged until the newcomer's first turn


def test_a_member_joining_mid_quarter_waits_for_the_next_one() -> None:
    plan = plan_rota(request([member(1, 1, joined_on=date(2026, 2, 1))]))
    assert units(plan) == [None, 1, 1, 1]
    gap = plan.for_alliance(1)[0]
    assert TermFlag.GAP in gap.flags
    assert gap.explanation == "空缺：本期没有可担任轮值主席的成员单位"


def test_a_leaver_is_dropped_from_the_rest_of_the_rota() -> None:
    members = [member(1, u) for u in (1, 2, 3)]
    base = plan_rota(request(members, end=date(2027, 6, 30)))
    assert units(base) == [1, 2, 3, 1, 2, 3]
    previous = tuple(ExistingTerm(t.alliance_id, t.start, t.end, t.unit_id) for t in base.terms)
    left = [*members[:2], member(1, 3, left_on=date(2026, 8, 20))]
    plan = plan_rota(request(left, previous, end=date(2027, 6, 30)))
    assert units(plan) == [1, 2, 1, 2, 1, 2]
    third = plan.for_alliance(1)[2]
    assert TermFlag.POSTPONED in third.flags
    assert third.explanation == "顺延：原定单位单位3已退出联盟"
    assert [(c.start, c.kind, c.before_unit_id, c.after_unit_id) for c in plan.changes] == [
        (date(2026, 7, 1), ChangeKind.CHANGED, 3, 1),
        (date(2026, 10, 1), ChangeKind.CHANGED, 1, 2),
        (date(2027, 1, 1), ChangeKind.CHANGED, 2, 1),
        (date(2027, 4, 1), ChangeKind.CHANGED, 3, 2),
    ]


def test_a_member_no_longer_eligible_is_postponed_with_the_reason() -> None:
    members = [member(1, 1), member(1, 2)]
    previous = [ExistingTerm(1, *quarter(2026, 1), 2)]
    plan = plan_rota(request([members[0], member(1, 2, chair_eligible=False)], previous))
    first = plan.for_alliance(1)[0]
    assert first.unit_id == 1
    assert first.explanation == "顺延：原定单位单位2不再具备担任轮值主席的资格"


def test_a_locked_term_stays_and_counts_as_a_turn() -> None:
    locked = ExistingTerm(1, *quarter(2026, 2), 3, locked=True)
    plan = plan_rota(request([member(1, u) for u in (1, 2, 3)], [locked]))
    terms = plan.for_alliance(1)
    assert [t.unit_id for t in terms] == [1, 3, 2, 1]
    assert terms[1].kept and terms[1].locked and terms[1].explanation == "已锁定"
    assert all(c.start != locked.start for c in plan.changes)


def test_fixed_terms_inside_the_horizon_are_shown_as_kept() -> None:
    served_now = served(1, 2, 2026, 1)
    plan = plan_rota(request([member(1, u) for u in (1, 2)], [served_now]))
    first = plan.for_alliance(1)[0]
    assert (first.unit_id, first.state, first.explanation) == (2, SERVED, "已履职")
    assert TermFlag.KEPT in first.flags
    assert units(plan) == [1, 2, 1]


def test_a_kept_term_of_another_length_blocks_the_overlapping_period() -> None:
    """The alliance moved from quarters to half-years: a served Q1 keeps H1 unplanned."""
    history = [served(1, 1, 2026, 1)]
    plan = plan_rota(request([member(1, u) for u in (1, 2)], history, kinds={1: H}))
    terms = plan.for_alliance(1)
    assert [(t.start, t.end, t.unit_id, t.kept) for t in terms] == [
        (date(2026, 1, 1), date(2026, 3, 31), 1, True),
        (date(2026, 7, 1), date(2026, 12, 31), 2, False),
    ]


def test_the_change_list_when_the_period_length_changes() -> None:
    members = [member(1, u) for u in (1, 2)]
    quarterly = plan_rota(request(members))
    previous = tuple(ExistingTerm(1, t.start, t.end, t.unit_id) for t in quarterly.terms)
    plan = plan_rota(request(members, previous, kinds={1: H}))
    kinds = [(c.start, c.end, c.kind) for c in plan.changes]
    assert kinds == [
        (date(2026, 1, 1), date(2026, 3, 31), ChangeKind.REMOVED),
        (date(2026, 1, 1), date(2026, 6, 30), ChangeKind.ADDED),
        (date(2026, 4, 1), date(2026, 6, 30), ChangeKind.REMOVED),
        (date(2026, 7, 1), date(2026, 9, 30), ChangeKind.REMOVED),
        (date(2026, 7, 1), date(2026, 12, 31), ChangeKind.ADDED),
        (date(2026, 10, 1), date(2026, 12, 31), ChangeKind.REMOVED),
    ]


def test_the_current_period_is_planned_when_the_horizon_starts_inside_it() -> None:
    plan = plan_rota(request([member(1, u) for u in (1, 2)], start=date(2026, 5, 20)))
    assert [t.start for t in plan.terms] == [date(2026, m, 1) for m in (4, 7, 10)]
    later = replace(request([member(1, u) for u in (1, 2)]), start=date(2026, 7, 1))
    assert [t.start for t in plan_rota(later).terms] == [date(2026, 7, 1), date(2026, 10, 1)]


def test_a_stored_term_that_is_not_a_calendar_period_is_refused() -> None:
    odd = ExistingTerm(1, date(2026, 2, 15), date(2026, 5, 14), 1, ChairTermState.SERVED)
    with pytest.raises(DomainError, match="不是自然月、季度、半年或年度"):
        plan_rota(request([member(1, 1)], [odd]))


def test_an_alliance_without_eligible_members_has_gaps_only() -> None:
    plan = plan_rota(request([member(1, 1, chair_eligible=False)]))
    assert units(plan) == [None] * 4
    assert all(t.flags == (TermFlag.GAP,) for t in plan.terms)
