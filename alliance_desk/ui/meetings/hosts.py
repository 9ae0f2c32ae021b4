"""Who may host a meeting on a day, and who hosts by default: the chair of that date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from alliance_desk.core.vocab import ChairTermState
from alliance_desk.services import Database
from alliance_desk.services.alliances import MemberRow, get_alliance
from alliance_desk.services.rotation import TermRow, list_terms


def members_on(members: Sequence[MemberRow], on: date) -> list[MemberRow]:
    """The memberships current on ``on``, in rotation order, one per unit."""
    current = sorted(
        (m for m in members if m.joined_on <= on and (m.left_on is None or m.left_on >= on)),
        key=lambda m: (m.rotation_order, m.membership_id),
    )
    seen: set[int] = set()
    found = []
    for member in current:
        if member.unit_id not in seen:
            seen.add(member.unit_id)
            found.append(member)
    return found


def chair_of(terms: Sequence[TermRow], on: date) -> TermRow | None:
    """The term chairing on ``on`` (a skipped term chairs nobody)."""
    for term in terms:
        if term.is_current(on) and term.state is not ChairTermState.SKIPPED and term.unit_id:
            return term
    return None


class AllianceHosts:
    """An alliance's members and rota, read once for a dialog (no session kept)."""

    def __init__(self, db: Database, alliance_id: int) -> None:
        self.alliance_id = alliance_id
        self.members = get_alliance(db, alliance_id).members
        self._db = db
        self._terms: dict[int, list[TermRow]] = {}

    def terms(self, year: int) -> list[TermRow]:
        if year not in self._terms:
            self._terms[year] = list_terms(self._db, alliance_id=self.alliance_id, year=year)
        return self._terms[year]

    def chair(self, on: date) -> TermRow | None:
        return chair_of(self.terms(on.year), on)

    def members_on(self, on: date) -> list[MemberRow]:
        return members_on(self.members, on)
