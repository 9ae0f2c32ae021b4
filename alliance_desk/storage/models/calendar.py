"""节假日安排: the State Council's holidays and adjusted working days, as the clerk entered them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from alliance_desk.storage.base import Base, Versioned


class CalendarDay(Versioned, Base):
    """One entered day; it wins over the ``chinesecalendar`` package and the weekday rule."""

    __tablename__ = "calendar_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    is_workday: Mapped[bool]
    name: Mapped[str] = mapped_column(String(50), default="")
