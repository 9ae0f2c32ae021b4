"""What the four-list services hand out: plain frozen dataclasses, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from alliance_desk.core.four_lists.vocab import (
    NeedSource,
    NeedState,
    ProjectOrigin,
    ProjectState,
    Proposer,
    ResourceCategory,
    ResourceState,
    Urgency,
)
from alliance_desk.core.vocab import CommitmentState


@dataclass(frozen=True, slots=True)
class NeedInput:
    """What a clerk writes on the 需求征集登记表."""

    title: str
    category: str
    alliance_id: int
    community_unit_id: int
    source: NeedSource
    proposer: Proposer
    registered_on: date
    content: str = ""
    grid: str = ""
    proposer_name: str = ""
    proposer_phone: str = ""
    households: int = 0
    urgency: Urgency = Urgency.NORMAL
    registrar: str = ""
    public: bool = True


class NeedRow(NamedTuple):
    """A tuple (not a frozen dataclass): a city's list makes 60,000 of them, and a tuple
    is made in a fifth of the time."""

    id: int
    code: str
    title: str
    content: str
    category: str
    alliance_id: int
    alliance_name: str
    community_unit_id: int
    community_name: str
    grid: str
    source: NeedSource
    proposer: Proposer
    proposer_name: str
    proposer_phone: str
    households: int
    urgency: Urgency
    registrar: str
    registered_on: date
    public: bool
    state: NeedState
    state_reason: str
    merged_into_id: int | None
    version: int

    def as_input(self) -> NeedInput:
        return NeedInput(
            self.title,
            self.category,
            self.alliance_id,
            self.community_unit_id,
            self.source,
            self.proposer,
            self.registered_on,
            self.content,
            self.grid,
            self.proposer_name,
            self.proposer_phone,
            self.households,
            self.urgency,
            self.registrar,
            self.public,
        )


@dataclass(frozen=True, slots=True)
class ResourceInput:
    alliance_id: int
    unit_id: int
    category: ResourceCategory
    content: str
    quantity: str = ""
    contact: str = ""
    contact_phone: str = ""
    valid_until: date | None = None


@dataclass(frozen=True, slots=True)
class ResourceRow:
    id: int
    alliance_id: int
    alliance_name: str
    unit_id: int
    unit_name: str
    category: ResourceCategory
    content: str
    quantity: str
    contact: str
    contact_phone: str
    valid_until: date | None
    state: ResourceState
    version: int

    def as_input(self) -> ResourceInput:
        return ResourceInput(
            self.alliance_id,
            self.unit_id,
            self.category,
            self.content,
            self.quantity,
            self.contact,
            self.contact_phone,
            self.valid_until,
        )


@dataclass(frozen=True, slots=True)
class ProjectInput:
    name: str
    alliance_id: int
    need_ids: tuple[int, ...]
    planned_start: date
    planned_end: date
    origin: ProjectOrigin = ProjectOrigin.VOLUNTEERED
    resource_ids: tuple[int, ...] = ()
    lead_unit_id: int | None = None
    participants: str = ""
    measures: str = ""
    expected_outcome: str = ""
    meeting_id: int | None = None
    """For 联席会议对接: the draft meeting whose agenda gets the 需求—资源对接 item."""


@dataclass(frozen=True, slots=True)
class ProjectRow:
    id: int
    code: str
    name: str
    alliance_id: int
    alliance_name: str
    community_unit_id: int
    community_name: str
    lead_unit_id: int | None
    lead_name: str
    participants: str
    measures: str
    expected_outcome: str
    planned_start: date
    planned_end: date
    origin: ProjectOrigin
    agenda_item_id: int | None
    state: ProjectState
    created_on: date
    published_on: date | None
    claimed_on: date | None
    finished_on: date | None
    state_reason: str
    outcome: str
    version: int
    need_titles: tuple[str, ...] = ()
    resource_texts: tuple[str, ...] = ()
    """“内容（提供单位）” of each linked resource."""
    claim_units: tuple[str, ...] = ()
    unclaimed_too_long: bool = False
    meeting_outcome: str = ""
    """For a project matched at a 联席会议: what the meeting's minutes say of its item."""

    @property
    def on_time(self) -> bool | None:
        if self.finished_on is None:
            return None
        return self.finished_on <= self.planned_end


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A line of the 责任清单: the claim and its commitment."""

    id: int
    project_id: int
    project_code: str
    project_name: str
    alliance_name: str
    commitment_id: int
    unit_id: int
    unit_name: str
    community_name: str
    responsible_person: str
    content: str
    due_on: date
    milestones: str
    state: CommitmentState
    fulfilled_on: date | None
    percent: int | None
    overdue: bool
    version: int


@dataclass(frozen=True, slots=True)
class RatingRow:
    id: int
    project_id: int
    project_name: str
    alliance_name: str
    rated_on: date
    participants: int
    satisfied: int
    basically_satisfied: int
    unsatisfied: int
    comments: str
    version: int

    @property
    def valid_votes(self) -> int:
        return self.satisfied + self.basically_satisfied + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        votes = self.valid_votes
        return (self.satisfied + self.basically_satisfied) / votes if votes else None


@dataclass(frozen=True, slots=True)
class Choice:
    """An id and the name a combo box shows."""

    id: int
    name: str
