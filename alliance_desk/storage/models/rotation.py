"""轮值主席 terms."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.core.vocab import ChairTermState
from alliance_desk.storage.base import Base, Versioned, enum_column


class ChairTerm(Versioned, Base):
    __tablename__ = "chair_term"
    __table_args__ = (
        UniqueConstraint("alliance_id", "period_start"),
        CheckConstraint("period_end >= period_start", name="period_order"),
        Index("ix_chair_term_unit_period", "unit_id", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    state: Mapped[ChairTermState] = mapped_column(
        enum_column(ChairTermState, "state"), default=ChairTermState.PLANNED
    )
    locked: Mapped[bool] = mapped_column(default=False)
    explanation: Mapped[str] = mapped_column(Text, default="")
    change_reason: Mapped[str] = mapped_column(Text, default="")
