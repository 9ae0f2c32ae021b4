"""年终考核: the year's setup (weights, grade rule, lock), adjustments, ballots, surveys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.core.assessment.vocab import AdjustmentKind, Grade, GradeMode
from alliance_desk.storage.base import Base, Versioned, enum_column


class AssessmentYear(Versioned, Base):
    """A year's assessment: grade rule and sign-off lock (an unlock is audited)."""

    __tablename__ = "assessment_year"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    grade_mode: Mapped[GradeMode] = mapped_column(
        enum_column(GradeMode, "grade_mode"), default=GradeMode.THRESHOLDS
    )
    excellent_from: Mapped[float] = mapped_column(Float, default=90.0)
    good_from: Mapped[float] = mapped_column(Float, default=80.0)
    fair_from: Mapped[float] = mapped_column(Float, default=60.0)
    excellent_quota: Mapped[float] = mapped_column(Float, default=20.0)
    good_quota: Mapped[float] = mapped_column(Float, default=30.0)
    locked: Mapped[bool] = mapped_column(default=False)
    signed_off_by: Mapped[str] = mapped_column(String(50), default="")
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime)
    unlock_reason: Mapped[str] = mapped_column(Text, default="")


class IndicatorWeight(Versioned, Base):
    __tablename__ = "indicator_weight"
    __table_args__ = (
        UniqueConstraint("year", "indicator"),
        CheckConstraint("weight BETWEEN 0 AND 100", name="weight_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    indicator: Mapped[str] = mapped_column(String(50))
    weight: Mapped[float] = mapped_column(Float)


class Adjustment(Versioned, Base):
    """加分 / 扣分 with the reason; 一票否决 caps the unit's 等次 at ``cap``."""

    __tablename__ = "assessment_adjustment"
    __table_args__ = (CheckConstraint("points >= 0", name="points_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[AdjustmentKind] = mapped_column(enum_column(AdjustmentKind, "kind"))
    points: Mapped[float] = mapped_column(Float, default=0.0)
    cap: Mapped[Grade | None] = mapped_column(enum_column(Grade, "cap"))
    reason: Mapped[str] = mapped_column(Text)


class RaterGroup(Versioned, Base):
    """述职评议 rater group of a year: its weight and the ballots issued and returned."""

    __tablename__ = "rater_group"
    __table_args__ = (
        UniqueConstraint("year", "name"),
        CheckConstraint("returned <= issued", name="returned_le_issued"),
        CheckConstraint("returned >= 0", name="returned_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    seq: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(String(50))
    weight: Mapped[float] = mapped_column(Float, default=25.0)
    issued: Mapped[int] = mapped_column(default=0)
    returned: Mapped[int] = mapped_column(default=0)


class BallotTally(Versioned, Base):
    """One unit's votes from one rater group (a line of the group's tally sheet)."""

    __tablename__ = "ballot_tally"
    __table_args__ = (
        UniqueConstraint("group_id", "unit_id"),
        CheckConstraint(
            "good >= 0 AND fairly_good >= 0 AND average >= 0 AND poor >= 0", name="votes_positive"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("rater_group.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    good: Mapped[int] = mapped_column(default=0)
    fairly_good: Mapped[int] = mapped_column(default=0)
    average: Mapped[int] = mapped_column(default=0)
    poor: Mapped[int] = mapped_column(default=0)


class SatisfactionSurvey(Versioned, Base):
    """群众满意度测评 of a unit (or of one of its projects) in a year."""

    __tablename__ = "satisfaction_survey"
    __table_args__ = (
        CheckConstraint(
            "satisfied + basically_satisfied + unsatisfied <= participants", name="counts_fit"
        ),
        CheckConstraint(
            "satisfied >= 0 AND basically_satisfied >= 0 AND unsatisfied >= 0",
            name="counts_positive",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("secretary_project.id", ondelete="SET NULL")
    )
    participants: Mapped[int]
    satisfied: Mapped[int] = mapped_column(default=0)
    basically_satisfied: Mapped[int] = mapped_column(default=0)
    unsatisfied: Mapped[int] = mapped_column(default=0)


class AssessmentResult(Base):
    """A unit's signed-off result, frozen when the year is locked (deleted on unlock)."""

    __tablename__ = "assessment_result"
    __table_args__ = (UniqueConstraint("year", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    total: Mapped[float] = mapped_column(Float)
    grade: Mapped[Grade] = mapped_column(enum_column(Grade, "grade"))
    rank: Mapped[int]
    parts: Mapped[dict[str, Any]] = mapped_column(JSON)
