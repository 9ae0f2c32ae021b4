"""Property tests for rules 1, 2, 3 and 5 of the rotating-chair planner (issue 4).

Each test draws random streets — alliances of every period kind sharing units, members
joining, leaving and rejoining, ineligible members, served/swapped/skipped history and
locked terms — and checks the plan against an oracle that re-derives the rule.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_rotation_support import (
    all_chairs,
    clashing,
    eligible_units,
    examples,
    kept_terms,
    overlap,
    requests,
)

from alliance_desk.core.rotation import (
    PlanRequest,
    RotaTerm,
    TermFlag,
    next_period,
    period_of,
    periods_between,
    plan_rota,
)

EXAMPLES = examples(80)


@EXAMPLES
@given(requests())
def test_one_term_per_alliance_per_period(request: PlanRequest) -> None:
    """Every period of the horizon is planned once, or covered by a kept term."""
    plan = plan_rota(request)
    for alliance in request.alliances:
        terms = plan.for_alliance(alliance.id)
        planned = [(t.start, t.end) for t in terms if not t.kept]
        assert len(planned) == len(set(planned))
        kept = [t for t in terms if t.kept]
        for period in periods_between(alliance.period, request.start, request.end):
            covered = [k for k in kept if k.start <= period.end and period.start <= k.end]
            assert ((period.start, period.end) in planned) != bool(covered)


@EXAMPLES
@given(requests())
def test_rule1_only_members_eligible_for_the_whole_period(request: PlanRequest) -> None:
    plan = plan_rota(request)
    for term in plan.terms:
        if term.kept:
            continue
        eligible = eligible_units(request, term.alliance_id, term.start, term.end)
        if term.unit_id is None:
            assert not eligible
            assert TermFlag.GAP in term.flags
            assert term.explanation == "空缺：本期没有可担任轮值主席的成员单位"
        else:
            assert term.unit_id in eligible
            assert TermFlag.GAP not in term.flags


def _queue_key(request: PlanRequest, planned: list[RotaTerm], term: RotaTerm, unit: int):
    """Rule 2's key, re-derived: the unit's last turn here, or its join date if it joined
    after the alliance's first term; units with neither come first, in rotation order."""
    aid = term.alliance_id
    kept = [t for t in kept_terms(request) if t.alliance_id == aid]
    origin = min([t.start for t in kept] + [planned[0].start])
    turns = [t for t in kept if t.chairs] + planned
    entries = [(t.start, 1) for t in turns if t.unit_id == unit and t.start < term.start]
    rows = sorted(
        (m for m in request.members if m.alliance_id == aid and m.unit_id == unit),
        key=lambda m: m.joined_on,
    )
    entries += [
        (m.joined_on, 0) for m in rows if m.chair_eligible and origin < m.joined_on <= term.start
    ]
    rank = (rows[-1].rotation_order, unit)
    return (1, *max(entries), rank) if entries else (0, rank)


@EXAMPLES
@given(requests())
def test_rule2_adjusted_means_not_the_least_recently_served(request: PlanRequest) -> None:
    """ADJUSTED ⇔ the unit is not first in the least-recently-served queue;
    RULE2_GAVE_WAY ⇔ adjusted and the unit had chaired since that unit's last turn."""
    plan = plan_rota(request)
    for alliance in request.alliances:
        terms = [t for t in plan.for_alliance(alliance.id) if not t.kept]
        for term in terms:
            if term.unit_id is None:
                continue
            eligible = eligible_units(request, alliance.id, term.start, term.end)
            keys = {u: _queue_key(request, terms, term, u) for u in eligible}
            first = min(eligible, key=keys.__getitem__)
            assert (TermFlag.ADJUSTED in term.flags) == (term.unit_id != first)
            gave_way = term.unit_id != first and keys[term.unit_id][0] == 1
            gave_way = gave_way and keys[term.unit_id][2] == 1
            assert (TermFlag.RULE2_GAVE_WAY in term.flags) == gave_way


@EXAMPLES
@given(requests(max_years=3))
def test_rule2_counts_within_one_over_any_run_without_adjustment(request: PlanRequest) -> None:
    """Over any run of consecutive planned periods with no ADJUSTED term, the turns of
    the units eligible all run long differ by at most one (so over every full cycle)."""
    plan = plan_rota(request)
    for alliance in request.alliances:
        terms = [t for t in plan.for_alliance(alliance.id) if not t.kept]
        for i in range(len(terms)):
            for j in range(i, len(terms)):
                window = terms[i : j + 1]
                if j > i and next_period(period_of(terms[j - 1].start, terms[j - 1].end)) != (
                    period_of(terms[j].start, terms[j].end)
                ):
                    break
                if any(TermFlag.ADJUSTED in t.flags for t in window):
                    break
                steady = set.intersection(
                    *(eligible_units(request, alliance.id, t.start, t.end) for t in window)
                )
                counts = [sum(t.unit_id == u for t in window) for u in steady]
                assert not counts or max(counts) - min(counts) <= 1


@EXAMPLES
@given(requests())
def test_rule3_conflicts_are_flagged_and_explained(request: PlanRequest) -> None:
    """CONFLICT ⇔ the unit holds an overlapping term of another alliance (never silent)."""
    plan = plan_rota(request)
    chairs = all_chairs(request, plan)
    for term in plan.terms:
        if term.kept and (term.unit_id is None or term.state == "skipped"):
            assert TermFlag.CONFLICT not in term.flags
            continue
        clash = clashing(term, chairs)
        assert (TermFlag.CONFLICT in term.flags) == clash
        if clash:
            assert "冲突：" in term.explanation
            assert "规则3" in term.explanation or term.kept


@EXAMPLES
@given(requests())
def test_rule3_beats_rule2_only_when_the_next_unit_is_busy(request: PlanRequest) -> None:
    """An ADJUSTED term names the alliance keeping the queue's next unit busy then."""
    plan = plan_rota(request)
    chairs = all_chairs(request, plan)
    names = {a.id: a.name for a in request.alliances}
    for term in plan.terms:
        if term.kept or TermFlag.ADJUSTED not in term.flags or TermFlag.CONFLICT in term.flags:
            continue
        assert term.explanation.startswith("调整：按顺序应由")
        skipped_unit = term.explanation.removeprefix("调整：按顺序应由").split("担任")[0]
        busy = [
            c
            for c in chairs
            if c.alliance_id != term.alliance_id
            and overlap(c, term)
            and f"单位{c.unit_id}" == skipped_unit
        ]
        assert busy
        assert any(names[c.alliance_id] in term.explanation for c in busy)
        if TermFlag.RULE2_GAVE_WAY in term.flags:
            assert "规则2让位" in term.explanation


@EXAMPLES
@given(requests(), st.randoms(use_true_random=False))
def test_rule5_same_input_same_plan_whatever_the_order(request: PlanRequest, rnd) -> None:
    plan = plan_rota(request)
    assert plan_rota(request) == plan
    shuffled = [list(request.alliances), list(request.members), list(request.terms)]
    for items in shuffled:
        rnd.shuffle(items)
    again = PlanRequest(*(tuple(items) for items in shuffled), request.start, request.end)
    assert plan_rota(again) == plan
