"""One alliance as the meeting and commitment generators see it, from the earlier
areas' rows: its members on a day, its chair on a day, its community and theme.

``members_on`` and ``chair_on`` answer exactly as ``services.meetings.common.members_on``
and ``services.rotation.chair_on`` would on the written rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from alliance_desk.core.vocab import ChairTermState, MembershipRole, UnitCategory
from alliance_desk.services.demo.audit import AUDITED_BLOCKS
from alliance_desk.services.demo.common import DemoData, Row
from alliance_desk.services.demo.themes import THEMES, Theme
from alliance_desk.storage.models import Alliance, ChairTerm, Membership, Unit

_THEMES = {theme.name: theme for theme in THEMES}


@dataclass
class AllianceContext:
    alliance: Row
    theme: Theme
    lead: Row
    """The community that leads the alliance (the only community among its members)."""
    seats: list[tuple[Row, Row]] = field(default_factory=list)
    """(membership, unit) in rotation order."""
    terms: list[Row] = field(default_factory=list)
    actor: str = ""
    """The street clerk whose name the audit entries carry."""
    audited: bool = True
    """Whether its meetings and commitments get audit entries (``audit.AUDITED_BLOCKS``)."""

    @property
    def id(self) -> int:
        return int(self.alliance["id"])

    def members_on(self, day: date) -> list[Row]:
        """Units seated on ``day`` (joined on or before it, not left before it)."""
        return [
            unit
            for seat, unit in self.seats
            if seat["joined_on"] <= day and (seat["left_on"] is None or seat["left_on"] >= day)
        ]

    def units_through(self, first: date, last: date) -> list[Row]:
        """Non-community units seated on every day of ``first..last``."""
        return [
            unit
            for seat, unit in self.seats
            if seat["joined_on"] <= first
            and (seat["left_on"] is None or seat["left_on"] >= last)
            and unit["category"] is not UnitCategory.COMMUNITY
        ]

    def first_leaving(self, *unit_ids: int) -> date | None:
        """The earliest day one of these units left the alliance; None if all stay."""
        days = [
            seat["left_on"]
            for seat, unit in self.seats
            if unit["id"] in unit_ids and seat["left_on"] is not None
        ]
        return min(days) if days else None

    def chair_on(self, day: date) -> int | None:
        for term in self.terms:
            if term["period_start"] <= day <= term["period_end"]:
                return None if term["state"] is ChairTermState.SKIPPED else term["unit_id"]
        return None


def _theme(alliance: Row) -> Theme:
    name = str(alliance["name"])
    start, end = name.find("“"), name.find("”")
    return _THEMES.get(name[start + 1 : end], THEMES[0])


def build_contexts(data: DemoData, actors: list[str]) -> list[AllianceContext]:
    """One context per alliance, in id order; ``actors[i]`` is block ``i``'s clerk."""
    units = {u["id"]: u for u in data.of(Unit)}
    contexts: dict[int, AllianceContext] = {}
    per_block = max(1, len(data.of(Alliance)) // max(1, len(actors)))
    for index, alliance in enumerate(data.of(Alliance)):
        block = min(index // per_block, len(actors) - 1)
        contexts[alliance["id"]] = AllianceContext(
            alliance, _theme(alliance), {}, actor=actors[block], audited=block < AUDITED_BLOCKS
        )
    for seat in sorted(data.of(Membership), key=lambda m: (m["rotation_order"], m["id"])):
        context = contexts[seat["alliance_id"]]
        unit = units[seat["unit_id"]]
        context.seats.append((seat, unit))
        if seat["role"] is MembershipRole.LEAD:
            context.lead = unit
    for term in data.of(ChairTerm):
        contexts[term["alliance_id"]].terms.append(term)
    for context in contexts.values():
        context.terms.sort(key=lambda t: t["period_start"])
    return list(contexts.values())
