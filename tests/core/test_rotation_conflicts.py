"""Worked examples of rule 3 (one chair at a time across alliances) and how it is explained."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from test_rotation_support import Q, Y, member, quarter, request, units

from alliance_desk.core.rotation import ExistingTerm, TermFlag, plan_rota


def test_an_adjustment_names_the_other_alliance() -> None:
    plan = plan_rota(request([member(3, 1), member(5, 1), member(5, 2)]))
    first = plan.for_alliance(5)[0]
    assert first.unit_id == 2
    assert first.flags == (TermFlag.ADJUSTED,)
    assert first.explanation == "调整：按顺序应由单位1担任，但该单位本季度已担任第3联盟轮值主席"


def test_rule2_gives_way_to_rule3_and_says_so() -> None:
    members = [member(1, u) for u in (1, 2, 3)] + [member(3, 1, 1), member(3, 4, 2)]
    plan = plan_rota(request(members))
    assert units(plan, 1) == [1, 2, 3, 1]
    assert units(plan, 3) == [4, 1, 4, 4]
    last = plan.for_alliance(3)[-1]
    assert last.flags == (TermFlag.ADJUSTED, TermFlag.RULE2_GAVE_WAY)
    assert last.explanation == (
        "调整：按顺序应由单位1担任，但该单位本季度已担任第1联盟轮值主席；"
        "本单位本轮再次担任（规则2让位于规则3）"
    )


def test_a_yearly_chair_blocks_the_quarters_and_is_named_by_its_year() -> None:
    plan = plan_rota(request([member(1, 1), member(2, 1), member(2, 2)], kinds={1: Y, 2: Q}))
    assert units(plan, 1) == [1]
    assert units(plan, 2) == [2, 2, 2, 2]
    assert plan.for_alliance(2)[0].explanation == (
        "调整：按顺序应由单位1担任，但该单位2026年度已担任第1联盟轮值主席"
    )


def test_an_augmenting_path_frees_a_unit_planned_elsewhere() -> None:
    """Alliance 1 takes unit 1 first; alliance 2 can only use unit 1, so alliance 1 moves."""
    members = [member(1, 1), member(1, 2), member(2, 1)]
    plan = plan_rota(request(members, end=date(2026, 3, 31)))
    assert (units(plan, 1), units(plan, 2)) == ([2], [1])
    assert plan.searched_years == ()
    assert plan.for_alliance(1)[0].explanation.startswith("调整：按顺序应由单位1担任")


def test_an_unavoidable_conflict_is_flagged_on_both_sides() -> None:
    plan = plan_rota(request([member(1, 1), member(2, 1)], end=date(2026, 3, 31)))
    for term, other in zip(plan.terms, ("第2联盟", "第1联盟"), strict=True):
        assert term.unit_id == 1
        assert TermFlag.CONFLICT in term.flags
        assert term.explanation == (
            f"冲突：单位1本季度同时担任{other}轮值主席，无法避开（规则3无法满足）"
        )


def test_a_locked_term_is_never_moved_to_avoid_a_conflict() -> None:
    locked = ExistingTerm(1, *quarter(2026, 1), 1, locked=True)
    plan = plan_rota(
        request([member(1, 1), member(1, 2), member(2, 1)], [locked], end=date(2026, 3, 31))
    )
    kept, planned = plan.for_alliance(1)[0], plan.for_alliance(2)[0]
    assert kept.unit_id == 1 and TermFlag.CONFLICT in kept.flags
    assert kept.explanation == "冲突：单位1本季度同时担任第2联盟轮值主席（已锁定，不作调整）"
    assert planned.unit_id == 1 and TermFlag.CONFLICT in planned.flags
    assert planned.explanation.endswith("无法避开（规则3无法满足）")
    assert plan.searched_years == ()  # every eligible unit is held by a kept term


def _needs_the_search():
    """Yearly alliance 1 {1, 2}; quarterly alliance 2 has only 2 or 3 in Q1, only 1 in Q2.
    The quick pass gives the year to 1, then cannot free 1 for Q2 without moving Q1."""
    members = [
        member(1, 1),
        member(1, 2),
        member(2, 2, 1, left_on=date(2026, 3, 31)),
        member(2, 3, 2, left_on=date(2026, 3, 31)),
        member(2, 1, 3, joined_on=date(2026, 4, 1)),
    ]
    return request(members, kinds={1: Y, 2: Q}, end=date(2026, 6, 30))


def test_the_exact_search_finds_what_the_quick_pass_misses() -> None:
    plan = plan_rota(_needs_the_search())
    assert plan.searched_years == (2026,)
    assert (units(plan, 1), units(plan, 2)) == ([2], [3, 1])
    assert not any(TermFlag.CONFLICT in t.flags for t in plan.terms)
    year, first_quarter = plan.for_alliance(1)[0], plan.for_alliance(2)[0]
    assert year.explanation == (
        "调整：按顺序应由单位1担任，但该单位2026年第2季度已担任第2联盟轮值主席"
    )
    assert first_quarter.explanation == (
        "调整：按顺序应由单位2担任，但该单位2026年度已担任第1联盟轮值主席"
    )


def test_when_the_search_runs_out_of_budget_the_conflict_says_so() -> None:
    plan = plan_rota(replace(_needs_the_search(), search_budget=1))
    flagged = [t for t in plan.terms if TermFlag.CONFLICT in t.flags]
    assert flagged
    assert all("未能在计算限度内找到避开的安排（规则3未满足）" in t.explanation for t in flagged)
