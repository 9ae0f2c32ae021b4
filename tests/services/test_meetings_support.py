"""Builders shared by the meeting service tests (no tests here).

Imported as ``test_meetings_support`` (pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from alliance_desk.core.vocab import AttendanceState, ChairPeriod, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services import rotation as rota
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.units import UnitInput, create_unit

MEMBERS = ("城东社区", "人民医院", "供电公司", "民政局")
PLACE = "城东社区党群服务中心三楼会议室"


@dataclass(frozen=True)
class Club:
    """An alliance and its member units by name."""

    alliance_id: int
    units: dict[str, int]

    def __getitem__(self, name: str) -> int:
        return self.units[name]

    @property
    def first(self) -> int:
        return next(iter(self.units.values()))


def make_unit(db: Database, name: str) -> int:
    category = UnitCategory.COMMUNITY if name.endswith("社区") else UnitCategory.GOVERNMENT
    return create_unit(db, UnitInput(name=name, category=category)).unit.id


def make_club(
    db: Database,
    name: str = "城东党建联盟",
    members: tuple[str, ...] = MEMBERS,
    joined: date = date(2020, 1, 1),
) -> Club:
    alliance_id = create_alliance(
        db, AllianceInput(name=name, chair_period=ChairPeriod.QUARTER)
    ).alliance.id
    units = {n: make_unit(db, n) for n in members}
    add_members(db, alliance_id, list(units.values()), joined_on=joined)
    return Club(alliance_id, units)


def plan_rota(db: Database, year: int = 2026) -> None:
    """Quarterly chairs in rotation order: Q1 the first member, Q2 the second …"""
    rota.save_plan(db, rota.preview_plan(db, start=date(year, 1, 1), end=date(year, 12, 31)))


def schedule(db: Database, club: Club, at: datetime, **kwargs: object) -> mt.MeetingDetail:
    kwargs.setdefault("place", PLACE)
    result = mt.schedule_meeting(db, alliance_id=club.alliance_id, starts_at=at, **kwargs)  # type: ignore[arg-type]
    assert result.meeting is not None, result.warning
    return result.meeting


def with_agenda(db: Database, club: Club, at: datetime, *titles: str) -> mt.MeetingDetail:
    detail = schedule(db, club, at)
    items = [
        mt.AgendaInput(title=t, presenter_unit_id=club.first, minutes_allotted=15)
        for t in titles or ("通报第四季度工作",)
    ]
    return mt.add_agenda_items(db, detail.meeting.id, items)


def everyone_present(club: Club) -> list[mt.AttendanceInput]:
    return [mt.AttendanceInput(u, AttendanceState.PRESENT, "张三") for u in club.units.values()]


def held(db: Database, club: Club, at: datetime, *titles: str) -> mt.MeetingDetail:
    """A meeting notified, attended by every member and held."""
    detail = with_agenda(db, club, at, *titles)
    mt.notify(db, detail.meeting.id)
    mt.record_attendance(db, detail.meeting.id, everyone_present(club))
    return mt.hold_meeting(db, detail.meeting.id, today=at.date())


def minutes_version(db: Database, meeting_id: int) -> int:
    minutes = mt.get_meeting(db, meeting_id).minutes
    assert minutes is not None
    return minutes.version
