"""What the commitment services hand out: plain frozen dataclasses, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from alliance_desk.core.commitments import allowed_targets, shown_percent
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, Rating
from alliance_desk.services.clock import local_today

__all__ = ["local_today"]



@dataclass(frozen=True, slots=True)
class ProgressEntry:
    id: int
    recorded_on: date
    note: str
    percent: int
    evidence_note: str
    attachment_path: str


@dataclass(frozen=True, slots=True)
class RatingEntry:
    """One side's rating of the other on this commitment."""

    id: int
    rater_unit_id: int
    rater_name: str
    ratee_unit_id: int
    ratee_name: str
    rating: Rating
    score: int
    comment: str
    rated_on: date
    version: int


@dataclass(frozen=True, slots=True)
class StateChange:
    """One line of the state history, read from the audit trail."""

    at: datetime
    """When the change was saved (aware, UTC): show it in local time."""
    actor: str
    from_state: CommitmentState | None
    """None for the creation of the commitment."""
    to_state: CommitmentState
    reason: str = ""
    fulfilled_on: date | None = None


@dataclass(frozen=True, slots=True)
class CommitmentDetail:
    id: int
    alliance_id: int
    alliance_name: str
    promisor_unit_id: int
    promisor_name: str
    promisee_unit_id: int
    promisee_name: str
    direction: CommitmentDirection
    content: str
    category: str
    made_on: date
    due_on: date
    state: CommitmentState
    fulfilled_on: date | None
    cancel_reason: str
    version: int
    overdue: bool
    """Open with the due day passed, on the ``today`` the detail was read for."""
    late: bool
    """Fulfilled after the due day."""
    source_decision_id: int | None = None
    source_meeting_id: int | None = None
    source_label: str = ""
    """E.g. “第3次联席会议（2026-03-12）第2项议定事项”; empty without a source decision."""
    progress: tuple[ProgressEntry, ...] = ()
    """Oldest first."""
    rating_by_promisor: RatingEntry | None = None
    """The promisor's rating of the promisee."""
    rating_by_promisee: RatingEntry | None = None
    """The promisee's rating of the promisor."""
    history: tuple[StateChange, ...] = ()
    """Oldest first, starting with the creation."""

    @property
    def percent(self) -> int | None:
        """The latest progress percentage (None before any update); 100 once fulfilled."""
        return shown_percent(self.state, self.progress[-1].percent if self.progress else None)

    @property
    def allowed_states(self) -> tuple[CommitmentState, ...]:
        """States the clerk may move this commitment to now."""
        return allowed_targets(self.state)


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    """One line of the commitment list."""

    id: int
    alliance_id: int
    alliance_name: str
    promisor_unit_id: int
    promisor_name: str
    promisee_unit_id: int
    promisee_name: str
    direction: CommitmentDirection
    category: str
    content: str
    made_on: date
    due_on: date
    state: CommitmentState
    fulfilled_on: date | None
    source_decision_id: int | None
    version: int
    overdue: bool
    late: bool
    percent: int | None
    """Latest progress percentage (None before any update); 100 once fulfilled."""
