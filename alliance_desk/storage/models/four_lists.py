"""四项清单: needs (需求), resources (资源), projects (项目) and their claims (责任, as
commitments), resident ratings (群众评议) and wall postings (上墙公示, 第N期)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

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
from alliance_desk.storage.base import Base, Versioned, enum_column


class NeedCategory(Versioned, Base):
    """The clerk's list of need categories (养老服务, 环境整治, …)."""

    __tablename__ = "need_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    position: Mapped[int] = mapped_column(default=0)


class ListSettings(Versioned, Base):
    """One row: the clerk's settings for the four lists."""

    __tablename__ = "list_settings"
    __table_args__ = (CheckConstraint("claim_days > 0", name="claim_days_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_days: Mapped[int] = mapped_column(default=30)
    """A project 公示待认领 longer than this many days is flagged."""


class Need(Versioned, Base):
    __tablename__ = "need"
    __table_args__ = (
        CheckConstraint("households >= 0", name="households"),
        Index("ix_need_alliance_state", "alliance_id", "state"),
        Index("ix_need_registered_state", "registered_on", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(50))
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    community_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    grid: Mapped[str] = mapped_column(String(50), default="")
    source: Mapped[NeedSource] = mapped_column(enum_column(NeedSource, "source"))
    proposer: Mapped[Proposer] = mapped_column(enum_column(Proposer, "proposer"))
    proposer_name: Mapped[str] = mapped_column(String(50), default="")
    """Personal detail: never printed on public lists."""
    proposer_phone: Mapped[str] = mapped_column(String(30), default="")
    """Personal detail: never printed on public lists."""
    households: Mapped[int] = mapped_column(default=0)
    urgency: Mapped[Urgency] = mapped_column(enum_column(Urgency, "urgency"))
    registrar: Mapped[str] = mapped_column(String(50), default="")
    registered_on: Mapped[date]
    public: Mapped[bool] = mapped_column(default=True)
    state: Mapped[NeedState] = mapped_column(
        enum_column(NeedState, "state"), default=NeedState.PENDING
    )
    state_reason: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("need.id", ondelete="SET NULL"))


class Resource(Versioned, Base):
    __tablename__ = "resource"
    __table_args__ = (Index("ix_resource_alliance_state", "alliance_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    category: Mapped[ResourceCategory] = mapped_column(enum_column(ResourceCategory, "category"))
    content: Mapped[str] = mapped_column(Text)
    quantity: Mapped[str] = mapped_column(String(100), default="")
    """数量或时段, as the unit words it."""
    contact: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    valid_until: Mapped[date | None]
    state: Mapped[ResourceState] = mapped_column(
        enum_column(ResourceState, "state"), default=ResourceState.ACTIVE
    )


class Project(Versioned, Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("planned_end >= planned_start", name="planned_order"),
        Index("ix_project_alliance_state", "alliance_id", "state"),
        Index("ix_project_finished_state", "finished_on", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    community_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    participants: Mapped[str] = mapped_column(Text, default="")
    """参与单位, names separated by 、."""
    measures: Mapped[str] = mapped_column(Text, default="")
    expected_outcome: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    origin: Mapped[ProjectOrigin] = mapped_column(enum_column(ProjectOrigin, "origin"))
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    state: Mapped[ProjectState] = mapped_column(
        enum_column(ProjectState, "state"), default=ProjectState.DRAFT
    )
    shelved_from: Mapped[ProjectState | None] = mapped_column(
        enum_column(ProjectState, "shelved_from")
    )
    created_on: Mapped[date]
    published_on: Mapped[date | None]
    claimed_on: Mapped[date | None]
    finished_on: Mapped[date | None]
    state_reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    """完成情况, written when the project is finished."""


class ProjectNeed(Base):
    __tablename__ = "project_need"
    __table_args__ = (UniqueConstraint("project_id", "need_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)


class ProjectResource(Base):
    __tablename__ = "project_resource"
    __table_args__ = (UniqueConstraint("project_id", "resource_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resource.id", ondelete="CASCADE"), index=True
    )


class ProjectClaim(Versioned, Base):
    """责任清单: a unit's claim of a project, kept as a two-way commitment (unit → community).

    The commitment carries the claiming unit, the promise, the deadline, its state,
    progress and ratings; this row adds what the wall shows beyond it.
    """

    __tablename__ = "project_claim"
    __table_args__ = (UniqueConstraint("commitment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    milestones: Mapped[str] = mapped_column(Text, default="")
    """节点, one a line (e.g. “4月底 完成选址”)."""


class ResidentRating(Versioned, Base):
    """群众评议 of one finished project."""

    __tablename__ = "resident_rating"
    __table_args__ = (
        UniqueConstraint("project_id"),
        CheckConstraint(
            "satisfied >= 0 AND basically_satisfied >= 0 AND unsatisfied >= 0", name="votes"
        ),
        CheckConstraint(
            "satisfied + basically_satisfied + unsatisfied <= participants", name="tally"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    rated_on: Mapped[date]
    participants: Mapped[int]
    satisfied: Mapped[int]
    basically_satisfied: Mapped[int]
    unsatisfied: Mapped[int]
    comments: Mapped[str] = mapped_column(Text, default="")


class WallPosting(Versioned, Base):
    """One printed 公示表 issue (第N期) of a scope: an alliance, or all (alliance NULL)."""

    __tablename__ = "wall_posting"
    __table_args__ = (Index("ix_wall_posting_scope", "scope_key", "number", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope_key: Mapped[str] = mapped_column(String(30))
    """``all`` or ``alliance:<id>``: issues are numbered per scope."""
    alliance_id: Mapped[int | None] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    number: Mapped[int]
    posted_on: Mapped[date]
    paper: Mapped[str] = mapped_column(String(10), default="A4")
    lines: Mapped[str] = mapped_column(Text)
    """The printed lines as JSON: project id → field → text."""
    adjustments: Mapped[str] = mapped_column(Text, default="")
    """本期调整, one a line."""
