"""The rotation area: each alliance's chair rota, three years back to a year ahead.

Made by the planner itself, as a clerk would have: the past was planned, then served,
with a few swaps and a skip (reasons given); the future is re-planned around that
history. So the demo rota obeys every rule the planner keeps.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from alliance_desk.core.rotation import (
    AllianceInfo,
    ExistingTerm,
    MemberInfo,
    PlanRequest,
    RotaTerm,
    plan_rota,
)
from alliance_desk.core.rotation.periods import overlaps
from alliance_desk.core.vocab import ChairPeriod, ChairTermState
from alliance_desk.services.demo.common import DEMO_TODAY, DemoData, Row
from alliance_desk.storage.models import Alliance, ChairTerm, Membership, Unit

HISTORY_START = date(DEMO_TODAY.year - 2, 1, 1)
PLAN_END = date(DEMO_TODAY.year + 1, 12, 31)

SWAP_REASONS = (
    "原定单位当期承担防汛任务，经联席会议商定与下一期调换",
    "原定单位党组织换届，申请与下一期单位调换",
    "为配合社区重点工作安排，两单位协商一致调换",
)
SKIP_REASONS = (
    "该单位当期整体搬迁，经联席会议同意本期不担任",
    "该单位当期承担全市重点项目攻坚任务，经联席会议同意跳过",
)


def _request(data: DemoData, terms: tuple[ExistingTerm, ...], start: date) -> PlanRequest:
    units = {u["id"]: u for u in data.of(Unit)}
    alliances = tuple(
        AllianceInfo(a["id"], a["name"], ChairPeriod(a["chair_period"]))
        for a in data.of(Alliance)
        if a["active"]
    )
    members = tuple(
        MemberInfo(
            m["alliance_id"],
            m["unit_id"],
            units[m["unit_id"]]["name"],
            m["rotation_order"],
            m["joined_on"],
            m["left_on"],
            m["chair_eligible"] and units[m["unit_id"]]["active"],
        )
        for m in data.of(Membership)
    )
    return PlanRequest(alliances, members, terms, start, PLAN_END)


def _as_history(term: RotaTerm) -> ExistingTerm:
    return ExistingTerm(
        term.alliance_id, term.start, term.end, term.unit_id, ChairTermState.SERVED, True
    )


class _Lookup:
    """Indexes for the swap checks (rule 1: eligible all period; rule 3: not busy elsewhere)."""

    def __init__(self, data: DemoData, history: list[ExistingTerm]) -> None:
        self.seats: dict[tuple[int, int], list[Row]] = {}
        for m in data.of(Membership):
            self.seats.setdefault((m["alliance_id"], m["unit_id"]), []).append(m)
        self.by_unit: dict[int, list[int]] = {}
        for i, term in enumerate(history):
            if term.unit_id is not None:
                self.by_unit.setdefault(term.unit_id, []).append(i)

    def eligible(self, alliance_id: int, unit_id: int, term: ExistingTerm) -> bool:
        return any(
            m["chair_eligible"]
            and m["joined_on"] <= term.start
            and (m["left_on"] is None or m["left_on"] >= term.end)
            for m in self.seats.get((alliance_id, unit_id), [])
        )

    def free(
        self, history: list[ExistingTerm], unit_id: int, term: ExistingTerm, skip: set[int]
    ) -> bool:
        return not any(
            i not in skip
            and history[i].unit_id == unit_id
            and history[i].alliance_id != term.alliance_id
            and overlaps(history[i].period, term.period)
            for i in self.by_unit.get(unit_id, [])
        )


def _swap_some(
    rng: random.Random, data: DemoData, history: list[ExistingTerm], notes: dict[int, str]
) -> None:
    """Swap a few pairs of consecutive past terms where both units may chair both periods."""
    lookup = _Lookup(data, history)
    candidates = [
        i
        for i in range(len(history) - 1)
        if history[i].alliance_id == history[i + 1].alliance_id
        and history[i].unit_id is not None
        and history[i + 1].unit_id is not None
    ]
    wanted = max(3, len(data.of(Alliance)) // 8)
    for i in rng.sample(candidates, min(len(candidates), wanted * 4)):
        if wanted == 0:
            break
        first, second = history[i], history[i + 1]
        if i in notes or i + 1 in notes:
            continue
        a, b = first.unit_id, second.unit_id
        assert a is not None and b is not None
        ok = (
            lookup.eligible(first.alliance_id, b, first)
            and lookup.eligible(first.alliance_id, a, second)
            and lookup.free(history, b, first, {i, i + 1})
            and lookup.free(history, a, second, {i, i + 1})
        )
        if not ok:
            continue
        reason = SWAP_REASONS[rng.randrange(len(SWAP_REASONS))]
        history[i] = replace(first, unit_id=b, state=ChairTermState.SWAPPED)
        history[i + 1] = replace(second, unit_id=a, state=ChairTermState.SWAPPED)
        lookup.by_unit[a].append(i + 1)
        lookup.by_unit[b].append(i)
        notes[i] = notes[i + 1] = reason
        wanted -= 1


def _skip_some(
    rng: random.Random, data: DemoData, history: list[ExistingTerm], notes: dict[int, str]
) -> None:
    wanted = max(1, len(data.of(Alliance)) // 24)
    free = [i for i, t in enumerate(history) if i not in notes and t.unit_id is not None]
    for i in rng.sample(free, min(wanted, len(free))):
        history[i] = replace(history[i], state=ChairTermState.SKIPPED)
        notes[i] = SKIP_REASONS[rng.randrange(len(SKIP_REASONS))]


def generate_rotation(rng: random.Random, _scale: int, data: DemoData) -> None:
    first = plan_rota(_request(data, (), HISTORY_START))
    history = [_as_history(t) for t in first.terms if t.end < DEMO_TODAY]
    explanations = {(t.alliance_id, t.start): t.explanation for t in first.terms}
    notes: dict[int, str] = {}
    _swap_some(rng, data, history, notes)
    _skip_some(rng, data, history, notes)
    future = plan_rota(_request(data, tuple(history), DEMO_TODAY))
    rows: list[Row] = []
    for i, term in enumerate(history):
        reason = notes.get(i, "")
        if term.state is ChairTermState.SWAPPED:
            explanation = f"调换：{reason}"
        elif term.state is ChairTermState.SKIPPED:
            explanation = f"跳过：{reason}"
        else:
            explanation = explanations[(term.alliance_id, term.start)]
        rows.append(
            _row(
                len(rows) + 1,
                term.alliance_id,
                term.unit_id,
                term.start,
                term.end,
                term.state,
                True,
                explanation,
                reason,
            )
        )
    for term in future.terms:
        if not term.kept:
            rows.append(
                _row(
                    len(rows) + 1,
                    term.alliance_id,
                    term.unit_id,
                    term.start,
                    term.end,
                    ChairTermState.PLANNED,
                    False,
                    term.explanation,
                    "",
                )
            )
    data.add(ChairTerm, rows)


def _row(
    row_id: int,
    alliance_id: int,
    unit_id: int | None,
    start: date,
    end: date,
    state: ChairTermState,
    locked: bool,
    explanation: str,
    reason: str,
) -> Row:
    return {
        "id": row_id,
        "alliance_id": alliance_id,
        "unit_id": unit_id,
        "period_start": start,
        "period_end": end,
        "state": state,
        "locked": locked,
        "explanation": explanation,
        "change_reason": reason,
        "version": 1,
    }
