"""社区工作日 / 双报到双服务: unit reports, in-service members and their state history, service
posts and claims, activities with attendance and hours, helping pairs with visits, the
community's evaluation of each member, and the clerk's settings.

States and attendance kinds are stored as their codes (``core.workday.states.MemberState``,
``core.workday.hours.Attendance``) in short text columns.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.storage.base import Base, Versioned


class WorkdaySettings(Versioned, Base):
    """One row: the clerk's settings for the 双报到 report."""

    __tablename__ = "workday_settings"
    __table_args__ = (
        CheckConstraint("target_hours >= 0", name="target_hours"),
        CheckConstraint("report_threshold >= 0 AND report_threshold <= 1", name="threshold"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_hours: Mapped[float] = mapped_column(Float, default=20.0)
    """年度目标服务时长 (hours per member per year) for 时长达标率."""
    report_threshold: Mapped[float] = mapped_column(Float, default=0.95)
    """Units whose 报到率 is below this share are flagged."""


class UnitReport(Versioned, Base):
    """单位报到: a member unit's party organisation reports to a community."""

    __tablename__ = "unit_report"
    __table_args__ = (
        UniqueConstraint("unit_id", "community_unit_id"),
        CheckConstraint("member_count >= 0", name="member_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    community_unit_id: Mapped[int] = mapped_column(
        ForeignKey("unit.id", ondelete="CASCADE"), index=True
    )
    reported_on: Mapped[date]
    member_count: Mapped[int] = mapped_column(default=0)
    agreement: Mapped[str] = mapped_column(Text, default="")
    """共建协议 text."""
    attachment_name: Mapped[str] = mapped_column(String(200), default="")
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    """The 共建协议 file's bytes (optional), so every clerk of a shared database can open it."""


class WorkdayMember(Versioned, Base):
    """在职党员: one member of a member unit reporting to a community."""

    __tablename__ = "workday_member"
    __table_args__ = (
        Index("ix_workday_member_unit_state", "unit_id", "state"),
        Index("ix_workday_member_community_state", "community_unit_id", "state"),
        Index("ix_workday_member_name_order", "name_order", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    name_order: Mapped[str] = mapped_column(String(400), default="")
    """The name's pinyin, syllables joined by "0" (张三 → zhang0san): the list's order by an
    index, the same on every database (``workday.members.name_order``)."""
    gender: Mapped[str] = mapped_column(String(4), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    position: Mapped[str] = mapped_column(String(100), default="")
    """职务."""
    phone: Mapped[str] = mapped_column(String(30), default="")
    """Personal detail: masked on lists for posting."""
    residence: Mapped[str] = mapped_column(String(200), default="")
    """居住小区 (personal detail: masked on lists for posting)."""
    community_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL")
    )
    """报到社区."""
    grid: Mapped[str] = mapped_column(String(50), default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    """特长."""
    intention: Mapped[str] = mapped_column(Text, default="")
    """服务意向."""
    report_mode: Mapped[str] = mapped_column(String(24), default="unit")
    """报到方式: ``unit`` (单位组织) or ``personal`` (个人)."""
    reported_on: Mapped[date | None]
    state: Mapped[str] = mapped_column(String(24), default="expected")
    state_reason: Mapped[str] = mapped_column(Text, default="")
    state_changed_on: Mapped[date | None]


class MemberTransition(Base):
    """A member's state change, kept as history (side exits with their reason)."""

    __tablename__ = "workday_member_transition"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("workday_member.id", ondelete="CASCADE"), index=True
    )
    from_state: Mapped[str] = mapped_column(String(24))
    to_state: Mapped[str] = mapped_column(String(24))
    changed_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(50), default="")
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime)


class ServicePostCategory(Versioned, Base):
    """The clerk's list of post categories (政策宣讲, 环境整治, …)."""

    __tablename__ = "service_post_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    position: Mapped[int] = mapped_column(default=0)


class ServicePost(Versioned, Base):
    """服务岗位 of a community, with how many people it needs."""

    __tablename__ = "service_post"
    __table_args__ = (CheckConstraint("needed >= 0", name="needed"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_unit_id: Mapped[int] = mapped_column(
        ForeignKey("unit.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(100))
    needed: Mapped[int] = mapped_column(default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


class PostClaim(Versioned, Base):
    """认岗: a member claims a post."""

    __tablename__ = "post_claim"
    __table_args__ = (UniqueConstraint("post_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("service_post.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(
        ForeignKey("workday_member.id", ondelete="CASCADE"), index=True
    )
    claimed_on: Mapped[date]


class WorkdayActivity(Versioned, Base):
    """社区工作日 / 服务活动."""

    __tablename__ = "workday_activity"
    __table_args__ = (
        Index("ix_workday_activity_community_held", "community_unit_id", "held_on"),
        Index("ix_workday_activity_held", "held_on"),
        CheckConstraint("planned_participants >= 0", name="planned_participants"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date]
    community_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(50))
    content: Mapped[str] = mapped_column(Text, default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    """组织方."""
    planned_start: Mapped[datetime | None] = mapped_column(DateTime)
    planned_end: Mapped[datetime | None] = mapped_column(DateTime)
    planned_participants: Mapped[int] = mapped_column(default=0)
    location: Mapped[str] = mapped_column(String(200), default="")


class ServiceAttendance(Versioned, Base):
    """One member's attendance at an activity. Confirmed rows are locked; a correction is
    a new row (``corrects_id``, ``correction_reason``) and the corrected one is superseded."""

    __tablename__ = "workday_attendance"
    __table_args__ = (
        Index("ix_workday_attendance_activity", "activity_id"),
        Index("ix_workday_attendance_member", "member_id"),
        CheckConstraint("hours >= 0 AND hours <= 24", name="hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("workday_activity.id", ondelete="CASCADE")
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("workday_member.id", ondelete="CASCADE"))
    planned_in: Mapped[datetime | None] = mapped_column(DateTime)
    planned_out: Mapped[datetime | None] = mapped_column(DateTime)
    sign_in: Mapped[datetime | None] = mapped_column(DateTime)
    sign_out: Mapped[datetime | None] = mapped_column(DateTime)
    attendance: Mapped[str] = mapped_column(String(24), default="normal")
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    confirmed: Mapped[bool] = mapped_column(default=False)
    confirmed_on: Mapped[date | None]
    superseded: Mapped[bool] = mapped_column(default=False)
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("workday_attendance.id", ondelete="SET NULL")
    )
    correction_reason: Mapped[str] = mapped_column(Text, default="")


class HelpPair(Versioned, Base):
    """帮扶对子: a member helps a household (personal details masked in every print)."""

    __tablename__ = "help_pair"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("workday_member.id", ondelete="CASCADE"), index=True
    )
    household: Mapped[str] = mapped_column(String(50))
    """帮扶对象 (the head of the household)."""
    household_address: Mapped[str] = mapped_column(String(200), default="")
    household_phone: Mapped[str] = mapped_column(String(30), default="")
    hardship: Mapped[str] = mapped_column(String(50), default="")
    """困难类别."""
    paired_on: Mapped[date]
    measures: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(24), default="paired")
    """``paired`` (结对) or ``ended`` (解除)."""
    ended_on: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")


class PairVisit(Versioned, Base):
    """走访记录 of a helping pair."""

    __tablename__ = "pair_visit"
    __table_args__ = (Index("ix_pair_visit_pair_date", "pair_id", "visited_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("help_pair.id", ondelete="CASCADE"))
    visited_on: Mapped[date]
    content: Mapped[str] = mapped_column(Text, default="")


class MemberEvaluation(Versioned, Base):
    """The community's 评价 of a member for a quarter (1–4) or the year (quarter 0)."""

    __tablename__ = "member_evaluation"
    __table_args__ = (
        UniqueConstraint("member_id", "year", "quarter"),
        CheckConstraint("quarter >= 0 AND quarter <= 4", name="quarter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("workday_member.id", ondelete="CASCADE"))
    year: Mapped[int]
    quarter: Mapped[int] = mapped_column(default=0)
    rating: Mapped[str] = mapped_column(String(24))
    """``good`` 好, ``fairly_good`` 较好, ``average`` 一般, ``poor`` 差."""
    comment: Mapped[str] = mapped_column(Text, default="")
