"""Property tests for rule 4: re-planning keeps fixed terms and changes as little as it can.

- Fixed terms (served, swapped, skipped, locked) come back unchanged, and nothing planned
  overlaps them in their alliance.
- Re-planning an unchanged street with the plan as the previous one changes nothing.
- After a join or a leave, every term that ends before the first period the change
  affects is unchanged (in any alliance); a join leaves every term that ends before the
  newcomer's first turn unchanged; a leave changes nothing that ends before the first
  term the leaver may no longer hold. Guaranteed when the exact search did not run in
  that year (it may re-plan the year as a whole to avoid a conflict — rule 3 first).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st
from test_rotation_support import examples, name, overlap, requests

from alliance_desk.core.rotation import (
    ChangeKind,
    ExistingTerm,
    MemberInfo,
    Plan,
    PlanRequest,
    periods_between,
    plan_rota,
)

EXAMPLES = examples(80)


def _units(plan: Plan) -> dict[tuple[int, date], int | None]:
    return {(t.alliance_id, t.start): t.unit_id for t in plan.terms}


def _same_before(before: Plan, after: Plan, day: date) -> None:
    """Every term that ends before ``day`` is the same in both plans."""
    old = {(t.alliance_id, t.start): t for t in before.terms if t.end < day}
    new = {(t.alliance_id, t.start): t for t in after.terms if t.end < day}
    assert old.keys() == new.keys()
    for key, term in old.items():
        assert new[key].unit_id == term.unit_id, key


def _searched(plan: Plan, day: date) -> bool:
    return day.year in plan.searched_years


@EXAMPLES
@given(requests())
def test_fixed_terms_come_back_unchanged(request: PlanRequest) -> None:
    plan = plan_rota(request)
    planned_ids = {a.id for a in request.alliances}
    for fixed in request.terms:
        if not fixed.fixed or not overlap(fixed, ExistingTerm(0, request.start, request.end, None)):
            continue
        assert fixed.alliance_id in planned_ids
        same = [t for t in plan.for_alliance(fixed.alliance_id) if t.start == fixed.start]
        assert len(same) == 1 and same[0].kept
        assert (same[0].unit_id, same[0].state, same[0].locked) == (
            fixed.unit_id,
            fixed.state,
            fixed.locked,
        )
        clashing = [
            t for t in plan.for_alliance(fixed.alliance_id) if not t.kept and overlap(t, fixed)
        ]
        assert not clashing


@EXAMPLES
@given(requests())
def test_replanning_an_unchanged_street_changes_nothing(request: PlanRequest) -> None:
    plan = plan_rota(request)
    previous = tuple(
        ExistingTerm(t.alliance_id, t.start, t.end, t.unit_id) for t in plan.terms if not t.kept
    )
    again = plan_rota(replace(request, terms=request.terms + previous))
    assert again.changes == ()
    assert _units(again) == _units(plan)
    assert [t.explanation for t in again.terms] == [t.explanation for t in plan.terms]


@EXAMPLES
@given(requests(history=False), st.data())
def test_changes_list_every_difference_from_the_previous_plan(
    request: PlanRequest, data: st.DataObject
) -> None:
    plan = plan_rota(request)
    planned = [t for t in plan.terms if not t.kept]
    stale = data.draw(st.lists(st.sampled_from(planned), unique=True)) if planned else []
    units = sorted({m.unit_id for m in request.members}) or [1]
    previous = tuple(
        ExistingTerm(t.alliance_id, t.start, t.end, data.draw(st.sampled_from(units)))
        for t in stale
    )
    again = plan_rota(replace(request, terms=request.terms + previous))
    assert _units(again) == _units(plan)  # previous planned terms do not steer the plan
    expected = {
        (p.alliance_id, p.start): (p.unit_id, _units(plan)[(p.alliance_id, p.start)])
        for p in previous
    }
    changed = {k: v for k, v in expected.items() if v[0] != v[1]}
    assert {
        (c.alliance_id, c.start): (c.before_unit_id, c.after_unit_id)
        for c in again.changes
        if c.kind == ChangeKind.CHANGED
    } == changed
    added = {(c.alliance_id, c.start) for c in again.changes if c.kind == ChangeKind.ADDED}
    assert added == {(t.alliance_id, t.start) for t in planned} - expected.keys()


@st.composite
def joins(draw: st.DrawFn) -> tuple[PlanRequest, PlanRequest, int, int, date]:
    """A street, and the same street where one unit joins one alliance during the horizon."""
    request = draw(requests(max_years=3))
    alliance = draw(st.sampled_from(request.alliances))
    seated = {m.unit_id for m in request.members if m.alliance_id == alliance.id}
    unit = draw(st.sampled_from([u for u in range(1, 8) if u not in seated] or [99]))
    day = draw(st.dates(request.start, request.end))
    row = MemberInfo(alliance.id, unit, name(unit), 50, day)
    return request, replace(request, members=(*request.members, row)), alliance.id, unit, day


@EXAMPLES
@given(joins())
def test_a_join_changes_nothing_before_it_matters(case) -> None:
    request, joined, alliance_id, unit, day = case
    before, after = plan_rota(request), plan_rota(joined)
    kind = next(a.period for a in request.alliances if a.id == alliance_id)
    affected = [p for p in periods_between(kind, day, request.end) if p.start >= day]
    assume(affected)
    first = affected[0].start
    if not (_searched(before, first) or _searched(after, first)):
        _same_before(before, after, first)
        turns = [t.start for t in after.for_alliance(alliance_id) if t.unit_id == unit]
        if turns:
            _same_before(before, after, turns[0])
    else:
        _same_before(before, after, date(first.year, 1, 1))


@st.composite
def leaves(draw: st.DrawFn) -> tuple[PlanRequest, PlanRequest, MemberInfo, date]:
    """A street, and the same street where one open membership ends during the horizon."""
    request = draw(requests(max_years=3))
    open_rows = [m for m in request.members if m.left_on is None and m.joined_on <= request.end]
    assume(open_rows)
    row = draw(st.sampled_from(open_rows))
    day = draw(st.dates(max(row.joined_on, request.start), request.end))
    members = tuple(replace(m, left_on=day) if m is row else m for m in request.members)
    return request, replace(request, members=members), row, day


@EXAMPLES
@given(leaves())
def test_a_leave_changes_nothing_before_it_matters(case) -> None:
    request, left, row, day = case
    before, after = plan_rota(request), plan_rota(left)
    terms = before.for_alliance(row.alliance_id)
    affected = [t.start for t in terms if not t.kept and t.end > day]
    assume(affected)
    first = affected[0]
    invalid = [t.start for t in terms if not t.kept and t.unit_id == row.unit_id and t.end > day]
    if not (_searched(before, first) or _searched(after, first)):
        _same_before(before, after, first)
        if invalid:
            _same_before(before, after, invalid[0])
    else:
        _same_before(before, after, date(first.year, 1, 1))
