"""Flags, one-line Chinese explanations and the change list, from the finished plan.

Every flag is a fact about the final plan (the queue's first unit is noted as each term
is placed, and again when an exact search re-plans a year): ``ADJUSTED`` means the unit
is not the first eligible unit of the queue (rule 3 made it give way),
``RULE2_GAVE_WAY`` that the unit had chaired since the passed-over unit's last turn,
``CONFLICT`` that the unit holds an overlapping term of another alliance, ``GAP`` that
no unit was eligible (rule 1), ``POSTPONED`` that the previously planned unit may no
longer chair it.
"""

from __future__ import annotations

from datetime import date

from alliance_desk.core.rotation.model import ChangeKind, Plan, RotaTerm, TermChange, TermFlag
from alliance_desk.core.rotation.occupancy import OVER_BUDGET, Slot
from alliance_desk.core.rotation.periods import relative_label
from alliance_desk.core.rotation.workspace import Workspace
from alliance_desk.core.vocab import ChairTermState

IN_TURN = "按轮值顺序"
GAP_TEXT = "空缺：本期没有可担任轮值主席的成员单位"
REMOVED_TEXT = "该期间不再按原计划安排轮值主席"
_FLAG_ORDER = tuple(TermFlag)
_KEPT_TEXT = {
    ChairTermState.SERVED: "已履职",
    ChairTermState.SWAPPED: "已调换",
    ChairTermState.SKIPPED: "已跳过",
    ChairTermState.PLANNED: "已计划",
}


def build_plan(ws: Workspace, searched_years: list[int]) -> Plan:
    """The answer: planned and kept terms (by alliance, start) and the change list."""
    terms: list[RotaTerm] = []
    for alliance_id in ws.alliances:
        terms.extend(_planned(ws, slot) for slot in ws.slots[alliance_id])
        for slot in ws.kept_of.get(alliance_id, ()):
            if slot.period.start <= ws.end and ws.start <= slot.period.end:
                terms.append(_kept(ws, slot))
    terms.sort(key=lambda t: (t.alliance_id, t.start, t.end))
    return Plan(tuple(terms), tuple(_changes(ws, terms)), tuple(searched_years))


def _planned(ws: Workspace, slot: Slot) -> RotaTerm:
    flags: set[TermFlag] = set()
    unit, first = slot.unit, slot.first
    previous = ws.previous.get((slot.alliance_id, slot.period.start, slot.period.end))
    before = previous.unit_id if previous is not None else None
    if before is not None and before != unit and before not in slot.eligible_set:
        flags.add(TermFlag.POSTPONED)
    if unit is None:
        flags.add(TermFlag.GAP)
        text = GAP_TEXT
    else:
        if unit != first:
            flags.add(TermFlag.ADJUSTED)
            if slot.rule2:
                flags.add(TermFlag.RULE2_GAVE_WAY)
        if ws.occupancy.clashes(unit, slot):
            flags.add(TermFlag.CONFLICT)
            clash = ws.occupancy.blockers(unit, slot.period, besides=slot)
            text = _conflict_text(ws, slot, unit, clash[0])
        elif TermFlag.ADJUSTED in flags:
            text = _adjusted_text(ws, slot, first, TermFlag.RULE2_GAVE_WAY in flags)
        elif TermFlag.POSTPONED in flags and before is not None:
            why = ws.rosters[slot.alliance_id].why_not(before, slot.period)
            text = f"顺延：原定单位{ws.name_of_unit(before)}{why}"
        else:
            text = IN_TURN
    return RotaTerm(
        slot.alliance_id,
        slot.period.start,
        slot.period.end,
        unit,
        tuple(flag for flag in _FLAG_ORDER if flag in flags) if flags else (),
        text,
    )


def _conflict_text(ws: Workspace, slot: Slot, unit: int, other: Slot) -> str:
    when = relative_label(other.period, slot.period)
    if slot.outcome == OVER_BUDGET:
        why = "未能在计算限度内找到避开的安排（规则3未满足）"
    else:
        why = "无法避开（规则3无法满足）"
    return (
        f"冲突：{ws.name_of_unit(unit)}{when}同时担任"
        f"{ws.name_of_alliance(other.alliance_id)}轮值主席，{why}"
    )


def _adjusted_text(ws: Workspace, slot: Slot, first: int | None, rule2: bool) -> str:
    tail = "；本单位本轮再次担任（规则2让位于规则3）" if rule2 else ""
    blockers = [] if first is None else ws.occupancy.blockers(first, slot.period, besides=slot)
    if not blockers:
        return f"调整：为避开轮值冲突，未按轮值顺序安排{tail}"
    other = blockers[0]
    when = relative_label(other.period, slot.period)
    return (
        f"调整：按顺序应由{ws.name_of_unit(first)}担任，但该单位{when}已担任"
        f"{ws.name_of_alliance(other.alliance_id)}轮值主席{tail}"
    )


def _kept(ws: Workspace, slot: Slot) -> RotaTerm:
    term = slot.existing
    assert term is not None
    flags = [TermFlag.KEPT]
    text = (
        "已锁定" if term.locked and term.state == ChairTermState.PLANNED else _KEPT_TEXT[term.state]
    )
    if term.chairs and slot.unit is not None:
        clash = ws.occupancy.blockers(slot.unit, slot.period, besides=slot)
        if clash:
            flags.append(TermFlag.CONFLICT)
            other = clash[0]
            text = (
                f"冲突：{ws.name_of_unit(slot.unit)}{relative_label(other.period, slot.period)}"
                f"同时担任{ws.name_of_alliance(other.alliance_id)}轮值主席（{text}，不作调整）"
            )
    return RotaTerm(
        slot.alliance_id,
        term.start,
        term.end,
        term.unit_id,
        tuple(flags),
        text,
        term.state,
        term.locked,
    )


def _changes(ws: Workspace, terms: list[RotaTerm]) -> list[TermChange]:
    """What differs from the previous (unlocked) plan: added, changed and removed terms."""
    changes: list[TermChange] = []
    matched: set[tuple[int, date, date]] = set()
    for term in terms:
        if term.kept:
            continue
        key = (term.alliance_id, term.start, term.end)
        previous = ws.previous.get(key)
        matched.add(key)
        if previous is None:
            kind, before = ChangeKind.ADDED, None
        elif previous.unit_id != term.unit_id:
            kind, before = ChangeKind.CHANGED, previous.unit_id
        else:
            continue
        changes.append(
            TermChange(
                term.alliance_id, term.start, term.end, kind, before, term.unit_id, term.explanation
            )
        )
    for (alliance_id, start, end), previous in ws.previous.items():
        if (alliance_id, start, end) not in matched:
            changes.append(
                TermChange(
                    alliance_id,
                    start,
                    end,
                    ChangeKind.REMOVED,
                    previous.unit_id,
                    None,
                    REMOVED_TEXT,
                )
            )
    changes.sort(key=lambda c: (c.alliance_id, c.start, c.end))
    return changes
