"""Who sits in which alliance: 7–10 seats each, the community as 牵头, some units in
two or three alliances, a few seats ended (and a few units gone inactive) as history."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from alliance_desk.core.vocab import MembershipRole
from alliance_desk.services.demo.common import DEMO_TODAY, Row, random_date
from alliance_desk.services.demo.themes import Theme
from alliance_desk.services.demo.units import UnitBlock

MIN_SEATS, MAX_SEATS = 7, 10  # per alliance, the lead included
MAX_ALLIANCES_PER_UNIT = 3
INACTIVE_PER_BLOCK = 4  # units that left their only alliance and were deactivated
EXTRA_ENDED_PER_BLOCK = 6  # seats ended by units that stay in another alliance
LATEST_JOIN = DEMO_TODAY - timedelta(days=90)


@dataclass
class _Seats:
    alliance: Row
    size: int
    units: list[Row]
    liked: frozenset[int]  # ids of the units whose names match the theme's keywords

    @property
    def room(self) -> int:
        return self.size - 1 - len(self.units)

    def likes(self, unit: Row) -> bool:
        return unit["id"] in self.liked


def _place(rng: random.Random, seats: list[_Seats], others: list[Row]) -> dict[int, int]:
    """Every unit gets one seat, then the free seats go to units already seated."""
    while sum(s.room for s in seats) < len(others):
        growable = [s for s in seats if s.size < MAX_SEATS]
        if not growable:
            raise RuntimeError("demo: more units than alliance seats")
        rng.choice(growable).size += 1
    count = {unit["id"]: 0 for unit in others}
    for unit in rng.sample(others, k=len(others)):
        open_seats = [s for s in seats if s.room > 0]
        pool = [s for s in open_seats if s.likes(unit)] or open_seats
        most = max(s.room for s in pool)
        rng.choice([s for s in pool if s.room == most]).units.append(unit)
        count[unit["id"]] += 1
    for seat in seats:
        while seat.room > 0:
            taken = {u["id"] for u in seat.units}
            pool = [
                u
                for u in others
                if count[u["id"]] < MAX_ALLIANCES_PER_UNIT and u["id"] not in taken
            ]
            liked = [u for u in pool if seat.likes(u)]
            if liked and rng.random() < 0.7:
                pool = liked
            weights = [3 if count[u["id"]] == 1 else 1 for u in pool]
            unit = rng.choices(pool, weights=weights)[0]
            seat.units.append(unit)
            count[unit["id"]] += 1
    return count


def _rows(rng: random.Random, seat: _Seats, lead: Row, first_id: int) -> list[Row]:
    founded = seat.alliance["founded_on"]
    joined = [
        founded
        if rng.random() < 0.7
        else random_date(
            rng, founded + timedelta(days=30), min(founded + timedelta(days=1000), LATEST_JOIN)
        )
        for _ in seat.units
    ]
    order = sorted(range(len(seat.units)), key=lambda i: (joined[i], rng.random()))
    rows = [_row(first_id, seat.alliance, lead, MembershipRole.LEAD, founded, 1, True)]
    for position, i in enumerate(order, start=2):
        rows.append(
            _row(
                first_id + position - 1,
                seat.alliance,
                seat.units[i],
                MembershipRole.MEMBER,
                joined[i],
                position,
                rng.random() < 0.92,
            )
        )
    return rows


def _row(
    row_id: int,
    alliance: Row,
    unit: Row,
    role: MembershipRole,
    joined: date,
    order: int,
    eligible: bool,
) -> Row:
    return {
        "id": row_id,
        "alliance_id": alliance["id"],
        "unit_id": unit["id"],
        "role": role,
        "joined_on": joined,
        "left_on": None,
        "chair_eligible": eligible,
        "rotation_order": order,
        "version": 1,
    }


def _end_some(
    rng: random.Random,
    rows_by_alliance: list[list[Row]],
    count: dict[int, int],
    units: dict[int, Row],
) -> None:
    """End a few seats, keeping at least ``MIN_SEATS`` current ones in every alliance."""
    current = [len(rows) for rows in rows_by_alliance]
    seats = [(a, row) for a, rows in enumerate(rows_by_alliance) for row in rows[1:]]
    rng.shuffle(seats)
    inactive = extra = 0
    for a, row in seats:
        if current[a] <= MIN_SEATS:
            continue
        only_seat = count[row["unit_id"]] == 1
        if only_seat and inactive < INACTIVE_PER_BLOCK:
            inactive += 1
            units[row["unit_id"]]["active"] = False
        elif not only_seat and extra < EXTRA_ENDED_PER_BLOCK:
            extra += 1
            count[row["unit_id"]] -= 1  # it stays in its other alliance(s)
        else:
            continue
        current[a] -= 1
        first = min(row["joined_on"] + timedelta(days=180), DEMO_TODAY - timedelta(days=30))
        row["left_on"] = random_date(rng, first, DEMO_TODAY - timedelta(days=30))
        row["chair_eligible"] = False


def build_memberships(
    rng: random.Random,
    blocks: list[UnitBlock],
    alliances: list[list[tuple[Row, Theme]]],
    first_id: int = 1,
) -> list[Row]:
    result: list[Row] = []
    next_id = first_id
    for block, block_alliances in zip(blocks, alliances, strict=True):
        seats = [
            _Seats(
                row,
                rng.randint(MIN_SEATS, MAX_SEATS),
                [],
                frozenset(
                    u["id"]
                    for u in block.others
                    if any(word in u["name"] for word in theme.keywords)
                ),
            )
            for row, theme in block_alliances
        ]
        count = _place(rng, seats, block.others)
        rows_by_alliance = []
        for seat, lead in zip(seats, block.communities, strict=True):
            rows = _rows(rng, seat, lead, next_id)
            next_id += len(rows)
            rows_by_alliance.append(rows)
        _end_some(rng, rows_by_alliance, count, {u["id"]: u for u in block.others})
        result.extend(row for rows in rows_by_alliance for row in rows)
    return result
