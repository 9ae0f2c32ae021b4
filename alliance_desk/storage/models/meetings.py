"""联席会议: meetings, agenda, attendance, minutes and decisions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.core.vocab import AgendaKind, AgendaOrigin, AttendanceState, MeetingState
from alliance_desk.storage.base import Base, Versioned, enum_column


class Meeting(Versioned, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("alliance_id", "sequence_no"),
        # The dashboard counts a year's meetings by state from this index alone.
        Index("ix_meeting_starts_state", "starts_at", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id", ondelete="CASCADE"))
    sequence_no: Mapped[int]
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    host_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    host_note: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[MeetingState] = mapped_column(
        enum_column(MeetingState, "state"), default=MeetingState.DRAFT
    )
    state_reason: Mapped[str] = mapped_column(Text, default="")
    """Why the meeting last went back a step (withdrawn notice, reopened minutes)."""
    notice_issued_on: Mapped[date | None] = mapped_column(Date, default=None)
    """发文日期 of the notice: set when marked 已通知 or first printed; the clerk may change it."""


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[AgendaKind] = mapped_column(
        enum_column(AgendaKind, "kind"), default=AgendaKind.BRIEFING
    )
    presenter_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    minutes_allotted: Mapped[int] = mapped_column(default=10)
    origin: Mapped[AgendaOrigin] = mapped_column(
        enum_column(AgendaOrigin, "origin"), default=AgendaOrigin.PROPOSED
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    reached: Mapped[bool] = mapped_column(default=True)


class Attendance(Versioned, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    guest_name: Mapped[str] = mapped_column(String(200), default="")
    attendee: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[AttendanceState] = mapped_column(
        enum_column(AttendanceState, "state"), default=AttendanceState.PRESENT
    )


class Minutes(Versioned, Base):
    """会议纪要; approval locks it."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), unique=True
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str] = mapped_column(String(100), default="")


class Decision(Versioned, Base):
    """议定事项."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    content: Mapped[str] = mapped_column(Text)
