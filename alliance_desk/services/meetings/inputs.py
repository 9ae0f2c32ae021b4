"""What the meeting services take: the editors' and importers' plain inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alliance_desk.core.vocab import AgendaKind, AgendaOrigin, AttendanceState, CommitmentDirection


# --- inputs ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AgendaInput:
    title: str
    kind: AgendaKind = AgendaKind.BRIEFING
    presenter_unit_id: int | None = None
    minutes_allotted: int = 10
    origin: AgendaOrigin = AgendaOrigin.PROPOSED


@dataclass(frozen=True, slots=True)
class AttendanceInput:
    """One member unit's line of the sign-in sheet."""

    unit_id: int
    state: AttendanceState
    attendee: str = ""
    """Who came (for 委托出席, the delegate: required); empty for absent / excused."""


@dataclass(frozen=True, slots=True)
class GuestInput:
    """列席: someone who is not a member unit (``name``: organisation or role)."""

    name: str
    attendee: str = ""


@dataclass(frozen=True, slots=True)
class DecisionInput:
    """One 议定事项 as the editor holds it; ``id`` is None until it was first saved."""

    content: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class CommitmentInput:
    """One commitment to create from a decision; empty ``content`` takes the decision's."""

    promisor_unit_id: int
    promisee_unit_id: int
    due_on: date
    direction: CommitmentDirection | None = None
    """None: derived from which side is a community."""
    content: str = ""
    category: str = ""
