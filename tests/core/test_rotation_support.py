"""Shared strategies and independent oracles for the rotation tests (plus their own checks).

The oracles re-derive each rule from the request alone — they share no code with the
planner beyond the period arithmetic — so a property test compares two implementations.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_desk.core.rotation import (
    AllianceInfo,
    ExistingTerm,
    MemberInfo,
    Plan,
    PlanRequest,
    RotaTerm,
    period_of,
    periods_between,
)
from alliance_desk.core.vocab import ChairPeriod, ChairTermState

SOAK = int(os.environ.get("ROTATION_SOAK", "1"))


def examples(count: int) -> settings:
    """Hypothesis settings: ``count`` examples, times ``ROTATION_SOAK`` for a long soak."""
    return settings(max_examples=count * SOAK, deadline=None)


ALL_KINDS = tuple(ChairPeriod)
LONG_KINDS = (ChairPeriod.QUARTER, ChairPeriod.HALF_YEAR, ChairPeriod.YEAR)
FIRST_YEAR = 2026
EARLY = date(2020, 1, 1)


def name(unit: int) -> str:
    return f"单位{unit}"


@st.composite
def members_of(draw: st.DrawFn, alliance_id: int, units: list[int], last: date) -> list[MemberInfo]:
    """Membership rows: mostly members from the start, some joining or leaving, a few
    rejoining (rows of one unit never overlap), a few not chair-eligible."""
    chosen = draw(st.lists(st.sampled_from(units), unique=True, max_size=len(units)))
    rows = []
    window_start = date(FIRST_YEAR - 1, 6, 1)
    window = st.dates(window_start, last)
    for order, unit in enumerate(chosen, start=1):
        joined = draw(st.one_of(st.just(EARLY), window))
        left = draw(st.one_of(st.none(), st.none(), st.dates(max(joined, window_start), last)))
        eligible = draw(st.sampled_from([True, True, True, True, False]))
        rows.append(MemberInfo(alliance_id, unit, name(unit), order, joined, left, eligible))
        if left is not None and draw(st.booleans()) and left + timedelta(days=1) <= last:
            again = draw(st.dates(left + timedelta(days=1), last))
            rows.append(MemberInfo(alliance_id, unit, name(unit), order, again, None, eligible))
    return rows


@st.composite
def requests(
    draw: st.DrawFn,
    *,
    max_alliances: int = 4,
    max_units: int = 6,
    kinds: tuple[ChairPeriod, ...] = ALL_KINDS,
    max_years: int = 2,
    history: bool = True,
    locked: bool = True,
    aligned_start: bool = False,
) -> PlanRequest:
    """A random street: alliances sharing units, dated memberships, history, locked terms."""
    count = draw(st.integers(1, max_alliances))
    units = list(range(1, draw(st.integers(1, max_units)) + 1))
    if aligned_start:
        start = date(FIRST_YEAR, 1, 1)
    else:
        start = draw(st.dates(date(FIRST_YEAR, 1, 1), date(FIRST_YEAR, 12, 31)))
    years = draw(st.integers(1, max_years))
    end = date(start.year + years - 1, 12, 31)
    if not aligned_start:
        end = min(end, draw(st.dates(start, end)))
    alliances = [
        AllianceInfo(aid, f"第{aid}联盟", draw(st.sampled_from(kinds)))
        for aid in range(1, count + 1)
    ]
    members: list[MemberInfo] = []
    terms: list[ExistingTerm] = []
    for alliance in alliances:
        rows = draw(members_of(alliance.id, units, end))
        members.extend(rows)
        seated = sorted({row.unit_id for row in rows}) or units
        if history:
            past = periods_between(alliance.period, date(start.year - 1, 1, 1), start)
            for period in past:
                if period.end >= start or not draw(st.booleans()):
                    continue
                state = draw(st.sampled_from(list(ChairTermState)))
                unit = draw(st.sampled_from(seated))
                terms.append(ExistingTerm(alliance.id, period.start, period.end, unit, state))
        if locked and draw(st.integers(0, 3)) == 0:
            period = draw(st.sampled_from(periods_between(alliance.period, start, end)))
            unit = draw(st.sampled_from(seated))
            terms.append(ExistingTerm(alliance.id, period.start, period.end, unit, locked=True))
    return PlanRequest(tuple(alliances), tuple(members), tuple(terms), start, end)


# ---- small worked examples ----------------------------------------------------------

Q, H, Y = ChairPeriod.QUARTER, ChairPeriod.HALF_YEAR, ChairPeriod.YEAR
SERVED, SWAPPED, SKIPPED = ChairTermState.SERVED, ChairTermState.SWAPPED, ChairTermState.SKIPPED


def member(
    alliance: int,
    unit: int,
    order: int | None = None,
    *,
    joined_on: date = EARLY,
    left_on: date | None = None,
    chair_eligible: bool = True,
) -> MemberInfo:
    """A membership row of ``单位{unit}``; its rotation order defaults to the unit id."""
    rank = unit if order is None else order
    return MemberInfo(alliance, unit, name(unit), rank, joined_on, left_on, chair_eligible)


def quarter(year: int, q: int) -> tuple[date, date]:
    ends = {1: date(year, 3, 31), 2: date(year, 6, 30), 3: date(year, 9, 30), 4: date(year, 12, 31)}
    return date(year, 3 * q - 2, 1), ends[q]


def request(
    members: Sequence[MemberInfo],
    terms: Sequence[ExistingTerm] = (),
    *,
    kinds: dict[int, ChairPeriod] | None = None,
    start: date = date(2026, 1, 1),
    end: date = date(2026, 12, 31),
) -> PlanRequest:
    """A request for the alliances named in ``members``/``terms`` (quarterly by default)."""
    ids = sorted({m.alliance_id for m in members} | {t.alliance_id for t in terms})
    kinds = kinds or {}
    alliances = tuple(AllianceInfo(a, f"第{a}联盟", kinds.get(a, Q)) for a in ids)
    return PlanRequest(alliances, tuple(members), tuple(terms), start, end)


def units(plan: Plan, alliance: int = 1) -> list[int | None]:
    return [t.unit_id for t in plan.for_alliance(alliance) if not t.kept]


def served(
    alliance: int, unit: int | None, year: int, q: int, state: ChairTermState = SERVED
) -> ExistingTerm:
    return ExistingTerm(alliance, *quarter(year, q), unit, state)


# ---- independent oracles -------------------------------------------------------------


def eligible_units(request: PlanRequest, alliance_id: int, start: date, end: date) -> set[int]:
    """Rule 1 from the rows: a member and chair-eligible for the whole period."""
    return {
        m.unit_id
        for m in request.members
        if m.alliance_id == alliance_id
        and m.chair_eligible
        and m.joined_on <= start
        and (m.left_on is None or m.left_on >= end)
    }


def overlap(a: ExistingTerm | RotaTerm, b: ExistingTerm | RotaTerm) -> bool:
    return a.start <= b.end and b.start <= a.end


def kept_terms(request: PlanRequest) -> list[ExistingTerm]:
    """Stored terms the planner keeps: fixed ones, and planned ones outside the horizon."""
    horizon = ExistingTerm(0, request.start, request.end, None)
    return [t for t in request.terms if t.fixed or not overlap(t, horizon)]


def kept_chairs(request: PlanRequest) -> list[ExistingTerm]:
    """Kept terms that occupy their unit (not skipped, not empty)."""
    return [t for t in kept_terms(request) if t.chairs]


def clashing(term: RotaTerm, others: list[ExistingTerm | RotaTerm]) -> bool:
    """True when ``term``'s unit holds an overlapping term of another alliance."""
    return term.unit_id is not None and any(
        o.unit_id == term.unit_id and o.alliance_id != term.alliance_id and overlap(o, term)
        for o in others
    )


def all_chairs(request: PlanRequest, plan: Plan) -> list[ExistingTerm | RotaTerm]:
    planned: list[ExistingTerm | RotaTerm] = [
        t for t in plan.terms if not t.kept and t.unit_id is not None
    ]
    return planned + list(kept_chairs(request))


# ---- checks of the helpers themselves ------------------------------------------------


@examples(30)
@given(requests())
def test_generated_requests_are_well_formed(request: PlanRequest) -> None:
    for term in request.terms:
        assert period_of(term.start, term.end).end == term.end
    by_unit: dict[tuple[int, int], list[MemberInfo]] = {}
    for row in request.members:
        by_unit.setdefault((row.alliance_id, row.unit_id), []).append(row)
    for rows in by_unit.values():
        rows.sort(key=lambda r: r.joined_on)
        for first, second in pairwise(rows):
            assert first.left_on is not None and first.left_on < second.joined_on
