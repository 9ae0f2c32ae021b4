"""The register: member units, alliances and who belongs to which."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.core.vocab import ChairPeriod, MembershipRole, UnitCategory
from alliance_desk.storage.base import Base, Versioned, enum_column


class Unit(Versioned, Base):
    """成员单位."""

    __tablename__ = "unit"
    __table_args__ = (CheckConstraint("party_member_count >= 0", name="party_members"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    category: Mapped[UnitCategory] = mapped_column(enum_column(UnitCategory, "category"))
    party_org_name: Mapped[str] = mapped_column(String(200), default="")
    secretary: Mapped[str] = mapped_column(String(50), default="")
    liaison: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    party_member_count: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True, index=True)


class Alliance(Versioned, Base):
    """党建联盟."""

    __tablename__ = "alliance"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    lead_organisation: Mapped[str] = mapped_column(String(200), default="")
    founded_on: Mapped[date | None]
    charter: Mapped[str] = mapped_column(Text, default="")
    chair_period: Mapped[ChairPeriod] = mapped_column(
        enum_column(ChairPeriod, "chair_period"), default=ChairPeriod.QUARTER
    )
    active: Mapped[bool] = mapped_column(default=True)


class Membership(Versioned, Base):
    """A unit's seat in an alliance; ending it keeps the row as history."""

    __tablename__ = "membership"
    __table_args__ = (
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_after_joined"),
        Index("ix_membership_alliance_unit", "alliance_id", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[MembershipRole] = mapped_column(
        enum_column(MembershipRole, "role"), default=MembershipRole.MEMBER
    )
    joined_on: Mapped[date]
    left_on: Mapped[date | None]
    chair_eligible: Mapped[bool] = mapped_column(default=True)
    rotation_order: Mapped[int] = mapped_column(default=0)
