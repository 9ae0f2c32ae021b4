"""Shared by the 书记一号工程 services: names, the street, text checks, the calendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.core.meetings import WorkdayCalendar
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error
from alliance_desk.services.meetings.common import load_overrides
from alliance_desk.storage.models import Unit

STREET = "街道党工委"
"""Who stands for the street where a unit is asked for (责任单位, 领办党组织)."""

YEAR_RANGE = range(2000, 2100)


def check_year(year: int) -> int:
    if not isinstance(year, int) or year not in YEAR_RANGE:
        raise DomainError("年度应在 2000–2099 之间。", field="year")
    return year


def text(value: str, label: str, limit: int, field: str, *, required: bool = False) -> str:
    """``value`` cleaned; too long or (when ``required``) empty → a DomainError at ``field``."""
    cleaned = clean_text(value or "")
    if required and not cleaned:
        raise DomainError(f"请填写{label}。", field=field)
    too_long = length_error(cleaned, label, limit)
    if too_long:
        raise DomainError(f"{too_long}。", field=field)
    return cleaned


def unit_names(session: Session, ids: Iterable[int | None]) -> dict[int | None, str]:
    """id → unit name, and None → the street."""
    wanted = {i for i in ids if i is not None}
    names: dict[int | None, str] = {None: STREET}
    if wanted:
        query = select(Unit.id, Unit.name)
        if len(wanted) <= 500:
            query = query.where(Unit.id.in_(wanted))
        names.update(dict(session.execute(query).all()))
    return names


def check_unit(session: Session, unit_id: int | None, field: str = "unit_id") -> None:
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise DomainError("所选单位不存在，可能已被删除。", field=field)


def workday_calendar(session: Session) -> WorkdayCalendar:
    """The meetings' workday calendar with the clerk's entered holidays."""
    return WorkdayCalendar(load_overrides(session))


def check_date(value: date | None, label: str, field: str) -> date:
    if not isinstance(value, date):
        raise DomainError(f"请选择{label}。", field=field)
    return value
