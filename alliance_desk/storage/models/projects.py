"""书记一号工程: the year's 任务书, 书记项目 with milestones, 现场办公 and 督查 records."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.core.projects.vocab import (
    AcceptanceGrade,
    InspectionMethod,
    ProjectCategory,
    ProjectState,
    ReviewResult,
    TaskState,
)
from alliance_desk.storage.base import Base, Versioned, enum_column


class TaskList(Versioned, Base):
    """任务书: one a year, issued by the street's leading group."""

    __tablename__ = "task_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[date | None]


class TaskItem(Versioned, Base):
    """One line of the 任务书; overdue is derived from ``due_on`` and ``state``."""

    __tablename__ = "task_item"
    __table_args__ = (
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),
        UniqueConstraint("task_list_id", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_list_id: Mapped[int] = mapped_column(ForeignKey("task_list.id", ondelete="CASCADE"))
    seq: Mapped[int]
    category: Mapped[str] = mapped_column(String(50), default="")
    content: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    """责任单位; None: the street itself (街道党工委)."""
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    due_on: Mapped[date]
    nodes: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[TaskState] = mapped_column(
        enum_column(TaskState, "state"), default=TaskState.OPEN
    )
    percent: Mapped[int] = mapped_column(default=0)
    progress_note: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None]


class SecretaryProject(Versioned, Base):
    """书记项目."""

    __tablename__ = "secretary_project"
    __table_args__ = (
        CheckConstraint("planned_end >= planned_start", name="planned_order"),
        CheckConstraint("budget >= 0", name="budget_positive"),
        Index("ix_secretary_project_year_state", "year", "state"),
        Index("ix_secretary_project_unit_year", "unit_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    category: Mapped[ProjectCategory] = mapped_column(enum_column(ProjectCategory, "category"))
    secretary_name: Mapped[str] = mapped_column(String(50))
    secretary_title: Mapped[str] = mapped_column(String(50), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    """领办书记's party organisation; None: the street (街道党工委)."""
    problem: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    expected: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    budget: Mapped[float] = mapped_column(Numeric(12, 2, asdecimal=False), default=0.0)
    """Yuan, to the fen (stored exact; read as a float for the audit trail's JSON)."""
    state: Mapped[ProjectState] = mapped_column(
        enum_column(ProjectState, "state"), default=ProjectState.DECLARED
    )
    review_result: Mapped[ReviewResult | None] = mapped_column(
        enum_column(ReviewResult, "review_result")
    )
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[date | None]
    acceptance_grade: Mapped[AcceptanceGrade | None] = mapped_column(
        enum_column(AcceptanceGrade, "acceptance_grade")
    )
    acceptance_comment: Mapped[str] = mapped_column(Text, default="")
    accepted_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    postpone_reason: Mapped[str] = mapped_column(Text, default="")
    terminate_reason: Mapped[str] = mapped_column(Text, default="")


class Milestone(Versioned, Base):
    """进度节点; its state and warning are derived from the dates."""

    __tablename__ = "milestone"
    __table_args__ = (
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),
        CheckConstraint("duration >= 1", name="duration_positive"),
        UniqueConstraint("project_id", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("secretary_project.id", ondelete="CASCADE"))
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    duration: Mapped[int] = mapped_column(default=1)
    """Working days."""
    planned_start: Mapped[date]
    planned_on: Mapped[date]
    actual_on: Mapped[date | None]
    percent: Mapped[int] = mapped_column(default=0)
    evidence: Mapped[str] = mapped_column(Text, default="")


class SiteVisit(Versioned, Base):
    """现场办公."""

    __tablename__ = "site_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("secretary_project.id", ondelete="CASCADE"), index=True
    )
    visited_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    issues: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")


class Inspection(Versioned, Base):
    """督查: a problem found, what must be put right by when, and its 销号."""

    __tablename__ = "inspection"
    __table_args__ = (Index("ix_inspection_unit_date", "unit_id", "inspected_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("secretary_project.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    """The unit answerable for the problem; None: the street."""
    inspected_on: Mapped[date]
    method: Mapped[InspectionMethod] = mapped_column(enum_column(InspectionMethod, "method"))
    problem: Mapped[str] = mapped_column(Text)
    requirement: Mapped[str] = mapped_column(Text, default="")
    fix_by: Mapped[date | None]
    closed_on: Mapped[date | None]
    """销号 day; None while open."""
    close_note: Mapped[str] = mapped_column(Text, default="")
