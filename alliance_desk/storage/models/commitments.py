"""双向承诺, their progress, and 双向评价."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, Rating
from alliance_desk.storage.base import Base, Versioned, enum_column


class Commitment(Versioned, Base):
    """Overdue is derived from ``due_on`` and ``state``; it is never stored."""

    __tablename__ = "commitment"
    __table_args__ = (
        Index("ix_commitment_state_due", "state", "due_on"),
        Index("ix_commitment_alliance_state", "alliance_id", "state"),
        # The list's default order (due date), the dashboard's year figures and the
        # fulfilment report's outcomes read only these columns: one index walk instead of
        # sorting or scanning the table.
        Index(
            "ix_commitment_due_cover",
            "due_on",
            "alliance_id",
            "direction",
            "state",
            "fulfilled_on",
            "promisor_unit_id",
        ),
        Index("ix_commitment_made_on", "made_on"),
        Index("ix_commitment_fulfilled_state", "fulfilled_on", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    promisor_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    promisee_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    direction: Mapped[CommitmentDirection] = mapped_column(
        enum_column(CommitmentDirection, "direction")
    )
    content: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(50), default="")
    source_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision.id", ondelete="SET NULL"), index=True
    )
    made_on: Mapped[date]
    due_on: Mapped[date]
    state: Mapped[CommitmentState] = mapped_column(
        enum_column(CommitmentState, "state"), default=CommitmentState.PROPOSED
    )
    fulfilled_on: Mapped[date | None]
    cancel_reason: Mapped[str] = mapped_column(Text, default="")


class ProgressUpdate(Versioned, Base):
    __tablename__ = "progress_update"
    __table_args__ = (CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    recorded_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    percent: Mapped[int] = mapped_column(default=0)
    evidence_note: Mapped[str] = mapped_column(Text, default="")
    attachment_path: Mapped[str] = mapped_column(String(500), default="")


class AttachmentContent(Base):
    """The bytes of a progress update's attachment, so every clerk of a shared database
    can open it (the file in the data folder is a local copy)."""

    __tablename__ = "attachment_content"

    id: Mapped[int] = mapped_column(primary_key=True)
    progress_update_id: Mapped[int] = mapped_column(
        ForeignKey("progress_update.id", ondelete="CASCADE"), unique=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Evaluation(Versioned, Base):
    """One side's rating of the other, for a commitment or for a year."""

    __tablename__ = "evaluation"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        CheckConstraint("commitment_id IS NOT NULL OR year IS NOT NULL", name="rated_subject"),
        UniqueConstraint("commitment_id", "rater_unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int | None]
    rater_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    ratee_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    rating: Mapped[Rating] = mapped_column(enum_column(Rating, "rating"))
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_on: Mapped[date]
